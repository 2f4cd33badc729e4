"""What other areas may use of the fees (docs/fees.md)."""

from __future__ import annotations

from chalicelib.modules.fees.budgets import (
    Booking,
    BudgetExceeded,
    book_spend,
)
from chalicelib.modules.fees.charge_models import FeeSheet
from chalicelib.modules.fees.domain.budgets import CATEGORIES as BUDGET_CATEGORIES
from chalicelib.modules.fees.domain.budgets import category_for_order
from chalicelib.modules.fees.payment_models import Payment

# budgets (docs/fees.md "Budgets"): `book_spend(outlet, year, category, amount_fen, source)` books
# on its own (BudgetExceeded: 409 budget_exceeded); inside a caller's transaction,
# `Booking(...).entries()` (kernel store.base Update entries: `transact` and the order's
# transaction write them), then `booking.after_commit()`
# (the thresholds), or on a cancelled transaction `booking.refusal()` (BudgetExceeded | None)
# an order's fee sheet (ORDER#<order> / FEES: lines with charge and internal cost, state final
# once accepted) and its payments (ORDER#<order> / PAY#<id>), items of the order's collection:
# `collection.one(FeeSheet)`, `collection.of(Payment)` (the fee facts of the next slice)
__all__: list[str] = ["BUDGET_CATEGORIES", "Booking", "BudgetExceeded", "FeeSheet", "Payment",
                      "book_spend", "category_for_order"]
