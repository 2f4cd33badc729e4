"""Requisitions (配件领用申请) on a work order: requested against an open order (见单发料),
approved by the manager (and head office for an expensive line; approval reserves the stock),
issued by the outlet's keeper (one transaction: the stock line on its sequence, its ledger
entry, the requisition on the version seen and the order's timeline event), received by the
technician, returned unused (back into stock) or faulty (the defective bin), cancelled or
rejected (the reservation released). The rules are domain/requisitions.py.

Keys: ORDER#<order> / PARTREQ#<id>, in the order's collection (the order page reads it in its
one query); gsi1 OUTLET#<o>#PARTREQ#<state> / <created_at>#<id> (the queues), gsi2 PARTREQ#HQ /
<created_at>#<id> while head office must approve, gsi4 PARTSDUE / <return_due_at>#<id> while
parts are outstanding after completion and nobody was told yet (parts/overdue.py).
"""

from __future__ import annotations

from chalicelib.kernel import registry
from chalicelib.kernel.access import outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import (
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    ValidationFailed,
)
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import base as store_base
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import one_page
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import public as directory
from chalicelib.modules.orders import public as orders
from chalicelib.modules.parts import ledger
from chalicelib.modules.parts.catalogue import sees_cost
from chalicelib.modules.parts.domain import requisitions as rules
from chalicelib.modules.parts.domain.catalogue import normal_code
from chalicelib.modules.parts.errors import OwnRequisition, PartUsed, RequisitionNotApproved
from chalicelib.modules.parts.keys import PARTS_DUE
from chalicelib.modules.parts.models import Part, Requisition
from chalicelib.modules.parts.policy import parts_policy

SK_PREFIX = "PARTREQ#"
HQ_QUEUE = "PARTREQ#HQ"
DUE = PARTS_DUE
QUEUE_STATES = {"to_approve": "submitted", "to_issue": "approved", "to_return": "issued"}


# ---------------------------------------------------------------- keys and views

def queue_pk(outlet: str, state: str) -> str:
    return f"OUTLET#{outlet}#PARTREQ#{state}"


def index(req: Requisition) -> None:
    """The requisition's keys and index entries, as its state and dates are now."""
    req.pk, req.sk = keys.order_pk(req.order_id), f"{SK_PREFIX}{req.id}"
    order_key = f"{req.created_at}#{req.id}"
    req.gsi1pk, req.gsi1sk = queue_pk(req.outlet, req.state), order_key
    if req.state == "awaiting_head_office":
        req.gsi2pk, req.gsi2sk = HQ_QUEUE, order_key
    else:
        req.gsi2pk = req.gsi2sk = None
    if (req.completed_at and req.return_due_at and not req.flagged_at
            and rules.any_outstanding(req.lines or [])):
        req.gsi4pk, req.gsi4sk = DUE, f"{req.return_due_at}#{req.id}"
    else:
        req.gsi4pk = req.gsi4sk = None


def _line_view(line: dict, cost: bool) -> dict:
    return {"code": line["code"], "name": line["name"], "unit": line.get("unit"),
            "quantity": int(line["quantity"]), "component": line.get("component"),
            "list_price_fen": int(line["list_price_fen"]),
            "cost_fen": int(line["cost_fen"]) if cost else None,
            "amount_fen": int(line["amount_fen"]), "expensive": bool(line.get("expensive")),
            **{k: int(line.get(k) or 0) for k in rules.COUNTS},
            "outstanding": rules.outstanding(line)}


def permissions_of(actor: Actor) -> dict[str, bool]:
    return {action: registry.permitted(actor.role, key)
            for action, key in rules.PERMISSION.items()}


def view(req: Requisition, actor: Actor | None = None, assignees: set[str] | None = None) -> dict:
    allowed: list[str] = []
    if actor is not None:
        reader = rules.Reader(actor.username, actor.role,
                              frozenset(assignees) if assignees is not None else None)
        allowed = rules.allowed_actions(req.state, list(req.lines or []), req.requested_by,
                                        reader, permissions_of(actor))
    return {"id": req.id, "order_id": req.order_id, "order_number": req.order_number,
            "outlet": req.outlet, "state": req.state,
            "lines": [_line_view(line, sees_cost(actor)) for line in req.lines or []],
            "needs_head_office": bool(req.needs_head_office),
            "approval_reasons": list(req.approval_reasons or []),
            "requested_by": req.requested_by, "requested_by_name": req.requested_by_name,
            "note": req.note, "approvals": list(req.approvals or []),
            "rejection": req.rejection, "received_at": req.received_at,
            "completed_at": req.completed_at, "return_due_at": req.return_due_at,
            "flagged_at": req.flagged_at, "version": int(req.version or 0),
            "created_at": req.created_at, "updated_at": req.updated_at,
            "allowed_actions": allowed}


