"""Travel expense claims (差旅费报销单): filed by whoever travelled (a technician, a manager,
support) for their own trip, with the receipts of its lines (claim_receipts.py), reviewed by the
outlet's manager and approved by head office, which books its total against the outlet's budget
in the approval's own transaction (docs/fees.md "Travel claims"; the rules: domain/claims.py).

Every change is one transaction of the claim (on the version its writer saw: 409 stale_version)
with its audit event (CLAIM#<id> / EVENT#…) and the notices it causes. Head office's approval
adds the budget booking (`budgets.Booking(...).entries()`: its one conditional update and its
event) and the claim's fee fact (`facts.claim_entry`): refused by a stopped budget → 409
budget_exceeded (the claim stays manager_approved); cancelled by transaction conflicts only →
tried again, then 409 budget_busy. The budget is also checked when the claim is submitted
(ERP users want it at entry, not at the end of the chain).

Reads: a claim with its receipts and events is one query of its partition, its linked orders
one BatchGetItem (≤ 20); lists are one index query a page (keys.py), their orders one
BatchGetItem a page."""

from __future__ import annotations

from datetime import date, datetime

from chalicelib.kernel import idempotency, registry
from chalicelib.kernel.access import outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import (
    Forbidden,
    IdempotencyConflict,
    InvalidTransition,
    StaleVersion,
    ValidationFailed,
)
from chalicelib.kernel.http import reader_language
from chalicelib.kernel.labels import label
from chalicelib.kernel.observability import count
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import (
    one_page,
    transact,
)
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.store.models import IdempotencyRecord, Item
from chalicelib.kernel.store.numbering import counter_pk, write_numbered
from chalicelib.kernel.subjects import Subjects
from chalicelib.modules.directory import public as directory
from chalicelib.modules.fees import budgets, facts, keys
from chalicelib.modules.fees.claim_models import Claim, ClaimEvent, ClaimReceipt
from chalicelib.modules.fees.domain import claims as rules
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.orders import public as orders
from chalicelib.modules.sla import public as sla
from chalicelib.modules.warranty.public import yuan

RESOURCE = "travel_claim"  # what an Idempotency-Key of POST /api/claims names
LEVEL = "handoff"  # a work notice, not a deadline's level
SUBJECT = "claim"
MAX_TOLD = 40  # people told of one step
FILE, DECIDE = "fees.claims.file", "fees.claims.decide"


class ClaimNotDraft(InvalidTransition):
    """409: the claim is submitted (or decided): no more edits, receipts or submits."""

    code = "claim_not_draft"


class ClaimWrongStep(InvalidTransition):
    """409: the claim does not wait for this role's decision (the manager decides submitted
    claims of their outlet, head office manager_approved ones; nobody a draft or a decided
    one)."""

    code = "claim_wrong_step"


def may_read(actor: Actor, claim: Claim) -> bool:
    """The claimant, the outlet's managers, head office."""
    return (claim.claimant == actor.username or sees_all_outlets(actor)
            or (actor.role == "manager" and actor.outlet == claim.outlet))


CLAIMS = Subjects(Claim, keys.claim_pk, may_read, event_model=ClaimEvent, event_prefix="cev",
                  subject_field="claim_id", actor_name=directory.actor_name)


def link(claim_id: str) -> str:
    """Where the SPA opens a claim."""
    return f"/claims/{claim_id}"


# ---------------------------------------------------------------- reading what it names

def _local_date(at: str, outlet: str) -> date:
    return kernel_keys.parse_iso(at).astimezone(directory.zone(outlet)).date()


