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
           "pdf_font", "pdf_text", "photo_link", "presigned_post", "put", "read_object",
           "register_report_section", "UploadFields", "upload_form", "upload_view",
           "verify_upload", "current_reports"]


def photo_link(item: Attachment) -> dict:
    """An order's photo as another area shows it beside its own data (an inspection item's
    fault photo): its id and a short-lived URL of its thumbnail (else the file), as the
    attachment views give them; the URL null until verified."""
    from chalicelib.modules.evidence.usecases import attachment_view

    view = attachment_view(item)
    return {"id": item.id, "url": view["thumb_url"] or view["url"]}


def register_report_section(source) -> None:
    """An area's part of an order's service report, registered in its setup (the evidence area
    imports none of them): `source(order, collection) -> dict | None` — None: nothing to add;
    else what the report prints, from the order and its item collection without I/O:
    `{"title": {"zh", "en"}?` (the document's name instead of 服务报告: its title, file name and
    the PDF's heading), `"heading": str` (the part's heading), `"fields": [[label, value]]`,
    `"tables": [{"heading", "columns": [str], "rows": [[str]]}]}` — printed after the
    order's sections and before the parts, the acceptance and the signatures."""
    from chalicelib.modules.evidence.reports import register_section

    register_section(source)


def pdf_font(path: str) -> str:
    """The service report's embedded CJK font, registered once: its name for reportlab (the
    warranty area's quote PDF is printed in the same letter; reportlab loads on first use)."""
    from chalicelib.modules.evidence.report_pdf import register_font

    return register_font(path)


def build_pdf(doc, flow: list, **kwargs) -> None:
    """Build a PDF printed in that font (`doc.build(flow, **kwargs)`), one at a time per
    process: reportlab subsets the one registered font by seeking in its file."""
    from chalicelib.modules.evidence.report_pdf import build

    build(doc, flow, **kwargs)


class PdfLetter:
    """The letter the other areas' PDFs are printed in (the quote, a contract's quarterly
    report): the service report's embedded CJK font at a body size, its paragraph styles
    (base, company, title, sub, head, right, small), `p(text, style)` (a paragraph, with what
    the font cannot print made visible and the text escaped), the table grid and the header
    shade."""

    def __init__(self, size: float, leading: float, head_before: float = 5):
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER, TA_RIGHT
        from reportlab.lib.styles import ParagraphStyle

        from chalicelib.kernel.config import settings

        self.font = pdf_font(settings().report_font)
        base = ParagraphStyle("base", fontName=self.font, fontSize=size, leading=leading,
                              wordWrap="CJK")
        grey = colors.HexColor("#666666")
        self.styles = {
            "base": base,
            "company": ParagraphStyle("company", parent=base, fontSize=13, leading=17,
                                      alignment=TA_CENTER),
            "title": ParagraphStyle("title", parent=base, fontSize=15, leading=20,
                                    alignment=TA_CENTER, spaceBefore=2),
            "sub": ParagraphStyle("sub", parent=base, fontSize=8.5, leading=11,
                                  alignment=TA_CENTER, textColor=colors.HexColor("#555555")),
            "head": ParagraphStyle("head", parent=base, fontSize=10.5, leading=14,
                                   spaceBefore=head_before, spaceAfter=2),
            "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
            "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=10,
                                    textColor=grey),
        }
        self.grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
                     ("VALIGN", (0, 0), (-1, -1), "TOP"),
                     ("LEFTPADDING", (0, 0), (-1, -1), 3),
                     ("RIGHTPADDING", (0, 0), (-1, -1), 3)]
        self.shade = colors.HexColor("#f2f2f2")

    def p(self, text: str | None, style: str = "base"):
        from reportlab.platypus import Paragraph

        shown = pdf_text(text or "—", self.font)
        escaped = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return Paragraph(escaped.replace("\n", "<br/>"), self.styles[style])


def pdf_text(text: str, font: str) -> str:
    """`text` as the font can print it: a character it has no glyph for becomes a visible mark."""
    from reportlab.pdfbase import pdfmetrics

    from chalicelib.modules.evidence.report_pdf import visible

    return visible(text, pdfmetrics.getFont(font).face.charToGlyph)


def current_reports(order_ids) -> dict[str, ServiceReport]:
    """Each order's current service report version (its newest REPORT# item; an order without
    one left out): one query of one item per order (another area's document listing several
    orders' signatures: a contract's quarterly report)."""
    from chalicelib.kernel.store import keys
    from chalicelib.kernel.store.models import Item

    found: dict[str, ServiceReport] = {}
    for order_id in dict.fromkeys(order_ids):
        for item in Item.query(keys.order_pk(order_id), Item.sk.startswith("REPORT#"),
                               scan_index_forward=False, limit=1, page_size=1,
                               consistent_read=True):
            if isinstance(item, ServiceReport):
                found[order_id] = item
    return found
