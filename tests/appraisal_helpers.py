"""Orders walked at chosen moments for the appraisal's tests (tests/api/test_appraisal.py,
test_technician_month_facts.py): a customer with a unit of its own, an order created then, and
a technician taking it through the lifecycle, the manager and the desk acting where they do."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from tests.conftest import STEP_DATA, Api, evidence_for
from tests.sla_helpers import frozen

MANAGER_ACTIONS = ("dispatch", "approve_plan")
REPAIR = ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
          "complete", "accept"]


def new_customer(api: Api) -> dict:
    """A customer with a unit of its own (no other order repeats a repair on it)."""
    tag = uuid.uuid4().hex[:8]
    reply = api.post("/api/customers", "sz_agent", {
        "name": f"考核测试客户{tag}", "phone": "13512345678", "address": "深圳市南山区",
        "site": {"name": "一号厂区", "address": "科技路 1 号"},
        "equipment": {"model": "冷水机组 LS-500", "serial_no": f"AP-{tag}"}})
    assert reply.status == 201, reply.body
    return reply.body


def order_at(api: Api, at: datetime, customer: dict) -> dict:
    with frozen(at):
        reply = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "equipment_id": customer["equipment"][0]["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "机组不制冷"})
    assert reply.status == 201, reply.body
    return reply.body


def walk(api: Api, order: dict, tech: str, at: datetime, actions: list[str],
         gaps: dict | None = None) -> tuple[dict, datetime]:
    """`tech` (dispatched by the manager) takes the order through `actions`, each 10 minutes
    after the one before (or as `gaps` says); the agent accepts on the customer's word and
    makes the return visit (`scores.overall` given in `gaps`' "overall")."""
    for action in actions:
        at += (gaps or {}).get(action, timedelta(minutes=10))
        who = ("sz_manager" if action in MANAGER_ACTIONS
               else "sz_agent" if action in ("accept", "return_visit") else tech)
        data = dict(STEP_DATA[action])
        if action == "dispatch":
            data = {"technician": tech, "helpers": []}
        elif action == "contact":
            data = {"contacted_at": at.isoformat(), "visit_at": (at + timedelta(hours=2)).isoformat()}
        elif action == "check_in":
            data = {**data, "arrived_at": at.isoformat()}
        elif action == "return_visit":
            data = {**data, "scores": {**data["scores"], "overall": (gaps or {})["overall"]}}
        with frozen(at):
            data = evidence_for(api, order, action, who, data)
            reply = api.act(order, action, who, data)
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    return order, at
