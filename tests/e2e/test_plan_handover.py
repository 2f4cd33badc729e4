"""A plan's approval that hands the repair over (issue 16, check 2: "a plan naming 调试 (5★) on
an order held by a 4★ technician → approval 409 unless reassigned or overridden"): the manager's
approval form says the lead lacks what the plan needs, approving as is is refused naming the
level, and choosing a 5★ technician in 改由…主修 (the dispatch picker, qualified for the plan's
classes, the lead not selectable) approves the plan with the repair handed to them, who is told.
In English on a phone, approving without a hand-over still works.

Each test brings its own technicians (tests/workload_helpers.crew) and order."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.conftest import inbox
from tests.e2e.helpers import login, no_horizontal_scroll, open_action
from tests.workload_helpers import crew, located_customer, order_for, take

DESKTOP = {"width": 1366, "height": 860}
UP_TO_PLAN = ["dispatch", "contact", "check_in", "survey", "submit_plan"]


def planned(api, tech: dict, job_classes: list[str]) -> dict:
    """A new order of this technician whose plan, naming these classes, awaits approval."""
    order = take(api, order_for(api, located_customer(api)), tech["username"], UP_TO_PLAN,
                 data={"submit_plan": {"job_classes": job_classes}})
    assert order["state"] == "plan_submitted" and order["plan"]["job_classes"] == job_classes
    return order


def option(page: Page, person: dict):
    return page.get_by_test_id("field-hand-over").get_by_test_id(f"picker-option-{person['username']}")


def test_approval_refused_for_the_four_star_then_handed_to_a_five_star(page_factory, api):
    with crew([4, 5], tag="ho") as (four, five):
        order = planned(api, four, ["commissioning"])

        page = page_factory(**DESKTOP)
        login(page, "sz_manager", land=False)
        page.goto(f"/work-orders/{order['id']}")
        expect(page.get_by_test_id("order-state")).to_have_text("方案待审批")
        expect(page.get_by_test_id("order-technician")).to_have_text(four["name"])
        open_action(page, "approve_plan")
        expect(page.get_by_test_id("plan-job_classes")).to_have_text("调试")

        # 改由…主修: nobody chosen; the lead's lack said in one line
        field = page.get_by_test_id("field-hand-over")
        expect(field).to_contain_text("改由…主修")
        expect(field).to_contain_text(f"留空则由 {four['name']} 继续主修")
        hint = page.get_by_test_id("hand-over-hint")
        expect(hint).to_contain_text(f"{four['name']} 不具备方案所需资质")
        expect(hint).to_contain_text("调试：4★，需 5★")
        expect(field.locator("input[type=radio]:checked")).to_have_count(0)
        expect(field.get_by_test_id("technician-picker")).to_have_accessible_name("改由…主修")
        expect(page.get_by_test_id("field-helpers")).to_have_count(0)

        # approved as is: refused naming the level, the order stays
        page.get_by_test_id("action-submit").click()
        refusal = page.get_by_test_id("qualification-refusal")
        expect(refusal).to_contain_text(f"{four['name']} 不符合资质要求")
        expect(refusal.get_by_test_id("qualification-problems")).to_have_text("调试：4★，需 5★")
        expect(page.get_by_test_id("order-state")).to_have_text("方案待审批")

        # the picker: qualified for the plan's 调试 too; the 5★ qualifies, the lead is shown
        # as the current one and cannot be chosen
        heading = field.get_by_test_id("picker-job-class")
        expect(heading).to_contain_text("调试")
        expect(heading).to_have_attribute("data-plan-job-classes", "commissioning")
        expect(option(page, five)).to_have_attribute("data-qualified", "true")
        expect(option(page, five).get_by_test_id("picker-qualified")).to_have_text("符合资质")
        expect(option(page, four)).to_have_attribute("data-current", "true")
        expect(option(page, four).get_by_test_id("picker-reasons")).to_contain_text("当前负责人")
        expect(option(page, four).get_by_test_id("picker-problems")).to_have_text("4★，需 5★")
        expect(option(page, four).locator("input[type=radio]")).to_be_disabled()

        # chosen, cleared (nobody again), chosen again: a changed choice is not what was refused
        five_radio = option(page, five).locator("input[type=radio]")
        five_radio.check()
        expect(five_radio).to_be_checked()
        expect(refusal).to_have_count(0)
        page.get_by_test_id("hand-over-clear").click()
        expect(field.locator("input[type=radio]:checked")).to_have_count(0)
        five_radio.check()
        expect(five_radio).to_be_checked()
        page.get_by_test_id("action-submit").click()

        # approved: in repair, with the 5★ as the technician
        expect(page.get_by_test_id("action-modal-approve_plan")).to_have_count(0)
        expect(page.get_by_test_id("order-state")).to_have_text("维修中")
        expect(page.get_by_test_id("order-technician")).to_have_text(five["name"])
        technician = page.get_by_test_id("order-technician")
        expect(technician).to_have_attribute("data-username", five["username"])
        expect(page.get_by_test_id("event-approve_plan")).to_contain_text(five["name"])

        recorded = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
        assert recorded["state"] == "in_repair" and recorded["technician"] == five["username"]
        assert not [e for e in recorded["events"] if e["action"] == "skill_override"]
        told = [n for n in inbox(api, five["username"]) if n["order_id"] == order["id"]]
        assert [n["notice"] for n in told] == ["reassigned"], told
        assert "方案已批准，改由你主修" in told[0]["body"]


def test_approval_without_a_hand_over_in_english_on_a_phone(page_factory, api):
    with crew([4], tag="ho") as (four,):
        order = planned(api, four, ["major_assembly"])

        page = page_factory(width=375, height=812, mobile=True)
        login(page, "sz_manager", land=False)
        page.goto(f"/work-orders/{order['id']}")
        expect(page.get_by_test_id("order-state")).to_have_text("方案待审批")
        page.get_by_test_id("lang-switch").click()
        expect(page.get_by_test_id("order-state")).to_have_text("Plan submitted")
        open_action(page, "approve_plan")

        field = page.get_by_test_id("field-hand-over")
        expect(field).to_contain_text("Hand the repair to")
        expect(field).to_contain_text(f"Leave empty to keep {four['name']} on the repair")
        heading = field.get_by_test_id("picker-job-class")
        expect(heading).to_contain_text("Engine, gearbox and control-valve repair")
        expect(heading).to_contain_text("the plan's job classes included")
        # each class quoted on its own (a name may hold a comma)
        expect(heading).to_contain_text('"Engine, gearbox and control-valve repair"')
        expect(field.get_by_test_id("technician-picker")).to_have_accessible_name("Hand the repair to")
        expect(option(page, four)).to_have_attribute("data-qualified", "true")
        expect(option(page, four).locator("input[type=radio]")).to_be_disabled()
        expect(page.get_by_test_id("hand-over-hint")).to_have_count(0)  # the lead qualifies
        assert no_horizontal_scroll(page)

        page.get_by_test_id("field-comment").fill("Approved, mind the shutdown")
        page.get_by_test_id("action-submit").click()
        expect(page.get_by_test_id("action-modal-approve_plan")).to_have_count(0)
        expect(page.get_by_test_id("order-state")).to_have_text("In repair")
        expect(page.get_by_test_id("order-technician")).to_have_text(four["name"])
        assert no_horizontal_scroll(page)

        recorded = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
        assert recorded["state"] == "in_repair" and recorded["technician"] == four["username"]
        (approval,) = [e for e in recorded["events"] if e["action"] == "approve_plan"]
        assert "technician" not in approval["data"]
        assert approval["data"]["comment"] == "Approved, mind the shutdown"
