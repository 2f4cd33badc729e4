"""The quarterly report of a maintenance contract (维护季度报告, 001 §14: a quarterly report per
customer; docs/contracts.md "The quarterly report"), rendered on request as a PDF: the contract,
every inspection of the quarter with its result, its checklist's counts, each fault found (with
the repair order it opened) and its signature, then every other order created under the contract
in the quarter (its repairs) with its state, acceptance and signature.

Reads, whatever the contract's age: the contract (GetItem), the quarter's occurrences (one
range query of its OCC# markers by planned date), the quarter's orders under the contract (one
range query of gsi2 CONTRACTORDERS#<id> by creation), their orders (one BatchGetItem), the
inspections' checklists (one BatchGetItem of ORDER#<id> / CHECKLIST) and the current service
report of each accepted order (one item each, evidence.public.current_reports). The PDF is put
to S3 under the contract as a new object version each time (the bucket is versioned), recorded
on the contract's timeline (`quarterly_report`) and answered as a short-lived link."""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime, time, timedelta

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.labels import label, local_time
from chalicelib.kernel.observability import logger
from chalicelib.kernel.store import files
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.models import Item
from chalicelib.modules.contracts import keys, occurrences
from chalicelib.modules.contracts.checklists import tally
from chalicelib.modules.contracts.domain.inspections import end_of_day
from chalicelib.modules.contracts.inspection_models import InspectionChecklist
from chalicelib.modules.contracts.inspections import CHECKLIST_SK
from chalicelib.modules.contracts.models import Contract, OrderContract
from chalicelib.modules.contracts.quarterly_pdf import QuarterlyContent, Table
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence import public as evidence
from chalicelib.modules.orders import public as orders

QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
PDF = "application/pdf"
EVENT = "quarterly_report"  # the contract's timeline (vocabulary event)
TITLE = {"zh": "维护季度报告 {number} {year}年第{q}季度",
         "en": "Quarterly maintenance report {number} {year}-Q{q}"}
INSPECTION = "inspection"


def quarter_days(quarter: str) -> tuple[date, date]:
    """The quarter's first and last day ("2026-Q3": 2026-07-01, 2026-09-30); 400 `quarter` when
    it is not one."""
    found = QUARTER.match(quarter or "")
    if not found or not 2000 <= int(found.group(1)) <= 2999:
        raise ValidationFailed(fields={"quarter": ("pattern", {})})
    year, number = int(found.group(1)), int(found.group(2))
    following = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
    return date(year, 3 * number - 2, 1), following - timedelta(days=1)


def within(contract: Contract, quarter: str) -> tuple[date, date]:
    """The quarter's days when it meets the contract's period; else 400 `quarter`
    `outside_contract`."""
    first, last = quarter_days(quarter)
    if last < date.fromisoformat(contract.starts_on) or first > date.fromisoformat(
            contract.ends_on):
        raise ValidationFailed(fields={"quarter": ("outside_contract", {
            "starts_on": contract.starts_on, "ends_on": contract.ends_on})})
    return first, last


def orders_created(contract_id: str, since: datetime, until: datetime) -> list[OrderContract]:
    """The links of the orders created under the contract in [since, until): one range query of
    gsi2 (every page), oldest first."""
    index_sk = type(Item.gsi2).gsi2sk
    low, high = kernel_keys.iso(since), kernel_keys.iso(until)
    return [link for link in Item.gsi2.query(keys.contract_orders_pk(contract_id),
                                             index_sk.between(low, high))
            if isinstance(link, OrderContract)]


def checklists_of(order_ids: list[str]) -> dict[str, InspectionChecklist]:
    """The inspections' checklists by order (one BatchGetItem)."""
    wanted = list(dict.fromkeys(order_ids))
    if not wanted:
        return {}
    found = InspectionChecklist.batch_get([(kernel_keys.order_pk(i), CHECKLIST_SK)
                                           for i in wanted], consistent_read=True)
    return {c.order_id: c for c in found if isinstance(c, InspectionChecklist)}


# ---------------------------------------------------------------- content

def _counts(checklist: InspectionChecklist | None) -> str:
    """ok / fault / na (checklists.tally, as the order's page counts them), 未答 n if any."""
    if checklist is None:
        return "—"
    found = tally(checklist)
    text = " / ".join(str(found[a]) for a in ("ok", "fault", "na"))
    open_ = found["total"] - found["answered"]
    return text + (f"（未答 {open_}）" if open_ else "")


