"""The fees area's charge endpoints: an order's fee sheet (费用明细) and its approval
(docs/fees.md "Fee lines")."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.fees.charge_schemas import APPROVE_BODY, SHEET_BODY

charges = lazy("chalicelib.modules.fees.charges")
bp = Blueprint(__name__)


@endpoint(bp, "/api/work-orders/{order_id}/fees", "GET",
          summary="The order's fee lines (费用明细): per line the charge to the customer (0 where "
                  "warranty or contract covers it) and the internal cost (null for who may not "
                  "see costs), the totals, what is paid and outstanding; before anyone saved "
                  "them, built from the confirmed quote and the parts used (state draft)",
          response="FeeSheet", errors=(401, 403, 404), permission="fees.read")
def read_fees(order_id):
    return reply(charges.read(actor(), order_id))


@endpoint(bp, "/api/work-orders/{order_id}/fees", "PUT", body=SHEET_BODY,
          summary="Replace the order's fee lines on the version seen: the server prices every "
                  "line (no client amount or total is accepted); a line that differs from the "
                  "confirmed quote needs a reason (400 lines.<i>.reason); a line above 2× the "
                  "list, below it or waived waits for a manager (pending_approval); settled "
                  "fees: 409 fees_final",
          response="FeeSheet", errors=(400, 401, 403, 404, 409), permission="fees.write")
def replace_fees(order_id):
    return reply(charges.replace(actor(), order_id, json_body()))


@endpoint(bp, "/api/work-orders/{order_id}/fees/approve", "POST", body=APPROVE_BODY,
          summary="A manager approves the fee lines that wait for it (above 2× the list, a "
                  "discount, a waiver), on the version seen (409 fees_not_pending otherwise)",
          response="FeeSheet", errors=(400, 401, 403, 404, 409), permission="fees.approve")
def approve_fees(order_id):
    return reply(charges.approve(actor(), order_id, json_body()))
