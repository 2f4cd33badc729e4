"""Work orders: record feedback, list, detail with timeline, lifecycle actions."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, idempotency_key, json_body, query, reply
from chalicelib.kernel.lazy import lazy
from chalicelib.modules.orders.domain import lifecycle
from chalicelib.modules.orders.domain.intake import (
    ACTION_BODY_SCHEMA,
    INTAKE_SCHEMA,
    LIST_FILTERS,
    OPEN_ORDER_FILTERS,
)
from chalicelib.modules.orders.domain.lifecycle import action_schema

work_orders = lazy("chalicelib.modules.orders.usecases")
bp = Blueprint(__name__)


@endpoint(bp, "/api/work-orders", "GET",
          summary="List work orders (newest first): one outlet's, or head office's network; "
                  "`q` searches",
          response="WorkOrderRowPage", query=LIST_FILTERS, errors=(400, 401, 404),
          permission="orders.read")
def list_work_orders():
    return reply(work_orders.list_orders(actor(), query()))


@endpoint(bp, "/api/work-orders", "POST", summary="Record customer feedback as a new order",
          response="WorkOrderDetail", status=201, body=INTAKE_SCHEMA,
          errors=(400, 401, 403, 409), idempotent=True, permission="orders.create")
def create_work_order():
    result, created = work_orders.create_order(actor(), json_body(), idempotency_key())
    return reply(result, 201)


@endpoint(bp, "/api/work-orders/open", "GET",
          summary="Unfinished orders of a customer, one of its sites or one unit (the intake's "
                  "duplicate warning)",
          response="WorkOrderItems", query=OPEN_ORDER_FILTERS, errors=(400, 401, 403, 404),
          permission="orders.create")
def open_work_orders():
    return reply(work_orders.open_orders(actor(), query()))


@endpoint(bp, "/api/work-orders/{order_id}", "GET", summary="Order detail with its timeline",
          response="WorkOrderDetail", errors=(401, 404), permission="orders.read")
def get_work_order(order_id):
    return reply(work_orders.get_detail(actor(), order_id))


@endpoint(bp, "/api/work-orders/by-number/{number}", "GET", summary="Order detail by number",
          response="WorkOrderDetail", errors=(401, 404), permission="orders.read")
def get_work_order_by_number(number):
    return reply(work_orders.get_detail_by_number(actor(), number))


@endpoint(bp, "/api/work-orders/{order_id}/actions/{action}", "POST",
          summary="Apply a lifecycle action with the version the user saw",
          response="WorkOrderDetail", body=ACTION_BODY_SCHEMA, errors=(400, 401, 403, 404, 409),
          permission="orders.action.{action}",
          extensions=lambda: {"x-action-data-schemas": {
              a.name: action_schema(a) for a in lifecycle.ACTIONS.values()}})
def apply_action(order_id, action):
    return reply(work_orders.apply_action(actor(), order_id, action, json_body()))


@endpoint(bp, "/api/lifecycle", "GET", summary="The work-order state machine as data",
          response="Lifecycle", errors=(401,), permission="orders.read")
def lifecycle_table():
    return reply(lifecycle.describe())


# ---- workload: the dispatch form's candidates, the dispatch board, my jobs (workload.py)
workload = lazy("chalicelib.modules.orders.workload")


@endpoint(bp, "/api/work-orders/{order_id}/dispatch-candidates", "GET",
          summary="The outlet's technicians for dispatching this order, most suitable first",
          response="DispatchCandidates", errors=(400, 401, 403, 404),
          permission="orders.dispatch_candidates")
def dispatch_candidates(order_id):
    return reply(workload.dispatch_candidates(actor(), order_id, query()))


@endpoint(bp, "/api/dispatch-board", "GET",
          summary="An outlet's technicians with their open jobs and today's and tomorrow's visits",
          response="DispatchBoard", query=("outlet",), errors=(400, 401, 403, 404),
          permission="orders.dispatch_board")
def dispatch_board():
    return reply(workload.dispatch_board(actor(), query()))


@endpoint(bp, "/api/my-jobs", "GET",
          summary="The technician's jobs: in hand (most urgent first) or finished",
          response="WorkOrderPage", query=("tab", "limit", "cursor"), errors=(400, 401, 403),
          permission="orders.my_jobs")
def my_jobs():
    return reply(workload.my_jobs(actor(), query()))
