"""What an import of many rows needs of the customer archive (the warranty area's unit import):
a customer found by the exact digits of a phone within an outlet, a customer's sites, and the
items of a new customer or site, built but not written, for the importer to write in the one
transaction of its row (nothing of a bad row is left behind)."""

from __future__ import annotations

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.customers.models import Customer, CustomerEvent, Site
from chalicelib.modules.customers.store import (
    index_customer,
    index_event,
    index_site,
    normalise_name,
    phone_digits,
)

Write = tuple[Item, object]  # an item and the condition it is written under


def find_by_phone(outlet: str, phone: str) -> Customer | None:
    """The outlet's customer with exactly these phone digits (the oldest id when several share
    it): one query of the phone index, reading only that phone's entries."""
    digits = phone_digits(phone)
    if not digits:
        return None
    sort_key = type(Item.gsi2).gsi2sk
    for item in Item.gsi2.query(f"OUTLET#{outlet}#CUSTPHONE", sort_key.startswith(f"{digits}#"),
                                page_size=10):
        if isinstance(item, Customer):
            return item
    return None


def sites_of(customer_id: str) -> list[Site]:
    """A customer's sites (one query of its collection, the SITE# items only)."""
    return [s for s in Item.query(keys.customer_pk(customer_id), Item.sk.startswith("SITE#"))
            if isinstance(s, Site)]


def site_named(sites: list[Site], name: str) -> Site | None:
    """The site of that name (compared as names are searched: spaces and case ignored)."""
    wanted = normalise_name(name)
    return next((s for s in sites if normalise_name(s.name) == wanted), None)


def _event(actor: Actor, actor_name: str, customer_id: str, action: str, data: dict,
           at: str) -> CustomerEvent:
    event = CustomerEvent(id=keys.new_id("ev"), customer_id=customer_id, at=at, action=action,
                          actor_username=actor.username, actor_name=actor_name,
                          actor_role=actor.role, data=data)
    index_event(event)
    return event


def new_customer(actor: Actor, actor_name: str, name: str, phone: str,
                 data: dict) -> tuple[Customer, list[Write]]:
    """A customer of the actor's outlet and its `create` event (with `data`, e.g. the import
    and row it came from), to be written with the caller's other items."""
    at = keys.iso(keys.utc_now())
    customer = Customer(id=keys.new_id("cu"), outlet=actor.outlet, name=name.strip(),
                        phone=phone, created_at=at, created_by=actor.username)
    index_customer(customer)
    event = _event(actor, actor_name, customer.id, "create",
                   {"name": customer.name, "phone": phone, **data}, at)
    return customer, [(customer, Customer.pk.does_not_exist()),
                      (event, Item.pk.does_not_exist())]


def new_site(actor: Actor, actor_name: str, customer: Customer, name: str,
             data: dict) -> tuple[Site, list[Write]]:
    """A site of the customer and its `add_site` event, to be written with the caller's items."""
    site = Site(id=keys.new_id("site"), customer_id=customer.id, outlet=customer.outlet,
                name=name.strip())
    index_site(site)
    event = _event(actor, actor_name, customer.id, "add_site",
                   {"name": site.name, "site_id": site.id, **data}, keys.iso(keys.utc_now()))
    return site, [(site, Item.pk.does_not_exist()), (event, Item.pk.does_not_exist())]
