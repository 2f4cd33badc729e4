"""The monthly complaint rate (月度投诉率, 004 §9: "售后服务部门每月审视上月份的客户投诉案件，并于
5日17时前提供客户投诉率").

A month's rate of an outlet is its valid complaints ÷ the orders it accepted that month, by kind
and by responsible department, with the list behind every figure; the network's adds up the
outlets. Both come from facts written as things happen, never from a scan:

- the complaints: the month's ComplaintFact partition of each outlet (CMPFACT#<outlet>#<month>,
  one line per registered complaint, rewritten by every change of what it copies; the month of
  received_at in the outlet's time zone), one Query per outlet;
- the accepted orders: the figures' received facts of the outlet's month
  (figures.public.received_count: a counting Query of KPI#<outlet>#<month>, RECV# keys only).

The job (rate_job.py, days 1–5 at 09:00 Beijing) builds last month and stores one ComplaintRate
per scope, CMPRATE#<month> / <outlet|NETWORK>, replaced by every rerun (`runs` counts them).
Head office is told once per month: the inbox items and e-mails are written in one transaction
with the marker CMPRATEMAIL#<month> / MAIL (attribute_not_exists), so a rerun (or two runs at
once) tells nobody again. The network's stored item keeps the figures only: its list is the
outlets' lists (same partition, one Query), so no item nears DynamoDB's 400 KB.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pynamodb.exceptions import DoesNotExist, PutError

from chalicelib.kernel.access import sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings as config
from chalicelib.kernel.errors import NotFound, ValidationFailed
from chalicelib.kernel.labels import label, wall_clock
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.validation import parse_month
from chalicelib.modules.complaints import keys
from chalicelib.modules.complaints.domain import lifecycle as rules
from chalicelib.modules.complaints.errors import NotBuilt
from chalicelib.modules.complaints.models import ComplaintFact, ComplaintRate
from chalicelib.modules.complaints.usecases import settings_now
from chalicelib.modules.directory import public as directory
from chalicelib.modules.figures import public as figures
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.sla.public import NotifyMarker

NETWORK = keys.NETWORK
NOTICE = "complaint_rate"  # the notifications' `notice` vocabulary (complaints/vocabulary.py)
LEVEL = "handoff"  # a work notice, not a deadline's level
UNROUTED = "unrouted"  # a valid complaint without a department (not expected)
SAVE_ATTEMPTS = 5


# ---------------------------------------------------------------- months

def _zone() -> ZoneInfo:
    return ZoneInfo(config().default_timezone)  # Beijing: the month head office reports


def current_month(now: datetime | None = None) -> str:
    return (now or kernel_keys.utc_now()).astimezone(_zone()).strftime("%Y-%m")


def _month(value: object) -> str:
    month = parse_month(value)
    if month is None:
        raise ValidationFailed(fields={"month": ("format_month", {})})
    return month


# ---------------------------------------------------------------- building

def service_outlets() -> list:
    """The outlets that take orders and complaints (head office is none)."""
    return sorted((o for o in directory.all_outlets() if not o.is_head_office),
                  key=lambda o: o.code)


def _line(fact: ComplaintFact) -> dict:
    """A complaint as the list behind the figures shows it."""
    return {"id": fact.complaint_id, "number": fact.number, "outlet": fact.outlet,
            "kind": fact.complaint_kind, "group": rules.group_of(fact.complaint_kind),
            "department": fact.department, "valid": fact.valid, "state": fact.state,
            "received_at": fact.received_at}


def lines(outlet: str, month: str) -> list[dict]:
    """An outlet's complaints received in a month: one Query of its month's fact partition."""
    found = ComplaintFact.query(keys.fact_pk(outlet, month))
    return sorted((_line(f) for f in found if isinstance(f, ComplaintFact)),
                  key=lambda line: (line["received_at"], line["id"]))


def summarize(month: str, scope: str, items: list[dict], accepted: int) -> dict:
    """The figures of a scope's month from its complaints and its accepted orders: received
    (registered, drafts never have a fact), valid, unfounded, pending (not judged yet),
    discarded, the rate (valid ÷ accepted orders, None without orders), by kind (received and
    valid) and by responsible department (valid)."""
    counted = [i for i in items if i["state"] != "discarded"]
    valid = [i for i in counted if i["valid"] is True]
    by_kind: dict[str, dict] = {}
    for item in counted:
        entry = by_kind.setdefault(item["kind"], {"received": 0, "valid": 0})
        entry["received"] += 1
        entry["valid"] += item["valid"] is True
    by_department: dict[str, dict] = {}
    for item in valid:
        by_department.setdefault(item["department"] or UNROUTED, {"valid": 0})["valid"] += 1
    return {
        "month": month, "scope": scope, "received": len(counted), "valid": len(valid),
        "unfounded": sum(1 for i in counted if i["valid"] is False),
        "pending": sum(1 for i in counted if i["valid"] is None),
        "discarded": len(items) - len(counted), "accepted_orders": accepted,
        "rate": round(len(valid) / accepted, 6) if accepted else None,
        "by_kind": by_kind, "by_department": by_department, "items": items,
    }


def build_outlet(outlet: str, month: str) -> dict:
    """One outlet's month: one Query of its complaint facts, one counting Query of its received
    orders."""
    return summarize(month, outlet, lines(outlet, month), figures.received_count(outlet, month))


def build(month: str) -> dict[str, dict]:
    """Every outlet's month and the network's (their sum), by scope."""
    built = {o.code: build_outlet(o.code, month) for o in service_outlets()}
    every = sorted((i for doc in built.values() for i in doc["items"]),
                   key=lambda i: (i["received_at"], i["id"]))
    built[NETWORK] = summarize(month, NETWORK, every,
                               sum(doc["accepted_orders"] for doc in built.values()))
    return built


# ---------------------------------------------------------------- storing

def _stored_document(doc: dict) -> dict:
    """What a scope's item keeps: an outlet its figures and list; the network its figures (its
    list is the outlets')."""
    return {k: v for k, v in doc.items() if k != "items"} if doc["scope"] == NETWORK else doc


