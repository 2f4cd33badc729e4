"""Complaints (客户投诉): recorded by any staff member with a number and the 24 h complaint clock,
judged (stands or not), routed by head office's table, worked through the steps (cause,
approved solution, the customer's answer until satisfied, responsibility, penalty into the
conduct ledger, improvement with its own clock) and closed when every step is recorded.

Every change is one transaction: the complaint on the version the user saw, its event, its
clock watches, its rate fact, and what the change causes elsewhere (the order's timeline entry,
a ledger entry). The rules are domain/lifecycle.py and domain/settings.py; keys are keys.py.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel import idempotency, registry
from chalicelib.kernel.access import outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import HEAD_OFFICE, SYSTEM_NAME, SYSTEM_USERNAME, Actor
from chalicelib.kernel.errors import (
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    ValidationFailed,
)
from chalicelib.kernel.http import reader_language
from chalicelib.kernel.labels import label
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import documents
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import one_page, transact
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.store.models import Item
from chalicelib.kernel.store.numbering import counter_pk, write_numbered
from chalicelib.kernel.subjects import Subjects
from chalicelib.kernel.validation import validate
from chalicelib.modules.complaints import keys
from chalicelib.modules.complaints.domain import lifecycle as rules
from chalicelib.modules.complaints.domain import settings as table
from chalicelib.modules.complaints.errors import (
    ComplaintIncomplete,
    CustomerAnswered,
    PenaltyDecided,
    ResponsibilityMissing,
    SolutionMissing,
    SolutionNotApproved,
)
from chalicelib.modules.complaints.models import (
    Complaint,
    ComplaintEvent,
    ComplaintFact,
    ComplaintSettings,
    ComplaintSettingsChange,
)
from chalicelib.modules.customers import public as customers
from chalicelib.modules.directory import public as directory
from chalicelib.modules.orders import public as orders
from chalicelib.modules.sla import public as sla

KIND = rules.KIND
SETTINGS_MODELS = (ComplaintSettings, ComplaintSettingsChange)  # kept since before the helper
CLOCK, IMPROVEMENT = "complaint", "improvement"
BOARD_LIMIT = 50
RECEIVED_WINDOW_DAYS = rules.RECEIVED_WINDOW_DAYS


def link(complaint_id: str) -> str:
    return f"/complaints/{complaint_id}"


# ---------------------------------------------------------------- settings

def settings_now() -> tuple[dict, int]:
    """Head office's settings and their version (0: the defaults, never saved)."""
    return documents.read(keys.SETTINGS_PK, keys.SETTINGS_SK, table.DEFAULT_SETTINGS,
                          models=SETTINGS_MODELS)


def _settings_view(document: dict, version: int) -> dict:
    return {"settings": document, "version": version}


def settings_view(actor: Actor) -> dict:
    return _settings_view(*settings_now())


def save_settings(actor: Actor, body: dict) -> dict:
    """Head office replaces the settings, checked against the version it saw (0: the
    defaults)."""
    document, seen = body["settings"], int(body["version"])
    problems = table.problems(document)
    if problems:
        raise ValidationFailed(fields=problems)
    _current, version = settings_now()
    if version != seen:
        raise StaleVersion()
    # the audit trail: every version kept as it was saved, by whom and when
    documents.save(actor, keys.SETTINGS_PK, keys.SETTINGS_SK, document, seen,
                   by_name=directory.actor_name(actor), models=SETTINGS_MODELS)
    return _settings_view(document, seen + 1)


# ---------------------------------------------------------------- reading

def may_read(actor: Actor, complaint: Complaint) -> bool:
    """Head office every complaint; an outlet's office (the complaint readers) its outlet's;
    anyone the ones they recorded, and the owner of its improvement measure."""
    if sees_all_outlets(actor) or actor.username in (
            complaint.recorded_by, (complaint.improvement or {}).get("owner")):
        return True
    return registry.permitted(actor.role, "complaints.read") and actor.outlet == complaint.outlet


# a complaint with its events and clock watches in one collection: read (404 to who may not
# see it; the locator of {complaint_id}) and its timeline
COMPLAINTS = Subjects(Complaint, keys.complaint_pk, may_read, event_model=ComplaintEvent,
                      event_prefix="ce", subject_field="complaint_id",
                      actor_name=directory.actor_name, sort_key=keys.SK)


# ---------------------------------------------------------------- the SLA subject

def subject(complaint: Complaint) -> sla.Subject:
    """A complaint as the SLA engine knows it: its number and complainant on the board and in
    notices; its clock tells the outlet's managers (no assignee), its improvement the owner."""
    owner = (complaint.improvement or {}).get("owner")
    return sla.Subject(
        kind=KIND, id=complaint.id, partition=keys.complaint_pk(complaint.id),
        outlet=complaint.outlet, reference=complaint.number or "—",
        title=(complaint.complainant or {}).get("name") or "—",
        clock_assignees={IMPROVEMENT: (owner, complaint.improvement.get("owner_name"))}
        if owner else None)


