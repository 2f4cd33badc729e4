"""Figures for the dashboard and the monthly report, from facts written as events happen.

`FACTS` gives the fact an action writes in its own transaction (so a figure is never counted
twice nor lost; registered as the work order's hooks in hooks.py); `summary` reads a scope's
monthly summaries and rebuilds the ones that are missing or may still change (the current and
the previous month, after `FRESH_SECONDS`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from chalicelib.kernel.access import sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import NotFound, ValidationFailed
from chalicelib.kernel.store import keys
from chalicelib.kernel.validation import DATE_MIN, parse_month
from chalicelib.modules.directory import public as directory
from chalicelib.modules.figures import kpi_store as store
from chalicelib.modules.figures.domain import kpi
from chalicelib.modules.figures.domain.kpi import previous_month
from chalicelib.modules.figures.models import KpiFact, KpiSummary
from chalicelib.modules.orders.public import WorkOrder, recent_for_equipment
from chalicelib.modules.warranty.public import REPAIR_WARRANTY_DAYS

NETWORK = "NETWORK"
FRESH_SECONDS = 600  # a summary of a month that may still change is rebuilt after this
MAX_MONTHS = 24


# ---------------------------------------------------------------- facts, written with events

def _fact(order: WorkOrder, fact: str, at: str, data: dict) -> KpiFact:
    return KpiFact(outlet=order.outlet, month=directory.local_month(order.outlet, at), fact=fact,
                   order_id=order.id, at=at, data={
                       "fact": fact, "outlet": order.outlet, "order_id": order.id,
                       "number": order.number, "customer_name": order.customer_name,
                       "type": order.type, "priority": order.priority,
                       "technician": order.technician, "technician_name": order.technician_name,
                       "at": at, **data})


def repeat_of(order: WorkOrder, now: datetime) -> dict:
    """The equipment's last repair, when the customer accepted it within the last 30 days (an
    order without a coverage decision; with one, the decision's rule: figures/hooks.py)."""
    if not order.equipment_id:
        return {}
    since, until = keys.iso(now - timedelta(days=REPAIR_WARRANTY_DAYS)), keys.iso(now)
    for earlier in recent_for_equipment(order.outlet, order.equipment_id, until, limit=10,
                                        accepted=True):
        accepted = ((earlier.steps or {}).get("acceptance") or {}).get("at")
        if earlier.id != order.id and accepted and since <= accepted <= until:
            return {"repeat_of": earlier.number, "repeat_technician": earlier.technician}
    return {}


def received(order: WorkOrder, at: str, repeat: dict | None) -> KpiFact:
    """An order was recorded (and whether it repeats a recent repair)."""
    return _fact(order, "received", at, repeat or {})


def done(order: WorkOrder, at: str, repeat: dict | None) -> KpiFact:
    """The customer accepted the repair: the clocks' outcomes and the durations."""
    steps, clocks = order.steps or {}, order.clocks or {}
    completed = (steps.get("completion") or {}).get("at")
    return _fact(order, "done", at, {
        "clocks": {k: v for k, v in kpi.clock_outcomes(clocks).items() if k != "return_visit"},
        "helpers": list(order.helpers or []),
        "minutes": {
            "contact": kpi.minutes_between((clocks.get("contact") or {}).get("started_at"),
                                           (steps.get("contact") or {}).get("at")),
            "arrival": kpi.minutes_between((clocks.get("arrival") or {}).get("started_at"),
                                           (steps.get("arrival") or {}).get("at")),
            "completion": kpi.minutes_between(order.created_at, completed)},
        "satisfaction": (steps.get("acceptance") or {}).get("satisfaction"),
        # the report counts towards the service allowance (the technicians' appraisal)
        "report_complete": kpi.report_complete(steps)})


def visit(order: WorkOrder, at: str, repeat: dict | None) -> KpiFact:
    """The return visit: its scores and the return-visit clock's outcome."""
    record = (order.steps or {}).get("return_visit") or {}
    outcome = kpi.clock_outcomes(order.clocks or {}).get("return_visit")
    return _fact(order, "visit", at, {
        "scores": record.get("scores") or {}, "channel": record.get("channel"),
        "clocks": {"return_visit": outcome} if outcome else {}})


# The fact each lifecycle action contributes (from the order as the action leaves it).
FACTS = {"create": received, "accept": done, "return_visit": visit}


# ---------------------------------------------------------------- reading the figures

