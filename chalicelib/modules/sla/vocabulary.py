"""The sla area's vocabulary: its names in Chinese and English, for screens (generated
into the SPA), exports, PDFs and mails alike (chalicelib/kernel/labels.py)."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    "clock": {
        "response": {"zh": "答复客户", "en": "Customer response"},
        "contact": {"zh": "联系客户", "en": "Contact"},
        "arrival": {"zh": "到场", "en": "Arrival"},
        "repair": {"zh": "维修完成", "en": "Repair"},
        "return_visit": {"zh": "回访", "en": "Return visit"},
        "complaint": {"zh": "投诉处理", "en": "Complaint response"},
        "improvement": {"zh": "改善对策", "en": "Improvement measure"},
        "handover": {"zh": "信息交接", "en": "Hand-over to the desk"},
        "answer": {"zh": "咨询答复", "en": "Answer to the customer"},
        "inspection": {"zh": "巡检期限", "en": "Inspection due"},
    },
    # the escalation levels a policy chooses from (domain/policy.py LEVELS)
    "level": {
        "warning": {"zh": "预警", "en": "Warning"},
        "breach": {"zh": "超时", "en": "Breach"},
        "escalation": {"zh": "升级", "en": "Escalation"},
    },
    # whom a level tells (domain/policy.py RECIPIENTS)
    "recipient": {
        "assignee": {"zh": "维修工程师", "en": "Technician"},
        "outlet_manager": {"zh": "网点经理", "en": "Outlet manager"},
        "head_office": {"zh": "总部", "en": "Head office"},
    },
    # what happened, as the order's timeline names it
    "event": {
        "breach_acknowledged": {"zh": "确认超时", "en": "Breach acknowledged"},
    },
    "outcome": {
        "met": {"zh": "按时", "en": "Met"},
        "missed": {"zh": "超时", "en": "Missed"},
        "running": {"zh": "计时中", "en": "Running"},
        "paused": {"zh": "暂停", "en": "Paused"},
        "cancelled": {"zh": "取消", "en": "Cancelled"},
    },
}
