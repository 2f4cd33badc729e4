"""The service report (售后服务报告单) as a PDF, in Chinese, with an embedded CJK font, laid out
like the paper form: the outlet's header with its contact, the order, the repair plan, the
result, the parts, the photos, and the customer's acceptance with the technician's and the
customer's signatures side by side.

The renderer knows nothing of orders: `reports.py` turns an order into a `ReportContent`
(labels and values already in Chinese) and this module lays it out.

Two layout rules:
- The customer's acceptance and both signatures are one block that is never split: the
  signature never stands alone on a page, it moves with the acceptance above it.
- A report is one page when it can be. If the form runs over and the signatures would land on
  a later page, the photos (the block that most often runs over) move behind the signatures as
  an appendix, so the signed form stays on page 1.

Characters the embedded font has no glyph for (emoji, rare symbols) would be printed as
nothing; they are replaced by a visible "□" instead, so a reader sees that something was there.
"""

from __future__ import annotations

import io
import threading
import unicodedata
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
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

FONT = "FuwuCJK"
REPLACEMENT = "□"  # shown for a character the font cannot draw ("?" if the font lacks it too)


@dataclass
class ReportPhoto:
    caption: str
    jpeg: bytes


@dataclass
class ReportField:
    label: str
    value: str
    wide: bool = False  # a long text: the whole row; short fields sit two to a row


@dataclass
class ReportSection:
    heading: str
    fields: list[ReportField]


@dataclass
class ReportTable:
    """A table another area adds to the report (an inspection's checklist: one per area), after
    the order's sections: a heading, its columns, its rows (each cell a text; "\n" breaks a
    line)."""

    heading: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]]


@dataclass
class SignatureBox:
    heading: str  # 维修工程师 / 客户签字
    lines: list[str]  # name, time, or why there is no signature
    png: bytes | None = None  # the ink, when signed on the device
    sign_here: str = ""  # a line to sign by hand on the printed copy ("签字：")


@dataclass
class ReportContent:
    title: str
    company: str  # the outlet (its name), at the top like a letterhead
    contact: str  # its address and phone ("" when the directory has none)
    number: str
    subtitle: str  # version, generated at
    sections: list[ReportSection]
    parts_heading: str
    parts_columns: tuple[str, ...]  # the name, then narrow columns (quantity, charge)
    parts: list[tuple[str, ...]]
    photos_heading: str
    photos: list[ReportPhoto]
    acceptance: ReportSection  # the customer's verdict: kept with the signatures
    signatures: list[SignatureBox]  # the technician's, then the customer's
    appendix_photos_heading: str = ""  # the photos' heading when they follow the signatures
    # the quote's lines, each free or charged with its amount (none: the order had no quote)
    charges_heading: str = ""
    charges_columns: tuple[str, ...] = ()
    charges: list[tuple[str, ...]] = field(default_factory=list)
    charges_total: str = ""
    tables: list[ReportTable] = field(default_factory=list)  # the other areas' (a checklist)
    notes: list[str] = field(default_factory=list)  # correction notice
    footer: str = ""
    page_label: str = "第 {page} 页 / 共 {pages} 页"


# The registered font is one object per process, and reportlab subsets it by seeking in the
# font file it holds: two builds at once in one process (the local server's threads; a Lambda
# runs one request at a time) read each other's positions and fail. So every PDF printed in
# this font is built through `build`, one at a time, and the font is registered under the same
# lock.
_FONT_IN_USE = threading.Lock()


@lru_cache(maxsize=4)
def register_font(path: str) -> str:
    """Register the TrueType font (a .ttc: its first face) once per process; it is embedded
    (subset) in every PDF so the report reads the same on any machine."""
    with _FONT_IN_USE:
        if FONT not in pdfmetrics.getRegisteredFontNames():
            options = {"subfontIndex": 0} if path.lower().endswith(".ttc") else {}
            pdfmetrics.registerFont(TTFont(FONT, path, **options))
    return FONT


def build(doc, flow: list, **kwargs) -> None:
    """`doc.build(flow, **kwargs)` for a PDF in the font: one build at a time per process."""
    with _FONT_IN_USE:
        doc.build(flow, **kwargs)


