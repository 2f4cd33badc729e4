"""Payments (收款) on an order: recorded by whoever collected them (the technician on site, the
desk, the manager), listed with what is paid, handed in to finance by the manager (or head
office). Each is one transaction with its event on the order's timeline (payment_recorded,
payment_handed_in) — a payment recorded also with its fee fact (facts.py); a create honours
the Idempotency-Key (a phone on a weak link retries).
Cash not handed in carries a sparse index entry by its due time (keys.index_payment), read by
the daily hand-in job (cash_job.py) and removed at hand-in.
"""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel import idempotency
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import (
    IdempotencyConflict,
    InvalidTransition,
    NotFound,
    StaleVersion,
    ValidationFailed,
)
from chalicelib.kernel.store import base as store_base
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import Item
from chalicelib.kernel.validation import parse_datetime
from chalicelib.modules.directory import public as directory
from chalicelib.modules.fees import facts, keys
from chalicelib.modules.fees.domain import payments as rules
from chalicelib.modules.fees.payment_models import Payment
from chalicelib.modules.orders import public as orders

RESOURCE = "payment"  # what an Idempotency-Key of the payments' POST names
CLOSED_ORDER_STATES = ("cancelled",)


class PaymentHandedIn(InvalidTransition):
    """A payment handed in already (409)."""

    code = "payment_handed_in"


class PaymentNotCash(InvalidTransition):
    """A hand-in of a payment that is not cash (409): only cash is handed to finance (a
    transfer, WeChat or Alipay reached the company's account already)."""

    code = "payment_not_cash"


def view(payment: Payment) -> dict:
    return {"id": payment.id, "order_id": payment.order_id,
            "amount_fen": int(payment.amount_fen), "method": payment.method,
            "reference": payment.reference, "receipt_no": payment.receipt_no,
            "note": payment.note, "collected_by": payment.collected_by,
            "collected_by_name": payment.collected_by_name,
            "collected_at": payment.collected_at, "handin_due_at": payment.handin_due_at,
            "handed_in_at": payment.handed_in_at, "handed_in_by": payment.handed_in_by,
            "handed_in_by_name": payment.handed_in_by_name, "version": int(payment.version)}


def _order(actor: Actor, order_id: str):
    order = orders.get_order(order_id)
    if order is None:
        raise NotFound()
    orders.ensure_order_readable(actor, order)
    return order


def order_payments(order_id: str) -> list[Payment]:
    """The order's payments, oldest first: one query of its collection's PAY# items."""
    return [p for p in Item.query(kernel_keys.order_pk(order_id),
                                  Item.sk.startswith(keys.PAY_PREFIX), consistent_read=True)
            if isinstance(p, Payment)]


def listing(actor: Actor, order_id: str) -> dict:
    order = _order(actor, order_id)
    found = order_payments(order.id)
    return {"items": [view(p) for p in found],
            "paid_fen": rules.paid([{"amount_fen": p.amount_fen} for p in found])}


def _get(order_id: str, payment_id: str) -> Payment | None:
    pk = kernel_keys.order_pk(order_id)
    try:
        found = Item.get(pk, keys.payment_sk(payment_id), consistent_read=True)
    except DoesNotExist:
        return None
    return found if isinstance(found, Payment) else None


def _earlier(order_id: str, payment_id: str) -> dict:
    found = _get(order_id, payment_id)
    if found is None:  # the key named another order's payment
        raise IdempotencyConflict()
    return view(found)


def record(actor: Actor, order_id: str, body: dict, idempotency_key: str | None = None) -> dict:
    """A payment collected on the order (cash with its receipt number), with its event; a
    retried request with the same Idempotency-Key answers the first payment."""
    order = _order(actor, order_id)
    first = idempotency.earlier(actor, idempotency_key, body)
    if first is not None:
        return _earlier(order.id, first)
    if order.state in CLOSED_ORDER_STATES:
        raise InvalidTransition(state=order.state, action="payment")
    now = kernel_keys.utc_now()
    collected = parse_datetime(body["collected_at"]) if body.get("collected_at") else now
    try:
        rules.check(body, collected, now)
    except rules.PaymentProblem as problem:
        raise ValidationFailed(fields={problem.field: (problem.code, problem.params)}) from None
    at = kernel_keys.iso(now)
    due = rules.handin_due(body["method"], collected)
    payment = Payment(
        id=kernel_keys.new_id("pay"), order_id=order.id, order_number=order.number,
        outlet=order.outlet, amount_fen=int(body["amount_fen"]), method=body["method"],
        reference=(body.get("reference") or "").strip() or None,
        receipt_no=(body.get("receipt_no") or "").strip() or None, note=body.get("note"),
        collected_by=actor.username, collected_by_name=directory.actor_name(actor),
        collected_at=kernel_keys.iso(collected),
        handin_due_at=kernel_keys.iso(due) if due is not None else None, created_at=at)
    keys.index_payment(payment)
    idem = idempotency.new_record(actor, idempotency_key, body, RESOURCE, payment.id)
    entries = [(payment, Payment.pk.does_not_exist()),
               orders.step_entry(actor, order, "payment_recorded", {
                   "payment_id": payment.id, "amount_fen": int(payment.amount_fen),
                   "method": payment.method, "receipt_no": payment.receipt_no,
                   "reference": payment.reference, "collected_at": payment.collected_at,
                   "handin_due_at": payment.handin_due_at}, at),
               # not on an order cancelled meanwhile (the check read it before)
               orders.order_not_in(order, CLOSED_ORDER_STATES),
               facts.payment_entry(payment, at)]  # the monthly cost report's 收款
    if idem is not None:
        entries.append((idem, idem.__class__.pk.does_not_exist()))
    try:
        store_base.transact(entries)
    except VersionConflict:
        if idem is not None:
            first = idempotency.earlier(actor, idempotency_key, body)  # a parallel retry won
            if first is not None:
                return _earlier(order.id, first)
        current = orders.get_order(order.id)
        if current is not None and current.state in CLOSED_ORDER_STATES:
            raise InvalidTransition(state=current.state, action="payment") from None
        raise StaleVersion() from None  # the order was being written meanwhile: try again
    return view(payment)


def hand_in(actor: Actor, order_id: str, payment_id: str, body: dict) -> dict:
    """Cash handed to finance (交财务), on the version seen: it leaves the cash index. Only cash
    (409 payment_not_cash for any other method)."""
    order = _order(actor, order_id)
    payment = _get(order.id, payment_id)
    if payment is None:
        raise NotFound()
    if payment.method != rules.CASH:
        raise PaymentNotCash()
    if payment.handed_in_at:
        raise PaymentHandedIn()
    if int(payment.version) != int(body["version"]):
        raise StaleVersion()
    at = kernel_keys.iso(kernel_keys.utc_now())
    payment.handed_in_at, payment.handed_in_by = at, actor.username
    payment.handed_in_by_name = directory.actor_name(actor)
    keys.index_payment(payment)
    try:
        store_base.transact([(payment, None), orders.step_entry(actor, order, "payment_handed_in", {
            "payment_id": payment.id, "amount_fen": int(payment.amount_fen),
            "method": payment.method, "receipt_no": payment.receipt_no,
            "collected_at": payment.collected_at, "handin_due_at": payment.handin_due_at}, at)])
    except VersionConflict:
        current = _get(order.id, payment_id)
        if current is not None and current.handed_in_at:
            raise PaymentHandedIn() from None
        raise StaleVersion() from None
    return view(payment)
