"""Outlet budgets (年度售后费用预算) and their overrun control: head office sets each outlet's
yearly limits per category and the "stop" flag; spending is booked as it happens; an outlet's
manager files a 费用增加申请 that head office approves or rejects (docs/fees.md, "Budgets").

A booking is ONE conditional update of the budget item — ADD the category's spent (and take it
off its room), on the condition stop = false OR room ≥ amount (domain/budgets.py) — written in
one transaction with its audit event, never a read and then a write: however many bookings
run at once, the stop line is never crossed. A caller books inside its own transaction with
`Booking.entries()` (the order's acceptance, a travel claim's approval).

After a booking the year's total is read once: reaching 80 % of the total ceiling tells the
outlet's managers, 100 % tells head office — each once a year, through a marker written only
if absent in the transaction of the notices (like the appraisal reminder's)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from pynamodb.exceptions import DoesNotExist, TransactWriteError

from chalicelib.kernel import idempotency
from chalicelib.kernel.access import ensure_outlet, sees_all_outlets
from chalicelib.kernel.actor import SYSTEM_NAME, SYSTEM_USERNAME, Actor
from chalicelib.kernel.errors import InvalidTransition, NotFound, StaleVersion
from chalicelib.kernel.labels import label
from chalicelib.kernel.observability import count, log_failure
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import (
    Update,
    cancelled_at,
    only_transaction_conflicts,
    positions,
    retrying_conflicts,
    transact,
    write_all,
)
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import IdempotencyRecord, Item
from chalicelib.modules.directory import public as directory
from chalicelib.modules.fees import facts, keys
from chalicelib.modules.fees.budget_models import Budget, BudgetEvent, BudgetMark, BudgetRequest
from chalicelib.modules.fees.domain import budgets as rules
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.warranty.public import yuan

NOTICES = {rules.WARNING: "budget_warning", rules.USED_UP: "budget_used_up"}  # vocabulary notice
LEVEL = "handoff"  # a work notice, not a deadline's level
SUBJECT = "budget"
RESOURCE = "budget_booking"  # an idempotent booking's record
REQUEST_RESOURCE = "budget_request"
# A booking cancelled only because another transaction was writing the budget at that moment
# (DynamoDB's TransactionConflict) is tried again, ATTEMPTS times in all, the waits doubling
# from PAUSE seconds, jittered (at most ~0.5 s in all); then 409 budget_busy.
ATTEMPTS = 6
PAUSE = 0.016
BATCH = 100  # BatchGetItem's keys per request


class BudgetExceeded(InvalidTransition):
    """409: the budget is stopped and the category has not room for the spend; `details`:
    {category, remaining_fen} (what can still be booked), the message names it."""

    code = "budget_exceeded"


class BudgetBusy(StaleVersion):
    """409, to be tried again: the budget was being written by other bookings at the very
    moment, every time the booking was tried (nothing was booked)."""

    code = "budget_busy"


class BudgetRequestDecided(InvalidTransition):
    """409: the 费用增加申请 was decided already (each is decided once)."""

    code = "budget_request_decided"


def _amount(category: str, name: str):
    """The model's attribute of a category's amount (e.g. Budget.repair_spent_fen)."""
    return getattr(Budget, rules.attribute(category, name))


def _blank(outlet: str, year: int) -> Budget:
    """The budget item's key only: what an update names."""
    return Budget(*keys.budget_key(outlet, year))


def _identity(outlet: str, year: int) -> list:
    """What every write sets on the budget, so that the first one (a booking before head office
    set anything) leaves a whole item."""
    return [Budget.outlet.set(outlet), Budget.year.set(int(year)), Item.kind.set(Budget)]


# ---------------------------------------------------------------- the transaction

def _event(outlet: str, year: int, action: str, data: dict, by: str, by_name: str | None,
           at: str, event_id: str | None = None) -> tuple[BudgetEvent, object]:
    event_id = event_id or kernel_keys.new_id("bev")
    event = BudgetEvent(*keys.budget_event_key(outlet, year, at, event_id), id=event_id,
                        outlet=outlet, year=int(year), action=action, data=data, by=by,
                        by_name=by_name, at=at)
    return event, BudgetEvent.pk.does_not_exist()


# ---------------------------------------------------------------- reads

