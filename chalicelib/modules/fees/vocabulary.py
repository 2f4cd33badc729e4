"""The fees area's vocabulary (售后费用): names in Chinese and English for screens (generated into
the SPA), documents and mails. A fee line's kinds are the quote's (warranty vocabulary
`quote_line_kind`): one source."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    # where an order's fee lines stand
    "fee_state": {
        "draft": {"zh": "草稿", "en": "Draft"},
        "pending_approval": {"zh": "待经理审批", "en": "Awaiting the manager's approval"},
        "approved": {"zh": "已审批", "en": "Approved"},
        "final": {"zh": "已结算", "en": "Settled"},
    },
    # why an order's fee sheet no longer matches the order (its acceptance is refused until
    # the sheet is saved again: 409 fees_outdated)
    "fees_outdated_reason": {
        "quote_revised": {"zh": "报价已修订并重新确认", "en": "The quote was revised"},
        "coverage_changed": {"zh": "保修判定已变更", "en": "The coverage decision changed"},
        "prices_changed": {"zh": "价格已变更", "en": "Prices changed"},
        "parts_changed": {"zh": "配件领用已变更", "en": "The parts used changed"},
        "parts_unmatched": {"zh": "领用配件与报价配件无法对应，请核对",
                            "en": "Parts used and quoted parts need checking"},
    },
    # the order's timeline (group `event` is shared with the order's own actions): the fee
    # sheet and the payments
    "event": {
        "fees_changed": {"zh": "修改费用明细", "en": "Fee lines changed"},
        "fees_approved": {"zh": "经理审批费用明细", "en": "Fee lines approved"},
        "payment_recorded": {"zh": "登记收款", "en": "Payment recorded"},
        "payment_handed_in": {"zh": "收款已交财务", "en": "Payment handed in to finance"},
        "cash_overdue": {"zh": "现金逾期未交财务", "en": "Cash not handed in on time"},
        # a travel claim's own audit trail (claims.py)
        "claim_created": {"zh": "填写报销单", "en": "Claim created"},
        "claim_changed": {"zh": "修改报销单", "en": "Claim changed"},
        "claim_submitted": {"zh": "提交报销单", "en": "Claim submitted"},
        "claim_approved_manager": {"zh": "经理审核通过", "en": "Approved by the manager"},
        "claim_approved": {"zh": "总部批准", "en": "Approved by head office"},
        "claim_rejected": {"zh": "驳回报销单", "en": "Claim rejected"},
        "receipt_added": {"zh": "上传原始凭证", "en": "Receipt added"},
    },
    # how a payment was made (收款方式)
    "payment_method": {
        "cash": {"zh": "现金", "en": "Cash"},
        "transfer": {"zh": "银行转账", "en": "Bank transfer"},
        "wechat": {"zh": "微信支付", "en": "WeChat Pay"},
        "alipay": {"zh": "支付宝", "en": "Alipay"},
        "invoice_later": {"zh": "先开票后收款", "en": "Invoice first, paid later"},
    },
    # the yearly budget's categories (000 §六(一))
    "budget_category": {
        "repair": {"zh": "维修费用", "en": "Repairs"},
        "maintenance": {"zh": "保养费用", "en": "Maintenance"},
        "support": {"zh": "技术支持费用", "en": "Technical support"},
        "visits": {"zh": "客户回访费用", "en": "Customer visits"},
        "training": {"zh": "培训费用", "en": "Training"},
    },
    # inbox notices the fees area writes (the notifications' group `notice`): the budget's
    # thresholds (budgets.py), cash not handed in (cash_job.py)
    "notice": {
        "cash_overdue": {"zh": "现金逾期未交财务", "en": "Cash not handed in"},
        "budget_warning": {"zh": "预算预警", "en": "Budget warning"},
        "budget_used_up": {"zh": "预算已用完", "en": "Budget used up"},
        # travel claims (claims.py): submitted (the outlet's managers), waiting for head office,
        # decided (the claimant)
        "claim_submitted": {"zh": "报销单待审核", "en": "Travel claim to review"},
        "claim_waiting": {"zh": "报销单待总部审批", "en": "Travel claim awaiting head office"},
        "claim_decided": {"zh": "报销单已审批", "en": "Travel claim decided"},
    },
    # who books a fee line's internal cost: the sheet (labour, parts: booked at the acceptance)
    # or an approved travel claim (call-out, travel, lodging, meals, allowance: the trip's real
    # cost is the claim's; the sheet books 0 for them)
    "fee_cost_source": {
        "sheet": {"zh": "按费用明细入账", "en": "Booked by the fee sheet"},
        "claim": {"zh": "按报销单入账", "en": "Booked by travel claim"},
    },
    # what a fee fact of the monthly cost report (费用明细) comes from
    "fee_fact": {
        "order": {"zh": "工单验收", "en": "Order accepted"},
        "payment": {"zh": "收款", "en": "Payment"},
        "claim": {"zh": "差旅报销", "en": "Travel claim"},
        "booking": {"zh": "预算入账", "en": "Budget booking"},
    },
    # what a budget booking was for (its source's kind)
    "budget_source": {
        "work_order": {"zh": "工单验收", "en": "Order accepted"},
        "claim": {"zh": "差旅报销", "en": "Travel claim"},
        "manual": {"zh": "手工登记", "en": "Booked by hand"},
    },
    # a 费用增加申请's state
    "budget_request_state": {
        "pending": {"zh": "待总部审批", "en": "Awaiting head office"},
        "approved": {"zh": "已批准", "en": "Approved"},
        "rejected": {"zh": "已驳回", "en": "Rejected"},
    },
    # a travel claim (差旅费报销单, claims.py): where it stands
    "claim_state": {
        "draft": {"zh": "草稿", "en": "Draft"},
        "submitted": {"zh": "待经理审核", "en": "Awaiting the manager"},
        "manager_approved": {"zh": "待总部审批", "en": "Awaiting head office"},
        "approved": {"zh": "已批准", "en": "Approved"},
        "rejected": {"zh": "已驳回", "en": "Rejected"},
    },
    # a claim line's category (类别)
    "claim_line_category": {
        "transport": {"zh": "交通费", "en": "Transport"},
        "lodging": {"zh": "住宿费", "en": "Lodging"},
        "meals": {"zh": "餐费", "en": "Meals"},
        "allowance": {"zh": "出差补贴", "en": "Travel allowance"},
        "other": {"zh": "其他", "en": "Other"},
    },
    # how a transport line travelled (taxi and freight only with the manager's prior approval)
    "transport_mode": {
        "train": {"zh": "火车", "en": "Train"},
        "bus": {"zh": "汽车", "en": "Coach"},
        "plane": {"zh": "飞机", "en": "Plane"},
        "ship": {"zh": "轮船", "en": "Ship"},
        "taxi": {"zh": "出租车", "en": "Taxi"},
        "freight": {"zh": "货运", "en": "Freight"},
        "own": {"zh": "自备车", "en": "Own vehicle"},
        "other": {"zh": "其他", "en": "Other"},
    },
    # what a claim line is flagged for
    "claim_flag": {
        "outside_window": {"zh": "不在关联工单的派工至完工期间",
                           "en": "Outside the linked orders' dispatch-to-completion dates"},
        # its receipt file is held by another claim (submitted or further on)
        "duplicate_receipt": {"zh": "凭证已在其他报销单中报销",
                              "en": "Receipt already claimed on another claim"},
    },
}

FEE_STATES = tuple(VOCABULARY["fee_state"])
PAYMENT_METHODS = tuple(VOCABULARY["payment_method"])
BUDGET_CATEGORIES = tuple(VOCABULARY["budget_category"])
BUDGET_REQUEST_STATES = tuple(VOCABULARY["budget_request_state"])
COST_SOURCES = tuple(VOCABULARY["fee_cost_source"])
CLAIM_STATES = tuple(VOCABULARY["claim_state"])
CLAIM_LINE_CATEGORIES = tuple(VOCABULARY["claim_line_category"])
TRANSPORT_MODES = tuple(VOCABULARY["transport_mode"])
CLAIM_FLAGS = tuple(VOCABULARY["claim_flag"])
