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
        "revoked": {"zh": "已注销", "en": "Revoked"},
    },
    # inbox notices the technicians area writes (the notifications area's group `notice`)
    "notice": {
        "certificate_expiring": {"zh": "证书即将到期", "en": "Certificate expiring"},
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
