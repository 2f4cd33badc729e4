"""The service report (售后服务报告单): issued at acceptance, corrected by a new version.

A version is rendered to PDF (Chinese, embedded font), written to S3 as a new object version,
and recorded as an immutable `ServiceReport` item with its SHA-256 in the same transaction as
the lifecycle action that caused it, so an order is never accepted without its report and a
report never exists for an acceptance that did not happen.
"""

from __future__ import annotations

import hashlib
from zoneinfo import ZoneInfo

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import NotFound
from chalicelib.kernel.labels import label, local_time
from chalicelib.kernel.observability import log_failure, logger
from chalicelib.kernel.store import files
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence import store
from chalicelib.modules.evidence.models import Attachment, ServiceReport
from chalicelib.modules.orders.public import WorkOrder, ensure_order_readable, get_order_with_items

MAX_PHOTOS = 12  # thumbnails on the report; the rest stay in the order's gallery
PHOTO_ORDER = ("before", "fault", "nameplate", "site", "after")

SATISFACTION_ZH = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}


# A version's name in the reader's language: the title the portal lists and the file name a
# download is saved under ("服务报告 SZ-20260101-0001 v2.pdf"); an area's part of the report
# may name the document otherwise (an inspection's 维护登记表: register_section).
REPORT_NAME = {"zh": "服务报告 {number} v{version}", "en": "Service report {number} v{version}"}
NAMED = "{title} {number} v{version}"

# the other areas' parts of an order's report (evidence.public.register_report_section):
# source(order, collection) -> dict | None, without I/O
_sections: list = []


def register_section(source) -> None:
    if source not in _sections:
        _sections.append(source)


def parts_of(order: WorkOrder, collection) -> list[dict]:
    """What the registered areas add to the order's report (none: a plain service report)."""
    return [part for part in (source(order, collection) for source in _sections) if part]


def document_title(parts: list[dict]) -> dict | None:
    """The document's own name ({zh, en}) when an area's part gives one."""
    return next((p["title"] for p in parts if p.get("title")), None)


def report_name(number: str, version: int, lang: str, title: dict | None = None) -> str:
    if title:
        return NAMED.format(title=title.get(lang) or title["zh"], number=number, version=version)
    return REPORT_NAME.get(lang, REPORT_NAME["zh"]).format(number=number, version=version)


def report_view(item: ServiceReport, current: bool, number: str, lang: str,
                title_names: dict | None = None) -> dict:
    title = report_name(number, int(item.report_version), lang, title_names)
    return {"version": int(item.report_version), "generated_at": item.generated_at,
            "generated_by": item.generated_by, "generated_by_name": item.generated_by_name,
            "sha256": item.sha256, "size": int(item.size), "signed": bool(item.signed),
            "reason": item.reason, "current": current, "title": title,
            "filename": f"{title}.pdf",
            "url": files.presigned_get(item.s3_key, item.s3_version_id, "application/pdf",
                                       f"{title}.pdf")}


def views(reports: list[ServiceReport], number: str, lang: str,
          title_names: dict | None = None) -> list[dict]:
    ordered = sorted(reports, key=lambda r: int(r.report_version))
    return [report_view(r, i == len(ordered) - 1, number, lang, title_names)
            for i, r in enumerate(ordered)]


def get(actor: Actor, order_id: str, version: str, lang: str = "zh") -> dict:
    found = get_order_with_items(order_id)
    if found is None:
        raise NotFound()
    ensure_order_readable(actor, found.order)
    versions = found.items.of(ServiceReport)
    latest = max((int(r.report_version) for r in versions), default=0)
    title = document_title(parts_of(found.order, found.items)) if versions else None
    for item in versions:
        if str(int(item.report_version)) == version:
            return report_view(item, int(item.report_version) == latest, found.order.number,
                               lang, title)
    raise NotFound()


# ---------------------------------------------------------------- issuing a version

def issue(actor: Actor, order: WorkOrder, attachments: list[Attachment],
          reports: list[ServiceReport], at: str, reason: str | None,
          charges: dict | None = None, part_prices: dict | None = None,
          parts: list[dict] | None = None) -> ServiceReport:
    """Render the next report version of `order` (as it will be saved), put it to S3 and return
    its item for the caller's transaction. `discard` removes the S3 version if that fails.
    `charges`: the order's quote, line by line free or charged (the warranty area's
    quote_charges), printed after the parts; None without a quote. `part_prices`: per part code
    issued to the order, its coverage and list price (the parts area's order_part_prices): the
    parts table then says what each part costs the customer. `parts`: the other areas' parts of
    the report (parts_of: an inspection's checklist, the document then its 维护登记表)."""
    version = max((int(r.report_version) for r in reports), default=0) + 1
    acceptance = (order.steps or {}).get("acceptance") or {}
    signature = next((a for a in attachments if a.id == acceptance.get("signature_id")
                      and a.status == "verified"), None)
    previous = max(reports, key=lambda r: int(r.report_version)) if reports else None
    content = _content(actor, order, attachments, signature, version, at, reason, previous,
                       charges, part_prices, parts or [])
    from chalicelib.modules.evidence import report_pdf

    pdf = report_pdf.render(content, settings().report_font)
    key = store.report_key(order.outlet, order.id)
    s3_version = store.put(key, pdf, "application/pdf")
    logger.info("service report rendered", extra={"order": order.number, "version": version,
                                                  "bytes": len(pdf)})
    return ServiceReport(
        order_id=order.id, outlet=order.outlet, report_version=version, s3_key=key,
        s3_version_id=s3_version, sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf),
        generated_at=at, generated_by=actor.username,
        generated_by_name=directory.actor_name(actor), signed=signature is not None,
        signature_id=signature.id if signature else None, reason=reason,
        order_version=int(order.version) + 1,
    )


