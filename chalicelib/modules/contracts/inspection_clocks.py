"""A generated inspection's deadlines (巡检期限; docs/sla.md "Inspection orders", docs/contracts.md):
the contracts area's per-order SLA targets (`sla.public.register_order_targets`) for an order of
type `inspection` generated from an occurrence of its contract's schedule.

- `inspection`: due at the end of the occurrence's period (`period_end`, 24:00 in the outlet's
  time zone). The SLA engine starts it at create instead of the `response` clock (nobody waits
  for an answer: the order is the contract's plan; sla/domain/order_clocks.py) and stops it at
  the order's completion; the policy's levels warn, breach and escalate it like any clock — an
  inspection not done by the end of its period is overdue on 时限预警.
- `arrival`: due by the end of the occurrence's working day (`due`, the day it was planned on or
  moved to) instead of the policy's hours, counted from dispatch.

A target is minutes from the action's time (or, for a clock recomputed later, from the clock's
start) to that instant, never below 0. No I/O: the occurrence is in the create's data, later in
the order's collection (its CHECKLIST's `occurrence`); the outlet's time zone is the
directory's cached one (the SLA engine reads the same outlet for its calendar). An order of
another type, or an inspection without an occurrence (entered by hand), gets nothing here.
"""

from __future__ import annotations

from datetime import date, datetime

from chalicelib.kernel import hooks
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.contracts.domain.inspections import end_of_day
from chalicelib.modules.contracts.inspection_models import InspectionChecklist
from chalicelib.modules.directory import public as directory

TYPE = "inspection"
# the actions that start a general order's arrival clock (an inspection is generated general);
# any other action asking for the target recomputes a running clock from its start
ARRIVAL_STARTS = ("create", "dispatch")


def occurrence_of(ctx: hooks.ActionContext) -> dict | None:
    """The order's occurrence {planned, due, moved, period_end}: the generator's create data
    (only the system names one: contracts/inspections.py refuses anyone else), else its
    checklist's."""
    if ctx.action == "create":
        found = ctx.data.get("occurrence")
        return found if ctx.actor.role == "system" and isinstance(found, dict) else None
    checklist = ctx.collection.one(InspectionChecklist) if ctx.collection is not None else None
    return checklist.occurrence if checklist is not None else None


def _minutes(since: datetime, until: datetime) -> float:
    return max(0.0, (until - since).total_seconds() / 60)


def _arrival_from(ctx: hooks.ActionContext) -> datetime:
    clock = (ctx.subject.clocks or {}).get("arrival")
    if ctx.action in ARRIVAL_STARTS or not clock or clock.get("state") == "stopped":
        return ctx.now
    return kernel_keys.parse_iso(clock["started_at"])


def targets(ctx: hooks.ActionContext) -> dict[str, float] | None:
    """{inspection: minutes to the period's end, arrival: minutes to the due day's end}."""
    order = ctx.subject
    if getattr(order, "type", None) != TYPE:
        return None
    occurrence = occurrence_of(ctx)
    if not occurrence:
        return None
    zone = directory.zone(order.outlet)
    found: dict[str, float] = {}
    if occurrence.get("period_end"):
        ends = end_of_day(date.fromisoformat(occurrence["period_end"]), zone)
        found["inspection"] = _minutes(ctx.now, ends)
    if occurrence.get("due"):
        ends = end_of_day(date.fromisoformat(occurrence["due"]), zone)
        found["arrival"] = _minutes(_arrival_from(ctx), ends)
    return found or None


def register() -> None:
    """After the service level's source (hooks.register): an inspection's arrival is its
    occurrence's, whatever the contract's service level says."""
    from chalicelib.modules.sla import public as sla

    sla.register_order_targets(targets)
