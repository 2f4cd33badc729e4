"""One contract (issue 11, item 6), through the API: the kernel validates every request body
against the schema the document publishes, in a fixed order (401, then the permission's 403 or
404, then 400), and what the API answers is what the document describes, field by field.

Every reply of `api` is checked against the document (tests/openapi_check.py); the tests here
make sure the richest shapes occur (an order on hold, every step recorded, clock explanations,
counts per type) and that the checker refuses what the document does not allow.
"""

from __future__ import annotations

import copy

import pytest

from tests.conftest import HAPPY_PATH, STEP_DATA, customer_of
from tests.openapi_check import check_response
from tests.sla_helpers import frozen, minutes, shanghai

# ---------------------------------------------------------------- requests


def test_a_body_is_checked_after_the_token_and_the_permission(api):
    bad = {"name": 1}
    assert api.post("/api/customers", None, bad).status == 401
    assert api.post("/api/customers", "sz_tech1", bad).status == 403  # technicians never write
    reply = api.post("/api/customers", "sz_agent", bad)
    assert reply.status == 400 and set(reply.error["fields"]) == {"name", "phone"}


def test_an_unknown_action_is_named_before_its_body(api, new_order):
    order = new_order()
    reply = api.post(f"/api/work-orders/{order['id']}/actions/teleport", "sz_manager",
                     {"version": "one"})
    assert reply.status == 400 and reply.error["code"] == "unknown_action"
    assert set(reply.error["fields"]) == {"action"}
    reply = api.post(f"/api/work-orders/{order['id']}/actions/dispatch", "sz_manager",
                     {"version": "one"})
    assert reply.status == 400 and reply.error["code"] == "validation_error"
    assert set(reply.error["fields"]) == {"version"}


def test_the_text_rule_the_document_publishes_is_reported_as_before(api):
    """A line break in a one-line field breaks the published pattern; it is reported as the
    text rule, with the message a control character gets."""
    for language in ("zh-CN", "en"):
        replies = [api.post("/api/customers", "sz_agent", {"name": name, "phone": "13800000000"},
                            headers={"Accept-Language": language})
                   for name in ("两行\n公司", "a\tb", "a\u0007b")]
        assert {r.status for r in replies} == {400}
        assert len({r.error["fields"]["name"] for r in replies}) == 1


def test_a_policy_is_named_from_inside_it_as_the_policy_form_expects(api):
    version = api.get("/api/sla/policy?outlet=CD", "hq_admin").body["override_version"]
    reply = api.call("PUT", "/api/sla/policy/outlets/CD", "hq_admin", {
        "version": version, "policy": {"levels": [{"name": "Bad Name", "notify": []}]}})
    assert reply.status == 400
    assert {"levels.0.name", "levels.0.notify"} <= set(reply.error["fields"])
    not_a_policy = api.call("PUT", "/api/sla/policy/outlets/CD", "hq_admin",
                            {"version": version, "policy": 3})
    assert not_a_policy.status == 400 and set(not_a_policy.error["fields"]) == {"policy"}


@pytest.mark.parametrize("query,field", [("metric=received", "month"),
                                         ("month=2026-01", "metric")])
def test_a_required_query_parameter_missing_is_400_naming_it(api, query, field):
    reply = api.get(f"/api/kpi/orders?{query}", "hq_admin")
    assert reply.status == 400 and field in reply.error["fields"]


def test_the_session_header_is_checked_after_the_body(api):
    bad = api.post("/api/auth/login", None, {"username": "x"})
    assert bad.status == 400 and set(bad.error["fields"]) == {"password"}
    missing = api.post("/api/auth/login", None, {"username": "x", "password": "y"})
    assert missing.status == 400 and set(missing.error["fields"]) == {"X-Fuwu-Session"}
    wrong = api.post("/api/auth/refresh", None, headers={"X-Fuwu-Session": "2"})
    assert wrong.status == 400 and set(wrong.error["fields"]) == {"X-Fuwu-Session"}
    assert api.post("/api/auth/logout", None, headers={"X-Fuwu-Session": "1"}).status == 204


