"""The fees area's payment endpoints: payments (收款) on an order and their hand-in to finance
(docs/fees.md "Payments")."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.fees.payment_schemas import HAND_IN_BODY, PAYMENT_BODY

payments = lazy("chalicelib.modules.fees.payments")
bp = Blueprint(__name__)


@endpoint(bp, "/api/work-orders/{order_id}/payments", "GET",
          summary="The order's payments, oldest first, and what is paid in all",
          response="PaymentList", errors=(401, 403, 404), permission="fees.read")
def list_payments(order_id):
    return reply(payments.listing(actor(), order_id))


@endpoint(bp, "/api/work-orders/{order_id}/payments", "POST", status=201, body=PAYMENT_BODY,
          summary="Record a payment collected on the order (收款: amount in fen, method, the "
                  "transfer's or wallet's reference, the receipt number — required for cash —, "
                  "when); cash is due with finance within 3 days",
          response="Payment", errors=(400, 401, 403, 404, 409), idempotent=True,
          permission="fees.payments.write")
def record_payment(order_id):
    return reply(payments.record(actor(), order_id, json_body(), idempotency_key()), 201)


@endpoint(bp, "/api/work-orders/{order_id}/payments/{payment_id}/hand-in", "POST",
          body=HAND_IN_BODY,
          summary="Cash handed in to finance (交财务), on the version seen (409 "
                  "payment_handed_in the second time, payment_not_cash for any other method)",
          response="Payment", errors=(400, 401, 403, 404, 409),
          permission="fees.payments.hand_in")
def hand_in_payment(order_id, payment_id):
    return reply(payments.hand_in(actor(), order_id, payment_id, json_body()))
