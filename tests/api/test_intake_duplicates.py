"""The intake's duplicate warning (GET /api/work-orders/open): the unfinished orders of the
customer, site or unit being picked, before a new order is saved."""

from __future__ import annotations

import pytest

from tests.conftest import STEP_DATA


@pytest.fixture(scope="module")
def customer(api):
    reply = api.post("/api/customers", "sz_agent", {
        "name": "重复报修测试客户", "phone": "13655550000",
        "site": {"name": "东厂区", "address": "东路 1 号"},
        "equipment": {"model": "螺杆冷水机组 LSBLG-500", "serial_no": "DUP-001"}})
    assert reply.status == 201
    made = reply.body
    west = api.post(f"/api/customers/{made['id']}/sites", "sz_agent", {"name": "西厂区"}).body
    unit2 = api.post(f"/api/customers/{made['id']}/equipment", "sz_agent",
                     {"model": "精密空调 CRAC-80", "serial_no": "DUP-002",
                      "site_id": west["id"]}).body
    return {**made, "east": made["sites"][0]["id"], "west": west["id"],
            "unit1": made["equipment"][0]["id"], "unit2": unit2["id"]}


def _order(api, customer: dict, **fields) -> dict:
    reply = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "重复报修", **fields})
    assert reply.status == 201, reply.body
    return reply.body


def _open(api, user: str, query: str):
    return api.get(f"/api/work-orders/open?{query}", user)


def _ids(reply) -> list[str]:
    assert reply.status == 200, reply.body
    return [o["id"] for o in reply.body["items"]]


def test_a_customer_with_no_orders_has_nothing_open(api, customer):
    assert _ids(_open(api, "sz_agent", f"customer={customer['id']}")) == []


def test_the_customers_site_and_units_open_orders_newest_first(api, customer):
    east = _order(api, customer, site_id=customer["east"], equipment_id=customer["unit1"])
    west = _order(api, customer, site_id=customer["west"], equipment_id=customer["unit2"])
    assert _ids(_open(api, "sz_agent", f"customer={customer['id']}")) == [west["id"], east["id"]]
    assert _ids(_open(api, "sz_manager",
                      f"customer={customer['id']}&site={customer['west']}")) == [west["id"]]
    assert _ids(_open(api, "sz_agent", f"customer={customer['id']}&equipment="
                                       f"{customer['unit1']}")) == [east["id"]]
    shown = _open(api, "sz_agent", f"customer={customer['id']}").body["items"][0]
    assert shown["number"] == west["number"] and shown["state"] == "received"
    assert shown["created_at"] == west["created_at"]


def test_finished_and_cancelled_orders_are_not_warned_about(api, customer):
    before = set(_ids(_open(api, "sz_agent", f"customer={customer['id']}")))
    cancelled = _order(api, customer, site_id=customer["east"])
    assert cancelled["id"] in _ids(_open(api, "sz_agent", f"customer={customer['id']}"))
    api.act(cancelled, "cancel", "sz_manager", STEP_DATA["cancel"])
    assert set(_ids(_open(api, "sz_agent", f"customer={customer['id']}"))) == before
    dispatched = api.act(_order(api, customer), "dispatch", "sz_manager",
                         STEP_DATA["dispatch"]).body
    assert dispatched["id"] in _ids(_open(api, "sz_agent", f"customer={customer['id']}"))


def test_another_outlet_cannot_ask_about_a_customer(api, customer):
    assert _open(api, "cd_agent", f"customer={customer['id']}").status == 404
    assert _open(api, "cd_manager", "customer=cust_unknown").status == 404
    # only those who record orders ask (the intake's warning)
    assert _open(api, "sz_tech1", f"customer={customer['id']}").status == 403


def test_the_customer_is_required_and_parameters_are_checked(api, customer):
    missing = _open(api, "sz_agent", f"site={customer['east']}")
    assert missing.status == 400 and "customer" in missing.error["fields"]
    bad = _open(api, "sz_agent", f"customer={customer['id']}&site=" + "s" * 100)
    assert bad.status == 400 and "site" in bad.error["fields"]
    extra = _open(api, "sz_agent", f"customer={customer['id']}&state=received")
    assert extra.status == 400 and "state" in extra.error["fields"]
