"""Work-order use cases: record feedback, apply lifecycle actions, read and list orders."""

from __future__ import annotations

import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from chalicelib.kernel import hooks, idempotency
from chalicelib.kernel.access import may_read_outlet, outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import SYSTEM_NAME, SYSTEM_USERNAME, Actor
from chalicelib.kernel.errors import (
    Forbidden,
    InvalidTransition,
    NotFound,
    StaleVersion,
    TooManyChanges,
    UnknownActionError,
    ValidationFailed,
)
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Page, entry_item
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.errors import AlreadyExists, TooManyItems, VersionConflict
from chalicelib.kernel.validation import parse_date, parse_datetime, validate
from chalicelib.modules.customers import public as customers
from chalicelib.modules.directory import public as directory
from chalicelib.modules.orders import store
from chalicelib.modules.orders.access import assignees, ensure_order_readable, may_read_order
from chalicelib.modules.orders.domain import lifecycle
from chalicelib.modules.orders.domain.dispatching import agreed_visit
from chalicelib.modules.orders.domain.enums import PRIORITIES
from chalicelib.modules.orders.domain.intake import (
    LIST_FILTERS,
    MAX_CLOCK_SKEW_SECONDS,
    OPEN_ORDER_FILTERS,
    PAST_ONLY_FIELDS,
    UNFINISHED_STATES,
)
from chalicelib.modules.orders.domain.lifecycle import action_schema
from chalicelib.modules.orders.models import OrderEvent, WorkOrder
from chalicelib.modules.orders.public import KIND
from chalicelib.modules.orders.row import LIST_ROW
from chalicelib.modules.sla import public as sla

# what a hook notes at intake that the create event records with it (the warranty area's
# coverage decision: the timeline shows what was decided at intake)
# what the other areas' create hooks note that the create event keeps (the contracts area: the
# contract an order is under and its call-out, or the call-out beyond it)
RECORDED_AT_CREATE = ("coverage_decision", "consultation_number", "contract",
                      "callout_exceeded")
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
        "job_class": order.job_class,
        "hold": order.hold, "cancel_reason": order.cancel_reason,
        "distance_km": order.distance_km, "distance_source": order.distance_source,
        # the visit agreed with the customer, as the dispatch rules read it (None when voided)
        "agreed_visit_at": agreed_visit(order.steps),
        **hooks.summary_fields(KIND, order),  # the other areas' fields (its SLA clocks)
        "created_at": order.created_at, "created_by": order.created_by,
        "updated_at": order.updated_at,
        **{step: steps.get(step) for step in (
            "dispatch", "contact", "arrival", "survey", "plan", "approval", "completion",
            "acceptance", "objection", "return_visit", "archive")},
    }


def row_view(order: WorkOrder) -> dict:
    """An order as the lists show it (row.LIST_ROW, and the clocks from the rows' copy), from
    a list row or a whole order alike."""
    return {**{name: getattr(order, name) for name in LIST_ROW},
            "helpers": list(order.helpers or []),
            **hooks.summary_fields(KIND, _as_row(order))}


def _as_row(order: WorkOrder) -> WorkOrder:
    """A whole order as its list row (what its index entries carry), so that a list shows the
    same of it however it was read: its clocks as their list copy (`sla`)."""
    if order.sla is None:  # a row already, or stored before the copy existed: as it is
        return order
    return WorkOrder(**{name: getattr(order, name) for name in (*LIST_ROW, "sla")})


def event_view(event: OrderEvent) -> dict:
    return {"id": event.id, "at": event.at, "action": event.action,
            "actor": {"username": event.actor_username, "name": event.actor_name,
                      "role": event.actor_role},
            "from_state": event.from_state, "to_state": event.to_state,
            "data": event.data or {}, "version": int(event.order_version)}


