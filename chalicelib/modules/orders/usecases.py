"""Work-order use cases: record feedback, apply lifecycle actions, read and list orders."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from chalicelib.kernel import idempotency
from chalicelib.kernel.access import outlet_scope
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import (
    EvidenceMissing,
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    UnknownActionError,
    ValidationFailed,
)
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.validation import parse_date, parse_datetime, validate
from chalicelib.modules.customers import store as customer_store
from chalicelib.modules.directory import usecases as directory
from chalicelib.modules.evidence import reports
from chalicelib.modules.evidence import store as evidence_store
from chalicelib.modules.evidence import usecases as evidence
from chalicelib.modules.evidence.domain import rules as evidence_rules
from chalicelib.modules.evidence.models import Attachment, ServiceReport
from chalicelib.modules.figures import kpi
from chalicelib.modules.orders import store
from chalicelib.modules.orders.access import assignees, ensure_order_readable
from chalicelib.modules.orders.domain import lifecycle
from chalicelib.modules.orders.domain.enums import PRIORITIES
from chalicelib.modules.orders.domain.intake import (
    ACTION_BODY_SCHEMA,
    INTAKE_SCHEMA,
    MAX_CLOCK_SKEW_SECONDS,
    PAST_ONLY_FIELDS,
)
from chalicelib.modules.orders.models import OrderEvent, WorkOrder
from chalicelib.modules.sla import clocks as sla
from chalicelib.modules.sla.domain.policy import great_circle_km

METRIC_FOR_ACTION = {"dispatch": "OrdersDispatched", "complete": "OrdersCompleted",
                     "archive": "OrdersArchived", "cancel": "OrdersCancelled"}


# ---------------------------------------------------------------- views

def order_view(order: WorkOrder) -> dict:
    steps = order.steps or {}
    return {
        "id": order.id, "number": order.number, "outlet": order.outlet, "state": order.state,
        "version": int(order.version), "type": order.type, "priority": order.priority,
        "channel": order.channel, "coverage": order.coverage,
        "customer_id": order.customer_id, "customer_name": order.customer_name,
        "customer_phone": order.customer_phone, "site_id": order.site_id,
        "site_name": order.site_name, "site_address": order.site_address,
        "equipment_id": order.equipment_id, "equipment_label": order.equipment_label,
        "description": order.description, "fault_started_at": order.fault_started_at,
        "impact": order.impact, "technician": order.technician,
        "technician_name": order.technician_name, "helpers": list(order.helpers or []),
        "hold": order.hold, "cancel_reason": order.cancel_reason,
        "distance_km": order.distance_km, "distance_source": order.distance_source,
        "clocks": sla.clock_views(order, {}, keys.utc_now(), detailed=False),
        "created_at": order.created_at, "created_by": order.created_by,
        "updated_at": order.updated_at,
        **{step: steps.get(step) for step in (
            "dispatch", "contact", "arrival", "survey", "plan", "approval", "completion",
            "acceptance", "objection", "return_visit", "archive")},
    }


def event_view(event: OrderEvent) -> dict:
    return {"id": event.id, "at": event.at, "action": event.action,
            "actor": {"username": event.actor_username, "name": event.actor_name,
                      "role": event.actor_role},
            "from_state": event.from_state, "to_state": event.to_state,
            "data": event.data or {}, "version": int(event.order_version)}


def detail_view(actor: Actor, order: WorkOrder, events: list[OrderEvent],
                watches: dict | None = None, attachments: list[Attachment] = (),
                reports_: list[ServiceReport] = ()) -> dict:
    allowed = lifecycle.allowed_actions(order.state, actor, assignees(order))
    if not sla.has_open_clock(order):
        allowed = [a for a in allowed if a != "extend_clock"]
    return {**order_view(order), "events": [event_view(e) for e in events],
            "clocks": sla.clock_views(order, watches or {}, keys.utc_now(), detailed=True),
            "allowed_actions": allowed,
            "attachments": evidence.views(list(attachments)),
            "reports": reports.views(list(reports_)),
            "evidence": evidence.summary(actor, order, list(attachments))}


# ---------------------------------------------------------------- reading

def get_detail(actor: Actor, order_id: str) -> dict:
    found = store.get_order_with_events(order_id)
    if found is None:
        raise NotFound()
    ensure_order_readable(actor, found.order)
    return detail_view(actor, found.order, found.events, found.watches, found.attachments,
                       found.reports)


def get_detail_by_number(actor: Actor, number: str) -> dict:
    order = store.find_by_number(number)
    if order is None:
        raise NotFound()
    return get_detail(actor, order.id)  # checks that the actor may read it


LIST_FILTERS = ("outlet", "state", "priority", "technician", "from", "to", "number",
                "customer", "equipment", "mine", "limit", "cursor")


def _day_bounds(value: str, field: str, tz: ZoneInfo, end: bool) -> str:
    day = parse_date(value)
    if day is None:
        raise ValidationFailed(fields={field: ("format_date", {})})
    moment = datetime.combine(day + timedelta(days=1) if end else day, datetime.min.time(), tz)
    return keys.iso(moment)


def list_orders(actor: Actor, params: dict) -> dict:
    unknown = sorted(set(params) - set(LIST_FILTERS))
    if unknown:
        raise ValidationFailed(fields={name: ("additionalProperties", {}) for name in unknown})
    limit = limit_of(params)
    state, priority = params.get("state"), params.get("priority")
    if state and state not in lifecycle.STATES:
        raise ValidationFailed(fields={"state": ("enum", {"choices": ", ".join(lifecycle.STATES)})})
    if priority and priority not in PRIORITIES:
        raise ValidationFailed(fields={"priority": ("enum", {"choices": ", ".join(PRIORITIES)})})

    if params.get("number"):
        order = store.find_by_number(params["number"])
        try:
            if order is None:
                raise NotFound()
            ensure_order_readable(actor, order)
        except NotFound:
            return {"items": [], "next_cursor": None}
        return {"items": [order_view(order)], "next_cursor": None}

    technician_only = actor.role == "technician"
    outlet = actor.outlet if technician_only else outlet_scope(actor, params.get("outlet"))
    tz = directory.zone(outlet) if params.get("from") or params.get("to") else None
    created_from = _day_bounds(params["from"], "from", tz, end=False) if params.get("from") else None
    created_to = _day_bounds(params["to"], "to", tz, end=True) if params.get("to") else None
    if created_from and created_to and created_from >= created_to:
        raise ValidationFailed(fields={"to": ("after_start", {})})
    filters: dict = {}
    if priority:
        filters["priority"] = priority

    technician = actor.username if technician_only else params.get("technician")
    if params.get("equipment") or params.get("customer"):
        by_equipment = bool(params.get("equipment"))
        partition = (keys.equipment_orders(outlet, params["equipment"]) if by_equipment
                     else keys.customer_orders(outlet, params["customer"]))
        q = store.OrderQuery("gsi5" if by_equipment else "gsi4", partition,
                             sk_from=created_from, sk_to=created_to)
        filters["outlet"] = outlet
        if state:
            filters["state"] = state
        if technician:
            filters["technician"] = technician
    elif technician:
        mine_open = params.get("mine") in ("1", "true")
        q = store.OrderQuery("gsi3", keys.technician_jobs(outlet, technician),
                             sk_prefix="OPEN#" if mine_open else None)
        if created_from or created_to:
            q.created_range = (created_from or "", created_to or "")
        filters["outlet"] = outlet
        if state:
            filters["state"] = state
    elif state:
        q = store.OrderQuery("gsi2", keys.outlet_state(outlet, state),
                             sk_from=created_from, sk_to=created_to)
    else:
        q = store.OrderQuery("gsi1", keys.outlet_orders(outlet),
                             sk_from=created_from, sk_to=created_to)
    q.filters = filters
    return read_page("work_orders", actor, params,
                     lambda start: store.query_orders(q, limit, start), order_view)


# ---------------------------------------------------------------- recording feedback

def create_order(actor: Actor, payload: object, idempotency_key: str | None) -> tuple[dict, bool]:
    """Record customer feedback as a new order in state `received`.

    Returns (detail, created). With an Idempotency-Key, a retry returns the first order.
    """
    problems = validate(payload, INTAKE_SCHEMA)
    if problems:
        raise ValidationFailed(fields=problems)
    assert isinstance(payload, dict)
    first = idempotency.earlier(actor, idempotency_key, payload)
    if first:
        return get_detail(actor, first), False

    customer, sites, equipment = customer_store.get_customer_with_parts(payload["customer_id"])
    if customer is None or customer.outlet != actor.outlet:
        raise ValidationFailed(fields={"customer_id": ("not_found", {})})
    site = next((s for s in sites if s.id == payload.get("site_id")), None)
    if payload.get("site_id") and site is None:
        raise ValidationFailed(fields={"site_id": ("not_found", {})})
    unit = next((e for e in equipment if e.id == payload.get("equipment_id")), None)
    if payload.get("equipment_id") and unit is None:
        raise ValidationFailed(fields={"equipment_id": ("not_found", {})})
    if unit is not None and site is None and unit.site_id:
        site = next((s for s in sites if s.id == unit.site_id), None)

    home = directory.outlet(actor.outlet)
    if home is None:
        raise Forbidden("outlet unknown")
    distance, source = _distance(home, site, payload.get("distance_km"))
    now = keys.utc_now()
    _check_times(payload, now, prefix="")
    day = now.astimezone(ZoneInfo(home.timezone)).strftime("%Y%m%d")
    at = keys.iso(now)
    order = WorkOrder(
        id=keys.new_id("wo"), outlet=home.code, state="received", type=payload["type"],
        priority=payload["priority"],
        channel=payload["channel"], coverage=payload.get("coverage", "unknown"),
        customer_id=customer.id, customer_name=customer.name, customer_phone=customer.phone,
        site_id=site.id if site else None, site_name=site.name if site else None,
        site_address=(site.address if site else None) or payload.get("location") or customer.address,
        equipment_id=unit.id if unit else None,
        equipment_label=f"{unit.model} / {unit.serial_no}" if unit else None,
        description=payload["description"], fault_started_at=payload.get("fault_started_at"),
        impact=payload.get("impact"), helpers=[], steps={}, created_at=at,
        created_by=actor.username, updated_at=at, distance_km=distance, distance_source=source,
    )
    sla.apply(order, "create", payload, now, actor.username)
    event = _event(actor, order, "create", None, "received", payload, at, version=1)
    idem = idempotency.new_record(actor, idempotency_key, payload, "work_order", order.id)
    repeat = kpi.repeat_of(order, now)

    def numbered(number: str):
        """The writes of the order under `number` (the store takes the day's next number in the
        same transaction, and asks again with the following one if another create took it)."""
        order.number = number
        return order, event, sla.watches_for(order, {}), kpi.facts_for("create", order, at, repeat)

    try:
        store.create_order(store.NumberSeries(home.code, home.number_prefix, day), numbered, idem)
    except AlreadyExists:  # a concurrent retry with the same key created it first
        return get_detail(actor, idempotency.earlier(actor, idempotency_key, payload)), False
    count("OrdersCreated")
    logger.info("order created", extra={"order": order.number, "outlet": order.outlet})
    return detail_view(actor, order, [event]), True


def _distance(home, site, entered: float | None) -> tuple[float | None, str | None]:
    """Great-circle from the outlet's and the site's coordinates; else what the agent entered;
    else the distance recorded on the site."""
    if site is not None and site.lat is not None and home.lat is not None:
        return great_circle_km(home.lat, home.lng, site.lat, site.lng), "coordinates"
    if entered is not None:
        return float(entered), "agent"
    if site is not None and site.distance_km is not None:
        return float(site.distance_km), "site"
    return None, None


def _event(actor: Actor, order: WorkOrder, action: str, from_state: str | None, to_state: str,
           data: dict, at: str, version: int) -> OrderEvent:
    return OrderEvent(
        id=keys.new_id("ev"), order_id=order.id, at=at, action=action,
        actor_username=actor.username, actor_name=directory.actor_name(actor),
        actor_role=actor.role, from_state=from_state, to_state=to_state, data=data,
        order_version=version,
    )


# ---------------------------------------------------------------- lifecycle actions

def apply_action(actor: Actor, order_id: str, action_name: str, body: object) -> dict:
    """Apply one lifecycle action with the version the user saw; atomic with its event."""
    if action_name not in lifecycle.ACTIONS:
        raise UnknownActionError(fields={"action": ("enum", {"choices": ", ".join(lifecycle.ACTIONS)})})
    action = lifecycle.ACTIONS[action_name]
    problems = validate(body, ACTION_BODY_SCHEMA)
    if not problems:
        problems = validate(body.get("data", {}), action.schema, prefix="data")
    if problems:
        raise ValidationFailed(fields=problems)
    data: dict = dict(body.get("data") or {})

    found = store.get_order_with_events(order_id)  # one query: the reply needs the timeline too
    if found is None:
        raise NotFound()
    order = found.order
    ensure_order_readable(actor, order)
    if not lifecycle.may_act(action, actor, assignees(order)):
        raise Forbidden()
    if body["version"] != order.version:
        raise StaleVersion(current=order_view(order))
    try:
        target = lifecycle.next_state(action, order.state, (order.hold or {}).get("previous_state"))
    except lifecycle.NotAllowedInState:
        raise InvalidTransition(state=order.state, action=action_name) from None

    now = keys.utc_now()
    _check_times(data, now)
    if action.name in ("dispatch", "reassign"):
        data = _check_dispatch(order, data)
    elif action.name == "complete":
        _check_evidence(order, found.attachments)
    elif action.name == "accept":
        _check_signature(actor, order, found.attachments, data)

    at = keys.iso(now)
    before = order.state
    record = {**data, "by": actor.username, "at": at}
    steps = dict(order.steps or {})
    if action.step:
        steps[action.step] = record
    order.steps = steps
    if action.name in ("dispatch", "reassign"):
        order.technician = data["technician"]
        order.technician_name = data["technician_name"]
        order.helpers = data.get("helpers", [])
    elif action.name == "hold":
        order.hold = {"reason": data["reason"], "kind": data["kind"], "previous_state": before,
                      "since": at, "by": actor.username}
    elif action.name == "resume":
        data["on_hold_since"] = (order.hold or {}).get("since")
        order.hold = None
    elif action.name == "cancel":
        order.cancel_reason = data["reason"]
    elif action.name == "correct_distance":
        data["previous_distance_km"] = order.distance_km
    elif action.name == "correct_report":
        data = _correct(order, data)
    order.state = target
    changed = sla.apply(order, action.name, data, now, actor.username)
    if changed:
        data["clocks"] = sorted(changed)
    order.updated_at = at
    report, extra = None, []
    if action.name in ("accept", "correct_report"):
        report = reports.issue(actor, order, found.attachments, found.reports, at,
                               data.get("reason") if action.name == "correct_report" else None)
        data["report"] = reports.summary_of(report)
    extra += kpi.facts_for(action.name, order, at)
    event = _event(actor, order, action.name, before, target, data, at, version=order.version + 1)
    if report:  # listed on the timeline right after the action that issued it (1 ms later)
        issued = _event(actor, order, "report_issued", target, target, reports.summary_of(report),
                        keys.iso(now + timedelta(milliseconds=1)), version=order.version + 1)
        extra += [evidence_store.report_write(report), store.event_write(issued)]
    watches = sla.watches_for(order, found.watches)
    try:
        store.save_transition(order, event, watches, extra)
    except VersionConflict:
        if report:
            reports.discard(report)
        current = store.get_order(order_id)
        raise StaleVersion(current=order_view(current) if current else None) from None
    except Exception:
        if report:
            reports.discard(report)
        raise
    if action.name in METRIC_FOR_ACTION:
        count(METRIC_FOR_ACTION[action.name])
    logger.info("order action", extra={"order": order.number, "action": action.name,
                                       "from": before, "to": target})
    events = [*found.events, event, *[item for item, _ in extra if isinstance(item, OrderEvent)]]
    return detail_view(actor, order, events, {**found.watches, **{w.clock: w for w in watches}},
                       found.attachments, [*found.reports, *([report] if report else [])])


def _check_evidence(order: WorkOrder, attachments: list[Attachment]) -> None:
    """The repair is complete only with the photos the outlet's policy requires."""
    policy = evidence.policy_for(order.outlet)
    counts = evidence_rules.photo_counts(attachments)
    short = [r for r in evidence_rules.requirements(policy, counts) if r["have"] < r["min"]]
    if short:
        raise EvidenceMissing(fields={
            f"photos.{r['category']}": ("min_photos", {
                "category": evidence.CATEGORY_NAMES[r["category"]], "min": r["min"],
                "have": r["have"]}) for r in short})


