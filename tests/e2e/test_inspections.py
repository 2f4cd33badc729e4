"""Inspections (巡检, issue 18 check 8) in the browser: on a 375 px phone in Chinese the
technician works an inspection's checklist — a tap per item, a fault with its note and photo
(the server's 400 on the photo's field first), a repair order opened from it and linked both
ways — and a completion with an item left is refused with the item named; in English on a
desktop the manager reads the contract's inspections (overdue in red, counted in the title) and
generates the quarterly PDF; the expiry reminder the morning job sends lands in the manager's
inbox and opens the contract."""

from __future__ import annotations

import contextlib
import re
import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import requests
from playwright.sync_api import Page, expect

from chalicelib.modules.contracts import generator, inspections, reminder_job
from chalicelib.modules.contracts.domain.schedule import add_months
from chalicelib.modules.contracts.keys import contract_pk
from chalicelib.modules.contracts.models import Contract
from tests.conftest import FIXTURES, STEP_DATA, evidence_for
from tests.e2e.helpers import act, login, no_horizontal_scroll, open_action
from tests.sla_helpers import frozen

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 860}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
BEIJING = ZoneInfo("Asia/Shanghai")
PHOTO_PATH = str(FIXTURES / "site_photo.jpg")
UPLOAD_TIMEOUT = 30_000  # ms: a slot, an upload to moto, a confirm with a thumbnail
CHECKLIST = [
    {"area": "前端设备", "items": ["摄像机图像清晰，镜头无遮挡", "云台转动灵活"]},
    {"area": "线路", "items": ["线缆无破损，接头紧固"]},
]
TO_REPAIR = ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan"]


def beijing_now() -> datetime:
    """Read once per test: a run crossing Beijing midnight keeps one day throughout."""
    return datetime.now(BEIJING)


def new_customer(api, name: str) -> dict:
    """A new SZ customer of this test alone, with one site and one unit."""
    tag = uuid.uuid4().hex[:8]
    reply = api.post("/api/customers", "sz_agent", {
        "name": f"{name}{tag}", "phone": f"136{int(tag, 16) % 10**8:08d}", "address": "深圳市福田区",
        "site": {"name": "安防监控中心", "address": "深南大道 1 号"},
        "equipment": {"model": "硬盘录像机 DS-8632", "serial_no": f"XJ-E2E-{tag}"}})
    assert reply.status == 201, reply.body
    return reply.body


def new_contract(api, customer: dict, starts_on: date, ends_on: date, day: int, today: date,
                 recorded_on: date | None = None) -> dict:
    """An active contract inspecting the customer's site monthly on `day`, recorded on
    `recorded_on` (its first day by default, `today` at the latest: its first occurrence is
    the first on or after the day it is recorded)."""
    body = {"customer_id": customer["id"], "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(), "free_period": False, "price_fen": 960_000,
            "sites": [customer["sites"][0]["id"]], "included_callouts": 4,
            "schedule": {"kind": "monthly", "day": day, "month_offset": 0, "per": "site"},
            "checklist": CHECKLIST, "state": "active"}
    recorded = recorded_on or min(starts_on, today)
    with contextlib.ExitStack() as stack:
        if recorded < today:
            stack.enter_context(frozen(datetime.combine(recorded, time(9), BEIJING)))
        reply = api.post("/api/contracts", "sz_manager", body,
                         headers={"Idempotency-Key": uuid.uuid4().hex})
    assert reply.status == 201, reply.body
    return reply.body


def generate_for(contract: dict, now: datetime) -> None:
    """The morning job's work for this test's contract alone (its occurrences due within its 7
    days ahead, oldest first): not every contract of the worker's stack."""
    stored = Contract.get(contract_pk(contract["id"]), "CONTRACT", consistent_read=True)
    tally = generator.Tally()
    generator.generate(stored, now, tally)
    assert tally.failed == 0, tally.view()


def overflowing_answer_buttons(page: Page) -> list[str]:
    """The checklist's answer buttons whose label does not fit inside them."""
    return page.evaluate("""() => [...document.querySelectorAll(
            '[data-testid="checklist-card"] [role="group"] button')]
        .filter((b) => b.scrollWidth > b.clientWidth || b.scrollHeight > b.clientHeight)
        .map((b) => `${b.dataset.testid}: ${b.scrollWidth}/${b.clientWidth}`)""")


