"""Technicians' workload (派工看板): the dispatch form's candidates for an order, a manager's
board of the outlet's technicians, and a technician's own jobs (我的任务).

Reads are index queries: the outlet's technicians (the directory's staff index), then per
technician their open jobs (orders3 `OUTLET#<o>#TECH#<u>`, range OPEN#…) — one query each —
and all those orders in one BatchGetItem, so the cost grows with the outlet's size and its open
work, never with the table. The rules
(what is "in hand", the agreed visit, the ranking) are `domain/dispatching.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from chalicelib.kernel.access import outlet_scope
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, ValidationFailed
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys
from chalicelib.modules.customers import public as customers
from chalicelib.modules.directory import public as directory
from chalicelib.modules.orders import qualifiers, store
from chalicelib.modules.orders.access import ensure_order_readable
from chalicelib.modules.orders.domain import dispatching as rules
from chalicelib.modules.orders.models import WorkOrder
from chalicelib.modules.orders.usecases import order_view
from chalicelib.modules.sla import public as sla

QUEUE_LIMIT = 50  # orders waiting for dispatch shown on the board (oldest first)
TABS = rules.MY_JOBS_TABS


def _refuse_unknown(params: dict, known: tuple[str, ...]) -> None:
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise ValidationFailed(fields={name: ("additionalProperties", {}) for name in unknown})


@dataclass
class _Technician:
    """One technician's open work as read for the board or the form."""

    person: object  # directory Staff
    jobs: list[WorkOrder]  # not archived or cancelled (some finished for them: repaired…)

    @property
    def in_hand(self) -> list[WorkOrder]:
        return [j for j in self.jobs if j.state in rules.IN_HAND_STATES]


def _technicians(outlet: str) -> list[_Technician]:
    """The outlet's active technicians (as stored now) with their open jobs, by name."""
    people = sorted((s for s in directory.staff_now(outlet, "technician") if s.active),
                    key=lambda s: (s.name, s.username))
    jobs = store.technicians_open_jobs(outlet, [p.username for p in people])
    return [_Technician(p, jobs[p.username]) for p in people]


def _visit(order: WorkOrder) -> dict:
    return {"order_id": order.id, "number": order.number, "state": order.state,
            "priority": order.priority, "customer_name": order.customer_name,
            "site_name": order.site_name, "site_address": order.site_address,
            "visit_at": rules.agreed_visit(order.steps), "visited": rules.visited(order.steps)}


def _visits_on(jobs: list[WorkOrder], day: date, tz) -> list[dict]:
    """The visits agreed for `day` (the outlet's local day), earliest first."""
    found = [j for j in jobs if rules.local_day(rules.agreed_visit(j.steps), tz) == day]
    return sorted((_visit(j) for j in found), key=lambda v: keys.parse_iso(v["visit_at"]))


def _stars(person) -> int | None:
    return int(person.star_level) if person.star_level is not None else None


# ---------------------------------------------------------------- the dispatch form

def _site_of(order: WorkOrder) -> tuple[float, float] | None:
    """The site's coordinates, when the order names a site that has them."""
    if not order.site_id:
        return None
    _, sites, _ = customers.get_customer_with_parts(order.customer_id)
    site = next((s for s in sites if s.id == order.site_id), None)
    if site is None or site.lat is None or site.lng is None:
        return None
    return float(site.lat), float(site.lng)


def _position(tech: _Technician, home, tz, today: date) -> tuple[str | None, tuple | None, str | None]:
    """Where the technician is taken to be: their latest own check-in with coordinates today
    (on any of their open orders), else their outlet. (source, (lat, lng), since)"""
    check_ins = [p for p in (rules.check_in_position(j.steps, tech.person.username, tz, today)
                             for j in tech.jobs) if p]
    if check_ins:
        at, lat, lng = max(check_ins, key=lambda p: keys.parse_iso(p[0]))
        return rules.AT_CHECK_IN, (lat, lng), at
    if home is not None and home.lat is not None and home.lng is not None:
        return rules.AT_OUTLET, (float(home.lat), float(home.lng)), None
    return rules.AT_OUTLET, None, None