def _check_signature(actor: Actor, order: WorkOrder, attachments: list[Attachment],
                     data: dict) -> None:
    """On site (a technician records the acceptance) the customer signs, when the policy says
    so; an agent recording an acceptance given by phone has no signature to show."""
    wanted = data.get("signature_id")
    if wanted:
        found = next((a for a in attachments if a.id == wanted), None)
        if found is None or found.evidence_kind != "signature" or found.status != "verified":
            raise ValidationFailed(fields={"data.signature_id": ("not_signature", {})})
        return
    if actor.role == "technician" and evidence.policy_for(order.outlet).get("signature_required"):
        raise ValidationFailed(fields={"data.signature_id": ("signature_required", {})})


def _correct(order: WorkOrder, data: dict) -> dict:
    """Apply a report correction to the recorded step data; keep what it replaced."""
    steps = dict(order.steps or {})
    places = {"fault_cause": "completion", "solution": "completion", "opinion": "acceptance"}
    previous = {}
    for name, step in places.items():
        if name in data:
            record = dict(steps.get(step) or {})
            previous[name] = record.get(name)
            record[name] = data[name]
            steps[step] = record
    order.steps = steps
    return {**data, "previous": previous}


def _check_times(data: dict, now: datetime, prefix: str = "data.") -> None:
    limit = now + timedelta(seconds=MAX_CLOCK_SKEW_SECONDS)
    problems = {f"{prefix}{name}": ("future", {}) for name in PAST_ONLY_FIELDS
                if name in data and parse_datetime(data[name]) > limit}
    if problems:
        raise ValidationFailed(fields=problems)


def _check_dispatch(order: WorkOrder, data: dict) -> dict:
    """The technician and helpers must be active technicians of the order's outlet."""
    problems = {}
    lead = directory.staff(data["technician"])
    if not lead or lead.outlet != order.outlet or lead.role != "technician" or not lead.active:
        problems["data.technician"] = ("not_outlet_technician", {})
    helpers = list(dict.fromkeys(data.get("helpers", [])))
    for i, name in enumerate(helpers):
        helper = directory.staff(name)
        if (name == data["technician"] or not helper or helper.outlet != order.outlet
                or helper.role != "technician"):
            problems[f"data.helpers.{i}"] = ("not_outlet_technician", {})
    if problems:
        raise ValidationFailed(fields=problems)
    return {**data, "helpers": helpers, "technician_name": lead.name}

