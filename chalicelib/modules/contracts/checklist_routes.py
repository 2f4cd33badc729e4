"""The inspection checklist on the phone (contracts/checklists.py): answer an item, open a
repair order from a fault. The checklist itself is read with the order's detail (`checklist`)."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.contracts.checklist_schemas import ANSWER_BODY, REPAIR_BODY

checklists = lazy("chalicelib.modules.contracts.checklists")
bp = Blueprint(__name__)
CHECKLIST = "/api/work-orders/{order_id}/checklist"


@endpoint(bp, CHECKLIST, "PUT",
          summary="Answer one item of an inspection's checklist (ok 正常 / fault 故障 / na 不适用) "
                  "on the checklist's version: a fault needs a note and a photo of this order "
                  "(400 note / photo_id); by the order's technicians, the outlet's manager and "
                  "support; on site only, from the check-in to the completion (409 "
                  "checklist_closed)",
          response="ChecklistReply", body=ANSWER_BODY, errors=(400, 401, 403, 404, 409),
          permission="contracts.checklist")
def answer_checklist(order_id):
    return reply(checklists.answer(actor(), order_id, json_body()))


@endpoint(bp, f"{CHECKLIST}/repair", "POST",
          summary="Open a repair order (维修, channel 巡检发现) from an item answered as a fault: "
                  "the inspection's customer, site and unit, under the inspection's contract "
                  "(a call-out like any repair), linked both ways; 409 not_fault / "
                  "repair_exists",
          response="ChecklistRepairReply", status=201, body=REPAIR_BODY,
          errors=(400, 401, 403, 404, 409), idempotent=True, permission="contracts.checklist")
def open_checklist_repair(order_id):
    result, _created = checklists.open_repair(actor(), order_id, json_body(), idempotency_key())
    return reply(result, 201)
