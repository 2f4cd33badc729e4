"""Every lifecycle action through the API: data recorded, timeline written, rules enforced."""

from __future__ import annotations

import pytest

from tests.conftest import HAPPY_PATH, STEP_DATA


def test_recording_feedback_creates_a_numbered_received_order_with_a_first_event(new_order):
    order = new_order(priority="urgent", description="冷水机组报高压故障")
    assert order["state"] == "received" and order["version"] == 1
    assert order["number"].startswith("SZ-") and len(order["number"]) == len("SZ-20261123-0007")
    assert order["customer_name"] == "测试客户SZ" and order["site_name"] == "一号厂区"
    assert [(e["action"], e["actor"]["username"], e["to_state"]) for e in order["events"]] == [
        ("create", "sz_agent", "received")]


def test_order_numbers_are_unique_and_consecutive_per_outlet(new_order):
    first, second = new_order(), new_order()
    prefix_a, seq_a = first["number"].rsplit("-", 1)
    prefix_b, seq_b = second["number"].rsplit("-", 1)
    assert prefix_a == prefix_b and int(seq_b) == int(seq_a) + 1
    assert new_order("CD")["number"].startswith("CD-")


def test_walk_from_feedback_to_archive_records_every_step_on_the_timeline(new_order, walk):
    order = walk(new_order(), HAPPY_PATH)
    assert order["state"] == "archived"
    # the evidence the walk uploads, and the report the acceptance issues, are on the timeline
    # between the steps (they do not change the order's version)
    assert [e["action"] for e in order["events"]] == [
        "create", *HAPPY_PATH[:6], "attachment_added", "complete", "attachment_added", "accept",
        "report_issued", "return_visit", "archive"]
    steps = [e for e in order["events"]
             if e["action"] not in ("attachment_added", "report_issued")]
    assert [e["actor"]["username"] for e in steps] == [
        "sz_agent", "sz_manager", "sz_tech1", "sz_tech1", "sz_tech1", "sz_tech1", "sz_manager",
        "sz_tech1", "sz_tech1", "sz_agent", "sz_manager"]
    assert [e["version"] for e in steps] == list(range(1, 12))
    assert order["technician"] == "sz_tech1" and order["technician_name"] == "张伟"
    assert order["helpers"] == ["sz_tech2"]
    assert order["survey"]["cause"] == "接触器烧蚀" and order["survey"]["by"] == "sz_tech1"
    assert order["return_visit"]["scores"]["overall"] == 5
    assert order["completion"]["parts_replaced"] == [{"name": "接触器 CJX2-25", "quantity": 1}]
    assert order["allowed_actions"] == []
    timeline = order["events"]
    assert all(a["at"] <= b["at"] for a, b in zip(timeline, timeline[1:], strict=False))
    assert timeline[1]["from_state"] == "received" and timeline[1]["to_state"] == "dispatched"


def test_plan_rejection_goes_back_to_planning_and_a_new_plan_can_be_approved(new_order, walk):
    order = walk(new_order(), HAPPY_PATH[:5] + ["reject_plan"])
    assert order["state"] == "surveyed" and order["approval"]["comment"] == "补充安全措施"
    order = walk(order, ["submit_plan", "approve_plan"])
    assert order["state"] == "in_repair"


def test_a_plan_that_changes_mid_repair_goes_back_for_approval(new_order, walk):
    order = walk(new_order(), HAPPY_PATH[:6] + ["revise_plan"])
    assert order["state"] == "plan_submitted" and order["plan"]["estimated_hours"] == 4


def test_objection_sends_the_order_to_rework_until_accepted(new_order, walk):
    order = walk(new_order(), HAPPY_PATH[:7] + ["object"])
    assert order["state"] == "rework" and order["objection"]["reason"] == "仍有异响"
    order = walk(order, ["complete", "accept"])
    assert order["state"] == "accepted"


