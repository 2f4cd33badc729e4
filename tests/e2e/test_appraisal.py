"""Issue 16: the monthly appraisal (月度考核) in the browser. A manager reads their outlet's month
per technician, opens the orders behind a figure (the dashboard's drill-down) and the person's
record behind the complaints and the ledger, signs the month off (asked first), sees it frozen
and a complaint of that month judged later land as an adjustment in the next one, and reads it on a
phone; a technician has no such page. Head office, in English, signs a month someone else signed
meanwhile: said so, and the month read again. One person's complaints of two signed months
judged later: an adjustment to each month, each with its month.

Each test brings its own technicians (a new crew) and months no other test writes into (SZ's
2024-08 and 2024-09; 2024-10; 2024-04 to 2024-06), with its orders walked through the API at
moments in that month."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.conftest import HAPPY_PATH, STEP_DATA
from tests.e2e.helpers import login, no_horizontal_scroll
from tests.sla_helpers import frozen, shanghai
from tests.workload_helpers import crew, located_customer, order_for, take

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 768}

MONTH, NEXT = "2024-08", "2024-09"
AUGUST = shanghai("2024-08-12T10:00:00")
OCTOBER = shanghai("2024-10-15T10:00:00")
APRIL = shanghai("2024-04-16T10:00:00")
MAY = shanghai("2024-05-14T10:00:00")
# the technician takes the order from dispatch to completion; the desk records the customer's
# acceptance on the phone (no signature) and the return visit
TO_COMPLETE = HAPPY_PATH[:HAPPY_PATH.index("accept")]


def _completed(api, customer: dict, tech: str, visit_score: int | None = None) -> dict:
    """An order of the outlet completed by `tech` and accepted (the clock frozen by the caller),
    with a return visit scored `visit_score` overall when given."""
    order = take(api, order_for(api, customer), tech, TO_COMPLETE)
    reply = api.act(order, "accept", "sz_agent", STEP_DATA["accept"])
    assert reply.status == 200, reply.body
    order = reply.body
    if visit_score is not None:
        scores = {**STEP_DATA["return_visit"]["scores"], "overall": visit_score}
        reply = api.act(order, "return_visit", "sz_agent", {**STEP_DATA["return_visit"], "scores": scores})
        assert reply.status == 200, reply.body
        order = reply.body
    return order


def _ledger(api, username: str, kind: str, amount_fen: int, reason: str) -> None:
    body = {"kind": kind, "amount_fen": amount_fen, "reason": reason}
    if kind == "penalty":
        body["penalty_kind"] = "fine"
    reply = api.post(f"/api/staff/{username}/ledger", "sz_manager", body)
    assert reply.status in (200, 201), reply.body


def _complaint(api, username: str) -> dict:
    made = api.post("/api/complaints", "sz_agent", {
        "kind": "service_attitude", "channel": "phone",
        "complainant": {"name": "考核测试顾客", "phone": "13955556666"},
        "about": {"staff": username}, "content": "上门服务时态度恶劣", "demand": "道歉"})
    assert made.status == 201, made.body
    return made.body


def _judge_valid(api, complaint: dict) -> dict:
    judged = api.post(f"/api/complaints/{complaint['id']}/actions/judge", "sz_manager",
                      {"version": complaint["version"], "data": {"stands": True}})
    assert judged.status == 200, judged.body
    return judged.body


def _valid_complaint(api, username: str) -> dict:
    return _judge_valid(api, _complaint(api, username))


def _appraisal(api, month: str, user: str = "sz_manager", outlet: str | None = None) -> dict:
    query = f"month={month}" + (f"&outlet={outlet}" if outlet else "")
    reply = api.get(f"/api/technicians/appraisals?{query}", user)
    assert reply.status == 200, reply.body
    return reply.body


def _sign(api, month: str) -> None:
    """SZ's month signed off by its manager through the API, on the version and figures read."""
    seen = _appraisal(api, month)
    reply = api.post("/api/technicians/appraisals/sign", "sz_manager", {
        "outlet": "SZ", "month": month, "version": seen["version"], "digest": seen["digest"]})
    assert reply.status == 200, reply.body


def _row(page: Page, username: str):
    return page.get_by_test_id("appraisal-table").locator(
        f"[data-testid='appraisal-row'][data-username='{username}']")


