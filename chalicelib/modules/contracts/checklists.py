"""The inspection checklist on the phone (巡检项目, 001 §14): a generated inspection order's
CHECKLIST (contracts/inspections.py writes it from the contract's template) answered one item
at a time, a fault opening a linked repair order with one action, the completion refused while
an item is unanswered, and the checklist printed on the 维护登记表 — the service report the
evidence area issues at the customer's acceptance (docs/contracts.md "The checklist on the
phone").

- **Answer** (`answer`): `ok` 正常 / `fault` 故障 / `na` 不适用 on one item, conditioned on the
  checklist's version (409 stale_version), with the order's `checklist_answered` event in the
  same transaction and the order not moved out of the on-site states meanwhile. A fault needs
  a note and a photo of this order (a photo, not a signature; pending or verified — verified
  by the completion). A retry of an answer already saved (same answer, note, photo and person)
  is 200 with the checklist as it stands, whatever version it carries. Who: the
  order's technicians (lead or helper) and the outlet's manager and support; the outlet's
  others 403; another outlet, or a technician not on the job, 404 (the order is not theirs to
  see). When: from the check-in to the completion (ANSWERABLE_STATES;
  else 409 checklist_closed).
- **Repair** (`open_repair`): a fault without a repair opens a work order of type `repair`
  (channel `inspection` 巡检发现) for the inspection's customer, site and unit through the
  orders' own create, by the same people as the answer (the action is the checklist's, not
  the intake's). The contracts area's create hooks put it under the inspection's contract
  (hooks.py `_check_create`: `from_inspection` when the order names no unit; a call-out like any
  repair under the contract) and write, in the repair's one create transaction, the item's
  `repair {order_id, number}` (on the checklist's version), the inspection's `repair_opened`
  event and the Idempotency-Key's record (over the body and the inspection); the repair's create
  event records `from_inspection`. A repair cancelled since frees its fault.
- **Completion gate**: `complete` of an order whose checklist has an unanswered item → 409
  checklist_incomplete with {unanswered, first {area, item, text}}; whose fault's photo is not
  a verified photo of the order (a pending upload that never arrived, rejected) → 409
  checklist_photo_missing with {area, item, text} (the first such fault).
- **维护登记表**: `evidence.public.register_report_section` — the report of an order with a
  checklist is titled 维护登记表 and prints a table per area (item, result, note, the fault's
  repair order) before the signatures.
"""

from __future__ import annotations

import copy
from contextvars import ContextVar
from datetime import date

from chalicelib.kernel import hooks, idempotency
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import (
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    ValidationFailed,
)
from chalicelib.kernel.labels import label
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import Check, transact
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.modules.contracts import keys
from chalicelib.modules.contracts.domain import contracts as rules
from chalicelib.modules.contracts.inspection_models import InspectionChecklist
from chalicelib.modules.contracts.inspections import CHECKLIST_SK
from chalicelib.modules.contracts.models import Contract
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence import public as evidence
from chalicelib.modules.orders import public as orders

AREA = "contracts"
# from the check-in to the completion: the work on site (a rework after the customer objected
# too); on hold, before the visit or once completed the checklist stands as it is
ANSWERABLE_STATES = ("on_site", "surveyed", "plan_submitted", "in_repair", "rework")
# an answered checklist's areas as stored at most (a DynamoDB item holds 400 KB; the template's
# 32 KB of items each with a note of up to 1000 characters could exceed it)
MAX_ANSWERED_BYTES = 350 * 1024
ANSWERERS = ("manager", "support")  # besides the order's own technicians
REPAIR_TYPE, REPAIR_CHANNEL, REPAIR_PRIORITY = "repair", "inspection", "general"
ANSWERED, REPAIR_OPENED = "checklist_answered", "repair_opened"  # the order's timeline
SCRATCH = "contracts.from_inspection"
# what open_repair read and saw (the inspection, its checklist and version, the request's
# Idempotency-Key) for the repair's create hooks, which put the checklist they wrote back
_opening: ContextVar[dict | None] = ContextVar("checklist_opening", default=None)


