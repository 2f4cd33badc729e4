"""Issue 16: training (培训) in the browser. A manager drafts the outlet's yearly plan and
approves it, records a session's attendance and scores (one passes and gets the session's
certificate, one is below the pass mark: 补考 pending, one is absent: a penalty proposed), and
approves the proposed penalty (it lands in the conduct record); the technician below the mark
reads their trainings and the pending 补考 on their own file on a 375 px phone. In English, head
office sets the pass mark and the absence fine (put back afterwards), plans a session in the
form, records it and dismisses an absence's penalty with a reason.
Each test brings its own technicians (and the Chinese one its session) through the API, and
reads the pass mark and the fine from the policy (so no other test's data or policy change
decides what it sees)."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from tests.e2e.helpers import choose, login, no_horizontal_scroll
from tests.e2e.test_job_classes import TABLE, _restore
from tests.workload_helpers import crew

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 768}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
BEIJING = ZoneInfo("Asia/Shanghai")  # the SZ outlet's zone: a session is held on its day
SESSIONS = "/api/technicians/training/sessions"


def _today() -> date:
    return datetime.now(BEIJING).date()


def _policy(api) -> tuple[int, int, dict]:
    """The pass mark, the absence fine (fen) and the certificate types as the table stands."""
    reply = api.get("/api/technicians/job-classes", "sz_manager")
    assert reply.status == 200, reply.body
    settings = reply.body["settings"]
    assert 1 <= settings["pass_mark"] <= 100, settings["pass_mark"]
    return settings["pass_mark"], settings["absence_fine_fen"], {
        t["code"]: t for t in settings["certificate_types"]}


def _session(api, user: str, people: list[dict], **fields) -> dict:
    """A session held today at SZ with these attendees (results not recorded yet)."""
    reply = api.post(SESSIONS, user, {
        "outlet": "SZ", "title": f"高处作业安全培训{uuid.uuid4().hex[:6]}",
        "held_on": _today().isoformat(), "place": "深圳网点培训室", "trainer": "王培训",
        "kind": "internal", "exam_kind": "exam", "attendees": [{"username": p["username"]}
                                                               for p in people], **fields})
    assert reply.status == 201, reply.body
    assert reply.body["state"] == "planned"
    return reply.body


def _yuan(fen: int) -> str:
    return f"¥{fen // 100:,}.{fen % 100:02d}"


def _score(page: Page, username: str, present: bool, score: int | None = None) -> None:
    row = page.get_by_test_id(f"attendee-{username}")
    row.get_by_test_id("attendee-present" if present else "attendee-absent").click()
    if present:
        field = row.get_by_test_id("attendee-score-input")
        field.fill(str(score))
        expect(field).to_have_value(str(score))
    else:
        expect(row.get_by_test_id("attendee-score-input")).to_be_disabled()


def test_a_manager_plans_records_results_and_approves_an_absence_penalty(page_factory, api):
    mark, fine, types = _policy(api)
    passing, failing = min(100, mark + 25), max(0, mark - 15)
    with crew([2, 2, 3], outlet="SZ", tag="trn") as people:
        top, low, away = people
        session = _session(api, "sz_manager", people, certificate_type="height",
                           validity_months=24)

        # 年度培训计划: drafted, then approved by the outlet's manager
        manager = page_factory(**DESKTOP)
        login(manager, "sz_manager")
        manager.get_by_test_id("menu-training").click()
        expect(manager).to_have_url(re.compile(r"/technicians/training"))
        manager.get_by_test_id("training-tab-plans").click()
        manager.get_by_test_id("plan-new").click()
        form = manager.get_by_test_id("plan-modal")
        expect(form).to_be_visible()
        objective = f"提高高处作业安全意识{uuid.uuid4().hex[:6]}"
        form.get_by_test_id("plan-objective").fill(objective)
        form.get_by_test_id("plan-content").fill("安全带使用、脚手架检查、应急处置")
        form.get_by_test_id("plan-audience").fill("全体维修技术员")
        form.get_by_test_id("plan-time").fill("每季度第一周")
        form.get_by_test_id("plan-place").fill("深圳网点培训室")
        form.get_by_test_id("plan-trainer").fill("厂家培训师")
        manager.get_by_test_id("plan-submit").click()
        expect(form).to_be_hidden()
        plan = manager.locator("[data-testid^='plan-row-']", has_text=objective)
        expect(plan).to_have_attribute("data-state", "draft")
        expect(plan.get_by_test_id("plan-state")).to_have_text("草稿")
        plan.get_by_test_id("plan-approve").click()
        manager.get_by_test_id("plan-approve-ok").click()
        expect(plan).to_have_attribute("data-state", "approved")
        expect(plan.get_by_test_id("plan-state")).to_have_text("已批准")
        expect(plan.get_by_test_id("plan-approved-by")).to_contain_text("批准")
        expect(plan.get_by_test_id("plan-edit")).to_have_count(0)
        plans = api.get(f"/api/technicians/training/plans?year={_today().year}", "sz_manager").body
        saved = [p for p in plans["items"] if p["objective"] == objective]
        assert [(p["outlet"], p["state"], p["approved_by"]) for p in saved] == [
            ("SZ", "approved", "sz_manager")]

        # 培训记录: the session (made through the API) opens its page
        manager.get_by_test_id("training-tab-sessions").click()
        row = manager.get_by_test_id(f"session-row-{session['id']}")
        expect(row).to_have_attribute("data-state", "planned")
        expect(row).to_contain_text("3 人")
        row.get_by_test_id("session-link").click()
        expect(manager).to_have_url(re.compile(f"/technicians/training/sessions/{session['id']}$"))
        expect(manager.get_by_test_id("session-title")).to_have_text(session["title"])
        expect(manager.get_by_test_id("session-certificate")).to_contain_text(
            types["height"]["name_zh"])
        expect(manager.get_by_test_id("record-hint")).to_have_attribute(
            "data-pass-mark", str(mark))
        expect(manager.get_by_test_id("record-hint")).to_contain_text(_yuan(fine))

        # attendance and scores: a score is needed of who was there
        _score(manager, top["username"], True, passing)
        _score(manager, low["username"], True, failing)
        manager.get_by_test_id(f"attendee-{away['username']}").get_by_test_id(
            "attendee-present").click()
        manager.get_by_test_id("record-submit").click()
        expect(manager.get_by_test_id(f"attendee-{away['username']}")).to_contain_text(
            "请填写成绩")
        _score(manager, away["username"], False)
        manager.get_by_test_id("record-submit").click()
        manager.get_by_test_id("record-confirm").click()

        # the results: passed (a certificate), retake (补考), absent (a proposed penalty)
        page = manager.get_by_test_id("session-page")
        expect(page).to_have_attribute("data-state", "recorded")
        passed = manager.get_by_test_id(f"attendee-{top['username']}")
        expect(passed).to_have_attribute("data-result", "passed")
        expect(passed.get_by_test_id("attendee-result")).to_have_text("合格")
        expect(passed.get_by_test_id("attendee-score")).to_have_text(str(passing))
        expect(passed.get_by_test_id("attendee-certificate")).to_be_visible()
        retake = manager.get_by_test_id(f"attendee-{low['username']}")
        expect(retake).to_have_attribute("data-result", "retake")
        expect(retake.get_by_test_id("attendee-result")).to_have_text("待补考")
        absent = manager.get_by_test_id(f"attendee-{away['username']}")
        expect(absent).to_have_attribute("data-result", "absent")
        expect(absent.get_by_test_id("attendee-proposal")).to_be_visible()
        expect(absent.get_by_test_id("attendee-proposal-state")).to_have_text("待审批")
        expect(manager.get_by_test_id("record-submit")).to_have_count(0)
        recorded = api.get(f"{SESSIONS}/{session['id']}", "sz_manager").body
        by_name = {a["username"]: a for a in recorded["attendees"]}
        assert [by_name[p["username"]]["result"] for p in people] == ["passed", "retake", "absent"]
        assert (by_name[top["username"]]["score"], by_name[low["username"]]["score"],
                by_name[away["username"]]["score"]) == (passing, failing, None)
        certificates = api.get(f"/api/technicians/{top['username']}", "sz_manager").body[
            "certificates"]
        assert [(c["type"], c["valid_from"], c["status"]) for c in certificates] == [
            ("height", _today().isoformat(), "valid")]
        proposal_id = by_name[away["username"]]["proposal_id"]
        assert proposal_id

        # 缺勤处罚建议: the manager approves it; it lands in the person's conduct record
        manager.get_by_test_id("session-back").click()
        manager.get_by_test_id("training-tab-proposals").click()
        proposal = manager.get_by_test_id(f"proposal-row-{proposal_id}")
        expect(proposal).to_contain_text(away["name"])
        expect(proposal).to_contain_text(session["title"])
        expect(proposal).to_contain_text(_yuan(fine))
        proposal.get_by_test_id("proposal-approve").click()
        manager.get_by_test_id("proposal-approve-ok").click()
        expect(proposal).to_have_count(0)
        manager.get_by_test_id("proposals-decided").click()
        decided = manager.get_by_test_id(f"proposal-row-{proposal_id}")
        expect(decided).to_have_attribute("data-state", "approved")
        file = api.get(f"/api/technicians/{away['username']}", "sz_manager").body
        assert file["month"]["penalties_fen"] == fine
        assert [(t["session_id"], t["result"], t["proposal_state"]) for t in file["trainings"]] == [
            (session["id"], "absent", "approved")]

        # the technician below the mark, on their phone: the training and the pending 补考
        phone = page_factory(**PHONE)
        login(phone, low["username"])
        phone.get_by_test_id("menu-toggle").click()
        phone.get_by_test_id("menu-myTechnicianFile").click()
        expect(phone).to_have_url(re.compile(r"/technicians/me$"))
        mine = phone.get_by_test_id(f"training-row-{session['id']}")
        expect(mine).to_have_attribute("data-result", "retake")
        expect(mine).to_contain_text(session["title"])
        expect(mine.get_by_test_id("training-score")).to_have_text(str(failing))
        retakes = phone.get_by_test_id("tech-retakes")
        expect(retakes).to_contain_text("待补考")
        expect(retakes.get_by_test_id(f"retake-{session['id']}")).to_contain_text(
            f"{session['title']}（{_today().isoformat()}）{failing} 分")
        # the session's page is for who runs training: no link to it here
        expect(mine.get_by_test_id("training-session-link")).to_have_count(0)
        assert no_horizontal_scroll(phone)
        refused = api.post(f"{SESSIONS}/{session['id']}/results", low["username"], {
            "version": recorded["version"], "results": []})
        assert refused.status == 403, refused.body


def test_head_office_sets_the_numbers_records_a_session_and_dismisses_a_penalty_in_english(
        page_factory, api):
    seen = api.get(TABLE, "hq_admin").body
    old_mark, old_fine, _types = _policy(api)
    mark = 70 if old_mark != 70 else 75
    fine = 8000 if old_fine != 8000 else 9000
    try:
        _numbers_and_session(page_factory, api, mark, fine)
    finally:
        _restore(api, seen["settings"])


def _numbers_and_session(page_factory, api, mark: int, fine: int) -> None:
    with crew([3, 2], outlet="SZ", tag="tre") as people:
        there, away = people

        # head office sets the pass mark and the absence fine in the job-class table
        office = page_factory(**DESKTOP)
        office.context.add_init_script(ENGLISH)
        login(office, "hq_admin", land=False)
        office.goto("/technicians/job-classes")
        version = int(office.get_by_test_id("job-classes-version").get_attribute("data-version"))
        office.get_by_test_id("pass-mark-input").fill(str(mark))
        office.get_by_test_id("absence-fine-input").fill(f"{fine // 100}")
        office.get_by_test_id("job-classes-save").click()
        expect(office.get_by_test_id("job-classes-version")).to_have_attribute(
            "data-version", str(version + 1))
        settings = api.get(TABLE, "hq_admin").body["settings"]
        assert (settings["pass_mark"], settings["absence_fine_fen"]) == (mark, fine)

        # a session of SZ planned in the form: its attendees among the outlet's technicians
        office.get_by_test_id("menu-training").click()
        choose(office, "training-outlet", "Shenzhen")
        office.get_by_test_id("session-new").click()
        form = office.get_by_test_id("session-modal")
        expect(form).to_be_visible()
        title = f"Refrigerant handling {uuid.uuid4().hex[:6]}"
        form.get_by_test_id("session-title").fill(title)
        held_on = form.get_by_test_id("session-held-on")
        held_on.click()
        held_on.fill(_today().isoformat())
        held_on.press("Tab")
        expect(held_on).to_have_value(_today().isoformat())
        form.get_by_test_id("session-place").fill("Shenzhen training room")
        form.get_by_test_id("session-trainer").fill("Factory trainer")
        for person in people:
            form.get_by_test_id("session-attendees").click()
            form.get_by_test_id("session-attendees").locator("input").fill(person["name"])
            office.locator(".ant-select-dropdown:visible .ant-select-item-option",
                           has_text=person["name"]).first.click()
            expect(form.get_by_test_id("session-attendees")).to_contain_text(person["name"])
        office.get_by_test_id("session-submit").click()
        expect(form).to_be_hidden()
        expect(office).to_have_url(re.compile(r"/technicians/training/sessions/ts_[0-9a-f]+$"))
        expect(office.get_by_test_id("session-title")).to_have_text(title)
        expect(office.get_by_test_id("session-state")).to_have_text("Results to record")
        session = api.get(f"{SESSIONS}/{office.url.rsplit('/', 1)[1]}", "hq_admin").body
        assert (session["outlet"], session["held_on"], session["kind"], session["exam_kind"],
                session["certificate_type"]) == ("SZ", _today().isoformat(), "internal", "exam",
                                                 None)
        assert sorted(a["username"] for a in session["attendees"]) == sorted(
            p["username"] for p in people)
        expect(office.get_by_test_id("record-hint")).to_contain_text(f"A score of {mark} or more passes")
        expect(office.get_by_test_id("session-certificate")).to_have_text("None")
        _score(office, there["username"], True, mark)  # the pass mark itself passes
        _score(office, away["username"], False)
        office.get_by_test_id("record-submit").click()
        office.get_by_test_id("record-confirm").click()
        expect(office.get_by_test_id("session-pass-mark")).to_have_text(str(mark))
        passed = office.get_by_test_id(f"attendee-{there['username']}")
        expect(passed.get_by_test_id("attendee-result")).to_have_text("Passed")
        expect(passed.get_by_test_id("attendee-certificate")).to_have_count(0)  # none named
        absent = office.get_by_test_id(f"attendee-{away['username']}")
        expect(absent.get_by_test_id("attendee-result")).to_have_text("Absent")
        expect(absent.get_by_test_id("attendee-proposal")).to_have_text("Penalty proposed")
        proposal_id = next(a["proposal_id"] for a in api.get(
            f"{SESSIONS}/{session['id']}", "hq_admin").body["attendees"]
            if a["username"] == away["username"])

        # the proposed penalty dismissed, with a reason: nothing enters the conduct record
        office.get_by_test_id("session-back").click()
        office.get_by_test_id("training-tab-proposals").click()
        proposal = office.get_by_test_id(f"proposal-row-{proposal_id}")
        expect(proposal).to_contain_text(_yuan(fine))
        proposal.get_by_test_id("proposal-dismiss").click()
        dialog = office.get_by_test_id("dismiss-modal")
        expect(dialog).to_be_visible()
        office.get_by_test_id("dismiss-submit").click()
        expect(dialog).to_contain_text("Why no penalty")  # a reason is required
        dialog.get_by_test_id("dismiss-reason").fill("On an emergency repair that day")
        office.get_by_test_id("dismiss-submit").click()
        expect(dialog).to_be_hidden()
        expect(proposal).to_have_count(0)
        office.get_by_test_id("proposals-decided").click()
        decided = office.get_by_test_id(f"proposal-row-{proposal_id}")
        expect(decided.get_by_test_id("proposal-state")).to_have_text("Dismissed")
        expect(decided).to_contain_text("On an emergency repair that day")
        file = api.get(f"/api/technicians/{away['username']}", "hq_admin").body
        assert file["month"]["penalties_fen"] == 0
        assert [t["proposal_state"] for t in file["trainings"]] == ["dismissed"]

        # the absent technician's file, in English: the training, no 补考 pending
        office.goto(f"/technicians/{away['username']}")
        mine = office.get_by_test_id(f"training-row-{session['id']}")
        expect(mine.get_by_test_id("training-result")).to_have_text("Absent")
        expect(mine.get_by_test_id("training-proposal-state")).to_have_text("Dismissed")
        expect(office.get_by_test_id("tech-retakes")).to_have_count(0)
