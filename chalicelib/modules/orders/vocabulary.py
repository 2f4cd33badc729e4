"""The orders area's vocabulary: its names in Chinese and English, for screens (generated
into the SPA), exports, PDFs and mails alike (chalicelib/kernel/labels.py)."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    "type": {
        "repair": {"zh": "维修", "en": "Repair"},
        "maintenance": {"zh": "保养", "en": "Maintenance"},
        "installation": {"zh": "安装调试", "en": "Installation & commissioning"},
        "tech_support": {"zh": "技术支持", "en": "Technical support"},
        "inspection": {"zh": "巡检", "en": "Inspection"},
        "consultation": {"zh": "咨询", "en": "Consultation"},
    },
    "priority": {
        "urgent": {"zh": "紧急", "en": "Urgent"},
        "general": {"zh": "一般", "en": "General"},
    },
    "channel": {
        "phone": {"zh": "电话", "en": "Phone"},
        "email": {"zh": "邮件", "en": "Email"},
        "walk_in": {"zh": "来访", "en": "Walk-in"},
        "web": {"zh": "网站", "en": "Web"},
        "partner": {"zh": "合作方", "en": "Partner"},
        "schedule": {"zh": "计划生成", "en": "Scheduled"},  # a contract's inspection
        # a repair opened from a fault found on an inspection's checklist
        "inspection": {"zh": "巡检发现", "en": "Found on inspection"},
        "visit": {"zh": "上门", "en": "Visit"},
        "sms": {"zh": "短信", "en": "SMS"},
    },
    "coverage": {
        "warranty": {"zh": "保修(免费)", "en": "Warranty (free)"},
        "paid": {"zh": "有偿", "en": "Paid"},
        "contract": {"zh": "合同服务", "en": "Contract service"},
        "mixed": {"zh": "部分有偿", "en": "Partly paid"},
        "unknown": {"zh": "待判定", "en": "To be determined"},
    },
    "state": {
        "received": {"zh": "待派工", "en": "Received"},
        "dispatched": {"zh": "已派工", "en": "Dispatched"},
        "contacted": {"zh": "已联系", "en": "Contacted"},
        "on_site": {"zh": "已到场", "en": "On site"},
        "surveyed": {"zh": "已勘查", "en": "Surveyed"},
        "plan_submitted": {"zh": "方案待审批", "en": "Plan submitted"},
        "in_repair": {"zh": "维修中", "en": "In repair"},
        "repaired": {"zh": "待验收", "en": "Awaiting acceptance"},
        "rework": {"zh": "整改中", "en": "Rework"},
        "accepted": {"zh": "待回访", "en": "Awaiting return visit"},
        "visited": {"zh": "待归档", "en": "Visited"},
        "archived": {"zh": "已归档", "en": "Archived"},
        "on_hold": {"zh": "挂起", "en": "On hold"},
        "cancelled": {"zh": "已取消", "en": "Cancelled"},
    },
    # what one may do, as buttons and forms name it
    "action": {
        "create": {"zh": "登记报修", "en": "Feedback recorded"},
        "dispatch": {"zh": "派工", "en": "Dispatch"},
        "reassign": {"zh": "改派", "en": "Reassign"},
        "contact": {"zh": "联系客户", "en": "Contact customer"},
        "check_in": {"zh": "到场签到", "en": "Check in on site"},
        "survey": {"zh": "现场勘查", "en": "Site survey"},
        "submit_plan": {"zh": "提交方案", "en": "Submit plan"},
        "approve_plan": {"zh": "批准方案", "en": "Approve plan"},
        "reject_plan": {"zh": "驳回方案", "en": "Reject plan"},
        "revise_plan": {"zh": "修改方案", "en": "Revise plan"},
        "complete": {"zh": "完成维修", "en": "Complete repair"},
        "accept": {"zh": "客户验收", "en": "Customer acceptance"},
        "object": {"zh": "客户异议", "en": "Customer objection"},
        "return_visit": {"zh": "回访", "en": "Return visit"},
        "archive": {"zh": "归档", "en": "Archive"},
        "hold": {"zh": "挂起", "en": "Put on hold"},
        "resume": {"zh": "恢复", "en": "Resume"},
        "cancel": {"zh": "取消工单", "en": "Cancel order"},
        "extend_clock": {"zh": "延长时限", "en": "Extend deadline"},
        "correct_distance": {"zh": "更正距离", "en": "Correct distance"},
        "correct_report": {"zh": "更正服务报告", "en": "Correct service report"},
        "set_components": {"zh": "更改故障部件", "en": "Change failed components"},
        "record_exclusion": {"zh": "登记三包除外情形", "en": "Record a warranty exclusion"},
        "remove_exclusion": {"zh": "撤销三包除外情形", "en": "Remove a warranty exclusion"},
        "override_coverage": {"zh": "改判保修结果", "en": "Override coverage"},
        "quote": {"zh": "报价", "en": "Quote"},
        "approve_quote": {"zh": "审批报价", "en": "Approve quote"},
        "confirm_quote": {"zh": "客户确认报价", "en": "Customer confirms quote"},
        "refuse_quote": {"zh": "客户拒绝报价", "en": "Customer refuses quote"},
        "release_quote": {"zh": "总经理特批", "en": "Release despite refusal"},
    },
    # what happened, as the timeline and the exports name it
    "event": {
        "create": {"zh": "登记报修", "en": "Recorded"},
        "dispatch": {"zh": "派工", "en": "Dispatched"},
        "reassign": {"zh": "改派", "en": "Reassigned"},
        "contact": {"zh": "联系客户", "en": "Contacted"},
        "check_in": {"zh": "到场签到", "en": "Checked in"},
        "survey": {"zh": "现场勘查", "en": "Surveyed"},
        "submit_plan": {"zh": "提交方案", "en": "Plan submitted"},
        "approve_plan": {"zh": "批准方案", "en": "Plan approved"},
        "reject_plan": {"zh": "驳回方案", "en": "Plan rejected"},
        "revise_plan": {"zh": "修改方案", "en": "Plan revised"},
        "complete": {"zh": "完成维修", "en": "Completed"},
        "accept": {"zh": "客户验收", "en": "Accepted"},
        "object": {"zh": "客户异议", "en": "Objected"},
        "return_visit": {"zh": "回访", "en": "Return visit"},
        "archive": {"zh": "归档", "en": "Archived"},
        "hold": {"zh": "挂起", "en": "On hold"},
        "resume": {"zh": "恢复", "en": "Resumed"},
        "cancel": {"zh": "取消工单", "en": "Cancelled"},
        "extend_clock": {"zh": "延长时限", "en": "Deadline extended"},
        "correct_distance": {"zh": "更正距离", "en": "Distance corrected"},
        "correct_report": {"zh": "更正服务报告", "en": "Report corrected"},
        "set_components": {"zh": "更改故障部件", "en": "Failed components changed"},
        "record_exclusion": {"zh": "登记三包除外情形", "en": "Warranty exclusion recorded"},
        "remove_exclusion": {"zh": "撤销三包除外情形", "en": "Warranty exclusion removed"},
        "override_coverage": {"zh": "改判保修结果", "en": "Coverage overridden"},
        "quote": {"zh": "报价", "en": "Quoted"},
        "approve_quote": {"zh": "批准报价", "en": "Quote approved"},
        "confirm_quote": {"zh": "客户确认报价", "en": "Quote confirmed"},
        "refuse_quote": {"zh": "客户拒绝报价", "en": "Quote refused"},
        "release_quote": {"zh": "总经理特批放行", "en": "Released by head office"},
    },
}

# the return visit's scores (lifecycle.VISIT_SCORES), as the form, exports, the monthly report
# and the low-score notice name them
VOCABULARY["visit_score"] = {
    "attitude": {"zh": "服务态度", "en": "Attitude"},
    "skill": {"zh": "技术水平", "en": "Technical skill"},
    "punctuality": {"zh": "及时性", "en": "Punctuality"},
    "result": {"zh": "维修效果", "en": "Result"},
    "overall": {"zh": "总体满意度", "en": "Overall"},
}

# 顾客意见调查卡's conduct questions on the return visit (lifecycle.VISIT_CONDUCT): a "yes"
# drafts a complaint against the order's technician
VOCABULARY["visit_conduct"] = {
    "gifts": {"zh": "是否索要礼品/钱物", "en": "Did staff ask for gifts or money?"},
    "tips": {"zh": "是否索要小费", "en": "Did staff ask for a tip?"},
    "meals": {"zh": "是否要求吃请", "en": "Did staff ask to be treated to a meal?"},
}

# the dispatch form (domain/dispatching.py): why a technician is suggested, where they are
VOCABULARY.update({
    "suitability": {
        "fewest_jobs": {"zh": "在手工单最少", "en": "Fewest open jobs"},
        "nearest": {"zh": "离现场最近", "en": "Nearest to the site"},
        "most_stars": {"zh": "星级最高", "en": "Most stars"},
        "free_today": {"zh": "今日无预约", "en": "No visits today"},
        "current": {"zh": "当前负责人", "en": "Assigned now"},
    },
    "tech_position": {
        "check_in": {"zh": "按今日签到位置", "en": "From today's check-in"},
        "outlet": {"zh": "按服务站位置", "en": "From the outlet"},
    },
})