def inspection_order(api, contract: dict, customer: dict, planned: date) -> dict:
    marker = inspections.generated(contract["id"], planned.isoformat(), customer["sites"][0]["id"])
    assert marker is not None, planned
    reply = api.get(f"/api/work-orders/{marker.order_id}", "sz_manager")
    assert reply.status == 200, reply.body
    return reply.body


def next_inspection(api, name: str) -> dict:
    """The inspection order (not yet dispatched) of a new customer's (`name`) contract whose
    first monthly occurrence is today, or the 1st when today is past the 28th (at most 3 days
    ahead), generated by the morning job."""
    now = beijing_now()
    today = now.date()
    customer = new_customer(api, name)
    planned = today if today.day <= 28 else add_months(today.replace(day=1), 1)
    contract = new_contract(api, customer, planned, planned + timedelta(days=364), planned.day, today)
    generate_for(contract, now)
    return inspection_order(api, contract, customer, planned)


def walk_to_repair(api, order: dict) -> dict:
    for action in TO_REPAIR:
        user = "sz_manager" if action in ("dispatch", "approve_plan") else "sz_tech1"
        reply = api.act(order, action, user, STEP_DATA[action])
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    return order


def answer(api, order_id: str, area: int, item: int, value: str, user: str = "sz_tech1") -> dict:
    version = api.get(f"/api/work-orders/{order_id}", user).body["checklist"]["version"]
    reply = api.call("PUT", f"/api/work-orders/{order_id}/checklist", user,
                     {"version": version, "area": area, "item": item, "answer": value})
    assert reply.status == 200, reply.body
    return reply.body["checklist"]


def item(page: Page, area: int, index: int):
    return page.get_by_test_id(f"checklist-item-{area}-{index}")


def tap(page: Page, area: int, index: int, value: str) -> None:
    page.get_by_test_id(f"checklist-{area}-{index}-{value}").click()
    expect(item(page, area, index)).to_have_attribute("data-answer", value)


# ---------------------------------------------------------------- the checklist on a phone

