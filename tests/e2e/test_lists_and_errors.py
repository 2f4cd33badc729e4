"""Issue 12, items 8 and 9 in the browser: lists survive real data (a 200-character customer name
is cut with an ellipsis and shown whole in a tooltip, the order list fits 1366 px in English
without scrolling sideways, columns can be hidden and stay hidden), and a failed load says what
happened with a retry, never "no data"; no server text reaches a message."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from playwright.sync_api import Page, Route, expect

from tests.e2e.helpers import login, no_horizontal_scroll

LIST_CALLS = "**/api/work-orders**"
MY_JOBS = "**/api/my-jobs**"


def _long_name(tag: str) -> str:
    words = f"Pearl River Delta Precision Cold Chain Refrigeration Engineering Group {tag} "
    return (words * 5)[:200].strip()


@pytest.fixture
def long_named_order(api) -> dict:
    """An order (dispatched, so its clock is on the at-risk board) of a customer whose name is
    200 characters long."""
    tag = uuid.uuid4().hex[:6]
    name = _long_name(tag)
    assert len(name) >= 199
    customer = api.post("/api/customers", "sz_agent", {
        "name": name, "phone": f"1391{uuid.uuid4().int % 10**7:07d}", "address": "深圳市南山区科技园",
        "site": {"name": "一号厂区", "address": "测试路 1 号"},
        "equipment": {"model": "冷水机组 LS-500", "serial_no": f"LONG-{tag}"}})
    assert customer.status == 201, customer.body
    order = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer.body["id"], "site_id": customer.body["sites"][0]["id"],
        "equipment_id": customer.body["equipment"][0]["id"], "type": "repair",
        "priority": "general", "channel": "phone", "description": "空调不制冷"})
    assert order.status == 201, order.body
    dispatched = api.act(order.body, "dispatch", "sz_manager", {"technician": "sz_tech1"})
    assert dispatched.status == 200, dispatched.body
    return {**dispatched.body, "customer_name": name}


def _english(page_factory, width: int = 1366, height: int = 768, mobile: bool = False) -> Page:
    page = page_factory(width, height, mobile)
    page.context.add_init_script("localStorage.setItem('fuwu.lang', 'en-US')")
    return page


def _fits_without_sideways_scroll(page: Page) -> None:
    table = page.locator(".ant-table-content").first
    expect(table).to_be_visible()
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), table.evaluate(
        "e => [e.scrollWidth, e.clientWidth]")
    assert no_horizontal_scroll(page)


def _cut_with_tooltip(page: Page, scope, name: str) -> None:
    """The name is one line, cut with an ellipsis; hovering shows it whole. `scope` is the
    order's own row and the name is matched whole (its unique tag sits past the cut), so other
    tests' long-named customers on the same list never match."""
    cell = scope.get_by_test_id("cell-text").filter(has_text=name)
    expect(cell).to_be_visible()
    assert cell.evaluate("e => e.scrollWidth > e.clientWidth")  # cut
    assert cell.evaluate("e => getComputedStyle(e).textOverflow") == "ellipsis"
    assert cell.bounding_box()["height"] < 30  # one line
    cell.hover()
    expect(page.locator(".ant-tooltip-inner").filter(has_text=name)).to_have_text(name)


def test_a_200_character_name_is_cut_with_a_tooltip_and_the_list_fits_1366_px(page_factory, long_named_order):
    page = _english(page_factory)
    login(page, "sz_manager", land=False)
    page.goto("/work-orders")
    row = page.get_by_test_id(f"order-row-{long_named_order['number']}")
    expect(row).to_be_visible()
    expect(page.locator("thead")).to_contain_text("Customer")
    _fits_without_sideways_scroll(page)
    _cut_with_tooltip(page, row, long_named_order["customer_name"])

    # the at-risk board: the same name, the same cut, the page no wider than the window
    page.goto("/sla/at-risk")
    board_row = page.locator(f"[data-testid^='risk-row-{long_named_order['number']}-']")
    expect(board_row).to_be_visible()
    _cut_with_tooltip(page, board_row, long_named_order["customer_name"])
    _fits_without_sideways_scroll(page)  # the acknowledge button too, in English


def test_a_hidden_column_stays_hidden_after_a_reload(page_factory, long_named_order):
    page = _english(page_factory)
    login(page, "sz_manager", land=False)
    page.goto("/work-orders")
    expect(page.get_by_test_id(f"order-row-{long_named_order['number']}")).to_be_visible()
    header = page.locator("thead th", has_text=re.compile(r"^Technician$"))
    expect(header).to_have_count(1)

    page.get_by_test_id("columns-button").click()
    page.get_by_test_id("column-toggle-technician").uncheck()
    expect(header).to_have_count(0)
    page.keyboard.press("Escape")

    page.reload()
    expect(page.get_by_test_id(f"order-row-{long_named_order['number']}")).to_be_visible()
    expect(page.locator("thead")).to_contain_text("Customer")
    expect(header).to_have_count(0)

    page.get_by_test_id("columns-button").click()
    expect(page.get_by_test_id("column-toggle-technician")).not_to_be_checked()
    page.get_by_test_id("columns-reset").click()
    expect(header).to_have_count(1)


def _server_error(body: str, content_type: str = "application/json", status: int = 500):
    def answer(route: Route) -> None:
        route.fulfill(status=status, content_type=content_type, body=body)
    return answer


TRACEBACK = ('Traceback (most recent call last):\n  File "/var/task/chalicelib/modules/orders/'
             'usecases.py", line 88, in list_orders\nKeyError: \'customer_name\'')


