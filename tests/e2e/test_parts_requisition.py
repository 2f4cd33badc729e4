"""Issue 14, item 9: the requisition path in the browser. A technician requests parts on the
order at 375 px, the manager approves them on the requisitions page, the keeper issues them
(typing the code as a scanner would, in English), the technician confirms receipt and completes
marking one used and one unused, the keeper takes the unused one back and the stock is restored.
The test brings its own technician, order, part and stock (at the Chengdu outlet, whose queues
the API tests leave alone)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.conftest import evidence_for
from tests.e2e.helpers import act, login, no_horizontal_scroll, open_action
from tests.parts_req_helpers import TO_REPAIR, detail, ledger_sums, part, stock
from tests.parts_req_helpers import act as req_act
from tests.workload_helpers import crew, located_customer, order_for, take

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 768}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"


def take_requisition_action(page: Page, row, action: str, fill=None) -> None:
    """Press a requisition's action button, fill its form and submit it."""
    row.get_by_test_id(f"req-{action}").click()
    form = page.get_by_test_id(f"req-action-{action}")
    expect(form).to_be_visible()
    if fill:
        fill(form)
    page.get_by_test_id("req-action-submit").click()
    expect(form).to_be_hidden()


def test_request_approve_issue_use_one_and_return_the_other(page_factory, api):
    made = part(api, price=12000, cost=8000, stock=5, outlet="CD")
    code, name = made["code"], made["name"]
    with crew([3], outlet="CD", tag="pt") as (me,):
        tech = me["username"]
        order = take(api, order_for(api, located_customer(api, "CD"), outlet="CD"), tech,
                     TO_REPAIR, manager="cd_manager")

        # the technician, on a phone, requests two on the order
        phone = page_factory(**PHONE)
        login(phone, tech, land=False)
        phone.goto(f"/work-orders/{order['id']}")
        card = phone.get_by_test_id("parts-card")
        expect(card).to_contain_text("本工单尚无配件申请")
        card.get_by_test_id("parts-request").click()
        modal = phone.get_by_test_id("request-parts-modal")
        modal.get_by_test_id("request-part-0").click()
        phone.keyboard.type(code.lower())  # the server matches codes in any case
        phone.get_by_test_id(f"part-option-{code}").click()
        expect(modal.get_by_test_id("request-part-0")).to_contain_text(name)
        modal.get_by_test_id("request-quantity-0").fill("2")
        assert no_horizontal_scroll(phone)
        phone.get_by_test_id("request-parts-submit").click()
        expect(modal).to_be_hidden()
        req_id = detail(api, order, "cd_manager")["parts"]["requisitions"][0]["id"]
        block = card.get_by_test_id(f"requisition-{req_id}")
        expect(block.get_by_test_id("requisition-state")).to_have_text("待经理审批")
        expect(block.get_by_test_id(f"req-line-{code}")).to_contain_text(f"{code} {name} × 2")
        expect(card.get_by_test_id("parts-cost-total")).to_have_count(0)  # not the technician's
        expect(phone.get_by_test_id("event-parts_requested")).to_contain_text(f"{code} {name} × 2")
        assert no_horizontal_scroll(phone)

        # the manager approves it from the requisitions page: stock is reserved
        manager = page_factory(**DESKTOP)
        login(manager, "cd_manager")
        manager.get_by_test_id("menu-partsRequisitions").click()
        expect(manager).to_have_url(re.compile(r"/parts/requisitions"))
        row = manager.get_by_test_id(f"queue-row-{req_id}")
        expect(row).to_contain_text(f"{code} {name} × 2")
        expect(row.get_by_test_id("queue-row-amount")).to_contain_text("¥240.00")
        take_requisition_action(manager, row, "approve")
        expect(row).to_have_count(0)
        assert stock(code, "CD")["reserved"] == 2

        # the keeper (in English) issues both, typing the code as a scanner would
        keeper = page_factory(**DESKTOP)
        keeper.context.add_init_script(ENGLISH)
        login(keeper, "cd_warehouse", land=False)
        keeper.goto("/parts/requisitions?queue=to_issue")
        row = keeper.get_by_test_id(f"queue-row-{req_id}")
        expect(row.get_by_test_id("requisition-state")).to_have_text("Approved, to issue")

        def scan(form) -> None:
            form.get_by_test_id("issue-scan-quantity").fill("2")
            form.get_by_test_id("issue-scan-code").fill(code)
            form.get_by_test_id("issue-scan-code").press("Enter")
            expect(form.get_by_test_id(f"issue-quantity-{code}")).to_have_value("2")

        take_requisition_action(keeper, row, "issue", scan)
        expect(row).to_have_count(0)
        assert stock(code, "CD")["on_hand"] == 3 and stock(code, "CD")["reserved"] == 0

        # the technician confirms receipt, then completes: one used, one unused
        phone.reload()
        block = card.get_by_test_id(f"requisition-{req_id}")
        expect(block.get_by_test_id("requisition-state")).to_have_text("已发料")
        take_requisition_action(phone, block, "receive")
        received = block.get_by_test_id(f"req-line-{code}").get_by_test_id("fig-received")
        expect(received).to_have_attribute("data-value", "2")
        expect(phone.get_by_test_id("event-parts_issued")).to_contain_text(f"{code} {name} × 2")
        evidence_for(api, detail(api, order, tech), "complete", tech, {})  # the photos it needs
        phone.reload()

        def completion(p: Page) -> None:
            p.get_by_test_id("field-fault_cause").fill("启动机损坏")
            p.get_by_test_id("field-solution").fill("更换启动机，试运行正常")
            used = p.get_by_test_id(f"used-part-{code}")
            expect(used).to_contain_text("在手 2")
            used.get_by_test_id(f"used-quantity-{code}").fill("1")
            expect(used).to_contain_text("1 件需退回库房")
            assert no_horizontal_scroll(p)

        act(phone, "complete", completion)
        expect(phone.get_by_test_id("event-complete")).to_contain_text(f"{code} {name} × 1")
        line = card.get_by_test_id(f"parts-line-{code}")
        expect(line.get_by_test_id("fig-used")).to_have_attribute("data-value", "1")
        expect(line.get_by_test_id("fig-outstanding")).to_have_attribute("data-value", "1")
        assert no_horizontal_scroll(phone)

        # the keeper takes the unused one back: stock restored, the requisition closed
        keeper.goto("/parts/requisitions?queue=to_return")
        row = keeper.get_by_test_id(f"queue-row-{req_id}")
        expect(row).to_contain_text("1 returnable")
        take_requisition_action(keeper, row, "return",
                                lambda form: form.get_by_test_id(f"return-unused-{code}").fill("1"))
        expect(row).to_have_count(0)

        figures = stock(code, "CD")
        assert (figures["on_hand"], figures["reserved"], figures["defective"]) == (4, 0, 0)
        assert ledger_sums(code, "CD").get("on_hand") == 4
        after = detail(api, order, "cd_manager")
        assert after["parts"]["requisitions"][0]["state"] == "closed"
        completed = [e for e in after["events"] if e["action"] == "complete"][-1]
        assert completed["data"]["parts_replaced"] == [{"name": name, "code": code, "quantity": 1}]


