"""The warranty area's vocabulary: its names in Chinese and English, for screens (generated into
the SPA), PDFs and the explanations it composes (chalicelib/kernel/labels.py)."""

from chalicelib.modules.warranty.domain.import_rows import COLUMNS as IMPORT_COLUMNS

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    # when a unit's terms start counting
    "start_basis": {
        "invoice": {"zh": "开票", "en": "invoice"},
        "delivery": {"zh": "交付", "en": "delivery"},
        "installation": {"zh": "安装", "en": "installation"},
    },
    # 003 三包 第五条: not under the three guarantees, repaired for a charge
    "exclusion": {
        "misuse": {"zh": "使用、维护、保管不当", "en": "Improper use, maintenance or storage"},
        "unauthorised_repair": {"zh": "非三包修理者拆动", "en": "Opened by an unauthorised repairer"},
        "no_invoice": {"zh": "无三包凭证及有效发票", "en": "No warranty card or valid invoice"},
        "model_mismatch": {"zh": "三包凭证型号不符或涂改",
                           "en": "Warranty card model mismatched or altered"},
        "force_majeure": {"zh": "不可抗力", "en": "Force majeure"},
    },
    # 维修项目与收费标准表
    "price_item": {
        "labour_hour": {"zh": "工时费(元/小时)", "en": "Labour (per hour)"},
        "call_out": {"zh": "上门费(元/次)", "en": "Call-out (per visit)"},
        "travel_km": {"zh": "交通费(元/公里)", "en": "Travel (per km)"},
        "lodging_night": {"zh": "住宿费(元/晚)", "en": "Lodging (per night)"},
        "meals_day": {"zh": "餐饮费(元/天)", "en": "Meals (per day)"},
        "allowance_day": {"zh": "人员补贴(元/天)", "en": "Allowance (per day)"},
    },
    # what a unit's photo at registration shows (seed 001 第二章第11条: 安装后上传照片、位置、扫码)
    "unit_photo": {
        "nameplate": {"zh": "铭牌", "en": "Nameplate"},
        "installation": {"zh": "安装", "en": "Installation"},
        "site": {"zh": "现场位置", "en": "Site"},
        "barcode": {"zh": "条码", "en": "Barcode"},
    },
    "unit_source": {
        "own": {"zh": "自营销售", "en": "Own sale"},
        "agent": {"zh": "代理商/经销商", "en": "Agent / dealer"},
    },
    # why a line is covered or not (domain/coverage.py)
    "coverage_reason": {
        "in_term": {"zh": "三包期内", "en": "Within the term"},
        "out_of_term": {"zh": "已过三包期", "en": "Term ended"},
        "excluded": {"zh": "不属三包范围", "en": "Excluded"},
        "repair_warranty": {"zh": "返修保证(30 日内)", "en": "Repair warranty (30 days)"},
        "no_start_date": {"zh": "缺少起算日期", "en": "No start date"},
        "no_terms": {"zh": "未登记三包条款", "en": "No terms registered"},
        "contract": {"zh": "合同服务", "en": "Under contract"},
        "phone_guidance": {"zh": "电话指导免费", "en": "Phone guidance is free"},
        "override": {"zh": "人工改判", "en": "Overridden"},
    },
    "unit_action": {
        "register": {"zh": "登记产品档案", "en": "Unit registered"},
        "import": {"zh": "批量导入", "en": "Imported"},
        "change_terms": {"zh": "变更三包条款", "en": "Terms changed"},
        "photo_added": {"zh": "上传产品照片", "en": "Photo added"},
        "photo_rejected": {"zh": "产品照片被拒收", "en": "Photo rejected"},
    },
    "quote_state": {
        "draft": {"zh": "草稿", "en": "Draft"},
        "pending_approval": {"zh": "待经理审批", "en": "Awaiting manager approval"},
        "approved": {"zh": "待客户确认", "en": "Awaiting customer"},
        "confirmed": {"zh": "客户已确认", "en": "Confirmed by customer"},
        "refused": {"zh": "客户拒绝", "en": "Refused by customer"},
        "released": {"zh": "总经理特批", "en": "Released by head office"},
    },
    "quote_line_kind": {
        "labour": {"zh": "工时费", "en": "Labour"},
        "part": {"zh": "配件", "en": "Part"},
        "call_out": {"zh": "上门费", "en": "Call-out"},
        "travel": {"zh": "交通费", "en": "Travel"},
        "lodging": {"zh": "住宿费", "en": "Lodging"},
        "meals": {"zh": "餐饮费", "en": "Meals"},
        "allowance": {"zh": "人员补贴", "en": "Allowance"},
    },
    "confirm_method": {
        "signature": {"zh": "现场签字", "en": "Signed on screen"},
        "phone": {"zh": "电话确认", "en": "By phone"},
        "link": {"zh": "链接确认", "en": "Through a link"},
    },
    # why a quote line waits for a manager (严禁乱报价: above twice the list; 减免: a manager's)
    "quote_approval_reason": {
        "above_limit": {"zh": "超过标准价两倍", "en": "Above twice the list price"},
        "discount": {"zh": "低于标准价(优惠)", "en": "Below the list price (discount)"},
        "waived": {"zh": "减免", "en": "Waived"},
    },
    # what the quote writes on an order's timeline besides its actions (quote_links.py)
    "event": {
        "quote_link_sent": {"zh": "发送报价确认链接", "en": "Quote link sent"},
    },
    # 产品档案批量导入 (imports.py)
    "unit_import_state": {
        "uploading": {"zh": "待上传", "en": "Uploading"},
        "queued": {"zh": "排队中", "en": "Queued"},
        "running": {"zh": "导入中", "en": "Importing"},
        "done": {"zh": "已完成", "en": "Done"},
        "failed": {"zh": "失败", "en": "Failed"},
    },
    # the import sheet's columns (domain/import_rows.py COLUMNS: the headers a sheet may use)
    "unit_import_column": {c.key: {"zh": c.zh, "en": c.en} for c in IMPORT_COLUMNS},
}