@dataclass
class Stored:
    outlet: str
    year: int
    budget: Budget | None = None
    marks: set[int] = field(default_factory=set)

    def value(self, name: str) -> int:
        return int(getattr(self.budget, name, 0) or 0) if self.budget is not None else 0

    @property
    def stop(self) -> bool:
        return bool(self.budget.stop) if self.budget is not None else False

    @property
    def version(self) -> int:
        return self.value("version")

    def figures(self) -> dict[str, rules.Figures]:
        amounts = self.budget.attribute_values if self.budget is not None else {}
        return rules.figures(amounts)

    def limits(self) -> dict[str, int]:
        return {c: f.limit_fen for c, f in self.figures().items()}


def read(outlet: str, year: int) -> Stored:
    """The budget and its threshold markers: one consistent query (sk begins_with <yyyy>)."""
    pk, sk = keys.budget_key(outlet, year)
    found = Stored(outlet, int(year))
    for item in Item.query(pk, Item.sk.startswith(sk), consistent_read=True):
        if isinstance(item, Budget):
            found.budget = item
        elif isinstance(item, BudgetMark):
            found.marks.add(int(item.level))
    return found


def read_many(outlets: list[str], year: int) -> dict[str, Stored]:
    """Several outlets' budgets and markers by key (BatchGetItem, 100 keys a request)."""
    found = {code: Stored(code, int(year)) for code in outlets}
    wanted = [key for code in outlets for key in (
        keys.budget_key(code, year), *(keys.budget_mark_key(code, year, lv) for lv in rules.LEVELS))]
    for start in range(0, len(wanted), BATCH):
        for item in Item.batch_get(wanted[start:start + BATCH], consistent_read=True):
            if isinstance(item, Budget):
                found[item.outlet].budget = item
            elif isinstance(item, BudgetMark):
                found[item.outlet].marks.add(int(item.level))
    return found


def view(stored: Stored, lang: str) -> dict:
    """The Budget component."""
    by_category = stored.figures()
    return {"outlet": stored.outlet, "outlet_name": directory.outlet_name(stored.outlet, lang),
            "year": stored.year, "stop": stored.stop, "version": stored.version,
            "categories": {c: f.view() for c, f in by_category.items()},
            "total": rules.total(by_category).view(),
            "warned_80": rules.WARNING in stored.marks, "told_100": rules.USED_UP in stored.marks}


def _service_outlet(actor: Actor, code: str):
    """An outlet whose budget the caller may see: 404 for another outlet's (a manager) and for
    an outlet that does not exist or is head office itself (it has no service budget)."""
    ensure_outlet(actor, code)
    found = directory.outlet(code)
    if found is None or found.is_head_office:
        raise NotFound()
    return found


def this_year(outlet: str, now: datetime | None = None) -> int:
    return directory.local_date(outlet, now or kernel_keys.utc_now()).year


def listing(actor: Actor, query: dict, lang: str) -> dict:
    """GET /api/budgets: a manager their outlet's; head office the outlet asked for, or every
    service outlet's without one. The year defaults to this year."""
    year = int(query.get("year") or this_year(actor.outlet))
    requested = query.get("outlet")
    if requested or not sees_all_outlets(actor):
        code = requested or actor.outlet
        _service_outlet(actor, code)
        return {"items": [view(read(code, year), lang)]}
    codes = [o.code for o in sorted(directory.all_outlets(), key=lambda o: o.code)
             if not o.is_head_office]
    found = read_many(codes, year)
    return {"items": [view(found[code], lang) for code in codes]}


def one(actor: Actor, outlet: str, year: int, lang: str) -> dict:
    _service_outlet(actor, outlet)
    return view(read(outlet, year), lang)


# ---------------------------------------------------------------- head office sets it

def set_budget(actor: Actor, outlet: str, year: int, body: dict, lang: str) -> dict:
    """PUT: the categories' limits (a category not sent keeps its limit) and the stop flag, on
    the version seen (0 for a budget never set); each room moves by its limit's change, in the
    same update, so bookings made meanwhile stay counted."""
    _service_outlet(actor, outlet)
    year = int(year)
    stored = read(outlet, year)
    seen = int(body["version"])
    if seen != stored.version:
        raise StaleVersion()
    before = stored.limits()
    asked = {c: int(v["limit_fen"]) for c, v in (body.get("categories") or {}).items()}
    deltas = rules.limit_deltas(before, asked)
    after = {c: before[c] + deltas[c] for c in rules.CATEGORIES}
    stop = bool(body["stop"])
    now = kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    actions = [*_identity(outlet, year), Budget.stop.set(stop), Budget.version.add(1),
               Budget.updated_at.set(at), Budget.updated_by.set(actor.username)]
    for c in rules.CATEGORIES:
        actions += [_amount(c, "limit_fen").set(after[c]), _amount(c, "room_fen").add(deltas[c])]
    condition = (Budget.version == seen) if seen else (
        Budget.pk.does_not_exist() | Budget.version.does_not_exist() | (Budget.version == 0))
    event = _event(outlet, year, "set", {
        "before": {"limits": before, "stop": stored.stop},
        "after": {"limits": after, "stop": stop}}, actor.username, directory.actor_name(actor), at)
    try:
        write_all([Update(_blank(outlet, year), actions, condition), event])
    except TransactWriteError:
        raise StaleVersion() from None
    return view(thresholds(outlet, year, now), lang)


