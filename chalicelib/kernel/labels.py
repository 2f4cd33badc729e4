"""Names of the vocabularies in Chinese and English, for documents the server writes (service
reports, exports, monthly reports). The SPA has its own copy in its i18n files."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LABELS: dict[str, dict[str, dict[str, str]]] = {
    "type": {
        "zh": {"repair": "维修", "maintenance": "保养", "installation": "安装调试",
               "tech_support": "技术支持", "inspection": "巡检", "consultation": "咨询"},
        "en": {"repair": "Repair", "maintenance": "Maintenance", "installation": "Installation",
               "tech_support": "Technical support", "inspection": "Inspection",
               "consultation": "Consultation"},
    },
    "priority": {"zh": {"urgent": "紧急", "general": "一般"},
                 "en": {"urgent": "Urgent", "general": "General"}},
    "channel": {
        "zh": {"phone": "电话", "email": "邮件", "walk_in": "来访", "web": "网站", "partner": "合作方",
               "visit": "上门", "sms": "短信"},
        "en": {"phone": "Phone", "email": "E-mail", "walk_in": "Walk-in", "web": "Web",
               "partner": "Partner", "visit": "Visit", "sms": "SMS"},
    },
    "coverage": {"zh": {"warranty": "保修(免费)", "paid": "有偿", "contract": "合同服务",
                        "unknown": "待判定"},
                 "en": {"warranty": "Warranty (free)", "paid": "Paid", "contract": "Contract",
                        "unknown": "To be decided"}},
    "state": {
        "zh": {"received": "待派工", "dispatched": "已派工", "contacted": "已联系", "on_site": "已到场",
               "surveyed": "已勘查", "plan_submitted": "方案待审批", "in_repair": "维修中",
               "repaired": "待验收", "rework": "整改中", "accepted": "待回访", "visited": "待归档",
               "archived": "已归档", "on_hold": "挂起", "cancelled": "已取消"},
        "en": {"received": "Received", "dispatched": "Dispatched", "contacted": "Contacted",
               "on_site": "On site", "surveyed": "Surveyed", "plan_submitted": "Plan submitted",
               "in_repair": "In repair", "repaired": "Awaiting acceptance", "rework": "Rework",
               "accepted": "Awaiting return visit", "visited": "Visited", "archived": "Archived",
               "on_hold": "On hold", "cancelled": "Cancelled"},
    },
    "clock": {
        "zh": {"response": "答复客户", "contact": "联系客户", "arrival": "到场", "repair": "维修完成",
               "return_visit": "回访", "complete": "完工"},
        "en": {"response": "Customer response", "contact": "Customer contact",
               "arrival": "On-site arrival", "repair": "Repair completion",
               "return_visit": "Return visit", "complete": "Completion"},
    },
    "outcome": {"zh": {"met": "按时", "missed": "超时", "running": "计时中", "paused": "暂停",
                       "cancelled": "取消"},
                "en": {"met": "Met", "missed": "Missed", "running": "Running", "paused": "Paused",
                       "cancelled": "Cancelled"}},
    "category": {
        "zh": {"before": "施工前", "fault": "故障", "nameplate": "铭牌", "site": "现场", "after": "完工后",
               "document": "文件", "signature": "客户签字"},
        "en": {"before": "Before", "fault": "Fault", "nameplate": "Nameplate", "site": "Site",
               "after": "After", "document": "Document", "signature": "Signature"},
    },
}


LABELS["action"] = {
    "zh": {"create": "登记报修", "dispatch": "派工", "reassign": "改派", "contact": "联系客户",
           "check_in": "到场签到", "survey": "现场勘查", "submit_plan": "提交方案",
           "approve_plan": "批准方案", "reject_plan": "退回方案", "revise_plan": "修改方案",
           "complete": "完成维修", "accept": "客户验收", "object": "客户异议", "return_visit": "回访",
           "archive": "归档", "hold": "挂起", "resume": "恢复", "cancel": "取消",
           "extend_clock": "延长时限", "correct_distance": "更正距离",
           "correct_report": "更正服务报告", "attachment_added": "上传照片/附件",
           "attachment_rejected": "附件被拒收", "report_issued": "出具服务报告"},
    "en": {"create": "Recorded", "dispatch": "Dispatched", "reassign": "Reassigned",
           "contact": "Contacted", "check_in": "Checked in", "survey": "Surveyed",
           "submit_plan": "Plan submitted", "approve_plan": "Plan approved",
           "reject_plan": "Plan rejected", "revise_plan": "Plan revised", "complete": "Completed",
           "accept": "Accepted", "object": "Objected", "return_visit": "Return visit",
           "archive": "Archived", "hold": "On hold", "resume": "Resumed", "cancel": "Cancelled",
           "extend_clock": "Deadline extended", "correct_distance": "Distance corrected",
           "correct_report": "Report corrected", "attachment_added": "Attachment added",
           "attachment_rejected": "Attachment rejected", "report_issued": "Report issued"},
}
LABELS["role"] = {
    "zh": {"agent": "客服专员", "manager": "售后经理", "support": "技术支持工程师",
           "technician": "维修工程师", "warehouse": "配件库管", "head_office": "总部", "system": "系统"},
    "en": {"agent": "Agent", "manager": "Manager", "support": "Support engineer",
           "technician": "Technician", "warehouse": "Warehouse", "head_office": "Head office",
           "system": "System"},
}


def label(group: str, value: str | None, lang: str = "zh") -> str:
    if value is None:
        return ""
    return LABELS[group].get(lang, LABELS[group]["zh"]).get(value, value)


def local_time(value: str | None, tz: ZoneInfo, empty: str = "") -> str:
    """An ISO time as 'YYYY-MM-DD HH:MM' on the outlet's wall clock (a time without an offset,
    such as a camera's EXIF time, is shown as it is)."""
    if not value:
        return empty
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")