def _save(month: str, doc: dict, at: str, earlier: ComplaintRate | None) -> ComplaintRate:
    """Replace a scope's month, counting the run; written only over the run it read (two runs
    at once each count)."""
    for _attempt in range(SAVE_ATTEMPTS):
        runs = int(earlier.runs) if earlier is not None else 0
        item = ComplaintRate(keys.rate_pk(month), doc["scope"], month=month, scope=doc["scope"],
                             document=_stored_document(doc), generated_at=at, runs=runs + 1)
        condition = (ComplaintRate.runs == runs) if earlier is not None \
            else ComplaintRate.pk.does_not_exist()
        try:
            item.save(condition=condition)
            return item
        except PutError as error:
            if error.cause_response_code != "ConditionalCheckFailedException":
                raise
        earlier = _get(month, doc["scope"])
    raise RuntimeError(f"complaint rate {month}/{doc['scope']}: too many concurrent runs")


def _get(month: str, scope: str) -> ComplaintRate | None:
    try:
        return ComplaintRate.get(keys.rate_pk(month), scope, consistent_read=True)
    except DoesNotExist:
        return None


def _month_items(month: str) -> dict[str, ComplaintRate]:
    """Every scope stored for a month: one Query of CMPRATE#<month>."""
    found = ComplaintRate.query(keys.rate_pk(month), consistent_read=True)
    return {i.scope: i for i in found if isinstance(i, ComplaintRate)}


def store(month: str, built: dict[str, dict], now: datetime) -> list[ComplaintRate]:
    at = kernel_keys.iso(now)
    earlier = _month_items(month)
    return [_save(month, doc, at, earlier.get(scope)) for scope, doc in built.items()]


# ---------------------------------------------------------------- telling head office

def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.2f}%"


def _texts(month: str, network: dict) -> tuple[dict, dict]:
    n = network
    return notifications.notice_texts(NOTICE, {"zh": f"{month} 客户投诉率已生成",
                                               "en": f"{month}: the complaint rate is ready"}, {
        "zh": (f"{month} 全网受理工单 {n['accepted_orders']} 单，有效投诉 {n['valid']} 件，"
               f"投诉率 {_percent(n['rate'])}（登记 {n['received']} 件，不成立 {n['unfounded']} "
               f"件，待判定 {n['pending']} 件）。各网点、按投诉类型和责任部门的数字及明细请在门户查看。"),
        "en": (f"{month}: {n['valid']} valid complaints on {n['accepted_orders']} accepted "
               f"orders across the network, a rate of {_percent(n['rate'])} ({n['received']} "
               f"recorded, {n['unfounded']} unfounded, {n['pending']} not judged yet). The "
               f"figures per outlet, kind and department, with their lists, are in the portal."),
    })


def link(month: str) -> str:
    return f"/complaints/rate?month={month}"


