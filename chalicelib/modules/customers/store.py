"""Customers with their sites and units: one item collection per customer (the units and
their keys are the warranty area's)."""

from __future__ import annotations

from collections.abc import Iterator

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Page, cancelled_at, connection, one_page
from chalicelib.kernel.store.errors import AlreadyExists
from chalicelib.kernel.store.models import IdempotencyRecord, Item
from chalicelib.modules.customers.models import Customer, CustomerEvent, Site
from chalicelib.modules.warranty import public as warranty
from chalicelib.modules.warranty.public import Equipment


class SerialTaken(Exception):
    """A new customer's first unit has a serial number the outlet has registered already."""


def normalise_name(name: str) -> str:
    """Search form of a name: trimmed, lower-case, inner spaces removed (张 三 → 张三)."""
    return "".join(name.split()).lower()


def phone_digits(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit())


def index_customer(customer: Customer) -> None:
    customer.pk, customer.sk = keys.customer_pk(customer.id), "CUSTOMER"
    customer.gsi1pk = f"OUTLET#{customer.outlet}#CUSTNAME"
    customer.gsi1sk = f"{normalise_name(customer.name)}#{customer.id}"
    customer.gsi2pk = f"OUTLET#{customer.outlet}#CUSTPHONE"
    customer.gsi2sk = f"{phone_digits(customer.phone)}#{customer.id}"


def index_site(site: Site) -> None:
    site.pk, site.sk = keys.customer_pk(site.customer_id), f"SITE#{site.id}"


def index_event(event: CustomerEvent) -> None:
    event.pk, event.sk = keys.customer_pk(event.customer_id), f"EVENT#{event.at}#{event.id}"


def create_customer(customer: Customer, sites: list[Site], unit_writes: list,
                    event: CustomerEvent, idempotency: IdempotencyRecord | None) -> None:
    """The customer, its first site, its first unit (the warranty area's registration items,
    `[(item, condition)]`) and the audit event in one transaction."""
    index_customer(customer)
    index_event(event)
    for site in sites:
        index_site(site)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(customer, condition=Customer.pk.does_not_exist())
            for site in sites:
                tx.save(site, condition=Item.pk.does_not_exist())
            for item, condition in unit_writes:
                tx.save(item, condition=condition)
            tx.save(event, condition=Item.pk.does_not_exist())
            if idempotency is not None:
                tx.save(idempotency, condition=IdempotencyRecord.pk.does_not_exist())
    except TransactWriteError as error:
        if idempotency is not None and cancelled_at(error, 2 + len(sites) + len(unit_writes)):
            raise AlreadyExists(idempotency.pk) from None
        if unit_writes and warranty.serial_refused(error, 1 + len(sites) + 1):
            raise SerialTaken() from None
        raise


def add_site(site: Site, event: CustomerEvent) -> None:
    """Add a site to a customer, with its audit event, atomically."""
    index_site(site)
    index_event(event)
    with TransactWrite(connection=connection()) as tx:
        tx.save(site, condition=Item.pk.does_not_exist())
        tx.save(event, condition=Item.pk.does_not_exist())


def get_customer_with_parts(customer_id: str) -> tuple[Customer | None, list[Site], list[Equipment]]:
    """The customer, its sites and its equipment in one query."""
    customer, sites, equipment, _ = get_customer_collection(customer_id)
    return customer, sites, equipment


def get_customer_collection(customer_id: str):
    """The customer, its sites, units and audit events (oldest first) in one query (the units'
    own audit trails and service records in the partition are skipped)."""
    customer, sites, equipment, events = None, [], [], []
    for item in Item.query(keys.customer_pk(customer_id)):
        if isinstance(item, Customer):
            customer = item
        elif isinstance(item, Site):
            sites.append(item)
        elif isinstance(item, Equipment):
            equipment.append(item)
        elif isinstance(item, CustomerEvent):
            events.append(item)
    return customer, sites, equipment, events


def search_customers(outlet: str, text: str, limit: int, start: dict | None) -> Page:
    """By phone prefix when the text is digits, else by name prefix; within one outlet."""
    compact = "".join(text.split())
    if compact and compact.replace("+", "").replace("-", "").isdigit():
        index, partition, prefix = Item.gsi2, f"OUTLET#{outlet}#CUSTPHONE", phone_digits(compact)
        sort_key = type(Item.gsi2).gsi2sk
    else:
        index, partition, prefix = Item.gsi1, f"OUTLET#{outlet}#CUSTNAME", normalise_name(text)
        sort_key = type(Item.gsi1).gsi1sk
    condition = sort_key.startswith(prefix) if prefix else None
    return one_page(index.query(partition, range_key_condition=condition,
                                last_evaluated_key=start, page_size=limit), Customer)


def get_customer(customer_id: str) -> Customer | None:
    """The customer item alone (one GetItem)."""
    try:
        return Customer.get(keys.customer_pk(customer_id), "CUSTOMER")
    except Customer.DoesNotExist:
        return None


def customers_of(outlet: str, page_size: int = 200) -> Iterator[Customer]:
    """Every customer of an outlet by name, read one page at a time (exports)."""
    for item in Item.gsi1.query(f"OUTLET#{outlet}#CUSTNAME", page_size=page_size):
        if isinstance(item, Customer):
            yield item