# ---------------------------------------------------------------- views

def _department_name(settings: dict, code: str | None, lang: str) -> str | None:
    found = table.department(settings, code)
    if found is None:
        return code
    return found["name_en"] if lang == "en" else found["name_zh"]


def summary(complaint: Complaint) -> dict:
    """A complaint as lists show it."""
    return {"id": complaint.id, "number": complaint.number, "outlet": complaint.outlet,
            "state": complaint.state, "status": rules.status_of(complaint.state),
            "kind": complaint.kind_of_complaint, "channel": complaint.channel,
            "complainant_name": (complaint.complainant or {}).get("name"),
            "about": complaint.about or {}, "received_at": complaint.received_at,
            "department": (complaint.route or {}).get("department"),
            "handled_by": (complaint.route or {}).get("handled_by"),
            "repeat": complaint.repeat_of is not None, "loops": rules.loops(complaint.notifications),
            "clocks": sla.clock_views(complaint.clocks, {}, kernel_keys.utc_now(),
                                      detailed=False),
            "created_at": complaint.created_at, "updated_at": complaint.updated_at,
            "openable": True}


def offered(actor: Actor, complaint: Complaint) -> list[str]:
    """The actions the reader may take on the complaint now (the page's buttons)."""
    names = []
    for action in rules.ACTIONS.values():
        if complaint.state not in action.sources:
            continue
        if not registry.permitted(actor.role, f"complaints.action.{action.name}"):
            continue
        try:
            _may_act(actor, complaint, action)
        except Forbidden:
            continue
        if action.name == "complete_improvement" and not _improvement_open(complaint):
            continue
        if action.name == "decide_penalty" and (
                complaint.penalty or not _may_decide_penalty(actor, complaint)):
            continue
        names.append(action.name)
    return names


_SENIOR = ("manager", HEAD_OFFICE)  # whose responsibility and penalty are head office's


def _may_decide_penalty(actor: Actor, complaint: Complaint) -> bool:
    """A penalty on a manager (or head office's own) — or deciding none for them — is head
    office's decision."""
    responsible = (complaint.responsibility or {}).get("person")
    person = directory.staff(responsible) if responsible else None
    return actor.role == HEAD_OFFICE or person is None or person.role not in _SENIOR


def _improvement_open(complaint: Complaint) -> bool:
    return bool(complaint.improvement) and not complaint.improvement.get("done_at")


def _complaint(complaint_id: str) -> Complaint | None:
    """The complaint item alone (one GetItem), without its collection."""
    try:
        return Complaint.get(keys.complaint_pk(complaint_id), keys.SK)
    except DoesNotExist:
        return None


def penalty_proposal(complaint: Complaint, settings: dict) -> dict:
    """The amount a penalty is proposed at (重复反映: the earlier complaint's penalty, or the
    base, times the multiplier)."""
    earlier_amount = None
    earlier = _complaint(complaint.repeat_of["id"]) if complaint.repeat_of else None
    if earlier is not None and earlier.penalty:
        earlier_amount = int(earlier.penalty.get("amount_fen") or 0) or None
    amount = rules.proposed_penalty_fen(complaint.kind_of_complaint, settings,
                                        complaint.repeat_of is not None, earlier_amount)
    return {"amount_fen": amount, "repeat": complaint.repeat_of is not None,
            "repeat_of": complaint.repeat_of, "earlier_amount_fen": earlier_amount,
            "multiplier": settings["repeat_multiplier"]}


def detail(actor: Actor, complaint: Complaint, collection: Collection,
           settings: dict | None = None) -> dict:
    """The complaint page: every field, its timeline, its clocks explained, the reader's
    actions, what closing still needs and the penalty proposed (`settings`: as the caller read
    them, else read now)."""
    lang = reader_language()
    settings = settings if settings is not None else settings_now()[0]
    route = dict(complaint.route) if complaint.route else None
    if route:
        route["department_name"] = _department_name(settings, route["department"], lang)
    in_process = complaint.state == "in_progress"
    return {
        **summary(complaint), "version": int(complaint.version),
        "complainant": complaint.complainant, "content": complaint.content,
        "demand": complaint.demand, "quality": complaint.quality,
        "recorded_by": complaint.recorded_by, "recorded_by_name": complaint.recorded_by_name,
        "judged_by_head_office": rules.judged_by_head_office(complaint.about), "route": route,
        "judgement": complaint.judgement, "cause": complaint.cause,
        "solution": complaint.solution, "notifications": complaint.notifications or [],
        "responsibility": complaint.responsibility, "penalty": complaint.penalty,
        "improvement": complaint.improvement, "repeat_of": complaint.repeat_of,
        "source": complaint.source, "closed": complaint.closed,
        "discarded": complaint.discarded,
        "clocks": sla.clock_views(complaint.clocks, sla.watches_in(collection),
                                  kernel_keys.utc_now(), detailed=True, lang=lang),
        "events": COMPLAINTS.events(collection),
        "actions": offered(actor, complaint),
        "missing": rules.missing_steps(_fields(complaint)) if in_process else [],
        "penalty_proposal": penalty_proposal(complaint, settings)
        if in_process and not complaint.penalty else None,
    }


