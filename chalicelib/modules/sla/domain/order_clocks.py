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

# The clocks an action starts (tried first) or stops on an order of one type besides the common
# ones (the figures and the extension list only those: tests/unit/test_vocabulary.py). An
# inspection (巡检) a maintenance contract generated is due at the end of its period
# (`inspection`, 巡检期限; the contracts area gives the instant as the order's target), done at its
# completion; an inspection entered by hand has no period, and no such clock.
TYPE_STARTS = {"inspection": {"create": ("inspection",)}}
TYPE_STOPS = {"inspection": {"complete": ("inspection",)}}
# A clock not started when the one named has just started in its place: a generated inspection
# is the contract's plan, no customer waits for an answer (no `response` clock); an inspection
# without its period's clock (entered by hand, at a customer's request) keeps the answer's.
INSTEAD_OF = {"response": ("inspection",)}


def arrival_starts_at(priority: str | None) -> str:
    """Urgent orders are timed from the feedback itself; general ones from dispatch."""
    return "create" if priority == "urgent" else "dispatch"


def started_by(action: str, priority: str | None, order_type: str | None = None
               ) -> tuple[str, ...]:
    """The clocks the action starts, in the order to try them (a clock in INSTEAD_OF after
    the one that replaces it)."""
    arrival = ("arrival",) if arrival_starts_at(priority) == action else ()
    own = TYPE_STARTS.get(order_type or "", {}).get(action, ())
    return (*own, *STARTS.get(action, ()), *arrival)


def replaced(name: str, started: set[str] | frozenset[str]) -> bool:
    """Whether `name` is not to start because a clock in its place has just `started`."""
    return any(other in started for other in INSTEAD_OF.get(name, ()))


def stopped_by(action: str, order_type: str | None = None) -> tuple[str, ...]:
    return (*STOPS.get(action, ()), *TYPE_STOPS.get(order_type or "", {}).get(action, ()))