def detail_view(actor: Actor, order: WorkOrder, items: Collection) -> dict:
    """The order with its timeline, the actions the actor may take now, and what the other
    areas show of it, from their items in its collection (clocks, attachments, reports)."""
    allowed = [a for a in lifecycle.allowed_actions(order.state, actor, assignees(order))
               if hooks.offered(KIND, a, order, items)]
    return {**order_view(order), "events": [event_view(e) for e in items.of(OrderEvent)],
            "allowed_actions": allowed, "next_actions": lifecycle.next_actions(order.state, allowed),
            **hooks.detail_fields(KIND, actor, order, items)}


# ---------------------------------------------------------------- reading

def get_detail(actor: Actor, order_id: str) -> dict:
    found = store.get_order_with_items(order_id)
    if found is None:
        raise NotFound()
    ensure_order_readable(actor, found.order)
    return detail_view(actor, found.order, found.items)


def get_detail_by_number(actor: Actor, number: str) -> dict:
    order_id = store.id_of_number(number)  # the collection's query reads the order itself
    if order_id is None:
        raise NotFound()
    return get_detail(actor, order_id)  # checks that the actor may read it




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

    if "q" in params:
        return _search(actor, params, limit)
    if params.get("number"):
        order = store.find_by_number(params["number"])
        try:
            if order is None:
                raise NotFound()
            ensure_order_readable(actor, order)
        except NotFound:
            return {"items": [], "next_cursor": None}
        return {"items": [row_view(order)], "next_cursor": None}

    technician_only = actor.role == "technician"
    if technician_only:
        outlet = actor.outlet
    elif sees_all_outlets(actor) and not params.get("outlet"):
        # the network: one outlet when a technician or customer filter names it, else o7
        outlet = _implied_outlet(actor, params)
        if outlet is None:
            return _network_list(actor, params, limit)
        if outlet == "":
            return {"items": [], "next_cursor": None}
    else:
        outlet = outlet_scope(actor, params.get("outlet"))
    created_from, created_to = _created_range(params, outlet)
    filters: dict = {}
    if priority:
        filters["priority"] = priority

    technician = actor.username if technician_only else params.get("technician")
    if params.get("equipment") or params.get("customer"):
        by_equipment = bool(params.get("equipment"))
        partition = (keys.equipment_orders(outlet, params["equipment"]) if by_equipment
                     else keys.customer_orders(outlet, params["customer"]))
        q = store.OrderQuery(5 if by_equipment else 4, partition,
                             sk_from=created_from, sk_to=created_to)
        filters["outlet"] = outlet
        if state:
            filters["state"] = state
        if technician:
            filters["technician"] = technician
    elif technician:
        mine_open = params.get("mine") in ("1", "true")
        q = store.OrderQuery(3, keys.technician_jobs(outlet, technician),
                             sk_prefix="OPEN#" if mine_open else None)
        if created_from or created_to:
            q.created_range = (created_from or "", created_to or "")
        filters["outlet"] = outlet
        if state:
            filters["state"] = state
    elif state:
        q = store.OrderQuery(2, keys.outlet_state(outlet, state),
                             sk_from=created_from, sk_to=created_to)
    else:
        q = store.OrderQuery(1, keys.outlet_orders(outlet),
                             sk_from=created_from, sk_to=created_to)
    q.filters = filters
    return read_page("work_orders", actor, params,
                     lambda start: store.query_orders(q, limit, start), row_view)


def _created_range(params: dict, outlet: str) -> tuple[str | None, str | None]:
    """The `from`/`to` days (in the outlet's time zone) as UTC bounds of `created_at`."""
    tz = directory.zone(outlet) if params.get("from") or params.get("to") else None
    created_from = _day_bounds(params["from"], "from", tz, end=False) if params.get("from") else None
    created_to = _day_bounds(params["to"], "to", tz, end=True) if params.get("to") else None
    if created_from and created_to and created_from >= created_to:
        raise ValidationFailed(fields={"to": ("after_start", {})})
    return created_from, created_to