def _fields(complaint: Complaint) -> dict:
    return {"cause": complaint.cause, "solution": complaint.solution,
            "notifications": complaint.notifications, "responsibility": complaint.responsibility,
            "penalty": complaint.penalty, "improvement": complaint.improvement}


def get(actor: Actor, complaint_id: str) -> dict:
    complaint, collection = COMPLAINTS.readable(actor, complaint_id)
    return detail(actor, complaint, collection)


# ---------------------------------------------------------------- lists

def list_complaints(actor: Actor, params: dict) -> dict:
    """An outlet's complaints (open or done), newest first; head office's own queue with
    queue=head_office; the complaints about a person with about_staff."""
    status = params.get("status") or "open"
    if status not in rules.STATUSES:
        raise ValidationFailed(fields={"status": ("enum", {"choices": "open, done"})})
    limit = limit_of(params)
    if params.get("about_staff"):
        person = directory.staff(params["about_staff"])
        if person is None or not (sees_all_outlets(actor) or person.outlet == actor.outlet):
            raise NotFound()
        partition, index = keys.staff_pk(person.username), Item.gsi3
    elif params.get("queue") == "head_office":
        if not sees_all_outlets(actor):
            raise NotFound()
        partition, index = keys.head_office_pk(status), Item.gsi2
    else:
        outlet = outlet_scope(actor, params.get("outlet"))
        partition, index = keys.board_pk(outlet, status), Item.gsi1

    def read(start):
        page = one_page(index.query(partition, scan_index_forward=False, limit=limit,
                                    page_size=limit, last_evaluated_key=start), Complaint)
        # a person's complaints follow them across outlets: each is shown only to its readers
        page.items = [c for c in page.items if may_read(actor, c)]
        return page

    return read_page("complaints", actor, params, read, summary)


def about_staff(reader: Actor, username: str, limit: int = BOARD_LIMIT) -> list[dict]:
    """The complaints about a person, newest first (their record): whole to those who may read
    each, else only what it is (number, kind, state, when) — not who complained nor the
    page (`openable` false); drafts not yet confirmed only to their readers."""
    found = Item.gsi3.query(keys.staff_pk(username), scan_index_forward=False, limit=limit,
                            page_size=limit)
    listed = []
    for complaint in found:
        if not isinstance(complaint, Complaint):
            continue
        if may_read(reader, complaint):
            listed.append(summary(complaint))
        elif complaint.state != "draft":
            listed.append({**summary(complaint), "complainant_name": None,
                           "about": {"staff": username}, "openable": False})
    return listed


# ---------------------------------------------------------------- writing

def _fact(complaint: Complaint) -> tuple[ComplaintFact, None] | None:
    """The complaint's line of its month's rate (none while a draft: not received yet)."""
    if complaint.state == "draft" or complaint.number is None:
        return None
    fact = ComplaintFact(
        complaint_id=complaint.id, number=complaint.number, outlet=complaint.outlet,
        month=complaint.month, complaint_kind=complaint.kind_of_complaint,
        department=(complaint.route or {}).get("department"),
        valid=(complaint.judgement or {}).get("stands"),
        state=complaint.state, received_at=complaint.received_at,
        # whose complaint it is in their appraisal: the person held responsible once recorded
        # (a complaint about an order names its technician there), else the person named
        staff=(complaint.responsibility or {}).get("person") or (complaint.about or {}).get("staff"))
    keys.index_fact(fact)
    return fact, None


def _writes(complaint: Complaint, clocks: sla.Clocks | None, collection: Collection | None,
            event) -> list:
    """The complaint's change as transaction entries: its watches, its event, its fact."""
    entries = [event]
    if clocks is not None:
        complaint.clocks = clocks.clocks
    entries += sla.watch_writes(subject(complaint), complaint.clocks, collection)
    fact = _fact(complaint)
    if fact is not None:
        entries.append(fact)
    return entries


# ---------------------------------------------------------------- recording

def _service_outlet(actor: Actor, code: str, field_name: str) -> str:
    """An outlet a complaint may belong to: one the recorder may name, not head office."""
    home = directory.outlet(code)
    if home is None or not (sees_all_outlets(actor) or code == actor.outlet):
        raise ValidationFailed(fields={field_name: ("not_found", {})})
    if home.is_head_office:
        raise ValidationFailed(fields={field_name: ("head_office_outlet", {})})
    return home.code


