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

A manager's own claim skips the manager's step: head office decides it while it is submitted
(told at submit: claim_waiting; in head office's queue), as it decides a manager_approved one.

Reads: a claim is one GetItem (the reader's access checked on it), its lines and receipts one
query of the keys after its events (LINES, RCPT#…: at most 1 + MAX_RECEIPTS items), its page's
trail one query of its newest events (never its whole partition, which grows with its history),
its linked orders one BatchGetItem (≤ 20), the markers of its lines' receipt files one BatchGetItem (and,
only when another claim verified the same bytes, one of those claims); lists are one index
query a page (keys.py), their orders one BatchGetItem a page. The claim item stays compact (its
lines are an item of their own): it is copied into up to 4 indexes on every write, and an event
keeps only what an edit changed (its count and total and the indexes of the lines changed, not
the lines), so neither nears DynamoDB's 400 KB an item."""

from __future__ import annotations

from datetime import date, datetime

from chalicelib.kernel import idempotency, registry
from chalicelib.kernel.access import outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import (
    Forbidden,
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
    MAX_TRANSACTION_ITEMS,
    Check,
    Update,
    one_page,
    transact,
)
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import IdempotencyRecord, Item
from chalicelib.kernel.store.numbering import counter_pk, write_numbered
from chalicelib.kernel.subjects import Subjects
from chalicelib.modules.directory import public as directory
from chalicelib.modules.fees import budgets, facts, keys
from chalicelib.modules.fees.claim_models import (
    Claim,
    ClaimEvent,
    ClaimLines,
    ClaimReceipt,
    ClaimReceiptMark,
)
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
MAX_EVENTS_SHOWN = 50  # the newest of a claim's trail on its page


class ClaimNotDraft(InvalidTransition):
    """409: the claim is submitted (or decided): no more edits, receipts or submits."""

    code = "claim_not_draft"


class ClaimWrongStep(InvalidTransition):
    """409: the claim does not wait for this role's decision (the manager decides submitted
    claims of their outlet, head office manager_approved ones and a manager's own submitted
    one; nobody a draft or a decided one)."""

    code = "claim_wrong_step"


def may_read(actor: Actor, claim: Claim) -> bool:
    """The claimant, the outlet's managers, head office."""
    return (claim.claimant == actor.username or sees_all_outlets(actor)
            or (actor.role == "manager" and actor.outlet == claim.outlet))


CLAIMS = Subjects(Claim, keys.claim_pk, may_read, event_model=ClaimEvent, event_prefix="cev",
                  subject_field="claim_id", actor_name=directory.actor_name,
                  sort_key=keys.CLAIM_SK)


def link(claim_id: str) -> str:
    """Where the SPA opens a claim."""
    return f"/claims/{claim_id}"


# ---------------------------------------------------------------- reading a claim
# The claim's partition (keys.py) sorts CLAIM, its events EVENT#…, LINES, RCPT#…: each read
# takes the items it needs by key — the claim by GetItem, its lines and receipts (bounded) by
# the keys from LINES on, the page's newest events by their prefix — never the events it skips.

def readable(actor: Actor, claim_id: str) -> tuple[Claim, Collection]:
    """The claim for a reader who may see it (a GetItem; anyone else: 404) with its lines and
    receipts: one more query, of the keys from LINES on (LINES and RCPT#…, at most
    1 + MAX_RECEIPTS items), not its events. The claim alone: `CLAIMS.readable_item`."""
    claim = CLAIMS.readable_item(actor, claim_id)
    rest = Item.query(claim.pk, Item.sk >= keys.LINES_SK, consistent_read=True)
    return claim, Collection([claim, *rest])


# ---------------------------------------------------------------- reading what it names

def _orders(ids) -> dict[str, object]:
    return orders.orders_by_id(ids)


def _window(order) -> rules.Window | None:
    """The order's dispatch-to-completion dates at its outlet (None: not dispatched)."""
    steps = order.steps or {}
    dispatched = (steps.get("dispatch") or {}).get("at")
    if not dispatched:
        return None
    completed = (steps.get("completion") or {}).get("at")
    return rules.Window(directory.local_date(order.outlet, dispatched),
                        directory.local_date(order.outlet, completed) if completed else None)


def _windows(claim: Claim, found: dict) -> list[rules.Window | None]:
    return [_window(found[o["id"]]) if o["id"] in found else None for o in claim.orders or []]


def _flagged(claim: Claim, found: dict) -> bool:
    """A list's flag: some line outside the linked orders' windows as they are now (from the
    lines' dates the claim keeps)."""
    windows, linked = _windows(claim, found), bool(claim.orders)
    return any(rules.line_flags(date.fromisoformat(day), windows, linked)
               for day in claim.line_dates or [])


def _line_flags(claim: Claim, lines: list[dict], found: dict,
                duplicated: dict[int, list] | None = None) -> list[list[str]]:
    """Each line's flags: against the linked orders' windows as they are now, and a receipt
    another claim holds (`duplicated`, by line index)."""
    windows, linked = _windows(claim, found), bool(claim.orders)
    return [rules.line_flags(date.fromisoformat(line["date"]), windows, linked,
                             i in (duplicated or {}))
            for i, line in enumerate(lines)]


def _lines(collection: Collection) -> list[dict]:
    """The claim's lines (its LINES item, read with it)."""
    item = collection.one(ClaimLines)
    return list(item.lines or []) if item is not None else []


# ---------------------------------------------------------------- a receipt file claimed twice

def _named_receipts(lines: list[dict], collection: Collection) -> dict[str, str]:
    """receipt id → sha256 of the claim's verified receipts its lines name."""
    named = {r for line in lines for r in line.get("receipts") or []}
    return {r.id: r.sha256 for r in collection.of(ClaimReceipt)
            if r.id in named and r.status == "verified" and r.sha256}


def _holders(claim: Claim, shas, consistent: bool = False) -> tuple[dict, dict]:
    """The markers of these receipt files at the claim's outlet (sha256 → claim ids) and the
    other claims they name (id → (state, number)): one BatchGetItem of the markers, then one of
    those claims — only when some other claim verified the same bytes."""
    wanted = sorted(set(shas))
    if not wanted:
        return {}, {}
    marks = ClaimReceiptMark.batch_get([keys.receipt_mark_key(claim.outlet, s) for s in wanted],
                                       consistent_read=consistent)
    holders = {m.sha256: set(m.claims or ()) for m in marks if isinstance(m, ClaimReceiptMark)}
    others = sorted({c for ids in holders.values() for c in ids if c != claim.id})
    if not others:
        return holders, {}
    found = Claim.batch_get([(keys.claim_pk(c), keys.CLAIM_SK) for c in others],
                            consistent_read=consistent)
    return holders, {c.id: (c.state, c.number) for c in found if isinstance(c, Claim)}


def _duplicated(claim: Claim, lines: list[dict], collection: Collection,
                consistent: bool = False) -> dict[int, list[tuple[str, str]]]:
    """Line index → [(receipt id, the other claim's number)]: the receipts whose bytes another
    claim holds (domain/claims.py `duplicates`)."""
    shas = _named_receipts(lines, collection)
    holders, others = _holders(claim, shas.values(), consistent)
    return rules.duplicates(lines, shas, rules.held_elsewhere(holders, others, claim.id))


def _managers(outlet: str) -> list[str]:
    return [p.username for p in directory.staff_now(outlet, "manager") if p.active]


def _checked(actor: Actor, outlet: str, body: dict, receipts: dict[str, str]) -> list[dict]:
    """The body against the rules beyond its schema (400 naming each field): the trip's dates,
    each line's, modes and prior approvals, the receipts named (the claim's), the orders (of
    the outlet, worked on by the claimant). Returns the linked orders as kept."""
    lines = body.get("lines") or []
    needs_managers = any(line["category"] == rules.TRANSPORT
                         and line.get("mode") in rules.PRIOR_APPROVAL_MODES for line in lines)
    today = directory.local_date(outlet, kernel_keys.utc_now())
    problems = rules.check_trip(body, today, _managers(outlet) if needs_managers else (),
                                actor.username)
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


def _fill(claim: Claim, body: dict, linked: list[dict]) -> list[dict]:
    """The form onto the claim (with what its lists need of the lines); returns the lines as
    kept (their own item)."""
    lines = [rules.clean_line(line) for line in body["lines"]]
    sums = rules.totals(lines)
    claim.reason = body["reason"].strip()
    claim.departed_on, claim.returned_on = body["departed_on"], body["returned_on"]
    claim.budget_category = body["budget_category"]
    claim.advance_fen = int(body.get("advance_fen") or 0)
    claim.orders = linked
    claim.total_fen, claim.by_category = sums.total_fen, sums.by_category
    claim.line_count, claim.line_dates = len(lines), rules.line_dates(lines)
    return lines


# ---------------------------------------------------------------- views

def summary(claim: Claim, lang: str, flagged: bool) -> dict:
    total, advance = int(claim.total_fen), int(claim.advance_fen or 0)
    return {"id": claim.id, "number": claim.number, "outlet": claim.outlet,
            "outlet_name": directory.outlet_name(claim.outlet, lang), "claimant": claim.claimant,
            "claimant_name": claim.claimant_name, "state": claim.state, "total_fen": total,
            "net_fen": total - advance, "departed_on": claim.departed_on,
            "returned_on": claim.returned_on, "submitted_at": claim.submitted_at,
            "late": bool(claim.late), "flagged": flagged,
            "waits_for": rules.waits_for(claim.state, claim.claimant_role),
            "line_count": int(claim.line_count or 0), "version": int(claim.version)}


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
              and not rules.wrong_step(actor.role, claim.state, claim.claimant_role)
              and may_read(actor, claim))
    return {"edit": own_draft, "submit": own_draft, "upload": own_draft, "decide": decide}


def _event_view(event: ClaimEvent) -> dict:
    return {"id": event.id, "action": event.action, "by": event.actor_username,
            "by_name": event.actor_name, "at": event.at, "from_state": event.from_state,
            "to_state": event.to_state, "data": event.data or {}}


def detail(actor: Actor, claim: Claim, collection: Collection) -> dict:
    """The claim's page: the form with its flags and receipts, where it stands, the budget, the
    trail (its newest events, read now: after a write, with the write's) and what the reader
    may do. `collection`: the claim with its lines and receipts (`readable`)."""
    lang = reader_language()
    found = _orders(o["id"] for o in claim.orders or [])
    kept = _lines(collection)
    duplicated = _duplicated(claim, kept, collection)
    flags = _line_flags(claim, kept, found, duplicated)
    receipts = {r.id: r for r in collection.of(ClaimReceipt)}
    views = {rid: receipt_view(r) for rid, r in receipts.items()}
    lines = [{**line, "receipts": [views[r] for r in line.get("receipts") or [] if r in views],
              "flags": flags[i],
              "duplicate_of": sorted({number for _r, number in duplicated.get(i, [])})}
             for i, line in enumerate(kept)]
    linked = []
    for link_ in claim.orders or []:
        order = found.get(link_["id"])
        window = _window(order) if order is not None else None
        linked.append({"id": link_["id"], "number": link_["number"],
                       "type": order.type if order is not None else link_.get("type"),
                       "window": {"from": str(window.start),
                                  "to": str(window.end) if window.end else None}
                       if window else None})
    person_grade = rules.grade(claim.claimant_stars,
                               label("role", claim.claimant_role, lang))
    events, more = CLAIMS.newest_events(claim.id, MAX_EVENTS_SHOWN)
    return {
        **summary(claim, lang, _flagged(claim, found)),
        "claimant_grade": person_grade, "reason": claim.reason,
        "budget_category": claim.budget_category, "advance_fen": int(claim.advance_fen or 0),
        "by_category": {c: int((claim.by_category or {}).get(c, 0)) for c in rules.CATEGORIES},
        "orders": linked, "lines": lines,
        "receipts": [views[r.id] for r in receipts.values() if _shown(r)],
        "filing_due": str(filing_due(claim)),
        "approvals": [{"note": None, **a} for a in claim.approvals or []],
        "budget": _budget_view(claim),
        "events": [_event_view(e) for e in events], "events_more": more,
        "may": _may(actor, claim),
    }


def get(actor: Actor, claim_id: str) -> dict:
    claim, collection = readable(actor, claim_id)
    return detail(actor, claim, collection)


# ---------------------------------------------------------------- lists

def _default_view(actor: Actor) -> str:
    if sees_all_outlets(actor):
        return "queue"
    return "outlet" if actor.role == "manager" else "mine"


def listing(actor: Actor, params: dict) -> dict:
    """GET /api/claims: `mine` the caller's own (newest first), `outlet` an outlet's (a manager
    theirs, head office the one named; with `state` that state's), `queue` what waits for the
    caller's decision (a manager: their outlet's submitted but the managers' own; head office:
    every outlet's manager_approved and managers' submitted; oldest first)."""
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
    elif actor.role == "manager":  # a manager's own claim waits for head office
        index, partition, forward = Item.gsi3, keys.outlet_claims(actor.outlet, "submitted"), True
        condition = ~Claim.claimant_role.is_in(*rules.SKIPS_MANAGER_STEP)
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
    items = [summary(c, lang, _flagged(c, found)) for c in claims]
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
    lines = ClaimLines(claim_id=claim.id, lines=_fill(claim, body, linked))
    keys.index_claim_lines(lines)
    year = str(directory.local_date(outlet, now).year)
    idem = idempotency.new_record(actor, idempotency_key, body, RESOURCE, claim.id)

    def build(value: int) -> list:
        claim.number = keys.claim_number(outlet, year, value)
        keys.index_claim(claim)
        entries = [(claim, Claim.pk.does_not_exist())]
        if idem is not None:
            entries.append((idem, IdempotencyRecord.pk.does_not_exist()))
        entries += [(lines, ClaimLines.pk.does_not_exist()),
                    CLAIMS.event(actor, claim, "claim_created", None, {
                        "number": claim.number, "total_fen": int(claim.total_fen),
                        "lines": int(claim.line_count)}, at)]
        return entries

    won = idempotency.created_once(actor, idempotency_key, body, lambda: write_numbered(
        counter_pk(keys.CLAIM_NUMBER_SERIES, outlet, year), build))
    if won:  # a concurrent retry with the same key wrote first
        return get(actor, won)
    count("ClaimsCreated")
    return get(actor, claim.id)


EDITABLE = ("reason", "departed_on", "returned_on", "budget_category", "advance_fen",
            "orders", "lines", "total_fen")
# how a claim_changed event keeps a list field other than the lines: the orders by number
COMPACT = {"orders": lambda linked: [o["number"] for o in linked]}


def _editable(claim: Claim, lines: list[dict]) -> dict:
    return {name: lines if name == "lines" else getattr(claim, name) for name in EDITABLE}


def edit(actor: Actor, claim_id: str, body: dict) -> dict:
    """PUT: the whole form again, on the version seen (the claimant, while a draft). The lines'
    item is written with the claim only when they changed; the event keeps what changed,
    compactly (`rules.change_record`)."""
    claim, collection = readable(actor, claim_id)
    own_draft(actor, claim)
    if int(claim.version) != int(body["version"]):
        raise StaleVersion()
    receipts = {r.id: r.status for r in collection.of(ClaimReceipt)}
    linked = _checked(actor, claim.outlet, body, receipts)
    before = _editable(claim, _lines(collection))
    lines = _fill(claim, body, linked)
    after = _editable(claim, lines)
    record = rules.change_record(before, after, COMPACT)
    if not record["changed"]:
        return detail(actor, claim, collection)
    claim.updated_at = at = kernel_keys.iso(kernel_keys.utc_now())
    keys.index_claim(claim)
    entries = [(claim, None),
               CLAIMS.event(actor, claim, "claim_changed", claim.state, record, at)]
    if "lines" in record["changed"]:
        kept = collection.one(ClaimLines) or ClaimLines(claim_id=claim.id)
        kept.lines = lines
        keys.index_claim_lines(kept)
        entries.append((kept, None))
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
    """Head office told that a claim waits for it: approved by the outlet's manager, or a
    manager's own claim just submitted (it skips the manager's step)."""
    total, _net = _amounts(claim)
    outlet = directory.outlet_name(claim.outlet)
    outlet_en = directory.outlet_name(claim.outlet, "en")
    if claim.state == "submitted":
        late_zh, late_en = ("（逾期提交）", " (filed late)") if claim.late else ("", "")
        body = {"zh": (f"{outlet}经理 {claim.claimant_name} 提交了本人的差旅费报销单 "
                       f"{claim.number}{late_zh}（合计 {total} 元），待总部审批。"),
                "en": (f"{outlet_en}'s manager {claim.claimant_name} submitted their own travel "
                       f"claim {claim.number}{late_en} ({total} yuan): it waits for head "
                       "office.")}
    else:
        body = {"zh": (f"{outlet}经理已审核通过 {claim.claimant_name} 的差旅费报销单 "
                       f"{claim.number}（合计 {total} 元），待总部审批。"),
                "en": (f"{outlet_en}'s manager approved {claim.claimant_name}'s travel claim "
                       f"{claim.number} ({total} yuan): it waits for head office.")}
    return _tell(directory.head_office_staff(), "claim_waiting", claim, body, at)


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


def _refuse_duplicates(found: dict[int, list[tuple[str, str]]]) -> None:
    """400 `lines.<i>.receipts` receipt_duplicate naming the other claim (and, as data, every
    line's receipts another claim holds)."""
    if found:
        raise ValidationFailed(fields=dict(rules.duplicate_problems(found)), details={
            "duplicates": [{"line": i, "receipt": receipt, "number": number}
                           for i, pairs in sorted(found.items()) for receipt, number in pairs]})


def _receipt_guards(claim: Claim, collection: Collection, shas: dict[str, str],
                    others: dict[str, tuple[str, str]], room: int) -> list:
    """What a submit's transaction adds for the receipt files, within `room` items: a check
    that each other claim that verified the same bytes and is a draft still is one (two claims
    of one file submitted at once: one of them fails), then the claim's id taken off the markers
    of the files it verified but no line names (so it holds only what it claims). `shas`: the
    named receipts' (receipt id → sha256), `others`: the other claims their markers name."""
    guards: list = [Check(Claim, keys.claim_pk(other), keys.CLAIM_SK, Claim.state == "draft")
                    for other, (state, _number) in sorted(others.items()) if state == "draft"]
    named = set(shas.values())
    unused = sorted({r.sha256 for r in collection.of(ClaimReceipt)
                     if r.status == "verified" and r.sha256 and r.sha256 not in named})
    for sha in unused:
        mark = ClaimReceiptMark(*keys.receipt_mark_key(claim.outlet, sha))
        guards.append(Update(mark, [ClaimReceiptMark.claims.delete({claim.id}),
                                    *mark_identity(claim.outlet, sha)]))
    return guards[:max(0, room)]


def mark_identity(outlet: str, sha256: str) -> list:
    """What every write of a receipt file's marker sets, so that the first leaves a whole item."""
    return [ClaimReceiptMark.outlet.set(outlet), ClaimReceiptMark.sha256.set(sha256),
            Item.kind.set(ClaimReceiptMark)]


def submit(actor: Actor, claim_id: str, body: dict) -> dict:
    """The claimant submits the draft on the version seen: every line but an allowance backed by
    a verified receipt of the claim that no other claim holds (submitted or further on: 400
    receipt_duplicate); late when after return + 3 working days; the budget checked now; the
    outlet's managers told — or head office, for a manager's own claim."""
    claim, collection = readable(actor, claim_id)
    own_draft(actor, claim)
    if int(claim.version) != int(body["version"]):
        raise StaleVersion()
    lines = _lines(collection)
    problems = rules.receipt_problems(lines, _receipt_statuses(collection), True)
    if problems:
        raise ValidationFailed(fields=dict(problems))
    shas = _named_receipts(lines, collection)
    holders, others = _holders(claim, shas.values(), consistent=True)
    _refuse_duplicates(rules.duplicates(lines, shas,
                                        rules.held_elsewhere(holders, others, claim.id)))
    now = kernel_keys.utc_now()
    _precheck_budget(claim, now)
    at = kernel_keys.iso(now)
    due = sla.working_days_after(claim.outlet, date.fromisoformat(claim.returned_on),
                                 rules.FILING_WORKING_DAYS)
    claim.state, claim.submitted_at, claim.filing_due = "submitted", at, str(due)
    claim.late = rules.is_late(directory.local_date(claim.outlet, at), due)
    claim.updated_at = at
    keys.index_claim(claim)
    notices = (_waiting_notice(claim, at)
               if rules.waits_for(claim.state, claim.claimant_role) == "head_office"
               else _submitted_notice(claim, at))
    entries = [(claim, None), CLAIMS.event(actor, claim, "claim_submitted", "draft", {
        "total_fen": int(claim.total_fen), "advance_fen": int(claim.advance_fen or 0),
        "late": claim.late, "filing_due": claim.filing_due}, at), *notices]
    entries += _receipt_guards(claim, collection, shas, others,
                               MAX_TRANSACTION_ITEMS - len(entries))
    try:
        transact(entries)
    except VersionConflict:
        # another claim of the same file submitted meanwhile, or this one changed
        fresh = readable(actor, claim_id)
        _refuse_duplicates(_duplicated(fresh[0], _lines(fresh[1]), fresh[1], consistent=True))
        raise StaleVersion() from None
    return detail(actor, claim, CLAIMS.after(claim, collection, _puts(entries)))


def _puts(entries: list) -> list:
    """The entries that put an item whole (what `CLAIMS.after` takes in)."""
    return [entry for entry in entries if isinstance(entry, tuple)]


# ---------------------------------------------------------------- deciding

def decide(actor: Actor, claim_id: str, body: dict) -> dict:
    """The manager decides a submitted claim of their outlet, head office a manager_approved
    one or a manager's own submitted one, on the version seen; nobody their own (403); another
    step → 409 claim_wrong_step.
    Reject (with a note) is final; head office's approval books the total against the budget
    in its own transaction (`_approve`)."""
    claim, collection = readable(actor, claim_id)
    decision = body["decision"]
    note = (body.get("note") or "").strip() or None
    if decision == "reject" and not note:
        raise ValidationFailed(fields={"note": ("required", {})})
    if claim.claimant == actor.username:
        raise Forbidden()
    if rules.wrong_step(actor.role, claim.state, claim.claimant_role):
        raise ClaimWrongStep()
    if int(claim.version) != int(body["version"]):
        raise StaleVersion()
    now = kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    step, before = rules.waits_for(claim.state, claim.claimant_role), claim.state
    claim.state = rules.after_decision(before, decision, claim.claimant_role)
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
