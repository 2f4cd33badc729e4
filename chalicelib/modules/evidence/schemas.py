"""What the evidence area answers: attachments, upload forms, service reports and what an
order still needs (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.schemas import (
    BOOL,
    INT,
    NINT,
    NSTR,
    NUM,
    STR,
    array,
    enum,
    items_of,
    nullable,
    obj,
    ref,
)
from chalicelib.modules.evidence.domain import rules

ATTACHMENT_STATES = ("pending", "verified", "rejected")
# What the area writes on an order's timeline (usecases._settle; the report is issued with
# the acceptance or a correction)
TIMELINE_EVENTS = ("attachment_added", "attachment_rejected", "report_issued")

SCHEMAS: dict[str, dict] = {
    "EvidenceEvent": enum(TIMELINE_EVENTS),
    "Attachment": obj({
        "id": STR, "order_id": STR, "kind": enum(rules.KINDS),
        "category": enum(rules.CATEGORIES), "status": enum(ATTACHMENT_STATES),
        "content_type": enum(rules.CONTENT_TYPES), "size": INT, "sha256": NSTR,
        "filename": NSTR, "uploaded_by": STR, "uploaded_by_name": STR, "uploaded_at": STR,
        "taken_at": NSTR, "gps": nullable(obj({"lat": NUM, "lng": NUM})),
        "width": NINT, "height": NINT, "reject_reason": NSTR,
        # a signature: the customer who signed it (the acceptance's customer name), once the
        # acceptance it was given for is recorded
        "signed_by": NSTR,
        "url": NSTR, "thumb_url": NSTR, "urls_expire_at": NSTR}),
    "AttachmentList": items_of("Attachment"),
    "UploadSlot": obj({
        "attachment": ref("Attachment"),
        # the presigned POST's form fields, sent as they are before the file
        "upload": obj({"url": STR, "fields": {"type": "object", "additionalProperties": STR},
                       "expires_at": STR, "max_bytes": INT})}),
    "ServiceReport": obj({
        "version": INT, "generated_at": STR, "generated_by": STR, "generated_by_name": STR,
        "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "size": INT,
        "signed": BOOL, "reason": NSTR, "current": BOOL,
        # its name in the reader's language, and the file name its link downloads as
        "title": STR, "filename": STR, "url": STR}),
    "EvidenceSummary": obj({
        "can_upload": BOOL,
        "upload_kinds": array(enum(rules.KINDS)),
        "required": array(obj({"category": enum(rules.PHOTO_CATEGORIES), "min": INT,
                               "have": INT})),
        "missing": array(enum(rules.PHOTO_CATEGORIES)),
        "signature_required": BOOL, "signature_required_of_me": BOOL, "max_bytes": INT}),
}