def _complainant(complainant: dict, outlet: str) -> dict:
    """Who complains; a customer named by id must be the complaint's outlet's."""
    found = {k: v for k, v in (complainant or {}).items() if v}
    if found.get("customer_id"):
        customer = customers.get_customer(found["customer_id"])
        if customer is None or customer.outlet != outlet:
            raise ValidationFailed(fields={"complainant.customer_id": ("not_found", {})})
    return found


def _about(actor: Actor, about: dict, outlet_asked: str | None) -> tuple[dict, str, object]:
    """What the complaint is about, each link checked readable by the recorder, the outlet it
    belongs to (the order's, the person's, the named outlet's, the recorder's) and the order
    it names (None: none)."""
    found: dict = {}
    order = None
    outlets: list[tuple[str, str]] = []  # (field, outlet)
    if about.get("order_id"):
        order = orders.get_order(about["order_id"])
        if order is None or not orders.may_read_order(actor, order):
            raise ValidationFailed(fields={"about.order_id": ("not_found", {})})
        found.update(order_id=order.id, order_number=order.number,
                     unit_id=order.equipment_id, unit_name=order.equipment_label)
        outlets.append(("about.order_id", order.outlet))
    if about.get("staff"):
        person = directory.staff(about["staff"])
        if person is None or not (sees_all_outlets(actor) or person.outlet == actor.outlet):
            raise ValidationFailed(fields={"about.staff": ("not_found", {})})
        found.update(staff=person.username, staff_name=person.name, staff_role=person.role)
        outlets.append(("about.staff", _service_outlet(actor, person.outlet, "about.staff")))
    if about.get("outlet"):
        found["outlet"] = _service_outlet(actor, about["outlet"], "about.outlet")
        outlets.append(("about.outlet", found["outlet"]))
    if outlet_asked:
        outlets.append(("outlet", _service_outlet(actor, outlet_asked, "outlet")))
    if not outlets:
        if sees_all_outlets(actor):
            raise ValidationFailed(fields={"outlet": ("required", {})})
        outlets.append(("outlet", _service_outlet(actor, actor.outlet, "outlet")))
    first = outlets[0][1]
    for field_name, code in outlets[1:]:
        if code != first:
            raise ValidationFailed(fields={field_name: ("other_outlet", {})})
    return found, first, order


def _repeat_of(complaint: Complaint, settings: dict) -> dict | None:
    """重复反映: the latest earlier complaint of the same kind about the same person or unit
    within the repeat window, unless it did not stand or was discarded (one index query each)."""
    since = kernel_keys.parse_iso(complaint.received_at) - timedelta(days=settings["repeat_days"])
    about = complaint.about or {}
    for partition, key in ((keys.staff_pk, about.get("staff")), (keys.unit_pk, about.get("unit_id"))):
        if not key:
            continue
        found = Item.gsi4.query(partition(key), Item.gsi4sk >= kernel_keys.iso(since),
                                scan_index_forward=False) if partition is keys.unit_pk else \
            Item.gsi3.query(partition(key), Item.gsi3sk >= kernel_keys.iso(since),
                            scan_index_forward=False)
        for earlier in found:
            if (isinstance(earlier, Complaint) and earlier.id != complaint.id
                    and earlier.kind_of_complaint == complaint.kind_of_complaint
                    and earlier.state not in ("unfounded", "discarded", "draft")
                    and earlier.received_at <= complaint.received_at):
                return {"id": earlier.id, "number": earlier.number,
                        "received_at": earlier.received_at}
    return None


def _received_at(body: dict, now: datetime) -> datetime:
    if not body.get("received_at"):
        return now
    at = kernel_keys.parse_iso(body["received_at"])
    if at is None or at > now + timedelta(minutes=5):
        raise ValidationFailed(fields={"received_at": ("not_in_future", {})})
    if at < now - timedelta(days=RECEIVED_WINDOW_DAYS):
        raise ValidationFailed(fields={"received_at": ("too_old",
                                                       {"days": RECEIVED_WINDOW_DAYS})})
    return at


def new_complaint(actor: Actor | None, body: dict, about: dict, outlet: str, now: datetime,
                  complaint_id: str | None = None, state: str = "registered",
                  source: dict | None = None) -> Complaint:
    """A complaint as recorded (not written; without its number)."""
    at = kernel_keys.iso(now)
    received = _received_at(body, now)
    recorder = actor.username if actor else SYSTEM_USERNAME
    return Complaint(
        id=complaint_id or kernel_keys.new_id("cmp"), number=None, outlet=outlet, state=state,
        kind_of_complaint=body["kind"], channel=body["channel"],
        complainant={k: v for k, v in (body.get("complainant") or {}).items() if v},
        received_at=kernel_keys.iso(received), month=directory.local_month(outlet, received),
        about=about, content=body["content"], demand=body.get("demand") or "—",
        quality=body.get("quality"), recorded_by=recorder,
        recorded_by_name=directory.actor_name(actor) if actor else SYSTEM_NAME,
        clocks={}, source=source, notifications=[], created_at=at, updated_at=at)