def _told(marker: NotifyMarker) -> bool:
    """The month's marker is stored: head office was told."""
    try:
        NotifyMarker.get(marker.pk, marker.sk, consistent_read=True)
    except DoesNotExist:
        return False
    return True


def announce(month: str, network: dict, now: datetime) -> int:
    """Tell head office (inbox, and e-mail to who wants it) once per month: the notices and the
    marker CMPRATEMAIL#<month> in one transaction, the marker only if absent. Returns how many
    were told (0 when an earlier run told them)."""
    people = [p for p in directory.head_office_staff() if p.active]
    at = kernel_keys.iso(now)
    title, body = _texts(month, network)
    marker = NotifyMarker(keys.RATE_MAIL.format(month=month), "MAIL", at=at,
                          recipients=[p.username for p in people])
    entries = [(marker, NotifyMarker.pk.does_not_exist()), *notifications.tell_entries(
        people, at=at, level=LEVEL, notice=NOTICE, title=title, body=body, link=link(month),
        subject_kind=NOTICE, subject_id=month, reference=month)]
    try:
        transact(entries)
    except VersionConflict:
        if _told(marker):
            return 0  # told by an earlier run of this month
        raise
    return len(people)


def run(month: str | None = None, now: datetime | None = None) -> dict:
    """Build `month` (default: last month in Beijing) for every outlet and the network, replace
    what an earlier run stored, and tell head office the first time."""
    now = now or kernel_keys.utc_now()
    month = month or figures.previous_month(current_month(now))
    built = build(month)
    stored = store(month, built, now)
    told = announce(month, built[NETWORK], now)
    count("ComplaintRates")
    logger.info("complaint rate built", extra={"month": month, "scopes": len(stored),
                                               "told": told})
    return {"month": month, "scopes": len(stored), "told": told}


# ---------------------------------------------------------------- reading

def _department_names(lang: str) -> dict[str, str]:
    document, _version = settings_now()
    return {d["code"]: d["name_en"] if lang == "en" else d["name_zh"]
            for d in document.get("departments", [])}


def _kind_order(entry: tuple[str, dict]) -> tuple[int, str]:
    kind = entry[0]
    return (rules.KINDS.index(kind) if kind in rules.KINDS else len(rules.KINDS), kind)


def view(doc: dict, items: list[dict], generated_at: str | None, runs: int,
         lang: str = "zh") -> dict:
    """A scope's month as the API answers it: its figures, the list, and behind each kind's and
    department's figure the ids of its valid complaints."""
    names = _department_names(lang)
    valid_of_kind: dict[str, list[str]] = {}
    valid_of_department: dict[str, list[str]] = {}
    for item in items:
        if item["valid"] is True and item["state"] != "discarded":
            valid_of_kind.setdefault(item["kind"], []).append(item["id"])
            valid_of_department.setdefault(item["department"] or UNROUTED, []).append(item["id"])
    return {
        **{k: doc[k] for k in ("month", "scope", "received", "valid", "unfounded", "pending",
                               "discarded", "accepted_orders", "rate")},
        "by_kind": {kind: {**figure, "items": valid_of_kind.get(kind, [])}
                    for kind, figure in sorted(doc["by_kind"].items(), key=_kind_order)},
        "by_department": {code: {**figure, "name": names.get(code, code),
                                 "items": valid_of_department.get(code, [])}
                          for code, figure in sorted(doc["by_department"].items())},
        "items": items, "generated_at": generated_at, "runs": runs,
    }


def stored_view(month: str, scope: str, lang: str = "zh") -> dict | None:
    """A scope's month as the job stored it, or None when not built: an outlet's one item, or
    the month's partition for the network (its figures, the outlets' lists)."""
    if scope != NETWORK:
        item = _get(month, scope)
        if item is None:
            return None
        return view(item.document, item.document.get("items", []), item.generated_at,
                    int(item.runs), lang)
    every = _month_items(month)
    network = every.pop(NETWORK, None)
    if network is None:
        return None
    items = sorted((i for o in every.values() for i in o.document.get("items", [])),
                   key=lambda i: (i["received_at"], i["id"]))
    return view(network.document, items, network.generated_at, int(network.runs), lang)


def month_rate(scope: str, month: str, lang: str = "zh") -> dict:
    """A scope's month: as stored, else built now from the facts without storing it (the
    monthly report runs at the same time as the job, in either order). `runs` 0: not stored."""
    found = stored_view(month, scope, lang)
    if found is not None:
        return found
    doc = build(month)[NETWORK] if scope == NETWORK else build_outlet(scope, month)
    return view(doc, doc["items"], kernel_keys.iso(kernel_keys.utc_now()), 0, lang)


