"""What other areas may use of the work orders: the models (to read an order's fields and to
record a timeline event in their own transaction), reading an order alone or with its item
collection, who may see it and who works on it, an equipment's recent orders."""

from __future__ import annotations

from chalicelib.modules.orders.access import assignees, ensure_order_readable, may_read_order
from chalicelib.modules.orders.domain.enums import KIND, ORDER_TYPES, PRIORITIES
from chalicelib.modules.orders.domain.lifecycle import VISIT_SCORES
from chalicelib.modules.orders.models import OrderEvent, WorkOrder
from chalicelib.modules.orders.store import (
    OrderWithItems,
    event_write,
    get_order,
    get_order_with_items,
    index_event,
    recent_for_equipment,
)


def apply_action(actor, order_id: str, action: str, body: dict) -> dict:
    """Apply a lifecycle action as the order's own use case does (another area acting on
    someone's behalf: the customer's decision through a quote link). Returns the detail."""
    from chalicelib.modules.orders import usecases

    return usecases.apply_action(actor, order_id, action, body)


def create_order(actor, payload: dict, idempotency_key: str | None = None) -> tuple[dict, bool]:
    """Create an order as the intake does (its hooks, numbering and one transaction), for
    another area's job acting as the system (`kernel.actor.SYSTEM_USERNAME`, role `system`, the
    order's outlet): a contract's inspection on its schedule. `payload` as INTAKE_SCHEMA has it,
    plus what the caller's own create hooks read (written on the create event). Returns
    (detail, created); StaleVersion (409) when an item written with it changed or exists."""
    from chalicelib.modules.orders import usecases

    return usecases.create_order(actor, payload, idempotency_key)


def orders_by_id(ids) -> dict:
    """Orders by id as stored (one consistent BatchGetItem; ids without an order left out)."""
    from chalicelib.modules.orders import store

    return store.orders_by_id(ids)


def orders_created(outlet: str, first: str, last: str, page: int = 100):
    """An outlet's orders created in [first, last), oldest first, as stored, read page by page
    (list rows, then each page's orders in one BatchGetItem)."""
    from chalicelib.modules.orders import store

    return store.created_between(outlet, first, last, page)


def step_entry(actor, order, action: str, data: dict, at: str):
    """Another area's step on an order it has read, as a timeline event of its own transaction
    (the order stays where it is, at its version; actor None: a job)."""
    from chalicelib.modules.orders import usecases

    return usecases.step_entry(actor, order, action, data, at)


def order_unchanged(order):
    """A transaction entry writing nothing (kernel store.base Check): the order still at the
    version the caller read — another area's write that depends on where the order stands (a
    fee sheet not saved after the acceptance settled it). VersionConflict otherwise."""
    from chalicelib.kernel.store.base import Check

    return Check(WorkOrder, order.pk, order.sk, WorkOrder.version == int(order.version))


def order_not_in(order, states):
    """A transaction entry writing nothing: the order not moved meanwhile into one of `states`
    (a payment on an order being cancelled). VersionConflict otherwise."""
    from chalicelib.kernel.store.base import Check

    return Check(WorkOrder, order.pk, order.sk, ~WorkOrder.state.is_in(*states))


def register_qualifier(qualifier) -> None:
    """An area's rule of who is qualified for an order, shown on the dispatch form
    (orders/qualifiers.py); registered in the area's setup."""
    from chalicelib.modules.orders import qualifiers

    qualifiers.register(qualifier)


def link(order_id: str) -> str:
    """Where the SPA opens a work order."""
    return f"/work-orders/{order_id}"


__all__ = ["KIND", "ORDER_TYPES", "PRIORITIES", "VISIT_SCORES", "OrderEvent", "OrderWithItems", "WorkOrder",
           "apply_action", "assignees", "create_order", "ensure_order_readable", "link", "event_write",
           "get_order", "get_order_with_items", "index_event", "may_read_order", "order_not_in",
           "order_unchanged", "orders_created", "recent_for_equipment", "register_qualifier", "step_entry"]