# ---------------------------------------------------------------- bookings

@dataclass
class Booking:
    """One spend against an outlet's budget of a year. `source`: what it is for, as the audit
    event keeps it ({"kind": "work_order", "id": …, "number": …}, {"kind": "manual", "note": …})."""

    outlet: str
    year: int
    category: str
    amount_fen: int
    source: dict
    by: str = SYSTEM_USERNAME
    by_name: str | None = SYSTEM_NAME
    at: str = field(default_factory=lambda: kernel_keys.iso(kernel_keys.utc_now()))
    event_id: str = field(default_factory=lambda: kernel_keys.new_id("bev"))
    incurred: bool = False  # a cost already incurred: never refused (see `update`)

    def __post_init__(self) -> None:
        if self.category not in rules.CATEGORIES:
            raise ValueError(f"unknown budget category {self.category!r}")
        if not 0 < int(self.amount_fen) <= rules.MAX_FEN:
            raise ValueError(f"a spend of {self.amount_fen} fen")
        self.year, self.amount_fen = int(self.year), int(self.amount_fen)

    def update(self) -> Update:
        """The one conditional update: ADD spent, take it off the room; only while the budget is
        not stopped (or has no item yet) or the category has room for it — unless `incurred`:
        the cost of work already done (an accepted order's) is booked whatever the budget says
        (the stop line holds back spending still to be decided, not what has been spent)."""
        room = _amount(self.category, "room_fen")
        actions = [_amount(self.category, "spent_fen").add(self.amount_fen),
                   room.add(-self.amount_fen), *_identity(self.outlet, self.year),
                   Budget.stop.set(Budget.stop | False)]
        condition = None if self.incurred else (
            Budget.pk.does_not_exist() | Budget.stop.does_not_exist()
            | (Budget.stop == False) | (room >= self.amount_fen))  # noqa: E712
        return Update(_blank(self.outlet, self.year), actions, condition)

    def event(self) -> tuple[BudgetEvent, object]:
        return _event(self.outlet, self.year, "spend", {
            "category": self.category, "amount_fen": self.amount_fen, "source": self.source},
            self.by, self.by_name, self.at, self.event_id)

    def entries(self) -> list:
        """The booking as transaction entries for the caller's own transaction: the budget's
        conditional update (a `Update`: write it with `write_entry`), its audit event and its
        fee fact (`BOOK#<event id>`, the monthly cost report's budget used: facts.py). When
        that transaction is cancelled, `refusal()` says whether the budget refused it."""
        return [self.update(), self.event(), facts.booking_entry(self)]

    def refusal(self) -> BudgetExceeded | None:
        """The budget_exceeded refusal when the budget, read now, refuses this spend."""
        stored = read(self.outlet, self.year)
        remaining = stored.figures()[self.category].remaining_fen
        if rules.may_book(stored.stop, stored.value(rules.attribute(self.category, "room_fen")),
                          self.amount_fen):
            return None
        return exceeded(self.category, rules.bookable_fen(stored.stop, remaining) or 0)

    def after_commit(self, now: datetime | None = None) -> Stored:
        """The thresholds, once the caller's transaction holding the entries is written."""
        return thresholds(self.outlet, self.year, now or kernel_keys.parse_iso(self.at))


def exceeded(category: str, remaining_fen: int) -> BudgetExceeded:
    names = {lang: label("budget_category", category, lang) for lang in ("zh", "en")}
    return BudgetExceeded(details={"category": category, "remaining_fen": remaining_fen},
                          params={"category": names, "remaining": yuan(remaining_fen)})


