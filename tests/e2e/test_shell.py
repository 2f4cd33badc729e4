"""The shell around the orders: language switch, role menus, outlet boundary, stale versions."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import customer_of, token_for
from tests.e2e.helpers import act, choose, login, pick_technician


def _order_via_api(api) -> dict:
    customer = customer_of(api, "SZ")
    reply = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "maintenance", "priority": "general",
        "channel": "web", "description": "定期保养"})
    assert reply.status == 201
    return reply.body


def test_english_switch_translates_the_shell_and_is_remembered(page_factory):
    page = page_factory()
    login(page, "sz_manager")
    expect(page.get_by_test_id("menu-workOrders")).to_contain_text("工单")
    page.get_by_test_id("lang-switch").click()
    expect(page.get_by_test_id("menu-workOrders")).to_contain_text("Work orders")
    assert page.evaluate("document.documentElement.lang").startswith("en")
    page.reload()
    expect(page.get_by_test_id("menu-workOrders")).to_contain_text("Work orders")


def test_menu_depends_on_the_role(page_factory):
    agent = page_factory()
    login(agent, "sz_agent")
    expect(agent.get_by_test_id("menu-newOrder")).to_be_visible()
    warehouse = page_factory()
    login(warehouse, "sz_warehouse")
    expect(warehouse.get_by_test_id("menu-workOrders")).to_be_visible()
    assert warehouse.get_by_test_id("menu-newOrder").count() == 0


def _order_page(page_factory, api, user: str):
    """A fresh order (recorded through the API) opened by `user` in a new page."""
    order = _order_via_api(api)
    page = page_factory()
    login(page, user, land=False)
    page.goto(f"/work-orders/{order['id']}")
    return order, page


def test_another_outlet_cannot_open_the_order(page_factory, api):
    order, page = _order_page(page_factory, api, "cd_manager")
    expect(page.get_by_text("工单不存在或无权查看")).to_be_visible()


def test_stale_version_reloads_and_shows_what_changed(page_factory, api):
    order, page = _order_page(page_factory, api, "sz_manager")
    expect(page.get_by_test_id("order-state")).to_have_text("待派工")
    # meanwhile a colleague dispatches it
    moved = api.act(order, "dispatch", "sz_manager", {"technician": "sz_tech2"})
    assert moved.status == 200 and token_for("sz_manager")
    page.get_by_test_id("action-cancel").click()
    page.get_by_test_id("field-reason").fill("客户已自行处理")
    page.get_by_test_id("action-submit").click()
    expect(page.get_by_text("该工单已被他人更新").first).to_be_visible()  # toast and alert
    expect(page.get_by_test_id("stale-changes")).to_contain_text("已派工")
    expect(page.get_by_test_id("order-state")).to_have_text("已派工")


def test_head_office_reads_other_outlets_but_has_no_actions(page_factory, api):
    order, page = _order_page(page_factory, api, "hq_admin")
    expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
    assert page.locator("[data-testid^='action-']").count() == 0


def test_field_errors_from_the_server_show_on_the_form(page_factory, api):
    order, page = _order_page(page_factory, api, "sz_manager")
    act(page, "dispatch", lambda p: pick_technician(p, "刘洋"))
    expect(page.get_by_test_id("order-state")).to_have_text("已派工")
    assert re.search(r"刘洋", page.get_by_test_id("timeline").inner_text())


def test_agent_finds_an_existing_customer_by_phone_and_records_feedback(page_factory, api):
    customer = customer_of(api, "SZ")
    page = page_factory()
    login(page, "sz_agent", land=False)
    page.goto("/work-orders/new")
    page.get_by_test_id("customer-search").fill(customer["phone"][:6])
    page.locator(".ant-select-dropdown:visible .ant-select-item-option",
                 has_text=customer["name"]).first.click()
    choose(page, "order-site", customer["sites"][0]["name"])
    page.get_by_test_id("order-description").fill("门禁刷卡无反应")
    page.get_by_test_id("order-submit").click()
    page.wait_for_url(re.compile(r"/work-orders/wo_"))
    expect(page.get_by_test_id("order-info")).to_contain_text(customer["name"])
    expect(page.get_by_test_id("order-info")).to_contain_text(customer["sites"][0]["name"])
