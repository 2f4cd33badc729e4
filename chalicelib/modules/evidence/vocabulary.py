"""The evidence area's vocabulary: its names in Chinese and English, for screens (generated
into the SPA), exports, PDFs and mails alike (chalicelib/kernel/labels.py)."""

VOCABULARY: dict[str, dict[str, dict[str, str]]] = {
    "category": {
        "before": {"zh": "施工前", "en": "Before work"},
        "fault": {"zh": "故障", "en": "Fault"},
        "nameplate": {"zh": "铭牌", "en": "Nameplate"},
        "site": {"zh": "现场", "en": "Site"},
        "after": {"zh": "完工后", "en": "After work"},
        "document": {"zh": "文件", "en": "Document"},
        "signature": {"zh": "客户签字", "en": "Customer signature"},
        "quote_signature": {"zh": "客户确认报价签字", "en": "Customer's quote signature"},
    },
    # what happened, as the timeline and the exports name it
    "event": {
        "attachment_added": {"zh": "上传照片/附件", "en": "Attachment added"},
        "attachment_rejected": {"zh": "附件被拒收", "en": "Attachment rejected"},
        "report_issued": {"zh": "出具服务报告", "en": "Report issued"},
    },
}
