"""Helpers of the requisition tests (tests/api/test_parts_requisitions.py, test_parts_completion.py,
tests/jobs/test_parts_overdue.py): a catalogue part, stock received through the engine, an order
driven to in_repair, a requisition approved, issued."""

from __future__ import annotations

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.store import keys
from chalicelib.modules.parts import ledger
from tests.conftest import STEP_DATA, actor_for, evidence_for

KEEPER = Actor("sz_warehouse", "warehouse", "SZ")
TO_REPAIR = ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan"]


def new_code(prefix: str = "RQ") -> str:
    return f"{prefix}{keys.new_id('p')[-10:].upper()}"


def part(api, *, price: int = 5000, cost: int = 3000, expensive: bool = False,
         name: str | None = None, stock: int = 0, outlet: str = "SZ") -> dict:
    """A new catalogue part (head office, through the API) with `stock` received at `outlet`."""
    code = new_code()
    reply = api.post("/api/parts", "hq_admin", {
        "code": code, "name": name or f"测试配件{code[-6:]}", "unit": "件",
        "list_price_fen": price, "cost_fen": cost, "expensive": expensive})
    assert reply.status == 201, reply.body
    if stock:
        ledger.commit(KEEPER, [ledger.Move(outlet, code, "receive", {"on_hand": stock}, stock)])
    return reply.body


def stock(code: str, outlet: str = "SZ") -> dict:
    line = ledger.get_stock(outlet, code)
    return ledger.figures(line) if line else {}


def ledger_sums(code: str, outlet: str = "SZ") -> dict:
    totals: dict[str, int] = {}
    start = None
    while True:
        page = ledger.entries(outlet, code, 100, start)
        for entry in page.items:
            for figure, change in (entry.deltas or {}).items():
                totals[figure] = totals.get(figure, 0) + int(change)
        if not page.last_key:
            return totals
        start = page.last_key


def walk(api, order: dict, actions: list[str]) -> dict:
    for action in actions:
        user = actor_for(action)
        data = evidence_for(api, order, action, user, STEP_DATA[action])
        reply = api.act(order, action, user, data)
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    return order


def request(api, order: dict, lines: list[tuple[str, int]], user: str = "sz_support"):
    return api.post("/api/parts/requisitions", user, {
        "order_id": order["id"], "lines": [{"code": c, "quantity": q} for c, q in lines]})


def act(api, req: dict, action: str, user: str, **body):
    return api.post(f"/api/work-orders/{req['order_id']}/requisitions/{req['id']}/actions/"
                    f"{action}", user, {"version": req["version"], **body})


def approved(api, order: dict, lines: list[tuple[str, int]], user: str = "sz_support") -> dict:
    made = request(api, order, lines, user)
    assert made.status == 201, made.body
    reply = act(api, made.body, "approve", "sz_manager")
    assert reply.status == 200 and reply.body["state"] == "approved", reply.body
    return reply.body


def issued(api, order: dict, lines: list[tuple[str, int]], user: str = "sz_support") -> dict:
    reply = act(api, approved(api, order, lines, user), "issue", "sz_warehouse")
    assert reply.status == 200, reply.body
    return reply.body


def detail(api, order: dict, user: str = "sz_manager") -> dict:
    reply = api.get(f"/api/work-orders/{order['id']}", user)
    assert reply.status == 200, reply.body
    return reply.body
