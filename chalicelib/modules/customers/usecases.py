"""Customers and sites: enough to find or create the customer during intake. A customer's units
(产品档案) are the warranty area's: a new customer's first unit is registered as it says."""

from __future__ import annotations

from chalicelib.kernel import idempotency
from chalicelib.kernel.access import ensure_outlet, outlet_scope
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, ValidationFailed
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Item
from chalicelib.kernel.store.errors import AlreadyExists
from chalicelib.modules.customers import store
from chalicelib.modules.customers.models import Customer, CustomerEvent, Site
from chalicelib.modules.directory import public as directory
from chalicelib.modules.warranty import public as warranty


def customer_view(c: Customer) -> dict:
    return {"id": c.id, "outlet": c.outlet, "name": c.name, "phone": c.phone,
            "contact_name": c.contact_name, "address": c.address, "region": c.region,
            "created_at": c.created_at, "version": int(c.version)}


def site_view(s: Site) -> dict:
    return {"id": s.id, "customer_id": s.customer_id, "name": s.name, "address": s.address,
            "lat": s.lat, "lng": s.lng, "distance_km": s.distance_km}


def event_view(e: CustomerEvent) -> dict:
    return {"id": e.id, "at": e.at, "action": e.action,
            "actor": {"username": e.actor_username, "name": e.actor_name, "role": e.actor_role},
            "data": e.data or {}}


def _event(actor: Actor, customer_id: str, action: str, data: dict) -> CustomerEvent:
    return CustomerEvent(id=keys.new_id("ev"), customer_id=customer_id,
                         at=keys.iso(keys.utc_now()), action=action,
                         actor_username=actor.username, actor_name=directory.actor_name(actor),
                         actor_role=actor.role, data=data)


def audit_write(actor: Actor, customer_id: str, action: str, data: dict) -> tuple:
    """An entry of the customer's audit trail (CUSTOMER_ACTIONS) and its condition, for another
    area's transaction (the warranty area adds a unit: `add_equipment`)."""
    event = _event(actor, customer_id, action, data)
    store.index_event(event)
    return event, Item.pk.does_not_exist()


def search(actor: Actor, params: dict) -> dict:
    outlet = outlet_scope(actor, params.get("outlet"))
    limit = limit_of(params)
    text = (params.get("q") or "").strip()
    if len(text) > 100:
        raise ValidationFailed(fields={"q": ("maxLength", {"limit": 100})})
    return read_page("customers", actor, params,
                     lambda start: store.search_customers(outlet, text, limit, start), customer_view)


def get(actor: Actor, customer_id: str) -> dict:
    customer, sites, equipment, events = store.get_customer_collection(customer_id)
    if customer is None:
        raise NotFound()
    ensure_outlet(actor, customer.outlet)
    return {**customer_view(customer), "sites": [site_view(s) for s in sites],
            "equipment": [warranty.unit_view(e) for e in equipment],
            "events": [event_view(e) for e in events]}


def _new_site(customer: Customer, data: dict) -> Site:
    return Site(id=keys.new_id("site"), customer_id=customer.id, outlet=customer.outlet,
                name=data["name"], address=data.get("address"), lat=data.get("lat"),
                lng=data.get("lng"), distance_km=data.get("distance_km"))


# The payloads below are valid by their schemas (domain/archive.py): the kernel validated the
# request body against the route's published schema, or trusted code wrote it (the demo seed).


def create(actor: Actor, payload: dict, idempotency_key: str | None) -> tuple[dict, bool]:
    """A new customer of the actor's outlet, optionally with a first site and a first unit,
    registered as the warranty area registers one (CUSTOMER_SCHEMA; 409 duplicate_serial)."""
    first = idempotency.earlier(actor, idempotency_key, payload)
    if first:
        return get(actor, first), False
    customer = Customer(
        id=keys.new_id("cu"), outlet=actor.outlet, name=payload["name"].strip(),
        phone=payload["phone"], contact_name=payload.get("contact_name"),
        address=payload.get("address"), region=payload.get("region"),
        created_at=keys.iso(keys.utc_now()), created_by=actor.username,
    )
    sites = [_new_site(customer, payload["site"])] if payload.get("site") else []
    units, unit_writes = [], []
    if payload.get("equipment"):
        try:
            unit, unit_writes = warranty.registration_items(
                actor, customer, sites[0] if sites else None, payload["equipment"],
                keys.utc_now())
        except ValidationFailed as refused:  # named inside the body
            raise ValidationFailed(fields={f"equipment.{name}": problem for name, problem
                                           in refused.fields.items()}) from None
        units.append(unit)
    idem = idempotency.new_record(actor, idempotency_key, payload, "customer", customer.id)
    event = _event(actor, customer.id, "create", payload)
    try:
        store.create_customer(customer, sites, unit_writes, event, idem)
    except AlreadyExists:  # a concurrent retry with the same key created it first
        return get(actor, idempotency.earlier(actor, idempotency_key, payload)), False
    except store.SerialTaken:
        raise warranty.DuplicateSerial(fields={"equipment.serial_no": ("duplicate", {})}) from None
    return {**customer_view(customer), "sites": [site_view(s) for s in sites],
            "equipment": [warranty.unit_view(e) for e in units], "events": [event_view(event)]}, True


def _writable_customer(actor: Actor, customer_id: str) -> tuple[Customer, list[Site]]:
    customer, sites, _ = store.get_customer_with_parts(customer_id)
    if customer is None:
        raise NotFound()
    ensure_outlet(actor, customer.outlet)
    return customer, sites


def add_site(actor: Actor, customer_id: str, payload: dict) -> dict:
    """A site of the customer (SITE_SCHEMA)."""
    customer, _ = _writable_customer(actor, customer_id)
    site = _new_site(customer, payload)
    store.add_site(site, _event(actor, customer.id, "add_site", {**payload, "site_id": site.id}))
    return site_view(site)