def test_a_completion_naming_more_than_is_still_out_is_refused_on_the_parts_field(page_factory, api):
    made = part(api, price=3000, cost=2000, stock=3, outlet="CD")
    code = made["code"]
    with crew([3], outlet="CD", tag="pn") as (me,):
        tech = me["username"]
        order = take(api, order_for(api, located_customer(api, "CD"), outlet="CD"), tech,
                     TO_REPAIR, manager="cd_manager")
        asked = api.post("/api/parts/requisitions", tech, {
            "order_id": order["id"], "lines": [{"code": code, "quantity": 2}]})
        assert asked.status == 201, asked.body
        req = req_act(api, asked.body, "approve", "cd_manager").body
        req = req_act(api, req, "issue", "cd_warehouse", lines=[{"code": code, "quantity": 2}]).body
        evidence_for(api, detail(api, order, tech), "complete", tech, {})

        phone = page_factory(**PHONE)
        login(phone, tech, land=False)
        phone.goto(f"/work-orders/{order['id']}")
        expect(phone.get_by_test_id("timeline")).to_be_visible()
        open_action(phone, "complete")
        phone.get_by_test_id("field-fault_cause").fill("启动机损坏")
        phone.get_by_test_id("field-solution").fill("更换启动机")
        phone.get_by_test_id(f"used-quantity-{code}").fill("2")
        # meanwhile the keeper takes one back unused: only one is still out
        back = req_act(api, req, "return", "cd_warehouse",
                       lines=[{"code": code, "quantity": 1, "condition": "unused"}])
        assert back.status == 200, back.body
        phone.get_by_test_id("action-submit").click()
        field = phone.get_by_test_id("field-parts_replaced")
        expect(field.locator(".ant-form-item-explain-error").first).to_be_visible()
        expect(phone.get_by_test_id("action-modal-complete")).to_be_visible()  # still open
        assert detail(api, order, tech)["state"] == "in_repair"
