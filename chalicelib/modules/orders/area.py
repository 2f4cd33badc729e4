"""The work-order area: intake, the lifecycle, lists and detail (工单)."""

from chalicelib.kernel.parameters import DATE, ID, USERNAME
from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.orders import routes, store
from chalicelib.modules.orders.access import may_read_order
from chalicelib.modules.orders.domain import enums, lifecycle
from chalicelib.modules.orders.models import Counter, OrderEvent, WorkOrder

ORDER_NUMBER = {"type": "string", "pattern": r"^[A-Z]+-\d{8}-\d{4,}$"}


def _action_roles(action: lifecycle.Action) -> tuple[str, ...]:
    """Who may take an action: its roles, and technicians where the order's assignees may (the
    assignment itself is checked on the order)."""
    roles = [r for r in action.roles if r != lifecycle.ASSIGNEE]
    if lifecycle.ASSIGNEE in action.roles and "technician" not in roles:
        roles.append("technician")
    return tuple(roles)


def _order_visible(actor, order_id: str) -> bool:
    order = store.get_order(order_id)
    return order is not None and may_read_order(actor, order)


AREA = Area(
    name="orders",
    blueprints=(routes.bp,),
    models=(WorkOrder, OrderEvent, Counter),
    permissions={
        "orders.read": EVERYONE,
        "orders.create": ("agent", "manager"),
        "orders.my_jobs": ("technician",),
        **{f"orders.action.{a.name}": _action_roles(a) for a in lifecycle.ACTIONS.values()},
    },
    locators={"order_id": _order_visible},
    query={"state": {"enum": list(lifecycle.STATES)}, "priority": {"enum": list(enums.PRIORITIES)},
           "type": {"enum": list(enums.ORDER_TYPES)}, "technician": USERNAME,
           "number": ORDER_NUMBER, "customer": ID, "equipment": ID,
           "mine": {"enum": ["1", "true"], "description": "technician: my open jobs"}},
    query_on_path={("/api/work-orders", "from"): DATE, ("/api/work-orders", "to"): DATE},
    path={"action": {"enum": list(lifecycle.ACTIONS)}, "number": ORDER_NUMBER},
)
