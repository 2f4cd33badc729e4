"""Consultations and information hand-over (咨询与信息交接, 001 §17 6.1–6.2): any staff member
records a customer's question or information; it gets a number and two SLA clocks counted from
when the customer reached them — `handover` (the service desk takes it over, 4 working hours)
and, for a question, `answer` (8 working hours); the desk takes it over, answers it, closes it,
or turns it into a complaint (here) or a work order (the order's create, through hooks.py).

Every change is one transaction: the consultation on the version the user saw, its event and
its clock watches (and the complaint or order it becomes). Clocks: take_over stops `handover`;
answer stops both (answering is contact); close and a conversion stop both — stopped, not
cancelled: the desk acted, so a late one counts as missed. The rules are domain/rules.py; keys
are keys.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta

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
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import one_page, transact
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import IdempotencyRecord, Item
from chalicelib.kernel.store.numbering import counter_pk, write_numbered
from chalicelib.kernel.subjects import Subjects
from chalicelib.kernel.validation import validate
from chalicelib.modules.complaints import public as complaints
from chalicelib.modules.consultations import keys, schemas
from chalicelib.modules.consultations.domain import rules
from chalicelib.modules.consultations.models import Consultation, ConsultationEvent
from chalicelib.modules.customers import public as customers
from chalicelib.modules.directory import public as directory
from chalicelib.modules.sla import public as sla

KIND = "consultation"  # the SLA engine's subject kind


def link(consultation_id: str) -> str:
    return f"/consultations/{consultation_id}"


# ---------------------------------------------------------------- reading

def may_read(actor: Actor, consultation: Consultation) -> bool:
    """Head office every consultation; an outlet's office (the readers) its outlet's; anyone
    the ones they recorded."""
    if sees_all_outlets(actor) or consultation.recorded_by == actor.username:
        return True
    return (registry.permitted(actor.role, "consultations.read")
            and actor.outlet == consultation.outlet)


# a consultation with its events and clock watches in one collection: read (404 to who may not
# see it; the locator of {consultation_id}) and its timeline
CONSULTATIONS = Subjects(Consultation, keys.consultation_pk, may_read,
                         event_model=ConsultationEvent, event_prefix="cne",
                         subject_field="consultation_id", actor_name=directory.actor_name,
                         sort_key=keys.SK)


# ---------------------------------------------------------------- the SLA subject

def subject(consultation: Consultation) -> sla.Subject:
    """A consultation as the SLA engine knows it: its number and customer on the board and in
    notices. No assignee: its hand-over warnings tell the outlet's managers; once the desk has
    taken it over, the answer clock's warnings tell whoever took it."""
    taker = consultation.taken_over or {}
    return sla.Subject(
        kind=KIND, id=consultation.id, partition=keys.consultation_pk(consultation.id),
        outlet=consultation.outlet, reference=consultation.number or "—",
        title=consultation.customer_name or "—",
        clock_assignees={rules.ANSWER: (taker["by"], taker.get("by_name"))}
        if taker.get("by") else None)


# ---------------------------------------------------------------- views

def summary(consultation: Consultation) -> dict:
    """A consultation as the board shows it."""
    return {"id": consultation.id, "number": consultation.number,
            "outlet": consultation.outlet, "kind": consultation.consultation_kind,
            "channel": consultation.channel, "state": consultation.state,
            "status": rules.status_of(consultation.state),
            "customer_name": consultation.customer_name, "phone": consultation.phone,
            "content": consultation.content, "received_at": consultation.received_at,
            "recorded_by": consultation.recorded_by,
            "recorded_by_name": consultation.recorded_by_name,
            "converted": consultation.converted,
            "clocks": sla.clock_views(consultation.clocks, {}, kernel_keys.utc_now(),
                                      detailed=False),
            "created_at": consultation.created_at, "updated_at": consultation.updated_at}


def _may_act(actor: Actor, consultation: Consultation) -> None:
    """The desk of the consultation's outlet acts on it (the roles are the table's)."""
    if actor.outlet != consultation.outlet:
        raise Forbidden()