def _orders(ids) -> dict[str, object]:
    """Orders by id: one BatchGetItem (PynamoDB pages it by 100 keys)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    found = orders.WorkOrder.batch_get([(kernel_keys.order_pk(i), "ORDER") for i in wanted],
                                       consistent_read=True)
    return {o.id: o for o in found if isinstance(o, orders.WorkOrder)}


def _window(order) -> rules.Window | None:
    """The order's dispatch-to-completion dates at its outlet (None: not dispatched)."""
    steps = order.steps or {}
    dispatched = (steps.get("dispatch") or {}).get("at")
    if not dispatched:
        return None
    completed = (steps.get("completion") or {}).get("at")
    return rules.Window(_local_date(dispatched, order.outlet),
                        _local_date(completed, order.outlet) if completed else None)


def _line_flags(claim: Claim, found: dict) -> list[list[str]]:
    """Each line's flags against the linked orders' windows as they are now."""
    linked = [o["id"] for o in claim.orders or []]
    windows = [_window(found[i]) if i in found else None for i in linked]
    return [rules.line_flags(date.fromisoformat(line["date"]), windows, bool(linked))
            for line in claim.lines or []]


def _managers(outlet: str) -> list[str]:
    return [p.username for p in directory.staff_now(outlet, "manager") if p.active]


def _checked(actor: Actor, outlet: str, body: dict, receipts: dict[str, str]) -> list[dict]:
    """The body against the rules beyond its schema (400 naming each field): the trip's dates,
    each line's, modes and prior approvals, the receipts named (the claim's), the orders (of
    the outlet, worked on by the claimant). Returns the linked orders as kept."""
    lines = body.get("lines") or []
    needs_managers = any(line["category"] == rules.TRANSPORT
                         and line.get("mode") in rules.PRIOR_APPROVAL_MODES for line in lines)
    today = kernel_keys.utc_now().astimezone(directory.zone(outlet)).date()
    problems = rules.check_trip(body, today, _managers(outlet) if needs_managers else ())
    if not (body.get("reason") or "").strip():
        problems.add("reason", "required")
    problems.update({k: v for k, v in rules.receipt_problems(lines, receipts, False).items()
                     if k not in problems})
    ids = list(body.get("orders") or [])
    found = _orders(ids)
    linked = []
    for i, order_id in enumerate(ids):
        order = found.get(order_id)
        if (order is None or order.outlet != outlet
                or actor.username not in orders.assignees(order)):
            problems.add(f"orders.{i}", "order_not_yours")
        else:
            linked.append({"id": order.id, "number": order.number, "type": order.type})
    if problems:
        raise ValidationFailed(fields=dict(problems))
    return linked


def _fill(claim: Claim, body: dict, linked: list[dict]) -> None:
    lines = [rules.clean_line(line) for line in body["lines"]]
    sums = rules.totals(lines)
    claim.reason = body["reason"].strip()
    claim.departed_on, claim.returned_on = body["departed_on"], body["returned_on"]
    claim.budget_category = body["budget_category"]
    claim.advance_fen = int(body.get("advance_fen") or 0)
    claim.orders, claim.lines = linked, lines
    claim.total_fen, claim.by_category = sums.total_fen, sums.by_category


# ---------------------------------------------------------------- views

def _outlet_name(code: str, lang: str) -> str | None:
    found = directory.outlet(code)
    if found is None:
        return None
    return (found.name_en or found.name) if lang == "en" else found.name


def summary(claim: Claim, lang: str, flagged: bool) -> dict:
    total, advance = int(claim.total_fen), int(claim.advance_fen or 0)
    return {"id": claim.id, "number": claim.number, "outlet": claim.outlet,
            "outlet_name": _outlet_name(claim.outlet, lang), "claimant": claim.claimant,
            "claimant_name": claim.claimant_name, "state": claim.state, "total_fen": total,
            "net_fen": total - advance, "departed_on": claim.departed_on,
            "returned_on": claim.returned_on, "submitted_at": claim.submitted_at,
            "late": bool(claim.late), "flagged": flagged, "version": int(claim.version)}