def faults(checklist: InspectionChecklist | None) -> list[dict]:
    """The items answered `fault`: {area, text, note, repair {order_id, number} | None}."""
    if checklist is None:
        return []
    return [{"area": a.get("area"), "text": i.get("text"), "note": i.get("note"),
             "repair": i.get("repair")}
            for a in checklist.areas or [] for i in a.get("items") or []
            if i.get("answer") == "fault"]


def signature(order, report, tz) -> str:
    """Who accepted the order and when, and whether the report carries their signature."""
    acceptance = ((order.steps or {}).get("acceptance") or {}) if order is not None else {}
    if not acceptance:
        return "未验收"
    signed = bool(report.signed) if report is not None else bool(acceptance.get("signature_id"))
    parts = [acceptance.get("customer_name") or "—", local_time(acceptance.get("at"), tz, "—"),
             "已签字" if signed else "未签字"]
    if report is not None:
        parts.append(f"报告第 {int(report.report_version)} 版")
    return "，".join(parts)


def _contract_facts(contract: Contract, tallies: dict[str, int], repairs: int) -> list:
    labels = contract.labels or {}
    sites = "、".join((labels.get("sites") or {}).get(s, s) for s in contract.sites or []) or "—"
    named = labels.get("units") or {}
    units = "、".join(" / ".join(filter(None, (
        (named.get(u) or {}).get("model"), (named.get(u) or {}).get("serial")))) or u
        for u in contract.units or []) or "覆盖地点的全部设备"
    schedule = contract.schedule or {}
    level = contract.service_level or {}
    service = "，".join(filter(None, [
        f"答复 {level['response_minutes']} 分钟内" if level.get("response_minutes") else "",
        f"到场 {level['arrival_minutes']} 分钟内" if level.get("arrival_minutes") else ""])) \
        or "按服务时限政策"
    period = f"{contract.starts_on} 至 {contract.ends_on}"
    if contract.free_period:
        period += "（免费维护期）"
    results = "，".join(f"{label('inspection_result', r)} {tallies[r]}"
                       for r in ("done", "late", "overdue", "open", "cancelled") if tallies[r])
    return [("合同编号", contract.number), ("客户", contract.customer_name or "—"),
            ("合同期", period), ("合同状态", label("contract_state", contract.state)),
            ("巡检周期", f"{label('schedule_kind', schedule.get('kind'))}"
                      f"{schedule.get('day', '')}日，{label('schedule_per', schedule.get('per'))}"),
            ("服务时限", service), ("覆盖地点", sites), ("覆盖设备", units),
            ("本季巡检", f"{sum(tallies.values())} 次" + (f"（{results}）" if results else "")),
            ("本季维修", f"{repairs} 单")]


def content(contract: Contract, quarter: str, first: date, last: date, now: datetime,
            markers: list, found: dict, lists: dict, reports: dict,
            repairs: list) -> QuarterlyContent:
    """The report's texts (Chinese) from what was read."""
    tz = directory.zone(contract.outlet)
    home = directory.outlet(contract.outlet)
    year, number = quarter.split("-Q")
    inspected = Table(
        f"一、本季度巡检（共 {len(markers)} 次）",
        ["计划日期", "巡检日", "期限", "巡检对象", "工单号", "结果", "完成时间", "技术员",
         "正常/故障/不适用", "客户验收与签字"],
        [0.07, 0.07, 0.07, 0.12, 0.11, 0.07, 0.1, 0.07, 0.11, 0.21],
        empty="本季度没有计划的巡检。")
    found_faults = Table("二、巡检发现的故障", ["巡检工单", "检查区域", "检查项目", "故障说明", "维修工单"],
                         [0.14, 0.14, 0.22, 0.34, 0.16], empty="本季度巡检未发现故障。")
    tallies = dict.fromkeys(("done", "late", "overdue", "open", "cancelled"), 0)
    for marker in markers:
        order = found.get(marker.order_id)
        result = occurrences.result(marker, order, contract.outlet, now, contract)
        tallies[result] += 1
        checklist = lists.get(marker.order_id)
        inspected.rows.append([
            marker.planned, marker.due + (f"（{label('occurrence_moved', marker.moved)}）"
                                          if marker.moved else ""),
            occurrences.period_end(marker, contract),
            occurrences.target_name(marker, order, contract) or "—", marker.order_number,
            label("inspection_result", result),
            local_time(occurrences.completed_at(order), tz, "—"),
            (order.technician_name if order is not None else None) or "—",
            _counts(checklist), signature(order, reports.get(marker.order_id), tz)])
        for fault in faults(checklist):
            repair = fault["repair"] or {}
            found_faults.rows.append([marker.order_number, fault["area"] or "—",
                                      fault["text"] or "—", fault["note"] or "—",
                                      repair.get("number") or "未开维修单"])
    repaired = Table(
        f"三、本季度维修及其他合同工单（共 {len(repairs)} 单）",
        ["工单号", "类型", "受理时间", "故障描述", "状态", "保修判定", "验收时间", "客户验收与签字"],
        [0.11, 0.06, 0.1, 0.27, 0.07, 0.08, 0.1, 0.21], empty="本季度没有合同内的维修工单。")
    for order in repairs:
        acceptance = (order.steps or {}).get("acceptance") or {}
        repaired.rows.append([
            order.number, label("type", order.type), local_time(order.created_at, tz, "—"),
            order.description, label("state", order.state), label("coverage", order.coverage),
            local_time(acceptance.get("at"), tz, "—"),
            signature(order, reports.get(order.id), tz)])
    return QuarterlyContent(
        title=f"维护季度报告（{year}年第{number}季度）",
        company=(home.name if home else None) or contract.outlet,
        contact="　".join(filter(None, [f"地址：{home.address}" if home and home.address else "",
                                        f"电话：{home.phone}" if home and home.phone else ""])),
        subtitle=f"合同 {contract.number}　{first.isoformat()} 至 {last.isoformat()}　"
                 f"生成于 {local_time(kernel_keys.iso(now), tz)}",
        facts=_contract_facts(contract, tallies, len(repairs)),
        tables=[inspected, found_faults, repaired],
        notes=["巡检结果：已完成＝在巡检期限（周期最后一天 24:00）前完成；逾期完成＝期限后完成；"
               "逾期未完成＝期限已过仍未完成；待完成＝期限未到。正常/故障/不适用为检查项目的答案数。",
               "本报告由 Fuwu 售后服务系统生成；其 SHA-256 记录在合同时间线中，可据此核验未被改动。"])