# ---------------------------------------------------------------- writes

def order_event(actor: Actor | None, order, action: str, data: dict, at: str):
    """A timeline event of the order for the parts' step (the order stays where it is)."""
    return orders.step_entry(actor, order, action, data, at)


def transact(entries: list) -> None:
    """The requisition (on its version: PynamoDB's condition) and what goes with it, at once;
    a condition failing is the user's stale version."""
    try:
        store_base.transact(entries)
    except VersionConflict:
        raise StaleVersion() from None


def _event_lines(lines: list[dict]) -> list[dict]:
    return [{"code": line["code"], "name": line["name"], "quantity": int(line["quantity"]),
             **({"condition": line["condition"]} if line.get("condition") else {})}
            for line in lines]


def _refs(order, req: Requisition) -> dict:
    return {"order_id": order.id, "order_number": order.number, "requisition_id": req.id}


# ---------------------------------------------------------------- create

def may_request(actor: Actor, order) -> bool:
    """见单发料: parts are requested on an open order the requester may see, by one of its
    technicians, support or its manager."""
    return (registry.permitted(actor.role, "parts.requisitions.create")
            and orders.may_read_order(actor, order)
            and order.state not in rules.CLOSED_ORDER_STATES
            and (actor.role != "technician" or actor.username in orders.assignees(order)))


def _open_order(actor: Actor, order_id: str):
    """The order to request parts on (400 `order_not_open` when there is none to the caller)."""
    found = orders.get_order(order_id)
    if found is None or not may_request(actor, found):
        raise ValidationFailed(fields={"order_id": ("order_not_open", {})})
    return found


def _catalogue(codes: list[str]) -> dict[str, Part]:
    return ledger.get_parts(codes)


def create(actor: Actor, body: dict) -> dict:
    order = _open_order(actor, body["order_id"])
    codes, problems = [], {}
    for i, line in enumerate(body["lines"]):
        code = normal_code(line["code"])
        if code is None:
            problems[f"lines.{i}.code"] = ("pattern", {})
        elif code in codes:
            problems[f"lines.{i}.code"] = ("duplicate", {})
        codes.append(code)
    if problems:
        raise ValidationFailed(fields=problems)
    parts = _catalogue(codes)
    lines = []
    for i, (code, line) in enumerate(zip(codes, body["lines"], strict=True)):
        part = parts.get(code)
        if part is None or not part.active:
            problems[f"lines.{i}.code"] = ("unknown_part", {"code": code})
            continue
        lines.append(rules.new_line(
            {"code": code, "name": part.name, "unit": part.unit,
             "list_price_fen": part.list_price_fen, "cost_fen": part.cost_fen,
             "expensive": part.expensive}, line["quantity"], line.get("component")))
    if problems:
        raise ValidationFailed(fields=problems)
    reasons = rules.approval_reasons(lines, parts_policy(order.outlet)["expensive_line_fen"])
    at = keys.iso(keys.utc_now())
    req = Requisition(
        id=keys.new_id("pr"), order_id=order.id, order_number=order.number,
        outlet=order.outlet, state="submitted", lines=lines, needs_head_office=bool(reasons),
        approval_reasons=reasons, requested_by=actor.username,
        requested_by_name=directory.actor_name(actor), note=body.get("note"), approvals=[],
        created_at=at, updated_at=at)
    index(req)
    transact([(req, None), order_event(actor, order, "parts_requested", {
        "requisition_id": req.id, "lines": _event_lines(lines),
        "needs_head_office": bool(reasons)}, at)])
    return view(req, actor, orders.assignees(order))


# ---------------------------------------------------------------- queues

def queue(actor: Actor, params: dict) -> dict:
    """One page of a queue: to approve (the manager's), head office's, to issue and to return
    (the keeper's), oldest first; one query per page."""
    name = params.get("queue")
    if name not in rules.QUEUES:
        raise ValidationFailed(fields={"queue": ("enum", {"choices": ", ".join(rules.QUEUES)})})
    limit = limit_of(params)
    if name == "head_office":
        if not sees_all_outlets(actor):
            raise Forbidden()

        def read(start):
            return one_page(Item.gsi2.query(HQ_QUEUE, limit=limit, page_size=limit,
                                             last_evaluated_key=start), Requisition)
    else:
        outlet = outlet_scope(actor, params.get("outlet"))
        partition = queue_pk(outlet, QUEUE_STATES[name])

        def read(start):
            return one_page(Item.gsi1.query(partition, limit=limit, page_size=limit,
                                             last_evaluated_key=start), Requisition)

    return read_page("requisitions", actor, params, read, lambda req: view(req, actor))


