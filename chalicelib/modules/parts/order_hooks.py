"""The parts' part of a work order's lifecycle, registered as the order's hooks (the orders area
knows none of it):

- `complete`: every line of `parts_replaced` naming a part (its code, the name of a part issued
  to the order, or the exact name of a catalogue part) must be within what was issued to the
  order (issued less returned, over its requisitions), else 409 `part_not_issued` naming the
  line, unless a manager's parts exception covers it. When the order has parts, the server
  writes `parts_replaced` from them ({name, code, quantity}), sets `used` on the requisition
  lines (oldest requisition first), the return due date of what is outstanding (policy
  `parts.unreturned_days`) and a `parts_used` event, in the action's transaction.
- `cancel`: refused (409 `parts_outstanding`) while a requisition holds a reservation or parts
  are out; requisitions still waiting for approval are cancelled with the order.
- the order's detail gains `parts` (requisitions with the reader's actions, per part what the
  order holds and used, priced by coverage, its cost, the exceptions), from its collection.
- a manager's parts exception (POST /api/work-orders/{id}/parts-exceptions), audited.
"""

from __future__ import annotations

from datetime import timedelta

from chalicelib.kernel import hooks
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import InvalidTransition, NotFound
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import public as directory
from chalicelib.modules.orders import public as orders
from chalicelib.modules.parts import ledger
from chalicelib.modules.parts import requisitions as usecases
from chalicelib.modules.parts.catalogue import sees_cost
from chalicelib.modules.parts.domain import requisitions as rules
from chalicelib.modules.parts.domain.catalogue import name_key, normal_code
from chalicelib.modules.parts.errors import PartNotIssued
from chalicelib.modules.parts.keys import PARTS_BY_NAME
from chalicelib.modules.parts.models import Part, PartsException, Requisition
from chalicelib.modules.parts.policy import parts_policy
from chalicelib.modules.warranty import public as warranty

AREA = "parts"
SCRATCH = "parts.completion"


class PartsOutstanding(InvalidTransition):
    """An order cancelled while parts are reserved or out (409)."""

    code = "parts_outstanding"


# ---------------------------------------------------------------- what the order holds

def _requisitions(collection) -> list[Requisition]:
    return sorted(collection.of(Requisition), key=lambda r: (r.created_at, r.id))


def _holdings(reqs: list[Requisition]) -> dict[str, dict]:
    """Per part code: its name and what the order holds (issued less returned or faulty)."""
    held: dict[str, dict] = {}
    for req in reqs:
        for line in req.lines or []:
            entry = held.setdefault(line["code"], {"name": line["name"], "held": 0,
                                                   "issued": 0})
            entry["held"] += rules.net_issued(line)
            entry["issued"] += int(line.get("issued") or 0)
    return {code: entry for code, entry in held.items() if entry["issued"] > 0}


def _catalogue_by_name(name: str) -> Part | None:
    """The catalogue's part of exactly this name (its name key), one query."""
    key = name_key(name)
    if not key:
        return None
    for found in Item.gsi2.query(PARTS_BY_NAME, Item.gsi2sk.startswith(f"{key}#"), limit=1):
        if isinstance(found, Part):
            return found
    return None


def _allowance(exceptions: list[PartsException], code: str, name: str) -> int:
    key = name_key(name)
    return sum(int(e.quantity) for e in exceptions
               if (e.code and e.code == code) or (not e.code and name_key(e.name) == key))


# ---------------------------------------------------------------- complete

def _check_complete(ctx: hooks.ActionContext) -> None:
    reqs = _requisitions(ctx.collection)
    held = _holdings(reqs)
    by_name = {name_key(entry["name"]): code for code, entry in held.items()}
    exceptions = ctx.collection.of(PartsException)
    coded: dict[str, dict] = {}  # code -> {name, quantity, lines: [index]}
    free: list[dict] = []
    for i, line in enumerate(ctx.data.get("parts_replaced") or []):
        code = normal_code(line.get("code")) if line.get("code") else None
        name = line["name"]
        if code is None:
            code = by_name.get(name_key(name))
        if code is None:
            part = _catalogue_by_name(name)
            if part is not None:
                code, name = part.code, part.name
        if code is None:
            free.append({"name": line["name"], "quantity": int(line["quantity"])})
            continue
        if code in held:
            name = held[code]["name"]
        entry = coded.setdefault(code, {"name": name, "quantity": 0, "lines": []})
        entry["quantity"] += int(line["quantity"])
        entry["lines"].append(i)
    problems = {}
    for code, entry in coded.items():
        have = held.get(code, {}).get("held", 0)
        if entry["quantity"] > have + _allowance(exceptions, code, entry["name"]):
            for i in entry["lines"]:
                problems[f"data.parts_replaced.{i}"] = ("part_not_issued", {
                    "code": code, "name": entry["name"], "issued": have})
    if problems:
        raise PartNotIssued(fields=problems)
    ctx.scratch[SCRATCH] = {"coded": coded, "free": free, "held": held}


