"""The job-class table and the dispatch gate on screen (issue 16, check 7): head office edits
工种与资质 (a field error on its row, a stale save said as such) and a manager reads it; the
dispatch form lists the qualified technicians first and says what each other one lacks; a
dispatch to an unqualified one is refused naming what is missing, and the manager's override
with a reason goes through and is on the timeline; the plan approval the same, in English.

Each test brings its own technicians (tests/workload_helpers.crew) and orders; the table is
head office's one document: the test adds a class of its own and puts the table back."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from playwright.sync_api import Page, expect

from tests.e2e.helpers import act, choose, login, no_horizontal_scroll, open_action, pick_technician
from tests.workload_helpers import clock_at, crew, located_customer, order_for, take

TABLE = "/api/technicians/job-classes"
DESKTOP = {"width": 1366, "height": 860}
# 10:00 in Shenzhen, the day of check 3 (the 电工证 below ended on 2026-10-31)
MORNING = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


def _restore(api, settings: dict) -> None:
    """Put the table back as it was (again if someone saved meanwhile)."""
    for _ in range(10):
        current = api.get(TABLE, "hq_admin").body
        if current["settings"] == settings:
            return
        reply = api.call("PUT", TABLE, "hq_admin", {"settings": settings, "version": current["version"]})
        if reply.status == 200:
            return
        assert reply.status == 409, reply.body
    raise AssertionError("the job-class table could not be put back")


def _stars(page: Page, test_id: str, n: int) -> None:
    page.get_by_test_id(test_id).locator("li").nth(n - 1).click()


def _version_is(page: Page, version: int) -> None:
    expect(page.get_by_test_id("job-classes-version")).to_have_attribute("data-version", str(version))


def _row_errors(page: Page, row: int):
    return page.get_by_test_id(f"job-class-row-{row}").locator(".ant-form-item-explain-error")


def _option(page: Page, person: dict):
    return page.get_by_test_id("technician-picker").get_by_test_id(f"picker-option-{person['username']}")


def _problems(page: Page, person: dict):
    """What the picker says this technician lacks."""
    return _option(page, person).get_by_test_id("picker-problems")


def test_head_office_edits_the_table_and_a_manager_reads_it(page_factory, api):
    seen = api.get(TABLE, "hq_admin").body
    code = f"e2e_{uuid.uuid4().hex[:8]}"
    n = len(seen["settings"]["job_classes"])
    try:
        page = page_factory(**DESKTOP)
        login(page, "hq_admin")
        page.get_by_test_id("menu-jobClasses").click()
        expect(page).to_have_url(re.compile(r"/technicians/job-classes"))
        _version_is(page, seen["version"])
        # the rows in the table's order, each under its code
        major = [c["code"] for c in seen["settings"]["job_classes"]].index("major_assembly")
        expect(page.get_by_test_id(f"job-class-code-{major}")).to_have_value("major_assembly")
        expect(page.get_by_test_id(f"job-class-name-zh-{major}")).to_have_value("发动机/变速箱/控制阀维修")
        # a saved class keeps its code (orders keep it)
        expect(page.get_by_test_id("job-class-code-0")).to_be_disabled()

        # a new class: 3 stars and the 电工证
        page.get_by_test_id("job-class-add").click()
        page.get_by_test_id(f"job-class-code-{n}").fill(code)
        page.get_by_test_id(f"job-class-name-zh-{n}").fill("高压柜检修")
        page.get_by_test_id(f"job-class-name-en-{n}").fill("HV cabinet service")
        _stars(page, f"job-class-stars-{n}", 3)
        choose(page, f"job-class-certs-{n}", "电工证")
        # and, by mistake, a second row with the first class's code: refused on that row
        page.get_by_test_id("job-class-add").click()
        page.get_by_test_id(f"job-class-code-{n + 1}").fill(seen["settings"]["job_classes"][0]["code"])
        page.get_by_test_id(f"job-class-name-zh-{n + 1}").fill("重复")
        page.get_by_test_id(f"job-class-name-en-{n + 1}").fill("Duplicate")
        page.get_by_test_id("job-classes-save").click()
        expect(_row_errors(page, n + 1)).to_contain_text("不能重复")
        expect(_row_errors(page, n)).to_have_count(0)
        assert api.get(TABLE, "hq_admin").body["version"] == seen["version"]  # nothing saved

        page.get_by_test_id(f"job-class-remove-{n + 1}").click()
        page.get_by_test_id("job-classes-save").click()
        _version_is(page, seen["version"] + 1)
        saved = api.get(TABLE, "hq_admin").body
        added = [c for c in saved["settings"]["job_classes"] if c["code"] == code]
        assert added == [{"code": code, "name_zh": "高压柜检修", "name_en": "HV cabinet service",
                          "min_stars": 3, "certificates": ["electrician"]}]
        assert saved["settings"]["job_classes"][:n] == seen["settings"]["job_classes"]
        expect(page.get_by_test_id(f"job-class-code-{n}")).to_be_disabled()  # saved now

        # someone else saves first: this page's save is refused as stale and the table read again
        assert api.call("PUT", TABLE, "hq_admin", {"settings": saved["settings"],
                                                   "version": saved["version"]}).status == 200
        _stars(page, f"job-class-stars-{n}", 5)
        page.get_by_test_id("job-classes-save").click()
        expect(page.get_by_test_id("job-classes-stale")).to_contain_text("他人已先保存")
        _version_is(page, saved["version"] + 1)
        expect(page.get_by_test_id(f"job-class-stars-{n}").locator(".ant-rate-star-full")).to_have_count(3)
        now = api.get(TABLE, "hq_admin").body["settings"]["job_classes"]
        assert [c["min_stars"] for c in now if c["code"] == code] == [3]
        # every saved version is kept: who saved it, newest first
        page.get_by_test_id("job-class-versions-open").click()
        newest = page.get_by_test_id("job-class-versions").locator("tbody tr").first
        expect(newest).to_contain_text(str(saved["version"] + 1))
        expect(newest).to_contain_text("林总")

        # a manager reads the table (stars shown, certificates named), changes nothing
        manager = page_factory(**DESKTOP)
        login(manager, "sz_manager")
        manager.get_by_test_id("menu-jobClasses").click()
        expect(manager.get_by_test_id("job-classes-read-only")).to_be_visible()
        row = manager.get_by_test_id(f"job-class-{code}")
        expect(row).to_have_attribute("data-stars", "3")
        expect(row).to_contain_text("高压柜检修")
        expect(row).to_contain_text("电工证")
        expect(row.locator(".ant-rate-star-full")).to_have_count(3)
        expect(manager.get_by_test_id("job-class-major_assembly")).to_have_attribute("data-stars", "4")
        expect(manager.get_by_test_id("job-classes-save")).to_have_count(0)
        expect(manager.get_by_test_id("job-classes-table").locator("input")).to_have_count(0)
        # in English: head office's English names
        manager.get_by_test_id("lang-switch").click()
        expect(manager.get_by_test_id("job-classes-read-only")).to_contain_text("Head office keeps")
        expect(row).to_contain_text("HV cabinet service")
        expect(row).to_contain_text("Electrician's licence")

        # a technician reads it on the phone, in one screen's width
        phone = page_factory(width=375, height=812, mobile=True)
        login(phone, "sz_tech1", land=False)
        phone.goto("/technicians/job-classes")
        expect(phone.get_by_test_id(f"job-class-{code}")).to_contain_text("高压柜检修")
        assert no_horizontal_scroll(phone)
    finally:
        _restore(api, seen["settings"])


def test_dispatch_lists_the_qualified_first_refuses_the_others_and_a_manager_overrides(page_factory, api):
    with crew([2, 4, 4]) as (junior, senior, licensed), clock_at(MORNING):
        # the senior's 电工证 ended on 2026-10-31; the licensed one's is valid
        for who, valid_to in ((senior, "2026-10-31"), (licensed, "2028-06-30")):
            reply = api.post(f"/api/technicians/{who['username']}/certificates", "sz_manager", {
                "type": "electrician", "number": f"T-{who['username']}", "issuer": "深圳市应急管理局",
                "valid_from": "2020-11-01", "valid_to": valid_to})
            assert reply.status == 201, reply.body
        customer = located_customer(api)
        engine = order_for(api, customer, job_class="major_assembly", description="变速箱异响")
        power = order_for(api, customer, job_class="electrical", description="配电柜改线")

        page = page_factory(**DESKTOP)
        login(page, "sz_manager", land=False)

        # 电气改装 (3★ + 电工证): the expired licence is named with its date
        page.goto(f"/work-orders/{power['id']}")
        expect(page.get_by_test_id("order-job-class")).to_have_text("电气改装")
        open_action(page, "dispatch")
        expect(page.get_by_test_id("picker-job-class")).to_contain_text("电气改装")
        expect(_option(page, licensed)).to_have_attribute("data-qualified", "true")
        expect(_option(page, licensed).get_by_test_id("picker-qualified")).to_have_text("符合资质")
        expect(_problems(page, senior)).to_have_text("电工证 已过期 2026-10-31")
        expect(_problems(page, junior)).to_contain_text("2★，需 3★")
        expect(_problems(page, junior)).to_contain_text("缺电工证")
        _qualified_first(page)
        page.get_by_test_id("action-dismiss").click()

        # 发动机/变速箱/控制阀维修 (4★): the 2★ technician is refused, then dispatched by override
        page.goto(f"/work-orders/{engine['id']}")
        expect(page.get_by_test_id("order-job-class")).to_have_text("发动机/变速箱/控制阀维修")
        open_action(page, "dispatch")
        expect(_problems(page, junior)).to_have_text("2★，需 4★")
        _qualified_first(page)
        pick_technician(page, junior["name"])
        page.get_by_test_id("action-submit").click()
        refusal = page.get_by_test_id("qualification-refusal")
        expect(refusal).to_contain_text(f"{junior['name']} 不符合资质要求")
        expect(refusal.get_by_test_id("qualification-problems")).to_have_text(
            "发动机/变速箱/控制阀维修：2★，需 4★")
        expect(refusal).to_have_attribute("data-code", "skill_insufficient")
        expect(page.get_by_test_id("order-state")).to_have_text("待派工")

        refusal.get_by_test_id("skill-override-open").click()
        dialog = page.get_by_test_id("skill-override-dialog")
        expect(dialog).to_contain_text("2★，需 4★")
        page.get_by_test_id("skill-override-submit").click()  # no reason: the form asks for one
        expect(dialog.locator(".ant-form-item-explain-error")).to_contain_text("强制原因")
        page.get_by_test_id("skill-override-reason").fill("客户停产待修，张工电话指导")
        page.get_by_test_id("skill-override-submit").click()
        expect(page.get_by_test_id("order-state")).to_have_text("已派工")
        expect(page.get_by_test_id("action-modal-dispatch")).to_have_count(0)
        event = page.get_by_test_id("event-skill_override")
        expect(event).to_have_count(1)
        expect(event).to_contain_text("资质例外")
        expect(event).to_contain_text(junior["name"])
        expect(event).to_contain_text("发动机/变速箱/控制阀维修：2★，需 4★")
        expect(event).to_contain_text("客户停产待修，张工电话指导")

        recorded = api.get(f"/api/work-orders/{engine['id']}", "sz_manager").body
        assert recorded["technician"] == junior["username"]
        overrides = [e for e in recorded["events"] if e["action"] == "skill_override"]
        assert [e["data"]["reason"] for e in overrides] == ["客户停产待修，张工电话指导"]


def _qualified_first(page: Page) -> None:
    """Every qualified option of the picker comes before every other one."""
    options = page.get_by_test_id("technician-picker").locator("[data-testid^='picker-option-']")
    expect(options.first).to_be_visible()
    flags = [options.nth(i).get_attribute("data-qualified") for i in range(options.count())]
    assert "false" in flags and "true" in flags, flags
    assert flags == sorted(flags, key=lambda f: f != "true"), flags


def test_plan_approval_refused_and_overridden_in_english(page_factory, api):
    with crew([4]) as (tech,), clock_at(MORNING):
        customer = located_customer(api)
        order = take(api, order_for(api, customer), tech["username"],
                     ["dispatch", "contact", "check_in", "survey"])

        # the technician's plan names its class of work (调试, 5★) on the phone
        phone = page_factory(width=375, height=812, mobile=True)
        login(phone, tech["username"], land=False)
        phone.goto(f"/work-orders/{order['id']}")

        def plan(p: Page) -> None:
            p.get_by_test_id("field-measures").fill("更换主控板后整机调试")
            p.get_by_test_id("field-parts_tools").fill("主控板、调试电脑")
            p.get_by_test_id("field-estimated_hours").fill("5")
            staff = p.get_by_test_id("field-staff").locator("input")
            staff.fill(tech["name"])
            staff.press("Enter")
            choose(p, "job-class-select-job_classes", "调试")

        act(phone, "submit_plan", plan)
        expect(phone.get_by_test_id("order-state")).to_have_text("方案待审批")
        planned = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
        assert planned["plan"]["job_classes"] == ["commissioning"]

        page = page_factory(**DESKTOP)
        login(page, "sz_manager", land=False)
        page.goto(f"/work-orders/{order['id']}")
        expect(page.get_by_test_id("order-state")).to_have_text("方案待审批")
        page.get_by_test_id("lang-switch").click()
        expect(page.get_by_test_id("order-job-class")).to_have_text("Not set")
        open_action(page, "approve_plan")
        expect(page.get_by_test_id("plan-job_classes")).to_have_text("Commissioning")
        page.get_by_test_id("action-submit").click()
        refusal = page.get_by_test_id("qualification-refusal")
        expect(refusal).to_contain_text(f"{tech['name']} is not qualified")
        expect(refusal.get_by_test_id("qualification-problems")).to_have_text("Commissioning: 4★, needs 5★")
        refusal.get_by_test_id("skill-override-open").click()
        expect(page.get_by_test_id("skill-override-dialog")).to_contain_text("Approve anyway")
        page.get_by_test_id("skill-override-reason").fill("Factory engineer on site supervises")
        page.get_by_test_id("skill-override-submit").click()
        expect(page.get_by_test_id("order-state")).to_have_text("In repair")
        event = page.get_by_test_id("event-skill_override")
        expect(event).to_contain_text("Qualification overridden")
        expect(event).to_contain_text("Commissioning: 4★, needs 5★")
        expect(event).to_contain_text("Factory engineer on site supervises")


def test_intake_names_the_job_class_and_the_board_refuses_then_overrides(page_factory, api):
    with crew([2]) as (junior,), clock_at(MORNING):
        agent = page_factory(**DESKTOP)
        login(agent, "sz_agent", land=False)
        agent.goto("/work-orders/new")
        agent.get_by_test_id("new-customer-toggle").click()
        agent.get_by_test_id("new-customer-name").fill(f"工种测试机械厂{uuid.uuid4().hex[:6]}")
        agent.get_by_test_id("new-customer-phone").fill("075588886677")
        agent.get_by_test_id("new-site-name").fill("三号车间")
        agent.get_by_test_id("new-site-address").fill("深圳市宝安区福永大道 8 号")
        agent.get_by_test_id("new-equipment-model").fill("液压站 HPU-90")
        agent.get_by_test_id("new-equipment-serial").fill(f"JC-{uuid.uuid4().hex[:6]}")
        agent.get_by_test_id("new-customer-submit").click()
        expect(agent.get_by_test_id("order-site")).to_contain_text("三号车间")
        choose(agent, "order-job-class", "发动机/变速箱/控制阀维修")
        agent.get_by_test_id("order-description").fill("液压站控制阀卡滞，压力上不去")
        agent.get_by_test_id("order-submit").click()
        agent.wait_for_url(re.compile(r"/work-orders/wo_"))
        expect(agent.get_by_test_id("order-job-class")).to_have_text("发动机/变速箱/控制阀维修")
        order_id = agent.url.rsplit("/", 1)[-1]
        created = api.get(f"/api/work-orders/{order_id}", "sz_manager").body
        assert created["job_class"] == "major_assembly"

        # the manager dispatches from the board: refused, then overridden with a reason
        page = page_factory(**DESKTOP)
        login(page, "sz_manager", land=False)
        page.goto(f"/dispatch-board?dispatch={order_id}")
        option = _option(page, junior)
        expect(option.get_by_test_id("picker-problems")).to_have_text("2★，需 4★")
        option.click()
        page.get_by_test_id("board-dispatch-submit").click()
        refusal = page.get_by_test_id("qualification-refusal")
        expect(refusal).to_contain_text("发动机/变速箱/控制阀维修：2★，需 4★")
        expect(page.get_by_test_id("board-dispatch-error")).to_have_count(0)
        refusal.get_by_test_id("skill-override-open").click()
        page.get_by_test_id("skill-override-reason").fill("夜间抢修，仅此一人在岗")
        page.get_by_test_id("skill-override-submit").click()
        expect(page.get_by_test_id("board-dispatch-drawer")).to_be_hidden()
        done = api.get(f"/api/work-orders/{order_id}", "sz_manager").body
        assert done["state"] == "dispatched" and done["technician"] == junior["username"]
        assert [e["data"]["reason"] for e in done["events"] if e["action"] == "skill_override"] == [
            "夜间抢修，仅此一人在岗"]