def receipt_view(receipt: ClaimReceipt, links: bool = True) -> dict:
    from chalicelib.kernel.store import files

    verified = links and receipt.status == "verified"
    return {"id": receipt.id, "content_type": receipt.declared_type,
            "size": int(receipt.size if receipt.size is not None else receipt.declared_size),
            "file_name": receipt.filename, "status": receipt.status,
            "links": {"view": files.presigned_get(receipt.s3_key, receipt.s3_version_id,
                                                  receipt.declared_type, receipt.filename),
                      "thumbnail": files.presigned_get(receipt.thumb_key, None, "image/jpeg")
                      if receipt.thumb_key else None} if verified else None}


def _shown(receipt: ClaimReceipt) -> bool:
    """The claim's receipts list: verified ones and uploads still under way."""
    if receipt.status == "verified":
        return True
    return receipt.status == "pending" and kernel_keys.parse_iso(
        receipt.upload_expires_at) > kernel_keys.wall_now()


def filing_due(claim: Claim) -> date:
    if claim.filing_due:
        return date.fromisoformat(claim.filing_due)
    return sla.working_days_after(claim.outlet, date.fromisoformat(claim.returned_on),
                                  rules.FILING_WORKING_DAYS)


def _budget_view(claim: Claim) -> dict:
    """The category's budget read now (the booking's year once approved, else this year)."""
    booking = claim.booking or None
    year = int(booking["year"]) if booking else budgets.this_year(claim.outlet)
    stored = budgets.read(claim.outlet, year)
    remaining = stored.figures()[claim.budget_category].remaining_fen
    open_claim = booking is None and claim.state not in ("approved", "rejected")
    return {"category": claim.budget_category, "year": year, "remaining_fen": remaining,
            "stop": stored.stop,
            "would_exceed": open_claim and rules.would_exceed(stored.stop, remaining,
                                                              int(claim.total_fen)),
            "booked_fen": int(booking["booked_fen"]) if booking else None,
            "event_id": booking["event_id"] if booking else None}


def _may(actor: Actor, claim: Claim) -> dict:
    own_draft = (claim.claimant == actor.username and claim.state == "draft"
                 and registry.permitted(actor.role, FILE))
    decide = (claim.claimant != actor.username and registry.permitted(actor.role, DECIDE)
              and not rules.wrong_step(actor.role, claim.state) and may_read(actor, claim))
    return {"edit": own_draft, "submit": own_draft, "upload": own_draft, "decide": decide}


def _event_view(event: ClaimEvent) -> dict:
    return {"id": event.id, "action": event.action, "by": event.actor_username,
            "by_name": event.actor_name, "at": event.at, "from_state": event.from_state,
            "to_state": event.to_state, "data": event.data or {}}


def detail(actor: Actor, claim: Claim, collection: Collection) -> dict:
    """The claim's page: the form with its flags and receipts, where it stands, the budget, the
    trail and what the reader may do."""
    lang = reader_language()
    found = _orders(o["id"] for o in claim.orders or [])
    flags = _line_flags(claim, found)
    receipts = {r.id: r for r in collection.of(ClaimReceipt)}
    views = {rid: receipt_view(r) for rid, r in receipts.items()}
    lines = [{**line, "receipts": [views[r] for r in line.get("receipts") or [] if r in views],
              "flags": flags[i]} for i, line in enumerate(claim.lines or [])]
    linked = []
    for kept in claim.orders or []:
        order = found.get(kept["id"])
        window = _window(order) if order is not None else None
        linked.append({"id": kept["id"], "number": kept["number"],
                       "type": order.type if order is not None else kept.get("type"),
                       "window": {"from": str(window.start),
                                  "to": str(window.end) if window.end else None}
                       if window else None})
    person_grade = rules.grade(claim.claimant_stars,
                               label("role", claim.claimant_role, lang))
    events = sorted(collection.of(ClaimEvent), key=lambda e: (e.at, e.id), reverse=True)
    return {
        **summary(claim, lang, any(flags)),
        "claimant_grade": person_grade, "reason": claim.reason,
        "budget_category": claim.budget_category, "advance_fen": int(claim.advance_fen or 0),
        "by_category": {c: int((claim.by_category or {}).get(c, 0)) for c in rules.CATEGORIES},
        "orders": linked, "lines": lines,
        "receipts": [views[r.id] for r in receipts.values() if _shown(r)],
        "filing_due": str(filing_due(claim)),
        "approvals": [{"note": None, **a} for a in claim.approvals or []],
        "budget": _budget_view(claim),
        "events": [_event_view(e) for e in events],
        "may": _may(actor, claim),
    }


