"""The quarterly report of a maintenance contract (维护季度报告) as a PDF, in Chinese, printed in
the service report's embedded CJK font (evidence/public.py: pdf_font, pdf_text): the outlet's
letterhead, the contract, every inspection of the quarter (its result, its checklist's counts,
its signature), the faults found with the repair orders they opened, then every other order
under the contract in the quarter (repairs), each with its acceptance and signature.

The renderer knows nothing of contracts: `quarterly.py` turns the quarter into a
`QuarterlyContent` (texts already in Chinese) and this module lays it out. reportlab is
imported only when a PDF is made."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from chalicelib.modules.evidence import public as evidence


@dataclass
class Table:
    heading: str
    columns: list[str]
    widths: list[float]  # shares of the page's width (summing to 1)
    rows: list[list[str]] = field(default_factory=list)
    empty: str = "无"  # printed instead of an empty table


@dataclass
class QuarterlyContent:
    title: str
    company: str
    contact: str
    subtitle: str
    facts: list[tuple[str, str]]  # the contract: label, value (two to a row)
    tables: list[Table]
    notes: list[str] = field(default_factory=list)  # after the tables, small print
    author: str = "Fuwu"


def render(content: QuarterlyContent) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as Grid

    letter = evidence.PdfLetter(size=8.5, leading=11, head_before=6)
    font, p, grid, shade = letter.font, letter.p, letter.grid, letter.shade
    page = landscape(A4)
    width = page[0] - 24 * mm

    flow = [p(content.company, "company")]
    if content.contact:
        flow.append(p(content.contact, "sub"))
    flow += [p(content.title, "title"), p(content.subtitle, "sub"), Spacer(1, 3 * mm)]

    pairs = [content.facts[i:i + 2] for i in range(0, len(content.facts), 2)]
    rows = [[cell for fact in pair for cell in (p(fact[0]), p(fact[1]))]
            + [p("")] * (4 - 2 * len(pair)) for pair in pairs]
    facts = Grid(rows, colWidths=[24 * mm, width / 2 - 24 * mm, 24 * mm, width / 2 - 24 * mm])
    facts.setStyle(TableStyle([*grid, ("BACKGROUND", (0, 0), (0, -1), shade),
                               ("BACKGROUND", (2, 0), (2, -1), shade)]))
    flow.append(facts)

    for table in content.tables:
        flow.append(p(table.heading, "head"))
        if not table.rows:
            flow.append(p(table.empty))
            continue
        body = [[p(c) for c in table.columns]] + [[p(c) for c in row] for row in table.rows]
        shown = Grid(body, colWidths=[width * share for share in table.widths], repeatRows=1)
        shown.setStyle(TableStyle([*grid, ("BACKGROUND", (0, 0), (-1, 0), shade)]))
        flow.append(shown)

    if content.notes:
        flow.append(Spacer(1, 4 * mm))
        flow += [p(note, "small") for note in content.notes]

    def number_pages(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.drawRightString(page[0] - 12 * mm, 7 * mm, f"第 {doc.page} 页")
        canvas.restoreState()

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=page, leftMargin=12 * mm, rightMargin=12 * mm,
                            topMargin=10 * mm, bottomMargin=12 * mm, title=content.title,
                            author=content.author)
    evidence.build_pdf(doc, flow, onFirstPage=number_pages, onLaterPages=number_pages)
    return out.getvalue()
