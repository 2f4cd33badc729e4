"""The at-risk board in the browser: a manager acknowledges a breach with a note and it leaves
the top of the board for the acknowledged tab; the policy's levels are chosen from a list named
in the reader's language; a rule's explanation reads in English when the UI is English."""

from __future__ import annotations

import re
from datetime import timedelta

from playwright.sync_api import expect

from chalicelib.kernel.labels import label
from chalicelib.kernel.store import keys
from tests.conftest import STEP_DATA, customer_of
from tests.e2e.helpers import login
from tests.sla_helpers import frozen

ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
DISPATCHED = label("state", "dispatched", "zh")


def _order(api, minutes_ago: int, **fields) -> dict:
    with frozen(keys.utc_now() - timedelta(minutes=minutes_ago)):
        return api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer_of(api, "SZ")["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "时限确认测试",
            **fields}).body


def _dispatched(api, minutes_ago: int) -> dict:
    order = _order(api, minutes_ago)
    with frozen(keys.utc_now() - timedelta(minutes=minutes_ago)):
        return api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"]).body


def test_manager_acknowledges_a_breach_and_it_leaves_the_top(page_factory, api):
    late = _dispatched(api, 45)  # contact 25 minutes late
    page = page_factory(width=1366, height=768)
    login(page, "sz_manager", land=False)
    page.goto("/sla/at-risk?horizon=4")
    row = page.get_by_test_id(f"risk-row-{late['number']}-contact")
    expect(row).to_be_visible()
    expect(row).to_have_attribute("data-view", "open")
    # the order's state in words (the subject's own vocabulary), not its key
    expect(row.locator('[data-state="dispatched"]').first).to_have_text(DISPATCHED)
    expect(page.get_by_test_id("risk-total-breached")).not_to_have_attribute("data-count", "0")
    acknowledged_before = int(page.get_by_test_id("risk-total-acknowledged").get_attribute("data-count") or 0)

    row.get_by_test_id("risk-ack").click()
    page.get_by_test_id("risk-ack-submit").click()  # a note is required
    expect(page.locator(".ant-form-item-explain-error")).to_contain_text("请填写说明")
    page.get_by_test_id("risk-ack-note").fill("客户临时外出，已约定下午 3 点联系")
    page.get_by_test_id("risk-ack-submit").click()
    expect(row).to_have_count(0)  # off the board's top
    expect(page.get_by_test_id("risk-total-acknowledged")).to_have_attribute(
        "data-count", str(acknowledged_before + 1))

    page.get_by_test_id("risk-tab-acknowledged").click()
    moved = page.get_by_test_id(f"risk-row-{late['number']}-contact")
    expect(moved).to_have_attribute("data-view", "acknowledged")
    expect(moved).to_contain_text("客户临时外出")
    expect(moved.get_by_test_id("risk-ack")).to_have_count(0)

    # on the order's timeline, by whom and why
    moved.get_by_test_id("risk-link").click()
    page.wait_for_url(re.compile(rf"/work-orders/{late['id']}"))
    expect(page.get_by_test_id("event-breach_acknowledged")).to_contain_text("客户临时外出")


def test_policy_levels_are_chosen_from_a_list_in_the_readers_language(page_factory):
    page = page_factory(width=1366, height=768)
    page.context.add_init_script(ENGLISH)
    login(page, "hq_admin", land=False)
    page.goto("/sla/policy")
    name = page.get_by_test_id("level-0-name")
    expect(name).to_contain_text("Warning")
    expect(name.locator("input")).to_have_attribute("readonly", "")  # chosen, not typed
    page.get_by_test_id("level-2-remove").click()
    page.get_by_test_id("policy-add-level").click()
    expect(page.get_by_test_id("level-2-name")).to_contain_text("Escalation")  # the unused one
    name.click()
    options = page.locator(".ant-select-dropdown:visible .ant-select-item-option")
    expect(options).to_have_text(["Warning", "Breach", "Escalation"])
    expect(options.filter(has_text="Breach")).to_have_class(re.compile("option-disabled"))


def test_a_rule_reads_in_english_when_the_ui_is_english(page_factory, api):
    order = _order(api, 10, priority="urgent", distance_km=12)  # arrival due within 4 h
    page = page_factory(width=1366, height=768)
    page.context.add_init_script(ENGLISH)
    login(page, "sz_manager", land=False)
    page.goto(f"/work-orders/{order['id']}")
    card = page.get_by_test_id("clock-arrival")
    expect(card).to_contain_text("Urgent orders within 50 km: arrival within 4 hours")
    expect(page.get_by_test_id("clocks-card")).not_to_contain_text("紧急")
    page.goto("/sla/at-risk?horizon=4")
    row = page.locator(f"[data-testid^='risk-row-{order['number']}-']")
    expect(row).to_contain_text("Urgent orders within 50 km: arrival within 4 hours")
