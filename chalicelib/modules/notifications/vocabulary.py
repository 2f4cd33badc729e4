"""The notifications area's vocabulary: its names in Chinese and English, for screens
(generated into the SPA), mails and the texts it composes (chalicelib/kernel/labels.py)."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    # a hand-off notice: what happened to the work, as its tag says it to the one told
    "notice": {
        "assigned": {"zh": "派工给你", "en": "Dispatched to you"},
        "reassigned": {"zh": "改派给你", "en": "Reassigned to you"},
        "helper_added": {"zh": "协助派工", "en": "Added as helper"},
        "unassigned": {"zh": "工单已改派他人", "en": "Reassigned to someone else"},
        "plan_submitted": {"zh": "方案待审批", "en": "Plan awaits approval"},
        "plan_approved": {"zh": "方案已批准", "en": "Plan approved"},
        "plan_rejected": {"zh": "方案被驳回", "en": "Plan rejected"},
        "objected": {"zh": "客户异议", "en": "Customer objected"},
        "on_hold": {"zh": "工单挂起", "en": "Put on hold"},
        "return_visit_due": {"zh": "待回访", "en": "Return visit due"},
        "low_score": {"zh": "回访低分", "en": "Low return-visit score"},
        "cancelled": {"zh": "工单已取消", "en": "Order cancelled"},
    },
    # the tag of a deadline notice's title, by the SLA policy's level name
    "notice_level": {
        "warning": {"zh": "即将超时", "en": "At risk"},
        "breach": {"zh": "已超时", "en": "Breached"},
        "escalation": {"zh": "超时升级", "en": "Escalated"},
        "handoff": {"zh": "工作通知", "en": "Work notice"},
    },
}
