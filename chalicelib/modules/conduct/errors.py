"""The conduct ledger's field messages in both languages (the error envelope uses them)."""

MESSAGES = {
    "conduct_amount_required": {"zh": "奖励须填写金额（至少 1 分）",
                                "en": "a reward needs an amount (at least 1 fen)"},
    "conduct_reward_has_no_kind": {"zh": "奖励不填处罚类别",
                                   "en": "a reward has no penalty kind"},
}