def _apply_complete(ctx: hooks.ActionContext) -> hooks.Writes | None:
    noted = ctx.scratch.get(SCRATCH) or {}
    coded, free, held = noted.get("coded") or {}, noted.get("free") or [], noted.get("held") or {}
    if not coded and not held:
        return None  # a legacy order: its free text stays as it is
    order, writes = ctx.subject, hooks.Writes()
    reqs = [r for r in _requisitions(ctx.collection)
            if any(int(line.get("issued") or 0) for line in r.lines or [])]
    wanted = {code: min(entry["quantity"], held.get(code, {}).get("held", 0))
              for code, entry in coded.items()}
    allocated = rules.allocate_used([list(r.lines or []) for r in reqs], wanted)
    days = parts_policy(order.outlet)["unreturned_days"]
    due = keys.iso(ctx.now + timedelta(days=int(days)))
    for req, lines in zip(reqs, allocated, strict=True):
        before = {line["code"]: int(line.get("used") or 0) for line in req.lines or []}
        req.lines = lines
        req.completed_at, req.updated_at = ctx.at, ctx.at
        if rules.any_outstanding(lines):
            req.return_due_at, req.flagged_at = due, None
        else:
            req.return_due_at = None
        req.state = rules.state_after_return(req.state, lines, True)
        usecases.index(req)
        writes.items.append((req, None))  # on the version read with the order
        for line in lines:
            more = int(line["used"]) - before.get(line["code"], 0)
            if more > 0:
                writes.items.append(ledger.record(
                    ctx.actor, req.outlet, line["code"], "use", more,
                    {"order_id": order.id, "order_number": order.number, "requisition_id": req.id},
                    ctx.at, int(line["cost_fen"])))
    used = [{"name": entry["name"], "code": code, "quantity": entry["quantity"]}
            for code, entry in coded.items()]
    replaced = [*used, *free]
    ctx.data["parts_replaced"] = replaced
    completion = dict((order.steps or {}).get("completion") or {})
    completion["parts_replaced"] = replaced
    order.steps = {**(order.steps or {}), "completion": completion}
    if ctx.follow is not None and used:
        writes.items.append(ctx.follow("parts_used", {
            "lines": used, "requisitions": [r.id for r in reqs],
            "outstanding": [{"code": line["code"], "name": line["name"],
                             "quantity": rules.outstanding(line)}
                            for lines in allocated for line in lines
                            if rules.outstanding(line)],
            "return_due_at": due if any(rules.any_outstanding(ls) for ls in allocated)
            else None}, ctx.now + timedelta(milliseconds=1)))
    return writes


# ---------------------------------------------------------------- cancel

def _check_cancel(ctx: hooks.ActionContext) -> None:
    for req in ctx.collection.of(Requisition):
        if req.state == "approved" or rules.any_outstanding(req.lines or []):
            raise PartsOutstanding()


def _apply_cancel(ctx: hooks.ActionContext) -> hooks.Writes | None:
    waiting = [r for r in ctx.collection.of(Requisition) if r.state in rules.BEFORE_APPROVAL]
    if not waiting:
        return None
    writes = hooks.Writes()
    for req in waiting:
        req.state, req.updated_at = "cancelled", ctx.at
        usecases.index(req)
        writes.items.append((req, None))
    ctx.data["parts_cancelled"] = [r.id for r in waiting]
    return writes


# ---------------------------------------------------------------- the order's detail