def test_agent_may_record_acceptance_and_objection(new_order, walk, api):
    order = walk(new_order(), HAPPY_PATH[:7])
    reply = api.act(order, "object", "sz_agent", STEP_DATA["object"])
    assert reply.status == 200 and reply.body["state"] == "rework"


def test_hold_pauses_with_a_reason_and_resume_returns_to_the_same_step(new_order, walk):
    order = walk(new_order(), HAPPY_PATH[:3] + ["hold"])
    assert order["state"] == "on_hold"
    assert order["hold"]["reason"] == "等待配件" and order["hold"]["previous_state"] == "on_site"
    order = walk(order, ["resume"])
    assert order["state"] == "on_site" and order["hold"] is None
    assert order["events"][-1]["data"]["on_hold_since"] == order["events"][-2]["at"]


def test_cancel_needs_a_reason_and_ends_the_order(new_order, walk, api):
    order = new_order()
    missing = api.act(order, "cancel", "sz_manager", {})
    assert missing.status == 400 and "data.reason" in missing.error["fields"]
    order = walk(order, ["dispatch", "cancel"])
    assert order["state"] == "cancelled" and order["cancel_reason"] == "客户取消"
    assert api.act(order, "resume", "sz_manager", STEP_DATA["resume"]).status == 409


def test_reassign_changes_the_technician(new_order, walk, api):
    order = walk(new_order(), ["dispatch", "reassign"])
    assert order["technician"] == "sz_tech2" and order["state"] == "dispatched"
    # the former technician no longer sees it, the new one does
    assert api.get(f"/api/work-orders/{order['id']}", "sz_tech1").status == 404
    assert api.get(f"/api/work-orders/{order['id']}", "sz_tech2").status == 200


def test_dispatch_refuses_a_technician_of_another_outlet_or_another_role(new_order, api):
    order = new_order()
    for name in ("cd_tech1", "sz_agent", "nobody"):
        reply = api.act(order, "dispatch", "sz_manager", {"technician": name})
        assert reply.status == 400 and "data.technician" in reply.error["fields"]
    reply = api.act(order, "dispatch", "sz_manager", {"technician": "sz_tech1",
                                                      "helpers": ["sz_tech1"]})
    assert reply.status == 400 and "data.helpers.0" in reply.error["fields"]


def test_check_in_time_in_the_future_is_refused(new_order, walk, api):
    order = walk(new_order(), ["dispatch", "contact"])
    reply = api.act(order, "check_in", "sz_tech1", {"arrived_at": "2099-01-01T00:00:00Z"})
    assert reply.status == 400 and reply.error["fields"] == {"data.arrived_at": "时间不能晚于当前时间"}


def test_action_not_allowed_in_the_current_state_is_409_and_changes_nothing(new_order, api):
    order = new_order()
    reply = api.act(order, "complete", "sz_manager", STEP_DATA["complete"])
    assert reply.status == 403  # managers never complete repairs
    reply = api.act(order, "archive", "sz_manager")
    assert reply.status == 409 and reply.error["code"] == "invalid_transition"
    after = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert after["version"] == 1 and len(after["events"]) == 1


def test_unknown_action_is_400(new_order, api):
    reply = api.act(new_order(), "teleport", "sz_manager")
    assert reply.status == 400 and reply.error["code"] == "unknown_action"


def test_stale_version_is_409_with_the_current_order_and_nothing_changes(new_order, walk, api):
    order = new_order()
    moved = walk(order, ["dispatch"])
    reply = api.act(order, "cancel", "sz_manager", STEP_DATA["cancel"])  # still version 1
    assert reply.status == 409 and reply.error["code"] == "stale_version"
    assert reply.body["current"]["state"] == "dispatched" and reply.body["current"]["version"] == 2
    after = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert after["state"] == "dispatched" and after["version"] == moved["version"]
    assert len(after["events"]) == 2


