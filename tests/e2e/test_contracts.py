"""Maintenance contracts (维护合同, issue 18 slice 1) in the browser: a manager records a
contract for a customer's site with the standard inspection checklist and activates it, then
finds it in the list and reads its page; in English on a 375 px phone the contract's page reads
without sideways scrolling, and an order created on a covered unit shows the contract and the
call-outs left on its page. The form puts the server's 400 on its field and edits on the
version it opened (someone's change first is said, and the latest can be taken)."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login, no_horizontal_scroll
from tests.e2e.warranty_steps import fill_date

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 860}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
TEMPLATE_AREAS = ["前端设备", "线路", "中心控制", "系统功能"]


def today() -> date:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date()


def new_customer(api, name: str) -> dict:
    """A new SZ customer of this test alone, with one site and one unit."""
    tag = uuid.uuid4().hex[:8]
    reply = api.post("/api/customers", "sz_agent", {
        "name": f"{name}{tag}", "phone": f"137{int(tag, 16) % 10**8:08d}", "address": "深圳市南山区",
        "site": {"name": "监控中心", "address": "科技路 8 号"},
        "equipment": {"model": "监控主机 NVR-32", "serial_no": f"WH-E2E-{tag}"}})
    assert reply.status == 201, reply.body
    return reply.body


def open_contract(page: Page, contract_id: str) -> None:
    page.goto(f"/contracts/{contract_id}")
    expect(page.get_by_test_id("contract-page")).to_be_visible()


def test_a_manager_records_a_contract_with_the_standard_checklist_and_activates_it(page_factory, api):
    customer = new_customer(api, "维护合同浏览器测试")
    site = customer["sites"][0]
    page = page_factory(**DESKTOP)
    login(page, "sz_manager")

    # from the menu to the new contract's form
    page.get_by_test_id("menu-contracts").click()
    page.wait_for_url("**/contracts")
    page.get_by_test_id("contracts-new").click()
    form = page.get_by_test_id("contract-form")
    expect(form).to_be_visible()

    # the customer, whose one site is offered at once
    page.get_by_test_id("customer-search").fill(customer["name"])
    page.locator(".ant-select-dropdown:visible .ant-select-item-option",
                 has_text=customer["name"]).first.click()
    expect(page.get_by_test_id("contract-sites-select")).to_contain_text(site["name"])

    page.get_by_test_id("contract-price").fill("12000")
    page.get_by_test_id("contract-included-callouts").fill("2")
    page.get_by_test_id("contract-response-minutes").fill("30")

    # the standard checklist: 001 §14's four areas, each with its items
    page.get_by_test_id("contract-checklist-template").click()
    for i, area in enumerate(TEMPLATE_AREAS):
        expect(page.get_by_test_id(f"contract-checklist-area-input-{i}")).to_have_value(area)
    expect(page.get_by_test_id("contract-checklist-item-0-0")).not_to_have_value("")

    # an end before the start: the server's 400 lands on the end date's field, nothing saved
    start = today()
    fill_date(page, "contract-ends-on", (start - timedelta(days=1)).isoformat())
    page.get_by_test_id("contract-save-draft").click()
    ends_item = page.locator(".ant-form-item", has=page.get_by_test_id("contract-ends-on"))
    expect(ends_item.locator(".ant-form-item-explain-error")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/contracts/new$"))
    fill_date(page, "contract-ends-on", (start + timedelta(days=364)).isoformat())

    page.get_by_test_id("contract-save-draft").click()
    contract_page = page.get_by_test_id("contract-page")
    expect(contract_page).to_have_attribute("data-state", "draft")
    number = page.get_by_test_id("contract-number").inner_text()
    assert number.startswith("WH-SZ-"), number
    contract_id = page.url.rstrip("/").split("/")[-1]
    stored = api.get(f"/api/contracts/{contract_id}", "sz_manager").body
    assert stored["price_fen"] == 1_200_000 and stored["sites"] == [site["id"]]
    assert [a["area"] for a in stored["checklist"]] == TEMPLATE_AREAS
    assert stored["service_level"] == {"response_minutes": 30}

    # activated on its page
    page.get_by_test_id("contract-activate").click()
    page.get_by_test_id("contract-activate-ok").click()
    expect(contract_page).to_have_attribute("data-state", "active")
    expect(page.get_by_test_id("contract-state")).to_have_text("生效")
    expect(page.get_by_test_id("contract-event-contract_activated")).to_be_visible()

    # its page: period, price in 元, the site, call-outs, the schedule in words, the checklist
    expect(page.get_by_test_id("contract-period")).to_contain_text(start.isoformat())
    expect(page.get_by_test_id("contract-price")).to_have_text("¥12,000.00")
    expect(page.get_by_test_id("contract-sites")).to_contain_text(site["name"])
    expect(page.get_by_test_id("contract-units")).to_contain_text("服务地点的全部设备")
    expect(page.get_by_test_id("contract-callouts")).to_contain_text("含 2 次，已用 0 次，剩余 2 次")
    expect(page.get_by_test_id("contract-service-level")).to_have_text("响应 30 分钟内")
    expect(page.get_by_test_id("contract-schedule")).to_have_text("每季度，每期第 1 个月 15 日，按安装地点")
    active = api.get(f"/api/contracts/{contract_id}", "sz_manager").body
    assert active["next_due_on"]
    expect(page.get_by_test_id("contract-next-due")).to_have_text(active["next_due_on"])
    for i, area in enumerate(TEMPLATE_AREAS):
        expect(page.get_by_test_id(f"contract-checklist-area-{i}")).to_contain_text(area)

    # edited on the version opened: someone else's change first is said, the latest taken
    page.get_by_test_id("contract-edit").click()
    expect(page.get_by_test_id("contract-form")).to_be_visible()
    changed = api.call("PUT", f"/api/contracts/{contract_id}", "sz_manager",
                       {"version": active["version"], "included_callouts": 4})
    assert changed.status == 200, changed.body
    page.get_by_test_id("contract-price").fill("15000")
    page.get_by_test_id("contract-save").click()
    expect(page.get_by_test_id("contract-stale")).to_be_visible()
    assert api.get(f"/api/contracts/{contract_id}", "sz_manager").body["price_fen"] == 1_200_000
    page.get_by_test_id("contract-take-latest").click()
    expect(page.get_by_test_id("contract-included-callouts")).to_have_value("4")
    page.get_by_test_id("contract-price").fill("15000")
    page.get_by_test_id("contract-save").click()
    expect(page.get_by_test_id("contract-price")).to_have_text("¥15,000.00")
    expect(page.get_by_test_id("contract-callouts")).to_contain_text("含 4 次，已用 0 次，剩余 4 次")

    # in the list of the customer's contracts, active; it opens its page
    page.goto(f"/contracts?customer={customer['id']}")
    row = page.get_by_test_id(f"contract-row-{contract_id}")
    expect(row).to_have_attribute("data-state", "active")
    expect(row).to_contain_text(number)
    expect(row).to_contain_text(customer["name"])
    page.get_by_test_id("contracts-state").click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text="草稿").first.click()
    expect(page.get_by_test_id("contracts-table")).to_contain_text("暂无维护合同")
    page.get_by_test_id("contracts-state").click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text="生效").first.click()
    row.get_by_test_id("contract-link").click()
    expect(page.get_by_test_id("contract-number")).to_have_text(number)


def test_in_english_on_a_phone_the_contract_and_the_order_card_show_the_callouts_left(page_factory, api):
    customer = new_customer(api, "维护合同英文手机测试")
    unit = customer["equipment"][0]
    start = today() - timedelta(days=30)
    reply = api.post("/api/contracts", "sz_manager", {
        "customer_id": customer["id"], "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=364)).isoformat(), "free_period": False,
        "price_fen": 880_000, "sites": [customer["sites"][0]["id"]], "units": [unit["id"]],
        "included_callouts": 3, "service_level": {"response_minutes": 60, "arrival_minutes": 480},
        "schedule": {"kind": "monthly", "day": 10, "per": "unit"},
        "checklist": [{"area": "前端设备", "items": ["摄像机图像清晰、无干扰，镜头无遮挡无污损且转动灵活"]}],
        "state": "active"})
    assert reply.status == 201, reply.body
    contract = reply.body
    made = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
        "equipment_id": unit["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "合同设备报修：主机无图像"})
    assert made.status == 201, made.body
    order = made.body
    assert order["coverage"] == "contract" and order["contract"]["callouts"]["remaining"] == 2

    page = page_factory(**PHONE)
    page.context.add_init_script(ENGLISH)
    login(page, "sz_manager", land=False)
    open_contract(page, contract["id"])
    expect(page.get_by_test_id("contract-state")).to_have_text("Active")
    expect(page.get_by_test_id("contract-callouts")).to_contain_text("3 included, 1 used, 2 left")
    expect(page.get_by_test_id("contract-units")).to_contain_text(unit["serial_no"])
    expect(page.get_by_test_id("contract-schedule")).to_have_text("Monthly, on day 10 · Per unit")
    expect(page.get_by_test_id("contract-service-level")).to_have_text(
        "response within 60 min, on site within 480 min")
    expect(page.get_by_test_id("contract-event-callout_counted")).to_be_visible()
    assert no_horizontal_scroll(page)

    # the order's page: the contract it was created under and the call-outs left
    page.goto(f"/work-orders/{order['id']}")
    card = page.get_by_test_id("order-contract-card")
    expect(card).to_contain_text("Maintenance contract")
    expect(card.get_by_test_id("order-contract-link")).to_have_text(contract["number"])
    expect(card.get_by_test_id("order-contract-callouts")).to_have_text("3 included, 1 used, 2 left")
    expect(card).to_contain_text("Included call-out")
    assert no_horizontal_scroll(page)
    card.get_by_test_id("order-contract-link").click()
    expect(page.get_by_test_id("contract-number")).to_have_text(contract["number"])
