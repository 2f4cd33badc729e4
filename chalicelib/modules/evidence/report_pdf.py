"""The service report (售后服务报告单) as a PDF, in Chinese, with an embedded CJK font.

The renderer knows nothing of orders: `reports.py` turns an order into a
`ReportContent` (labels and values already in Chinese) and this module lays it out.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT = "FuwuCJK"


@dataclass
class ReportPhoto:
    caption: str
    jpeg: bytes


@dataclass
class ReportContent:
    title: str
    number: str
    subtitle: str  # outlet, version, generated at
    sections: list[tuple[str, list[tuple[str, str]]]]  # (heading, [(label, value)])
    parts_heading: str
    parts_columns: tuple[str, str]
    parts: list[tuple[str, str]]
    photos_heading: str
    photos: list[ReportPhoto]
    signature_heading: str
    signature_png: bytes | None
    signature_lines: list[str]  # signer, time, or why there is no signature
    notes: list[str] = field(default_factory=list)  # correction notice, footer lines
    footer: str = ""


@lru_cache(maxsize=4)
def register_font(path: str) -> str:
    """Register the TrueType font (a .ttc: its first face) once per process; it is embedded
    (subset) in every PDF so the report reads the same on any machine."""
    options = {"subfontIndex": 0} if path.lower().endswith(".ttc") else {}
    pdfmetrics.registerFont(TTFont(FONT, path, **options))
    return FONT


def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=9.5, leading=13, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=17, leading=22, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=9, alignment=TA_CENTER,
                                   textColor=colors.HexColor("#555555")),
        "heading": ParagraphStyle("heading", parent=base, fontSize=11.5, leading=16,
                                  spaceBefore=6, spaceAfter=3),
        "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#333333")),
        "note": ParagraphStyle("note", parent=base, textColor=colors.HexColor("#a8071a")),
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11,
                                textColor=colors.HexColor("#666666")),
    }


def _escape(text: str) -> str:
    return (text or "—").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace("\n", "<br/>")


GRID = TableStyle([
    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
    ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
])


def _image(data: bytes, max_w: float, max_h: float) -> Image:
    width, height = ImageReader(io.BytesIO(data)).getSize()
    scale = min(max_w / width, max_h / height, 1.0)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def render(content: ReportContent, font_path: str) -> bytes:
    font = register_font(font_path)
    st = _styles(font)
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm, title=content.title,
                            subject=content.number, author="Fuwu")
    width = A4[0] - 30 * mm
    flow: list = [Paragraph(_escape(content.title), st["title"]),
                  Paragraph(_escape(f"{content.number}　{content.subtitle}"), st["subtitle"]),
                  Spacer(1, 4 * mm)]
    flow += [Paragraph(_escape(note), st["note"]) for note in content.notes]
    for heading, rows in content.sections:
        flow.append(Paragraph(_escape(heading), st["heading"]))
        table = Table([[Paragraph(_escape(k), st["label"]), Paragraph(_escape(v), st["base"])]
                       for k, v in rows], colWidths=[32 * mm, width - 32 * mm])
        table.setStyle(GRID)
        flow.append(table)

    flow.append(Paragraph(_escape(content.parts_heading), st["heading"]))
    rows = [[Paragraph(_escape(h), st["label"]) for h in content.parts_columns]]
    rows += [[Paragraph(_escape(name), st["base"]), Paragraph(_escape(qty), st["base"])]
             for name, qty in content.parts] or [[Paragraph("—", st["base"]), ""]]
    parts = Table(rows, colWidths=[width - 30 * mm, 30 * mm])
    parts.setStyle(TableStyle([*GRID.getCommands(),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f2f2f2")),
                               ("BACKGROUND", (0, 1), (0, -1), colors.white)]))
    flow.append(parts)

    if content.photos:
        flow.append(Paragraph(_escape(content.photos_heading), st["heading"]))
        cell_w = width / 4
        cells = [[_image(p.jpeg, cell_w - 6, 38 * mm), Paragraph(_escape(p.caption), st["small"])]
                 for p in content.photos]
        grid = [cells[i:i + 4] for i in range(0, len(cells), 4)]
        grid[-1] += [""] * (4 - len(grid[-1]))
        photos = Table(grid, colWidths=[cell_w] * 4)
        photos.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                    ("ALIGN", (0, 0), (-1, -1), "CENTER")]))
        flow.append(photos)

    signature: list = [Paragraph(_escape(content.signature_heading), st["heading"])]
    if content.signature_png:
        ink = _image(content.signature_png, 70 * mm, 28 * mm)
        ink.hAlign = "LEFT"
        signature.append(ink)
    signature += [Paragraph(_escape(line), st["base"]) for line in content.signature_lines]
    flow.append(KeepTogether(signature))
    if content.footer:
        flow += [Spacer(1, 5 * mm), Paragraph(_escape(content.footer), st["small"])]
    doc.build(flow)
    return out.getvalue()