def _implied_outlet(actor: Actor, params: dict) -> str | None:
    """The one outlet a network list reads when a filter names it: a technician's, a
    customer's ("" when that person or customer does not exist: nothing to list); None for the
    whole network."""
    if params.get("technician"):
        person = directory.staff(params["technician"])
        return person.outlet if person is not None else ""
    if params.get("customer"):
        customer = customers.get_customer(params["customer"])
        return customer.outlet if customer is not None else ""
    if params.get("equipment"):  # a unit's orders are keyed by its outlet: name it
        raise ValidationFailed(fields={"outlet": ("required", {})})
    return None


# ---------------------------------------------------------------- the network (head office)

_network_floor: tuple[float, str | None] = (0.0, None)


def _first_month() -> str | None:
    """The month of the network's oldest order (where its list ends): the oldest of each
    outlet's first order, one item of each outlet's partition, kept for a minute once found."""
    global _network_floor
    expires, month = _network_floor
    if month is None or time.monotonic() >= expires:
        months = [m for m in (store.first_order_month(o.code) for o in directory.all_outlets())
                  if m is not None]
        month = min(months) if months else None
        # only a month found is kept: "no orders yet" would hide the first order for a minute
        _network_floor = (time.monotonic() + directory.CACHE_SECONDS, month)
    return month


def forget_network_floor() -> None:
    """Look for the network's oldest month again at the next network list."""
    global _network_floor
    _network_floor = (0.0, None)


def _network_list(actor: Actor, params: dict, limit: int) -> dict:
    """Every outlet's orders, newest first: o7's month partitions from the newest month of
    the range back to the oldest, the date range as their sort-key condition, state and
    priority as filters (docs/data-model.md, pattern 3a)."""
    created_from, created_to = _created_range(params, actor.outlet)
    oldest = _first_month()
    if oldest is None:
        return {"items": [], "next_cursor": None}
    newest = keys.iso(keys.utc_now())[:7]
    if created_to:
        newest = min(newest, created_to[:7])
    if created_from:
        oldest = max(oldest, created_from[:7])
    if newest < oldest:
        return {"items": [], "next_cursor": None}
    filters = {name: params[name] for name in ("state", "priority") if params.get(name)}
    q = store.OrderQuery(7, "", sk_from=created_from, sk_to=created_to, filters=filters)

    def read(start: dict | None):
        if start is not None and not (isinstance(start.get("month"), str)
                                      and MONTH.fullmatch(start["month"])
                                      and isinstance(start.get("key"), dict | None)):
            raise keys.BadCursor("not a network cursor")
        return store.network_page(q, newest, oldest, limit, start)

    return read_page("work_orders", actor, params, read, row_view)


# ---------------------------------------------------------------- search and duplicates

MONTH = re.compile(r"\d{4}-\d{2}")
# The beginning of an order number (SZ-, SZ-2026, SZ-20261123-00): a number search.
NUMBER_START = re.compile(r"[A-Z][A-Z0-9]*-[0-9-]*")
# A name or phone search reads at most this many matching customers, then their newest orders.
SEARCH_CUSTOMERS = 10
# A number search reads at most this many pages of the series for one page of matches (the
# filters, a technician's own jobs, may leave most numbers out); then it answers with a cursor.
SEARCH_READS = 5
# The intake's duplicate warning reads at most this many of the newest orders of the customer
# or unit (one request).
DUPLICATE_WINDOW = 100


def _search_outlets(actor: Actor, requested: str | None) -> list[str]:
    """The outlets a search reads: one's own, or (head office) the one asked for or all."""
    if actor.role == "technician":
        return [actor.outlet]
    if sees_all_outlets(actor) and not requested:
        return [o.code for o in directory.all_outlets() if not o.is_head_office]
    return [outlet_scope(actor, requested)]