# ---------------------------------------------------------------- the use case

def report_key(contract: Contract, quarter: str) -> str:
    return f"contracts/{contract.outlet}/{contract.id}/quarterly-{quarter}.pdf"


def title(contract: Contract, quarter: str, lang: str) -> str:
    year, number = quarter.split("-Q")
    return TITLE.get(lang, TITLE["zh"]).format(number=contract.number, year=year, q=number)


def issue(actor: Actor, contract_id: str, body: dict, lang: str = "zh") -> dict:
    """Render the contract's report of `body.quarter`, put it to S3 (a new object version) and
    answer {quarter, title, filename, url, generated_at, inspections, repairs}. Readers of the
    contract only (another outlet's: 404); a quarter malformed or outside the contract's
    period: 400 `quarter`."""
    from chalicelib.modules.contracts.usecases import CONTRACTS, readable

    contract = readable(actor, contract_id)
    quarter = body.get("quarter") or ""
    first, last = within(contract, quarter)
    now = kernel_keys.utc_now()
    tz = directory.zone(contract.outlet)
    markers = occurrences.planned_between(contract.id, first, last)
    links = orders_created(contract.id, datetime.combine(first, time(0), tz),
                           end_of_day(last, tz))
    found = orders.orders_by_id([m.order_id for m in markers] + [k.order_id for k in links])
    repairs = [found[k.order_id] for k in links
               if k.order_id in found and found[k.order_id].type != INSPECTION]
    lists = checklists_of([m.order_id for m in markers])
    accepted = [o.id for o in found.values() if (o.steps or {}).get("acceptance")]
    reports = evidence.current_reports(accepted)
    from chalicelib.modules.contracts import quarterly_pdf

    pdf = quarterly_pdf.render(content(contract, quarter, first, last, now, markers, found,
                                       lists, reports, repairs))
    key = report_key(contract, quarter)
    version = evidence.put(key, pdf, PDF)
    at = kernel_keys.iso(now)
    digest = hashlib.sha256(pdf).hexdigest()
    transact([CONTRACTS.event(actor, contract, EVENT, contract.state, {
        "quarter": quarter, "inspections": len(markers), "repairs": len(repairs),
        "sha256": digest, "size": len(pdf), "s3_version_id": version}, at)])
    logger.info("quarterly report rendered", extra={"contract": contract.number,
                                                    "quarter": quarter, "bytes": len(pdf)})
    shown = title(contract, quarter, lang)
    return {"quarter": quarter, "title": shown, "filename": f"{shown}.pdf",
            "url": files.presigned_get(key, version, PDF, f"{shown}.pdf"),
            "generated_at": at, "inspections": len(markers), "repairs": len(repairs)}