def discard(item: ServiceReport) -> None:
    """The action that would have recorded this version failed: remove its PDF again."""
    try:
        store.delete_version(item.s3_key, item.s3_version_id)
    except Exception as error:  # noqa: BLE001 - best effort; an unrecorded version is never served
        log_failure("could not remove an unrecorded report version", error)


def summary_of(item: ServiceReport) -> dict:
    return {"report_version": int(item.report_version), "sha256": item.sha256,
            "signed": bool(item.signed), "reason": item.reason, "size": int(item.size)}


# ---------------------------------------------------------------- content

def _local(value: str | None, tz: ZoneInfo) -> str:
    return local_time(value, tz, "—")


def _photos(attachments: list[Attachment], tz: ZoneInfo):
    from chalicelib.modules.evidence.report_pdf import ReportPhoto

    chosen = sorted((a for a in attachments if a.evidence_kind == "photo"
                     and a.status == "verified" and a.thumb_key),
                    key=lambda a: (PHOTO_ORDER.index(a.category) if a.category in PHOTO_ORDER
                                   else 9, a.id))[:MAX_PHOTOS]
    photos = []
    for a in chosen:
        when = _local(a.taken_at, tz) if a.taken_at else _local(a.verified_at, tz)
        caption = f"{label('category', a.category)} · {when}"
        photos.append(ReportPhoto(caption, store.read_object(a.thumb_key)))
    return photos


def _hours(value) -> str:
    if value in (None, ""):
        return "—"
    return f"{float(value):g} 小时"


def _contact_line(home) -> str:
    """The outlet's address and phone as the letterhead shows them ("" when unknown)."""
    if home is None:
        return ""
    return "　".join(filter(None, [f"地址：{home.address}" if home.address else "",
                                  f"电话：{home.phone}" if home.phone else ""]))


def _part_row(line: dict, prices: dict | None) -> tuple[str, ...]:
    """A part of the report: its name and quantity, and with the order's part prices (the parts
    area's: free under warranty or contract) what it costs the customer."""
    row = (line.get("name", ""), str(line.get("quantity", "")))
    if not prices:
        return row
    price = prices.get(line.get("code") or "")
    if price is None:
        return (*row, "—")
    if price["free"]:
        return (*row, f"免费（{label('coverage', price['coverage'], 'zh')}）")
    from chalicelib.modules.warranty.public import yuan

    return (*row, f"¥{yuan(int(price['unit_charge_fen']) * int(line.get('quantity') or 0))}")


