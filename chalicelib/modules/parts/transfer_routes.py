"""Transfers between outlet warehouses (调拨单): request, send, receive, cancel; the lists of an
outlet's transfers out and in."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.parts.transfer_schemas import ACTION_BODY, TRANSFER_BODY

transfers = lazy("chalicelib.modules.parts.transfers")
bp = Blueprint(__name__)


@endpoint(bp, "/api/parts/transfers", "POST", summary="Request a transfer of parts from one "
          "outlet's warehouse to another's (the sending outlet's keeper, or head office); "
          "stock moves when it is sent", response="Transfer", status=201, body=TRANSFER_BODY,
          errors=(400, 401, 403), permission="parts.transfers.write")
def create_transfer():
    return reply(transfers.create(actor(), json_body()), 201)


@endpoint(bp, "/api/parts/transfers", "GET", summary="An outlet's transfers out (direction=out) "
          "or in (direction=in), newest first", response="TransferPage",
          query=("outlet", "direction", "limit", "cursor"), errors=(400, 401, 403, 404),
          permission="parts.transfers.read")
def list_transfers():
    return reply(transfers.list_transfers(actor(), query()))


@endpoint(bp, "/api/parts/transfers/{transfer_id}", "GET", summary="A transfer with its lines "
          "and history (both outlets and head office)", response="Transfer",
          errors=(401, 403, 404), permission="parts.transfers.read")
def get_transfer(transfer_id):
    return reply(transfers.detail(actor(), transfer_id))


@endpoint(bp, "/api/parts/transfers/{transfer_id}/actions/send", "POST", summary="Send the "
          "transfer (the sending outlet's keeper): on hand → in transit out there, in transit "
          "in at the receiver, in one transaction; 409 insufficient_stock when short",
          response="Transfer", body=ACTION_BODY, errors=(400, 401, 403, 404, 409),
          permission="parts.transfers.write")
def send_transfer(transfer_id):
    return reply(transfers.act(actor(), transfer_id, "send", json_body()))


@endpoint(bp, "/api/parts/transfers/{transfer_id}/actions/receive", "POST", summary="Receive "
          "the transfer (the receiving outlet's keeper): on hand there, in transit cleared at "
          "both outlets, in one transaction", response="Transfer", body=ACTION_BODY,
          errors=(400, 401, 403, 404, 409), permission="parts.transfers.write")
def receive_transfer(transfer_id):
    return reply(transfers.act(actor(), transfer_id, "receive", json_body()))


@endpoint(bp, "/api/parts/transfers/{transfer_id}/actions/cancel", "POST", summary="Cancel a "
          "transfer not sent yet (its creator, the sending keeper or head office)",
          response="Transfer", body=ACTION_BODY, errors=(400, 401, 403, 404, 409),
          permission="parts.transfers.write")
def cancel_transfer(transfer_id):
    return reply(transfers.act(actor(), transfer_id, "cancel", json_body()))