def _order_entry(actor: Actor | None, complaint: Complaint, order, at: str) -> list:
    """The complaint on its order's timeline (when it names one)."""
    if order is None:
        return []
    return [orders.step_entry(actor, order, "complaint_recorded", {
        "complaint_id": complaint.id, "number": complaint.number,
        "kind": complaint.kind_of_complaint}, at)]


def _numbered(actor: Actor | None, complaint: Complaint, now: datetime, action: str,
              from_state: str | None, data: dict, extra=None, idem=None,
              new: bool = True, order=None) -> Complaint:
    """Give the complaint its number and write it registered: the clock started, its event,
    its watches, its fact, its order's timeline entry and `extra(complaint)` (another area's
    entries), with the day's counter, in one transaction. `order`: the order it names, as the
    caller read it (else read here)."""
    settings, _version = settings_now()
    at = kernel_keys.iso(now)
    day = directory.local_day(complaint.outlet, now)
    order_id = (complaint.about or {}).get("order_id")
    if order is None and order_id:
        order = orders.get_order(order_id)
    # what does not change with the number, once: the repeat it follows and its clock (counted
    # from when the customer complained, not from the record)
    complaint.repeat_of = _repeat_of(complaint, settings)
    clocks = sla.Clocks(subject(complaint), complaint.clocks, kernel_keys.parse_iso(
        complaint.received_at))
    clocks.start(CLOCK, action)

    def build(value: int) -> list:
        complaint.number = keys.number(complaint.outlet, day, value)
        complaint.updated_at = at
        keys.index(complaint)
        event = COMPLAINTS.event(actor, complaint, action, from_state, {
            **data, "number": complaint.number, "repeat_of": complaint.repeat_of}, at)
        # a new complaint only if absent; a draft registered only at the version read
        # (PynamoDB's own condition)
        entries = [(complaint, Complaint.pk.does_not_exist() if new else None)]
        if idem is not None:
            entries.append((idem, idem.__class__.pk.does_not_exist()))
        entries += _writes(complaint, clocks, None, event)
        entries += _order_entry(actor, complaint, order, at)
        entries += list(extra(complaint)) if extra else []
        return entries

    write_numbered(counter_pk(keys.NUMBER_SERIES, complaint.outlet, day), build)
    return complaint


def record(actor: Actor, body: dict, idempotency_key: str | None = None,
           source: dict | None = None, extra=None, answer: bool = True) -> dict | None:
    """Record a complaint (客户投诉登记表): numbered, its clock started, on its order's timeline.
    `extra(complaint)`: another area's entries of the same transaction (a consultation turned
    into this complaint; `answer` False: that caller answers with its own page). A retried
    request with the same Idempotency-Key returns the first."""
    first = idempotency.earlier(actor, idempotency_key, body)
    if first is not None:
        return get(actor, first)
    about, outlet, order = _about(actor, body.get("about") or {}, body.get("outlet"))
    checked = {**body, "complainant": _complainant(body.get("complainant") or {}, outlet)}
    now = kernel_keys.utc_now()
    complaint = new_complaint(actor, checked, about, outlet, now, source=source)
    # the request as sent: what a retry with the same key is compared with
    idem = idempotency.new_record(actor, idempotency_key, body, KIND, complaint.id)
    won = idempotency.created_once(actor, idempotency_key, body, lambda: _numbered(
        actor, complaint, now, "create", None, {"kind": complaint.kind_of_complaint},
        extra=extra, idem=idem, order=order))
    if won:  # a concurrent retry with the same key wrote first
        return get(actor, won)
    return get(actor, complaint.id) if answer else None


def draft_from_visit(order, data: dict, threshold: int, now: datetime) -> list:
    """A return visit answering "yes" to a conduct question, or scoring the whole service at or
    below the low-score threshold, opens a draft complaint against the order's technician (one
    per order: its key is the order's, written only if absent). The entries of the visit's own
    transaction; none when the answers raise nothing."""
    conduct = [k for k, v in (data.get("conduct") or {}).items() if v]
    overall = (data.get("scores") or {}).get("overall")
    low = overall is not None and int(overall) <= threshold
    if not conduct and not low:
        return []
    about = {"order_id": order.id, "order_number": order.number,
             "unit_id": order.equipment_id, "unit_name": order.equipment_label}
    if order.technician:
        person = directory.staff(order.technician)
        about.update(staff=order.technician, staff_name=order.technician_name,
                     staff_role=person.role if person else "technician")
    kind = "service_solicitation" if conduct else "service_quality"
    said = "、".join(label("visit_conduct", k, "zh") or k for k in conduct)
    content = "；".join(p for p in (
        f"回访中顾客反映：{said}" if conduct else "",
        f"回访总体评分 {overall} 分" if low else "",
        data.get("comments") or "") if p)
    body = {"kind": kind, "channel": "return_visit", "content": content,
            "demand": data.get("suggestions") or "—",
            "complainant": {"name": order.customer_name, "phone": order.customer_phone,
                            "customer_id": order.customer_id}}
    complaint = new_complaint(None, body, about, order.outlet, now,
                              complaint_id=keys.visit_draft_id(order.id), state="draft",
                              source={"kind": "return_visit", "id": order.id,
                                      "number": order.number})
    keys.index(complaint)
    at = kernel_keys.iso(now)
    event = COMPLAINTS.event(None, complaint, "draft_from_visit", None,
                   {"order_number": order.number, "conduct": conduct, "overall": overall}, at)
    return [(complaint, Complaint.pk.does_not_exist()), event]


