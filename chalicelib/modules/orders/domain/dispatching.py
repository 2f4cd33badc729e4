"""Dispatching (派工) and a technician's workload: which jobs are still in a technician's hands,
which visit they agreed, how urgent a job is, and how suitable each technician is for an order.

Pure rules over plain values (the use cases in `orders/workload.py` read the orders and the
directory and pass what they found).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from chalicelib.modules.orders.domain.lifecycle import STATES

# A job is in the technician's hands from dispatch until the repair is completed (a plan
# awaiting approval and a job on hold included): "open jobs" on the board and in the picker,
# the first tab of "my jobs". From `repaired` on, the next step is the customer's, the agent's
# or the manager's: the job is finished for the technician (my jobs' second tab).
# Every state after dispatch is one or the other: the finished ones are named, the rest of the
# lifecycle's states (a new one included) are in hand.
WAITING_STATE = "received"  # before dispatch: nobody's job yet
FINISHED_STATES = ("repaired", "accepted", "visited", "archived", "cancelled")
IN_HAND_STATES = tuple(s for s in STATES if s not in FINISHED_STATES and s != WAITING_STATE)
# the tabs of "my jobs": the jobs in hand, the finished ones
MY_JOBS_TABS = ("active", "finished")

# the clocks of an order that still run (ClockSummary.status)
RUNNING = ("on_track", "at_risk", "breached")

# Why a technician is suggested (the vocabulary group `suitability` names each)
FEWEST_JOBS, NEAREST, MOST_STARS, FREE_TODAY, CURRENT = (
    "fewest_jobs", "nearest", "most_stars", "free_today", "current")
REASONS = (FEWEST_JOBS, NEAREST, MOST_STARS, FREE_TODAY, CURRENT)
# Where a technician is taken to be (the vocabulary group `position`)
AT_CHECK_IN, AT_OUTLET = "check_in", "outlet"
POSITIONS = (AT_CHECK_IN, AT_OUTLET)


def _instant(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def agreed_visit(steps: dict | None) -> str | None:
    """The visit time agreed with the customer (the `contact` step's `visit_at`), unless the
    order was dispatched again after it (a reassignment voids the earlier agreement)."""
    steps = steps or {}
    contact, dispatch = steps.get("contact") or {}, steps.get("dispatch") or {}
    if not contact.get("visit_at") or _instant(contact["visit_at"]) is None:
        return None
    if dispatch.get("at") and str(contact.get("at", "")) < str(dispatch["at"]):
        return None
    return contact["visit_at"]


def visited(steps: dict | None) -> bool:
    """Whether the technician checked in on site after the agreement."""
    steps = steps or {}
    arrival, contact = steps.get("arrival") or {}, steps.get("contact") or {}
    return bool(arrival.get("at")) and str(arrival["at"]) >= str(contact.get("at", ""))


def local_day(value: str | None, tz: tzinfo) -> date | None:
    moment = _instant(value)
    return moment.astimezone(tz).date() if moment else None


def check_in_position(steps: dict | None, username: str, tz: tzinfo,
                      day: date) -> tuple[str, float, float] | None:
    """(time, lat, lng) of the technician's own check-in with coordinates on `day` (local)."""
    arrival = (steps or {}).get("arrival") or {}
    geo = arrival.get("geo") or {}
    if arrival.get("by") != username or geo.get("lat") is None or geo.get("lng") is None:
        return None
    if local_day(arrival.get("at"), tz) != day:
        return None
    return str(arrival["at"]), float(geo["lat"]), float(geo["lng"])


def next_due(clocks: list[dict] | None) -> str | None:
    """The soonest due time among the order's running clocks (paused ones wait)."""
    due = [c["due_at"] for c in clocks or [] if c.get("status") in RUNNING
           and not c.get("paused") and not c.get("stopped_at") and _instant(c.get("due_at"))]
    return min(due, key=lambda v: _instant(v)) if due else None


def urgency_key(view: dict) -> tuple:
    """My jobs' order: the soonest running deadline first; jobs without one (on hold, a plan
    awaiting approval) after them by agreed visit time, then the oldest order first."""
    due = _instant(next_due(view.get("clocks")))
    visit = _instant(agreed_visit(view))
    never = float("inf")
    return (due.timestamp() if due else never, visit.timestamp() if visit else never,
            view.get("created_at") or "")


@dataclass
class Candidate:
    """A technician as the dispatch form weighs them."""

    username: str
    name: str
    stars: int | None
    open_jobs: int
    distance_km: float | None
    visits_today: int
    current: bool = False  # the order's technician now (a reassignment)
    reasons: list[str] = field(default_factory=list)


def suitability_key(c: Candidate) -> tuple:
    """The rule: fewer open jobs first; among equals the nearer (unknown distance last); then
    more stars; then the name. The order's current technician comes last on a reassignment."""
    return (c.current, c.open_jobs, c.distance_km is None, c.distance_km or 0.0,
            -(c.stars or 0), c.name, c.username)


def rank(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates best first, each with the criteria on which they lead the others (a
    criterion on which every candidate is equal tells nothing and is left out)."""
    others = [c for c in candidates if not c.current] or candidates

    def leaders(value, best) -> set[str]:
        values = {value(c) for c in others if value(c) is not None}
        if len(values) < 2:
            return set()
        top = best(values)
        return {c.username for c in candidates if value(c) is not None and value(c) == top}

    fewest = leaders(lambda c: c.open_jobs, min)
    nearest = leaders(lambda c: c.distance_km, min)
    most = leaders(lambda c: c.stars or None, max)
    free = leaders(lambda c: c.visits_today == 0, max)
    for c in candidates:
        c.reasons = [CURRENT] if c.current else []
        c.reasons += [reason for reason, who in ((FEWEST_JOBS, fewest), (NEAREST, nearest),
                                                 (MOST_STARS, most), (FREE_TODAY, free))
                      if c.username in who]
    return sorted(candidates, key=suitability_key)