def book(booking: Booking, extra: list | None = None) -> Stored:
    """Write the booking (its update, event and fee fact) with the caller's `extra` entries (an
    idempotency record; a travel claim's approval) in one transaction, then tell the
    thresholds it reached (a failure there is logged: the booking stands). A cancellation by
    transaction conflicts alone is tried again (`ATTEMPTS`), then BudgetBusy (409 budget_busy:
    try again).
    VersionConflict when an `extra` entry's condition failed (a retry with the same key booked
    it meanwhile: the caller answers that one), whatever the budget's said; else BudgetExceeded
    when the budget's own condition failed and the budget, read now, refuses it (when it has
    room by then, it changed meanwhile: BudgetBusy)."""
    entries = [*booking.entries(), *(extra or [])]
    budget_at = positions(entries)[0]  # the budget's update: where DynamoDB names its reason
    try:
        retrying_conflicts(lambda: write_all(entries), ATTEMPTS, PAUSE)
    except TransactWriteError as error:
        if any(cancelled_at(error, at) for at in range(len(entries)) if at != budget_at):
            raise VersionConflict() from None  # an `extra` entry's: it decides, not the budget
        if cancelled_at(error, budget_at):
            refusal = booking.refusal()
            if refusal is not None:
                count("BudgetRefusals")
                raise refusal from None
            raise BudgetBusy() from None  # it had room by the time it was read: changed
        if only_transaction_conflicts(error):
            count("BudgetBusy")
            raise BudgetBusy() from None
        raise
    count("BudgetBookings")
    try:
        return booking.after_commit()
    except Exception as error:  # noqa: BLE001 - the booking stands; the next one tells
        log_failure("budget thresholds failed", error, outlet=booking.outlet, year=booking.year)
        return read(booking.outlet, booking.year)


def book_spend(outlet: str, year: int, category: str, amount_fen: int, source: dict,
               actor: Actor | None = None, lang: str = "zh") -> dict:
    """Book a spend against the outlet's budget of the year on its own: the budget as it is
    after it (the Budget view), or BudgetExceeded (409 budget_exceeded)."""
    booking = Booking(outlet, year, category, amount_fen, source,
                      by=actor.username if actor else SYSTEM_USERNAME,
                      by_name=directory.actor_name(actor) if actor else SYSTEM_NAME)
    return view(book(booking), lang)


def spend(actor: Actor, outlet: str, year: int, body: dict, lang: str,
          idempotency_key: str | None = None) -> dict:
    """POST …/spend: a spend booked by hand (a manager of the outlet, head office), on an
    Idempotency-Key if given (a retry books nothing twice)."""
    _service_outlet(actor, outlet)
    asked = _asked(outlet, year, body)
    if idempotency.earlier(actor, idempotency_key, asked):
        return one(actor, outlet, year, lang)
    source = {"kind": "manual", **({"note": body["note"].strip()} if body.get("note") else {})}
    booking = Booking(outlet, year, body["category"], body["amount_fen"], source,
                      by=actor.username, by_name=directory.actor_name(actor))
    record = idempotency.new_record(actor, idempotency_key, asked, RESOURCE,
                                    booking.event_id)
    extra = [(record, IdempotencyRecord.pk.does_not_exist())] if record else []
    try:
        stored = book(booking, extra)
    except VersionConflict:
        if idempotency.earlier(actor, idempotency_key, asked):  # a retry written meanwhile
            return one(actor, outlet, year, lang)
        raise StaleVersion() from None
    return view(stored, lang)


def _asked(outlet: str, year: int, body: dict) -> dict:
    """What an Idempotency-Key stands for: the body on its outlet and year (the key reused on
    another outlet's or year's budget is another request: 409 idempotency_conflict)."""
    return {**body, "outlet": outlet, "year": int(year)}


# ---------------------------------------------------------------- the thresholds

def link(outlet: str, year: int) -> str:
    """The SPA's budget page of the outlet and year."""
    return f"/budgets?outlet={outlet}&year={year}"