def _content(actor: Actor, order: WorkOrder, attachments: list[Attachment],
             signature: Attachment | None, version: int, at: str, reason: str | None,
             previous: ServiceReport | None, charges: dict | None = None,
             part_prices: dict | None = None, parts: list[dict] | None = None):
    from chalicelib.modules.evidence.report_pdf import (
        ReportContent,
        ReportField,
        ReportSection,
        ReportTable,
        SignatureBox,
    )

    home = directory.outlet(order.outlet)
    tz = directory.zone(order.outlet)
    steps = order.steps or {}
    contact, arrival = steps.get("contact") or {}, steps.get("arrival") or {}
    survey, completion = steps.get("survey") or {}, steps.get("completion") or {}
    plan, approval = steps.get("plan") or {}, steps.get("approval") or {}
    acceptance = steps.get("acceptance") or {}
    lead = order.technician_name or (directory.display_name(order.technician)
                                     if order.technician else "")
    helpers = "、".join(directory.display_name(h) for h in order.helpers or [])
    score = acceptance.get("satisfaction")
    satisfaction = " ".join(filter(None, [
        f"{'★' * int(score)}{'☆' * (5 - int(score))} {SATISFACTION_ZH.get(int(score), '')}"
        if score else None,
        {True: "客户确认满意", False: "客户表示不满意"}.get(acceptance.get("satisfied"))])) or "—"
    notes = []
    if version > 1:
        notes.append(f"更正版本（第 {version} 版）：{reason or '—'}。更正人：{directory.actor_name(actor)}，"
                     f"{_local(at, tz)}。本版替代第 {version - 1} 版（SHA-256 "
                     f"{previous.sha256[:16] if previous else '—'}…），原版本保留可查。")
    customer_name = acceptance.get("customer_name") or "—"
    if signature is not None:
        signed_at = _local(acceptance.get("at"), tz)
        lines = [f"验收人：{customer_name}", f"签字时间：{signed_at}"]
        if version > 1:
            lines.append(f"（客户签字于第 1 版验收时，{signed_at}）")
        signature_png = store.read_object(signature.s3_key, signature.s3_version_id)
    else:
        signature_png = None
        lines = [f"验收人：{customer_name}",
                 f"验收记录：{directory.display_name(acceptance.get('by') or '')}，"
                 f"{_local(acceptance.get('at'), tz)}（无现场签字）"]
    approved = "　".join(filter(None, [
        directory.display_name(approval["by"]) if approval.get("by") else "",
        _local(approval.get("at"), tz) if approval.get("at") else "",
        approval.get("comment") or ""])) or "—"
    F = ReportField  # noqa: N806 - a short name keeps the form below readable
    parts = parts or []
    title = document_title(parts)
    added = [ReportSection(p.get("heading") or "", [F(label_, value) for label_, value in
                                                    p.get("fields") or []])
             for p in parts if p.get("fields")]
    tables = [ReportTable(t.get("heading") or "", tuple(t["columns"]),
                          [tuple(row) for row in t.get("rows") or []])
              for p in parts for t in p.get("tables") or []]
    return ReportContent(
        title=title["zh"] if title else "售后服务报告单",
        company=home.name if home else order.outlet,
        contact=_contact_line(home),
        number=f"工单号 {order.number}",
        subtitle=f"第 {version} 版　生成于 {_local(at, tz)}",
        sections=[
            ReportSection("一、客户与设备", [
                F("客户名称", order.customer_name), F("联系电话", order.customer_phone or "—"),
                F("项目/现场", order.site_name or "—"), F("设备", order.equipment_label or "—"),
                F("地址", order.site_address or "—", wide=True),
                F("工单类型", f"{label('type', order.type)}　紧急程度："
                              f"{label('priority', order.priority)}"),
                F("保修判定", label("coverage", order.coverage) or "—"),
                F("报修时间", _local(order.created_at, tz)),
                F("报修渠道", label("channel", order.channel) or "—"),
                F("故障描述", order.description, wide=True),
            ]),
            ReportSection("二、服务过程", [
                F("维修工程师", lead or "—"), F("协助人员", helpers or "—"),
                F("联系客户", _local(contact.get("contacted_at"), tz)),
                F("到场", _local(arrival.get("arrived_at"), tz)),
                F("完工", _local(completion.get("at"), tz)),
                F("验收", _local(acceptance.get("at"), tz)),
                F("勘查结论", survey.get("findings") or "—", wide=True),
            ]),
            ReportSection("三、维修方案", [
                F("维修措施", plan.get("measures") or "—", wide=True),
                F("配件及工具", plan.get("parts_tools") or "—", wide=True),
                F("预计工时", _hours(plan.get("estimated_hours"))),
                F("作业人员", "、".join(plan.get("staff") or []) or "—"),
                F("计划完工", _local(plan.get("planned_finish_at"), tz)),
                F("方案审批", approved),
            ]),
            ReportSection("四、处理结果", [
                F("故障原因", completion.get("fault_cause") or "—", wide=True),
                F("处理方案", completion.get("solution") or "—", wide=True),
            ]),
            *added,
        ],
        tables=tables,
        parts_heading="更换配件",
        parts_columns=("配件名称", "数量", "费用") if part_prices else ("配件名称", "数量"),
        parts=[_part_row(p, part_prices) for p in completion.get("parts_replaced") or []],
        charges_heading=charges["heading"] if charges else "",
        charges_columns=tuple(charges["columns"]) if charges else (),
        charges=[tuple(row) for row in charges["rows"]] if charges else [],
        charges_total=charges["total"] if charges else "",
        photos_heading="现场照片",
        appendix_photos_heading="附：现场照片",
        photos=_photos(attachments, tz),
        acceptance=ReportSection("五、客户验收", [
            F("客户意见", acceptance.get("opinion") or "—", wide=True),
            F("满意度", satisfaction, wide=True),
        ]),
        signatures=[
            SignatureBox("维修工程师", [f"姓名：{lead or '—'}",
                                    f"完工时间：{_local(completion.get('at'), tz)}"],
                         sign_here="签字：________________"),
            SignatureBox("客户签字", lines, png=signature_png),
        ],
        notes=notes,
        footer=f"本报告由 Fuwu 售后服务系统生成（第 {version} 版）。每一版的 SHA-256 记录在工单时间线中，"
               f"可据此核验报告未被改动。",
    )