def offered(actor: Actor, consultation: Consultation) -> list[str]:
    """The actions the reader may take on the consultation now (the page's buttons)."""
    if actor.outlet != consultation.outlet:
        return []
    return [a.name for a in rules.ACTIONS.values() if consultation.state in a.sources
            and registry.permitted(actor.role, f"consultations.action.{a.name}")]


def detail(actor: Actor, consultation: Consultation, collection: Collection) -> dict:
    """The consultation page: every field, its clocks explained, its timeline and the reader's
    actions."""
    return {
        **summary(consultation), "version": int(consultation.version),
        "customer_id": consultation.customer_id, "recorded_role": consultation.recorded_role,
        "taken_over": consultation.taken_over, "answer": consultation.answer,
        "closed": consultation.closed,
        "clocks": sla.clock_views(consultation.clocks, sla.watches_in(collection),
                                  kernel_keys.utc_now(), detailed=True, lang=reader_language()),
        "events": CONSULTATIONS.events(collection),
        "actions": offered(actor, consultation),
    }


def get(actor: Actor, consultation_id: str) -> dict:
    consultation, collection = CONSULTATIONS.readable(actor, consultation_id)
    return detail(actor, consultation, collection)


def list_consultations(actor: Actor, params: dict) -> dict:
    """An outlet's board: open ones oldest first (the longest waiting at the top), done ones
    newest first. Head office names the outlet."""
    status = params.get("status") or "open"
    if status not in rules.STATUSES:
        raise ValidationFailed(fields={"status": ("enum", {"choices": "open, done"})})
    outlet = outlet_scope(actor, params.get("outlet"))
    limit = limit_of(params)

    def read(start):
        return one_page(Item.gsi1.query(
            keys.board_pk(outlet, status), scan_index_forward=status == "open", limit=limit,
            page_size=limit, last_evaluated_key=start), Consultation)

    return read_page("consultations", actor, params, read, summary)


# ---------------------------------------------------------------- writing

def _by(actor: Actor, at: str) -> dict:
    return {"by": actor.username, "by_name": directory.actor_name(actor), "at": at}


def _received_at(body: dict, now: datetime) -> datetime:
    if not body.get("received_at"):
        return now
    at = kernel_keys.parse_iso(body["received_at"])
    problem = ("invalid", {}) if at is None else rules.received_at_problem(at, now)
    if problem is not None:
        raise ValidationFailed(fields={"received_at": problem})
    return at


def _outlet(actor: Actor, asked: str | None) -> str:
    """Whose desk takes it over: the recorder's outlet, or (head office) the one named."""
    if asked:
        home = directory.outlet(asked)
        if home is None or not (sees_all_outlets(actor) or asked == actor.outlet):
            raise ValidationFailed(fields={"outlet": ("not_found", {})})
        if home.is_head_office:  # head office is no service desk
            raise ValidationFailed(fields={"outlet": ("head_office_outlet", {})})
        return asked
    if sees_all_outlets(actor) or not actor.outlet:
        raise ValidationFailed(fields={"outlet": ("required", {})})
    return actor.outlet