def get(actor: Actor, claim_id: str) -> dict:
    claim, collection = CLAIMS.readable(actor, claim_id)
    return detail(actor, claim, collection)


# ---------------------------------------------------------------- lists

def _default_view(actor: Actor) -> str:
    if sees_all_outlets(actor):
        return "queue"
    return "outlet" if actor.role == "manager" else "mine"


def listing(actor: Actor, params: dict) -> dict:
    """GET /api/claims: `mine` the caller's own (newest first), `outlet` an outlet's (a manager
    theirs, head office the one named; with `state` that state's), `queue` what waits for the
    caller's decision (a manager: their outlet's submitted; head office: every outlet's
    manager_approved; oldest first)."""
    view = params.get("view") or _default_view(actor)
    state = params.get("state")
    limit = limit_of(params)
    condition, forward = None, False
    if view == "mine":
        index, partition = Item.gsi1, keys.claimant_claims(actor.username)
        condition = (Claim.state == state) if state else None
    elif view == "outlet":
        if actor.role != "manager" and not sees_all_outlets(actor):
            raise Forbidden()
        outlet = outlet_scope(actor, params.get("outlet"))
        index, partition = (Item.gsi3, keys.outlet_claims(outlet, state)) if state else (
            Item.gsi2, keys.outlet_claims(outlet))
    elif sees_all_outlets(actor):
        index, partition, forward = Item.gsi4, keys.HEAD_OFFICE_CLAIMS, True
    elif actor.role == "manager":
        index, partition, forward = Item.gsi3, keys.outlet_claims(actor.outlet, "submitted"), True
    else:
        raise Forbidden()

    def read(start):
        page = one_page(index.query(partition, filter_condition=condition,
                                    scan_index_forward=forward, limit=limit, page_size=limit,
                                    last_evaluated_key=start), Claim)
        if view == "queue":  # nobody decides their own claim
            page.items = [c for c in page.items if c.claimant != actor.username]
        return page

    page = read_page("claims", actor, params, read, lambda claim: claim)
    claims = page["items"]
    found = _orders(o["id"] for claim in claims for o in claim.orders or [])
    lang = reader_language()
    items = [summary(c, lang, any(_line_flags(c, found))) for c in claims]
    return {"items": items, "cursor": page["next_cursor"], "next_cursor": page["next_cursor"]}


# ---------------------------------------------------------------- filing

def own_draft(actor: Actor, claim: Claim) -> None:
    """Only its claimant changes a claim (403), and only while a draft (409)."""
    if claim.claimant != actor.username:
        raise Forbidden()
    if claim.state != "draft":
        raise ClaimNotDraft()