def test_the_technician_works_the_checklist_on_a_phone_and_cannot_complete_with_an_item_left(
        page_factory, api):
    order = next_inspection(api, "巡检清单手机测试")
    assert order["type"] == "inspection" and order["checklist"]["counts"]["total"] == 3
    order = walk_to_repair(api, order)
    evidence_for(api, order, "complete", "sz_tech1", {})  # the completion photos the policy asks

    page = page_factory(**PHONE)
    login(page, "sz_tech1", land=False)
    page.goto(f"/work-orders/{order['id']}")
    card = page.get_by_test_id("checklist-card")
    expect(card).to_have_attribute("data-editable", "true")
    progress = page.get_by_test_id("checklist-progress")
    expect(progress).to_have_text("已答 0 / 3")
    expect(page.get_by_test_id("checklist-area-0")).to_contain_text("前端设备")
    expect(page.get_by_test_id("checklist-0-0-ok")).to_have_text(re.compile("正常"))
    expect(page.get_by_test_id("checklist-0-0-fault")).to_have_text(re.compile("故障"))
    expect(page.get_by_test_id("checklist-0-0-na")).to_have_text(re.compile("不适用"))
    assert no_horizontal_scroll(page)
    assert overflowing_answer_buttons(page) == []

    # in English on the same phone the longer labels (Not applicable) stay inside their buttons
    english = page_factory(**PHONE)
    english.context.add_init_script(ENGLISH)
    login(english, "sz_tech1", land=False)
    english.goto(f"/work-orders/{order['id']}")
    expect(english.get_by_test_id("checklist-0-0-na")).to_have_text(re.compile("Not applicable"))
    expect(english.locator("[data-testid='checklist-card'] [role='group'] button")).to_have_count(9)
    assert overflowing_answer_buttons(english) == []
    assert no_horizontal_scroll(english)
    english.close()

    # a tap saves the answer
    tap(page, 0, 0, "ok")
    expect(progress).to_have_text("已答 1 / 3")
    expect(item(page, 0, 0).get_by_test_id("checklist-item-by")).to_be_visible()

    # a fault: the note alone is refused on the photo's field; with the photo it is saved
    page.get_by_test_id("checklist-0-1-fault").click()
    form = page.get_by_test_id("checklist-fault-form-0-1")
    expect(form).to_be_visible()
    page.get_by_test_id("checklist-fault-note-0-1").fill("云台左转卡滞，有异响")
    page.get_by_test_id("checklist-fault-save-0-1").click()
    photo_item = page.get_by_test_id("checklist-fault-photo-item-0-1")
    expect(photo_item.locator(".ant-form-item-explain-error")).to_be_visible()
    expect(item(page, 0, 1)).to_have_attribute("data-answer", "none")
    assert no_horizontal_scroll(page)

    page.get_by_test_id("checklist-fault-photo-0-1-file").set_input_files(PHOTO_PATH)
    expect(page.get_by_test_id("checklist-fault-photo-0-1")).to_have_attribute(
        "data-photo", re.compile(r".+"), timeout=UPLOAD_TIMEOUT)
    expect(photo_item.locator(".ant-form-item-explain-error")).to_have_count(0)
    page.get_by_test_id("checklist-fault-save-0-1").click()
    expect(item(page, 0, 1)).to_have_attribute("data-answer", "fault")
    expect(progress).to_have_text("已答 2 / 3")
    fault = page.get_by_test_id("checklist-fault-0-1")
    expect(fault).to_contain_text("云台左转卡滞，有异响")
    saved = api.get(f"/api/work-orders/{order['id']}", "sz_tech1").body["checklist"]
    found = saved["areas"][0]["items"][1]
    assert found["answer"] == "fault" and found["photo"]["id"]
    photos = api.get(f"/api/work-orders/{order['id']}/attachments", "sz_tech1").body["items"]
    assert {(p["id"], p["category"]) for p in photos} >= {(found["photo"]["id"], "fault")}

    # the repair order, opened from the fault once (confirmed), then linked
    page.get_by_test_id("checklist-repair-0-1").click()
    page.get_by_test_id("checklist-repair-ok").click()
    repair_link = page.get_by_test_id("checklist-repair-link-0-1")
    expect(repair_link).to_be_visible()
    saved = api.get(f"/api/work-orders/{order['id']}", "sz_tech1").body["checklist"]
    repair = saved["areas"][0]["items"][1]["repair"]
    expect(repair_link).to_contain_text(repair["number"])
    repair_order = api.get(f"/api/work-orders/{repair['order_id']}", "sz_manager").body
    assert repair_order["type"] == "repair" and repair_order["coverage"] == "contract"

    # completing with an item left: refused, the item named, and the way to it
    def completion(p: Page) -> None:
        p.get_by_test_id("field-fault_cause").fill("云台电机老化")
        p.get_by_test_id("field-solution").fill("已开维修单更换云台电机，其余项目正常")
        p.get_by_test_id("field-parts_replaced-add").click()
        p.get_by_test_id("field-parts_replaced.0.name").fill("保险丝 5A")
        p.get_by_test_id("field-parts_replaced.0.quantity").fill("1")

    # the form says so as it opens (the page's checklist), and again once the server refused
    open_action(page, "complete")
    refusal = page.get_by_test_id("checklist-incomplete")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("1 项未作答")
    completion(page)
    with page.expect_response(lambda r: r.url.endswith("/complete") and r.request.method == "POST") as sent:
        page.get_by_test_id("action-submit").click()
    assert sent.value.status == 409, sent.value.text()
    expect(refusal).to_be_in_viewport()
    expect(refusal).to_contain_text("1 项未作答")
    expect(page.get_by_test_id("checklist-incomplete-first")).to_contain_text("线路 · 线缆无破损，接头紧固")
    page.get_by_test_id("checklist-incomplete-go").click()
    expect(page.get_by_test_id("action-modal-complete")).to_have_count(0)
    expect(item(page, 1, 0)).to_be_in_viewport()
    assert api.get(f"/api/work-orders/{order['id']}", "sz_tech1").body["state"] == "in_repair"

    # the rest answered, the inspection completes; the checklist is read-only from then on
    tap(page, 1, 0, "na")
    expect(progress).to_have_text("已答 3 / 3")
    act(page, "complete", completion)
    expect(page.get_by_test_id("order-state")).to_have_text("待验收")
    expect(card).to_have_attribute("data-editable", "false")
    expect(page.get_by_test_id("checklist-readonly")).to_be_visible()
    expect(page.get_by_test_id("checklist-0-0-ok")).to_have_count(0)
    expect(item(page, 1, 0).get_by_test_id("checklist-answer-tag")).to_have_text("不适用")
    assert no_horizontal_scroll(page)

    # the repair order (the manager's to dispatch) says where it came from, and links back
    manager = page_factory(**PHONE)
    login(manager, "sz_manager", land=False)
    manager.goto(f"/work-orders/{order['id']}")
    manager.get_by_test_id("checklist-repair-link-0-1").click()
    expect(manager.get_by_test_id("order-number")).to_contain_text(repair["number"])
    origin = manager.get_by_test_id("order-from-inspection")
    expect(origin).to_contain_text("来自巡检")
    expect(origin).to_contain_text(order["number"])
    expect(origin).to_contain_text("云台转动灵活")
    assert no_horizontal_scroll(manager)
    manager.get_by_test_id("order-from-inspection-link").click()
    expect(manager.get_by_test_id("order-number")).to_contain_text(order["number"])
    expect(manager.get_by_test_id("checklist-card")).to_have_attribute("data-complete", "true")


