"""Issue 12, items 1 and 14: a technician learns in the bell that a job was dispatched to them
and opens it there (on a phone, by the relative link, on the test server's own port); each user
chooses how they get notices."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.conftest import customer_of
from tests.e2e.helpers import login


def _dispatched_to_tech3(api) -> dict:
    order = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer_of(api, "SZ")["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "交接通知测试：压缩机不启动"}).body
    reply = api.act(order, "dispatch", "sz_manager", {"technician": "sz_tech3"})
    assert reply.status == 200, reply.body
    return reply.body


def test_a_technician_sees_the_dispatch_in_the_bell_and_opens_the_order(page_factory, api, base_url):
    api.post("/api/notifications/read-all", "sz_tech3")  # what other tests left is read
    page = page_factory(width=375, height=812, mobile=True)
    login(page, "sz_tech3")
    bell = page.get_by_test_id("inbox-bell")
    expect(bell).to_have_attribute("data-count", "0")

    order = _dispatched_to_tech3(api)  # the manager dispatches
    page.reload()  # the bell polls every minute; a reload asks at once
    expect(bell).to_have_attribute("data-count", "1")
    bell.click()
    item = page.locator("[data-testid^='inbox-item-']", has_text=order["number"])
    expect(item).to_have_count(1)
    expect(item).to_contain_text("派工给你")
    expect(item.get_by_test_id("notification-tag")).to_have_attribute("data-notice", "assigned")
    expect(item).not_to_contain_text("http")
    item.click()
    # the relative link opens on this server's own host and port (not localhost:8000)
    page.wait_for_url(f"{base_url}/work-orders/{order['id']}")
    assert not base_url.endswith(":8000")
    expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
    expect(bell).to_have_attribute("data-count", "0")


def test_the_inbox_page_shows_hand_off_notices_in_english(page_factory, api):
    order = _dispatched_to_tech3(api)
    page = page_factory()
    login(page, "sz_tech3")
    page.get_by_test_id("lang-switch").click()
    page.goto("/notifications")
    item = page.locator("[data-testid^='notification-nt_']", has_text=order["number"]).first
    expect(item).to_contain_text("Dispatched to you")
    expect(item).to_contain_text("has been dispatched to you")
    item.click()
    page.wait_for_url(re.compile(rf"/work-orders/{order['id']}$"))


def test_a_user_turns_mail_off_and_picks_english_for_notices(page_factory, api):
    page = page_factory(width=375, height=812, mobile=True)
    login(page, "sz_tech2")
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("user-menu-preferences").click()
    page.wait_for_url(re.compile(r"/preferences$"))
    expect(page.get_by_test_id("preferences-page")).to_contain_text("sz_tech2@fuwu.example")
    email = page.get_by_test_id("preferences-email")
    expect(email).to_have_attribute("aria-checked", "true")
    try:
        email.click()
        page.get_by_test_id("preferences-language").get_by_text("英文").click()
        page.get_by_test_id("preferences-save").click()
        expect(page.get_by_text("通知偏好已保存")).to_be_visible()
        saved = api.get("/api/me/preferences", "sz_tech2").body
        assert (saved["email"], saved["language"]) == (False, "en")
        page.reload()
        expect(page.get_by_test_id("preferences-email")).to_have_attribute("aria-checked", "false")
        expect(page.get_by_test_id("preferences-language-en")).to_be_checked()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        current = api.get("/api/me/preferences", "sz_tech2").body
        api.call("PATCH", "/api/me/preferences", "sz_tech2",
                 {"version": current["version"], "email": True, "language": "zh"})
