"""Head office's network list, the order search and the intake's duplicate warning, in the
browser: head office sees two outlets' orders in one list and narrows it to one outlet; Enter in
the search box finds an order by its customer or says there is none; picking a customer with an
unfinished order shows that order (number, state, age) before saving."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from chalicelib.kernel.store import keys
from chalicelib.modules.orders import usecases
from tests.e2e.helpers import choose, login

# The network list's orders live in May 2014: no other test writes that month.
MAY_2014 = "/work-orders?from=2014-05-01&to=2014-05-31"


def _customer(api, outlet: str, name: str, phone: str) -> dict:
    reply = api.post("/api/customers", f"{outlet.lower()}_agent", {
        "name": name, "phone": phone, "site": {"name": "主厂区", "address": "测试大道 1 号"}})
    assert reply.status == 201, reply.body
    return reply.body


def _order(api, outlet: str, customer: dict, at: datetime, description: str = "网络视图测试") -> dict:
    keys.set_clock(lambda: at)
    try:
        reply = api.post("/api/work-orders", f"{outlet.lower()}_agent", {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "type": "repair", "priority": "general", "channel": "phone",
            "description": description})
    finally:
        keys.set_clock(None)
    assert reply.status == 201, reply.body
    return reply.body


@pytest.fixture
def fresh_floor(monkeypatch):
    """The network's oldest month is kept a minute by the server; these orders are backdated."""
    monkeypatch.setattr(usecases, "_network_floor", (0.0, None))


def _row(page: Page, order: dict):
    return page.get_by_test_id(f"order-row-{order['number']}")


def test_head_office_sees_both_outlets_in_one_list_and_filters_by_outlet(
        page_factory, api, fresh_floor):
    sz = _order(api, "SZ", _customer(api, "SZ", "网络视图深圳客户", "13511110001"),
                datetime(2014, 5, 6, 3, tzinfo=UTC))
    cd = _order(api, "CD", _customer(api, "CD", "网络视图成都客户", "02811110002"),
                datetime(2014, 5, 7, 3, tzinfo=UTC))
    page = page_factory(width=1366, height=768)
    login(page, "hq_admin", land=False)
    page.goto(MAY_2014)
    expect(_row(page, cd)).to_be_visible()
    expect(_row(page, sz)).to_be_visible()
    expect(_row(page, sz)).to_contain_text("深圳服务站")
    expect(_row(page, cd)).to_contain_text("成都服务站")
    # newest first across the outlets
    rows = page.locator("[data-testid^='order-row-']")
    expect(rows.first).to_have_attribute("data-testid", f"order-row-{cd['number']}")

    choose(page, "filter-outlet", "成都服务站")
    expect(_row(page, sz)).to_have_count(0)
    expect(_row(page, cd)).to_be_visible()
    assert "outlet=CD" in page.url


def test_search_finds_an_order_by_customer_and_says_when_nothing_matches(page_factory, api):
    customer = _customer(api, "SZ", "搜索框测试冷链物流", "13522220003")
    order = _order(api, "SZ", customer, keys.utc_now() - timedelta(hours=2), "冷库压缩机异响")
    page = page_factory(width=1366, height=768)
    login(page, "sz_agent", land=False)
    page.goto("/work-orders")
    search = page.get_by_test_id("order-search")
    search.fill("搜索框测试冷链")
    search.press("Enter")
    expect(_row(page, order)).to_be_visible()
    expect(page.locator("[data-testid^='order-row-']")).to_have_count(1)

    search.fill("没有这个客户名称")
    search.press("Enter")
    expect(page.get_by_test_id("search-no-results")).to_have_text("没有找到与“没有这个客户名称”匹配的工单")
    expect(page.locator("[data-testid^='order-row-']")).to_have_count(0)

    # the beginning of an order number works the same way; clearing shows the list again
    search.fill(order["number"][:11].lower())
    search.press("Enter")
    expect(_row(page, order)).to_be_visible()
    search.fill("")
    expect(page).not_to_have_url(re.compile(r"[?&]q="))


def test_search_says_no_results_in_english(page_factory):
    page = page_factory(width=1366, height=768)
    page.context.add_init_script("localStorage.setItem('fuwu.lang', 'en-US')")
    login(page, "cd_manager", land=False)
    page.goto("/work-orders")
    page.get_by_test_id("order-search").fill("NoSuchCustomerAnywhere")
    page.get_by_test_id("order-search").press("Enter")
    expect(page.get_by_test_id("search-no-results")).to_have_text(
        "No orders match “NoSuchCustomerAnywhere”")


def test_intake_shows_the_customers_unfinished_order_before_saving(page_factory, api):
    customer = _customer(api, "SZ", "重复报修浏览器测试厂", "13533330004")
    earlier = _order(api, "SZ", customer, keys.utc_now() - timedelta(days=3, hours=1),
                     "冷却塔风机不转")
    page = page_factory(width=1366, height=768)
    login(page, "sz_agent", land=False)
    page.goto("/work-orders/new")
    page.get_by_test_id("customer-search").fill("重复报修浏览器")
    page.locator(".ant-select-dropdown:visible .ant-select-item-option",
                 has_text="重复报修浏览器测试厂").first.click()
    warning = page.get_by_test_id("open-orders")
    expect(warning).to_be_visible()
    # its one site is chosen with it: the warning speaks of the site, where the order is
    expect(warning).to_have_attribute("data-scope", "site")
    expect(warning).to_contain_text("该项目/地点有 1 张未完成的工单")
    row = warning.locator(f"[data-testid='open-order'][data-number='{earlier['number']}']")
    expect(row).to_contain_text("待派工")
    expect(row.get_by_test_id("open-order-age")).to_have_text("3 天前")
    expect(row.get_by_role("link", name=earlier["number"])).to_have_attribute(
        "href", f"/work-orders/{earlier['id']}")
    # a warning, not a block: the new order is still recorded
    page.get_by_test_id("order-description").fill("同一客户的另一台设备报警")
    page.get_by_test_id("order-submit").click()
    page.wait_for_url(re.compile(r"/work-orders/wo_"))
    expect(page.get_by_test_id("order-state")).to_have_text("待派工")