class ChecklistClosed(InvalidTransition):
    """Answered only on site, before the completion (409)."""

    code = "checklist_closed"


class ChecklistIncomplete(InvalidTransition):
    """The completion of an order whose checklist has an unanswered item (409)."""

    code = "checklist_incomplete"


class ChecklistPhotoMissing(InvalidTransition):
    """The completion of an order whose fault's photo is not a verified photo of it (pending
    and never arrived, rejected or gone) (409)."""

    code = "checklist_photo_missing"


class RepairExists(InvalidTransition):
    code = "repair_exists"


class NotFault(InvalidTransition):
    code = "not_fault"


# ---------------------------------------------------------------- who, what

def may_answer(actor: Actor, order) -> bool:
    """The order's technicians (lead or helper), the outlet's manager and support."""
    if actor.outlet != order.outlet:
        return False
    if actor.role == "technician":
        return actor.username in orders.assignees(order)
    return actor.role in ANSWERERS


def _ensure_may_answer(actor: Actor, order) -> None:
    """Another outlet's order, or a technician's not on the job, is not found (the orders'
    access rule, as the order's detail answers them); the outlet's others may not (403)."""
    orders.ensure_order_readable(actor, order)
    if not may_answer(actor, order):
        raise Forbidden()


def _load(actor: Actor, order_id: str):
    """The order with its collection and its checklist, as the caller may answer it."""
    found = orders.get_order_with_items(order_id)
    if found is None:
        raise NotFound()
    _ensure_may_answer(actor, found.order)
    checklist = found.items.one(InspectionChecklist)
    if checklist is None:
        raise NotFound()  # not an inspection with a checklist
    return found.order, found.items, checklist


def _ensure_open(order) -> None:
    if order.state not in ANSWERABLE_STATES:
        raise ChecklistClosed(state=order.state, action="checklist")


def _ensure_version(checklist: InspectionChecklist, seen: int) -> None:
    if int(checklist.version) != int(seen):
        raise StaleVersion()


def _entry(checklist: InspectionChecklist, area: int, item: int) -> dict:
    """The item at (area, item); 400 naming the index out of range."""
    areas = checklist.areas or []
    if area >= len(areas):
        raise ValidationFailed(fields={"area": ("no_such_area", {})})
    items = areas[area].get("items") or []
    if item >= len(items):
        raise ValidationFailed(fields={"item": ("no_such_item", {})})
    return items[item]


def unanswered(checklist: InspectionChecklist) -> list[tuple[int, int, str, dict]]:
    return [(a, i, block.get("area") or "", entry)
            for a, block in enumerate(checklist.areas or [])
            for i, entry in enumerate(block.get("items") or []) if not entry.get("answer")]


def _photo(collection: Collection, photo_id: str):
    """A photo of this order that is not rejected (pending or verified), else None."""
    return next((a for a in collection.of(evidence.Attachment) if a.id == photo_id
                 and a.evidence_kind == "photo" and a.status in ("pending", "verified")), None)


# ---------------------------------------------------------------- the view

def tally(checklist: InspectionChecklist) -> dict[str, int]:
    """{total, answered, ok, fault, na}: the checklist's counts (the order's page, the
    quarterly report)."""
    found = {"total": 0, "answered": 0, "ok": 0, "fault": 0, "na": 0}
    for block in checklist.areas or []:
        for entry in block.get("items") or []:
            found["total"] += 1
            if entry.get("answer"):
                found["answered"] += 1
                found[entry["answer"]] = found.get(entry["answer"], 0) + 1
    return found


