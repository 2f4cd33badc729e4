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


def link(order_id: str) -> str:
    """Where the SPA opens a work order."""
    return f"/work-orders/{order_id}"


__all__ = ["KIND", "ORDER_TYPES", "PRIORITIES", "VISIT_SCORES", "OrderEvent", "OrderWithItems", "WorkOrder",
           "assignees", "ensure_order_readable", "link", "event_write", "get_order", "get_order_with_items",
           "index_event", "may_read_order", "recent_for_equipment"]
