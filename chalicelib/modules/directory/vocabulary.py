"""The directory area's vocabulary: its names in Chinese and English, for screens (generated
into the SPA), exports, PDFs and mails alike (chalicelib/kernel/labels.py)."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    "role": {
        "agent": {"zh": "客服专员", "en": "Service agent"},
        "manager": {"zh": "售后经理", "en": "After-sales manager"},
        "support": {"zh": "技术支持工程师", "en": "Support engineer"},
        "technician": {"zh": "维修工程师", "en": "Technician"},
        "warehouse": {"zh": "配件库管", "en": "Warehouse keeper"},
        "head_office": {"zh": "总部", "en": "Head office"},
        "system": {"zh": "系统", "en": "System"},
    },
}