def create(actor: Actor, body: dict, idempotency_key: str | None = None) -> dict:
    """A new draft claim of the caller's own trip, numbered BX-<outlet>-<yyyy>-<n> in its
    transaction; a retry with the same Idempotency-Key answers the first."""
    first = idempotency.earlier(actor, idempotency_key, body)
    if first is not None:
        return get(actor, first)
    outlet = actor.outlet
    linked = _checked(actor, outlet, body, {})
    now = kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    person = directory.staff(actor.username)
    stars = person.star_level if person is not None and actor.role == "technician" else None
    claim = Claim(id=kernel_keys.new_id("clm"), number="", outlet=outlet,
                  claimant=actor.username, claimant_name=directory.actor_name(actor),
                  claimant_role=actor.role, claimant_stars=stars, state="draft",
                  created_at=at, updated_at=at)
    _fill(claim, body, linked)
    year = str(now.astimezone(directory.zone(outlet)).year)
    idem = idempotency.new_record(actor, idempotency_key, body, RESOURCE, claim.id)

    def build(value: int) -> list:
        claim.number = keys.claim_number(outlet, year, value)
        keys.index_claim(claim)
        entries = [(claim, Claim.pk.does_not_exist())]
        if idem is not None:
            entries.append((idem, IdempotencyRecord.pk.does_not_exist()))
        entries.append(CLAIMS.event(actor, claim, "claim_created", None, {
            "number": claim.number, "total_fen": int(claim.total_fen),
            "lines": len(claim.lines)}, at))
        return entries

    try:
        write_numbered(counter_pk(keys.CLAIM_NUMBER_SERIES, outlet, year), build)
    except VersionConflict:
        won = idempotency.earlier(actor, idempotency_key, body) if idem is not None else None
        if won:  # a concurrent retry with the same key wrote first
            return get(actor, won)
        raise StaleVersion() from None
    except AlreadyExists:
        raise IdempotencyConflict() from None
    count("ClaimsCreated")
    return get(actor, claim.id)


EDITABLE = ("reason", "departed_on", "returned_on", "budget_category", "advance_fen",
            "orders", "lines", "total_fen")


def _editable(claim: Claim) -> dict:
    return {name: getattr(claim, name) for name in EDITABLE}


def edit(actor: Actor, claim_id: str, body: dict) -> dict:
    """PUT: the whole form again, on the version seen (the claimant, while a draft)."""
    claim, collection = CLAIMS.readable(actor, claim_id)
    own_draft(actor, claim)
    if int(claim.version) != int(body["version"]):
        raise StaleVersion()
    receipts = {r.id: r.status for r in collection.of(ClaimReceipt)}
    linked = _checked(actor, claim.outlet, body, receipts)
    before = _editable(claim)
    _fill(claim, body, linked)
    after = _editable(claim)
    changed = [name for name in EDITABLE if before[name] != after[name]]
    if not changed:
        return detail(actor, claim, collection)
    claim.updated_at = at = kernel_keys.iso(kernel_keys.utc_now())
    keys.index_claim(claim)
    entries = [(claim, None), CLAIMS.event(actor, claim, "claim_changed", claim.state, {
        "before": {n: before[n] for n in changed}, "after": {n: after[n] for n in changed}}, at)]
    try:
        transact(entries)
    except VersionConflict:
        raise StaleVersion() from None
    return detail(actor, claim, CLAIMS.after(claim, collection, entries))


# ---------------------------------------------------------------- notices

def _tell(people, notice: str, claim: Claim, body: dict[str, str], at: str) -> list:
    """The notice to each person, as entries of the step's transaction."""
    people = sorted((p for p in people if p is not None and p.active),
                    key=lambda p: p.username)[:MAX_TOLD]
    title, text = notifications.notice_texts(notice, f"{claim.number} {claim.claimant_name}",
                                             body)
    return notifications.tell_entries(people, at=at, level=LEVEL, notice=notice, title=title,
                                      body=text, link=link(claim.id), subject_kind=SUBJECT,
                                      subject_id=claim.id, reference=claim.number)


def _amounts(claim: Claim) -> tuple[str, str]:
    return yuan(int(claim.total_fen)), yuan(int(claim.total_fen) - int(claim.advance_fen or 0))