@pytest.mark.parametrize("body,field", [
    ({"data": {}}, "version"),
    ({"version": "1", "data": {}}, "version"),
    ({"version": 1, "data": []}, "data"),
    ({"version": 1, "data": {"technician": 7}}, "data.technician"),
    ({"version": 1, "data": {"technician": "sz_tech1", "helpers": "sz_tech2"}}, "data.helpers"),
    ({"version": 1, "data": {"technician": "x" * 65}}, "data.technician"),
    ({"version": 1, "data": {"technician": "sz_tech1", "note": "x"}}, "data.note"),
    ({"version": 1, "data": {}, "extra": True}, "extra"),
])
def test_bad_action_input_is_400_naming_the_field(new_order, api, body, field):
    order = new_order()
    reply = api.post(f"/api/work-orders/{order['id']}/actions/dispatch", "sz_manager", body)
    assert reply.status == 400 and reply.error["code"] == "validation_error"
    assert field in reply.error["fields"], reply.error


def test_oversized_text_is_400(new_order, walk, api):
    order = walk(new_order(), HAPPY_PATH[:3])
    data = {**STEP_DATA["survey"], "findings": "很" * 2001}
    reply = api.act(order, "survey", "sz_tech1", data)
    assert reply.status == 400
    assert reply.error["fields"] == {"data.findings": "过长（最多 2000 个字符）"}


def test_scores_must_be_integers_from_1_to_5(new_order, walk, api):
    order = walk(new_order(), HAPPY_PATH[:8])
    data = {"channel": "phone", "scores": {**STEP_DATA["return_visit"]["scores"], "overall": 6}}
    reply = api.act(order, "return_visit", "sz_agent", data)
    assert reply.status == 400 and "data.scores.overall" in reply.error["fields"]


def test_body_that_is_not_json_is_400(new_order, api):
    order = new_order()
    reply = api.call("POST", f"/api/work-orders/{order['id']}/actions/dispatch", "sz_manager",
                     raw=b"{not json")
    assert reply.status == 400 and reply.error["fields"] == {"body": "无效"}


def test_errors_follow_accept_language(new_order, api):
    order = new_order()
    reply = api.post(f"/api/work-orders/{order['id']}/actions/dispatch", "sz_manager",
                     {"version": 1, "data": {}}, headers={"Accept-Language": "en-US"})
    assert reply.error["fields"] == {"data.technician": "is required"}
    assert reply.error["message"] == "Invalid input; see the marked fields"


def test_allowed_actions_follow_the_caller(new_order, walk, api):
    order = walk(new_order(), ["dispatch"])
    path = f"/api/work-orders/{order['id']}"
    # (the coverage and the quote: tests/api/test_coverage.py, test_quotes.py; a decision on
    # the quote is offered only where the quote stands for it — without one, none)
    mine = {"set_components", "record_exclusion", "remove_exclusion", "override_coverage",
            "quote"}

    def allowed(user):
        return [a for a in api.get(path, user).body["allowed_actions"] if a not in mine]

    assert allowed("sz_tech1") == ["contact", "hold"]
    assert allowed("sz_manager") == ["reassign", "hold", "cancel", "extend_clock",
                                     "correct_distance"]
    assert allowed("sz_agent") == ["cancel", "correct_distance"]
    assert api.get(path, "hq_admin").body["allowed_actions"] == []


def test_each_action_is_refused_to_roles_not_in_the_table(new_order, walk, api):
    order = walk(new_order(), HAPPY_PATH[:4])  # surveyed
    for user in ("sz_agent", "sz_warehouse", "hq_admin", "sz_tech3"):
        reply = api.act(order, "submit_plan", user, STEP_DATA["submit_plan"])
        expected = 404 if user == "sz_tech3" else 403  # not assigned: cannot see the order
        assert reply.status == expected, (user, reply.body)
    assert api.act(order, "submit_plan", "sz_support", STEP_DATA["submit_plan"]).status == 200


def test_helper_may_act_as_an_assignee(new_order, walk, api):
    order = walk(new_order(), ["dispatch"])
    reply = api.act(order, "contact", "sz_tech2", STEP_DATA["contact"])
    assert reply.status == 200 and reply.body["events"][-1]["actor"]["username"] == "sz_tech2"