def checklist_view(actor: Actor, order, collection: Collection,
                   checklist: InspectionChecklist | None = None) -> dict | None:
    """The order's `checklist` (None: the order has none)."""
    checklist = checklist or collection.one(InspectionChecklist)
    if checklist is None:
        return None
    attachments = {a.id: a for a in collection.of(evidence.Attachment)}
    counts = tally(checklist)
    areas = []
    for block in checklist.areas or []:
        items = []
        for entry in block.get("items") or []:
            answer = entry.get("answer")
            photo_id = entry.get("photo")
            photo = None
            if photo_id:
                found = attachments.get(photo_id)
                photo = evidence.photo_link(found) if found is not None else {
                    "id": photo_id, "url": None}
            items.append({"text": entry.get("text") or "", "answer": answer,
                          "note": entry.get("note"), "photo": photo,
                          "repair": entry.get("repair"),
                          "answered_by": entry.get("answered_by"),
                          "answered_by_name": entry.get("answered_by_name"),
                          "answered_at": entry.get("answered_at")})
        areas.append({"area": block.get("area") or "", "items": items})
    occurrence = checklist.occurrence or {}
    return {"version": int(checklist.version), "contract_id": checklist.contract_id,
            "contract_number": checklist.contract_number,
            "occurrence": {k: occurrence.get(k) for k in ("planned", "due", "moved",
                                                          "period_end")},
            "areas": areas, "counts": counts,
            "complete": counts["answered"] == counts["total"],
            "editable": may_answer(actor, order) and order.state in ANSWERABLE_STATES}


def from_inspection(collection: Collection) -> dict | None:
    """Where a repair came from: its create event's `from_inspection` (None: not from one)."""
    created = next((e for e in collection.of(orders.OrderEvent) if e.action == "create"), None)
    found = (created.data or {}).get("from_inspection") if created is not None else None
    if not found:
        return None
    return {k: found.get(k) for k in ("order_id", "number", "area", "item", "text")}


def _detail(actor: Actor, order, collection: Collection) -> dict:
    return {"checklist": checklist_view(actor, order, collection),
            "from_inspection": from_inspection(collection)}


# ---------------------------------------------------------------- answering an item

