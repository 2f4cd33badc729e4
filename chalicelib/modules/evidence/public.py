"""What other areas may use of the field evidence: the items it keeps in an order's collection
(attachments, report versions), e.g. to tell them apart in that collection; and the upload
machinery for another area's own uploads (the warranty area's unit photos, the technicians
area's certificate scans): the presigned form (form_expiry, upload_form), the check of what
arrived and the settling of its verdict around the area's own conditional write
(checks.verify_upload: arrival, size, magic number, image facts, thumbnail; rejected bytes
deleted), the view of an upload, and the operations on the bytes."""

from __future__ import annotations

from chalicelib.modules.evidence.checks import (
    form_expiry,
    upload_form,
    upload_view,
    verify_upload,
)
from chalicelib.modules.evidence.domain.rules import (
    DEFAULT_EVIDENCE_POLICY,
    EVIDENCE_POLICY_SCHEMA,
    IMAGE_TYPES,
    TYPES_OF_KIND,
)
from chalicelib.modules.evidence.models import Attachment, ServiceReport, UploadFields
from chalicelib.modules.evidence.objects import (
    delete_all_versions,
    delete_version,
    presigned_post,
    put,
    read_object,
)

# what a scanned document may be: a PDF or a photo (an order's `document` kind)
DOCUMENT_TYPES = TYPES_OF_KIND["document"]

__all__ = ["DOCUMENT_TYPES", "Attachment", "DEFAULT_EVIDENCE_POLICY", "EVIDENCE_POLICY_SCHEMA",
           "IMAGE_TYPES", "ServiceReport", "delete_all_versions", "delete_version", "form_expiry",
           "pdf_font", "pdf_text", "presigned_post", "put", "read_object", "UploadFields",
           "upload_form", "upload_view", "verify_upload"]


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