def _search(actor: Actor, params: dict, limit: int) -> dict:
    """Orders by the beginning of their number, or by their customer's name or phone (the
    beginning of either), newest first; the list's other filters narrow the matches."""
    text = " ".join(params["q"].split())
    if not text:
        raise ValidationFailed(fields={"q": ("required", {})})
    outlets = _search_outlets(actor, params.get("outlet"))
    wanted = _narrowing(actor, params, outlets)
    if NUMBER_START.fullmatch(text.upper()):
        prefix = text.upper()
        series = prefix.split("-", 1)[0]
        if not any(o.number_prefix == series and o.code in outlets
                   for o in directory.all_outlets()):
            return {"items": [], "next_cursor": None}  # another outlet's numbers: not read

        def read(start: dict | None) -> Page:
            """Up to `limit` matches: the series' numbers read on while the filters (the
            actor's own jobs, a state…) leave the page short, at most SEARCH_READS requests;
            the cursor continues after the last number read."""
            matches: list[WorkOrder] = []
            key = start
            for _read in range(SEARCH_READS):
                page = store.numbers_beginning(prefix, limit - len(matches), key)
                matches += [o for o in page.items if wanted(o)]
                key = page.last_key
                if key is None or len(matches) >= limit:
                    break
            return Page(matches, key)

        return read_page("work_orders", actor, params, read, row_view)

    # a name or phone: the newest orders of at most SEARCH_CUSTOMERS matching customers, one
    # page without a cursor; `truncated` says when more customers or orders matched than read
    found: list = []
    truncated = False
    for code in outlets:
        room = SEARCH_CUSTOMERS - len(found)
        page = customers.search_customers(code, text, room + 1, None).items
        found += page[:room]
        if len(page) > room:
            truncated = True
            break
    orders: list[WorkOrder] = []
    pages = store.by_key_pages([(store.OrderQuery(4, keys.customer_orders(c.outlet, c.id)), None)
                                for c in found], limit + 1)
    for page in pages:
        truncated = truncated or len(page.items) > limit
        orders += [o for o in page.items if wanted(o)]
    orders.sort(key=lambda o: (o.created_at, o.id), reverse=True)
    truncated = truncated or len(orders) > limit
    return {"items": [row_view(o) for o in orders[:limit]], "next_cursor": None,
            "truncated": truncated}


def _narrowing(actor: Actor, params: dict, outlets: list[str]):
    """Whether a found order is shown: readable by the actor, in the outlets searched, and
    matching the list's filters."""
    created_from, created_to = _created_range(params, outlets[0] if len(outlets) == 1
                                              else actor.outlet)
    same = {name: params[name] for name in ("state", "priority", "technician") if params.get(name)}

    def wanted(order: WorkOrder) -> bool:
        return (order.outlet in outlets and may_read_order(actor, order)
                and all(getattr(order, name) == value for name, value in same.items())
                and (not created_from or order.created_at >= created_from)
                and (not created_to or order.created_at < created_to))

    return wanted


def open_orders(actor: Actor, params: dict) -> dict:
    """The unfinished orders of a customer, of one of its sites or of one unit (what the intake
    shows before a new order is saved): one page of the customer's (o4) or the unit's (o5)
    order keys, newest first, those orders read, and the unfinished ones among them read again
    consistently."""
    unknown = sorted(set(params) - set(OPEN_ORDER_FILTERS))
    if unknown:
        raise ValidationFailed(fields={name: ("additionalProperties", {}) for name in unknown})
    if not params.get("customer"):
        raise ValidationFailed(fields={"customer": ("required", {})})
    customer = customers.get_customer(params["customer"])
    if customer is None or not may_read_outlet(actor, customer.outlet):
        raise NotFound()
    if params.get("equipment"):
        found = store.unfinished_orders(
            5, keys.equipment_orders(customer.outlet, params["equipment"]),
            UNFINISHED_STATES, None, DUPLICATE_WINDOW)
        found = [o for o in found if o.customer_id == customer.id]
    else:
        found = store.unfinished_orders(
            4, keys.customer_orders(customer.outlet, customer.id), UNFINISHED_STATES,
            params.get("site"), DUPLICATE_WINDOW)
    # the warning shows each order's description and unit: the few found, as stored now (and
    # still unfinished: the page was read eventually consistent)
    return {"items": [order_view(o) for o in store.whole(found)
                      if o.state in UNFINISHED_STATES and may_read_order(actor, o)]}


