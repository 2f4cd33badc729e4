"""Which action of a work order's lifecycle starts and stops which SLA clock (docs/sla.md).

Pure data: the sla area's hooks for work orders (`chalicelib/modules/sla/work_orders.py`) read
it; pauses (hold, resume), cancellation and the adjustments (plan, extension, distance) are
applied there as one function per action.
"""

from __future__ import annotations

# A clock started again runs again (an objection re-opens the repair clock: run 2).
STARTS = {"create": ("response",), "dispatch": ("contact",), "check_in": ("repair",),
          "accept": ("return_visit",), "object": ("repair",)}
STOPS = {"contact": ("response", "contact"), "check_in": ("arrival",), "complete": ("repair",),
         "return_visit": ("return_visit",)}


def arrival_starts_at(priority: str | None) -> str:
    """Urgent orders are timed from the feedback itself; general ones from dispatch."""
    return "create" if priority == "urgent" else "dispatch"


def started_by(action: str, priority: str | None) -> tuple[str, ...]:
    arrival = ("arrival",) if arrival_starts_at(priority) == action else ()
    return (*STARTS.get(action, ()), *arrival)


def stopped_by(action: str) -> tuple[str, ...]:
    return STOPS.get(action, ())