def texts(outlet_name: str, year: int, level: int, total: rules.Figures,
          stop: bool) -> tuple[dict, dict]:
    title, body = {}, {}
    pct = rules.percent(total)
    spent, ceiling, left = yuan(total.spent_fen), yuan(total.ceiling_fen), yuan(total.remaining_fen)
    for lang in ("zh", "en"):
        tag = label("notice", NOTICES[level], lang)
        if lang == "zh":
            title[lang] = f"【{tag}】{outlet_name} {year} 年售后费用已用 {pct}%"
            text = (f"{outlet_name} {year} 年售后费用预算已用 {pct}%：已支出 {spent} 元，预算 "
                    f"{ceiling} 元（含已批准的追加），剩余 {left} 元。")
            if level == rules.WARNING:
                text += "请分析支出原因、控制费用；确需增加的费用请提前提交费用增加申请。"
            elif stop:
                text += "已设置超支停止：超出预算的支出将被拒绝，直至总部批准费用增加申请。"
            else:
                text += "未设置超支停止：超出预算的支出仍会记入。"
        else:
            title[lang] = f"[{tag}] {outlet_name} {year}: {pct}% of the after-sales budget used"
            text = (f"{outlet_name} has used {pct}% of its {year} after-sales budget: "
                    f"{spent} yuan spent of {ceiling} yuan (approved increases included), "
                    f"{left} yuan left. ")
            if level == rules.WARNING:
                text += ("Please look into the spending and keep it in check; file a budget "
                         "increase request in advance for any spending above the budget.")
            elif stop:
                text += ("The budget is stopped: spending above it is refused until head office "
                         "approves a budget increase request.")
            else:
                text += "The budget is not stopped: spending above it is still booked."
        body[lang] = text
    return title, body


def _recipients(outlet: str, level: int) -> list:
    people = (directory.staff_now(outlet, "manager") if level == rules.WARNING
              else directory.head_office_staff())
    return sorted((p for p in people if p.active), key=lambda p: p.username)[:40]


def tell(stored: Stored, level: int, now: datetime) -> int:
    """Tell the level's people once: the marker (only if absent) and their notices in one
    transaction. Returns how many were told (0: told before, or by a booking at the same
    time)."""
    total = rules.total(stored.figures())
    at = kernel_keys.iso(now)
    people = _recipients(stored.outlet, level)
    mark = BudgetMark(*keys.budget_mark_key(stored.outlet, stored.year, level),
                      outlet=stored.outlet, year=stored.year, level=level, at=at,
                      spent_fen=total.spent_fen, ceiling_fen=total.ceiling_fen,
                      recipients=[p.username for p in people])
    title, body = texts(directory.outlet_name(stored.outlet), stored.year, level,
                        total, stored.stop)
    title_en, body_en = texts(directory.outlet_name(stored.outlet, "en"), stored.year,
                              level, total, stored.stop)
    title["en"], body["en"] = title_en["en"], body_en["en"]
    entries = [(mark, BudgetMark.pk.does_not_exist()), *notifications.tell_entries(
        people, at=at, level=LEVEL, notice=NOTICES[level], title=title, body=body,
        link=link(stored.outlet, stored.year), subject_kind=SUBJECT,
        subject_id=f"{stored.outlet}#{stored.year}", reference=f"{stored.outlet} {stored.year}")]
    try:
        transact(entries)
    except VersionConflict:
        return 0  # another booking told them (its marker stands)
    stored.marks.add(level)
    count("BudgetThresholdsTold")
    return len(people)


def thresholds(outlet: str, year: int, now: datetime) -> Stored:
    """Read the budget once; tell each threshold its year's total reached and nobody told yet.
    A failure to tell is logged, never undoes the booking: the next one tells."""
    stored = read(outlet, year)
    for level in rules.reached(rules.total(stored.figures())):
        if level in stored.marks:
            continue
        try:
            tell(stored, level, now)
        except Exception as error:  # noqa: BLE001 - the booking stands; the next one retries
            log_failure("budget threshold notice failed", error, outlet=outlet, level=level)
    return stored


# ---------------------------------------------------------------- 费用增加申请

def request_view(request: BudgetRequest) -> dict:
    return {"id": request.id, "outlet": request.outlet, "year": int(request.year),
            "category": request.category, "amount_fen": int(request.amount_fen),
            "reason": request.reason, "state": request.state, "filed_by": request.filed_by,
            "filed_by_name": request.filed_by_name, "filed_at": request.filed_at,
            "decided_by": request.decided_by, "decided_by_name": request.decided_by_name,
            "decided_at": request.decided_at, "note": request.note,
            "version": int(request.version)}


def _request(outlet: str, year: int, request_id: str) -> BudgetRequest:
    try:
        return BudgetRequest.get(*keys.budget_request_key(outlet, year, request_id),
                                 consistent_read=True)
    except DoesNotExist:
        raise NotFound() from None


