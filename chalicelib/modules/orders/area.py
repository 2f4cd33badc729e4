"""The work-order area: intake, the lifecycle, lists and detail (工单)."""

from chalicelib.kernel.parameters import DATE, ID, USERNAME
from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.kernel.store import keys
from chalicelib.modules.orders import routes, schemas
from chalicelib.modules.orders.domain import dispatching, enums, lifecycle
from chalicelib.modules.orders.domain.enums import KIND
from chalicelib.modules.orders.models import Counter, HelperJob, IndexMigration, OrderEvent, WorkOrder
from chalicelib.modules.orders.vocabulary import VOCABULARY

ORDER_NUMBER = {"type": "string", "pattern": r"^[A-Z]+-\d{8}-\d{4,}$"}


def _action_roles(action: lifecycle.Action) -> tuple[str, ...]:
    """Who may take an action: its roles, and technicians where the order's assignees may (the
    assignment itself is checked on the order)."""
    roles = [r for r in action.roles if r != lifecycle.ASSIGNEE]
    if lifecycle.ASSIGNEE in action.roles and "technician" not in roles:
        roles.append("technician")
    return tuple(roles)


def _order_visible(actor, order_id: str) -> bool:
    from chalicelib.modules.orders.access import may_read_order
    from chalicelib.modules.orders.store import get_order

    order = get_order(order_id)
    return order is not None and may_read_order(actor, order)


def sla_subject(order: WorkOrder):
    """A work order as the SLA engine knows it: its clocks' watches and markers live in its
    collection, its technician is told first, the at-risk board and the inbox show its number
    and customer and open it at /work-orders/<id>."""
    from chalicelib.modules.sla import public as sla

    return sla.Subject(
        kind=KIND, id=order.id, partition=keys.order_pk(order.id), outlet=order.outlet,
        reference=order.number, title=order.customer_name,
        priority=order.priority, type=order.type, distance_km=order.distance_km,
        assignee=order.technician, assignee_name=order.technician_name)


def _timeline(actor, order_id: str, action: str, data: dict, at: str):
    from chalicelib.modules.orders import usecases

    return usecases.timeline_entry(actor, order_id, action, data, at)


def _states(order_ids: list[str]) -> dict[str, str]:
    """The orders' states now (the at-risk board's): one consistent BatchGetItem."""
    from chalicelib.modules.orders import store

    return {i: o.state for i, o in store.orders_by_id(order_ids).items()}


def _setup() -> None:
    from chalicelib.modules.orders.public import link
    from chalicelib.modules.sla import public as sla

    sla.register_subject(sla.SubjectKind(
        KIND, link=link, noun={"zh": "工单", "en": "order"}, describe=sla_subject,
        partition=keys.order_pk, timeline=_timeline, states=_states))


AREA = Area(
    name="orders",
    blueprints=(routes.bp,),
    models=(WorkOrder, OrderEvent, Counter, HelperJob, IndexMigration),
    permissions={
        "orders.read": EVERYONE,
        "orders.create": ("agent", "manager"),
        "orders.my_jobs": ("technician",),
        # the dispatch form's ranked technicians and the outlet's dispatch board (workload.py)
        "orders.dispatch_candidates": ("manager", "head_office"),
        "orders.dispatch_board": ("manager", "head_office"),
        **{f"orders.action.{a.name}": _action_roles(a) for a in lifecycle.ACTIONS.values()},
    },
    locators={"order_id": _order_visible},
    query={"state": {"enum": list(lifecycle.STATES)}, "priority": {"enum": list(enums.PRIORITIES)},
           "type": {"enum": list(enums.ORDER_TYPES)}, "technician": USERNAME,
           "number": ORDER_NUMBER, "customer": ID, "equipment": ID, "site": ID,
           "mine": {"enum": ["1", "true"], "description": "technician: my open jobs"}},
    query_on_path={("/api/work-orders", "from"): DATE, ("/api/work-orders", "to"): DATE,
                   ("/api/work-orders", "q"): {
                       "type": "string", "minLength": 1, "maxLength": 100,
                       "description": "the beginning of an order number (SZ-202611), or of a "
                                      "customer's name or phone"},
                   ("/api/my-jobs", "tab"): {"enum": list(dispatching.MY_JOBS_TABS),
                                             "description": "active (default): in hand; finished"}},
    path={"action": {"enum": list(lifecycle.ACTIONS)}, "number": ORDER_NUMBER},
    vocabulary=VOCABULARY,
    schemas=schemas.SCHEMAS,
    setup=_setup,  # the work order is an SLA subject (its lifecycle's hooks are the areas')
)
