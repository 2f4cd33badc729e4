"""Every key and index entry of the fees area, spelled once (docs/data-model.md)."""

from __future__ import annotations

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.fees.domain import claims as claim_rules

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


# ---------------------------------------------------------------- fee facts (facts.py)
# What one event contributes to the monthly cost report, in the partition of its outlet-month
# (the outlet's time zone, as the KPI facts): FEEFACT#<outlet>#<yyyy-mm> / <KIND>#<source id>,
# KIND one of ORDER (the acceptance), PAY (a payment), CLAIM (a travel claim's approval), BOOK
# (a budget booking). A month's cost sheet of an outlet is one Query of its partition.
FACT_KINDS = {"order": "ORDER", "payment": "PAY", "claim": "CLAIM", "booking": "BOOK"}


def fact_pk(outlet: str, month: str) -> str:
    return f"FEEFACT#{outlet}#{month}"


def fact_sk(kind: str, source_id: str) -> str:
    return f"{FACT_KINDS[kind]}#{source_id}"


# ---------------------------------------------------------------- travel claims (claims.py)
# One partition per claim, CLAIM#<id>: the claim at CLAIM (compact: what lists show), its lines
# at LINES, its receipts at RCPT#<id> and its audit trail at EVENT#<at>#<id>
# (kernel/subjects.py), in key order CLAIM, EVENT#…, LINES, RCPT#…: the claim is read by
# GetItem, its lines and receipts by the keys from LINES on, its page's newest events by their
# prefix (claims.py), never the whole partition. Its index entries: gsi1 the claimant's claims,
# gsi2 the outlet's, gsi3 the outlet's in one state (the manager's queue is its `submitted`), gsi4
# head office's queue (sparse: only while it waits for head office — manager_approved, or a
# manager's own claim while submitted); sort keys <created_at>#<id>. A verified receipt's bytes
# are marked per outlet at RCPTSHA#<outlet>#<sha256> / RCPT (the claims that verified them).
CLAIM_SK = "CLAIM"
LINES_SK = "LINES"
RECEIPT_PREFIX = "RCPT#"
RECEIPT_MARK_SK = "RCPT"
CLAIM_NUMBER_SERIES = "CLAIM"  # the year's counter of BX-<outlet>-<yyyy>-<n>
RECEIPT_KEY_PREFIX = "claim-receipts/"  # S3, outside uploads/ (the evidence area's S3 event's)


def claim_pk(claim_id: str) -> str:
    return f"CLAIM#{claim_id}"


def claim_number(outlet: str, year: str, value: int) -> str:
    return f"BX-{outlet}-{year}-{value:04d}"


def claimant_claims(username: str) -> str:
    return f"CLAIMANT#{username}"


def outlet_claims(outlet: str, state: str | None = None) -> str:
    return f"OUTLET#{outlet}#CLAIMS" + (f"#{state}" if state else "")


HEAD_OFFICE_CLAIMS = "CLAIMS#HQ"  # waiting for head office


def index_claim(claim) -> None:
    """The claim's keys and index entries, as its state is now."""
    claim.pk, claim.sk = claim_pk(claim.id), CLAIM_SK
    order = f"{claim.created_at}#{claim.id}"
    claim.gsi1pk, claim.gsi1sk = claimant_claims(claim.claimant), order
    claim.gsi2pk, claim.gsi2sk = outlet_claims(claim.outlet), order
    claim.gsi3pk, claim.gsi3sk = outlet_claims(claim.outlet, claim.state), order
    if claim_rules.waits_for(claim.state, claim.claimant_role) == "head_office":
        claim.gsi4pk, claim.gsi4sk = HEAD_OFFICE_CLAIMS, order
    else:
        claim.gsi4pk = claim.gsi4sk = None


def lines_key(claim_id: str) -> tuple[str, str]:
    """The claim's lines, an item of its partition (no index entries)."""
    return claim_pk(claim_id), LINES_SK


def index_claim_lines(item) -> None:
    item.pk, item.sk = lines_key(item.claim_id)


def receipt_mark_key(outlet: str, sha256: str) -> tuple[str, str]:
    """The marker of a receipt file's bytes at an outlet: which claims verified them."""
    return f"RCPTSHA#{outlet}#{sha256}", RECEIPT_MARK_SK


def receipt_sk(receipt_id: str) -> str:
    return f"{RECEIPT_PREFIX}{receipt_id}"


def index_receipt(receipt) -> None:
    receipt.pk, receipt.sk = claim_pk(receipt.claim_id), receipt_sk(receipt.id)


def receipt_object_key(outlet: str, claim_id: str, receipt_id: str) -> str:
    """Where the browser uploads a receipt (the attachments bucket)."""
    return f"{RECEIPT_KEY_PREFIX}{outlet}/{claim_id}/{receipt_id}"


def receipt_thumb_key(outlet: str, claim_id: str, receipt_id: str, sha256: str) -> str:
    """A photographed receipt's thumbnail, named after the bytes it shows (as an order's)."""
    return f"thumbs/{RECEIPT_KEY_PREFIX}{outlet}/{claim_id}/{receipt_id}-{sha256[:16]}.jpg"