def dispatch_candidates(actor: Actor, order_id: str, params: dict) -> dict:
    """The outlet's technicians for dispatching or reassigning this order, most suitable first
    (the rule: `domain/dispatching.suitability_key`), with what the choice rests on; the ones
    qualified for the order's class of work first (`qualified`, else their `problems`: the
    technicians area's rule, through orders/qualifiers.py), each group in that ranking."""
    _refuse_unknown(params, ())
    order = store.get_order(order_id)
    if order is None:
        raise NotFound()
    ensure_order_readable(actor, order)  # another outlet's order is not found
    home = directory.outlet(order.outlet)
    tz = directory.zone(order.outlet)
    now = keys.utc_now()
    today = now.astimezone(tz).date()
    site = _site_of(order)
    rows, candidates = {}, []
    technicians = _technicians(order.outlet)
    for tech in technicians:
        source, where, since = _position(tech, home, tz, today)
        if site is not None and where is not None:
            distance = sla.great_circle_km(where[0], where[1], site[0], site[1])
        elif source == rules.AT_OUTLET and order.distance_km is not None:
            distance = float(order.distance_km)  # the outlet's distance recorded on the order
        else:
            distance = None
        visits = _visits_on(tech.jobs, today, tz)
        candidate = rules.Candidate(
            username=tech.person.username, name=tech.person.name, stars=_stars(tech.person),
            open_jobs=len(tech.in_hand), distance_km=distance, visits_today=len(visits),
            current=tech.person.username == order.technician)
        candidates.append(candidate)
        rows[candidate.username] = {"position": source, "position_at": since,
                                    "today_visits": visits}
    problems = qualifiers.problems(order, [tech.person for tech in technicians])
    ranked = sorted(rules.rank(candidates), key=lambda c: bool(problems[c.username]))
    return {
        "order_id": order.id, "outlet": order.outlet, "job_class": order.job_class,
        # while the plan awaits approval, its classes are checked too (a hand-over)
        "plan_job_classes": (((order.steps or {}).get("plan") or {}).get("job_classes") or []
                             if order.state == "plan_submitted" else []),
        "timezone": str(tz), "today": today.isoformat(),
        "site_located": site is not None, "now": keys.iso(now),
        "items": [{"username": c.username, "name": c.name, "star_level": c.stars,
                   "open_jobs": c.open_jobs, "distance_km": c.distance_km,
                   **rows[c.username], "rank": i + 1,
                   "recommended": i == 0 and not c.current and not problems[c.username],
                   "current": c.current, "reasons": c.reasons,
                   "qualified": not problems[c.username], "problems": problems[c.username]}
                  for i, c in enumerate(ranked)],
    }


# ---------------------------------------------------------------- the manager's board

def _jobs(orders: list[WorkOrder]) -> list[dict]:
    """Jobs as the board lists them, the most urgent first."""
    views = sorted((order_view(o) for o in orders), key=rules.urgency_key)
    by_id = {o.id: o for o in orders}
    return [{**_visit(by_id[v["id"]]), "next_due_at": rules.next_due(v["clocks"])} for v in views]


def dispatch_board(actor: Actor, params: dict) -> dict:
    """The outlet's technicians with the jobs in their hands and the visits agreed for today and
    tomorrow (the outlet's local days), and the orders waiting for dispatch."""
    _refuse_unknown(params, ("outlet",))
    outlet = outlet_scope(actor, params.get("outlet"))
    if directory.outlet(outlet) is None:
        raise NotFound()
    tz = directory.zone(outlet)
    now = keys.utc_now()
    today = now.astimezone(tz).date()
    tomorrow = today + timedelta(days=1)
    technicians = []
    for tech in _technicians(outlet):
        jobs = _jobs(tech.in_hand)
        technicians.append({
            "username": tech.person.username, "name": tech.person.name,
            "star_level": _stars(tech.person), "phone": tech.person.phone,
            "open_jobs": len(jobs), "jobs": jobs,
            "today": _visits_on(tech.jobs, today, tz), "tomorrow": _visits_on(tech.jobs, tomorrow, tz)})
    queue = store.orders_in_state(outlet, "received", QUEUE_LIMIT)
    return {"outlet": outlet, "timezone": str(tz), "now": keys.iso(now),
            "today": today.isoformat(), "tomorrow": tomorrow.isoformat(),
            "technicians": technicians,
            "unassigned": [{"order_id": o.id, "number": o.number, "priority": o.priority,
                            "customer_name": o.customer_name, "site_name": o.site_name,
                            "created_at": o.created_at} for o in queue.items],
            "unassigned_more": queue.last_key is not None}


# ---------------------------------------------------------------- my jobs

def my_jobs(actor: Actor, params: dict) -> dict:
    """The technician's jobs: `active` (default) — every job in their hands, the most urgent
    first (`domain/dispatching.urgency_key`), in one answer; `finished` — the ones no longer
    theirs to act on, page by page (still-open ones first, then archived and cancelled, newest
    first within each)."""
    _refuse_unknown(params, ("tab", "limit", "cursor"))
    tab = params.get("tab") or TABS[0]
    if tab not in TABS:
        raise ValidationFailed(fields={"tab": ("enum", {"choices": ", ".join(TABS)})})
    if tab == "active":
        if params.get("cursor"):
            raise ValidationFailed(fields={"cursor": ("invalid", {})})
        views = [order_view(j) for j in store.technician_open_jobs(actor.outlet, actor.username)
                 if j.state in rules.IN_HAND_STATES]
        return {"items": sorted(views, key=rules.urgency_key), "next_cursor": None}
    limit = limit_of(params)
    return read_page("my_jobs", actor, params, lambda start: store.technician_jobs_in(
        actor.outlet, actor.username, rules.FINISHED_STATES, limit, start), order_view)