def _scope(actor: Actor, requested: str | None) -> str:
    """Head office: any outlet or the network (the default); a manager: their outlet only."""
    if sees_all_outlets(actor):
        scope = requested or NETWORK
        if scope != NETWORK:
            found = directory.outlet(scope)
            if found is None or found.is_head_office:
                raise NotFound()
        return scope
    if requested and requested != actor.outlet:
        raise NotFound()
    return actor.outlet


def read(actor: Actor, params: dict, lang: str) -> dict:
    """GET /api/complaints/rate: a scope's month as the job built it (404 not_built before)."""
    month = _month(params["month"]) if params.get("month") else figures.previous_month(current_month())
    scope = _scope(actor, params.get("outlet"))
    found = stored_view(month, scope, lang)
    if found is None:
        raise NotBuilt()
    return found


def run_now(actor: Actor, body: dict, lang: str) -> dict:
    """POST /api/complaints/rate/runs: head office builds (or rebuilds) a past month now;
    answers the network's."""
    month = _month(body.get("month"))
    if month >= current_month():
        raise ValidationFailed(fields={"month": ("past_month", {})})
    run(month)
    return stored_view(month, NETWORK, lang)


# ---------------------------------------------------------------- the monthly report's sheets

def _numbers(items: list[dict], limit: int = 30) -> str:
    numbers = [i["number"] or i["id"] for i in items]
    shown = "、".join(numbers[:limit])
    return f"{shown} 等 {len(numbers)} 件" if len(numbers) > limit else shown


def _verdict(item: dict) -> str:
    if item["state"] == "discarded":
        return label("complaint_state", "discarded")
    return label("complaint_validity",
                 {True: "valid", False: "unfounded", None: "pending"}[item["valid"]])


def sheets(scope: str, month: str) -> list:
    """The monthly report's complaint sheets of a scope (in Chinese, like the report): 投诉 (the
    figures, with the numbers behind each) and 投诉明细 (the list)."""
    rate = month_rate(scope, month)
    items = {i["id"]: i for i in rate["items"]}
    figures_sheet = figures.Sheet("投诉", ["指标", "数值", "说明"], [30, 16, 80])
    rows = figures_sheet.rows
    rows.append(["月份", month, "统计口径：投诉按顾客投诉时间，受理工单按登记时间（网点时区）"])
    rows.append(["登记投诉", rate["received"], "不含回访生成、尚未确认的投诉草稿"])
    rows.append(["有效投诉（成立）", rate["valid"], ""])
    rows.append(["不成立", rate["unfounded"], "计入登记数，不计入投诉率"])
    rows.append(["待判定", rate["pending"], ""])
    if rate["discarded"]:
        rows.append(["已撤销", rate["discarded"], ""])
    rows.append(["受理工单", rate["accepted_orders"], ""])
    rows.append(["投诉率（有效投诉 ÷ 受理工单）",
                 "—" if rate["rate"] is None else figures.Share(rate["rate"]),
                 "本月无受理工单" if rate["rate"] is None else ""])
    for kind, figure in rate["by_kind"].items():
        rows.append([f"有效投诉·{label('complaint_kind', kind)}", figure["valid"],
                     f"登记 {figure['received']} 件；" + _numbers([items[i] for i in figure["items"]])])
    for figure in rate["by_department"].values():
        rows.append([f"有效投诉·责任部门·{figure['name']}", figure["valid"],
                     _numbers([items[i] for i in figure["items"]])])
    names = _department_names("zh")
    detail = figures.Sheet("投诉明细", ["投诉编号", "网点", "投诉类型", "责任部门", "判定", "状态",
                                       "投诉时间"], [22, 14, 16, 14, 10, 10, 17])
    for item in rate["items"]:
        detail.rows.append([
            item["number"] or item["id"], directory.outlet_name(item["outlet"]),
            label("complaint_kind", item["kind"]),
            names.get(item["department"], item["department"]) if item["department"] else "—",
            _verdict(item), label("complaint_state", item["state"]),
            wall_clock(item["received_at"], directory.zone(item["outlet"])).replace(
                second=0, microsecond=0)])
    return [figures_sheet, detail]


def register() -> None:
    """The complaint sheets join the monthly report (the complaints area's setup)."""
    figures.add_monthly_sheets("complaints", sheets)
