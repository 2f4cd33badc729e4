"""What other areas may use of the SLA engine: declare a kind of subject (a work order, a
complaint…), start, pause, resume, stop or adjust its clocks, write its watch items in their own
transaction and show its clocks; an outlet's effective evidence rules (part of the SLA policy),
the distance between two places, the exactly-once marker item (written with
`attribute_not_exists` in the transaction of what it guards), and the date a number of working
days after another on an outlet's working calendar (a travel claim's filing deadline)."""

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

__all__ = ["Clocks", "NotifyMarker", "Subject", "SubjectKind", "clock_views", "evidence_policy_for",
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