# ---------------------------------------------------------------- actions

def _found(actor: Actor, order_id: str, requisition_id: str):
    found = orders.get_order_with_items(order_id)
    if found is None:
        raise NotFound()
    orders.ensure_order_readable(actor, found.order)
    req = next((r for r in found.items.of(Requisition) if r.id == requisition_id), None)
    if req is None:
        raise NotFound()
    return found.order, req


def act(actor: Actor, order_id: str, requisition_id: str, action: str, body: dict) -> dict:
    order, req = _found(actor, order_id, requisition_id)
    people = orders.assignees(order)
    who = rules.Reader(actor.username, actor.role, frozenset(people))
    try:
        rules.check(action, req.state, list(req.lines or []), req.requested_by, who,
                    permissions_of(actor).get(action, False))
    except rules.NotYours as refusal:
        raise OwnRequisition() if refusal.code == "own_requisition" else Forbidden() from None
    except rules.Refused as refusal:
        if refusal.code == "requisition_not_approved":
            raise RequisitionNotApproved() from None
        raise InvalidTransition(state=req.state, action=action) from None
    if body["version"] != int(req.version or 0):
        raise StaleVersion()
    at = keys.iso(keys.utc_now())
    req.updated_at = at
    ACTIONS[action](actor, order, req, body, at)
    return view(req, actor, people)


def _reserve_moves(order, req: Requisition, movement: str, sign: int) -> list[ledger.Move]:
    """Reserve (+) or release (−) what is approved and not yet issued."""
    return [ledger.Move(req.outlet, line["code"], movement, {"reserved": sign * left}, left,
                        _refs(order, req))
            for line in req.lines or [] if (left := rules.to_issue(line)) > 0]


def _commit(actor: Actor, order, req: Requisition, moves: list[ledger.Move], event: str,
            data: dict, at: str) -> None:
    """The requisition and its order event, with the stock movements when there are any."""
    index(req)
    extra = [(req, None), order_event(actor, order, event, {"requisition_id": req.id, **data}, at)]
    if moves:
        ledger.commit(actor, moves, extra)  # its transaction bumps the version read
    else:
        transact(extra)


def _approve(actor: Actor, order, req: Requisition, body: dict, at: str) -> None:
    step = "head_office" if req.state == "awaiting_head_office" else "manager"
    req.approvals = [*(req.approvals or []), {"step": step, "by": actor.username,
                                              "by_name": directory.actor_name(actor), "at": at,
                                              "note": body.get("note")}]
    if step == "manager" and req.needs_head_office:
        req.state = "awaiting_head_office"
        _commit(actor, order, req, [], "parts_approved",
                {"step": step, "to": req.state, "note": body.get("note")}, at)
        return
    req.state = "approved"
    _commit(actor, order, req, _reserve_moves(order, req, "reserve", 1), "parts_approved",
            {"step": step, "to": req.state, "note": body.get("note"),
             "lines": _event_lines(req.lines or [])}, at)


def _reject(actor: Actor, order, req: Requisition, body: dict, at: str) -> None:
    reason = body.get("reason")
    if not reason:
        raise ValidationFailed(fields={"reason": ("required", {})})
    moves = _reserve_moves(order, req, "release", -1) if req.state == "approved" else []
    req.state = "rejected"
    req.rejection = {"by": actor.username, "by_name": directory.actor_name(actor), "at": at,
                     "reason": reason}
    _commit(actor, order, req, moves, "parts_rejected", {"reason": reason}, at)


def _cancel(actor: Actor, order, req: Requisition, body: dict, at: str) -> None:
    """Cancel what is not issued yet: before anything is issued the whole requisition, after a
    partial issue the rest (its reservation released, the lines' `released`)."""
    moves = _reserve_moves(order, req, "release", -1) if req.state == "approved" else []
    released = []
    for line in req.lines or []:
        left = rules.to_issue(line)
        if left and req.state == "approved":
            line["released"] = int(line.get("released") or 0) + left
            released.append({**line, "quantity": left})
    req.lines = list(req.lines or [])
    req.state = rules.state_after_cancel(req.lines)
    _commit(actor, order, req, moves, "parts_cancelled",
            {"note": body.get("note"), "lines": _event_lines(released)}, at)


