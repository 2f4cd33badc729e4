"""Payments (收款) on an order and their hand-in to finance (seed 001 §5 第三章第10条: money
collected is handed in within 3 days; 001 §18 五: small sums collected on the spot, handed to
finance, the invoice sent later), and the archive guard: an order whose final charge is not
paid is archived only with a manager's reason.

Pure: no I/O. Money is integer fen; times are UTC datetimes.
"""

from __future__ import annotations

from datetime import datetime, timedelta

CASH = "cash"
CASH_HANDIN_DAYS = 3  # policy: cash collected is handed to finance within 3 days


class PaymentProblem(ValueError):
    def __init__(self, field: str, code: str, params: dict | None = None):
        super().__init__(field, code)
        self.field, self.code, self.params = field, code, params or {}


def check(body: dict, collected_at: datetime, now: datetime, max_skew_seconds: int = 300) -> None:
    """What a payment's schema cannot say: cash carries its receipt number (收款收据), and it
    was not collected in the future. Raises PaymentProblem."""
    if body["method"] == CASH and not (body.get("receipt_no") or "").strip():
        raise PaymentProblem("receipt_no", "required")
    if collected_at > now + timedelta(seconds=max_skew_seconds):
        raise PaymentProblem("collected_at", "future")


def handin_due(method: str, collected_at: datetime) -> datetime | None:
    """When cash must be with finance (None: not cash, nothing to hand in)."""
    return collected_at + timedelta(days=CASH_HANDIN_DAYS) if method == CASH else None


def paid(payments: list[dict]) -> int:
    """What the customer has paid (every payment recorded, handed in or not)."""
    return sum(int(p["amount_fen"]) for p in payments)


def archive_refused(outstanding_fen: int, unpaid_reason: str | None) -> bool:
    """An order with an unpaid charge is archived only with the manager's reason."""
    return outstanding_fen > 0 and not (unpaid_reason or "").strip()
