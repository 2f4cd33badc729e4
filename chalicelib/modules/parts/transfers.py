"""Transfers between two outlets' warehouses (调拨单): requested by the sending outlet's keeper
(or head office), sent by that keeper (stock leaves: on hand → in transit out; the receiver
sees it coming: in transit in), received by the receiving outlet's keeper (on hand there;
in transit cleared at both), or cancelled before it is sent. Each step is one transaction of
the stock engine (parts/ledger.py) with the transfer at the version the user saw; the
transfer's history is its audit trail. Both outlets' keepers and managers and head office see
it; anyone else gets 404."""

from __future__ import annotations

from chalicelib.kernel import registry
from chalicelib.kernel.access import outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import Forbidden, InvalidTransition, NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.observability import count
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import one_page
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import public as directory
from chalicelib.modules.parts import history, ledger
from chalicelib.modules.parts.models import Transfer

WRITE = "parts.transfers.write"  # the keepers' and head office's


class TransferState(InvalidTransition):
    """The transfer is not in the state the action needs (409)."""

    code = "transfer_state"


# ---------------------------------------------------------------- keys and reads

def transfer_pk(transfer_id: str) -> str:
    return f"TRANSFER#{transfer_id}"


def _outgoing(outlet: str) -> str:
    return f"OUTLET#{outlet}#TRANSFERS"


def _get(transfer_id: str) -> Transfer | None:
    try:
        return Transfer.get(transfer_pk(transfer_id), "TRANSFER", consistent_read=True)
    except Transfer.DoesNotExist:
        return None


def _sees(actor: Actor, transfer: Transfer) -> bool:
    return sees_all_outlets(actor) or actor.outlet in (transfer.from_outlet, transfer.to_outlet)


def _visible(actor: Actor, transfer_id: str) -> Transfer:
    transfer = _get(transfer_id)
    if transfer is None or not _sees(actor, transfer):
        raise NotFound()
    return transfer


# ---------------------------------------------------------------- who may do what

def _may(actor: Actor, transfer: Transfer, action: str) -> bool:
    """Whether the actor's role and outlet allow the action on this transfer (its state aside)."""
    if action == "send":
        return history.holds(actor, WRITE, transfer.from_outlet)
    if action == "receive":
        return history.holds(actor, WRITE, transfer.to_outlet)
    if action == "cancel":
        return (actor.username == transfer.created_by
                or history.holds(actor, WRITE, transfer.from_outlet)
                or (sees_all_outlets(actor) and registry.permitted(actor.role, WRITE)))
    return False


STATE_OF = {"send": "requested", "receive": "in_transit", "cancel": "requested"}
NEXT = {"send": "in_transit", "receive": "received", "cancel": "cancelled"}


def allowed_actions(actor: Actor, transfer: Transfer) -> list[str]:
    return [a for a in ("send", "receive", "cancel")
            if transfer.state == STATE_OF[a] and _may(actor, transfer, a)]


def view(actor: Actor, transfer: Transfer) -> dict:
    return {"id": transfer.id, "from_outlet": transfer.from_outlet,
            "to_outlet": transfer.to_outlet, "state": transfer.state,
            "lines": [{"code": line["code"], "name": line["name"], "unit": line.get("unit"),
                       "quantity": int(line["quantity"])} for line in transfer.lines or []],
            "note": transfer.note,
            "history": history.history_view(transfer.history),
            "created_by": transfer.created_by, "version": int(transfer.version or 0),
            "created_at": transfer.created_at, "updated_at": transfer.updated_at,
            "allowed_actions": allowed_actions(actor, transfer)}


# ---------------------------------------------------------------- create

def _warehouse(name: str, code: str) -> None:
    outlet = directory.outlet(code)
    if outlet is None or outlet.is_head_office:
        raise ValidationFailed(fields={name: ("unknown_outlet", {})})


