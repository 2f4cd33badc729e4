"""Training's vocabulary (培训): names in Chinese and English for screens (generated into the
SPA), merged into the technicians area's in area.py."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    # a yearly training plan (年度培训计划): drafted, then approved by leadership (head office
    # for the network's plan, the outlet's manager for the outlet's)
    "training_plan_state": {
        "draft": {"zh": "草稿", "en": "Draft"},
        "approved": {"zh": "已批准", "en": "Approved"},
    },
    # where the training is held (000 §七: 内部培训、外部培训、现场培训)
    "training_kind": {
        "internal": {"zh": "内部培训", "en": "In-house"},
        "external": {"zh": "外部培训", "en": "External"},
        "on_site": {"zh": "现场培训", "en": "On site"},
    },
    # how it is examined (考试、实际操作、撰写报告)
    "training_exam_kind": {
        "exam": {"zh": "考试", "en": "Exam"},
        "practical": {"zh": "实际操作", "en": "Practical"},
        "report": {"zh": "撰写报告", "en": "Written report"},
    },
    "training_session_state": {
        "planned": {"zh": "待记录成绩", "en": "Results to record"},
        "recorded": {"zh": "成绩已记录", "en": "Results recorded"},
    },
    # an attendee's result: the pass mark or above (a certificate when the session issues
    # one), below it (补考 pending), not there (a proposed fine for the manager)
    "training_result": {
        "passed": {"zh": "合格", "en": "Passed"},
        "retake": {"zh": "待补考", "en": "Retake pending"},
        "absent": {"zh": "缺勤", "en": "Absent"},
    },
    # a proposed penalty (缺勤罚款) waiting for the manager
    "proposal_state": {
        "proposed": {"zh": "待审批", "en": "Awaiting decision"},
        "approved": {"zh": "已批准（已入奖惩台账）", "en": "Approved (in the ledger)"},
        "dismissed": {"zh": "已驳回", "en": "Dismissed"},
    },
    "proposal_decision": {
        "approve": {"zh": "批准", "en": "Approve"},
        "dismiss": {"zh": "驳回", "en": "Dismiss"},
    },
}

PLAN_STATES = tuple(VOCABULARY["training_plan_state"])  # draft, approved
TRAINING_KINDS = tuple(VOCABULARY["training_kind"])
EXAM_KINDS = tuple(VOCABULARY["training_exam_kind"])
SESSION_STATES = tuple(VOCABULARY["training_session_state"])  # planned, recorded
RESULTS = tuple(VOCABULARY["training_result"])  # passed, retake, absent
PROPOSAL_STATES = tuple(VOCABULARY["proposal_state"])  # proposed, approved, dismissed
DECISIONS = tuple(VOCABULARY["proposal_decision"])  # approve, dismiss
NETWORK = "NETWORK"  # a plan of head office for the whole network
