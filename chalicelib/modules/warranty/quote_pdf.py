"""The confirmed (or released) quote as a PDF (维修费用通知单), beside the service report: the
outlet's letterhead, the order and unit, every line with its list and quoted price, amount and
whether it is free (warranty, contract, waived) or charged, the totals the server computed, and
how the customer decided (signature, phone call, link) or head office's release with its reason.

Printed in the service report's embedded CJK font (evidence/public.py: pdf_font, pdf_text);
reportlab is imported only when a PDF is made.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from chalicelib.kernel.labels import label, local_time
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence import public as evidence
from chalicelib.modules.warranty.domain import quotes as rules

TITLE = "维修费用通知单（报价单）"


@dataclass
class QuotePdf:
    content: bytes
    sha256: str


def _quantity(hundredths: int) -> str:
    return str(rules.quantity_value(hundredths))


def line_rows(lines: list[dict]) -> list[list[str]]:
    """The lines as printed: item, component/description, quantity, list and quoted unit price,
    amount, and free or charged (in Chinese; the service report prints the same)."""
    rows = []
    for i, line in enumerate(lines, 1):
        rows.append([str(i), label("quote_line_kind", line["kind"]),
                     " ".join(filter(None, [line.get("component"), line.get("description")])) or "—",
                     _quantity(line["quantity_hundredths"]), rules.yuan(line["list_price_fen"]),
                     rules.yuan(line["unit_price_fen"]), rules.yuan(line["amount_fen"]),
                     charge_label(line)])
    return rows


def charge_label(line: dict) -> str:
    """免费（保修）/ 免费（合同）/ 免收（减免）/ 收费 ¥x."""
    if line.get("covered"):
        return f"免费（{label('coverage', line.get('coverage')) or '保修'}）"
    if line.get("waive"):
        return "免收（经理批准减免）"
    return f"收费 ¥{rules.yuan(line['charge_fen'])}"


def _decision_lines(quote, tz) -> list[str]:
    out = []
    approval = quote.approval or {}
    if approval.get("at"):
        out.append(f"经理审批：{approval.get('by_name') or '—'}，{local_time(approval['at'], tz)}"
                   + (f"（{approval['note']}）" if approval.get("note") else ""))
    confirmation = quote.confirmation or {}
    if quote.state == "confirmed" and confirmation:
        method = label("confirm_method", confirmation.get("method"))
        out.append(f"客户确认：{confirmation.get('customer_name') or '—'}（{method}），"
                   f"{local_time(confirmation.get('confirmed_at') or confirmation.get('at'), tz)}")
        if confirmation.get("by_name"):
            out.append(f"记录人：{confirmation['by_name']}")
    refusal = quote.refusal or {}
    if refusal:
        out.append(f"客户拒绝：{refusal.get('customer_name') or '—'}，"
                   f"{local_time(refusal.get('at'), tz)}"
                   + (f"（{refusal['note']}）" if refusal.get("note") else ""))
    release = quote.release or {}
    if quote.state == "released" and release:
        out.append(f"总经理特批：{release.get('by_name') or '—'}，{local_time(release.get('at'), tz)}；"
                   f"理由：{release.get('reason') or '—'}")
    return out


def render_quote(order, quote, signature_png: bytes | None) -> QuotePdf:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import (
        Image,
        KeepTogether,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    letter = evidence.PdfLetter(size=9, leading=12)
    p, grid, shade = letter.p, letter.grid, letter.shade
    home = directory.outlet(order.outlet)
    tz = directory.zone(order.outlet)
    width = A4[0] - 30 * mm

    flow = [p(home.name if home else order.outlet, "company")]
    contact = "　".join(filter(None, [f"地址：{home.address}" if home and home.address else "",
                                      f"电话：{home.phone}" if home and home.phone else ""]))
    if contact:
        flow.append(p(contact, "sub"))
    flow += [p(TITLE, "title"),
             p(f"工单号 {order.number}　第 {int(quote.revision)} 版　"
               f"{label('quote_state', quote.state)}", "sub"), Spacer(1, 3 * mm)]

    info = [["客户", order.customer_name, "联系电话", order.customer_phone or "—"],
            ["设备", order.equipment_label or "—", "保修判定", label("coverage", order.coverage)],
            ["故障描述", order.description, "报价有效期至", quote.valid_until or "—"]]
    table = Table([[p(c) for c in row] for row in info],
                  colWidths=[20 * mm, width / 2 - 20 * mm, 22 * mm, width / 2 - 22 * mm])
    table.setStyle(TableStyle([*grid, ("BACKGROUND", (0, 0), (0, -1), shade),
                               ("BACKGROUND", (2, 0), (2, -1), shade)]))
    flow += [table, p("费用明细（金额单位：元）", "head")]

    header = ["序号", "项目", "部件/说明", "数量", "标准价", "单价", "金额", "保修/收费"]
    widths = [9 * mm, 18 * mm, None, 14 * mm, 18 * mm, 18 * mm, 20 * mm, 30 * mm]
    widths[2] = width - sum(w for w in widths if w)
    rows = [[p(h) for h in header]] + [[p(c) for c in row] for row in line_rows(quote.lines or [])]
    total, charge = int(quote.total_fen), int(quote.charge_fen)
    rows.append([p(""), p("合计"), p(""), p(""), p(""), p(""), p(rules.yuan(total)),
                 p(f"客户应付 ¥{rules.yuan(charge)}")])
    lines_table = Table(rows, colWidths=widths, repeatRows=1)
    lines_table.setStyle(TableStyle([*grid, ("BACKGROUND", (0, 0), (-1, 0), shade),
                                     ("BACKGROUND", (0, -1), (-1, -1), shade)]))
    flow += [lines_table, Spacer(1, 2 * mm),
             p(f"工作总价 ¥{rules.yuan(total)}，其中保修/合同/减免免收 ¥{rules.yuan(total - charge)}，"
               f"客户应付 ¥{rules.yuan(charge)}。金额由系统按收费标准计算。", "base")]

    block = [p("客户确认", "head"), *[p(line) for line in _decision_lines(quote, tz)]]
    if signature_png:
        w, h = ImageReader(io.BytesIO(signature_png)).getSize()
        scale = min(70 * mm / w, 25 * mm / h, 1.0)
        ink = Image(io.BytesIO(signature_png), width=w * scale, height=h * scale)
        ink.hAlign = "LEFT"
        block += [p("客户签字："), ink]
    flow += [KeepTogether(block), Spacer(1, 4 * mm),
             p("本通知单由 Fuwu 售后服务系统生成；其 SHA-256 记录在工单时间线中，可据此核验未被改动。",
               "small")]

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=12 * mm, bottomMargin=14 * mm, title=TITLE,
                            subject=order.number, author="Fuwu")
    evidence.build_pdf(doc, flow)
    content = out.getvalue()
    return QuotePdf(content, hashlib.sha256(content).hexdigest())


def report_charges(quote) -> dict:
    """The quote's lines as the service report prints them (free or charged, with amounts)."""
    total, charge = int(quote.total_fen), int(quote.charge_fen)
    return {
        "heading": f"费用明细（报价第 {int(quote.revision)} 版，{label('quote_state', quote.state)}；"
                   f"金额单位：元）",
        "columns": ("项目", "部件/说明", "数量", "单价", "金额", "保修/收费"),
        "rows": [(row[1], row[2], row[3], row[5], row[6], row[7])
                 for row in line_rows(quote.lines or [])],
        "total": f"合计 ¥{rules.yuan(total)}；免收 ¥{rules.yuan(total - charge)}；"
                 f"客户应付 ¥{rules.yuan(charge)}",
    }
