"""A paid order is not dispatched before the customer confirms its quote (issue 13): the order's
page says so beside the dispatch button, and a dispatch tried anyway is refused (409
quote_not_confirmed) with the server's message in the reader's language, Chinese or English;
the order stays where it was."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import login, open_action, pick_technician
from tests.e2e.warranty_steps import open_order, paid_order, unit_customer

HINT = {"zh": "报价待客户确认", "en": "Quote awaits the customer's confirmation"}


def refusal_text(api, order: dict, lang: str) -> str:
    """The server's message for this refusal in a language (and that it is the refusal)."""
    reply = api.post(f"/api/work-orders/{order['id']}/actions/dispatch", "sz_manager",
                     {"version": order["version"], "data": {"technician": "sz_tech1"}},
                     headers={"Accept-Language": lang})
    assert reply.status == 409 and reply.error["code"] == "quote_not_confirmed", reply.body
    return reply.error["message"]


def try_dispatch(page) -> None:
    open_action(page, "dispatch")
    pick_technician(page, "张伟")
    page.get_by_test_id("action-submit").click()


def test_dispatch_of_an_unconfirmed_paid_order_is_refused_in_chinese_and_english(page_factory, api):
    order = paid_order(api, unit_customer(api, "派工拦截浏览器测试农场"))
    zh, en = refusal_text(api, order, "zh-CN"), refusal_text(api, order, "en")
    assert "报价" in zh and "quote" in en.lower() and zh != en

    page = page_factory(width=1366, height=860)
    login(page, "sz_manager", land=False)
    open_order(page, order)
    expect(page.get_by_test_id("quote-hint")).to_have_text(HINT["zh"])
    try_dispatch(page)
    expect(page.locator(".ant-message").get_by_text(zh)).to_be_visible()
    page.get_by_test_id("action-dismiss").click()
    expect(page.get_by_test_id("order-state")).to_have_text("待派工")

    page.get_by_test_id("lang-switch").click()
    expect(page.get_by_test_id("quote-hint")).to_have_text(HINT["en"])
    try_dispatch(page)
    expect(page.locator(".ant-message").get_by_text(en)).to_be_visible()
    page.get_by_test_id("action-dismiss").click()
    expect(page.get_by_test_id("order-state")).to_have_text("Received")

    current = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert current["state"] == "received" and current["version"] == order["version"]
    assert not any(e["action"] == "dispatch" for e in current["events"])