# Every message (toast) ever added to the page, even one removed again, in window.__toasts.
RECORD_TOASTS = """
window.__toasts = [];
new MutationObserver((changes) => {
  for (const change of changes) {
    for (const node of change.addedNodes) {
      if (node.nodeType !== 1) continue;
      const notices = node.matches('.ant-message-notice')
        ? [node] : [...node.querySelectorAll('.ant-message-notice')];
      notices.forEach((notice) => window.__toasts.push(notice.textContent));
    }
  }
}).observe(document, { childList: true, subtree: true });
"""

# Two tasks and two frames: the query client's deferred toast check (a task after the failure
# renders) and antd's rendering of a message have both run.
SETTLE = """() => new Promise((done) => setTimeout(() => requestAnimationFrame(() =>
  setTimeout(() => requestAnimationFrame(() => done(null)), 0)), 0))"""


def test_a_server_error_says_so_with_its_reference_and_retry_brings_the_list(page_factory, long_named_order):
    page = _english(page_factory)
    page.context.add_init_script(RECORD_TOASTS)
    login(page, "sz_manager")
    page.route(LIST_CALLS, _server_error(json.dumps({"error": {
        "code": "internal_error", "message": TRACEBACK, "fields": {}, "request_id": "req-e2e-500"}})))
    page.goto("/work-orders")

    state = page.get_by_test_id("error-state")
    expect(state).to_be_visible()
    expect(state.get_by_test_id("error-title")).to_have_text("The server had a problem")
    expect(state.get_by_test_id("error-reference")).to_have_text("reference req-e2e-500")
    expect(state).not_to_contain_text("Traceback")
    # an error, not an empty outlet; and said once, in place (no message on top)
    expect(page.locator(".ant-empty")).to_have_count(0)
    expect(page.get_by_text("No data")).to_have_count(0)
    page.wait_for_load_state("networkidle")  # the query's retries are over
    page.evaluate(SETTLE)
    assert page.evaluate("window.__toasts") == []

    page.unroute(LIST_CALLS)
    page.get_by_test_id("error-retry").click()
    expect(page.get_by_test_id(f"order-row-{long_named_order['number']}")).to_be_visible()
    expect(state).to_have_count(0)


def test_an_unreachable_server_says_so_in_chinese_too(page_factory, long_named_order):
    page = page_factory(1366, 768)
    login(page, "sz_manager")
    page.route(LIST_CALLS, lambda route: route.abort("internetdisconnected"))
    page.goto("/work-orders")
    state = page.get_by_test_id("error-state")
    expect(state.get_by_test_id("error-title")).to_have_text("无法连接服务器")
    expect(state.get_by_test_id("error-retry")).to_be_visible()
    expect(page.get_by_text("暂无数据")).to_have_count(0)

    page.unroute(LIST_CALLS)
    state.get_by_test_id("error-retry").click()
    expect(page.get_by_test_id(f"order-row-{long_named_order['number']}")).to_be_visible()


def test_my_jobs_on_the_phone_offer_a_retry_when_offline(page_factory, long_named_order):
    page = _english(page_factory, 375, 812, mobile=True)
    login(page, "sz_tech1")
    page.route(MY_JOBS, lambda route: route.abort("internetdisconnected"))
    page.goto("/my-jobs")
    state = page.get_by_test_id("error-state")
    expect(state.get_by_test_id("error-title")).to_have_text("Cannot reach the server")
    assert no_horizontal_scroll(page)

    page.unroute(MY_JOBS)
    state.get_by_test_id("error-retry").click()
    expect(page.get_by_test_id(f"job-card-{long_named_order['number']}").first).to_be_visible()
    assert no_horizontal_scroll(page)  # the long name wraps on a card


@pytest.mark.parametrize("answer", [
    _server_error(json.dumps({"error": {"code": "internal_error", "message": TRACEBACK, "fields": {}}})),
    _server_error(TRACEBACK, content_type="text/plain", status=502),
], ids=["envelope", "proxy-text"])
def test_a_failed_write_shows_only_the_generic_text(page_factory, answer):
    page = _english(page_factory)
    login(page, "sz_manager", land=False)
    page.goto("/notifications")
    expect(page.get_by_test_id("notifications-read-all")).to_be_visible()
    page.route("**/api/notifications/read-all", answer)
    page.get_by_test_id("notifications-read-all").click()

    toast = page.locator(".ant-message-notice")
    expect(toast).to_have_count(1)
    expect(toast).to_contain_text("The server had a problem; please try again")
    expect(toast).not_to_contain_text("Traceback")
    expect(toast).not_to_contain_text("KeyError")


def test_a_refusal_names_its_fields(page_factory):
    """A 4xx in the API's envelope is said with the API's words, each field by its name."""
    page = _english(page_factory)
    login(page, "sz_manager", land=False)
    page.goto("/notifications")
    expect(page.get_by_test_id("notifications-read-all")).to_be_visible()
    page.route("**/api/notifications/read-all", _server_error(json.dumps({"error": {
        "code": "validation_error", "message": "Invalid input; see the marked fields",
        "fields": {"data.technician": "is required", "reason": "is too long (at most 200 characters)"}}}),
        status=400))
    page.get_by_test_id("notifications-read-all").click()
    expect(page.locator(".ant-message-notice")).to_have_text(
        "Invalid input; see the marked fields: Technician is required; "
        "Reason is too long (at most 200 characters)")