def requests(actor: Actor, outlet: str, year: int) -> dict:
    """GET …/requests: the outlet's requests of the year, newest first (one key query)."""
    _service_outlet(actor, outlet)
    found = BudgetRequest.query(keys.budget_pk(outlet),
                                BudgetRequest.sk.startswith(keys.budget_request_prefix(year)),
                                scan_index_forward=False, consistent_read=True)
    return {"items": [request_view(r) for r in found if isinstance(r, BudgetRequest)]}


def file_request(actor: Actor, outlet: str, year: int, body: dict,
                 idempotency_key: str | None = None) -> dict:
    """POST …/requests: a manager of the outlet asks head office for more in a category."""
    _service_outlet(actor, outlet)
    year = int(year)
    asked = _asked(outlet, year, body)
    first = idempotency.earlier(actor, idempotency_key, asked)
    if first:
        return request_view(_request(outlet, year, first))
    at = kernel_keys.iso(kernel_keys.utc_now())
    request_id = kernel_keys.new_id("brq")
    name = directory.actor_name(actor)
    request = BudgetRequest(*keys.budget_request_key(outlet, year, request_id), id=request_id,
                            outlet=outlet, year=year, category=body["category"],
                            amount_fen=int(body["amount_fen"]), reason=body["reason"].strip(),
                            state="pending", filed_by=actor.username, filed_by_name=name,
                            filed_at=at)
    event = _event(outlet, year, "request", {
        "request_id": request_id, "category": request.category,
        "amount_fen": int(request.amount_fen), "reason": request.reason}, actor.username, name, at)
    record = idempotency.new_record(actor, idempotency_key, asked, REQUEST_RESOURCE, request_id)
    entries = [(request, BudgetRequest.pk.does_not_exist()), event]
    if record is not None:
        entries.append((record, IdempotencyRecord.pk.does_not_exist()))
    try:
        transact(entries)
    except VersionConflict:
        earlier = idempotency.earlier(actor, idempotency_key, asked)
        if earlier:
            return request_view(_request(outlet, year, earlier))
        raise StaleVersion() from None
    return request_view(_request(outlet, year, request_id))


def decide(actor: Actor, outlet: str, year: int, request_id: str, body: dict) -> dict:
    """POST …/requests/{id}/decide (head office), on the request's version seen: approve raises
    the category's budget (raised and room) in the decision's transaction; reject changes
    nothing else. Each request is decided once (409 budget_request_decided)."""
    _service_outlet(actor, outlet)
    year = int(year)
    request = _request(outlet, year, request_id)
    if int(request.version) != int(body["version"]):
        raise StaleVersion()
    if request.state != "pending":
        raise BudgetRequestDecided()
    now = kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    approve = body["decision"] == "approve"
    name = directory.actor_name(actor)
    request.state = "approved" if approve else "rejected"
    request.decided_by, request.decided_by_name, request.decided_at = actor.username, name, at
    request.note = (body.get("note") or "").strip() or None
    amount = int(request.amount_fen)
    entries: list = [(request, BudgetRequest.state == "pending"), _event(outlet, year, "decide", {
        "request_id": request.id, "decision": body["decision"], "category": request.category,
        "amount_fen": amount, "note": request.note}, actor.username, name, at)]
    if approve:
        entries.append(Update(_blank(outlet, year), [
            _amount(request.category, "raised_fen").add(amount),
            _amount(request.category, "room_fen").add(amount), Budget.version.add(1),
            *_identity(outlet, year), Budget.stop.set(Budget.stop | False),
            Budget.updated_at.set(at), Budget.updated_by.set(actor.username)]))
    try:
        write_all(entries)
    except TransactWriteError:
        raise StaleVersion() from None
    return request_view(_request(outlet, year, request_id))


# ---------------------------------------------------------------- the audit trail

def event_view(event: BudgetEvent) -> dict:
    return {"id": event.id, "action": event.action, "data": event.data or {}, "by": event.by,
            "by_name": event.by_name, "at": event.at}


def events(actor: Actor, outlet: str, year: int, limit: int = 100) -> dict:
    """GET …/events: the budget's audit trail of the year, newest first (one page)."""
    _service_outlet(actor, outlet)
    found = BudgetEvent.query(keys.budget_pk(outlet),
                              BudgetEvent.sk.startswith(keys.budget_event_prefix(year)),
                              scan_index_forward=False, consistent_read=True, limit=limit)
    return {"items": [event_view(e) for e in found if isinstance(e, BudgetEvent)]}
