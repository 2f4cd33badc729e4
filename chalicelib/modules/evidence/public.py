"""What other areas may use of the field evidence: the items it keeps in an order's collection
(attachments, report versions), e.g. to tell them apart in that collection; and the upload
machinery for another area's own uploads (the warranty area's unit photos): the presigned form,
the check of what arrived (checks.check_uploaded: verdict, image facts, thumbnail), the steps
around settling its verdict (take_verified, keep_verdict, standing) and the operations on the
bytes."""

from __future__ import annotations

from chalicelib.modules.evidence.checks import (
    UploadCheck,
    check_uploaded,
    keep_verdict,
    standing,
    take_verified,
    upload_view,
)
from chalicelib.modules.evidence.domain.rules import (
    DEFAULT_EVIDENCE_POLICY,
    EVIDENCE_POLICY_SCHEMA,
    IMAGE_TYPES,
)
from chalicelib.modules.evidence.models import Attachment, ServiceReport
from chalicelib.modules.evidence.objects import (
    delete_all_versions,
    delete_version,
    presigned_post,
    put,
    read_object,
)

__all__ = ["Attachment", "DEFAULT_EVIDENCE_POLICY", "EVIDENCE_POLICY_SCHEMA", "IMAGE_TYPES",
           "ServiceReport", "UploadCheck", "check_uploaded", "delete_all_versions",
           "delete_version", "keep_verdict", "pdf_font", "pdf_text", "presigned_post", "put",
           "read_object", "standing", "take_verified", "upload_view"]


def pdf_font(path: str) -> str:
    """The service report's embedded CJK font, registered once: its name for reportlab (the
    warranty area's quote PDF is printed in the same letter; reportlab loads on first use)."""
    from chalicelib.modules.evidence.report_pdf import register_font

    return register_font(path)


def pdf_text(text: str, font: str) -> str:
    """`text` as the font can print it: a character it has no glyph for becomes a visible mark."""
    from reportlab.pdfbase import pdfmetrics

    from chalicelib.modules.evidence.report_pdf import visible

    return visible(text, pdfmetrics.getFont(font).face.charToGlyph)
