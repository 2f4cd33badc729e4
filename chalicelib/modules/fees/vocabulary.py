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
    },
    # a 费用增加申请's state
    "budget_request_state": {
        "pending": {"zh": "待总部审批", "en": "Awaiting head office"},
        "approved": {"zh": "已批准", "en": "Approved"},
        "rejected": {"zh": "已驳回", "en": "Rejected"},
    },
}

FEE_STATES = tuple(VOCABULARY["fee_state"])
PAYMENT_METHODS = tuple(VOCABULARY["payment_method"])
BUDGET_CATEGORIES = tuple(VOCABULARY["budget_category"])
BUDGET_REQUEST_STATES = tuple(VOCABULARY["budget_request_state"])
