"""Deadlines in the browser: the manager's at-risk board and the inbox after a sweep. The
server's clock is held at the moment each test starts (tests/workload_helpers.py `clock_at`), so
"due in 3 minutes" is still about to breach however long a loaded machine takes to show it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from playwright.sync_api import expect

from chalicelib.kernel.store import keys
from chalicelib.modules.sla import sweep as sla_sweep
from tests.conftest import STEP_DATA, customer_of
from tests.e2e.helpers import login
from tests.workload_helpers import clock_at


def _dispatched_minutes_ago(api, now: datetime, minutes: int) -> dict:
    with clock_at(now - timedelta(minutes=minutes)):
        order = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer_of(api, "SZ")["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "时限测试"}).body
        return api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"]).body


def test_manager_sees_what_is_about_to_breach_above_what_is_late(page_factory, api):
    now = keys.utc_now()
    with clock_at(now):
        _about_to_breach_above_late(page_factory, api, now)


def _about_to_breach_above_late(page_factory, api, now: datetime) -> None:
    at_risk = _dispatched_minutes_ago(api, now, 17)  # contact due in 3 minutes
    late = _dispatched_minutes_ago(api, now, 40)  # contact 20 minutes late
    page = page_factory()
    login(page, "sz_manager")
    page.get_by_test_id("menu-atRisk").click()
    page.wait_for_url(re.compile(r"/sla/at-risk"))
    late_row = page.get_by_test_id(f"risk-row-{late['number']}-contact")
    risk_row = page.get_by_test_id(f"risk-row-{at_risk['number']}-contact")
    expect(late_row).to_be_visible()
    expect(risk_row).to_be_visible()
    expect(late_row).to_contain_text("超时")
    expect(risk_row).to_contain_text("剩余")
    rows = page.locator("[data-testid^='risk-row-']")
    ids = [rows.nth(i).get_attribute("data-testid") for i in range(rows.count())]
    # what can still be saved first; the breaches below it (docs/sla.md)
    assert ids.index(f"risk-row-{at_risk['number']}-contact") < ids.index(
        f"risk-row-{late['number']}-contact")
    late_row.get_by_test_id("risk-link").click()
    expect(page.get_by_test_id("clocks-card")).to_be_visible()
    expect(page.get_by_test_id("clock-badge-contact").first).to_have_attribute("data-status", "breached")


def test_technician_reads_the_warning_in_the_inbox_and_opens_the_order(page_factory, api):
    now = keys.utc_now()
    sla_sweep.sweep(now)  # what other tests left due is notified first
    api.post("/api/notifications/read-all", "sz_tech1")
    order = _dispatched_minutes_ago(api, now, 17)
    with clock_at(now):
        sla_sweep.sweep(now)  # so this warning is the newest in the bell's list
    page = page_factory(width=375, height=812, mobile=True)
    login(page, "sz_tech1")
    bell = page.get_by_test_id("inbox-bell")
    expect(bell).not_to_have_attribute("data-count", "0")
    unread = int(bell.get_attribute("data-count"))
    bell.click()
    items = page.locator("[data-testid^='inbox-item-']", has_text=order["number"])
    expect(items.first).to_contain_text("即将超时")
    items.first.click()
    page.wait_for_url(re.compile(rf"/work-orders/{order['id']}"))
    expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
    expect(page.get_by_test_id("inbox-bell")).to_have_attribute("data-count", str(unread - 1))