# ---------------------------------------------------------------- actions

def _handler_side(actor: Actor, complaint: Complaint, head_office_only: bool) -> bool:
    if actor.role == HEAD_OFFICE:
        return True
    return not head_office_only and actor.role == "manager" and actor.outlet == complaint.outlet


def _may_act(actor: Actor, complaint: Complaint, action: rules.Action) -> None:
    """The rule on the object behind the permission table's roles (403 when it fails)."""
    handled_by_hq = (complaint.route or {}).get("handled_by") == "head_office"
    if action.who == rules.REGISTRAR:
        ok = actor.role == HEAD_OFFICE or actor.outlet == complaint.outlet
    elif action.who == rules.JUDGE:
        ok = _handler_side(actor, complaint, rules.judged_by_head_office(complaint.about))
    elif action.who == rules.DESK:
        ok = _handler_side(actor, complaint, handled_by_hq) or (
            not handled_by_hq and actor.role == "agent" and actor.outlet == complaint.outlet)
    elif action.who == rules.OWNER:
        ok = _handler_side(actor, complaint, handled_by_hq) or (
            (complaint.improvement or {}).get("owner") == actor.username)
    else:
        ok = _handler_side(actor, complaint, handled_by_hq)
    if not ok:
        raise Forbidden()


def _person(actor: Actor, username: str, complaint: Complaint, field_name: str):
    """A person named by a step: in the directory, of the complaint's outlet — or, named by
    head office, one of head office's own (400 naming the field)."""
    person = directory.staff(username)
    ours = person is not None and person.outlet == complaint.outlet
    theirs = (person is not None and person.role == HEAD_OFFICE
              and actor.role == HEAD_OFFICE)
    if not (ours or theirs):
        raise ValidationFailed(fields={field_name: ("not_found", {})})
    return person


def _due_instant(complaint: Complaint, day: str, now: datetime) -> datetime:
    """An improvement's due date: the end of that working day at the outlet."""
    try:
        due_day = datetime.strptime(day, "%Y-%m-%d").date()
    except ValueError:
        raise ValidationFailed(fields={"data.due_date": ("invalid", {})}) from None
    home = directory.outlet(complaint.outlet)
    end = time.fromisoformat((home.work_end if home else None) or "17:30")
    due = datetime.combine(due_day, end, tzinfo=directory.zone(complaint.outlet))
    today = now.astimezone(directory.zone(complaint.outlet)).date()
    if due_day <= today or due_day > today + timedelta(days=366):
        raise ValidationFailed(fields={"data.due_date": ("due_date_range", {})})
    return due


