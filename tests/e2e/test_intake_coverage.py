"""Coverage at intake (issue 13): once the unit is picked the agent names the failed components,
each dated by default on the fault's start day, and sees, before saving, what the unit's terms
decide for each line with the server's explanation; the saved order shows the same lines."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import choose, login
from tests.e2e.warranty_steps import date_input, fill_date, unit_customer


def add_component(page, index: int, name: str, offered: bool) -> None:
    """A new failed component: one the unit's terms offer is picked from the suggestions, any
    other is typed."""
    page.get_by_test_id("component-add").click()
    field = page.get_by_test_id(f"component-name-{index}")
    box = field if field.evaluate("e => e.tagName") == "INPUT" else field.locator("input")
    box.fill(name)
    if offered:
        page.locator(".ant-select-dropdown:visible .ant-select-item-option",
                     has_text=name).first.click()
    else:
        page.get_by_test_id("intake-coverage").get_by_text("故障部件与保修判定").click()
    expect(box).to_have_value(name)


def test_intake_names_components_and_shows_each_lines_coverage_explained(page_factory, api):
    customer = unit_customer(api, "三包判定浏览器测试农场")
    unit = customer["equipment"][0]
    page = page_factory(width=1366, height=900)
    login(page, "sz_agent", land=False)
    page.goto("/work-orders/new")
    page.get_by_test_id("customer-search").fill(customer["name"])
    page.locator(".ant-select-dropdown:visible .ant-select-item-option",
                 has_text=customer["name"]).first.click()
    choose(page, "order-equipment", unit["serial_no"])
    expect(page.get_by_test_id("intake-coverage")).to_be_visible()

    # the fault started on 2026-04-01: a new line's failure date is that day
    fill_date(page, "order-fault-started", "2026-04-01 08:00")
    add_component(page, 0, "启动机", offered=True)
    expect(date_input(page, "component-date-0")).to_have_value("2026-04-01")
    add_component(page, 1, "变速箱壳体", offered=True)
    add_component(page, 2, "割台", offered=False)  # in no group: the whole machine

    preview = page.get_by_test_id("coverage-preview-lines")
    expect(preview.locator("[data-testid^='coverage-line-']")).to_have_count(3)
    expect(preview.get_by_test_id("coverage-line-0")).to_have_attribute("data-result", "paid")
    expect(preview.get_by_test_id("coverage-result-0")).to_have_text("有偿")
    expect(preview.get_by_test_id("coverage-explanation-0")).to_contain_text("2026-02-28")
    expect(preview.get_by_test_id("coverage-explanation-0")).to_contain_text("启动机")
    expect(preview.get_by_test_id("coverage-line-1")).to_have_attribute("data-result", "warranty")
    expect(preview.get_by_test_id("coverage-explanation-1")).to_contain_text("2027-11-30")
    expect(preview.get_by_test_id("coverage-line-2")).to_have_attribute("data-result", "warranty")
    expect(preview.get_by_test_id("coverage-explanation-2")).to_contain_text("2026-11-30")
    expect(preview.get_by_test_id("coverage-line-2")).to_contain_text("整机")
    # the terms decide: no hand-picked coverage is offered
    expect(page.get_by_test_id("order-coverage-decided")).to_be_visible()
    expect(page.get_by_test_id("order-coverage")).to_have_count(0)

    # the starter's last covered day is 2026-02-28: a fault that day is covered, the next not
    fill_date(page, "component-date-0", "2026-02-28")
    expect(preview.get_by_test_id("coverage-line-0")).to_have_attribute("data-result", "warranty")
    fill_date(page, "component-date-0", "2026-03-01")
    expect(preview.get_by_test_id("coverage-line-0")).to_have_attribute("data-result", "paid")
    explained = [preview.get_by_test_id(f"coverage-explanation-{i}").inner_text() for i in range(3)]

    page.get_by_test_id("order-description").fill("启动机不转，变速箱壳体裂纹，割台变形")
    page.get_by_test_id("order-submit").click()
    page.wait_for_url(re.compile(r"/work-orders/wo_"))

    card = page.get_by_test_id("coverage-card")
    expect(card.locator("[data-testid^='coverage-line-']")).to_have_count(3)
    for i, (component, result) in enumerate((("启动机", "paid"), ("变速箱壳体", "warranty"),
                                             ("割台", "warranty"))):
        expect(card.get_by_test_id(f"coverage-component-{i}")).to_have_text(component)
        expect(card.get_by_test_id(f"coverage-line-{i}")).to_have_attribute("data-result", result)
        expect(card.get_by_test_id(f"coverage-explanation-{i}")).to_have_text(explained[i])
    expect(card.get_by_test_id("coverage-last-day-0")).to_contain_text("2026-02-28")
    # paid and covered lines: partly paid
    order_id = page.url.rsplit("/", 1)[-1]
    saved = api.get(f"/api/work-orders/{order_id}", "sz_agent").body
    assert saved["coverage"] == "mixed", saved["coverage"]
    assert [c["component"] for c in saved["coverage_decision"]["lines"]] == ["启动机", "变速箱壳体", "割台"]

    # the order's unit leads to the unit page (its terms, 保修卡, photos)
    page.get_by_test_id("order-unit-link").click()
    page.wait_for_url(re.compile(rf"/customers/{saved['customer_id']}/units/{saved['equipment_id']}$"))
    expect(page.get_by_text("2027-11-30").first).to_be_visible()