# ---------------------------------------------------------------- responses


def test_the_checker_refuses_what_the_document_does_not_say(api, new_order):
    order = new_order()
    path = f"/api/work-orders/{order['id']}"
    check_response("GET", path, 200, order)
    for change in (lambda o: o.update(extra=1), lambda o: o.update(state="lost"),
                   lambda o: o.update(hold={"reason": "x"}),
                   lambda o: o["events"][0]["actor"].update(role="boss"),
                   lambda o: o["clocks"][0].update(target={})):
        wrong = copy.deepcopy(order)
        change(wrong)
        with pytest.raises(AssertionError):
            check_response("GET", path, 200, wrong)


def test_an_order_with_every_kind_of_record_matches_the_document(api, new_order, walk):
    """Hold, every step, each kind of clock explanation, evidence events: each reply is checked
    against the document by `api`; here they are made to be there."""
    start = shanghai("2025-07-07 09:00")  # a Monday
    with frozen(start):
        order = walk(new_order(), ["dispatch"])
        order = api.act(order, "correct_distance", "sz_agent",
                        {"distance_km": 30, "reason": "客户告知距离"}).body
        order = api.act(order, "extend_clock", "sz_manager", {
            "clock": "contact", "minutes": 15, "reason": "客户在开会"}).body
    with frozen(start + minutes(5)):
        order = walk(order, ["hold"])
    assert order["hold"]["kind"] == "parts" and order["hold"]["previous_state"] == "dispatched"
    with frozen(start + minutes(30)):
        order = walk(order, ["resume"])
    order = walk(order, HAPPY_PATH[1:])
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert detail["hold"] is None and all(detail[step] for step in (
        "dispatch", "contact", "arrival", "survey", "plan", "approval", "completion",
        "acceptance", "return_visit", "archive"))
    assert detail["dispatch"]["technician_name"] and detail["dispatch"]["by"] == "sz_manager"
    explained = {part: any(c["explanation"][part] for c in detail["clocks"])
                 for part in ("skipped", "pauses", "extensions", "adjustments")}
    assert explained == {"skipped": True, "pauses": True, "extensions": True, "adjustments": True}
    actions = {e["action"] for e in detail["events"]}
    assert {"create", "hold", "attachment_added", "report_issued"} <= actions


def test_the_figures_and_boards_match_the_document(api, new_order, walk):
    walk(new_order(), ["dispatch"])
    summary = api.get("/api/kpi/summary?scope=SZ", "hq_admin").body
    assert summary["months"][-1]["received"]["by_type"].get("repair", 0) >= 1
    assert set(summary["months"][-1]["sla"]) == {"response", "contact", "arrival", "repair",
                                                 "return_visit"}
    month = summary["months"][-1]["month"]
    drill = api.get(f"/api/kpi/orders?scope=SZ&month={month}&metric=received", "hq_admin").body
    assert drill["items"] and drill["items"][0]["type"] == "repair"
    for path, user in (("/api/sla/at-risk?horizon_hours=336", "sz_manager"),
                       ("/api/sla/policy?outlet=SZ", "sz_manager"),
                       ("/api/sla/calendar?year=2026", "sz_agent"), ("/api/lifecycle", "sz_agent"),
                       ("/api/notifications", "sz_manager"), ("/api/me", "sz_agent"),
                       ("/api/outlets", "hq_admin"), ("/api/staff?outlet=SZ", "sz_manager"),
                       (f"/api/customers/{customer_of(api, 'SZ')['id']}", "sz_agent")):
        assert api.get(path, user).status == 200, path  # and checked against the document


def test_every_action_of_the_lifecycle_table_has_its_data_schema(api):
    table = api.get("/api/lifecycle", "sz_agent").body
    assert {a["name"] for a in table["actions"]} >= set(STEP_DATA)