def priced_lines(order, collection) -> list[dict]:
    """Per part issued to the order: what it holds, used and gave back, its coverage (the
    coverage decision's line of its component, else the order's) and so its charge to the
    customer (0 when free) and its internal cost, from the order's collection."""
    lines: dict[str, dict] = {}
    for req in _requisitions(collection):
        for line in req.lines or []:
            if not int(line.get("issued") or 0):
                continue
            entry = lines.get(line["code"])
            if entry is None:
                coverage, free = warranty.part_coverage(collection, line.get("component"),
                                                        order.coverage)
                entry = lines[line["code"]] = {
                    "code": line["code"], "name": line["name"], "unit": line.get("unit"),
                    **{k: 0 for k in ("issued", "used", "returned", "defective", "outstanding")},
                    "list_price_fen": int(line["list_price_fen"]),
                    "cost_fen": int(line["cost_fen"]), "coverage": coverage, "free": free,
                    "completed": bool(req.completed_at)}
            for k in ("issued", "used", "returned", "defective"):
                entry[k] += int(line.get(k) or 0)
            entry["outstanding"] += rules.outstanding(line)
    priced = []
    for entry in lines.values():
        # what went into the repair: as recorded at completion, before it what the order holds
        consumed = entry["used"] if entry.pop("completed") else (
            entry["issued"] - entry["returned"] - entry["defective"])
        entry["consumed"] = consumed  # what the fee sheet's part line counts (parts.public)
        entry["unit_charge_fen"] = 0 if entry["free"] else entry["list_price_fen"]
        entry["charge_fen"] = entry["unit_charge_fen"] * consumed
        entry["cost_total_fen"] = entry["cost_fen"] * consumed
        priced.append(entry)
    return priced


def parts_view(actor: Actor, order, collection) -> dict:
    people, cost = orders.assignees(order), sees_cost(actor)
    priced = [{k: (v if cost or not k.startswith("cost_") else None)
               for k, v in line.items() if k not in ("free", "unit_charge_fen", "consumed")}
              for line in priced_lines(order, collection)]
    return {"requisitions": [usecases.view(r, actor, people) for r in _requisitions(collection)],
            "lines": priced,
            "exceptions": [exception_view(e) for e in collection.of(PartsException)],
            "cost_total_fen": sum(e["cost_total_fen"] for e in priced) if cost else None,
            "charge_total_fen": sum(e["charge_fen"] for e in priced),
            "can_request": usecases.may_request(actor, order)}


def _detail(actor: Actor, order, collection) -> dict:
    return {"parts": parts_view(actor, order, collection)}


# ---------------------------------------------------------------- exceptions

def exception_view(item: PartsException) -> dict:
    return {"id": item.id, "order_id": item.order_id, "code": item.code, "name": item.name,
            "quantity": int(item.quantity), "reason": item.reason, "by": item.by,
            "by_name": item.by_name, "at": item.at}


def add_exception(actor: Actor, order_id: str, body: dict) -> dict:
    """A manager's allowance, on the order's timeline (parts_exception) in one transaction."""
    order = orders.get_order(order_id)
    if order is None:
        raise NotFound()
    orders.ensure_order_readable(actor, order)
    if order.state in rules.CLOSED_ORDER_STATES:
        raise InvalidTransition(state=order.state, action="parts_exception")
    code = normal_code(body["code"]) if body.get("code") else None
    at = keys.iso(keys.utc_now())
    item = PartsException(id=keys.new_id("px"), order_id=order.id, code=code,
                          name=body["name"].strip(), quantity=int(body["quantity"]),
                          reason=body["reason"], by=actor.username,
                          by_name=directory.actor_name(actor), at=at)
    item.pk, item.sk = keys.order_pk(order.id), f"PARTEXC#{item.id}"
    usecases.transact([(item, PartsException.pk.does_not_exist()),
                       usecases.order_event(actor, order, "parts_exception", {
                           "exception_id": item.id, "code": code, "name": item.name,
                           "quantity": item.quantity, "reason": item.reason}, at)])
    return exception_view(item)


def register() -> None:
    """Register the order hooks of the parts area."""
    kind = orders.KIND
    hooks.on(kind, ["complete"], area=AREA, check=_check_complete, apply=_apply_complete)
    hooks.on(kind, ["cancel"], area=AREA, check=_check_cancel, apply=_apply_cancel)
    hooks.contribute(kind, area=AREA, detail=_detail)