# ---------------------------------------------------------------- recording feedback

def create_order(actor: Actor, payload: dict, idempotency_key: str | None) -> tuple[dict, bool]:
    """Record customer feedback as a new order in state `received`.

    `payload` is valid by INTAKE_SCHEMA: the kernel validated the request body against it (the
    route's published schema), or trusted code wrote it (the demo seed). Returns (detail,
    created). With an Idempotency-Key, a retry returns the first order.
    """
    first = idempotency.earlier(actor, idempotency_key, payload)
    if first:
        return get_detail(actor, first), False

    customer, sites, equipment = customers.get_customer_with_parts(payload["customer_id"])
    if customer is None or customer.outlet != actor.outlet:
        raise ValidationFailed(fields={"customer_id": ("not_found", {})})
    site = next((s for s in sites if s.id == payload.get("site_id")), None)
    if payload.get("site_id") and site is None:
        raise ValidationFailed(fields={"site_id": ("not_found", {})})
    unit = next((e for e in equipment if e.id == payload.get("equipment_id")), None)
    if payload.get("equipment_id") and unit is None:
        raise ValidationFailed(fields={"equipment_id": ("not_found", {})})
    if unit is not None and site is not None and unit.site_id and unit.site_id != site.id:
        # the unit's own site decides where it is (its contract's coverage, the distance)
        raise ValidationFailed(fields={"site_id": ("not_unit_site", {})})
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
        impact=payload.get("impact"), job_class=payload.get("job_class"), helpers=[], steps={},
        created_at=at,
        created_by=actor.username, updated_at=at, distance_km=distance, distance_source=source,
    )
    # the other areas' part (its clocks start, its figures count it, its coverage is decided);
    # the create event records the intake as given and the coverage decided from it, not what
    # the hooks note besides in their copy of it (the clocks started)
    ctx = hooks.ActionContext(KIND, "create", actor, order, dict(payload), now, Collection())
    hooks.check(ctx)
    changes = hooks.apply(ctx)
    derived = hooks.Writes()

    def numbered(number: str):
        """The writes of the order under `number` (the store takes the day's next number in the
        same transaction, and asks again with the following one if another create took it)."""
        nonlocal derived
        hooks.undo(derived)  # an earlier attempt lost its number: what it derived is void
        derived = hooks.Writes()
        order.number = number
        derived = hooks.record(ctx)
        return order, event, [*changes.items, *derived.items]

    try:
        recorded = {**payload, **{k: ctx.data[k] for k in RECORDED_AT_CREATE if k in ctx.data}}
        event = _event(actor, order, "create", None, "received", recorded, at, version=1)
        idem = idempotency.new_record(actor, idempotency_key, payload, "work_order", order.id)
        store.create_order(store.NumberSeries(home.code, home.number_prefix, day), numbered, idem)
    except Exception as failure:
        hooks.undo(hooks.Writes().add(changes).add(derived))  # nothing was written
        if isinstance(failure, AlreadyExists):  # a concurrent retry with the same key won
            return get_detail(actor, idempotency.earlier(actor, idempotency_key, payload)), False
        if isinstance(failure, VersionConflict):  # an item another area writes with it changed
            raise StaleVersion() from None
        _refuse_if_too_large(failure, order)
        raise
    count("OrdersCreated")
    logger.info("order created", extra={"order": order.number, "outlet": order.outlet})
    written = Collection(_written(order, event, [*changes.items, *derived.items]))
    hooks.after(hooks.Writes().add(changes).add(derived))  # what the hooks do once it is written
    return detail_view(actor, order, written), True


def _distance(home, site, entered: float | None) -> tuple[float | None, str | None]:
    """Great-circle from the outlet's and the site's coordinates; else what the agent entered;
    else the distance recorded on the site."""
    if site is not None and site.lat is not None and home.lat is not None:
        return sla.great_circle_km(home.lat, home.lng, site.lat, site.lng), "coordinates"
    if entered is not None:
        return float(entered), "agent"
    if site is not None and site.distance_km is not None:
        return float(site.distance_km), "site"
    return None, None