# ---------------------------------------------------------------- the contract's inspections

def test_in_english_the_manager_reads_the_inspections_and_gets_the_quarterly_pdf(page_factory, api):
    now = beijing_now()
    today = now.date()
    customer = new_customer(api, "巡检记录季度报告测试")
    # begun three months ago: its past months' inspections were never done (overdue)
    starts_on = add_months(today.replace(day=1), -3)
    contract = new_contract(api, customer, starts_on, add_months(starts_on, 12) - timedelta(days=1), 10,
                            today)
    generate_for(contract, now)  # catches up, oldest first
    months = [add_months(starts_on, n).replace(day=10) for n in range(4)]
    months = [m for m in months if m <= today + timedelta(days=7)]
    orders = [inspection_order(api, contract, customer, m) for m in months]

    # the latest done through the API: every item answered, completed
    done = walk_to_repair(api, orders[-1])
    for area, items in enumerate(CHECKLIST):
        for index in range(len(items["items"])):
            answer(api, done["id"], area, index, "ok")
    done = api.get(f"/api/work-orders/{done['id']}", "sz_tech1").body
    data = evidence_for(api, done, "complete", "sz_tech1", STEP_DATA["complete"])
    completed = api.act(done, "complete", "sz_tech1", data)
    assert completed.status == 200, completed.body

    detail = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body
    by_planned = {i["planned"]: i for i in detail["inspections"]}
    assert set(by_planned) == {m.isoformat() for m in months}
    overdue = [i for i in detail["inspections"] if i["result"] == "overdue"]
    assert detail["inspections_overdue"] == len(overdue) >= 2

    page = page_factory(**DESKTOP)
    page.context.add_init_script(ENGLISH)
    login(page, "sz_manager", land=False)
    page.goto(f"/contracts/{contract['id']}")
    card = page.get_by_test_id("contract-inspections")
    expect(card).to_contain_text("Inspections")
    expect(page.get_by_test_id("contract-inspections-overdue")).to_have_text(f"{len(overdue)} overdue")
    site = customer["sites"][0]["id"]
    for inspection in detail["inspections"]:
        row = page.get_by_test_id(f"inspection-row-{inspection['planned']}-{site}")
        expect(row).to_contain_text(inspection["order_number"])
        expect(row.get_by_test_id("inspection-result")).to_have_attribute("data-value", inspection["result"])
        expect(row).to_contain_text(inspection["due"])
    first = page.get_by_test_id(f"inspection-row-{months[0].isoformat()}-{site}")
    expect(first.get_by_test_id("inspection-result")).to_have_text("Overdue")
    latest = page.get_by_test_id(f"inspection-row-{months[-1].isoformat()}-{site}")
    expect(latest.get_by_test_id("inspection-result")).to_have_attribute(
        "data-value", re.compile("done|late"))
    expect(latest).to_contain_text(by_planned[months[-1].isoformat()]["order_number"])
    assert no_horizontal_scroll(page)

    # the quarterly report of the quarter done in: a PDF under its file name
    quarter = f"{months[-1].year}-Q{(months[-1].month - 1) // 3 + 1}"
    label = f"Q{quarter[-1]} {quarter[:4]}"
    picker = page.get_by_test_id("quarterly-quarter")
    picker.click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter(
        has_text=re.compile(rf"^{re.escape(label)}$")).click()
    expect(picker).to_contain_text(label)
    with page.expect_response(lambda r: r.url.endswith("/quarterly")) as answered:
        page.get_by_test_id("quarterly-generate").click()
    assert answered.value.ok, answered.value.text()
    report = answered.value.json()
    link = page.get_by_test_id("quarterly-link")
    expect(link).to_have_text(re.compile(re.escape(report["filename"])))
    expect(page.get_by_test_id("quarterly-result")).to_have_attribute("data-quarter", quarter)
    href = link.get_attribute("href")
    assert href
    pdf = requests.get(href, timeout=30)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF"), pdf.status_code

    # on a phone the rows are cards, each opening its order
    page.set_viewport_size({"width": 375, "height": 812})
    card_row = page.get_by_test_id(f"inspection-row-{months[0].isoformat()}-{site}")
    expect(card_row).to_have_attribute("role", "link")
    expect(card_row).to_contain_text(by_planned[months[0].isoformat()]["order_number"])
    expect(card_row.get_by_test_id("inspection-result")).to_have_text("Overdue")
    assert no_horizontal_scroll(page)
    page.set_viewport_size({"width": DESKTOP["width"], "height": DESKTOP["height"]})

    # a row opens its order
    latest.get_by_test_id("inspection-order-link").click()
    expect(page.get_by_test_id("order-number")).to_contain_text(
        by_planned[months[-1].isoformat()]["order_number"])

    # 时限预警 names the overdue inspection's deadline by the SLA vocabulary: the most recently
    # breached of the contract's (the board reads the newest breaches first), on the board
    # through the API before the page is read
    late = max(overdue, key=lambda i: i["due"])["order_number"]
    board = api.get("/api/sla/at-risk", "sz_manager")
    assert board.status == 200, board.body
    assert any(r["number"] == late and r["clock"]["name"] == "inspection"
               for r in board.body["items"]), (late, board.body["truncated"])
    page.goto("/sla/at-risk")
    row = page.get_by_test_id(f"risk-row-{late}-inspection")
    expect(row).to_be_visible()
    expect(row.get_by_test_id("risk-clock")).to_contain_text("Inspection due")