# ---------------------------------------------------------------- characters the font lacks

def _is_modifier(char: str) -> bool:
    """A character that only changes the one before it (an emoji's skin tone, a keycap, a
    combining mark): after a replaced character it is part of that one "□"."""
    code = ord(char)
    return (0x1F3FB <= code <= 0x1F3FF or code == 0x20E3
            or unicodedata.category(char) in ("Mn", "Me"))


def _invisible(char: str) -> bool:
    """Joiners, variation selectors and tags: they draw nothing themselves."""
    code = ord(char)
    return (char in "\u200d\u200c" or 0xFE00 <= code <= 0xFE0F or 0xE0000 <= code <= 0xE01EF
            or unicodedata.category(char) == "Cf")


def _regional(char: str) -> bool:
    """Half of a flag (two regional indicator letters make one)."""
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def visible(text: str, glyphs) -> str:
    """`text` with every character the font cannot draw (`glyphs`: its cmap) replaced by a
    visible mark: one mark per emoji, a sequence joined by ZWJ, with its skin tone, keycap or
    variation selector, or a flag's pair of letters counting once."""
    mark = REPLACEMENT if ord(REPLACEMENT) in glyphs else "?"
    out: list[str] = []
    in_mark = joined = flag_open = False  # the last mark's sequence may still go on
    for char in unicodedata.normalize("NFC", text):
        if in_mark:
            if char == "\u200d":
                joined = True
                continue
            if joined or _is_modifier(char) or _invisible(char) \
                    or flag_open and _regional(char):
                joined = flag_open = False
                continue
            in_mark = False
        if char in "\n\r\t" or ord(char) in glyphs:
            out.append(char)
        elif not _invisible(char):
            out.append(mark)
            in_mark, flag_open = True, _regional(char)
    return "".join(out)


# ---------------------------------------------------------------- styles and pieces

