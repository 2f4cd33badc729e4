"""The cash hand-in job (现金交财务提醒): every morning, each outlet's cash payments not handed in
to finance by their due time (collected + 3 days, seed 001 §5 第三章第10条) are told to the
outlet's managers once per payment — the inbox notice (and e-mail to who wants it), a marker
ORDER#<order> / CASHWARNED#<payment> written only if absent, and a `cash_overdue` event on the
order's timeline, in one transaction that also checks the payment is still as read (not handed
in meanwhile). A second run, or a run delivered twice, tells no one again. The payment itself is
not written, so a hand-in form opened before the job ran still saves.

Reads: per outlet one range query of the sparse index CASHOUT#<outlet> (only cash not handed
in; an entry leaves at hand-in) up to now, one BatchGetItem of the markers of what it found,
and per payment to tell its order (GetItem): never the whole table. A payment told stays in
the index until it is handed in, so each run reads it again with its marker (an index entry and
a key per cash payment still out): taking it out of the index would write the payment and move
its version under a hand-in form already open, which the job does not do.

One payment that fails to be told (or an outlet whose reads fail) is logged by its ids and
tried again by the next run; the other payments and outlets are told all the same.
"""

from __future__ import annotations

from datetime import datetime

from chalicelib.kernel.observability import count, flush, log_failure, logger
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import Check
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import public as directory
from chalicelib.modules.fees import keys
from chalicelib.modules.fees.domain.payments import CASH_HANDIN_DAYS
from chalicelib.modules.fees.payment_models import Payment
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.orders import public as orders
from chalicelib.modules.sla import public as sla
from chalicelib.modules.warranty.public import yuan

NOTICE = "cash_overdue"  # the notifications' `notice` vocabulary (fees')
EVENT = "cash_overdue"  # the order's timeline (fees' `event` vocabulary)
LEVEL = "handoff"  # a work notice, not a deadline's level
SUBJECT = "work_order"


def texts(payment: Payment, local_time: str) -> tuple[dict, dict]:
    amount = yuan(int(payment.amount_fen))
    who = payment.collected_by_name or payment.collected_by
    receipt = payment.receipt_no or "—"
    return notifications.notice_texts(NOTICE, f"{payment.order_number} ¥{amount}", {
        "zh": (f"工单 {payment.order_number} 于 {local_time} 收取现金 {amount} 元"
               f"（收据号 {receipt}，收款人 {who}），至今未交财务。"
               f"按规定现金须在 {CASH_HANDIN_DAYS} 天内上交，请督促上交并在工单上登记。"),
        "en": (f"Cash of {amount} yuan collected on order {payment.order_number} at "
               f"{local_time} (receipt {receipt}, by {who}) has not been handed in to finance. "
               f"Cash is due with finance within {CASH_HANDIN_DAYS} days: please see that it is "
               f"handed in and recorded on the order.")})


def due(outlet: str, now: datetime) -> list[Payment]:
    """The outlet's cash not handed in whose due time has come: one range query."""
    index_sk = type(Item.gsi1).gsi1sk
    return [p for p in Item.gsi1.query(keys.cash_due_pk(outlet),
                                       index_sk <= keys.cash_due_sk(kernel_keys.iso(now), "\uffff"))
            if isinstance(p, Payment) and not p.handed_in_at]


def _warn(payment: Payment, people: list, at: str) -> bool:
    """Notice, marker (only if absent) and timeline event in one transaction, only while the
    payment is as read (not handed in meanwhile: then nobody needs telling)."""
    order = orders.get_order(payment.order_id)
    if order is None:
        return False
    local = kernel_keys.parse_iso(payment.collected_at).astimezone(directory.zone(payment.outlet))
    title, body = texts(payment, local.strftime("%Y-%m-%d %H:%M"))
    event = orders.step_entry(None, order, EVENT, {
        "payment_id": payment.id, "amount_fen": int(payment.amount_fen),
        "receipt_no": payment.receipt_no, "collected_at": payment.collected_at,
        "handin_due_at": payment.handin_due_at, "told": [p.username for p in people]}, at)
    return sla.tell_once(
        keys.cash_warned_key(payment.order_id, payment.id), people, at=at,
        guard=[Check(Payment, payment.pk, payment.sk, Payment.version == int(payment.version))],
        extra=[event], level=LEVEL, notice=NOTICE, title=title, body=body,
        link=orders.link(payment.order_id), subject_kind=SUBJECT, subject_id=payment.order_id,
        reference=payment.order_number)


def _outlet(code: str, now: datetime, at: str) -> tuple[int, int]:
    """One outlet's overdue cash told: (told, failed). A payment that fails to be told (its
    transaction, too many managers for one: TooManyItems) is logged by its ids and left for
    the next run; the others are told all the same."""
    overdue = due(code, now)
    if not overdue:
        return 0, 0
    told_before = sla.told_markers([keys.cash_warned_key(p.order_id, p.id) for p in overdue])
    people = [p for p in directory.staff_now(code, "manager") if p.active]
    if not people:
        logger.warning("cash overdue and no manager to tell", extra={"outlet": code})
        return 0, 0
    told = failed = 0
    for payment in overdue:
        if keys.cash_warned_key(payment.order_id, payment.id) in told_before:
            continue
        try:
            warned = _warn(payment, people, at)
        except Exception as error:  # noqa: BLE001 - the next payment and outlet still get told
            failed += 1
            log_failure("cash hand-in warning failed", error, outlet=code,
                        order=payment.order_id, payment=payment.id)
            continue
        if warned:
            told += 1
            count("CashOverdueWarnings")
    return told, failed


def run(now: datetime | None = None) -> dict:
    """Tell every outlet's managers of the cash overdue with finance, once per payment. What
    fails (an outlet's reads, one payment's warning) is logged and retried by the next run;
    it never keeps the other outlets and payments from being told."""
    now = now or kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    told = failed = 0
    for outlet in directory.all_outlets():
        if outlet.is_head_office:
            continue
        try:
            done, lost = _outlet(outlet.code, now, at)
        except Exception as error:  # noqa: BLE001 - the other outlets still get told
            log_failure("cash hand-in outlet failed", error, outlet=outlet.code)
            failed += 1
            continue
        told += done
        failed += lost
    if failed:
        count("CashOverdueFailures")
    logger.info("cash hand-in warnings", extra={"told": told, "failed": failed})
    return {"told": told, "failed": failed}


def handle(event: object = None, context: object | None = None) -> dict:
    """The scheduled entry (delivered at least once: a rerun tells nobody again)."""
    logger.set_correlation_id(getattr(context, "aws_request_id", None)
                              or kernel_keys.new_id("cashjob"))
    try:
        return run()
    finally:
        flush()