def create(actor: Actor, body: dict) -> dict:
    """A transfer of catalogue parts from one outlet's warehouse to another's (state
    requested). The sending outlet's keeper or head office; stock moves only when it is sent."""
    source, target = body["from_outlet"], body["to_outlet"]
    if not sees_all_outlets(actor) and not history.holds(actor, WRITE, source):
        raise Forbidden(fields={"from_outlet": ("not_your_outlet", {})})
    _warehouse("from_outlet", source)
    if target == source:
        raise ValidationFailed(fields={"to_outlet": ("same_outlet", {})})
    _warehouse("to_outlet", target)
    codes = [line["code"].strip().upper() for line in body["lines"]]
    problems = {}
    for i, code in enumerate(codes):
        if code in codes[:i]:
            problems[f"lines.{i}.code"] = ("duplicate", {})
    if problems:
        raise ValidationFailed(fields=problems)
    parts = ledger.get_parts(codes)
    for i, code in enumerate(codes):
        part = parts.get(code)
        if part is None:
            problems[f"lines.{i}.code"] = ("unknown_part", {"code": code})
        elif not part.active:
            problems[f"lines.{i}.code"] = ("inactive_part", {"code": code})
    if problems:
        raise ValidationFailed(fields=problems)
    now = keys.iso(keys.utc_now())
    transfer_id = keys.new_id("tr")
    note = history.note_text(body.get("note"))
    transfer = Transfer(
        transfer_pk(transfer_id), "TRANSFER", id=transfer_id, from_outlet=source,
        to_outlet=target, state="requested",
        lines=[{"code": c, "name": parts[c].name, "unit": parts[c].unit,
                "quantity": int(line["quantity"])} for c, line in zip(codes, body["lines"], strict=True)],
        note=note, history=[history.entry(actor, "create", now, note)], created_by=actor.username,
        created_at=now, updated_at=now)
    transfer.gsi1pk, transfer.gsi1sk = _outgoing(source), f"{now}#{transfer_id}"
    transfer.gsi2pk, transfer.gsi2sk = _outgoing(target), f"{now}#{transfer_id}"
    transfer.save(condition=Transfer.pk.does_not_exist())
    count("PartsTransferCreated")
    return view(actor, transfer)


# ---------------------------------------------------------------- read

def detail(actor: Actor, transfer_id: str) -> dict:
    return view(actor, _visible(actor, transfer_id))


def list_transfers(actor: Actor, params: dict) -> dict:
    """An outlet's transfers out (gsi1) or in (gsi2), newest first, one query per page."""
    outlet = outlet_scope(actor, params.get("outlet"))
    direction = params.get("direction") or "out"
    if direction not in ("out", "in"):
        raise ValidationFailed(fields={"direction": ("invalid", {})})
    limit = limit_of(params)
    index = Item.gsi1 if direction == "out" else Item.gsi2

    def read(start):
        return one_page(index.query(_outgoing(outlet), scan_index_forward=False, limit=limit,
                                    page_size=limit, last_evaluated_key=start), Transfer)

    return read_page("parts_transfers", actor, params, read, lambda t: view(actor, t))


# ---------------------------------------------------------------- actions

def _moves(transfer: Transfer, action: str, note: str | None) -> list[ledger.Move]:
    moves = []
    refs = {"transfer_id": transfer.id, "note": note}
    for line in transfer.lines:
        code, q = line["code"], int(line["quantity"])
        if action == "send":
            moves.append(ledger.Move(transfer.from_outlet, code, "send",
                                     {"on_hand": -q, "in_transit_out": q}, q, refs))
            moves.append(ledger.Move(transfer.to_outlet, code, "announce",
                                     {"in_transit_in": q}, q, refs))
        else:
            moves.append(ledger.Move(transfer.to_outlet, code, "arrive",
                                     {"on_hand": q, "in_transit_in": -q}, q, refs))
            moves.append(ledger.Move(transfer.from_outlet, code, "delivered",
                                     {"in_transit_out": -q}, q, refs))
    return moves


def act(actor: Actor, transfer_id: str, action: str, body: dict) -> dict:
    """send | receive | cancel at the version the user saw (see the module's docstring)."""
    transfer = _visible(actor, transfer_id)
    if not _may(actor, transfer, action):
        raise Forbidden()
    if transfer.state != STATE_OF[action]:
        raise TransferState()
    if int(body["version"]) != int(transfer.version or 0):
        raise StaleVersion()
    note = history.note_text(body.get("note"))
    now = keys.iso(keys.utc_now())
    change, trail = history.step(Transfer, transfer, actor, action, NEXT[action], note, now)
    if action == "cancel":
        history.save_step(transfer, change)
    else:
        ledger.commit(actor, _moves(transfer, action, note), [ledger.Update(transfer, change)])
        transfer.state, transfer.history, transfer.updated_at = NEXT[action], trail, now
    count(f"PartsTransfer{action.capitalize()}")
    return view(actor, transfer)
