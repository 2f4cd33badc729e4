"""The contracts area's vocabulary (维护合同): names in Chinese and English for screens (generated
into the SPA), documents and mails."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    "contract_state": {
        "draft": {"zh": "草稿", "en": "Draft"},
        "active": {"zh": "生效", "en": "Active"},
        "ended": {"zh": "已到期", "en": "Ended"},
        "terminated": {"zh": "已终止", "en": "Terminated"},
        "superseded": {"zh": "已续签", "en": "Renewed"},
    },
    # how often the contract's inspections fall (巡检周期)
    "schedule_kind": {
        "monthly": {"zh": "每月", "en": "Monthly"},
        "quarterly": {"zh": "每季度", "en": "Quarterly"},
        "half_yearly": {"zh": "每半年", "en": "Half-yearly"},
        "yearly": {"zh": "每年", "en": "Yearly"},
    },
    # one inspection per covered site, or per covered unit
    "schedule_per": {
        "site": {"zh": "按安装地点", "en": "Per site"},
        "unit": {"zh": "按设备", "en": "Per unit"},
    },
    # an answer of the inspection checklist (worked in slice 2)
    "checklist_answer": {
        "ok": {"zh": "正常", "en": "OK"},
        "fault": {"zh": "故障", "en": "Fault"},
        "na": {"zh": "不适用", "en": "Not applicable"},
    },
    # why a generated inspection date moved from the planned one
    "occurrence_moved": {
        "holiday": {"zh": "节假日顺延", "en": "Moved past a public holiday"},
        "weekend": {"zh": "休息日顺延", "en": "Moved past a rest day"},
    },
    # what became of an inspection (contracts/domain/inspections.py): by the end of its period
    "inspection_result": {
        "done": {"zh": "已完成", "en": "Done"},
        "late": {"zh": "逾期完成", "en": "Done late"},
        "open": {"zh": "待完成", "en": "To do"},
        "overdue": {"zh": "逾期未完成", "en": "Overdue"},
        "cancelled": {"zh": "已取消", "en": "Cancelled"},
    },
    "notice": {
        "contract_expiring": {"zh": "维护合同即将到期", "en": "Maintenance contract expiring"},
    },
    # the contract's timeline (group `event` is shared with the other areas)
    "event": {
        "contract_created": {"zh": "创建维护合同", "en": "Contract created"},
        "contract_changed": {"zh": "修改维护合同", "en": "Contract changed"},
        "contract_activated": {"zh": "合同生效", "en": "Contract activated"},
        "contract_renewed": {"zh": "合同续签", "en": "Contract renewed"},
        "contract_terminated": {"zh": "合同终止", "en": "Contract terminated"},
        "renewal_withdrawn": {"zh": "续签合同已终止，恢复待续签",
                              "en": "Renewal terminated: to be renewed again"},
        "inspection_generated": {"zh": "生成巡检工单", "en": "Inspection order generated"},
        "quarterly_report": {"zh": "生成季度维护报告", "en": "Quarterly report issued"},
        "renewal_due": {"zh": "到期提醒，待续签", "en": "Expiry told: renewal due"},
        "callout_counted": {"zh": "计入合同上门次数", "en": "Call-out counted"},
        "callout_returned": {"zh": "工单取消，退回合同上门次数",
                             "en": "Order cancelled: call-out given back"},
        "callout_override": {"zh": "经理批准超次数按合同服务",
                             "en": "Call-out beyond the contract allowed by the manager"},
        # the inspection order's timeline (contracts/checklists.py): an item answered on the
        # phone, a repair order opened from a fault
        "checklist_answered": {"zh": "填写巡检项目", "en": "Checklist item answered"},
        "repair_opened": {"zh": "巡检故障开维修单", "en": "Repair order opened from a fault"},
    },
    # the order's coverage note when the contract's included call-outs are used up
    "contract_callout": {
        "included": {"zh": "合同内上门", "en": "Included call-out"},
        "exceeded": {"zh": "超出合同上门次数", "en": "Beyond the included call-outs"},
        "override": {"zh": "经理批准按合同", "en": "Allowed by the manager"},
    },
}
