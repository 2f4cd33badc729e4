"""What other areas may use of the SLA engine: declare a kind of subject (a work order, a
complaint…), start, pause, resume, stop or adjust its clocks, write its watch items in their own
transaction and show its clocks; an outlet's effective evidence rules (part of the SLA policy),
the distance between two places, the exactly-once marker item (written with
`attribute_not_exists` in the transaction of what it guards), and the date a number of working
days after another on an outlet's working calendar (a travel claim's filing deadline), and
whether a day is a day off there and why (a contract's inspection moving to a working day)."""

from __future__ import annotations

from datetime import date, timedelta

from chalicelib.modules.sla.clocks import (
    Clocks,
    clock_views,
    effective_policy,
    has_open_clock,
    watch_writes,
    watches_in,
)
from chalicelib.modules.sla.domain.policy import (
    great_circle_km,
    low_score_threshold,
    parts_settings,
)
from chalicelib.modules.sla.markers import tell_once, told_markers, was_told
from chalicelib.modules.sla.models import NotifyMarker
from chalicelib.modules.sla.policies import evidence_policy
from chalicelib.modules.sla.subjects import Subject, SubjectKind
from chalicelib.modules.sla.subjects import register as register_subject

__all__ = ["Clocks", "NotifyMarker", "Subject", "SubjectKind", "clock_views", "day_off",
           "evidence_policy_for",
           "great_circle_km", "has_open_clock", "low_score_threshold_for", "parts_policy_for",
           "register_subject", "tell_once", "told_markers", "was_told", "watch_writes",
           "watches_in", "working_days_after"]


def low_score_threshold_for(outlet: str) -> int:
    """A return visit scoring at or below this at an outlet is a low score (its SLA policy's
    `notices` part, or the default 2): the notifications area tells the managers."""
    return low_score_threshold(effective_policy(outlet)[0])


def evidence_policy_for(outlet: str) -> dict:
    """What completion and acceptance need as field evidence at an outlet (its SLA policy's
    evidence part, or the default)."""
    return evidence_policy(effective_policy(outlet)[0])


def parts_policy_for(outlet: str) -> dict:
    """The spare parts' settings at an outlet (its SLA policy's `parts` part over the
    network's, each missing one the default): expensive_line_fen, unreturned_days,
    abc_a_percent, abc_b_percent."""
    return parts_settings(effective_policy(outlet)[0])


def working_days_after(outlet: str, day: date, days: int) -> date:
    """The `days`-th working day after `day` on the outlet's working calendar (official holidays,
    adjusted weekends and head office's overrides): a travel claim's filing deadline (return +
    3 working days)."""
    from chalicelib.modules.sla.clocks import calendar_for
    from chalicelib.modules.sla.domain.calendar import MAX_SCAN_DAYS

    calendar = calendar_for(outlet)
    current, left = day, days
    for _ in range(MAX_SCAN_DAYS):
        if left <= 0:
            return current
        current += timedelta(days=1)
        if calendar.is_working_day(current):
            left -= 1
    raise ValueError(f"no {days} working days within {MAX_SCAN_DAYS} days after {day}")


def day_off(outlet: str, day: date) -> str | None:
    """Why `day` is not a working day on the outlet's working calendar — "holiday" (an official
    holiday, or a day head office closed) or "weekend" (a rest day) — or None for a working day
    (an adjusted working weekend 调休 is one): a contract's inspection planned on a day off moves
    to the next working day and says why (contracts/domain/schedule.py)."""
    from chalicelib.modules.sla.clocks import calendar_for

    info = calendar_for(outlet).day_info(day)
    if info.working:
        return None
    return "weekend" if info.kind == "weekend" else "holiday"


def register_order_targets(source) -> None:
    """Per-order SLA targets another area gives a work order (`source(ctx) -> {clock: minutes}
    | None`, ctx the order's hooks.ActionContext; read from what the action holds, no I/O): a
    clock it names is due by those minutes instead of the policy's rule (the contracts area:
    the service level of a covered unit). sla/work_orders.py asks them on every action."""
    from chalicelib.modules.sla import work_orders

    work_orders.register_targets(source)