def record(actor: Actor, body: dict, idempotency_key: str | None = None) -> dict:
    """Record a customer's question or information (信息处理单): numbered, its clocks started at
    when the customer reached the recorder, taken over at once when the desk records it. A
    retried request with the same Idempotency-Key returns the first."""
    first = idempotency.earlier(actor, idempotency_key, body)
    if first is not None:
        return get(actor, first)
    now = kernel_keys.utc_now()
    outlet = _outlet(actor, body.get("outlet"))
    received = _received_at(body, now)
    if body.get("customer_id"):
        customer = customers.get_customer(body["customer_id"])
        if customer is None or customer.outlet != outlet:
            raise ValidationFailed(fields={"customer_id": ("not_found", {})})
    at = kernel_keys.iso(now)
    consultation = Consultation(
        id=kernel_keys.new_id("con"), number="", outlet=outlet, state="open",
        consultation_kind=body["kind"], channel=body["channel"],
        customer_id=body.get("customer_id"), customer_name=body["customer_name"],
        phone=body["phone"], content=body["content"], received_at=kernel_keys.iso(received),
        recorded_by=actor.username, recorded_by_name=directory.actor_name(actor),
        recorded_role=actor.role, clocks={}, created_at=at, updated_at=at)
    # the clocks count from when the customer reached the recorder, not from the record
    started = sla.Clocks(subject(consultation), {}, received)
    for name in rules.clocks_for(consultation.consultation_kind):
        started.start(name, "create")
    clocks = started.clocks
    at_once = rules.taken_over_at_once(actor.role, actor.outlet, outlet)
    if at_once:  # the desk took the customer's call itself: handed over when it came in (met)
        consultation.state = "taken_over"
        consultation.taken_over = {**_by(actor, kernel_keys.iso(received)), "note": None}
        stopping = sla.Clocks(subject(consultation), clocks, received)
        stopping.stop(rules.HANDOVER)
        clocks = stopping.clocks
    consultation.clocks = clocks
    idem = idempotency.new_record(actor, idempotency_key, body, KIND, consultation.id)
    day = directory.local_day(outlet, now)

    def build(value: int) -> list:
        consultation.number = keys.number(outlet, day, value)
        keys.index(consultation)
        event = CONSULTATIONS.event(actor, consultation, "create", None, {
            "number": consultation.number, "kind": consultation.consultation_kind,
            "received_at": consultation.received_at, "taken_over_at_once": at_once}, at)
        entries = [(consultation, Consultation.pk.does_not_exist())]
        if idem is not None:
            entries.append((idem, IdempotencyRecord.pk.does_not_exist()))
        entries.append(event)
        return entries + sla.watch_writes(subject(consultation), consultation.clocks, None)

    won = idempotency.created_once(actor, idempotency_key, body, lambda: write_numbered(
        counter_pk(keys.NUMBER_SERIES, outlet, day), build))
    if won:  # the idempotency key was taken meanwhile: a concurrent retry wrote first
        return get(actor, won)
    return get(actor, consultation.id)


def _settle(actor: Actor, consultation: Consultation, collection: Collection | None,
            clocks: dict, from_state: str, action: str, stops: tuple[str, ...], data: dict,
            now: datetime) -> list:
    """The consultation moved by an action (its fields set already): its clocks stopped, its
    event and its watches as transaction entries (the consultation itself first, on the version
    read). Derived from `clocks` and `from_state` as read, so a retried write builds it again."""
    at = kernel_keys.iso(now)
    stopping = sla.Clocks(subject(consultation), clocks, now)
    stopping.stop(*stops)
    consultation.clocks = stopping.clocks
    consultation.updated_at = at
    keys.index(consultation)
    noted = {**data, "clocks": sorted(stopping.changed)} if stopping.changed else dict(data)
    event = CONSULTATIONS.event(actor, consultation, action, from_state, noted, at)
    return [(consultation, None), event,
            *sla.watch_writes(subject(consultation), consultation.clocks, collection)]


def _convert(actor: Actor, consultation: Consultation, collection: Collection | None,
             clocks: dict, from_state: str, to: str, target_id: str, number: str | None,
             now: datetime) -> list:
    """The consultation turned into an order or a complaint, as entries of that one's
    transaction."""
    at = kernel_keys.iso(now)
    consultation.state = "converted"
    consultation.converted = {"to": to, "id": target_id, "number": number, **_by(actor, at)}
    return _settle(actor, consultation, collection, clocks, from_state,
                   "to_order" if to == "order" else "to_complaint",
                   rules.STOPPED_BY_CONVERSION, {"to": to, "id": target_id, "number": number},
                   now)