def _wanted(req: Requisition, body: dict, open_of, refusal) -> list[tuple[dict, dict]]:
    """The (requisition line, body line) pairs an issue or return names; 400 naming a code
    that is not on the requisition or given twice; `refusal(i, line, open)` for a quantity
    above what is open."""
    by_code = {line["code"]: line for line in req.lines or []}
    pairs, seen, problems = [], set(), {}
    for i, asked in enumerate(body["lines"]):
        code = normal_code(asked["code"])
        line = by_code.get(code)
        if line is None:
            problems[f"lines.{i}.code"] = ("not_on_requisition", {})
        elif code in seen:
            problems[f"lines.{i}.code"] = ("duplicate", {})
        else:
            seen.add(code)
            pairs.append((line, {**asked, "code": code}))
    if problems:
        raise ValidationFailed(fields=problems)
    for i, (line, asked) in enumerate(pairs):
        if asked["quantity"] > open_of(line):
            refusal(i, line, open_of(line))
    return pairs


def _issue(actor: Actor, order, req: Requisition, body: dict, at: str) -> None:
    if order.state in rules.CLOSED_ORDER_STATES:
        raise InvalidTransition(state=order.state, action="issue")
    if body.get("lines"):
        def too_many(i, line, left):
            raise ValidationFailed(fields={f"lines.{i}.quantity": ("requisition_exceeds",
                                                                   {"max": left})})

        pairs = _wanted(req, body, rules.to_issue, too_many)
    else:
        pairs = [(line, {"code": line["code"], "quantity": rules.to_issue(line)})
                 for line in req.lines or [] if rules.to_issue(line) > 0]
    if not pairs:
        raise ValidationFailed(fields={"lines": ("required", {})})
    moves = []
    for line, asked in pairs:
        q = int(asked["quantity"])
        line["issued"] = int(line.get("issued") or 0) + q
        moves.append(ledger.Move(req.outlet, line["code"], "issue",
                                 {"on_hand": -q, "reserved": -q}, q, _refs(order, req)))
    req.lines = list(req.lines)
    req.state = rules.state_after_issue(req.lines)
    issued = [{**line, "quantity": int(asked["quantity"])} for line, asked in pairs]
    _commit(actor, order, req, moves, "parts_issued", {"lines": _event_lines(issued)}, at)


def _receive(actor: Actor, order, req: Requisition, body: dict, at: str) -> None:
    got = []
    for line in req.lines or []:
        new = int(line.get("issued") or 0) - int(line.get("received") or 0)
        if new > 0:
            got.append({**line, "quantity": new})
            line["received"] = int(line.get("issued") or 0)
    req.lines = list(req.lines)
    req.received_at = at
    _commit(actor, order, req, [], "parts_received", {"lines": _event_lines(got)}, at)


def _return(actor: Actor, order, req: Requisition, body: dict, at: str) -> None:
    if not body.get("lines"):
        raise ValidationFailed(fields={"lines": ("required", {})})

    def used(i, line, left):
        raise PartUsed(fields={f"lines.{i}.quantity": ("part_used", {"max": left})})

    pairs = _wanted(req, body, rules.outstanding, used)
    problems = {f"lines.{i}.condition": ("condition_required", {})
                for i, (_line, asked) in enumerate(pairs) if not asked.get("condition")}
    if problems:
        raise ValidationFailed(fields=problems)
    moves, back = [], []
    for line, asked in pairs:
        q, faulty = int(asked["quantity"]), asked["condition"] == "faulty"
        if faulty:
            line["defective"] = int(line.get("defective") or 0) + q
            moves.append(ledger.Move(req.outlet, line["code"], "defective", {"defective": q}, q,
                                     _refs(order, req)))
        else:
            line["returned"] = int(line.get("returned") or 0) + q
            moves.append(ledger.Move(req.outlet, line["code"], "return", {"on_hand": q}, q,
                                     _refs(order, req)))
        back.append({**line, "quantity": q, "condition": asked["condition"]})
    req.lines = list(req.lines)
    req.state = rules.state_after_return(req.state, req.lines, bool(req.completed_at))
    _commit(actor, order, req, moves, "parts_returned", {"lines": _event_lines(back)}, at)


ACTIONS = {"approve": _approve, "reject": _reject, "cancel": _cancel, "issue": _issue,
           "receive": _receive, "return": _return}
