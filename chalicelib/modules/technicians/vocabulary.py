"""The technicians area's vocabulary: names in Chinese and English for screens (generated into
the SPA). The job classes and certificate types are head office's table (policy), not here."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    # what a technician lacks for a job class (the gate's 409 codes)
    "qualification_problem": {
        "skill_insufficient": {"zh": "星级不足", "en": "Star level too low"},
        "certificate_missing": {"zh": "缺少有效证书", "en": "No valid certificate"},
    },
    # the order's timeline (group `event` is shared with the order's own actions): a manager
    # let a technician do work they lack the stars or a certificate for (technicians/gate.py)
    "event": {
        "skill_override": {"zh": "资质例外（经理特批）", "en": "Qualification overridden"},
    },
    # a certificate today
    "certificate_status": {
        "valid": {"zh": "有效", "en": "Valid"},
        "expiring": {"zh": "即将到期", "en": "Expiring"},
        "expired": {"zh": "已过期", "en": "Expired"},
        "not_yet_valid": {"zh": "未生效", "en": "Not yet valid"},
        "revoked": {"zh": "已注销", "en": "Revoked"},
    },
    # inbox notices the technicians area writes (the notifications area's group `notice`)
    "notice": {
        "certificate_expiring": {"zh": "证书即将到期", "en": "Certificate expiring"},
        "appraisal_ready": {"zh": "月度考核待签字", "en": "Monthly appraisal ready to sign"},
    },
    # the monthly appraisal (月度考核): computed live until the manager signs it off
    "appraisal_state": {
        "open": {"zh": "待签字", "en": "Not signed"},
        "signed": {"zh": "已签字", "en": "Signed"},
    },
    # the appraisal's figures, as an adjustment names what changed in a signed month
    "appraisal_field": {
        "completed": {"zh": "完成工单", "en": "Orders completed"},
        "on_time": {"zh": "按时完成", "en": "Completed on time"},
        "response_met": {"zh": "响应按时", "en": "Response on time"},
        "response_missed": {"zh": "响应超时", "en": "Response late"},
        "contact_met": {"zh": "联系按时", "en": "Contact on time"},
        "contact_missed": {"zh": "联系超时", "en": "Contact late"},
        "arrival_met": {"zh": "到场按时", "en": "Arrival on time"},
        "arrival_missed": {"zh": "到场超时", "en": "Arrival late"},
        "repair_met": {"zh": "修复按时", "en": "Repair on time"},
        "repair_missed": {"zh": "修复超时", "en": "Repair late"},
        "return_visit_met": {"zh": "回访按时", "en": "Return visit on time"},
        "return_visit_missed": {"zh": "回访超时", "en": "Return visit late"},
        "visits": {"zh": "回访次数", "en": "Return visits"},
        "satisfaction": {"zh": "满意度", "en": "Satisfaction"},
        "valid_complaints": {"zh": "有效投诉", "en": "Valid complaints"},
        "repeat_repairs": {"zh": "重复维修", "en": "Repeat repairs"},
        "penalties": {"zh": "处罚次数", "en": "Penalties"},
        "penalties_fen": {"zh": "处罚金额", "en": "Penalty amount"},
        "rewards": {"zh": "奖励次数", "en": "Rewards"},
        "rewards_fen": {"zh": "奖励金额", "en": "Reward amount"},
        "allowance_base": {"zh": "服务津贴基数", "en": "Service allowance base"},
    },
    # what a star change rests on
    "star_reference": {
        "exam": {"zh": "考试", "en": "Exam"},
        "appraisal": {"zh": "考核", "en": "Appraisal"},
    },
}

PROBLEMS = tuple(VOCABULARY["qualification_problem"])
SKILL_INSUFFICIENT, CERTIFICATE_MISSING = PROBLEMS
CERTIFICATE_STATUSES = tuple(VOCABULARY["certificate_status"])
STAR_REFERENCES = tuple(VOCABULARY["star_reference"])
APPRAISAL_STATES = tuple(VOCABULARY["appraisal_state"])
APPRAISAL_FIELDS = tuple(VOCABULARY["appraisal_field"])
