"""Return visits can raise complaints (issue 15 check 8): the 顾客意见调查卡's conduct questions
on the return visit; a "yes" to "asked for gifts" drafts exactly one complaint against the
order's technician, a retried request makes no second; a low overall score drafts a service
quality complaint, a good one none; the draft is registered (numbered, its clock running) or
discarded with a reason."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import HAPPY_PATH, STEP_DATA, every_page
from tests.sla_helpers import frozen, shanghai

NOW = shanghai("2026-11-18T09:00:00")
UNTIL_ACCEPTED = HAPPY_PATH[:HAPPY_PATH.index("return_visit")]


def _visit(overall=5, **fields):
    scores = {**STEP_DATA["return_visit"]["scores"], "overall": overall}
    return {"channel": "phone", "scores": scores, **fields}


def _draft_id(order):
    return f"visit-{order['id']}"


def _board(api, user="sz_agent"):
    """SZ's open complaints, every page."""
    return every_page(api, "/api/complaints?outlet=SZ&status=open", user)


def _drafts_for(api, order):
    return [c for c in _board(api) if (c["about"] or {}).get("order_id") == order["id"]]


def _act(api, complaint, action, user, data=None):
    return api.act_on("/api/complaints", complaint, action, user, data)


@pytest.fixture
def accepted(new_order, walk):
    with frozen(NOW - timedelta(days=1)):
        return walk(new_order("SZ"), UNTIL_ACCEPTED)


def test_the_return_visit_form_takes_the_conduct_questions_and_suggestions(api):
    schema = next(a for a in api.get("/api/lifecycle", "sz_agent").body["actions"]
                  if a["name"] == "return_visit")["schema"]
    conduct = schema["properties"]["conduct"]
    assert set(conduct["properties"]) == {"gifts", "tips", "meals"}
    assert conduct["additionalProperties"] is False
    assert "suggestions" in schema["properties"]
    assert "conduct" not in schema["required"]


def test_a_yes_to_gifts_drafts_one_complaint_against_the_technician(api, accepted):
    data = _visit(conduct={"gifts": True, "tips": False, "meals": False},
                  suggestions="希望提前电话预约")
    with frozen(NOW):
        visited = api.act(accepted, "return_visit", "sz_agent", data)
        assert visited.status == 200, visited.body
        assert visited.body["return_visit"]["conduct"]["gifts"] is True
        assert visited.body["return_visit"]["suggestions"] == "希望提前电话预约"
        # the same request again (the version the agent saw): refused, and no second draft
        replay = api.act(accepted, "return_visit", "sz_agent", data)
        assert replay.status == 409

    drafts = _drafts_for(api, accepted)
    assert len(drafts) == 1
    draft = api.get(f"/api/complaints/{drafts[0]['id']}", "sz_manager").body
    assert draft["id"] == _draft_id(accepted)
    assert draft["state"] == "draft" and draft["number"] is None
    assert draft["kind"] == "service_solicitation" and draft["channel"] == "return_visit"
    assert draft["about"]["staff"] == "sz_tech1" and draft["about"]["staff_name"] == "张伟"
    assert draft["about"]["order_id"] == accepted["id"]
    assert draft["source"] == {"kind": "return_visit", "id": accepted["id"],
                               "number": accepted["number"]}
    assert draft["complainant"]["name"] == accepted["customer_name"]
    assert "是否索要礼品/钱物" in draft["content"]
    assert draft["demand"] == "希望提前电话预约"
    assert draft["clocks"] == []  # no clock until it is registered
    assert [e["action"] for e in draft["events"]] == ["draft_from_visit"]
    assert set(draft["actions"]) == {"register", "discard"}
    # another outlet does not see it
    assert api.get(f"/api/complaints/{draft['id']}", "cd_agent").status == 404

    with frozen(NOW + timedelta(hours=1)):
        registered = _act(api, draft, "register", "sz_agent", {"note": "已与客户核实"})
        assert registered.status == 200, registered.body
        c = registered.body
        assert c["state"] == "registered" and c["number"].startswith("TS-SZ-20261118-")
        clock = next(k for k in c["clocks"] if k["name"] == "complaint")
        assert clock["status"] == "on_track"
        # 24 h from the visit (09:00 Beijing), when the customer said it, not from the register
        assert clock["due_at"] == "2026-11-19T01:00:00.000Z"
        assert [e["action"] for e in c["events"]] == ["draft_from_visit", "register"]


def test_a_low_overall_score_drafts_a_service_quality_complaint(api, accepted):
    with frozen(NOW):
        visited = api.act(accepted, "return_visit", "sz_agent",
                          _visit(overall=2, conduct={"gifts": False, "tips": False,
                                                     "meals": False}, comments="修完又坏了"))
        assert visited.status == 200, visited.body
    drafts = _drafts_for(api, accepted)
    assert [d["kind"] for d in drafts] == ["service_quality"]
    assert drafts[0]["state"] == "draft" and drafts[0]["about"]["staff"] == "sz_tech1"
    draft = api.get(f"/api/complaints/{drafts[0]['id']}", "sz_manager").body
    # a draft is discarded by the manager only, and only with a reason
    assert _act(api, draft, "discard", "sz_agent", {"reason": "误报"}).status == 403
    bare = _act(api, draft, "discard", "sz_manager", {})
    assert bare.status == 400 and "data.reason" in bare.error["fields"]
    discarded = _act(api, draft, "discard", "sz_manager", {"reason": "客户确认是误操作，已解释"})
    assert discarded.status == 200, discarded.body
    assert discarded.body["state"] == "discarded" and discarded.body["number"] is None
    assert discarded.body["discarded"]["reason"] == "客户确认是误操作，已解释"
    assert not _drafts_for(api, accepted)  # off the open board


def test_a_good_visit_with_no_yes_drafts_nothing(api, accepted):
    with frozen(NOW):
        visited = api.act(accepted, "return_visit", "sz_agent",
                          _visit(overall=4, conduct={"gifts": False, "tips": False,
                                                     "meals": False}))
        assert visited.status == 200, visited.body
    assert _drafts_for(api, accepted) == []
    assert api.get(f"/api/complaints/{_draft_id(accepted)}", "sz_manager").status == 404


def test_an_unknown_conduct_question_is_refused(api, accepted):
    refused = api.act(accepted, "return_visit", "sz_agent", _visit(conduct={"bribes": True}))
    assert refused.status == 400, refused.body
    refused = api.act(accepted, "return_visit", "sz_agent", _visit(conduct={"gifts": "yes"}))
    assert refused.status == 400, refused.body
