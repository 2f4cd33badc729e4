"""One order from the customer's call to the archive, in Chinese, by the people who do it:
agent and manager on desktops, the technician on a 375 px phone."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.conftest import FIXTURES
from tests.e2e.helpers import act, add_photo, choose, login, no_horizontal_scroll, pick_technician, rate, sign

PHONE = {"width": 375, "height": 812, "mobile": True}


def record_feedback(page: Page) -> str:
    page.goto("/work-orders/new")
    page.get_by_test_id("new-customer-toggle").click()
    page.get_by_test_id("new-customer-name").fill("浏览器测试精密机械厂")
    page.get_by_test_id("new-customer-phone").fill("075588886666")
    page.get_by_test_id("new-site-name").fill("观澜二号车间")
    page.get_by_test_id("new-site-address").fill("深圳市龙华区观澜大道 88 号")
    page.get_by_test_id("new-equipment-model").fill("螺杆冷水机组 LSBLG-500")
    page.get_by_test_id("new-equipment-serial").fill("E2E-0001")
    page.get_by_test_id("new-customer-submit").click()
    # the created customer is picked (its only site too) before the order is described: the
    # form's submit waits for it, and the test reads the page as it will be sent
    expect(page.get_by_test_id("order-site")).to_contain_text("观澜二号车间")
    choose(page, "order-type", "维修")
    page.get_by_test_id("order-priority").get_by_text("紧急").click()
    choose(page, "order-channel", "电话")
    page.get_by_test_id("order-description").fill("冷水机组高压报警停机，车间温度持续上升")
    page.get_by_test_id("order-submit").click()
    page.wait_for_url(re.compile(r"/work-orders/wo_"))
    expect(page.get_by_test_id("order-state")).to_have_text("待派工")
    number = page.get_by_test_id("order-number").inner_text().strip()
    assert re.fullmatch(r"SZ-\d{8}-\d{4}", number), number
    return number


def open_from_list(page: Page, number: str) -> None:
    page.goto("/work-orders")
    page.get_by_test_id("order-search").fill(number)
    page.get_by_test_id("order-search").press("Enter")
    page.get_by_test_id(f"order-row-{number}").click()
    expect(page.get_by_test_id("order-number")).to_contain_text(number)


def test_order_from_feedback_to_archive_in_chinese(page_factory):
    agent = page_factory()
    login(agent, "sz_agent")
    expect(agent.get_by_test_id("user-name")).to_have_text("李娜")
    number = record_feedback(agent)
    expect(agent.get_by_test_id("timeline")).to_contain_text("登记报修")

    manager = page_factory()
    login(manager, "sz_manager", land=False)
    open_from_list(manager, number)
    act(manager, "dispatch", lambda p: pick_technician(p, "张伟"))
    expect(manager.get_by_test_id("order-state")).to_have_text("已派工")

    tech = page_factory(**PHONE)
    login(tech, "sz_tech1")
    tech.wait_for_url(re.compile(r"/my-jobs"))
    tech.get_by_test_id(f"job-card-{number}").click()
    expect(tech.get_by_test_id("order-number")).to_contain_text(number)
    assert no_horizontal_scroll(tech)
    act(tech, "contact", lambda p: p.get_by_test_id("field-visit_at").fill("2026-11-24T09:30"))
    act(tech, "check_in")
    act(tech, "survey", lambda p: (
        p.get_by_test_id("field-findings").fill("高压开关动作，冷凝器结垢严重"),
        p.get_by_test_id("field-cause").fill("冷却水质差导致冷凝器换热不良"),
        p.get_by_test_id("field-impact").fill("二号车间空调停机"),
    ))

    def plan(p: Page) -> None:
        p.get_by_test_id("field-measures").fill("化学清洗冷凝器并更换高压开关")
        p.get_by_test_id("field-parts_tools").fill("高压开关、清洗泵、药剂")
        p.get_by_test_id("field-estimated_hours").fill("6")
        staff = p.get_by_test_id("field-staff").locator("input")
        staff.fill("张伟")
        staff.press("Enter")

    act(tech, "submit_plan", plan)
    expect(tech.get_by_test_id("order-state")).to_have_text("方案待审批")
    assert no_horizontal_scroll(tech)

    manager.reload()
    act(manager, "approve_plan", lambda p: p.get_by_test_id("field-comment").fill("同意，注意停机安全"))

    tech.reload()

    def completion(p: Page) -> None:
        p.get_by_test_id("field-fault_cause").fill("冷凝器结垢、高压开关老化")
        p.get_by_test_id("field-solution").fill("清洗冷凝器，更换高压开关，试运行正常")
        p.get_by_test_id("field-parts_replaced-add").click()
        p.get_by_test_id("field-parts_replaced.0.name").fill("高压开关 YK-30")
        p.get_by_test_id("field-parts_replaced.0.quantity").fill("1")

    add_photo(tech, "完工后", str(FIXTURES / "site_photo.jpg"))  # completion needs one
    act(tech, "complete", completion)
    act(tech, "accept", lambda p: (
        p.get_by_test_id("field-customer_name").fill("陈先生"),
        p.get_by_test_id("field-opinion").fill("维修及时，运行正常"),
        sign(p),  # on site, the customer signs
    ))
    expect(tech.get_by_test_id("order-state")).to_have_text("待回访")

    agent.goto(agent.url)

    def visit(p: Page) -> None:
        choose(p, "field-channel", "电话")
        for score in ("attitude", "skill", "punctuality", "result", "overall"):
            rate(p, f"field-scores.{score}", 5)
        p.get_by_test_id("field-comments").fill("客户很满意")

    act(agent, "return_visit", visit)

    manager.reload()
    act(manager, "archive")
    expect(manager.get_by_test_id("order-state")).to_have_text("已归档")
    timeline = manager.get_by_test_id("timeline")
    for text in ("登记报修", "派工", "联系客户", "到场签到", "现场勘查", "提交方案", "批准方案",
                 "完成维修", "客户验收", "回访", "归档", "李娜", "王强", "张伟"):
        expect(timeline).to_contain_text(text)
    assert manager.get_by_test_id("action-archive").count() == 0


def test_the_order_waits_for_the_new_customer_it_is_for(page_factory):
    """Submitting while the new customer is still being saved does not send an order without
    one (nor show 请选择客户 on a form that then looks filled): the button waits, and the order
    goes with the customer once it is there."""
    page = page_factory()
    login(page, "sz_agent", land=False)
    page.goto("/work-orders/new")
    page.get_by_test_id("new-customer-toggle").click()
    page.get_by_test_id("new-customer-name").fill("慢网络精密机械厂")
    page.get_by_test_id("new-customer-phone").fill("075588887777")
    page.get_by_test_id("new-site-name").fill("一号车间")
    page.get_by_test_id("new-site-address").fill("深圳市龙华区观澜街道 1 号")
    page.get_by_test_id("new-equipment-model").fill("螺杆冷水机组 LSBLG-300")
    page.get_by_test_id("new-equipment-serial").fill("E2E-SLOW-1")
    held = []
    page.route(re.compile(r"/api/customers$"),
               lambda route: held.append(route) if route.request.method == "POST" else route.continue_())
    page.get_by_test_id("new-customer-submit").click()
    expect(page.locator("[data-testid='order-submit'].ant-btn-loading")).to_be_visible()
    page.get_by_test_id("order-description").fill("客户网络慢，先点了提交")
    page.get_by_test_id("order-submit").click(force=True)  # a loading button does nothing
    assert len(held) == 1
    held[0].continue_()
    expect(page.get_by_test_id("order-site")).to_contain_text("一号车间")
    expect(page.locator("[data-testid='order-submit'].ant-btn-loading")).to_have_count(0)
    assert "/work-orders/new" in page.url
    expect(page.get_by_text("请选择客户")).to_have_count(0)
    choose(page, "order-type", "维修")
    choose(page, "order-channel", "电话")
    page.get_by_test_id("order-submit").click()
    page.wait_for_url(re.compile(r"/work-orders/wo_"))
    expect(page.get_by_test_id("order-info")).to_contain_text("慢网络精密机械厂")