def _apply(actor: Actor, complaint: Complaint, action: str, data: dict, now: datetime,
           clocks: sla.Clocks, settings: dict) -> tuple[dict, list]:
    """Change the complaint by the action; returns the event's data and further entries."""
    at = kernel_keys.iso(now)
    by = {"by": actor.username, "by_name": directory.actor_name(actor), "at": at}
    extra: list = []
    noted = dict(data)
    if action == "register":
        raise AssertionError("register is numbered")  # pragma: no cover - see act()
    if action == "discard":
        complaint.discarded = {"reason": data["reason"], **by}
        complaint.state = "discarded"
    elif action == "judge":
        if data["stands"]:
            complaint.judgement = {"stands": True, "reason": data.get("reason"), **by}
            complaint.route = table.route(settings, complaint.kind_of_complaint)
            if rules.judged_by_head_office(complaint.about):  # a manager or an outlet: not theirs
                complaint.route["handled_by"] = "head_office"
            complaint.state = "in_progress"
            noted["route"] = complaint.route
            extra += _tell_handlers(actor, complaint, settings, at)
        else:
            problems = {f"data.{k}": ("required", {}) for k in ("reason", "explanation")
                        if not data.get(k)}
            if problems:
                raise ValidationFailed(fields=problems)
            explanation = {**data["explanation"], "at": data["explanation"].get("at") or at}
            complaint.judgement = {"stands": False, "reason": data["reason"],
                                   "explanation": explanation, **by}
            complaint.state = "unfounded"
            clocks.stop(CLOCK)
    elif action == "record_cause":
        complaint.cause = {"text": data["cause"], **by}
    elif action == "propose_solution":
        complaint.solution = {"id": kernel_keys.new_id("sol"), "text": data["solution"],
                              "approved": False, **by}
    elif action == "approve_solution":
        if not complaint.solution:
            raise SolutionMissing()
        if complaint.solution.get("approved"):
            raise InvalidTransition()
        complaint.solution = {**complaint.solution, "approved": True,
                              "approved_by": actor.username,
                              "approved_by_name": by["by_name"], "approved_at": at,
                              "approval_note": data.get("note")}
    elif action == "notify_customer":
        if not (complaint.solution or {}).get("approved"):
            raise SolutionNotApproved()
        if not rules.may_notify(_fields(complaint)):
            raise CustomerAnswered()
        answer = {"channel": data["channel"], "answer": data["answer"],
                  "note": data.get("note"), "told_at": _told_at(complaint, data, now),
                  "solution": complaint.solution["text"],
                  "solution_id": complaint.solution.get("id"), **by}
        complaint.notifications = [*(complaint.notifications or []), answer]
        if data["answer"] == "not_satisfied":
            complaint.solution = {**complaint.solution, "approved": False, "rejected_at": at}
            noted["loops"] = rules.loops(complaint.notifications)
            if not clocks.is_open(CLOCK):  # satisfied before, not with the new solution: the
                clocks.start(CLOCK, action)  # complaint is open to the customer again
        else:
            clocks.stop(CLOCK)
    elif action == "record_responsibility":
        if complaint.penalty:
            raise PenaltyDecided()  # the penalty was decided on this responsibility
        problems = rules.responsibility_problems(data)
        if problems:
            raise ValidationFailed(fields=problems)
        found = {"kind": data["kind"], "reason": data.get("reason"), **by}
        if data["kind"] == "person":
            person = _person(actor, data["person"], complaint, "data.person")
            if person.role in _SENIOR and actor.role != HEAD_OFFICE:
                raise Forbidden()  # a manager's responsibility is head office's to record
            found.update(person=person.username, person_name=person.name)
        elif data["kind"] == "department":
            if table.department(settings, data["department"]) is None:
                raise ValidationFailed(fields={"data.department": ("unknown_department", {})})
            found["department"] = data["department"]
        complaint.responsibility = found
    elif action == "decide_penalty":
        extra += _decide_penalty(actor, complaint, data, now, settings, by)
        noted = {**noted, "amount_fen": complaint.penalty.get("amount_fen"),
                 "person": complaint.penalty.get("person")}
    elif action == "plan_improvement":
        owner = _person(actor, data["owner"], complaint, "data.owner")
        due = _due_instant(complaint, data["due_date"], now)
        complaint.improvement = {"measure": data["measure"], "owner": owner.username,
                                 "owner_name": owner.name, "due_date": data["due_date"],
                                 "due_at": kernel_keys.iso(due), "done_at": None,
                                 "result": None, **by}
        clocks.start_agreed(IMPROVEMENT, due, action)
    elif action == "complete_improvement":
        if not _improvement_open(complaint):
            raise InvalidTransition()
        complaint.improvement = {**complaint.improvement, "done_at": at,
                                 "result": data["result"], "done_by": actor.username}
        clocks.stop(IMPROVEMENT)
    elif action == "close":
        missing = rules.missing_steps(_fields(complaint))
        if missing:
            raise ComplaintIncomplete(fields={step: ("step_missing", {}) for step in missing})
        complaint.closed = {"summary": data["summary"], **by}
        complaint.state = "closed"
        clocks.stop(CLOCK)
    return noted, extra


def _told_at(complaint: Complaint, data: dict, now: datetime) -> str:
    """When the customer was told: given (not in the future, not before the complaint) or now."""
    if not data.get("at"):
        return kernel_keys.iso(now)
    told = kernel_keys.parse_iso(data["at"])
    if told is None or told > now + timedelta(minutes=5):
        raise ValidationFailed(fields={"data.at": ("not_in_future", {})})
    if kernel_keys.iso(told) < complaint.received_at:
        raise ValidationFailed(fields={"data.at": ("not_before_received", {})})
    return kernel_keys.iso(told)