def _scope(actor: Actor, requested: str | None) -> str:
    if sees_all_outlets(actor):
        scope = requested or NETWORK
        if scope != NETWORK and directory.outlet(scope) is None:
            raise NotFound()
        return scope
    if requested and requested != actor.outlet:
        raise NotFound()
    return actor.outlet


def _month(value: str | None, field: str) -> str:
    month = parse_month(value)
    if month is None:
        raise ValidationFailed(fields={field: ("format_month", {})})
    return month


def months_between(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def current_month(scope: str) -> str:
    tz = settings().default_timezone if scope == NETWORK else directory.timezone(scope)
    return keys.utc_now().astimezone(ZoneInfo(tz)).strftime("%Y-%m")


def outlets() -> list:
    """The service outlets (head office is not one)."""
    return [o for o in directory.all_outlets() if not o.is_head_office]


def _split(items: list[KpiFact]) -> tuple[list[dict], list[dict], list[dict]]:
    by = {"received": [], "done": [], "visit": []}
    for item in items:
        by[item.fact].append(item.data)
    return by["received"], by["done"], by["visit"]


def names() -> dict[str, str]:
    return {s.username: s.name for o in outlets() for s in directory.outlet_staff(o.code)}


def build(scope: str, month: str) -> dict:
    """A month's figures from its facts (one query per outlet of the scope)."""
    people = names()
    if scope != NETWORK:
        figures = kpi.summarize(*_split(store.facts(scope, month)), people)
        return {**figures, "outlets": []}
    everything: list[KpiFact] = []
    rows = []
    for outlet in outlets():
        own = store.facts(outlet.code, month)
        everything += own
        rows.append(kpi.outlet_row(outlet.code, outlet.name, kpi.summarize(*_split(own), people)))
    return {**kpi.summarize(*_split(everything), people), "outlets": rows}


def rebuild(scope: str, month: str) -> dict:
    document = {"month": month, "updated_at": keys.iso(keys.utc_now()), **build(scope, month)}
    store.save_summary(KpiSummary(scope=scope, month=month, document=document,
                                  updated_at=document["updated_at"]))
    return document


def _stale(item: KpiSummary, month: str, scope: str) -> bool:
    if month < previous_month(current_month(scope)):
        return False
    age = keys.utc_now() - keys.parse_iso(item.updated_at)
    return age.total_seconds() > FRESH_SECONDS


def summary(actor: Actor, params: dict) -> dict:
    scope = _scope(actor, params.get("scope"))
    last = _month(params.get("to"), "to") if params.get("to") else current_month(scope)
    first = _month(params.get("from"), "from") if params.get("from") \
        else max(_back(last, 5), f"{DATE_MIN:%Y-%m}")
    months = months_between(first, last)
    if not months or len(months) > MAX_MONTHS:
        raise ValidationFailed(fields={"from": ("range", {"min": 1, "max": MAX_MONTHS})})
    saved = store.summaries(scope, first, last)
    documents = []
    for month in months:
        item = saved.get(month)
        documents.append(item.document if item and not _stale(item, month, scope)
                         else rebuild(scope, month))
    return {"scope": scope, "months": documents}


def _back(month: str, count: int) -> str:
    for _ in range(count):
        month = previous_month(month)
    return month




def orders_behind(actor: Actor, params: dict) -> dict:
    """The orders behind a figure: the facts of the month that match the metric."""
    scope = _scope(actor, params.get("scope"))
    month = _month(params.get("month"), "month")
    metric = params.get("metric")
    if metric not in kpi.DRILL_METRICS:
        raise ValidationFailed(fields={"metric": ("enum", {"choices": ", ".join(kpi.DRILL_METRICS)})})
    clock = params.get("clock")
    if metric.startswith("sla_") and clock not in kpi.SLA_CLOCKS:
        raise ValidationFailed(fields={"clock": ("enum", {"choices": ", ".join(kpi.SLA_CLOCKS)})})
    codes = [o.code for o in outlets()] if scope == NETWORK else [scope]
    items = []
    for code in codes:
        for fact in store.facts(code, month):
            data = fact.data
            if kpi.matches(data, metric, clock, params.get("technician"), params.get("type"),
                           params.get("priority")):
                items.append({k: data.get(k) for k in (
                    "order_id", "number", "outlet", "customer_name", "technician",
                    "technician_name", "type", "priority", "at")})
    return {"items": sorted(items, key=lambda i: i["at"])}