def _close_drill(page: Page) -> None:
    drawer = page.get_by_test_id("kpi-drilldown")
    page.locator(".ant-drawer-close").click()
    expect(drawer).to_be_hidden()


def test_a_manager_reads_drills_into_and_signs_off_a_month(page_factory, api):
    with crew([3, 3], outlet="SZ", tag="apr") as (one, two):
        customer = located_customer(api)
        with frozen(AUGUST):
            first = _completed(api, customer, one["username"], visit_score=4)
            second = _completed(api, customer, one["username"])
            _completed(api, customer, two["username"], visit_score=5)
            _valid_complaint(api, one["username"])
            pending = _complaint(api, one["username"])  # judged only after the sign-off
            _ledger(api, one["username"], "reward", 8800, "提出有价值的改进建议")
            _ledger(api, two["username"], "penalty", 5000, "未按规定着装")

        # what the server computed from the month's facts (the fixture as built)
        rows = {r["username"]: r for r in _appraisal(api, MONTH)["rows"]}
        mine = rows[one["username"]]
        assert (mine["completed"], mine["visits"], mine["satisfaction"]) == (2, 1, 4)
        assert (mine["valid_complaints"], mine["rewards_fen"], mine["penalties_fen"]) == (1, 8800, 0)
        assert rows[two["username"]]["penalties_fen"] == 5000

        manager = page_factory(**DESKTOP)
        login(manager, "sz_manager")
        manager.get_by_test_id("menu-appraisal").click()
        expect(manager).to_have_url(re.compile(r"/technicians/appraisals"))
        expect(manager.get_by_test_id("appraisal-outlet")).to_contain_text("深圳")
        manager.goto(f"/technicians/appraisals?month={MONTH}")
        expect(manager.get_by_test_id("appraisal")).to_have_attribute("data-month", MONTH)
        expect(manager.get_by_test_id("appraisal-state")).to_have_text("待签字")
        table = manager.get_by_test_id("appraisal-table")
        for header in ("完成工单", "按时率", "满意度", "有效投诉", "重复维修", "处罚金额", "奖励金额",
                       "服务津贴基数"):
            expect(table.locator("thead")).to_contain_text(header)

        row = _row(manager, one["username"])
        expect(row.get_by_test_id("appraisal-name")).to_have_text(one["name"])
        expect(row.get_by_test_id("appraisal-completed")).to_have_attribute("data-value", "2")
        expect(row.get_by_test_id("appraisal-satisfaction")).to_have_text("4")
        expect(row.get_by_test_id("appraisal-allowance")).to_have_attribute(
            "data-value", str(mine["allowance_base"]))
        expect(row.get_by_test_id("appraisal-rewards")).to_have_text("¥88.00 (1)")
        penalties = _row(manager, two["username"]).get_by_test_id("appraisal-penalties")
        expect(penalties).to_have_text("¥50.00 (1)")

        # the orders behind "completed": the dashboard's drill-down, for this technician
        row.get_by_test_id("appraisal-completed").click()
        drawer = manager.get_by_test_id("kpi-drilldown")
        expect(drawer.get_by_test_id("drill-subtitle")).to_contain_text(one["name"])
        expect(drawer.get_by_test_id("drill-order")).to_have_count(2)
        expect(drawer.locator(f"[data-testid='drill-order'][data-number='{second['number']}']")).to_be_visible()
        _close_drill(manager)
        # behind the satisfaction: the one return visit
        row.get_by_test_id("appraisal-satisfaction").click()
        expect(drawer.get_by_test_id("drill-order")).to_have_count(1)
        expect(drawer.get_by_test_id("drill-order")).to_have_attribute("data-number", first["number"])
        _close_drill(manager)
        # behind a clock's on-time rate: that clock's orders (the missed ones when any)
        clock, rate = next((c, r) for c, r in mine["clocks"].items() if r["met"] + r["missed"] > 0)
        row.get_by_test_id(f"appraisal-clock-{clock}-link").click()
        expect(drawer.get_by_test_id("drill-count")).to_have_attribute(
            "data-count", str(rate["missed"] or rate["met"]))
        _close_drill(manager)

        # the complaints and the ledger: the person's record of that month
        complaints = row.get_by_test_id("appraisal-complaints")
        expect(complaints).to_have_attribute("data-value", "1")
        expect(complaints).to_have_attribute("href", f"/people/{one['username']}?month={MONTH}")
        complaints.click()
        expect(manager.get_by_test_id("conduct-page")).to_have_attribute("data-username", one["username"])
        expect(manager.get_by_test_id("conduct-reward-total")).to_contain_text("¥88.00")
        manager.go_back()

        # sign-off: asked first, then frozen
        manager.get_by_test_id("appraisal-sign").click()
        dialog = manager.get_by_test_id("appraisal-sign-modal")
        expect(dialog).to_contain_text(f"{MONTH} 月度考核")
        expect(dialog).to_contain_text(f"作为调整计入之后的月份（最早 {NEXT}）")
        manager.get_by_test_id("appraisal-sign-confirm").click()
        expect(dialog).to_be_hidden()
        expect(manager.get_by_test_id("appraisal-state")).to_have_text("已签字")
        expect(manager.get_by_test_id("appraisal-signed-by")).to_contain_text("王强")
        expect(manager.get_by_test_id("appraisal-sign")).to_have_count(0)
        signed = _appraisal(api, MONTH)
        assert signed["state"] == "signed" and signed["signed_by"] == "sz_manager"
        expect(manager.get_by_test_id("appraisal-version")).to_contain_text(str(signed["version"]))

        # a complaint received in August judged valid after the sign-off: August stays as
        # signed, September shows the difference as an adjustment
        _judge_valid(api, pending)
        # the same figures after the refresh: asserted once its answer is on the page (the
        # button loads until then)
        refresh = manager.get_by_test_id("appraisal-refresh")
        with manager.expect_response(lambda r: "/api/technicians/appraisals?" in r.url
                                     and r.request.method == "GET" and f"month={MONTH}" in r.url):
            refresh.click()
        expect(refresh).not_to_have_class(re.compile(r"\bant-btn-loading\b"))
        expect(row.get_by_test_id("appraisal-complaints")).to_have_attribute("data-value", "1")
        manager.goto(f"/technicians/appraisals?month={NEXT}")
        expect(manager.get_by_test_id("appraisal")).to_have_attribute("data-month", NEXT)
        adjustments = manager.get_by_test_id("appraisal-adjustments")
        expect(adjustments).to_contain_text("已签字月份的调整")
        late = adjustments.locator(f"[data-testid='appraisal-adjustment'][data-username='{one['username']}']")
        expect(late).to_have_attribute("data-month", MONTH)
        expect(late.get_by_test_id("appraisal-adjustment-month")).to_have_text(MONTH)
        expect(late.get_by_test_id("appraisal-adjustment-valid_complaints")).to_have_text("有效投诉 +1")
        expect(adjustments.locator(f"[data-username='{two['username']}']")).to_have_count(0)

        # on a phone: a card per technician, the signed month, no sideways scrolling
        phone = page_factory(**PHONE)
        login(phone, "sz_manager", land=False)
        phone.goto(f"/technicians/appraisals?month={MONTH}")
        expect(phone.get_by_test_id("appraisal-state")).to_have_text("已签字")
        card = _row(phone, one["username"])
        expect(card.get_by_test_id("appraisal-completed")).to_have_attribute("data-value", "2")
        expect(card.get_by_test_id("appraisal-rewards")).to_have_text("¥88.00 (1)")
        assert no_horizontal_scroll(phone)
        card.get_by_test_id("appraisal-completed").click()
        expect(phone.get_by_test_id("kpi-drilldown").get_by_test_id("drill-order")).to_have_count(2)

        # a technician has no such page (they see their month on their own file)
        own = page_factory(**PHONE)
        login(own, one["username"])
        own.get_by_test_id("menu-toggle").click()
        expect(own.get_by_test_id("menu-myTechnicianFile")).to_be_visible()
        expect(own.get_by_test_id("menu-appraisal")).to_have_count(0)
        own.goto(f"/technicians/appraisals?month={MONTH}")
        expect(own.locator(".ant-result-403")).to_be_visible()


