"""The conduct ledger's vocabulary (奖惩台账): its names in Chinese and English, for screens
(generated into the SPA) and the appraisal that reads the ledger. The penalty kinds are the
complaints area's (`penalty_kind`)."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    "conduct_kind": {
        "penalty": {"zh": "处罚", "en": "Penalty"},
        "reward": {"zh": "奖励", "en": "Reward"},
    },
    # where an entry came from: a complaint's penalty decision, or entered by hand (a reward for
    # a valuable suggestion, a manual penalty)
    "conduct_source": {
        "complaint": {"zh": "客户投诉", "en": "Complaint"},
        "manual": {"zh": "手工登记", "en": "Entered by hand"},
        # a fine for missing a training session, approved by the manager (technicians/training.py)
        "training": {"zh": "培训缺勤", "en": "Training absence"},
    },
}

KINDS = tuple(VOCABULARY["conduct_kind"])  # penalty, reward
SOURCES = tuple(VOCABULARY["conduct_source"])  # complaint, manual, training