def _tell_handlers(actor: Actor, complaint: Complaint, settings: dict, at: str) -> list:
    """A valid complaint routed: its handlers are told (head office for a head-office
    department, else the outlet's managers), except whoever judged it."""
    from chalicelib.modules.notifications import public as notifications

    if complaint.route["handled_by"] == "head_office":
        people = directory.head_office_staff()
    else:
        people = directory.staff_now(complaint.outlet, "manager")
    people = [p for p in people if p.active and p.username != actor.username]
    department = table.department(settings, complaint.route["department"]) or {}
    title = {lang: f"【{label('notice', 'complaint_routed', lang)}】{complaint.number}"
             for lang in ("zh", "en")}
    body = {"zh": f"投诉 {complaint.number} 经判定成立，转{department.get('name_zh', '')}处理："
                  f"{complaint.content[:80]}",
            "en": f"Complaint {complaint.number} stands and goes to "
                  f"{department.get('name_en', '')}: {complaint.content[:80]}"}
    return notifications.tell_entries(
        people, at=at, level="handoff", notice="complaint_routed", title=title, body=body,
        link=link(complaint.id), subject_kind=KIND, subject_id=complaint.id,
        reference=complaint.number)


def _decide_penalty(actor: Actor, complaint: Complaint, data: dict, now: datetime,
                    settings: dict, by: dict) -> list:
    """责任处罚: once; after the responsibility; a penalty lands in the person's ledger for the
    month it is decided in (the conduct area's entry, in this transaction)."""
    if complaint.penalty:
        raise PenaltyDecided()
    if not complaint.responsibility:
        raise ResponsibilityMissing()
    if not _may_decide_penalty(actor, complaint):
        raise Forbidden()  # a manager's penalty (or none) is head office's to decide
    problems = rules.penalty_problems(data, complaint.responsibility)
    if problems:
        raise ValidationFailed(fields=problems)
    proposal = penalty_proposal(complaint, settings)
    decided = {"decision": data["decision"], "reason": data.get("reason"),
               "proposed_fen": proposal["amount_fen"], "repeat": proposal["repeat"], **by}
    if data["decision"] == "none":
        complaint.penalty = decided
        return []
    responsible = complaint.responsibility.get("person")
    if responsible and data.get("person") not in (None, responsible):
        # the penalty falls on the person held responsible (a department's: on a person named)
        raise ValidationFailed(fields={"data.person": ("not_responsible", {})})
    username = data.get("person") or responsible
    if not username:
        raise ValidationFailed(fields={"data.person": ("required", {})})
    person = _person(actor, username, complaint, "data.person")
    if person.role in _SENIOR and actor.role != HEAD_OFFICE:
        raise Forbidden()  # a manager's (or head office's) penalty is head office's to decide
    from chalicelib.modules.conduct import public as conduct

    amount = int(data.get("amount_fen") or 0)
    month = directory.local_month(person.outlet, now)
    complaint.penalty = {**decided, "person": person.username, "person_name": person.name,
                         "penalty_kind": data["penalty_kind"], "amount_fen": amount,
                         "month": month}
    return [conduct.entry_write(
        person, "penalty", amount, data.get("reason") or complaint.content[:200],
        {"kind": KIND, "id": complaint.id, "number": complaint.number}, actor, now,
        penalty_kind=data["penalty_kind"])]


def act(actor: Actor, complaint_id: str, action_name: str, body: dict) -> dict:
    """One action of the process with the version the user saw; atomic with its event, its
    watches, its fact and what it causes (a ledger entry, the order's timeline)."""
    action = rules.ACTIONS.get(action_name)
    if action is None:
        raise ValidationFailed(fields={"complaint_action": ("enum", {})})
    complaint, collection = COMPLAINTS.readable(actor, complaint_id)
    _may_act(actor, complaint, action)
    problems = validate(body.get("data") or {}, action.schema, prefix="data")
    if problems:
        raise ValidationFailed(fields=problems)
    data = dict(body.get("data") or {})
    if int(body["version"]) != int(complaint.version):
        raise StaleVersion()
    if complaint.state not in action.sources:
        raise InvalidTransition()
    now = kernel_keys.utc_now()
    from_state = complaint.state
    if action_name == "register":
        complaint.state = "registered"
        try:
            _numbered(actor, complaint, now, "register", from_state,
                      {"note": data.get("note")}, new=False)
        except (VersionConflict, AlreadyExists):
            raise StaleVersion() from None
        return get(actor, complaint.id)
    settings, _version = settings_now()
    clocks = sla.Clocks(subject(complaint), complaint.clocks, now)
    noted, extra = _apply(actor, complaint, action_name, data, now, clocks, settings)
    if clocks.changed:
        noted["clocks"] = sorted(clocks.changed)
    complaint.updated_at = kernel_keys.iso(now)
    keys.index(complaint)
    event = COMPLAINTS.event(actor, complaint, action_name, from_state, noted,
                             complaint.updated_at)
    # the complaint only if still at the version read (PynamoDB's condition)
    entries = [(complaint, None), *_writes(complaint, clocks, collection, event), *extra]
    try:
        transact(entries)
    except VersionConflict:
        raise StaleVersion() from None
    return detail(actor, complaint, COMPLAINTS.after(complaint, collection, entries), settings)