def test_head_office_in_english_signs_a_month_someone_else_signed_meanwhile(page_factory, api):
    month = "2024-10"
    with crew([4], outlet="SZ", tag="apr") as (tech,):
        customer = located_customer(api)
        with frozen(OCTOBER):
            order = _completed(api, customer, tech["username"], visit_score=5)

        office = page_factory(**DESKTOP)
        login(office, "hq_admin")
        office.evaluate("localStorage.setItem('fuwu.lang', 'en-US')")
        office.goto(f"/technicians/appraisals?outlet=SZ&month={month}")
        expect(office.get_by_test_id("appraisal")).to_have_attribute("data-month", month)
        expect(office.get_by_role("heading", name="Monthly appraisal")).to_be_visible()
        expect(office.get_by_test_id("appraisal-state")).to_have_text("Not signed")
        head = office.get_by_test_id("appraisal-table").locator("thead")
        for header in ("Orders completed", "On-time rate", "Satisfaction", "Valid complaints",
                       "Service allowance base"):
            expect(head).to_contain_text(header)
        row = _row(office, tech["username"])
        expect(row.get_by_test_id("appraisal-completed")).to_have_attribute("data-value", "1")
        row.get_by_test_id("appraisal-completed").click()
        drawer = office.get_by_test_id("kpi-drilldown")
        expect(drawer.get_by_test_id("drill-order")).to_have_attribute("data-number", order["number"])
        _close_drill(office)

        # the outlet's manager signs first (as read by head office: version 0, the same figures)
        seen = _appraisal(api, month, "hq_admin", "SZ")
        first = api.post("/api/technicians/appraisals/sign", "sz_manager", {
            "outlet": "SZ", "month": month, "version": seen["version"], "digest": seen["digest"]})
        assert first.status == 200, first.body

        office.get_by_test_id("appraisal-sign").click()
        dialog = office.get_by_test_id("appraisal-sign-modal")
        expect(dialog).to_contain_text(f"Sign off: Shenzhen Service Station, appraisal of {month}")
        office.get_by_test_id("appraisal-sign-confirm").click()
        expect(office.locator(".ant-message")).to_contain_text("Someone else has signed this month off")
        expect(office.get_by_test_id("appraisal-state")).to_have_text("Signed")
        expect(office.get_by_test_id("appraisal-signed-by")).to_contain_text("Signed off by 王强")
        office.evaluate("localStorage.setItem('fuwu.lang', 'zh-CN')")


