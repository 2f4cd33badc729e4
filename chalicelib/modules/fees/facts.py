"""Fee facts (费用事实): what each event contributes to the monthly cost report, written IN THE
EVENT'S OWN TRANSACTION as a put (so a figure is never counted twice nor lost, and a repeated
event replaces its own fact), in the partition of the outlet-month the event happened in (the
outlet's time zone): FEEFACT#<outlet>#<yyyy-mm> / <KIND>#<source id> (keys.py).

Each function below returns one transaction entry `(FeeFact, None)`:
  order_entry     the acceptance of an order (hooks.py; every accepted order)
  payment_entry   a payment recorded (payments.py)
  booking_entry   a spend booked against a budget (budgets.Booking.entries(): the acceptance's,
                  a travel claim's, a manual one)
  claim_entry     a travel claim approved by head office (the claims' approval)
`month_facts(outlet, month)` reads an outlet-month's facts: one Query of its partition, which
grows with that month's events only (the cost sheets: cost_report.py). The figures: domain/facts.py.
"""

from __future__ import annotations

from chalicelib.modules.directory import public as directory
from chalicelib.modules.fees import keys
from chalicelib.modules.fees.domain import facts as rules
from chalicelib.modules.fees.fact_models import FeeFact

Entry = tuple[FeeFact, None]


def _entry(outlet: str, kind: str, source_id: str, at: str, data: dict) -> Entry:
    month = directory.local_month(outlet, at)
    fact = FeeFact(keys.fact_pk(outlet, month), keys.fact_sk(kind, source_id), outlet=outlet,
                   month=month, fact=kind, source_id=source_id, at=at, data=data)
    return fact, None  # a put: a repeated event replaces its own fact


def order_entry(order, sheet, at: str) -> Entry:
    """An order accepted at `at`, with its settled fee sheet (None: none to settle): persons,
    person-days, labour and parts cost, charge and booked cost (domain/facts.py)."""
    arrived = ((order.steps or {}).get("arrival") or {}).get("at")
    data = rules.order_data(
        number=order.number, order_type=order.type, coverage=order.coverage,
        technician=order.technician, helpers=list(order.helpers or []),
        arrived_on=directory.local_date(order.outlet, arrived) if arrived else None,
        accepted_on=directory.local_date(order.outlet, at),
        lines=list(sheet.lines or []) if sheet is not None else [],
        charge_fen=int(sheet.charge_fen) if sheet is not None else 0,
        cost_fen=int(sheet.cost_fen) if sheet is not None else 0)
    return _entry(order.outlet, "order", order.id, at, {"order_id": order.id, **data})


def payment_entry(payment, at: str) -> Entry:
    """A payment recorded at `at` (the month it counts in; `collected_at` kept beside)."""
    return _entry(payment.outlet, "payment", payment.id, at, {
        "number": payment.order_number, "order_id": payment.order_id,
        "amount_fen": int(payment.amount_fen), "method": payment.method,
        "collected_at": payment.collected_at})


def booking_entry(booking) -> Entry:
    """A budget booking (a budgets.Booking), at its time; the source's kind and number."""
    source = booking.source or {}
    return _entry(booking.outlet, "booking", booking.event_id, booking.at, {
        "category": booking.category, "amount_fen": int(booking.amount_fen),
        "year": int(booking.year), "source_kind": source.get("kind"),
        "source_id": source.get("id"), "number": source.get("number")})


def claim_entry(outlet: str, claim_id: str, number: str, at: str, by_category: dict[str, int],
                installation: bool, contract_guidance: bool, budget_category: str,
                total_fen: int, advance_fen: int, claimant: str) -> Entry:
    """A travel claim approved by head office at `at` (a transaction entry for the approval's
    transaction): its amounts by claim line category (transport, lodging, meals, allowance,
    other), whether every linked order is an installation (and under contract: contract
    guidance), the budget category, total, advance and claimant. ValueError for an unknown
    category."""
    return _entry(outlet, "claim", claim_id, at, rules.claim_data(
        number=number, by_category=by_category, installation=installation,
        contract_guidance=contract_guidance, budget_category=budget_category,
        total_fen=total_fen, advance_fen=advance_fen, claimant=claimant))


def month_facts(outlet: str, month: str) -> list[FeeFact]:
    """An outlet-month's fee facts, in key order: one Query of the month's partition (paged by
    DynamoDB as it grows), which reads that month's facts only."""
    return [f for f in FeeFact.query(keys.fact_pk(outlet, month)) if isinstance(f, FeeFact)]
