"""The complaint process through the API (issue 15 checks 1–4): recorded with a number, the 24 h
clock on 时限预警 and the order's timeline; judged (does not stand needs a reason and an
explanation); routed by head office's table; closing refused until every step is recorded; the
customer's "not satisfied" loops back to the solution step."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import customer_of, every_page, race
from tests.sla_helpers import frozen, shanghai

NOW = shanghai("2026-11-24T10:00:00")


def _record(api, user="sz_agent", **fields):
    body = {"kind": "service_attitude", "channel": "phone",
            "complainant": {"name": "陈先生", "phone": "13911112222"},
            "content": "技术员态度恶劣，与客户争吵", "demand": "道歉并退还上门费", **fields}
    return api.post("/api/complaints", user, body)


def _act(api, complaint, action, user, data=None, version=None):
    return api.act_on("/api/complaints", complaint, action, user, data, version)


# a moment no other test's clocks are due near: SZ's at-risk board holds only this test's
# (only the complaint is recorded then: an order dated later than today would come first in
# every other test's "newest orders" list)
QUIET = shanghai("2027-03-09T10:00:00")


@pytest.fixture
def sz_order(new_order):
    with frozen(NOW - timedelta(days=2)):
        return new_order("SZ")


def test_a_complaint_about_zhang_wei_gets_a_number_a_clock_and_a_timeline_entry(api, sz_order):
    with frozen(QUIET):
        made = _record(api, about={"staff": "sz_tech1", "order_id": sz_order["id"]})
        assert made.status == 201, made.body
        c = made.body
        assert c["number"].startswith("TS-SZ-20270309-")
        assert c["state"] == "registered" and c["outlet"] == "SZ"
        assert c["about"]["staff_name"] == "张伟"
        assert c["about"]["order_number"] == sz_order["number"]
        clock = next(k for k in c["clocks"] if k["name"] == "complaint")
        assert clock["status"] == "on_track"
        assert clock["due_at"] == "2027-03-10T02:00:00.000Z"  # 24 h after 10:00 Beijing
        board = api.get("/api/sla/at-risk?outlet=SZ&horizon_hours=25", "sz_manager").body
        row = next(r for r in board["items"] if r["subject_id"] == c["id"])
        assert row["subject_kind"] == "complaint" and row["number"] == c["number"]
        assert row["link"] == f"/complaints/{c['id']}"
        order = api.get(f"/api/work-orders/{sz_order['id']}", "sz_manager").body
        step = [e for e in order["events"] if e["action"] == "complaint_recorded"]
        assert step and step[0]["data"]["number"] == c["number"]
        assert api.get(f"/api/complaints/{c['id']}", "cd_agent").status == 404
        assert api.get(f"/api/complaints/{c['id']}", "cd_manager").status == 404
        assert api.get(f"/api/complaints/{c['id']}", "hq_admin").status == 200
        listed = every_page(api, "/api/complaints?outlet=SZ", "sz_agent")
        assert c["id"] in [x["id"] for x in listed]
        assert api.get("/api/complaints?outlet=SZ", "cd_agent").status == 404


def test_a_cd_agent_cannot_file_a_complaint_on_an_sz_order(api, sz_order):
    refused = _record(api, "cd_agent", about={"order_id": sz_order["id"]})
    assert refused.status == 400 and "about.order_id" in refused.error["fields"]


def test_does_not_stand_needs_a_reason_and_an_explanation_and_closes_unfounded(api):
    with frozen(NOW):
        c = _record(api, about={"staff": "sz_tech2"}).body
        bare = _act(api, c, "judge", "sz_manager", {"stands": False})
        assert bare.status == 400
        assert {"data.reason", "data.explanation"} <= set(bare.error["fields"])
        done = _act(api, c, "judge", "sz_manager", {
            "stands": False, "reason": "上门时间与客户约定一致，有签字记录",
            "explanation": {"text": "已电话向客户说明约定时间及签字记录", "channel": "phone"}})
        assert done.status == 200, done.body
        c = done.body
        assert c["state"] == "unfounded" and c["status"] == "done"
        assert c["judgement"]["explanation"]["channel"] == "phone"
        assert c["actions"] == []  # no penalty, no further step
        assert next(k for k in c["clocks"] if k["name"] == "complaint")["status"] == "met"
        penalty = _act(api, c, "decide_penalty", "sz_manager",
                       {"decision": "penalty", "penalty_kind": "fine", "amount_fen": 100})
        assert penalty.status == 409


def test_a_technician_cannot_judge_and_a_cd_manager_cannot_see_it(api):
    c = _record(api, about={"staff": "sz_tech2"}).body
    assert _act(api, c, "judge", "sz_tech1", {"stands": True}).status == 404  # not theirs to see
    assert _act(api, c, "judge", "sz_agent", {"stands": True}).status == 403
    assert _act(api, c, "judge", "cd_manager", {"stands": True}).status == 404


def test_a_complaint_about_the_manager_is_judged_by_head_office(api):
    c = _record(api, about={"staff": "sz_manager"}).body
    assert c["judged_by_head_office"] is True
    assert _act(api, c, "judge", "sz_manager", {"stands": True}).status == 403
    judged = _act(api, c, "judge", "hq_admin", {"stands": True})
    assert judged.status == 200 and judged.body["state"] == "in_progress"


def test_routing_follows_head_offices_table_and_new_complaints_follow_a_change(api):
    quality = _record(api, kind="quality", about={"staff": "sz_tech3"}).body
    routed = _act(api, quality, "judge", "sz_manager", {"stands": True}).body
    assert routed["route"]["department"] == "quality"
    assert routed["route"]["handled_by"] == "head_office"
    # the outlet manager no longer works it: head office's department does
    assert _act(api, routed, "record_cause", "sz_manager", {"cause": "x"}).status == 403
    for kind, department in (("transport", "logistics"), ("contract", "head_office"),
                             ("service_lateness", "outlet")):
        c = _record(api, kind=kind, about={"staff": "sz_tech3"}).body
        assert _act(api, c, "judge", "sz_manager", {"stands": True}).body["route"][
            "department"] == department
    settings = api.get("/api/complaints/settings", "hq_admin").body
    changed = {**settings["settings"], "routes": {**settings["settings"]["routes"],
                                                  "transport": "technical"}}
    try:
        assert api.call("PUT", "/api/complaints/settings", "sz_manager",
                        {"settings": changed, "version": settings["version"]}).status == 403
        saved = api.call("PUT", "/api/complaints/settings", "hq_admin",
                         {"settings": changed, "version": settings["version"]})
        assert saved.status == 200, saved.body
        stale = api.call("PUT", "/api/complaints/settings", "hq_admin",
                         {"settings": changed, "version": settings["version"]})
        assert stale.status == 409
        c = _record(api, kind="transport", about={"staff": "sz_tech3"}).body
        assert _act(api, c, "judge", "sz_manager", {"stands": True}).body["route"][
            "department"] == "technical"
        unknown = {**changed, "routes": {**changed["routes"], "contract": "nowhere"}}
        bad = api.call("PUT", "/api/complaints/settings", "hq_admin",
                       {"settings": unknown, "version": saved.body["version"]})
        assert bad.status == 400 and "settings.routes.contract" in bad.error["fields"]
    finally:
        now = api.get("/api/complaints/settings", "hq_admin").body
        api.call("PUT", "/api/complaints/settings", "hq_admin",
                 {"settings": settings["settings"], "version": now["version"]})


def test_closing_is_refused_until_every_step_and_not_satisfied_loops_back(api):
    with frozen(NOW):
        c = _record(api, about={"staff": "sz_tech2"}).body
        c = _act(api, c, "judge", "sz_manager", {"stands": True}).body
        early = _act(api, c, "close", "sz_manager", {"summary": "结案"})
        assert early.status == 409 and early.error["code"] == "complaint_incomplete"
        assert set(early.error["fields"]) == {"cause", "solution", "customer", "responsibility",
                                              "penalty", "improvement"}
        assert _act(api, c, "notify_customer", "sz_agent",
                    {"channel": "phone", "answer": "satisfied"}).status == 409
        c = _act(api, c, "record_cause", "sz_manager", {"cause": "技术员情绪失控"}).body
        c = _act(api, c, "propose_solution", "sz_manager", {"solution": "上门道歉"}).body
        c = _act(api, c, "approve_solution", "sz_manager").body
        assert c["solution"]["approved"] is True
        c = _act(api, c, "notify_customer", "sz_agent",
                 {"channel": "phone", "answer": "not_satisfied", "note": "要求退费"}).body
        assert c["loops"] == 1 and c["solution"]["approved"] is False
        assert "solution" in c["missing"] and "customer" in c["missing"]
        clock = next(k for k in c["clocks"] if k["name"] == "complaint")
        assert clock["status"] in ("on_track", "at_risk")  # it keeps running
    with frozen(NOW + timedelta(hours=2)):
        c = _act(api, c, "propose_solution", "sz_manager", {"solution": "道歉并退还上门费"}).body
        c = _act(api, c, "approve_solution", "sz_manager").body
        c = _act(api, c, "notify_customer", "sz_agent",
                 {"channel": "phone", "answer": "satisfied"}).body
        assert next(k for k in c["clocks"] if k["name"] == "complaint")["status"] == "met"
        bare = _act(api, c, "record_responsibility", "sz_manager", {"kind": "none"})
        assert bare.status == 400 and "data.reason" in bare.error["fields"]
        c = _act(api, c, "record_responsibility", "sz_manager",
                 {"kind": "department", "department": "outlet"}).body
        c = _act(api, c, "decide_penalty", "sz_manager",
                 {"decision": "none", "reason": "部门责任，已内部通报"}).body
        still = _act(api, c, "close", "sz_manager", {"summary": "结案"})
        assert still.status == 409 and set(still.error["fields"]) == {"improvement"}
        c = _act(api, c, "plan_improvement", "sz_manager", {
            "measure": "全员服务礼仪培训", "owner": "sz_support", "due_date": "2026-12-10"}).body
        improvement = next(k for k in c["clocks"] if k["name"] == "improvement")
        assert improvement["due_at"] == "2026-12-10T09:30:00.000Z"  # 17:30 Beijing
        closed = _act(api, c, "close", "sz_manager", {"summary": "已道歉退费，培训已安排"})
        assert closed.status == 200, closed.body
        c = closed.body
        assert c["state"] == "closed"
        assert "complete_improvement" in c["actions"]
        actions = [e["action"] for e in c["events"]]
        assert actions[:2] == ["create", "judge"] and actions[-1] == "close"
        assert actions.count("notify_customer") == 2
        assert _act(api, c, "complete_improvement", "sz_tech1",
                    {"result": "x"}).status in (403, 404)
        done = _act(api, c, "complete_improvement", "sz_support", {"result": "已完成培训"})
        assert done.status == 200, done.body
        assert done.body["improvement"]["done_at"]
        assert next(k for k in done.body["clocks"] if k["name"] == "improvement")[
            "status"] == "met"


def test_a_stale_version_is_refused(api):
    c = _record(api, about={"staff": "sz_tech2"}).body
    _act(api, c, "judge", "sz_manager", {"stands": True})
    again = _act(api, c, "judge", "sz_manager", {"stands": True})
    assert again.status == 409 and again.error["code"] == "stale_version"


def test_bad_input_names_the_field(api):
    bad = api.post("/api/complaints", "sz_agent", {"kind": "rude", "channel": "phone",
                                                    "complainant": {"name": "x"},
                                                    "content": "y"})
    assert bad.status == 400 and "kind" in bad.error["fields"]
    hq = api.post("/api/complaints", "hq_admin", {"kind": "quality", "channel": "phone",
                                                  "complainant": {"name": "x"},
                                                  "content": "y"})
    assert hq.status == 400 and "outlet" in hq.error["fields"]
    future = _record(api, received_at="2099-01-01T00:00:00Z")
    assert future.status == 400 and "received_at" in future.error["fields"]


# ---------------------------------------------------------------- hostile sequences (review)

def _valid(api, **fields):
    c = _record(api, about={"staff": "sz_tech2"}, **fields).body
    return _act(api, c, "judge", "sz_manager", {"stands": True}).body


def test_an_outlet_manager_cannot_hold_head_office_staff_responsible(api):
    c = _valid(api)
    refused = _act(api, c, "record_responsibility", "sz_manager",
                   {"kind": "person", "person": "hq_admin"})
    assert refused.status == 400 and "data.person" in refused.error["fields"]
    other = _act(api, c, "record_responsibility", "sz_manager",
                 {"kind": "person", "person": "cd_tech1"})
    assert other.status == 400 and "data.person" in other.error["fields"]


def test_a_warning_carries_no_amount_and_a_fine_needs_one(api):
    c = _valid(api)
    c = _act(api, c, "record_responsibility", "sz_manager",
             {"kind": "person", "person": "sz_tech2"}).body
    warning = _act(api, c, "decide_penalty", "sz_manager",
                   {"decision": "penalty", "penalty_kind": "warning", "amount_fen": 777700})
    assert warning.status == 400
    assert warning.error["fields"]["data.amount_fen"]
    fine = _act(api, c, "decide_penalty", "sz_manager",
                {"decision": "penalty", "penalty_kind": "fine"})
    assert fine.status == 400 and "data.amount_fen" in fine.error["fields"]
    # the same rule for a hand entry in the ledger
    hand = api.post("/api/staff/sz_tech2/ledger", "sz_manager", {
        "kind": "penalty", "penalty_kind": "demerit", "amount_fen": 500, "reason": "测试"})
    assert hand.status == 400 and "amount_fen" in hand.error["fields"]


def test_the_responsibility_cannot_change_once_the_penalty_is_decided(api):
    c = _valid(api)
    c = _act(api, c, "record_responsibility", "sz_manager",
             {"kind": "person", "person": "sz_tech2"}).body
    c = _act(api, c, "decide_penalty", "sz_manager",
             {"decision": "penalty", "penalty_kind": "warning", "reason": "口头警告"}).body
    changed = _act(api, c, "record_responsibility", "sz_manager",
                   {"kind": "none", "reason": "改为无责"})
    assert changed.status == 409 and changed.error["code"] == "penalty_decided"


def test_a_later_solution_must_be_answered_again_before_closing(api):
    c = _valid(api)
    c = _act(api, c, "record_cause", "sz_manager", {"cause": "原因"}).body
    c = _act(api, c, "propose_solution", "sz_manager", {"solution": "方案 A"}).body
    c = _act(api, c, "approve_solution", "sz_manager").body
    c = _act(api, c, "notify_customer", "sz_agent",
             {"channel": "phone", "answer": "satisfied"}).body
    again = _act(api, c, "notify_customer", "sz_agent",
                 {"channel": "phone", "answer": "not_satisfied"})
    assert again.status == 409 and again.error["code"] == "customer_answered"
    c = _act(api, c, "propose_solution", "sz_manager", {"solution": "方案 B"}).body
    c = _act(api, c, "approve_solution", "sz_manager").body
    assert "customer" in c["missing"]  # satisfied with A says nothing about B
    c = _act(api, c, "notify_customer", "sz_agent",
             {"channel": "phone", "answer": "not_satisfied"}).body
    clock = next(k for k in c["clocks"] if k["name"] == "complaint")
    assert clock["status"] in ("on_track", "at_risk", "breached")  # open again
    assert c["loops"] == 1


def test_a_complaint_about_the_manager_is_handled_by_head_office(api):
    c = _record(api, about={"staff": "sz_manager"}).body
    c = _act(api, c, "judge", "hq_admin", {"stands": True}).body
    assert c["route"]["handled_by"] == "head_office"
    mine = _act(api, c, "record_responsibility", "sz_manager", {"kind": "none", "reason": "x"})
    assert mine.status == 403
    queue = every_page(api, "/api/complaints?queue=head_office", "hq_admin")
    assert c["id"] in [x["id"] for x in queue]


def test_the_clock_counts_from_when_the_customer_complained(api):
    with frozen(NOW):
        c = _record(api, received_at="2026-11-23T02:00:00Z").body
        clock = next(k for k in c["clocks"] if k["name"] == "complaint")
        assert clock["due_at"] == "2026-11-24T02:00:00.000Z"
        assert clock["status"] == "breached"  # received 32 h ago


def test_complaints_cannot_belong_to_head_office_nor_name_another_outlets_customer(api):
    hq = api.post("/api/complaints", "hq_admin", {
        "kind": "quality", "channel": "phone", "complainant": {"name": "x"}, "content": "y",
        "outlet": "HQ"})
    assert hq.status == 400 and "outlet" in hq.error["fields"]
    cd = customer_of(api, "CD")
    other = _record(api, complainant={"name": "x", "customer_id": cd["id"]})
    assert other.status == 400 and "complainant.customer_id" in other.error["fields"]


def test_a_settings_change_is_kept_in_the_audit_trail(api):
    from chalicelib.modules.complaints import keys
    from chalicelib.modules.complaints.models import ComplaintSettingsChange

    current = api.get("/api/complaints/settings", "hq_admin").body
    saved = api.call("PUT", "/api/complaints/settings", "hq_admin",
                     {"settings": current["settings"], "version": current["version"]})
    assert saved.status == 200 and saved.body["version"] == current["version"] + 1
    change = ComplaintSettingsChange.get(keys.SETTINGS_PK,
                                         keys.settings_change_sk(saved.body["version"]))
    assert change.by == "hq_admin" and change.document == current["settings"]


def test_a_draft_registered_twice_at_once_gets_one_number(api, new_order):
    """The draft (as a return visit writes it) registered by two agents at the same moment."""
    from pynamodb.transactions import TransactWrite

    from chalicelib.kernel.store.base import connection
    from chalicelib.modules.complaints import usecases
    from chalicelib.modules.orders import public as orders

    with frozen(NOW - timedelta(days=1)):
        order = new_order("SZ")
    entries = usecases.draft_from_visit(orders.get_order(order["id"]), {
        "conduct": {"gifts": True}, "scores": {"overall": 4}}, 2, NOW)
    with TransactWrite(connection=connection()) as tx:
        for item, condition in entries:
            tx.save(item, condition=condition)
    draft = api.get(f"/api/complaints/visit-{order['id']}", "sz_manager").body
    replies = race(2, lambda: _act(api, draft, "register", "sz_agent"))
    assert sorted(r.status for r in replies) == [200, 409]
    done = api.get(f"/api/complaints/visit-{order['id']}", "sz_manager").body
    assert done["number"] and [e["action"] for e in done["events"]].count("register") == 1


def test_a_manager_neither_holds_himself_responsible_nor_clears_a_manager(api):
    c = _record(api, about={"staff": "sz_tech2"}).body
    c = _act(api, c, "judge", "sz_manager", {"stands": True}).body
    himself = _act(api, c, "record_responsibility", "sz_manager",
                   {"kind": "person", "person": "sz_manager"})
    assert himself.status == 403
    c = _act(api, c, "record_responsibility", "hq_admin",
             {"kind": "person", "person": "sz_manager"}).body
    assert "decide_penalty" in c["actions"]  # head office's page offers the decision
    managers = api.get(f"/api/complaints/{c['id']}", "sz_manager").body
    assert "decide_penalty" not in managers["actions"]  # the manager's does not
    cleared = _act(api, c, "decide_penalty", "sz_manager",
                   {"decision": "none", "reason": "自查无问题"})
    assert cleared.status == 403
    decided = _act(api, c, "decide_penalty", "hq_admin",
                   {"decision": "penalty", "penalty_kind": "warning", "reason": "管理失职"})
    assert decided.status == 200 and decided.body["penalty"]["person"] == "sz_manager"


def test_the_penalty_falls_on_the_person_held_responsible(api):
    c = _valid(api)
    c = _act(api, c, "record_responsibility", "sz_manager",
             {"kind": "person", "person": "sz_tech2"}).body
    other = _act(api, c, "decide_penalty", "sz_manager", {
        "decision": "penalty", "person": "sz_tech3", "penalty_kind": "fine",
        "amount_fen": 5000})
    assert other.status == 400 and "data.person" in other.error["fields"]


def test_head_office_staff_are_not_an_outlets_complaint(api):
    about_hq = api.post("/api/complaints", "hq_admin", {
        "kind": "service_attitude", "channel": "phone", "complainant": {"name": "x"},
        "content": "y", "about": {"staff": "hq_admin"}})
    assert about_hq.status == 400 and "about.staff" in about_hq.error["fields"]


def test_a_persons_record_shows_only_what_a_complaint_is_to_who_may_not_open_it(api):
    c = _record(api, about={"staff": "sz_tech3"}).body
    own = api.get("/api/staff/sz_tech3/record", "sz_tech3").body["complaints"]
    mine = next(x for x in own if x["id"] == c["id"])
    assert mine["openable"] is False and mine["complainant_name"] is None
    assert api.get(f"/api/complaints/{c['id']}", "sz_tech3").status == 404
    managers = api.get("/api/staff/sz_tech3/record", "sz_manager").body["complaints"]
    seen = next(x for x in managers if x["id"] == c["id"])
    assert seen["openable"] is True and seen["complainant_name"] == "陈先生"


def test_a_retried_recording_with_the_same_key_gives_the_first_complaint(api):
    """A phone that lost the answer sends the same form again with the same Idempotency-Key:
    the one complaint comes back, not a second nor a 409; the key on another form is a 409."""
    body = {"kind": "service_lateness", "channel": "phone",
            "complainant": {"name": "马女士", "phone": "13911113333"},
            "content": "约好九点上门，十一点才到", "demand": "说明原因"}
    key = {"Idempotency-Key": "complaint-retry-test-1"}
    first = api.post("/api/complaints", "sz_agent", body, headers=key)
    assert first.status == 201, first.body
    again = api.post("/api/complaints", "sz_agent", body, headers=key)
    assert again.status in (200, 201), again.body
    assert again.body["id"] == first.body["id"] and again.body["number"] == first.body["number"]
    other = api.post("/api/complaints", "sz_agent", {**body, "content": "另一件事"}, headers=key)
    assert other.status == 409, other.body
