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


def report_view(item: ServiceReport, current: bool) -> dict:
    return {"version": int(item.report_version), "generated_at": item.generated_at,
            "generated_by": item.generated_by, "generated_by_name": item.generated_by_name,
            "sha256": item.sha256, "size": int(item.size), "signed": bool(item.signed),
            "reason": item.reason, "current": current,
            "url": files.presigned_get(item.s3_key, item.s3_version_id, "application/pdf")}


def views(reports: list[ServiceReport]) -> list[dict]:
    ordered = sorted(reports, key=lambda r: int(r.report_version))
    return [report_view(r, i == len(ordered) - 1) for i, r in enumerate(ordered)]


def get(actor: Actor, order_id: str, version: str) -> dict:
    found = get_order_with_items(order_id)
    if found is None:
        raise NotFound()
    ensure_order_readable(actor, found.order)
    versions = found.items.of(ServiceReport)
    latest = max((int(r.report_version) for r in versions), default=0)
    for item in versions:
        if str(int(item.report_version)) == version:
            return report_view(item, int(item.report_version) == latest)
    raise NotFound()


# ---------------------------------------------------------------- issuing a version

def issue(actor: Actor, order: WorkOrder, attachments: list[Attachment],
          reports: list[ServiceReport], at: str, reason: str | None) -> ServiceReport:
    """Render the next report version of `order` (as it will be saved), put it to S3 and return
    its item for the caller's transaction. `discard` removes the S3 version if that fails."""
    version = max((int(r.report_version) for r in reports), default=0) + 1
    acceptance = (order.steps or {}).get("acceptance") or {}
    signature = next((a for a in attachments if a.id == acceptance.get("signature_id")
                      and a.status == "verified"), None)
    previous = max(reports, key=lambda r: int(r.report_version)) if reports else None
    content = _content(actor, order, attachments, signature, version, at, reason, previous)
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


def _content(actor: Actor, order: WorkOrder, attachments: list[Attachment],
             signature: Attachment | None, version: int, at: str, reason: str | None,
             previous: ServiceReport | None):
    from chalicelib.modules.evidence.report_pdf import ReportContent

    home = directory.outlet(order.outlet)
    tz = directory.zone(order.outlet)
    steps = order.steps or {}
    contact, arrival = steps.get("contact") or {}, steps.get("arrival") or {}
    survey, completion = steps.get("survey") or {}, steps.get("completion") or {}
    acceptance = steps.get("acceptance") or {}
    people = "、".join(filter(None, [order.technician_name or order.technician,
                                     *[directory.display_name(h) for h in order.helpers or []]]))
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
    if signature is not None:
        signed_at = _local(acceptance.get("at"), tz)
        lines = [f"验收人：{acceptance.get('customer_name') or '—'}", f"签字时间：{signed_at}"]
        if version > 1:
            lines.append(f"（客户签字于第 1 版验收时，{signed_at}）")
        signature_png = store.read_object(signature.s3_key, signature.s3_version_id)
    else:
        signature_png = None
        lines = [f"验收人：{acceptance.get('customer_name') or '—'}",
                 f"验收记录：{directory.display_name(acceptance.get('by') or '')}，"
                 f"{_local(acceptance.get('at'), tz)}（无现场签字）"]
    return ReportContent(
        title="售后服务报告单",
        number=f"工单号 {order.number}",
        subtitle=f"{home.name if home else order.outlet}　第 {version} 版　生成于 {_local(at, tz)}",
        sections=[
            ("一、客户与设备", [
                ("客户名称", order.customer_name), ("联系电话", order.customer_phone or "—"),
                ("项目/现场", order.site_name or "—"), ("地址", order.site_address or "—"),
                ("设备", order.equipment_label or "—"),
                ("工单类型", f"{label('type', order.type)}　紧急程度："
                             f"{label('priority', order.priority)}　保修："
                             f"{label('coverage', order.coverage)}"),
                ("报修", f"{_local(order.created_at, tz)}　渠道："
                         f"{label('channel', order.channel)}"),
                ("故障描述", order.description),
            ]),
            ("二、服务过程", [
                ("维修工程师", people or "—"),
                ("联系客户", _local(contact.get("contacted_at"), tz)),
                ("到场", _local(arrival.get("arrived_at"), tz)),
                ("勘查结论", survey.get("findings") or "—"),
                ("完工", _local(completion.get("at"), tz)),
                ("验收", _local(acceptance.get("at"), tz)),
            ]),
            ("三、处理结果", [
                ("故障原因", completion.get("fault_cause") or "—"),
                ("处理方案", completion.get("solution") or "—"),
            ]),
            ("四、客户评价", [
                ("客户意见", acceptance.get("opinion") or "—"),
                ("满意度", satisfaction),
            ]),
        ],
        parts_heading="更换配件",
        parts_columns=("配件名称", "数量"),
        parts=[(p.get("name", ""), str(p.get("quantity", ""))) for p in
               completion.get("parts_replaced") or []],
        photos_heading="现场照片",
        photos=_photos(attachments, tz),
        signature_heading="客户签字",
        signature_png=signature_png,
        signature_lines=lines,
        notes=notes,
        footer=f"本报告由 Fuwu 售后服务系统生成（第 {version} 版）。每一版的 SHA-256 记录在工单时间线中，"
               f"可据此核验报告未被改动。",
    )
