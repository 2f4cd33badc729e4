"""Every key and index entry of the fees area, spelled once (docs/data-model.md)."""

from __future__ import annotations

from chalicelib.kernel.store import keys as kernel_keys

SHEET_SK = "FEES"
PAY_PREFIX = "PAY#"
CASH_WARNED_PREFIX = "CASHWARNED#"  # the hand-in job's markers; not under PAY#


def sheet_key(order_id: str) -> tuple[str, str]:
    return kernel_keys.order_pk(order_id), SHEET_SK


def index_sheet(sheet) -> None:
    sheet.pk, sheet.sk = sheet_key(sheet.order_id)


def payment_sk(payment_id: str) -> str:
    """Payments' ids are time-ordered: the order's payments read in the order they came."""
    return f"{PAY_PREFIX}{payment_id}"


def cash_due_pk(outlet: str) -> str:
    """An outlet's cash not handed in yet, by when it is due (gsi1; sparse)."""
    return f"CASHOUT#{outlet}"


def cash_due_sk(due_at: str, payment_id: str = "") -> str:
    return f"{due_at}#{payment_id}"


def index_payment(payment) -> None:
    payment.pk, payment.sk = kernel_keys.order_pk(payment.order_id), payment_sk(payment.id)
    if payment.handin_due_at and not payment.handed_in_at:
        payment.gsi1pk = cash_due_pk(payment.outlet)
        payment.gsi1sk = cash_due_sk(payment.handin_due_at, payment.id)
    else:
        payment.gsi1pk = payment.gsi1sk = None


def cash_warned_key(order_id: str, payment_id: str) -> tuple[str, str]:
    """The marker (in the order's collection) that the managers were told of this payment."""
    return kernel_keys.order_pk(order_id), f"{CASH_WARNED_PREFIX}{payment_id}"


# ---------------------------------------------------------------- budgets (budgets.py)
# One partition per outlet, BUDGET#<outlet>: the year's budget at sk <yyyy>, its threshold
# markers at <yyyy>#TOLD#<level> (a query of sk begins_with <yyyy> reads the two together),
# its 费用增加申请 at REQ#<yyyy>#<id> and its audit trail at EV#<yyyy>#<at>#<id>.
BUDGET_REQUEST_PREFIX = "REQ#"
BUDGET_EVENT_PREFIX = "EV#"


def budget_pk(outlet: str) -> str:
    return f"BUDGET#{outlet}"


def budget_key(outlet: str, year: int) -> tuple[str, str]:
    return budget_pk(outlet), f"{int(year):04d}"


def budget_mark_key(outlet: str, year: int, level: int) -> tuple[str, str]:
    """The marker that the year's `level` % was told (written once, with the notices)."""
    return budget_pk(outlet), f"{int(year):04d}#TOLD#{int(level)}"


def budget_request_prefix(year: int) -> str:
    return f"{BUDGET_REQUEST_PREFIX}{int(year):04d}#"


def budget_request_key(outlet: str, year: int, request_id: str) -> tuple[str, str]:
    return budget_pk(outlet), f"{budget_request_prefix(year)}{request_id}"


def budget_event_prefix(year: int) -> str:
    return f"{BUDGET_EVENT_PREFIX}{int(year):04d}#"


def budget_event_key(outlet: str, year: int, at: str, event_id: str) -> tuple[str, str]:
    return budget_pk(outlet), f"{budget_event_prefix(year)}{at}#{event_id}"
