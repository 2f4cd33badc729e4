"""Requisitions (配件领用申请) on work orders: request, the queues, each action at the version
seen; and a manager's audited exception for a part the completion may name unissued."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.parts.requisition_schemas import ACTION_BODY, CREATE_BODY, EXCEPTION_BODY

requisitions = lazy("chalicelib.modules.parts.requisitions")
order_hooks = lazy("chalicelib.modules.parts.order_hooks")
bp = Blueprint(__name__)


@endpoint(bp, "/api/parts/requisitions", "POST", status=201,
          summary="Request parts for an open work order (见单发料: 400 order_id order_not_open "
                  "without one); lines at or above the policy's amount, or expensive parts, "
                  "also need head office after the manager",
          response="Requisition", body=CREATE_BODY, errors=(400, 401, 403, 409),
          permission="parts.requisitions.create")
def create_requisition():
    return reply(requisitions.create(actor(), json_body()), 201)


@endpoint(bp, "/api/parts/requisitions", "GET",
          summary="A queue of requisitions, oldest first: to approve (the outlet's manager), "
                  "head office's, to issue and to return (the keeper's)",
          response="RequisitionPage", query=("queue", "outlet", "limit", "cursor"),
          required=("queue",), errors=(400, 401, 403, 404),
          permission="parts.requisitions.queues")
def requisition_queue():
    return reply(requisitions.queue(actor(), query()))


@endpoint(bp, "/api/work-orders/{order_id}/requisitions/{requisition_id}/actions/"
              "{requisition_action}", "POST",
          summary="Approve, reject, issue, receive, return or cancel a requisition at the "
                  "version seen; each writes the order's timeline (an issue: stock, ledger, "
                  "requisition and event in one transaction)",
          response="Requisition", body=ACTION_BODY, errors=(400, 401, 403, 404, 409),
          permission="parts.requisitions.read")
def requisition_action(order_id, requisition_id, requisition_action):
    return reply(requisitions.act(actor(), order_id, requisition_id, requisition_action,
                                  json_body()))


@endpoint(bp, "/api/work-orders/{order_id}/parts-exceptions", "POST", status=201,
          summary="A manager allows the completion to name a part not issued to the order "
                  "(audited on the order's timeline)",
          response="PartsException", body=EXCEPTION_BODY, errors=(400, 401, 403, 404, 409),
          permission="parts.exceptions.write")
def parts_exception(order_id):
    return reply(order_hooks.add_exception(actor(), order_id, json_body()), 201)
