"""Issue 15: a person's record and the complaint rate in the browser. A manager reads a
technician's record with the 200元 fine a complaint decided (the entry links the complaint) and
enters a reward in 元; the technician reads their own (我的奖惩) on a 375 px phone. Head office
sees last month's complaint rate on the dashboard after a rate run, and the complaints behind a
figure. The return visit's opinion card: a "yes" to "asked for gifts" opens a draft complaint.
Each test brings its own technician, order or complaint through the API."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.conftest import HAPPY_PATH
from tests.e2e.helpers import act, choose, login, no_horizontal_scroll, open_action, rate
from tests.workload_helpers import crew

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 768}
BEIJING = ZoneInfo("Asia/Shanghai")


def _complaint(api, staff: str, kind: str = "service_attitude", received_at: str | None = None) -> dict:
    body = {"kind": kind, "channel": "phone",
            "complainant": {"name": f"冯女士{uuid.uuid4().hex[:4]}", "phone": "13955556666"},
            "about": {"staff": staff}, "content": "上门服务时态度恶劣", "demand": "道歉"}
    if received_at:
        body["received_at"] = received_at
    reply = api.post("/api/complaints", "sz_agent", body)
    assert reply.status == 201, reply.body
    return reply.body


def _act(api, complaint: dict, action: str, user: str, data: dict) -> dict:
    reply = api.act_on("/api/complaints", complaint, action, user, data)
    assert reply.status == 200, reply.body
    return reply.body


def test_a_manager_reads_a_record_with_a_fine_and_the_technician_reads_their_own(page_factory, api):
    with crew([3], outlet="SZ", tag="cdr") as (tech,):
        username = tech["username"]
        complaint = _complaint(api, username)
        complaint = _act(api, complaint, "judge", "sz_manager", {"stands": True})
        complaint = _act(api, complaint, "record_responsibility", "sz_manager",
                         {"kind": "person", "person": username})
        complaint = _act(api, complaint, "decide_penalty", "sz_manager", {
            "decision": "penalty", "person": username, "penalty_kind": "fine",
            "amount_fen": 20000, "reason": "服务态度恶劣"})

        # the manager reads the record: the fine, linking the complaint
        manager = page_factory(**DESKTOP)
        login(manager, "sz_manager", land=False)
        manager.goto(f"/people/{username}")
        expect(manager.get_by_test_id("conduct-person")).to_contain_text(tech["name"])
        entries = manager.get_by_test_id("conduct-entries")
        fine = entries.locator("tr", has_text="服务态度恶劣")
        expect(fine).to_contain_text("罚款")
        expect(fine).to_contain_text("¥200.00")
        source = fine.get_by_test_id(f"conduct-source-{complaint['id']}")
        expect(source).to_have_text(complaint["number"])
        expect(source).to_have_attribute("href", f"/complaints/{complaint['id']}")
        expect(manager.get_by_test_id("conduct-penalty-total")).to_contain_text("¥200.00")
        # the complaint about them, its number linking its page (the manager may open it)
        listed = manager.get_by_test_id("conduct-complaints").get_by_test_id(
            f"conduct-complaint-{complaint['id']}")
        expect(listed).to_have_text(complaint["number"])
        expect(listed).to_have_attribute("href", f"/complaints/{complaint['id']}")

        # and enters a reward in 元 (fen on the wire)
        manager.get_by_test_id("conduct-add").click()
        modal = manager.get_by_test_id("conduct-add-modal")
        expect(modal).to_be_visible()
        modal.get_by_test_id("conduct-add-kind-reward").click()
        modal.get_by_test_id("conduct-add-amount").fill("88.5")
        modal.get_by_test_id("conduct-add-reason").fill("提出有价值的改进建议")
        manager.get_by_test_id("conduct-add-submit").click()
        expect(modal).to_be_hidden()
        expect(entries.locator("tr", has_text="提出有价值的改进建议")).to_contain_text("¥88.50")
        expect(manager.get_by_test_id("conduct-reward-total")).to_contain_text("¥88.50")
        record = api.get(f"/api/staff/{username}/record", "sz_manager").body
        reward = next(e for e in record["entries"] if e["kind"] == "reward")
        assert reward["amount_fen"] == 8850 and reward["by"] == "sz_manager"
        assert record["totals"] == {"penalty_fen": 20000, "reward_fen": 8850}

        # the technician reads their own on a phone (我的奖惩), without the manager's button
        phone = page_factory(**PHONE)
        login(phone, username)
        phone.get_by_test_id("menu-toggle").click()
        phone.get_by_test_id("menu-myConduct").click()
        expect(phone).to_have_url(re.compile(r"/people/me$"))
        expect(phone.get_by_test_id("conduct-page")).to_have_attribute("data-username", username)
        card = phone.locator("[data-testid^='conduct-entry-']", has_text="服务态度恶劣")
        expect(card).to_contain_text("¥200.00")
        # the fine's source: the complaint's number, not a link to a page they may not open
        expect(card.get_by_test_id(f"conduct-source-{complaint['id']}")).to_have_attribute(
            "data-openable", "false")
        expect(phone.get_by_test_id("conduct-add")).to_have_count(0)
        # the complaint about them: what it is, not a link to a page they may not open
        # (the phone's cards: no table wrapper)
        own = phone.get_by_test_id(f"conduct-complaint-{complaint['id']}")
        expect(own).to_have_text(complaint["number"])
        expect(own).to_have_attribute("data-openable", "false")
        expect(phone.locator(f"a[data-testid='conduct-complaint-{complaint['id']}']")).to_have_count(0)
        assert no_horizontal_scroll(phone)

        # nobody by that name (or not theirs to see): said so, not an error
        phone.goto(f"/people/{username}_none")
        expect(phone.get_by_test_id("conduct-not-found")).to_contain_text("人员不存在或无权查看其记录")


def _last_month() -> tuple[str, str]:
    """Last month (Beijing) and an instant on its 15th at 10:00 Beijing, in UTC."""
    now = datetime.now(BEIJING)
    year, month = (now.year - 1, 12) if now.month == 1 else (now.year, now.month - 1)
    at = datetime(year, month, 15, 10, 0, tzinfo=BEIJING).astimezone(ZoneInfo("UTC"))
    return f"{year:04d}-{month:02d}", at.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_head_office_sees_last_months_complaint_rate_on_the_dashboard(page_factory, api):
    month, received_at = _last_month()
    complaint = _complaint(api, "sz_tech3", kind="service_charges", received_at=received_at)
    _act(api, complaint, "judge", "sz_manager", {"stands": True})
    run = api.post("/api/complaints/rate/runs", "hq_admin", {"month": month})
    assert run.status == 200, run.body
    rate = run.body
    assert complaint["id"] in rate["by_kind"]["service_charges"]["items"]

    office = page_factory(**DESKTOP)
    login(office, "hq_admin", land=False)
    office.goto("/dashboard")
    card = office.get_by_test_id("rate-card")
    expect(card).to_contain_text(f"全网 · {month}")
    figures = card.get_by_test_id("rate-figures")
    expect(figures).to_have_attribute("data-month", month)
    expect(figures).to_have_attribute("data-scope", "NETWORK")
    expect(card.get_by_test_id("rate-valid")).to_have_text(str(rate["valid"]))
    expect(card.get_by_test_id("rate-accepted")).to_contain_text(str(rate["accepted_orders"]))
    kinds = card.get_by_test_id("rate-by-kind")
    expect(kinds).to_contain_text("收费问题")
    expect(card.get_by_test_id("rate-by-department")).to_contain_text("网点经理")

    # the list behind the figure: the complaint, its number linking its page
    kinds.get_by_test_id("rate-kind-valid-service_charges").click()
    item = office.get_by_test_id("rate-list").get_by_test_id(f"rate-item-{complaint['id']}")
    expect(item).to_have_text(complaint["number"])
    item.click()
    expect(office).to_have_url(re.compile(rf"/complaints/{complaint['id']}$"))

    # the figures named by the complaint's validity (待判定, not a complaint state), in English too
    office.evaluate("localStorage.setItem('fuwu.lang', 'en-US')")
    office.goto(f"/complaints/rate?month={month}")
    expect(office.get_by_test_id("rate-pending")).to_contain_text("Not judged yet")
    expect(office.get_by_test_id("rate-unfounded")).to_contain_text("Unfounded")
    office.evaluate("localStorage.setItem('fuwu.lang', 'zh-CN')")

    # a month the job has not built says so, and head office may build it
    office.goto("/complaints/rate?month=2024-01&outlet=CD")
    # (named by its month: not "this month's")
    expect(office.get_by_test_id("rate-not-built")).to_contain_text(
        "2024-01 的投诉率尚未生成（每月 1–5 日生成上月投诉率）")
    expect(office.get_by_test_id("rate-run")).to_have_text("立即生成")


def test_a_return_visit_answering_yes_to_gifts_opens_a_draft_complaint(page_factory, api, new_order, walk):
    order = walk(new_order("SZ"), HAPPY_PATH[:HAPPY_PATH.index("return_visit")])

    agent = page_factory(**DESKTOP)
    login(agent, "sz_agent", land=False)
    agent.goto(f"/work-orders/{order['id']}")
    open_action(agent, "return_visit")
    modal = agent.get_by_test_id("action-modal-return_visit")
    # the 顾客意见调查卡's conduct questions, named by the vocabulary, each "no" until changed
    conduct = modal.get_by_test_id("field-conduct")
    questions = {"gifts": "是否索要礼品/钱物", "tips": "是否索要小费", "meals": "是否要求吃请"}
    for key, question in questions.items():
        expect(conduct).to_contain_text(question)
        expect(conduct.get_by_test_id(f"field-conduct.{key}")).to_have_attribute("aria-checked", "false")
    expect(modal.get_by_test_id("visit-conduct-note")).to_contain_text("投诉草稿")
    agent.get_by_test_id("action-dismiss").click()

    def visit(p) -> None:
        choose(p, "field-channel", "电话")
        for score in ("attitude", "skill", "punctuality", "result", "overall"):
            rate(p, f"field-scores.{score}", 4)
        p.get_by_test_id("field-conduct.gifts").click()
        expect(p.get_by_test_id("field-conduct.gifts")).to_have_attribute("aria-checked", "true")
        p.get_by_test_id("field-suggestions").fill("希望提前电话预约")

    act(agent, "return_visit", visit)
    visited = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert visited["return_visit"]["conduct"] == {"gifts": True, "tips": False, "meals": False}
    assert visited["return_visit"]["suggestions"] == "希望提前电话预约"
    draft = api.get(f"/api/complaints/visit-{order['id']}", "sz_manager")
    assert draft.status == 200, draft.body
    assert draft.body["state"] == "draft" and draft.body["kind"] == "service_solicitation"
    assert draft.body["about"]["staff"] == "sz_tech1"  # the order's technician
