"""Issue 19 item 4, no polling while nobody looks: with Playwright's fake clock (every timer fired
as the minutes pass), a technician's order page on a phone reads the unread count when the tab is
shown again, after the user's own change and at most every REFRESH_MS.unreadCount while visible;
nothing while hidden; and a photo's link that lapsed is read anew when the photo is opened, not
on a timer. Requests are counted, never timed (bench/polling.py prints the figures)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from bench.polling import VISIBILITY_SWITCH, ApiLog, run_clock, set_hidden
from tests.conftest import upload
from tests.e2e.helpers import act, login

PHONE = {"width": 375, "height": 812, "mobile": True}
MINUTE_MS = 60_000
UNREAD = "/api/notifications/unread-count"
ATTACHMENTS = "/attachments"
REFRESH_TS = Path(__file__).resolve().parents[2] / "frontend" / "src" / "api" / "refresh.ts"


def unread_every_ms() -> int:
    """REFRESH_MS.unreadCount as the SPA has it (the one source: frontend/src/api/refresh.ts)."""
    found = re.search(r"unreadCount:\s*(\d+)\s*\*\s*MINUTE\b", REFRESH_TS.read_text())
    assert found, "REFRESH_MS.unreadCount is no longer `<n> * MINUTE`: read it here as it is written"
    return int(found.group(1)) * MINUTE_MS


@pytest.fixture
def order_with_photo(api, new_order) -> dict:
    """An SZ order dispatched to sz_tech1 (who gets its hand-off notice) with a photo they took."""
    order = new_order()
    reply = api.act(order, "dispatch", "sz_manager", {"technician": "sz_tech1"})
    assert reply.status == 200, reply.body
    upload(api, reply.body, "sz_tech1", category="before")
    return reply.body


def on_the_order(page_factory, order: dict) -> tuple[Page, ApiLog]:
    """sz_tech1 on a phone, the fake clock installed before the first page, on the order's page
    with its photo shown; the log counts from there (phase `visible`)."""
    page = page_factory(**PHONE)
    page.add_init_script(VISIBILITY_SWITCH)
    page.clock.install()
    log = ApiLog(page)
    login(page, "sz_tech1")
    page.get_by_test_id(f"job-card-{order['number']}").click()
    expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
    expect(page.get_by_test_id("evidence-thumb")).to_have_count(1)
    log.settle(quiet_ms=1_000)  # the page's cards ask for their data after it shows (fees, payments)
    log.phase = "visible"
    return page, log


def test_a_hidden_tab_reads_nothing_and_reads_the_count_once_when_shown_again(page_factory, order_with_photo):
    page, log = on_the_order(page_factory, order_with_photo)
    log.phase = "hidden"
    set_hidden(page, True)
    run_clock(page, log, 30 * MINUTE_MS)
    assert log.count("hidden") == 0, log.calls.get("hidden")  # no unread count, no file links: nothing

    log.phase = "shown"
    set_hidden(page, False)
    log.settle()
    assert log.count("shown", UNREAD) == 1
    # its photo's links lapsed meanwhile: the tab shown again reads them once (they are on screen)
    assert log.count("shown", ATTACHMENTS) == 1
    run_clock(page, log, MINUTE_MS)
    assert log.count("shown", UNREAD) == 1


def test_a_visible_tab_reads_the_count_at_most_every_few_minutes_and_no_links_on_a_timer(
        page_factory, order_with_photo):
    every = unread_every_ms()
    watched = 20 * MINUTE_MS
    page, log = on_the_order(page_factory, order_with_photo)
    run_clock(page, log, watched)
    # one read per interval after the one at sign-in: the last may fall just past the window
    assert watched // every - 1 <= log.count("visible", UNREAD) <= watched // every
    assert log.count("visible", ATTACHMENTS) == 0  # lapsed links wait for their use


def test_the_users_own_actions_read_the_count_again(page_factory, order_with_photo):
    page, log = on_the_order(page_factory, order_with_photo)
    bell = page.get_by_test_id("inbox-bell")
    expect(bell).not_to_have_attribute("data-count", "0")  # the order's hand-off notice

    # an order action (nothing to do with the inbox): the count is read again after it
    log.phase = "contact"
    tomorrow = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=1)).strftime("%Y-%m-%d")
    with page.expect_request(lambda r: r.url.endswith(UNREAD)):
        act(page, "contact", lambda p: p.get_by_test_id("field-visit_at").fill(f"{tomorrow}T09:30"))
    log.settle()
    assert log.count("contact", UNREAD) == 1
    run_clock(page, log, MINUTE_MS)  # past REFRESH_MS.afterActions: the next change reads at once

    # a notice marked read in the bell: read again after it, and the badge shows one fewer
    unread = int(bell.get_attribute("data-count"))
    bell.click()
    item = page.locator("[data-testid^='inbox-item-']", has_text=order_with_photo["number"]).first
    expect(item).to_be_visible()
    log.settle()
    log.phase = "read"
    with page.expect_request(lambda r: r.url.endswith(UNREAD)):
        item.click()
    expect(bell).to_have_attribute("data-count", str(unread - 1))
    log.settle()
    assert log.count("read", UNREAD) == 1


def test_a_photo_opened_after_its_link_lapsed_gets_a_fresh_working_link(page_factory, order_with_photo):
    page, log = on_the_order(page_factory, order_with_photo)
    loaded: dict[str, int] = {}
    page.on("response", lambda r: loaded.__setitem__(r.url, r.status) if "X-Amz-Signature" in r.url else None)
    run_clock(page, log, 10 * MINUTE_MS)  # the links live 5 minutes: lapsed, and nothing renewed them
    assert log.count("visible", ATTACHMENTS) == 0

    log.phase = "open"
    listed = f"/api/work-orders/{order_with_photo['id']}/attachments"
    with page.expect_response(lambda r: r.url.endswith(listed)) as renewal:
        page.get_by_test_id("evidence-thumb").first.locator(".ant-image").click()
    fresh = [a["url"] for a in renewal.value.json()["items"]]
    preview = page.locator(".ant-image-preview-img")
    expect(preview).to_be_visible()
    src = preview.get_attribute("src")
    assert src in fresh  # the viewer opened on the renewed link
    page.wait_for_function("() => { const i = document.querySelector('.ant-image-preview-img');"
                           " return i && i.complete && i.naturalWidth > 0; }")
    assert loaded.get(src) == 200
    log.settle()
    assert log.count("open", ATTACHMENTS) == 1
