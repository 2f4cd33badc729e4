"""The complaints area's vocabulary: its names in Chinese and English, for screens (generated
into the SPA), exports, the monthly report and the notices it composes."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    # what the complaint is about (001 §10 一(一), 004 §9; the brief's service causes)
    "complaint_kind": {
        "quality": {"zh": "产品质量", "en": "Product quality"},
        "service_quality": {"zh": "服务质量", "en": "Service quality"},
        "service_attitude": {"zh": "服务态度", "en": "Staff attitude"},
        "service_lateness": {"zh": "服务不及时", "en": "Lateness"},
        "service_repeat": {"zh": "重复维修", "en": "Repeated repair"},
        "service_solicitation": {"zh": "索要财物/吃请", "en": "Asking for money, gifts or meals"},
        "service_charges": {"zh": "收费问题", "en": "Charges"},
        "transport": {"zh": "运输/包装", "en": "Transport or packaging"},
        "contract": {"zh": "合同纠纷", "en": "Contract dispute"},
        "suggestion": {"zh": "建议与提案", "en": "Suggestion"},
    },
    "complaint_kind_group": {
        "quality": {"zh": "质量投诉", "en": "Quality"},
        "service": {"zh": "服务投诉", "en": "Service"},
        "transport": {"zh": "运输投诉", "en": "Transport"},
        "contract": {"zh": "合同纠纷", "en": "Contract"},
        "suggestion": {"zh": "顾客建议", "en": "Suggestions"},
    },
    # how the customer reached us (001 §13 四.1: 来电、来函、来人; a return visit; the media)
    "complaint_channel": {
        "phone": {"zh": "来电", "en": "Phone"},
        "letter": {"zh": "来函", "en": "Letter"},
        "visit": {"zh": "来人", "en": "In person"},
        "return_visit": {"zh": "回访", "en": "Return visit"},
        "online": {"zh": "网络/微信", "en": "Online / WeChat"},
        "media": {"zh": "媒体/主管部门", "en": "Media or authorities"},
        "other": {"zh": "其他", "en": "Other"},
    },
    "complaint_state": {
        "draft": {"zh": "待确认（回访）", "en": "Draft (return visit)"},
        "registered": {"zh": "待判定", "en": "To judge"},
        "in_progress": {"zh": "处理中", "en": "In progress"},
        "closed": {"zh": "已结案", "en": "Closed"},
        "unfounded": {"zh": "不成立", "en": "Unfounded"},
        "discarded": {"zh": "已撤销", "en": "Discarded"},
    },
    "complaint_action": {
        "create": {"zh": "登记投诉", "en": "Recorded"},
        "draft_from_visit": {"zh": "回访生成投诉草稿", "en": "Drafted from a return visit"},
        "register": {"zh": "确认登记", "en": "Register"},
        "discard": {"zh": "撤销", "en": "Discard"},
        "judge": {"zh": "判定是否成立", "en": "Judge validity"},
        "record_cause": {"zh": "调查原因", "en": "Record the cause"},
        "propose_solution": {"zh": "提出解决办法", "en": "Propose a solution"},
        "approve_solution": {"zh": "批准解决办法", "en": "Approve the solution"},
        "notify_customer": {"zh": "通知顾客", "en": "Notify the customer"},
        "record_responsibility": {"zh": "认定责任", "en": "Record responsibility"},
        "decide_penalty": {"zh": "责任处罚", "en": "Decide the penalty"},
        "plan_improvement": {"zh": "改善对策", "en": "Improvement measure"},
        "complete_improvement": {"zh": "改善完成", "en": "Improvement done"},
        "close": {"zh": "结案", "en": "Close"},
    },
    # what closing needs recorded (its 409 names the missing ones)
    "complaint_step": {
        "cause": {"zh": "调查原因", "en": "Cause"},
        "solution": {"zh": "解决办法（已批准）", "en": "Approved solution"},
        "customer": {"zh": "顾客答复满意", "en": "Customer satisfied"},
        "responsibility": {"zh": "责任认定", "en": "Responsibility"},
        "penalty": {"zh": "处罚决定", "en": "Penalty decision"},
        "improvement": {"zh": "改善对策", "en": "Improvement measure"},
    },
    "customer_answer": {
        "satisfied": {"zh": "满意", "en": "Satisfied"},
        "not_satisfied": {"zh": "不满意", "en": "Not satisfied"},
    },
    "responsibility_kind": {
        "person": {"zh": "个人责任", "en": "A person"},
        "department": {"zh": "部门责任", "en": "A department"},
        "none": {"zh": "无责任", "en": "Nobody"},
    },
    "penalty_decision": {
        "penalty": {"zh": "处罚", "en": "Penalty"},
        "none": {"zh": "不处罚", "en": "No penalty"},
    },
    # 001 §5 第四章/第八章, §13 四.2: fines, lost bonus, warnings, demerits
    "penalty_kind": {
        "fine": {"zh": "罚款", "en": "Fine"},
        "bonus_deduction": {"zh": "扣发奖金", "en": "Bonus deduction"},
        "warning": {"zh": "警告", "en": "Warning"},
        "demerit": {"zh": "记过", "en": "Demerit"},
        "major_demerit": {"zh": "记大过", "en": "Major demerit"},
    },
    "complaint_handler": {
        "outlet": {"zh": "网点处理", "en": "The outlet"},
        "head_office": {"zh": "总部处理", "en": "Head office"},
    },
    # whether a complaint stands (judged), as the rate and its lists say it
    "complaint_validity": {
        "valid": {"zh": "成立", "en": "Valid"},
        "unfounded": {"zh": "不成立", "en": "Unfounded"},
        "pending": {"zh": "待判定", "en": "Not judged yet"},
    },
    "complaint_status": {
        "open": {"zh": "处理中", "en": "Open"},
        "done": {"zh": "已办结", "en": "Done"},
    },
    # the order's timeline (group `event` is shared with the order's own actions)
    "event": {
        "complaint_recorded": {"zh": "客户投诉登记", "en": "Complaint recorded"},
    },
    # inbox notices the complaints area writes (the notifications area's group `notice`)
    "notice": {
        "complaint_rate": {"zh": "月度投诉率", "en": "Monthly complaint rate"},
        "complaint_routed": {"zh": "投诉待处理", "en": "Complaint to handle"},
    },
}
