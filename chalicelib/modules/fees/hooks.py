"""The fees area's part of a work order's lifecycle (registered in the area's setup; the orders
area knows none of it):

- `accept`: refused (409 `fees_outdated`, `details.reasons`) while the fee sheet no longer
  matches the order — the coverage or prices changed since it was saved, the confirmed quote
  was revised, the parts used changed, or the draft's parts and quote lines need someone's
  review (charges.standing) — and (409 `fees_need_approval`) while it waits for a manager; the
  sheet becomes final in the acceptance's transaction (the saved one, else the draft built from
  the confirmed quote and the parts used, when it has lines; with none, the transaction checks
  that none was saved meanwhile), and its internal cost is booked
  against the outlet's budget of the year (the order type's category: `category_for_order`)
  in the same transaction — a cost incurred, never refused by a stopped budget; the
  thresholds it crosses are told once it is written. The order's fee fact (facts.py: the
  monthly cost report's) is written in the same transaction, for every accepted order.
- `archive`: refused (409 `unpaid_charge`) while the final charge is not paid, unless the
  archive's data carries the manager's `unpaid_reason` (recorded with what was outstanding).
"""

from __future__ import annotations

from chalicelib.kernel import hooks
from chalicelib.kernel.errors import InvalidTransition
from chalicelib.modules.directory import public as directory
from chalicelib.modules.fees import charges
from chalicelib.modules.fees.charge_models import FeeSheet
from chalicelib.modules.fees.domain import charges as rules
from chalicelib.modules.fees.domain import payments as payment_rules
from chalicelib.modules.fees.domain.budgets import category_for_order
from chalicelib.modules.orders import public as orders

AREA = "fees"
SCRATCH = "fees.settled"
STANDING = "fees.standing"  # where the fees stood when the check read them


class UnpaidCharge(InvalidTransition):
    """An order archived with its charge unpaid and no reason given (409)."""

    code = "unpaid_charge"


# ---------------------------------------------------------------- accept

def _check_accept(ctx: hooks.ActionContext) -> None:
    now = charges.standing(ctx.subject, ctx.collection)  # the order as read (not accepted yet)
    charges.ensure_settleable(now)
    ctx.scratch[STANDING] = now


def _apply_accept(ctx: hooks.ActionContext) -> hooks.Writes | None:
    item = charges.settled_sheet(ctx.subject, ctx.collection, ctx.at, ctx.scratch.get(STANDING))
    if item is None:  # nothing to settle (no quote, no parts, no lines): still none saved
        return hooks.Writes([charges.nothing_saved(ctx.subject)])
    ctx.scratch[SCRATCH] = item
    ctx.data["fees"] = {"charge_fen": int(item.charge_fen), "lines": len(item.lines or []),
                        "fee_state": "final"}
    return hooks.Writes([(item, None)])  # on the version read (a new one: only if absent)


def _record_accept(ctx: hooks.ActionContext) -> hooks.Writes:
    """The order's fee fact (every accepted order, with or without fees: persons, person-days,
    labour and parts cost; facts.py) and the booking of its cost, in the acceptance's own
    transaction."""
    from chalicelib.modules.fees import facts

    item: FeeSheet | None = ctx.scratch.get(SCRATCH)
    writes = hooks.Writes([facts.order_entry(ctx.subject, item, ctx.at)])
    return writes.add(_book_cost(ctx, item))


def _book_cost(ctx: hooks.ActionContext, item: FeeSheet | None) -> hooks.Writes | None:
    """The settled sheet's internal cost booked against the outlet's budget of the year in the
    acceptance's own transaction (the budget's ADD, an Update entry, its event and its fee
    fact): a cost incurred, so never refused by a stopped budget; the thresholds it crosses
    are told once it is written."""
    if item is None or int(item.cost_fen) <= 0:
        return None
    from chalicelib.modules.fees import budgets

    order = ctx.subject
    booking = budgets.Booking(
        order.outlet, budgets.this_year(order.outlet, ctx.now),
        category_for_order(order.type), int(item.cost_fen),
        {"kind": "work_order", "id": order.id, "number": order.number},
        by=ctx.actor.username, by_name=directory.actor_name(ctx.actor), at=ctx.at,
        incurred=True)
    ctx.data["fees"]["budget_category"] = booking.category
    return hooks.Writes(booking.entries(), after=[booking.after_commit])


# ---------------------------------------------------------------- archive

def _outstanding(collection) -> int:
    item = charges.stored(collection)
    charge = int(item.charge_fen) if item is not None else 0
    return rules.outstanding(charge, charges.paid_fen(collection))


def _check_archive(ctx: hooks.ActionContext) -> None:
    if payment_rules.archive_refused(_outstanding(ctx.collection), ctx.data.get("unpaid_reason")):
        raise UnpaidCharge()


def _apply_archive(ctx: hooks.ActionContext) -> None:
    owed = _outstanding(ctx.collection)
    if owed:
        ctx.data["outstanding_fen"] = owed  # archived unpaid, with the manager's reason


def register() -> None:
    kind = orders.KIND
    hooks.on(kind, ["accept"], area=AREA, check=_check_accept, apply=_apply_accept,
             record=_record_accept)
    hooks.on(kind, ["archive"], area=AREA, check=_check_archive, apply=_apply_archive)