def answer(actor: Actor, order_id: str, body: dict) -> dict:
    """One item answered (body valid by ANSWER_BODY), on the checklist's version, with the
    order's `checklist_answered` event, while the order is on site (one transaction)."""
    order, collection, checklist = _load(actor, order_id)
    _ensure_open(order)
    entry = _entry(checklist, body["area"], body["item"])
    choice = body["answer"]
    if choice != "fault" and _live_repair(entry):
        raise RepairExists()  # a repair order stands on this fault (unless it was cancelled)
    note = (body.get("note") or "").strip() or None
    photo_id = body.get("photo_id")
    if choice == "fault":  # what is not given stays as the item has it
        note = note if "note" in body else entry.get("note")
        photo_id = photo_id if "photo_id" in body else entry.get("photo")
    problems = {}
    if photo_id and _photo(collection, photo_id) is None:
        problems["photo_id"] = ("not_photo", {})
    if choice == "fault":
        if not note:
            problems["note"] = ("required", {})
        if not photo_id:
            problems["photo_id"] = ("required", {})
    if problems:
        raise ValidationFailed(fields=problems)
    if (entry.get("answer"), entry.get("note"), entry.get("photo"), entry.get("answered_by")) \
            == (choice, note, photo_id, actor.username):
        # a retry of an answer already saved (its reply lost): the checklist as it stands
        return {"checklist": checklist_view(actor, order, collection, checklist)}
    _ensure_version(checklist, body["version"])

    at = kernel_keys.iso(kernel_keys.utc_now())
    before = entry.get("answer")
    if choice != "fault":
        entry.pop("repair", None)  # a cancelled repair's link goes with the fault
    entry.update({"answer": choice, "note": note, "photo": photo_id,
                  "answered_by": actor.username, "answered_by_name": directory.actor_name(actor),
                  "answered_at": at})
    if rules.checklist_bytes(checklist.areas) > MAX_ANSWERED_BYTES:
        # the item (≤ 400 KB) would not be written: 400 on the note, before any write
        raise ValidationFailed(fields={"note": ("checklist_too_large", {
            "limit_kb": MAX_ANSWERED_BYTES // 1024})})
    checklist.updated_at, checklist.updated_by = at, actor.username
    event = orders.step_entry(actor, order, ANSWERED, {
        "area": body["area"], "item": body["item"], "text": entry.get("text"),
        "answer": choice, "previous": before, "note": note, "photo_id": photo_id}, at)
    try:
        transact([(checklist, None), event,
                  still_on_site(order)])
    except VersionConflict:
        current = orders.get_order(order.id)
        if current is not None:
            _ensure_open(current)
        raise StaleVersion() from None
    count("ChecklistAnswers")
    collection.add(checklist, event[0])
    return {"checklist": checklist_view(actor, order, collection, checklist)}


def still_on_site(order) -> Check:
    """A transaction entry writing nothing: the order still in an answerable state (not
    completed, put on hold or cancelled meanwhile). VersionConflict otherwise."""
    return Check(orders.WorkOrder, order.pk, order.sk,
                 orders.WorkOrder.state.is_in(*ANSWERABLE_STATES))


# ---------------------------------------------------------------- a fault's repair order

def _repair_payload(order, checklist: InspectionChecklist, area: int, item: int,
                    body: dict) -> dict:
    block = checklist.areas[area]
    entry = block["items"][item]
    default = (f"巡检发现故障：{block.get('area')} — {entry.get('text')}：{entry.get('note') or ''}"
               f"（巡检工单 {order.number}）")
    payload = {
        "customer_id": order.customer_id, "type": REPAIR_TYPE, "priority": REPAIR_PRIORITY,
        "channel": REPAIR_CHANNEL, "description": body.get("description") or default,
        "from_inspection": {"order_id": order.id, "number": order.number, "area": area,
                            "item": item, "text": entry.get("text") or ""},
    }
    if order.site_id:
        payload["site_id"] = order.site_id
    if order.equipment_id:  # the inspection's unit (a schedule per unit)
        payload["equipment_id"] = order.equipment_id
    if body.get("callout_override"):
        payload["callout_override"] = body["callout_override"]
    return payload


def _request(order_id: str, body: dict) -> dict:
    """What an Idempotency-Key stands for: the request's body and the inspection (not the
    default description, which follows the fault's note as it is now)."""
    return {**body, "inspection_id": order_id}


def _live_repair(entry: dict) -> dict | None:
    """The item's repair unless its order was cancelled (then the fault has none: it may be
    answered again or repaired anew). Reads the repair order by key, only when linked."""
    linked = entry.get("repair")
    if not linked:
        return None
    found = orders.get_order(linked.get("order_id"))
    return None if found is not None and found.state == "cancelled" else linked


def open_repair(actor: Actor, order_id: str, body: dict,
                idempotency_key: str | None = None) -> tuple[dict, bool]:
    """A repair order from a fault (body valid by REPAIR_BODY): created through the orders' own
    create (its hooks, numbering and one transaction), linked both ways in that transaction.
    Returns ({order {id, number}, checklist}, created); with an Idempotency-Key (over the body
    and the inspection; its record written by this area's create hook in the repair's
    transaction), a retry answers the first repair — never through the repair's detail, which
    a technician not on the repair may not read."""
    order, collection, checklist = _load(actor, order_id)
    _entry(checklist, body["area"], body["item"])  # 400 naming an index out of range
    request = _request(order_id, body)
    first = idempotency.earlier(actor, idempotency_key, request)
    if first:
        return _repair_reply(actor, order, collection, first), False
    _ensure_open(order)
    entry = checklist.areas[body["area"]]["items"][body["item"]]
    if entry.get("answer") != "fault":
        raise NotFault()
    if _live_repair(entry):
        raise RepairExists()
    _ensure_version(checklist, body["version"])
    payload = _repair_payload(order, checklist, body["area"], body["item"], body)
    opening = {"order": order, "checklist": checklist, "seen": int(checklist.version),
               "key": idempotency_key, "request": request, "written": None}
    token = _opening.set(opening)
    try:
        detail, created = orders.create_order(actor, payload)
    except StaleVersion:
        won = idempotency.earlier(actor, idempotency_key, request)  # a concurrent retry won
        if won:
            return _repair_reply(actor, order, collection, won), False
        raise
    finally:
        _opening.reset(token)
    count("InspectionRepairsOpened")
    logger.info("repair opened from an inspection",
                extra={"order": detail["number"], "inspection": order.number})
    written = opening["written"]
    return {"order": {"id": detail["id"], "number": detail["number"]},
            "checklist": checklist_view(actor, order, collection, written)}, created


def _repair_reply(actor: Actor, inspection, collection: Collection, repair_id: str) -> dict:
    """A retry's answer: the repair's id and number (by key) and the checklist as stored now."""
    repair = orders.get_order(repair_id)
    current = InspectionChecklist.get(kernel_keys.order_pk(inspection.id), CHECKLIST_SK,
                                      consistent_read=True)
    return {"order": {"id": repair_id, "number": repair.number if repair else ""},
            "checklist": checklist_view(actor, inspection, collection, current)}


def _source(ctx: hooks.ActionContext) -> dict | None:
    """The inspection a repair being created comes from (`from_inspection` in its data, which
    only trusted code sets: the intake's schema does not take it): its order and checklist as
    open_repair read them (passed along, not read again), else read by key once per create."""
    wanted = ctx.data.get("from_inspection")
    if not wanted:
        return None
    if SCRATCH not in ctx.scratch:
        opening = _opening.get()
        if opening is not None and opening["order"].id == wanted["order_id"]:
            ctx.scratch[SCRATCH] = opening
        else:
            order = orders.get_order(wanted["order_id"])
            try:
                checklist = InspectionChecklist.get(kernel_keys.order_pk(wanted["order_id"]),
                                                    CHECKLIST_SK, consistent_read=True)
            except InspectionChecklist.DoesNotExist:
                checklist = None
            if order is None or checklist is None:
                raise NotFound()
            ctx.scratch[SCRATCH] = {"order": order, "checklist": checklist, "seen": None,
                                    "key": None, "request": None, "written": None}
    return ctx.scratch[SCRATCH]


def inspection_contract(ctx: hooks.ActionContext, day: date) -> Contract | None:
    """The contract of the inspection a repair comes from, when active on the day (hooks.py's
    entitlement of a repair that names no unit: the inspection per site)."""
    source = _source(ctx)
    if source is None:
        return None
    try:
        contract = Contract.get(keys.contract_pk(source["checklist"].contract_id), keys.SK,
                                consistent_read=True)
    except Contract.DoesNotExist:
        return None
    return contract if contract.state == "active" and rules.in_period(contract, day) else None


def _check_repair(ctx: hooks.ActionContext) -> None:
    """The repair's item, as stored now: a fault without a repair, on the version the caller
    saw."""
    source = _source(ctx)
    if source is None:
        return
    if ctx.actor.role == "system":
        raise Forbidden("a repair from an inspection is opened by a person")
    checklist, wanted = source["checklist"], ctx.data["from_inspection"]
    seen = source["seen"]
    if seen is not None and int(checklist.version) != seen:
        raise StaleVersion()
    entry = _entry(checklist, wanted["area"], wanted["item"])
    if entry.get("answer") != "fault":
        raise NotFault()
    if _live_repair(entry):
        raise RepairExists()
    _ensure_open(source["order"])


def _record_repair(ctx: hooks.ActionContext) -> hooks.Writes | None:
    """In the repair's create transaction: the item's `repair` (on the checklist's version),
    the inspection's `repair_opened` event, the inspection still on site. Run again with the
    next number when the create lost one: each run writes from the checklist as read."""
    source = _source(ctx)
    if source is None:
        return None
    repair, wanted = ctx.subject, ctx.data["from_inspection"]
    inspection, read = source["order"], source["checklist"]
    checklist = copy.deepcopy(read)  # (the item as read stays as read for a second run)
    checklist.areas[wanted["area"]]["items"][wanted["item"]]["repair"] = {
        "order_id": repair.id, "number": repair.number}
    checklist.updated_at, checklist.updated_by = ctx.at, ctx.actor.username
    event = orders.step_entry(ctx.actor, inspection, REPAIR_OPENED, {
        "area": wanted["area"], "item": wanted["item"], "text": wanted.get("text"),
        "order_id": repair.id, "number": repair.number}, ctx.at)
    written = [(checklist, None), event, still_on_site(inspection)]
    if source["key"]:  # the Idempotency-Key over the request (open_repair), with the repair
        record = idempotency.new_record(ctx.actor, source["key"], source["request"],
                                        "work_order", repair.id)
        written.append((record, type(record).pk.does_not_exist()))
    source["written"] = checklist
    return hooks.Writes(written)


# ---------------------------------------------------------------- the completion gate

def _complete_gate(ctx: hooks.ActionContext) -> None:
    checklist = ctx.collection.one(InspectionChecklist) if ctx.collection is not None else None
    if checklist is None:
        return
    left = unanswered(checklist)
    if left:
        area, item, name, entry = left[0]
        first = {"area": area, "item": item, "text": entry.get("text") or ""}
        raise ChecklistIncomplete(
            details={"unanswered": len(left), "first": first},
            params={"unanswered": len(left), "area": name, "text": first["text"]})
    verified = {a.id for a in ctx.collection.of(evidence.Attachment)
                if a.evidence_kind == "photo" and a.status == "verified"}
    for a, block in enumerate(checklist.areas or []):
        for i, entry in enumerate(block.get("items") or []):
            if entry.get("answer") == "fault" and entry.get("photo") not in verified:
                text = entry.get("text") or ""
                raise ChecklistPhotoMissing(
                    details={"area": a, "item": i, "text": text},
                    params={"area": block.get("area") or "", "text": text})


# ---------------------------------------------------------------- the 维护登记表

REPORT_TITLE = {"zh": "维护登记表", "en": "Maintenance record"}


def report_section(order, collection: Collection) -> dict | None:
    """What the service report of an order with a checklist prints (evidence's registry): the
    title 维护登记表, the contract and the occurrence, and a table per area."""
    checklist = collection.one(InspectionChecklist)
    if checklist is None:
        return None
    occurrence = checklist.occurrence or {}
    due = occurrence.get("due") or "—"
    if occurrence.get("moved"):
        due = f"{due}（{label('occurrence_moved', occurrence['moved'])}）"
    tables = []
    for n, block in enumerate(checklist.areas or [], start=1):
        rows = []
        for entry in block.get("items") or []:
            note = entry.get("note") or ""
            repair = entry.get("repair")
            if repair:
                note = "\n".join(filter(None, [note, f"维修工单：{repair.get('number')}"]))
            rows.append([entry.get("text") or "",
                         label("checklist_answer", entry.get("answer")) or "未填写",
                         note or "—"])
        tables.append({"heading": f"{n}. {block.get('area') or ''}",
                       "columns": ["检查项目", "结果", "备注"], "rows": rows})
    return {"title": REPORT_TITLE,
            "heading": "巡检记录",
            "fields": [["维护合同", checklist.contract_number or "—"],
                       ["计划日期", occurrence.get("planned") or "—"],
                       ["巡检日期", due]],
            "tables": tables}


def register() -> None:
    hooks.on(orders.KIND, ["create"], area=AREA, check=_check_repair, record=_record_repair)
    hooks.on(orders.KIND, ["complete"], area=AREA, check=_complete_gate)
    hooks.contribute(orders.KIND, area=AREA, detail=_detail)
    evidence.register_report_section(report_section)


__all__ = ["ANSWERABLE_STATES", "CHECKLIST_SK", "answer", "checklist_view", "from_inspection",
           "inspection_contract", "may_answer", "open_repair", "register", "report_section"]
