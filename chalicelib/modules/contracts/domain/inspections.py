"""What became of an inspection (巡检结果): pure rules over its period's end and its order.

An occurrence is due by the end of its period (`period_end`, its last day at 24:00 in the
outlet's time zone; domain/schedule.py `period_end`). As it stands at an instant `as_of` (now on
the contract's page and in the quarterly report; in the monthly report the month's end for
whether a period is over, the run's time for the completions known):

- `done` 已完成: its order was completed (the completion step) by the period's end;
- `late` 逾期完成: completed after it (by `as_of`);
- `open` 待完成: not completed, the period not over;
- `overdue` 逾期未完成: not completed, the period over;
- `cancelled` 已取消: its order was cancelled.

Pure: imports nothing of ours.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

RESULTS = ("done", "late", "open", "overdue", "cancelled")  # vocabulary inspection_result


def end_of_day(day: date, zone: tzinfo) -> datetime:
    """The instant a local day ends (the next day's 00:00 there)."""
    return datetime.combine(day + timedelta(days=1), time(0), zone)


def result(period_end_at: datetime, completed_at: datetime | None, cancelled: bool,
           as_of: datetime, completions_until: datetime | None = None) -> str:
    """The occurrence's result at `as_of`: a completion counts when it came by
    `completions_until` (default `as_of`), a period is over when it ended by `as_of` (the
    monthly report: the periods as the month ended, the completions known when it runs)."""
    if cancelled:
        return "cancelled"
    until = completions_until or as_of
    if completed_at is not None and completed_at <= until:
        return "done" if completed_at <= period_end_at else "late"
    return "overdue" if as_of >= period_end_at else "open"
