"""The fees area's budget items in the one table (docs/fees.md "Budgets", docs/data-model.md).
Keys: fees/keys.py."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


def _fen() -> NumberAttribute:
    return NumberAttribute(default=0)


class Budget(Item, discriminator="fee_budget"):
    """An outlet's budget of a year: BUDGET#<outlet> / <yyyy>.

    Per category (domain/budgets.py CATEGORIES) flat amounts, so that a booking's ADD creates
    what is missing: <category>_limit_fen (head office's), _raised_fen (approved 费用增加申请),
    _spent_fen (booked) and _room_fen = limit + raised − spent, kept by every write that
    changes one of them (the booking's condition reads it: a condition cannot add).

    `version` is head office's: a budget change or an approved request adds 1, a booking does
    not (it changes no figure head office edits), so bookings never make an edit stale. It is
    not PynamoDB's VersionAttribute: every write here is an update with its own condition."""

    outlet = UnicodeAttribute()
    year = NumberAttribute()
    stop = BooleanAttribute(default=False)
    version = NumberAttribute(default=0)
    updated_at = UnicodeAttribute(null=True)
    updated_by = UnicodeAttribute(null=True)
    repair_limit_fen = _fen()
    repair_raised_fen = _fen()
    repair_spent_fen = _fen()
    repair_room_fen = _fen()
    maintenance_limit_fen = _fen()
    maintenance_raised_fen = _fen()
    maintenance_spent_fen = _fen()
    maintenance_room_fen = _fen()
    support_limit_fen = _fen()
    support_raised_fen = _fen()
    support_spent_fen = _fen()
    support_room_fen = _fen()
    visits_limit_fen = _fen()
    visits_raised_fen = _fen()
    visits_spent_fen = _fen()
    visits_room_fen = _fen()
    training_limit_fen = _fen()
    training_raised_fen = _fen()
    training_spent_fen = _fen()
    training_room_fen = _fen()


class BudgetMark(Item, discriminator="fee_budget_mark"):
    """The year's threshold was told: BUDGET#<outlet> / <yyyy>#TOLD#<80|100>, written only if
    absent, in one transaction with the notices (so however many bookings cross it at once,
    one tells)."""

    outlet = UnicodeAttribute()
    year = NumberAttribute()
    level = NumberAttribute()
    at = UnicodeAttribute()
    spent_fen = NumberAttribute()  # the year's total when it was told
    ceiling_fen = NumberAttribute()
    recipients = ListAttribute(of=UnicodeAttribute, default=list)


class BudgetRequest(Item, discriminator="fee_budget_request"):
    """A 费用增加申请: BUDGET#<outlet> / REQ#<yyyy>#<id>. Filed by the outlet's manager, decided
    once by head office (approve raises the category's budget in the decision's transaction)."""

    id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    year = NumberAttribute()
    category = UnicodeAttribute()
    amount_fen = NumberAttribute()
    reason = UnicodeAttribute()
    state = UnicodeAttribute()  # pending | approved | rejected (vocabulary budget_request_state)
    filed_by = UnicodeAttribute()
    filed_by_name = UnicodeAttribute(null=True)
    filed_at = UnicodeAttribute()
    decided_by = UnicodeAttribute(null=True)
    decided_by_name = UnicodeAttribute(null=True)
    decided_at = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    version = VersionAttribute()


class BudgetEvent(Item, discriminator="fee_budget_event"):
    """An immutable entry of a budget's audit trail: BUDGET#<outlet> / EV#<yyyy>#<at>#<id>,
    written in the transaction of what it records: `set` (limits, stop: before and after),
    `spend` (category, amount, source), `request` (filed), `decide` (approved or rejected)."""

    id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    year = NumberAttribute()
    action = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)
    by = UnicodeAttribute()
    by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()


MODELS: tuple = (Budget, BudgetMark, BudgetRequest, BudgetEvent)
