"""The figures' part of a work order's lifecycle, registered as the order's hooks: the fact an
action contributes to the key figures is written in the action's own transaction (so a figure
is never counted twice nor lost), and a new order is checked against the equipment's last
accepted repair (a repeat repair within 30 days: the coverage decision's when there is one)."""

from __future__ import annotations

from chalicelib.kernel import hooks
from chalicelib.modules.figures import kpi, kpi_store
from chalicelib.modules.orders import public as orders
from chalicelib.modules.warranty import public as warranty

AREA = "figures"
REPEAT = "figures.repeat"  # what the create's apply found, for its record


def _find_repeat(ctx: hooks.ActionContext) -> None:
    """Once per create (its record may run again under another order number): what the
    warranty's coverage decision found (the same component within 30 days of an acceptance;
    it runs before), else the unit's last accepted repair within 30 days."""
    decided = warranty.repeat_decided(ctx.data)
    ctx.scratch[REPEAT] = decided if decided is not None else kpi.repeat_of(ctx.subject, ctx.now)


def _fact(ctx: hooks.ActionContext) -> hooks.Writes:
    fact = kpi.FACTS[ctx.action](ctx.subject, ctx.at, ctx.scratch.get(REPEAT))
    return hooks.Writes([kpi_store.fact_write(fact)])


def register() -> None:
    hooks.on(orders.KIND, ["create"], area=AREA, apply=_find_repeat)
    hooks.on(orders.KIND, kpi.FACTS, area=AREA, record=_fact)