def _refuse_if_too_large(failure: Exception, order: WorkOrder) -> None:
    """More items than one transaction holds: refused cleanly, nothing was written."""
    if isinstance(failure, TooManyItems):
        logger.warning("transaction too large", extra={"order": order.id, "items": failure.args[0]})
        raise TooManyChanges() from None


def _written(order: WorkOrder, event: OrderEvent, entries: list) -> list:
    """What an action or a create added to the order's collection: its new event and the
    items written in its partition (clock watches, a report version and its event)."""
    return [event, *(item for item in map(entry_item, entries)
                     if item is not None and item.pk == order.pk)]  # a Check writes none


def _event(actor: Actor, order: WorkOrder, action: str, from_state: str | None, to_state: str,
           data: dict, at: str, version: int) -> OrderEvent:
    return OrderEvent(
        id=keys.new_id("ev"), order_id=order.id, at=at, action=action,
        actor_username=actor.username,
        actor_name=SYSTEM_NAME if actor.role == "system" else directory.actor_name(actor),
        actor_role=actor.role, from_state=from_state, to_state=to_state, data=data,
        order_version=version,
    )


def timeline_entry(actor: Actor, order_id: str, action: str, data: dict, at: str):
    """Another area's step on an order's timeline (an acknowledged breach), as an entry of that
    area's transaction: the order stays where it is, at its version (None: no such order)."""
    order = store.get_order(order_id)
    return step_entry(actor, order, action, data, at) if order is not None else None


SYSTEM_ACTOR = Actor(SYSTEM_USERNAME, "system", "")  # a job's step (a watch that flags an order)


def step_entry(actor: Actor | None, order: WorkOrder, action: str, data: dict, at: str):
    """The same for an order the area has read already (None: a job's step, by the system)."""
    event = _event(actor or SYSTEM_ACTOR, order, action, order.state, order.state, data, at,
                   version=int(order.version))
    if actor is None:
        event.actor_name = SYSTEM_NAME
    return store.event_write(event)


# ---------------------------------------------------------------- lifecycle actions

def apply_action(actor: Actor, order_id: str, action_name: str, body: dict) -> dict:
    """Apply one lifecycle action with the version the user saw; atomic with its event.

    `body` is valid by ACTION_BODY_SCHEMA (validated by the kernel as the route's body, or
    written by trusted code); its `data` is checked here against the action's own schema."""
    if action_name not in lifecycle.ACTIONS:
        raise UnknownActionError(fields={"action": ("enum", {"choices": ", ".join(lifecycle.ACTIONS)})})
    action = lifecycle.ACTIONS[action_name]
    problems = validate(body.get("data", {}), action_schema(action), prefix="data")
    if problems:
        raise ValidationFailed(fields=problems)
    data: dict = dict(body.get("data") or {})

    found = store.get_order_with_items(order_id)  # one query: the reply needs the timeline too
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
    own_check = OWN_CHECKS.get(action.name)
    if own_check:
        data = own_check(order, data)

    def follow(name: str, event_data: dict, moment: datetime):
        """A further timeline event of this action (the report it issued), same order version."""
        return store.event_write(_event(actor, order, name, target, target, event_data,
                                        keys.iso(moment), version=order.version + 1))

    ctx = hooks.ActionContext(KIND, action.name, actor, order, data, now, found.items, follow)
    hooks.check(ctx)  # the other areas' refusals: photos to complete, the customer's signature…
    before = order.state
    if action.step:  # what was recorded at this step, by whom, when
        order.steps = {**(order.steps or {}),
                       action.step: {**data, "by": actor.username, "at": ctx.at}}
    own_change = OWN_CHANGES.get(action.name)
    if own_change:
        own_change(order, ctx)
    order.state = target
    order.updated_at = ctx.at
    writes = hooks.apply(ctx)  # the other areas' part: clocks, then what follows from the order
    try:
        writes.add(hooks.record(ctx))
        event = _event(actor, order, action.name, before, target, ctx.data, ctx.at,
                       version=order.version + 1)
        store.save_transition(order, event, found.items, writes.items)
    except Exception as failure:
        hooks.undo(writes)  # the action did not happen: take back what hooks did outside it
        if isinstance(failure, VersionConflict):
            current = store.get_order(order_id)
            raise StaleVersion(current=order_view(current) if current else None) from None
        _refuse_if_too_large(failure, order)
        raise
    if action.name in METRIC_FOR_ACTION:
        count(METRIC_FOR_ACTION[action.name])
    logger.info("order action", extra={"order": order.number, "action": action.name,
                                       "from": before, "to": target})
    found.items.add(*_written(order, event, writes.items))
    hooks.after(writes)
    return detail_view(actor, order, found.items)


