"""The conduct ledger (奖惩台账) through the API (issue 15 check 5): a complaint's 200元 fine lands
in 张伟's ledger for its month; a second complaint on the same issue within 90 days is flagged
重复反映 with 400元 proposed; a person's record is read by themself, their outlet's managers and
head office only; managers and head office enter rewards and penalties, never in their own
ledger."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.sla_helpers import frozen, shanghai

NOW = shanghai("2026-11-05T10:00:00")
KIND = "service_charges"  # 收费问题: no other test complains of it about 张伟


def _record(api, order, **fields):
    body = {"kind": KIND, "channel": "phone",
            "complainant": {"name": "陈先生", "phone": "13911112222"},
            "content": "技术员私下多收上门费", "demand": "退还多收的费用",
            "about": {"staff": "sz_tech1", "order_id": order["id"]}, **fields}
    made = api.post("/api/complaints", "sz_agent", body)
    assert made.status == 201, made.body
    return made.body


def _act(api, complaint, action, user, data=None):
    reply = api.act_on("/api/complaints", complaint, action, user, data)
    assert reply.status == 200, (action, reply.body)
    return reply.body


def _record_of(api, user, month="2026-11", username="sz_tech1"):
    return api.get(f"/api/staff/{username}/record" + (f"?month={month}" if month else ""), user)


def _totals_match(record):
    entries = record["entries"]
    assert record["totals"] == {
        "penalty_fen": sum(e["amount_fen"] for e in entries if e["kind"] == "penalty"),
        "reward_fen": sum(e["amount_fen"] for e in entries if e["kind"] == "reward")}


@pytest.fixture
def sz_order(new_order):
    with frozen(NOW - timedelta(days=1)):
        return new_order("SZ")


def test_a_200_yuan_fine_lands_in_zhang_weis_ledger_and_a_repeat_proposes_400(api, sz_order):
    with frozen(NOW):
        first = _record(api, sz_order)
        assert first["repeat"] is False
        first = _act(api, first, "judge", "sz_manager", {"stands": True})
        first = _act(api, first, "record_responsibility", "sz_manager",
                     {"kind": "person", "person": "sz_tech1"})
        assert first["penalty_proposal"]["amount_fen"] == 20000  # the service group's base
        first = _act(api, first, "decide_penalty", "sz_manager", {
            "decision": "penalty", "penalty_kind": "fine", "amount_fen": 20000,
            "reason": "私下收费，罚款 200 元"})
        assert first["penalty"]["month"] == "2026-11"

        record = _record_of(api, "sz_manager")
        assert record.status == 200, record.body
        body = record.body
        assert body["person"] == {"username": "sz_tech1", "name": "张伟", "outlet": "SZ",
                                  "role": "technician"}
        assert body["month"] == "2026-11"
        entry = next(e for e in body["entries"] if e["source"]["id"] == first["id"])
        assert entry["kind"] == "penalty" and entry["penalty_kind"] == "fine"
        assert entry["amount_fen"] == 20000 and entry["month"] == "2026-11"
        assert entry["source"] == {"kind": "complaint", "id": first["id"],
                                   "number": first["number"]}
        assert entry["by"] == "sz_manager" and entry["at"] == "2026-11-05T02:00:00.000Z"
        assert body["totals"]["penalty_fen"] >= 20000
        _totals_match(body)
        assert first["id"] in [c["id"] for c in body["complaints"]]
        # the default month is this month at the person's outlet
        assert _record_of(api, "sz_manager", month=None).body["month"] == "2026-11"
        # nothing of it in another month
        october = _record_of(api, "sz_manager", month="2026-10").body
        assert first["id"] not in [e["source"]["id"] for e in october["entries"]]

    with frozen(NOW + timedelta(days=20)):  # within 90 days: the same issue again
        second = _record(api, sz_order, content="技术员再次多收费用")
        assert second["repeat"] is True
        assert second["repeat_of"]["id"] == first["id"]
        second = _act(api, second, "judge", "sz_manager", {"stands": True})
        proposal = second["penalty_proposal"]
        assert proposal["repeat"] is True and proposal["amount_fen"] == 40000
        assert proposal["earlier_amount_fen"] == 20000


def test_only_the_person_their_managers_and_head_office_read_a_record(api):
    assert _record_of(api, "sz_tech1").status == 200  # their own
    assert _record_of(api, "sz_manager").status == 200
    assert _record_of(api, "hq_admin").status == 200
    for outsider in ("cd_manager", "cd_agent", "sz_agent", "sz_tech3", "sz_support"):
        refused = _record_of(api, outsider)
        assert refused.status == 404 and refused.error["code"] == "not_found", outsider
    missing = _record_of(api, "hq_admin", username="no_such_person")
    assert missing.status == 404
    bad = _record_of(api, "sz_manager", month="2026-13")
    assert bad.status == 400 and "month" in bad.error["fields"]


def test_a_manager_enters_a_reward_and_nobody_writes_their_own_ledger(api):
    month = "2026-11"
    with frozen(shanghai("2026-11-12T15:00:00")):
        before = _record_of(api, "sz_manager", month).body
        own = api.post("/api/staff/sz_tech1/ledger", "sz_tech1",
                       {"kind": "reward", "amount_fen": 5000, "reason": "自己奖励自己"})
        assert own.status == 403
        mine = api.post("/api/staff/sz_manager/ledger", "sz_manager",
                        {"kind": "reward", "amount_fen": 5000, "reason": "自己奖励自己"})
        assert mine.status == 403
        other_outlet = api.post("/api/staff/sz_tech1/ledger", "cd_manager",
                                {"kind": "reward", "amount_fen": 5000, "reason": "跨网点"})
        assert other_outlet.status == 404
        made = api.post("/api/staff/sz_tech1/ledger", "sz_manager",
                        {"kind": "reward", "amount_fen": 30000,
                         "reason": "提出备件管理合理化建议，被总部采纳"},
                        headers={"Idempotency-Key": "reward-sz_tech1-test"})
        assert made.status == 201, made.body
        reward = made.body
        assert reward["kind"] == "reward" and reward["amount_fen"] == 30000
        assert reward["source"] == {"kind": "manual", "id": None, "number": None}
        assert reward["by"] == "sz_manager" and reward["by_name"] and reward["month"] == month
        again = api.post("/api/staff/sz_tech1/ledger", "sz_manager",
                         {"kind": "reward", "amount_fen": 30000,
                          "reason": "提出备件管理合理化建议，被总部采纳"},
                         headers={"Idempotency-Key": "reward-sz_tech1-test"})
        assert again.status == 201 and again.body["id"] == reward["id"]  # not a second one
        warning = api.post("/api/staff/sz_tech1/ledger", "hq_admin",
                           {"kind": "penalty", "penalty_kind": "warning",
                            "reason": "未按规定着装"})
        assert warning.status == 201, warning.body
        assert warning.body["amount_fen"] == 0

        after = _record_of(api, "sz_tech1", month).body
        ids = [e["id"] for e in after["entries"]]
        assert ids.count(reward["id"]) == 1 and warning.body["id"] in ids
        assert after["totals"]["reward_fen"] == before["totals"]["reward_fen"] + 30000
        assert after["totals"]["penalty_fen"] == before["totals"]["penalty_fen"]
        _totals_match(after)


@pytest.mark.parametrize("body,field", [
    ({"kind": "reward", "reason": "无金额"}, "amount_fen"),
    ({"kind": "reward", "amount_fen": 0, "reason": "零元"}, "amount_fen"),
    ({"kind": "reward", "amount_fen": 100, "penalty_kind": "fine", "reason": "x"}, "penalty_kind"),
    ({"kind": "penalty", "amount_fen": 100, "reason": "无类别"}, "penalty_kind"),
    ({"kind": "penalty", "penalty_kind": "fine", "reason": "无金额"}, "amount_fen"),
    ({"kind": "penalty", "penalty_kind": "warning", "amount_fen": 100, "reason": "x"},
     "amount_fen"),
    ({"kind": "penalty", "penalty_kind": "jail", "reason": "x"}, "penalty_kind"),
    ({"kind": "penalty", "penalty_kind": "fine", "amount_fen": 12.5, "reason": "x"},
     "amount_fen"),
    ({"kind": "bonus", "amount_fen": 100, "reason": "x"}, "kind"),
    ({"kind": "reward", "amount_fen": 100}, "reason"),
])
def test_a_bad_entry_is_refused_naming_the_field(api, body, field):
    refused = api.post("/api/staff/sz_tech1/ledger", "sz_manager", body)
    assert refused.status == 400, refused.body
    assert field in refused.error["fields"]