def test_one_persons_complaints_of_two_signed_months_adjust_each_month(page_factory, api):
    with crew([3, 3], outlet="SZ", tag="apm") as (one, two):
        with frozen(APRIL):
            april = _complaint(api, one["username"])
            _valid_complaint(api, two["username"])  # judged in its month: counted when signed
        with frozen(MAY):
            may = [_complaint(api, one["username"]), _complaint(api, one["username"])]
        _sign(api, "2024-04")
        _sign(api, "2024-05")
        # judged after both sign-offs: valid, each in the month it was received
        _judge_valid(api, april)
        for complaint in may:
            _judge_valid(api, complaint)
        late = {(a["month"], a["username"]): a for a in _appraisal(api, "2024-06")["adjustments"]}
        assert {k for k in late if k[1] in (one["username"], two["username"])} == {
            ("2024-04", one["username"]), ("2024-05", one["username"])}

        manager = page_factory(**DESKTOP)
        login(manager, "sz_manager", land=False)
        manager.goto("/technicians/appraisals?month=2024-06")
        expect(manager.get_by_test_id("appraisal")).to_have_attribute("data-month", "2024-06")
        adjustments = manager.get_by_test_id("appraisal-adjustments")
        mine = adjustments.locator(
            f"[data-testid='appraisal-adjustment'][data-username='{one['username']}']")
        expect(mine).to_have_count(2)
        for month, added in (("2024-04", 1), ("2024-05", 2)):
            entry = adjustments.locator(f"[data-testid='appraisal-adjustment']"
                                        f"[data-username='{one['username']}'][data-month='{month}']")
            expect(entry.get_by_test_id("appraisal-adjustment-month")).to_have_text(month)
            expect(entry.get_by_role("link")).to_have_text(one["name"])
            change = entry.get_by_test_id("appraisal-adjustment-valid_complaints")
            expect(change).to_have_text(f"有效投诉 +{added}")
            expect(change).to_have_attribute("data-value", str(added))
        # counted when signed: no adjustment for the other
        expect(adjustments.locator(f"[data-username='{two['username']}']")).to_have_count(0)