# ---------------------------------------------------------------- the reminder in the inbox

def test_the_expiry_reminder_reaches_the_managers_inbox_and_opens_the_contract(page_factory, api):
    now = beijing_now()
    today = now.date()
    customer = new_customer(api, "到期提醒收件箱测试")
    # ending within three months: its reminder day has come
    ends_on = today + timedelta(days=60)
    # recorded today: no inspection of its past months is generated
    contract = new_contract(api, customer, today - timedelta(days=300), ends_on, 20, today,
                            recorded_on=today)
    stored = Contract.get(contract_pk(contract["id"]), "CONTRACT", consistent_read=True)
    assert stored.remind_on and date.fromisoformat(stored.remind_on) <= today
    # the job has no entry for one contract: it runs whole, and only this contract's notice is
    # looked at below
    reminder_job.run(now)

    page = page_factory(**DESKTOP)
    login(page, "sz_manager", land=False)
    page.goto("/notifications")
    entry = page.locator("[data-testid^='notification-nt_']", has_text=contract["number"])
    expect(entry).to_have_count(1)
    expect(entry.get_by_test_id("notification-tag")).to_have_attribute("data-notice", reminder_job.NOTICE)
    expect(entry).to_contain_text(ends_on.isoformat())
    entry.click()
    page.wait_for_url(re.compile(rf"/contracts/{contract['id']}$"))
    expect(page.get_by_test_id("contract-number")).to_have_text(contract["number"])
    expect(page.get_by_test_id("contract-renewal-due")).to_be_visible()
