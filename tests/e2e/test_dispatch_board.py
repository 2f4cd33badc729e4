"""The dispatch board and the technician picker (manager, 1366 px) and "my jobs" on a 375 px
phone (issue 12, items 4 and 5), in Chinese. Each test brings its own technicians and orders
(tests/workload_helpers.py) and holds the server's clock at a fixed working morning, so what
is "today", "tomorrow" and "most urgent" does not depend on when the test runs."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from playwright.sync_api import expect

from tests.e2e.helpers import login, no_horizontal_scroll
from tests.workload_helpers import clock_at, crew, located_customer, order_for, take

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 768}
# 10:00 in Shenzhen on a working Tuesday
MORNING = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


def test_manager_sees_the_board_and_dispatches_with_the_picker(page_factory, api):
    with crew([5, 2]) as (busy, free), clock_at(MORNING):
        customer = located_customer(api)
        today = take(api, order_for(api, customer), busy["username"], ["dispatch", "contact"],
                     data={"contact": {"visit_at": "2026-03-10T06:00:00Z"}})  # 14:00 local
        tomorrow = take(api, order_for(api, customer), busy["username"], ["dispatch", "contact"],
                        data={"contact": {"visit_at": "2026-03-11T01:30:00Z"}})  # 09:30 local
        waiting = order_for(api, customer, priority="urgent")

        page = page_factory(**DESKTOP)
        login(page, "sz_manager")
        page.get_by_test_id("menu-dispatchBoard").click()
        expect(page).to_have_url(re.compile(r"/dispatch-board"))
        row = page.get_by_test_id(f"board-row-{busy['username']}")
        expect(row.get_by_test_id("board-open-jobs")).to_have_text("2")
        expect(row.get_by_test_id(f"board-job-{today['number']}")).to_contain_text("已联系")
        expect(row.get_by_test_id(f"board-job-{today['number']}")).to_contain_text(customer["name"])
        expect(row.get_by_test_id("board-today").get_by_test_id(
            f"board-visit-{today['number']}")).to_contain_text("14:00")
        expect(row.get_by_test_id("board-tomorrow").get_by_test_id(
            f"board-visit-{tomorrow['number']}")).to_contain_text("09:30")
        expect(row.get_by_test_id("board-today")).to_have_attribute("data-count", "1")
        idle = page.get_by_test_id(f"board-row-{free['username']}")
        expect(idle.get_by_test_id("board-open-jobs")).to_have_text("0")
        expect(idle).to_contain_text("空闲")
        assert no_horizontal_scroll(page)

        # the dispatch form of the waiting order, opened from the board
        page.goto(f"/dispatch-board?dispatch={waiting['id']}")
        picker = page.get_by_test_id("technician-picker")
        free_option = picker.get_by_test_id(f"picker-option-{free['username']}")
        busy_option = picker.get_by_test_id(f"picker-option-{busy['username']}")
        expect(free_option.get_by_test_id("picker-stars")).to_have_attribute("data-stars", "2")
        expect(free_option.get_by_test_id("picker-open-jobs")).to_have_text("在手 0")
        expect(busy_option.get_by_test_id("picker-open-jobs")).to_have_text("在手 2")
        expect(busy_option.get_by_test_id("picker-visits")).to_contain_text("今日预约 1")
        expect(busy_option.get_by_test_id("picker-visits")).to_contain_text("14:00")
        expect(free_option.get_by_test_id("picker-distance")).to_contain_text("公里")
        expect(free_option.get_by_test_id("picker-distance")).to_contain_text("按服务站位置")
        expect(free_option.get_by_test_id("picker-reasons")).to_contain_text("在手工单最少")
        # best first: fewer open jobs before more stars
        assert int(free_option.get_attribute("data-rank")) < int(busy_option.get_attribute("data-rank"))
        free_option.click()
        page.get_by_test_id("board-dispatch-submit").click()
        expect(page.get_by_test_id("board-dispatch-drawer")).to_be_hidden()
        expect(idle.get_by_test_id("board-open-jobs")).to_have_text("1")
        expect(idle.get_by_test_id(f"board-job-{waiting['number']}")).to_contain_text("已派工")


def test_a_technicians_jobs_on_a_phone_most_urgent_first_with_a_map_link(page_factory, api):
    with crew([3]) as (me,), clock_at(MORNING):
        tech = me["username"]
        customer = located_customer(api)
        overdue = take(api, order_for(api, customer), tech, ["dispatch"])  # contact due 10:20
        with clock_at(MORNING + timedelta(hours=1)):
            due_soon = take(api, order_for(api, customer), tech, ["dispatch"])  # due 11:20
            on_the_way = take(api, order_for(api, customer, description="冷却塔风机异响"), tech,
                              ["dispatch", "contact"],
                              data={"contact": {"visit_at": "2026-03-10T07:00:00Z"}})
            repaired = take(api, order_for(api, customer), tech, [
                "dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
                "complete"])

        page = page_factory(**PHONE)
        login(page, tech)
        expect(page).to_have_url(re.compile(r"/my-jobs"))
        active = page.get_by_test_id("my-jobs-active")
        cards = active.locator("[data-testid^='job-card-']")
        expect(cards).to_have_count(3)
        assert [cards.nth(i).get_attribute("data-testid") for i in range(3)] == [
            f"job-card-{o['number']}" for o in (overdue, due_soon, on_the_way)]
        card = active.get_by_test_id(f"job-card-{on_the_way['number']}")
        expect(card.get_by_test_id("job-description")).to_contain_text("冷却塔风机异响")
        expect(card.get_by_test_id("job-visit")).to_contain_text("2026-03-10 15:00")
        link = card.get_by_test_id("job-map-link")
        expect(link).to_have_attribute("href", re.compile(r"^https://uri\.amap\.com/search\?keyword=%E6%B7%B1%E5%9C%B3"))
        expect(link).to_contain_text("深圳市南山区科技南路 18 号")
        expect(card.get_by_test_id("job-geo-link")).to_have_attribute("href", re.compile(r"^geo:0,0\?q="))
        expect(active.get_by_test_id(f"job-card-{repaired['number']}")).to_have_count(0)
        assert no_horizontal_scroll(page)

        page.get_by_test_id("my-jobs-tab-finished").click()
        finished = page.get_by_test_id("my-jobs-finished")
        expect(finished.get_by_test_id(f"job-card-{repaired['number']}")).to_contain_text("待验收")
        expect(finished.locator("[data-testid^='job-card-']")).to_have_count(1)
        assert no_horizontal_scroll(page)
        # a card opens the order
        page.get_by_test_id("my-jobs-tab-active").click()
        page.get_by_test_id(f"job-card-{overdue['number']}").click()
        expect(page.get_by_test_id("order-number")).to_contain_text(overdue["number"])
