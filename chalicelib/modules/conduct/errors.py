"""The conduct ledger's field messages in both languages (the error envelope uses them)."""

MESSAGES = {
    "conduct_amount_required": {"zh": "奖励、罚款或扣发奖金须填写金额（至少 1 分）",
                                "en": "a reward, a fine or a bonus deduction needs an amount "
                                      "(at least 1 fen)"},
    "conduct_no_amount": {"zh": "警告、记过等处罚不记金额",
                          "en": "a warning or a demerit carries no amount"},
    "conduct_reward_has_no_kind": {"zh": "奖励不填处罚类别",
                                   "en": "a reward has no penalty kind"},
}