def act(actor: Actor, consultation_id: str, action_name: str, body: dict) -> dict:
    """One action of the desk with the version the user saw; atomic with its event and
    watches (and, for to_complaint, the complaint it becomes)."""
    action = rules.ACTIONS.get(action_name)
    if action is None:
        raise ValidationFailed(fields={"consultation_action": ("enum", {})})
    data = dict(body.get("data") or {})
    problems = validate(data, schemas.data_schema(action_name), prefix="data")
    if problems:
        raise ValidationFailed(fields=problems)
    consultation, collection = CONSULTATIONS.readable(actor, consultation_id)
    _may_act(actor, consultation)
    if int(body["version"]) != int(consultation.version):
        raise StaleVersion()
    if consultation.state not in action.sources:
        raise InvalidTransition()
    now = kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    from_state, clocks = consultation.state, dict(consultation.clocks or {})
    if action_name == "to_complaint":
        return _to_complaint(actor, consultation, collection, clocks, data, now)
    noted: dict = {}
    if action_name == "take_over":
        consultation.taken_over = {**_by(actor, at), "note": data.get("note")}
        noted = {"note": data.get("note")} if data.get("note") else {}
    elif action_name == "answer":
        consultation.answer = {"text": data["text"], **_by(actor, at)}
        if not consultation.taken_over:  # answering the customer is the desk's contact
            consultation.taken_over = {**_by(actor, at), "note": None}
        noted = {"text": data["text"]}
    elif action_name == "close":
        consultation.closed = {"note": data["note"], **_by(actor, at)}
        noted = {"note": data["note"]}
    consultation.state = action.target
    entries = _settle(actor, consultation, collection, clocks, from_state, action_name,
                      action.stops, noted, now)
    try:
        transact(entries)  # the consultation only if still at the version read
    except VersionConflict:
        raise StaleVersion() from None
    return detail(actor, consultation, CONSULTATIONS.after(consultation, collection, entries))


def _to_complaint(actor: Actor, consultation: Consultation, collection: Collection,
                  clocks: dict, data: dict, now: datetime) -> dict:
    """The complaint form filled with the consultation's customer, channel and outlet; one
    transaction records the complaint (numbered, its clock started) and marks the consultation
    converted."""
    from_state = consultation.state
    complainant = {"name": consultation.customer_name, "phone": consultation.phone}
    if consultation.customer_id:
        complainant["customer_id"] = consultation.customer_id
    body = {**data, "channel": consultation.channel, "complainant": complainant,
            "outlet": consultation.outlet}
    received = kernel_keys.parse_iso(consultation.received_at)
    window = timedelta(days=complaints.RECEIVED_WINDOW_DAYS) - timedelta(hours=1)
    if "received_at" not in body and received >= now - window:
        body["received_at"] = consultation.received_at  # the customer complained then

    def extra(complaint) -> list:
        return _convert(actor, consultation, collection, clocks, from_state, "complaint",
                        complaint.id, complaint.number, now)

    try:
        complaints.record(actor, body, source={"kind": KIND, "id": consultation.id,
                                               "number": consultation.number}, extra=extra,
                          answer=False)  # the answer is the consultation's page
    except ValidationFailed as refusal:  # a field of the form: named as the action's data
        raise ValidationFailed(fields={f"data.{k}": v for k, v in refusal.fields.items()}) \
            from None
    return get(actor, consultation.id)


# ---------------------------------------------------------------- an order made from it

SCRATCH = "consultations"  # what the create's check leaves for its apply and record


def order_check(ctx) -> None:
    """An order's create naming a consultation: it exists, is the order's outlet's and is still
    open or taken over (400 consultation_id not_found; 409 consultation_closed)."""
    consultation_id = ctx.data.get("consultation_id")
    if not consultation_id:
        return
    from chalicelib.modules.consultations.errors import ConsultationClosed

    found = CONSULTATIONS.read(consultation_id)
    if found is None or found[0].outlet != ctx.subject.outlet:
        raise ValidationFailed(fields={"consultation_id": ("not_found", {})})
    consultation, collection = found
    if consultation.state not in rules.CONVERTIBLE:
        raise ConsultationClosed()
    ctx.scratch[SCRATCH] = (consultation, collection, dict(consultation.clocks or {}),
                            consultation.state)


def order_apply(ctx) -> None:
    """The consultation's number on the order's create event."""
    held = ctx.scratch.get(SCRATCH)
    if held is not None:
        ctx.data["consultation_number"] = held[0].number


def order_record(ctx):
    """The consultation converted into the order (its number known now), its event and
    watches, written with the order only if the consultation is still at the version read."""
    from chalicelib.kernel import hooks

    held = ctx.scratch.get(SCRATCH)
    if held is None:
        return None
    consultation, collection, clocks, from_state = held
    order = ctx.subject
    return hooks.Writes(items=_convert(ctx.actor, consultation, collection, clocks, from_state,
                                       "order", order.id, order.number, ctx.now))
