"""When a maintenance contract's inspections fall (巡检周期) and when its expiry is told.

A schedule is {kind, day, month_offset, per}: `kind` monthly / quarterly / half_yearly / yearly
(vocabulary schedule_kind) cuts the contract's period into periods of 1, 3, 6 or 12 months
counted from the month `starts_on` falls in (a contract from 2026-03-10, quarterly: March–May,
June–August, …); each period has one **occurrence**, planned on `day` (1–28, so every month has
it) of the period's month `month_offset` (0 = the first month; always 0 for monthly). A planned
date before `starts_on` or after `ends_on` is not an occurrence (a contract starting on the 20th,
monthly on the 15th: its first inspection is next month's).

A planned date that is not a working day on the outlet's official calendar (public holidays,
weekends, the adjusted working weekends 调休 and head office's overrides: the SLA engine's
calendar) **moves** to the next working day, and says why (vocabulary occurrence_moved:
`holiday` when a public holiday or a closed day was passed, else `weekend`): 2026-10-01 → 2026-10-08
(National Day, holiday); 2026-02-15, a Sunday inside the Spring Festival holiday → 2026-02-24
(holiday). The calendar comes in as a function (`DayOff`: None for a working day, else the
reason), so this module stays pure; the generator passes the outlet's.

The generator's bookkeeping is by **planned** date: a contract's `next_due_on` is the planned date
of its next occurrence not generated yet (`first_due` when it becomes active or its period or
schedule changes, `next_due` after each one generated), and an occurrence's marker is named by its
planned date, so a change of the calendar after an order was generated never generates it again.

Pure: imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# months per period of each schedule kind (vocabulary schedule_kind)
PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
MOVED_REASONS = ("holiday", "weekend")  # vocabulary occurrence_moved
# An inspection order appears this many days before its occurrence (seed rules B: a week ahead,
# time to plan the visit); the generator reads the due index up to today + LEAD_DAYS.
LEAD_DAYS = 7
# The outlet's managers and head office are told this many months before a contract (or a free
# maintenance period) ends (001 §7: a written reminder three months before).
REMIND_MONTHS = 3
# A day off never lasts longer than this (the longest official holiday is 9 days; head office's
# overrides could close more): beyond it the calendar is wrong, and the planned date stands.
MAX_MOVE_DAYS = 60

DayOff = Callable[[date], str | None]  # None: a working day; else "holiday" or "weekend"


@dataclass(frozen=True)
class Occurrence:
    """One inspection of the schedule: its planned date, the working day it is done on (`due`,
    the planned date when that is a working day) and why it moved (None: it did not)."""

    planned: date
    due: date
    moved: str | None = None

    def view(self) -> dict:
        return {"planned": self.planned.isoformat(), "due": self.due.isoformat(),
                "moved": self.moved}


def _field(contract: Any, name: str) -> Any:
    if isinstance(contract, Mapping):
        return contract.get(name)
    return getattr(contract, name, None)


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), the month's last day when it has fewer days."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day.day, last))


def planned_dates(schedule: Mapping, starts_on: date, ends_on: date) -> Iterator[date]:
    """The planned dates of the schedule within [starts_on, ends_on], in order."""
    step = PERIOD_MONTHS[schedule["kind"]]
    offset = int(schedule.get("month_offset") or 0) % step
    day = int(schedule["day"])
    first_month = date(starts_on.year, starts_on.month, 1)
    period = 0
    while True:
        planned = add_months(first_month, period * step + offset).replace(day=day)
        if planned > ends_on:
            return
        if planned >= starts_on:
            yield planned
        period += 1


def period_of(schedule: Mapping, starts_on: date, planned: date) -> tuple[date, date]:
    """The period (first day, last day) an occurrence planned on `planned` belongs to: the
    inspection of that period (a monthly one's month, a quarterly one's three months)."""
    step = PERIOD_MONTHS[schedule["kind"]]
    months = (planned.year - starts_on.year) * 12 + planned.month - starts_on.month
    first = add_months(date(starts_on.year, starts_on.month, 1), months - months % step)
    return first, add_months(first, step) - timedelta(days=1)


def period_end(schedule: Mapping, starts_on: date, ends_on: date, occurrence: Occurrence) -> date:
    """The last day an occurrence may be done on (巡检期限: its inspection clock runs out at its
    24:00): the last day of its period (a monthly one's month, a quarterly one's quarter), the
    contract's `ends_on` when that comes first — and never before its working day (an occurrence
    moved past its period's end is due by the day it moved to)."""
    last = min(period_of(schedule, starts_on, occurrence.planned)[1], ends_on)
    return max(last, occurrence.due)


def occurrence(planned: date, day_off: DayOff) -> Occurrence:
    """The occurrence planned on `planned`, moved to the next working day when it is a day off:
    `holiday` when a public holiday (or a day head office closed) was passed, else `weekend`."""
    reasons: list[str] = []
    current = planned
    for _ in range(MAX_MOVE_DAYS):
        reason = day_off(current)
        if reason is None:
            if not reasons:
                return Occurrence(planned, planned)
            return Occurrence(planned, current, "holiday" if "holiday" in reasons else "weekend")
        reasons.append(reason)
        current += timedelta(days=1)
    return Occurrence(planned, planned)  # a calendar closed for months: keep the planned date


def occurrences(schedule: Mapping, starts_on: date, ends_on: date,
                day_off: DayOff) -> list[Occurrence]:
    """Every occurrence of the schedule in the period, each with its working day."""
    return [occurrence(p, day_off) for p in planned_dates(schedule, starts_on, ends_on)]


def first_due(contract: Any, today: date) -> date | None:
    """The planned date of the contract's first occurrence on or after `today` (and within its
    period): its `next_due_on` when it becomes active or its period or schedule changes. None
    when no occurrence is left (or it has no schedule). `contract`: its fields (a mapping or the
    item) — starts_on, ends_on (dates or ISO strings), schedule."""
    schedule = _field(contract, "schedule")
    starts_on, ends_on = _day(_field(contract, "starts_on")), _day(_field(contract, "ends_on"))
    if not schedule or starts_on is None or ends_on is None:
        return None
    # the periods count from the contract's start, whatever the day asked from
    start = max(starts_on, today)
    return next((day for day in planned_dates(schedule, starts_on, ends_on) if day >= start), None)


def next_due(contract: Any, after: date) -> date | None:
    """The planned date of the occurrence after the one planned on `after` (None: the last one
    of the period was `after`): the generator's next `next_due_on`."""
    return first_due(contract, after + timedelta(days=1))


def remind_on(contract: Any) -> date | None:
    """When the expiry is told: REMIND_MONTHS before `ends_on` (a period ending 2026-12-31 is
    told on 2026-09-30: the last day covered minus three months)."""
    ends_on = _day(_field(contract, "ends_on"))
    return add_months(ends_on, -REMIND_MONTHS) if ends_on else None


def describe_period(schedule: Mapping, starts_on: date, planned: date) -> dict[str, str]:
    """The period an occurrence inspects, in words: {"zh": "2026年10月", "en": "2026-10"} for a
    monthly one, "2026年10月至12月" / "2026-10 to 2026-12" for longer ones."""
    first, last = period_of(schedule, starts_on, planned)
    if first.month == last.month and first.year == last.year:
        return {"zh": f"{first.year}年{first.month}月", "en": f"{first:%Y-%m}"}
    zh_last = f"{last.month}月" if last.year == first.year else f"{last.year}年{last.month}月"
    return {"zh": f"{first.year}年{first.month}月至{zh_last}",
            "en": f"{first:%Y-%m} to {last:%Y-%m}"}