# ---------------------------------------------------------------- the order's own part of an action

def _assign(order: WorkOrder, ctx: hooks.ActionContext) -> None:
    order.technician = ctx.data["technician"]
    order.technician_name = ctx.data["technician_name"]
    order.helpers = ctx.data.get("helpers", [])
    if "job_class" in ctx.data:  # the manager's judgement of the fault (the gate checked it)
        order.job_class = ctx.data["job_class"]


def _hand_over(order: WorkOrder, ctx: hooks.ActionContext) -> None:
    """A plan approved with the repair handed to another technician."""
    if "technician" in ctx.data:
        _assign(order, ctx)


def _hold(order: WorkOrder, ctx: hooks.ActionContext) -> None:
    order.hold = {"reason": ctx.data["reason"], "kind": ctx.data["kind"],
                  "previous_state": order.state, "since": ctx.at, "by": ctx.actor.username}


def _resume(order: WorkOrder, ctx: hooks.ActionContext) -> None:
    ctx.data["on_hold_since"] = (order.hold or {}).get("since")
    order.hold = None


def _cancel(order: WorkOrder, ctx: hooks.ActionContext) -> None:
    order.cancel_reason = ctx.data["reason"]


def _correct_distance(order: WorkOrder, ctx: hooks.ActionContext) -> None:
    ctx.data["previous_distance_km"] = order.distance_km
    order.distance_km, order.distance_source = ctx.data["distance_km"], "agent"


def _correct_report(order: WorkOrder, ctx: hooks.ActionContext) -> None:
    """Apply a report correction to the recorded step data; keep what it replaced."""
    steps = dict(order.steps or {})
    places = {"fault_cause": "completion", "solution": "completion", "opinion": "acceptance"}
    previous = {}
    for name, step in places.items():
        if name in ctx.data:
            record = dict(steps.get(step) or {})
            previous[name] = record.get(name)
            record[name] = ctx.data[name]
            steps[step] = record
    order.steps = steps
    ctx.data["previous"] = previous


# What an action changes of the order itself besides its state and its step's record (what it
# does in other areas is theirs: chalicelib/kernel/hooks.py).
OWN_CHANGES = {"dispatch": _assign, "reassign": _assign, "approve_plan": _hand_over,
               "hold": _hold, "resume": _resume,
               "cancel": _cancel, "correct_distance": _correct_distance,
               "correct_report": _correct_report}


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


def _check_hand_over(order: WorkOrder, data: dict) -> dict:
    """A plan approved with a hand-over: to another active technician of the outlet; the
    helpers stay (but the new lead) unless named."""
    if "technician" not in data:
        if "helpers" in data:
            raise ValidationFailed(fields={"data.technician": ("required", {})})
        return data
    if data["technician"] == order.technician:
        raise ValidationFailed(fields={"data.technician": ("same_technician", {})})
    helpers = data.get("helpers", [h for h in order.helpers or [] if h != data["technician"]])
    return _check_dispatch(order, {**data, "helpers": helpers})


# What the order itself requires of an action's data (the result is the data recorded).
OWN_CHECKS = {"dispatch": _check_dispatch, "reassign": _check_dispatch,
              "approve_plan": _check_hand_over}

