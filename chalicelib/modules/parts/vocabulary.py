"""The spare-parts area's vocabulary: its names in Chinese and English, for screens (generated
into the SPA), exports and the notices it composes."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    # what moved a stock line (the ledger)
    "stock_movement": {
        "receive": {"zh": "采购入库", "en": "Received"},
        "order": {"zh": "已下采购", "en": "Ordered"},
        "reserve": {"zh": "预留", "en": "Reserved"},
        "release": {"zh": "取消预留", "en": "Reservation released"},
        "issue": {"zh": "发料", "en": "Issued"},
        "use": {"zh": "维修使用", "en": "Used in the repair"},
        "return": {"zh": "退料入库", "en": "Returned unused"},
        "defective": {"zh": "故障件入待修库", "en": "Into the defective bin"},
        "supplier_return": {"zh": "退回供应商", "en": "Returned to supplier"},
        "send": {"zh": "调拨发出", "en": "Transfer sent"},
        "announce": {"zh": "调拨在途", "en": "Transfer on its way"},
        "arrive": {"zh": "调拨收货", "en": "Transfer received"},
        "delivered": {"zh": "调拨已送达", "en": "Transfer delivered"},
        "adjust": {"zh": "盘点调整", "en": "Count adjustment"},
    },
    "stock_figure": {
        "on_hand": {"zh": "在库", "en": "On hand"},
        "reserved": {"zh": "已预留", "en": "Reserved"},
        "available": {"zh": "可用", "en": "Available"},
        "on_order": {"zh": "在途采购", "en": "On order"},
        "defective": {"zh": "待修/故障", "en": "Defective"},
        "in_transit_in": {"zh": "调入在途", "en": "Transfer in"},
        "in_transit_out": {"zh": "调出在途", "en": "Transfer out"},
    },
    "requisition_state": {
        "submitted": {"zh": "待经理审批", "en": "Awaiting the manager"},
        "awaiting_head_office": {"zh": "待总部审批", "en": "Awaiting head office"},
        "approved": {"zh": "待发料", "en": "Approved, to issue"},
        "issued": {"zh": "已发料", "en": "Issued"},
        "closed": {"zh": "已结清", "en": "Closed"},
        "rejected": {"zh": "已驳回", "en": "Rejected"},
        "cancelled": {"zh": "已取消", "en": "Cancelled"},
    },
    "requisition_action": {
        "approve": {"zh": "批准", "en": "Approve"},
        "reject": {"zh": "驳回", "en": "Reject"},
        "issue": {"zh": "发料", "en": "Issue"},
        "receive": {"zh": "确认领取", "en": "Confirm receipt"},
        "return": {"zh": "退料", "en": "Return"},
        "cancel": {"zh": "取消", "en": "Cancel"},
    },
    "return_condition": {
        "unused": {"zh": "未使用", "en": "Unused"},
        "faulty": {"zh": "故障件", "en": "Faulty"},
    },
    "transfer_state": {
        "requested": {"zh": "待发出", "en": "To send"},
        "in_transit": {"zh": "在途", "en": "In transit"},
        "received": {"zh": "已收货", "en": "Received"},
        "cancelled": {"zh": "已取消", "en": "Cancelled"},
    },
    "transfer_action": {
        "create": {"zh": "创建调拨单", "en": "Transfer created"},
        "send": {"zh": "发出", "en": "Sent"},
        "receive": {"zh": "收货", "en": "Received"},
        "cancel": {"zh": "取消", "en": "Cancelled"},
    },
    "count_action": {
        "start": {"zh": "开始盘点", "en": "Count started"},
        "submit": {"zh": "提交审批", "en": "Submitted"},
        "approve": {"zh": "批准过账", "en": "Approved and posted"},
        "reject": {"zh": "退回重盘", "en": "Sent back for recounting"},
    },
    "count_state": {
        "counting": {"zh": "盘点中", "en": "Counting"},
        "submitted": {"zh": "待审批", "en": "Awaiting approval"},
        "approved": {"zh": "已过账", "en": "Posted"},
    },
    "abc_class": {
        "A": {"zh": "A 类(重点)", "en": "A (top value)"},
        "B": {"zh": "B 类", "en": "B"},
        "C": {"zh": "C 类", "en": "C"},
    },
    # the order's timeline (group `event` is shared with the order's own actions)
    "event": {
        "parts_requested": {"zh": "申请配件", "en": "Parts requested"},
        "parts_approved": {"zh": "配件申请已批准", "en": "Parts approved"},
        "parts_rejected": {"zh": "配件申请被驳回", "en": "Parts rejected"},
        "parts_cancelled": {"zh": "配件申请已取消", "en": "Parts request cancelled"},
        "parts_issued": {"zh": "配件已发料", "en": "Parts issued"},
        "parts_received": {"zh": "技术员确认领料", "en": "Parts received by the technician"},
        "parts_used": {"zh": "记录使用配件", "en": "Parts used"},
        "parts_returned": {"zh": "配件已退库", "en": "Parts returned"},
        "parts_exception": {"zh": "配件例外(未经发料)", "en": "Parts exception (not issued)"},
        "parts_overdue": {"zh": "配件逾期未退", "en": "Parts not returned in time"},
    },
    # inbox notices the parts area writes (the notifications area's group `notice`)
    "notice": {
        "parts_overdue": {"zh": "配件逾期未退", "en": "Parts overdue"},
        "stock_low": {"zh": "库存预警", "en": "Low stock"},
    },
    "requisition_queue": {
        "to_approve": {"zh": "待审批", "en": "To approve"},
        "head_office": {"zh": "待总部审批", "en": "Head office"},
        "to_issue": {"zh": "待发料", "en": "To issue"},
        "to_return": {"zh": "待退料", "en": "To return"},
    },
    "approval_reason": {
        "amount": {"zh": "金额达到总部审批标准", "en": "Amount at the head-office threshold"},
        "expensive": {"zh": "贵重配件", "en": "Expensive part"},
    },
}
