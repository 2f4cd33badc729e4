"""The consultations area's vocabulary: its names in Chinese and English, for screens
(generated into the SPA), exports and the notices the SLA engine composes. The channel a
customer used is the complaints' `complaint_channel`."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    "consultation_kind": {
        "question": {"zh": "咨询", "en": "Question"},
        "information": {"zh": "售后信息", "en": "After-sales information"},
    },
    "consultation_state": {
        "open": {"zh": "待接手", "en": "To take over"},
        "taken_over": {"zh": "已接手", "en": "Taken over"},
        "answered": {"zh": "已答复", "en": "Answered"},
        "converted": {"zh": "已转办", "en": "Converted"},
        "closed": {"zh": "已关闭", "en": "Closed"},
    },
    "consultation_status": {
        "open": {"zh": "待处理", "en": "Open"},
        "done": {"zh": "已办结", "en": "Done"},
    },
    "consultation_action": {
        "create": {"zh": "登记咨询/信息", "en": "Recorded"},
        "take_over": {"zh": "服务台接手", "en": "Take over"},
        "answer": {"zh": "答复顾客", "en": "Answer"},
        "close": {"zh": "关闭", "en": "Close"},
        "to_complaint": {"zh": "转为投诉", "en": "Turn into a complaint"},
        "to_order": {"zh": "转为工单", "en": "Turned into an order"},
    },
    "consultation_target": {
        "order": {"zh": "工单", "en": "Work order"},
        "complaint": {"zh": "投诉", "en": "Complaint"},
    },
}
