"""The unreturned-parts watch (nightly, called by parts/jobs.py): requisitions whose parts were
neither used nor returned by their return date (completion + policy `parts.unreturned_days`,
seed 001 §5 第三章第3条: 3 days) are flagged to the outlet's managers and keepers.

Reads only what is due: gsi4 PARTSDUE / <return_due_at>#<id> up to now (the entry exists only
while parts are outstanding after completion and nobody was told). Each requisition is flagged
in one transaction at the version read: `flagged_at` set and its gsi4 entry removed, the
inbox notices and the order's `parts_overdue` event written with it. Once, however often it
runs: a requisition flagged (or changed by a return meanwhile) is not written again.
"""

from __future__ import annotations

from datetime import datetime

from chalicelib.kernel.errors import StaleVersion
from chalicelib.kernel.labels import local_time
from chalicelib.kernel.observability import logger
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import public as directory
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.orders import public as orders
from chalicelib.modules.parts import requisitions as usecases
from chalicelib.modules.parts.domain import requisitions as rules
from chalicelib.modules.parts.keys import PARTS_DUE
from chalicelib.modules.parts.models import Requisition

ROLES = ("manager", "warehouse")
NOTICE = "parts_overdue"  # the notifications' `notice` vocabulary (parts/vocabulary.py)
LEVEL = "handoff"  # a work notice, not a deadline's level
MAX_PEOPLE = 40  # one transaction: the requisition, the event, an inbox item and a mail each


def _texts(req: Requisition, outstanding: list[dict]) -> tuple[dict, dict]:
    zone = directory.zone(req.outlet)
    due = local_time(req.return_due_at, zone)
    number = req.order_number or req.order_id
    who = req.requested_by_name or req.requested_by
    zh_parts = "、".join(f"{x['code']} {x['name']} ×{x['quantity']}" for x in outstanding)
    en_parts = ", ".join(f"{x['code']} {x['name']} × {x['quantity']}" for x in outstanding)
    return notifications.notice_texts(NOTICE, number, {
        "zh": (f"工单 {number} 完工后领用的配件未使用也未退库：{zh_parts}。"
               f"应于 {due} 前退回（申请人：{who}）。请跟进退料。"),
        "en": (f"Parts issued to order {number} were neither used nor returned: {en_parts}. "
               f"They were due back by {due} (requested by {who}). Please follow up.")})


def _people(outlet: str) -> list:
    found = {}
    for role in ROLES:
        for person in directory.staff_now(outlet, role):
            if person.active:
                found.setdefault(person.username, person)
    return sorted(found.values(), key=lambda p: p.username)[:MAX_PEOPLE]


def _flag(req: Requisition, now: datetime, people: dict[str, list]) -> bool:
    """`people`: who was found to tell per outlet in this run (read once per outlet)."""
    outstanding = [{"code": line["code"], "name": line["name"],
                    "quantity": rules.outstanding(line)}
                   for line in req.lines or [] if rules.outstanding(line)]
    at = keys.iso(now)
    req.flagged_at, req.updated_at = at, at
    usecases.index(req)  # flagged (or nothing outstanding): out of the watch's index
    entries = [(req, None)]
    order = orders.get_order(req.order_id)
    if outstanding:
        if order is not None:
            entries.append(usecases.order_event(None, order, "parts_overdue", {
                "requisition_id": req.id, "lines": outstanding,
                "return_due_at": req.return_due_at}, at))
        title, body = _texts(req, outstanding)
        link = orders.link(req.order_id)
        if req.outlet not in people:
            people[req.outlet] = _people(req.outlet)
        entries += notifications.tell_entries(
            people[req.outlet], at=at, level=LEVEL, notice=NOTICE, title=title, body=body,
            link=link, subject_kind=orders.KIND, subject_id=req.order_id,
            reference=req.order_number or req.order_id)
    try:
        usecases.transact(entries)
    except StaleVersion:
        return False  # changed meanwhile (parts returned): the next run reads it again
    return bool(outstanding)


def run(now: datetime | None = None) -> dict:
    """Flag every requisition due by `now`; returns {"read", "flagged"}."""
    now = now or keys.utc_now()
    read = flagged = 0
    people: dict[str, list] = {}  # an outlet's managers and keepers, read once per run
    due = Item.gsi4.query(PARTS_DUE, Item.gsi4sk < f"{keys.iso(now)}$")
    for found in due:
        if not isinstance(found, Requisition):
            continue
        read += 1
        # the index is eventually consistent: the item as it is now decides
        try:
            req = Requisition.get(found.pk, found.sk, consistent_read=True)
        except Requisition.DoesNotExist:
            continue
        if req.flagged_at or not req.return_due_at or req.return_due_at > keys.iso(now):
            continue
        if _flag(req, now, people):
            flagged += 1
    logger.info("parts overdue watch", extra={"read": read, "flagged": flagged})
    return {"read": read, "flagged": flagged}