def _submitted_notice(claim: Claim, at: str) -> list:
    total, net = _amounts(claim)
    managers = [p for p in directory.staff_now(claim.outlet, "manager")
                if p.username != claim.claimant]
    late_zh, late_en = ("（逾期提交）", " (filed late)") if claim.late else ("", "")
    return _tell(managers, "claim_submitted", claim, {
        "zh": (f"{claim.claimant_name} 提交了差旅费报销单 {claim.number}{late_zh}：出差事由"
               f"「{claim.reason}」，{claim.departed_on} 至 {claim.returned_on}，合计 {total} 元，"
               f"冲借款后 {net} 元。请审核。"),
        "en": (f"{claim.claimant_name} submitted travel claim {claim.number}{late_en}: "
               f"\"{claim.reason}\", {claim.departed_on} to {claim.returned_on}, {total} yuan "
               f"in all, {net} yuan after the advance. Please review it.")}, at)


def _waiting_notice(claim: Claim, at: str) -> list:
    total, _net = _amounts(claim)
    outlet = _outlet_name(claim.outlet, "zh") or claim.outlet
    outlet_en = _outlet_name(claim.outlet, "en") or claim.outlet
    return _tell(directory.head_office_staff(), "claim_waiting", claim, {
        "zh": (f"{outlet}经理已审核通过 {claim.claimant_name} 的差旅费报销单 {claim.number}"
               f"（合计 {total} 元），待总部审批。"),
        "en": (f"{outlet_en}'s manager approved {claim.claimant_name}'s travel claim "
               f"{claim.number} ({total} yuan): it waits for head office.")}, at)


def _decided_notice(claim: Claim, note: str | None, at: str) -> list:
    total, net = _amounts(claim)
    if claim.state == "approved":
        zh = f"您的差旅费报销单 {claim.number} 已获总部批准：合计 {total} 元，冲借款后 {net} 元。"
        en = (f"Your travel claim {claim.number} is approved by head office: {total} yuan, "
              f"{net} yuan after the advance.")
    else:
        zh = f"您的差旅费报销单 {claim.number} 已被驳回：{note or ''}"
        en = f"Your travel claim {claim.number} was rejected: {note or ''}"
    return _tell([directory.staff(claim.claimant)], "claim_decided", claim, {"zh": zh, "en": en},
                 at)


# ---------------------------------------------------------------- submitting

def _receipt_statuses(collection: Collection) -> dict[str, str]:
    return {r.id: r.status for r in collection.of(ClaimReceipt)}


def _precheck_budget(claim: Claim, now: datetime) -> None:
    """409 budget_exceeded when the budget is stopped and the category cannot take the total
    (what is left, as a booking's refusal names it)."""
    stored = budgets.read(claim.outlet, budgets.this_year(claim.outlet, now))
    remaining = stored.figures()[claim.budget_category].remaining_fen
    if rules.would_exceed(stored.stop, remaining, int(claim.total_fen)):
        count("ClaimBudgetRefusals")
        raise budgets.exceeded(claim.budget_category, max(0, remaining))


def submit(actor: Actor, claim_id: str, body: dict) -> dict:
    """The claimant submits the draft on the version seen: every line but an allowance backed by
    a verified receipt of the claim; late when after return + 3 working days; the budget checked
    now; the outlet's managers told."""
    claim, collection = CLAIMS.readable(actor, claim_id)
    own_draft(actor, claim)
    if int(claim.version) != int(body["version"]):
        raise StaleVersion()
    problems = rules.receipt_problems(claim.lines or [], _receipt_statuses(collection), True)
    if problems:
        raise ValidationFailed(fields=dict(problems))
    now = kernel_keys.utc_now()
    _precheck_budget(claim, now)
    at = kernel_keys.iso(now)
    due = sla.working_days_after(claim.outlet, date.fromisoformat(claim.returned_on),
                                 rules.FILING_WORKING_DAYS)
    claim.state, claim.submitted_at, claim.filing_due = "submitted", at, str(due)
    claim.late = rules.is_late(_local_date(at, claim.outlet), due)
    claim.updated_at = at
    keys.index_claim(claim)
    entries = [(claim, None), CLAIMS.event(actor, claim, "claim_submitted", "draft", {
        "total_fen": int(claim.total_fen), "advance_fen": int(claim.advance_fen or 0),
        "late": claim.late, "filing_due": claim.filing_due}, at),
        *_submitted_notice(claim, at)]
    try:
        transact(entries)
    except VersionConflict:
        raise StaleVersion() from None
    return detail(actor, claim, CLAIMS.after(claim, collection, entries))


