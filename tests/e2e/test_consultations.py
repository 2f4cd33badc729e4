"""Issue 15: consultations and hand-over in the browser. A technician on a 375 px phone records
a customer's information from the phone menu (zh); the desk's agent finds it on the board,
takes it over (the hand-over clock met) and turns it into a complaint about the technician in
one action; another becomes a work order from the intake page. In English, a desk agent answers
a customer's question (the answer clock met). Each test records its own consultation (through
the SPA or the API)."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import expect

from tests.conftest import customer_of
from tests.e2e.helpers import choose, login, no_horizontal_scroll

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 768}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"


def test_a_technician_records_information_on_a_phone_and_the_desk_makes_it_a_complaint(page_factory, api):
    customer = f"钱先生{uuid.uuid4().hex[:4]}"

    # the technician, on a phone, from the phone menu
    phone = page_factory(**PHONE)
    login(phone, "sz_tech2")
    phone.get_by_test_id("menu-toggle").click()
    phone.get_by_test_id("menu-newConsultation").click()
    expect(phone).to_have_url(re.compile(r"/consultations/new$"))
    expect(phone.get_by_role("heading", name="记录咨询/信息")).to_be_visible()
    phone.get_by_test_id("consultation-kind-information").click()
    phone.get_by_test_id("consultation-customer").fill(customer)
    phone.get_by_test_id("consultation-phone").fill("13733334444")
    phone.get_by_test_id("consultation-content").fill("客户反映二号机组漏水，师傅上门时态度不好，请服务部联系")
    assert no_horizontal_scroll(phone)
    phone.get_by_test_id("consultation-submit").click()
    page = phone.get_by_test_id("consultation-page")
    expect(page).to_be_visible()
    consultation_id = phone.url.rsplit("/", 1)[1]
    number = phone.get_by_test_id("consultation-number").inner_text()
    assert number.startswith("ZX-SZ-")
    expect(page.get_by_test_id("consultation-state")).to_have_text("待接手")
    expect(page.get_by_test_id("clock-badge-handover")).to_have_attribute(
        "data-status", re.compile("on_track|at_risk"))
    expect(page.get_by_test_id("consultation-customer")).to_contain_text(customer)
    expect(page.get_by_test_id("consultation-take_over")).to_have_count(0)  # the desk's, not theirs
    assert no_horizontal_scroll(phone)

    # the desk's agent finds it on the board (待交接) and takes it over
    desk = page_factory(**DESKTOP)
    login(desk, "sz_agent")
    desk.get_by_test_id("menu-consultations").click()
    expect(desk).to_have_url(re.compile(r"/consultations"))
    row = desk.get_by_test_id(f"consultation-row-{number}")
    expect(row).to_contain_text(customer)
    expect(row.get_by_test_id("clock-badge-handover")).to_be_visible()
    row.click()
    expect(desk).to_have_url(re.compile(rf"/consultations/{consultation_id}$"))
    desk.get_by_test_id("consultation-take_over").click()
    desk.get_by_test_id("consultation-take_over-confirm").click()
    state = desk.get_by_test_id("consultation-page").get_by_test_id("consultation-state")
    expect(state).to_have_text("已接手")
    expect(desk.get_by_test_id("clock-badge-handover")).to_have_attribute("data-status", "met")

    # 转为投诉: the complaint form filled from the consultation, one action
    desk.get_by_test_id("consultation-to_complaint").click()
    modal = desk.get_by_test_id("to-complaint-modal")
    expect(modal).to_be_visible()
    expect(modal.get_by_test_id("to-complaint-content")).to_have_value(re.compile("二号机组漏水"))
    choose(desk, "to-complaint-kind", "服务态度")
    choose(desk, "to-complaint-staff", "刘洋")
    modal.get_by_test_id("to-complaint-demand").fill("道歉并尽快修好")
    desk.get_by_test_id("to-complaint-submit").click()
    expect(modal).to_be_hidden()
    expect(state).to_have_text("已转办")
    link = desk.get_by_test_id("consultation-converted")
    expect(link).to_contain_text("投诉 TS-SZ-")
    expect(desk.get_by_test_id("consultation-to_complaint")).to_have_count(0)

    made = api.get(f"/api/consultations/{consultation_id}", "sz_agent").body
    assert made["state"] == "converted" and made["converted"]["to"] == "complaint"
    complaint = api.get(f"/api/complaints/{made['converted']['id']}", "sz_agent").body
    assert complaint["source"]["kind"] == "consultation" and complaint["source"]["id"] == consultation_id
    assert complaint["about"]["staff"] == "sz_tech2" and complaint["kind"] == "service_attitude"
    assert complaint["complainant"]["name"] == customer and complaint["demand"] == "道歉并尽快修好"
    link.click()
    expect(desk).to_have_url(re.compile(rf"/complaints/{complaint['id']}$"))

    # done: off the open board, on 已办结
    desk.goto("/consultations?status=done")
    expect(desk.get_by_test_id(f"consultation-row-{number}")).to_be_visible()


def test_a_desk_agent_answers_a_question_in_english(page_factory, api):
    customer = f"Ms Li {uuid.uuid4().hex[:4]}"
    reply = api.post("/api/consultations", "cd_tech1", {
        "kind": "question", "channel": "phone", "customer_name": customer,
        "phone": "02866667777", "content": "How often should the chiller's filters be changed?"})
    assert reply.status == 201, reply.body
    made = reply.body

    desk = page_factory(**DESKTOP)
    desk.context.add_init_script(ENGLISH)
    login(desk, "cd_agent", land=False)
    desk.goto("/consultations")
    row = desk.get_by_test_id(f"consultation-row-{made['number']}")
    expect(row).to_contain_text(customer)
    expect(row).to_contain_text("Question")
    row.click()
    page = desk.get_by_test_id("consultation-page")
    expect(page.get_by_test_id("consultation-state")).to_have_text("To take over")
    expect(page.get_by_test_id("clock-badge-answer")).to_be_visible()
    desk.get_by_test_id("consultation-answer").click()
    modal = desk.get_by_test_id("consultation-answer-modal")
    expect(modal).to_be_visible()
    desk.get_by_test_id("consultation-answer-submit").click()
    expect(modal.locator(".ant-form-item-explain-error")).to_be_visible()  # required: nothing sent
    modal.get_by_test_id("consultation-answer-text").fill("Every three months; we can book a visit.")
    desk.get_by_test_id("consultation-answer-submit").click()
    expect(modal).to_be_hidden()
    expect(page.get_by_test_id("consultation-state")).to_have_text("Answered")
    answer = "Every three months; we can book a visit."
    expect(page.get_by_test_id("consultation-answer-text")).to_have_text(answer)
    expect(page.get_by_test_id("clock-badge-answer")).to_have_attribute("data-status", "met")
    expect(page.get_by_test_id("clock-badge-handover")).to_have_attribute("data-status", "met")
    expect(page.get_by_test_id("consultation-event-answer")).to_be_visible()

    after = api.get(f"/api/consultations/{made['id']}", "cd_agent").body
    assert after["state"] == "answered"
    assert after["answer"]["text"] == "Every three months; we can book a visit."
    assert after["answer"]["by"] == "cd_agent"


def test_the_desk_turns_a_consultation_into_a_work_order_from_the_intake_page(page_factory, api):
    customer = customer_of(api, "SZ")
    reply = api.post("/api/consultations", "sz_tech3", {
        "kind": "information", "channel": "phone", "customer_id": customer["id"],
        "customer_name": customer["name"], "phone": customer["phone"],
        "content": f"一号厂区冷水机组不制冷 {uuid.uuid4().hex[:4]}"})
    assert reply.status == 201, reply.body
    made = reply.body

    desk = page_factory(**DESKTOP)
    login(desk, "sz_agent", land=False)
    desk.goto(f"/consultations/{made['id']}")
    desk.get_by_test_id("consultation-to_order").click()
    expect(desk).to_have_url(re.compile(rf"/work-orders/new\?consultation={made['id']}$"))
    expect(desk.get_by_test_id("order-from-consultation")).to_contain_text(made["number"])
    expect(desk.get_by_test_id("order-description")).to_have_value(made["content"])
    expect(desk.get_by_test_id("order-site")).to_be_visible()  # the customer is picked
    desk.get_by_test_id("order-submit").click()
    expect(desk).to_have_url(re.compile(r"/work-orders/(?!new)[^/?]+$"))
    order_id = desk.url.rsplit("/", 1)[1]

    after = api.get(f"/api/consultations/{made['id']}", "sz_agent").body
    assert after["state"] == "converted"
    assert after["converted"]["to"] == "order" and after["converted"]["id"] == order_id


def test_warehouse_staff_reach_recording_and_their_own_record_from_the_menu(page_factory):
    """记录咨询/信息 and 我的奖惩 are for whoever may record one or read their own record, not
    only technicians: a warehouse keeper finds both in the menu."""
    page = page_factory(**DESKTOP)
    login(page, "sz_warehouse")
    page.get_by_test_id("menu-newConsultation").click()
    expect(page).to_have_url(re.compile(r"/consultations/new$"))
    expect(page.get_by_role("heading", name="记录咨询/信息")).to_be_visible()
    page.get_by_test_id("menu-myConduct").click()
    expect(page).to_have_url(re.compile(r"/people/me$"))
    expect(page.get_by_test_id("conduct-page")).to_have_attribute("data-username", "sz_warehouse")
    expect(page.get_by_test_id("conduct-add")).to_have_count(0)


def test_head_office_records_a_consultation_for_an_outlets_desk_from_the_menu(page_factory, api):
    """Head office has no desk of its own: it names the service outlet whose desk takes the
    consultation over (the picker offers service outlets only, and must be chosen)."""
    customer = f"孙女士{uuid.uuid4().hex[:4]}"
    office = page_factory(**DESKTOP)
    login(office, "hq_admin")
    office.get_by_test_id("menu-newConsultation").click()
    expect(office).to_have_url(re.compile(r"/consultations/new$"))
    office.get_by_test_id("consultation-customer").fill(customer)
    office.get_by_test_id("consultation-phone").fill("13766667777")
    office.get_by_test_id("consultation-content").fill("客户来电询问保养套餐，请深圳服务部回电")
    # no outlet picked: the form says so and sends nothing
    office.get_by_test_id("consultation-submit").click()
    outlet_item = office.locator(".ant-form-item", has=office.get_by_test_id("consultation-outlet"))
    expect(outlet_item.locator(".ant-form-item-explain-error")).to_contain_text("服务网点")
    expect(office).to_have_url(re.compile(r"/consultations/new$"))
    # the service outlets only: head office itself is not a desk
    office.get_by_test_id("consultation-outlet").click()
    options = office.locator(".ant-select-dropdown:visible .ant-select-item-option")
    expect(options.filter(has_text="成都服务站")).to_have_count(1)
    expect(options.filter(has_text="总部企管室")).to_have_count(0)
    options.filter(has_text="深圳服务站").click()
    expect(office.get_by_test_id("consultation-outlet")).to_contain_text("深圳服务站")
    office.get_by_test_id("consultation-submit").click()
    expect(office.get_by_test_id("consultation-page")).to_be_visible()
    number = office.get_by_test_id("consultation-number").inner_text()
    assert number.startswith("ZX-SZ-")
    made = api.get(f"/api/consultations/{office.url.rsplit('/', 1)[1]}", "hq_admin").body
    assert made["outlet"] == "SZ" and made["recorded_by"] == "hq_admin"

    # on SZ's desk board (待交接)
    desk = page_factory(**DESKTOP)
    login(desk, "sz_agent", land=False)
    desk.goto("/consultations")
    expect(desk.get_by_test_id(f"consultation-row-{number}")).to_contain_text(customer)