def _styles(font: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    grey = colors.HexColor("#555555")
    return {
        "base": base,
        "company": ParagraphStyle("company", parent=base, fontSize=13, leading=17,
                                  alignment=TA_CENTER),
        "contact": ParagraphStyle("contact", parent=base, fontSize=8.5, leading=11,
                                  alignment=TA_CENTER, textColor=grey),
        "title": ParagraphStyle("title", parent=base, fontSize=16, leading=21,
                                alignment=TA_CENTER, spaceBefore=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=8.5, leading=11,
                                   alignment=TA_CENTER, textColor=grey),
        "heading": ParagraphStyle("heading", parent=base, fontSize=10.5, leading=14,
                                  spaceBefore=5, spaceAfter=2),
        "label": ParagraphStyle("label", parent=base, textColor=colors.HexColor("#333333")),
        "note": ParagraphStyle("note", parent=base, textColor=colors.HexColor("#a8071a")),
        "small": ParagraphStyle("small", parent=base, fontSize=7.5, leading=10,
                                textColor=colors.HexColor("#666666")),
    }


GRID = [
    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#999999")),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
]
LABEL_BG = colors.HexColor("#f2f2f2")
LABEL_W = 21 * mm
HEADING_ROOM = 22 * mm  # a heading starts a new page when less room than this is left


def _image(data: bytes, max_w: float, max_h: float) -> Image:
    width, height = ImageReader(io.BytesIO(data)).getSize()
    scale = min(max_w / width, max_h / height, 1.0)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


class _Mark(Flowable):
    """Takes no space; notes the page it lands on (where the signatures were placed)."""

    def __init__(self, seen: dict, name: str):
        super().__init__()
        self.seen, self.name = seen, name
        self.width = self.height = 0

    def draw(self) -> None:
        self.seen[self.name] = self.canv.getPageNumber()


class _Layout:
    def __init__(self, content: ReportContent, font: str, width: float):
        self.c, self.st, self.width = content, _styles(font), width
        self.glyphs = pdfmetrics.getFont(font).face.charToGlyph

    def p(self, text: str | None, style: str = "base") -> Paragraph:
        shown = visible(text or "—", self.glyphs)
        escaped = shown.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return Paragraph(escaped.replace("\n", "<br/>"), self.st[style])

    def header(self) -> list:
        c = self.c
        flow = [self.p(c.company, "company")]
        if c.contact:
            flow.append(self.p(c.contact, "contact"))
        flow += [HRFlowable(width="100%", thickness=0.8, color=colors.HexColor("#333333"),
                            spaceBefore=3, spaceAfter=2),
                 self.p(c.title, "title"),
                 self.p(f"{c.number}　{c.subtitle}", "subtitle"), Spacer(1, 2 * mm)]
        return flow + [self.p(note, "note") for note in c.notes]

    def section(self, section: ReportSection, breakable: bool = True) -> list:
        """A heading and its grid: short fields two to a row, each long text a row of its own
        (its own table, so that it may continue on the next page inside the row instead of
        leaving a half-empty page). A heading is never the last line of a page."""
        value_w = self.width / 2 - LABEL_W
        tables, pairs = [], []

        def pair_table():
            if pairs:
                rows = [[self.p(a.label, "label"), self.p(a.value),
                         *((self.p(b.label, "label"), self.p(b.value)) if b else ("", ""))]
                        for a, b in pairs]
                shading = [("BACKGROUND", (2, i), (2, i), LABEL_BG)
                           for i, (_, b) in enumerate(pairs) if b]
                spans = [("SPAN", (1, i), (3, i)) for i, (_, b) in enumerate(pairs) if not b]
                tables.append(self._grid(rows, [LABEL_W, value_w, LABEL_W, value_w],
                                         shading + spans))
                pairs.clear()

        short: list[ReportField] = []
        for f in [*section.fields, None]:
            if f is not None and not f.wide:
                short.append(f)
                continue
            pairs += [(short[i], short[i + 1] if i + 1 < len(short) else None)
                      for i in range(0, len(short), 2)]
            short = []
            pair_table()
            if f is not None:
                tables.append(self._grid([[self.p(f.label, "label"), self.p(f.value)]],
                                         [LABEL_W, self.width - LABEL_W]))
        head = [CondPageBreak(HEADING_ROOM)] if breakable else []
        return [*head, self.p(section.heading, "heading"), *tables]

    @staticmethod
    def _grid(rows: list, widths: list[float], extra: list | None = None) -> Table:
        table = Table(rows, colWidths=widths, splitInRow=1)
        table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
                                   *(extra or [])]))
        return table

    def tables(self) -> list:
        """The other areas' tables: the first and the last column share the width the narrow
        ones in between (a result: 22 mm each) leave; a table may run on to the next page,
        its header row repeated."""
        flow: list = []
        for added in self.c.tables:
            n = len(added.columns)
            narrow = max(0, n - 2) * 22 * mm
            wide = (self.width - narrow) / 2 if n > 1 else self.width
            widths = [wide, *[22 * mm] * max(0, n - 2), wide][:n] if n > 1 else [wide]
            rows = [[self.p(h, "label") for h in added.columns]]
            rows += ([[self.p(cell) for cell in row] for row in added.rows]
                     or [[self.p("—"), *[""] * (n - 1)]])
            table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
            table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG)]))
            flow += [CondPageBreak(HEADING_ROOM), self.p(added.heading, "heading"), table]
        return flow

    def parts(self) -> list:
        c = self.c
        rows = [[self.p(h, "label") for h in c.parts_columns]]
        narrow = len(c.parts_columns) - 1
        rows += ([[self.p(cell) for cell in row] for row in c.parts]
                 or [[self.p("—"), *[""] * narrow]])
        table = Table(rows, colWidths=[self.width - 25 * mm * narrow, *[25 * mm] * narrow])
        table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG)]))
        return [CondPageBreak(HEADING_ROOM), self.p(c.parts_heading, "heading"), table]

    def charges(self) -> list:
        """The quote's lines: what is free (warranty, contract, waived) and what is charged."""
        c = self.c
        if not c.charges:
            return []
        rows = [[self.p(h, "label") for h in c.charges_columns]]
        rows += [[self.p(cell) for cell in row] for row in c.charges]
        item_w, qty_w, money_w, verdict_w = 16 * mm, 12 * mm, 18 * mm, 30 * mm
        widths = [item_w, self.width - item_w - qty_w - 2 * money_w - verdict_w, qty_w,
                  money_w, money_w, verdict_w]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, 0), LABEL_BG)]))
        return [CondPageBreak(HEADING_ROOM), self.p(c.charges_heading, "heading"), table,
                self.p(c.charges_total)]

    def photos(self, heading: str) -> list:
        if not self.c.photos:
            return []
        per_row = 6
        cell_w = self.width / per_row
        cells = [[_image(p.jpeg, cell_w - 6, 26 * mm), self.p(p.caption, "small")]
                 for p in self.c.photos]
        grid = [cells[i:i + per_row] for i in range(0, len(cells), per_row)]
        grid[-1] += [""] * (per_row - len(grid[-1]))
        table = Table(grid, colWidths=[cell_w] * per_row)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 2),
                                   ("RIGHTPADDING", (0, 0), (-1, -1), 2)]))
        return [KeepTogether([self.p(heading, "heading"), table])]

    def signatures(self, seen: dict) -> list:
        """The acceptance and the signature boxes side by side, as one unbreakable block."""
        boxes = []
        box_w = self.width / max(1, len(self.c.signatures))
        for box in self.c.signatures:
            cell: list = [self.p(box.heading, "label")]
            if box.png:
                ink = _image(box.png, box_w - 10 * mm, 20 * mm)
                ink.hAlign = "LEFT"
                cell.append(ink)
            elif box.sign_here:
                cell += [Spacer(1, 9 * mm), self.p(box.sign_here)]
            cell += [self.p(line) for line in box.lines]
            boxes.append(cell)
        table = Table([boxes], colWidths=[box_w] * len(boxes))
        table.setStyle(TableStyle([*GRID, ("TOPPADDING", (0, 0), (-1, -1), 4),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
        block = [*self.section(self.c.acceptance, breakable=False), Spacer(1, 2 * mm), table,
                 _Mark(seen, "signatures")]
        return [KeepTogether(block)]


@dataclass
class _Built:
    pdf: bytes
    pages: int
    signature_page: int


def _numbered(content: ReportContent, font: str):
    """A canvas that writes "page n of N" and the order number at the foot of every page
    (the total is known once every page is laid out)."""

    class NumberedCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(font, 7.5)
                self.setFillColor(colors.HexColor("#666666"))
                label = content.page_label.format(page=self._pageNumber, pages=total)
                self.drawRightString(A4[0] - 15 * mm, 8 * mm, f"{content.number}　{label}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _build(content: ReportContent, font: str, photos_first: bool) -> _Built:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=12 * mm, bottomMargin=14 * mm, title=content.title,
                            subject=content.number, author="Fuwu")
    layout = _Layout(content, font, A4[0] - 30 * mm)
    seen: dict = {}
    flow = layout.header()
    for section in content.sections:
        flow += layout.section(section)
    flow += layout.tables()
    flow += layout.parts()
    flow += layout.charges()
    if photos_first:
        flow += layout.photos(content.photos_heading)
    flow += layout.signatures(seen)
    if not photos_first:
        flow += layout.photos(content.appendix_photos_heading or content.photos_heading)
    if content.footer:
        flow += [Spacer(1, 3 * mm), layout.p(content.footer, "small")]
    build(doc, flow, canvasmaker=_numbered(content, font))
    return _Built(out.getvalue(), doc.page, seen.get("signatures", 0))


def render(content: ReportContent, font_path: str) -> bytes:
    """The report as PDF bytes: the paper form's order, unless its signatures would leave page 1
    and moving the photos behind them (an appendix) keeps them there."""
    font = register_font(font_path)
    built = _build(content, font, photos_first=True)
    if built.signature_page > 1 and content.photos:
        moved = _build(content, font, photos_first=False)
        if moved.signature_page == 1:
            return moved.pdf
    return built.pdf