# ---------------------------------------------------------------- deciding

def decide(actor: Actor, claim_id: str, body: dict) -> dict:
    """The manager decides a submitted claim of their outlet, head office a manager_approved
    one, on the version seen; nobody their own (403); another step → 409 claim_wrong_step.
    Reject (with a note) is final; head office's approval books the total against the budget
    in its own transaction (`_approve`)."""
    claim, collection = CLAIMS.readable(actor, claim_id)
    decision = body["decision"]
    note = (body.get("note") or "").strip() or None
    if decision == "reject" and not note:
        raise ValidationFailed(fields={"note": ("required", {})})
    if claim.claimant == actor.username:
        raise Forbidden()
    if rules.wrong_step(actor.role, claim.state):
        raise ClaimWrongStep()
    if int(claim.version) != int(body["version"]):
        raise StaleVersion()
    now = kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    step, before = rules.STEP_OF_STATE[claim.state], claim.state
    claim.state = rules.after_decision(before, decision)
    claim.approvals = [*(claim.approvals or []), {
        "step": step, "decision": decision, "by": actor.username,
        "by_name": directory.actor_name(actor), "at": at, "note": note}]
    claim.updated_at = at
    keys.index_claim(claim)
    if claim.state == "approved":
        entries = _approve(actor, claim, before, note, now)
    else:
        action = "claim_approved_manager" if claim.state == "manager_approved" else "claim_rejected"
        notices = (_waiting_notice(claim, at) if claim.state == "manager_approved"
                   else _decided_notice(claim, note, at))
        entries = [(claim, None), CLAIMS.event(actor, claim, action, before, {
            "step": step, "note": note}, at), *notices]
        try:
            transact(entries)
        except VersionConflict:
            raise StaleVersion() from None
    return detail(actor, claim, CLAIMS.after(claim, collection, entries))


def _approve(actor: Actor, claim: Claim, before: str, note: str | None,
             now: datetime) -> list:
    """Head office's approval: the claim, its event, its fee fact, the claimant's notice and the
    budget booking in one transaction (see the module's docstring). Returns its entries."""
    at = kernel_keys.iso(now)
    total = int(claim.total_fen)
    booking = budgets.Booking(claim.outlet, budgets.this_year(claim.outlet, now),
                              claim.budget_category, total,
                              {"kind": "claim", "id": claim.id, "number": claim.number},
                              by=actor.username, by_name=directory.actor_name(actor), at=at)
    claim.booking = {"category": booking.category, "year": booking.year, "booked_fen": total,
                     "event_id": booking.event_id}
    found = _orders(o["id"] for o in claim.orders or [])
    installation, guidance = rules.order_kinds(
        (o.type, o.coverage) for o in (found.get(k["id"]) for k in claim.orders or [])
        if o is not None)
    fact = facts.claim_entry(claim.outlet, claim.id, claim.number, at,
                             {c: int(v) for c, v in (claim.by_category or {}).items()},
                             installation, guidance, claim.budget_category, total,
                             int(claim.advance_fen or 0), claim.claimant)
    event = CLAIMS.event(actor, claim, "claim_approved", before, {
        "step": "head_office", "note": note, "budget_category": booking.category,
        "year": booking.year, "booked_fen": total, "budget_event_id": booking.event_id}, at)
    entries = [(claim, None), event, fact, *_decided_notice(claim, note, at)]
    try:
        budgets.book(booking, entries)  # with the booking's entries, tried again on conflicts
    except VersionConflict:
        raise StaleVersion() from None  # the claim (or its event) changed meanwhile
    count("ClaimsApproved")
    return entries
