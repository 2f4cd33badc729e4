"""Consultations and information hand-over (咨询与信息交接, 001 §17 6.1–6.2): whoever takes a
customer's question or information records it; the service desk must take it over within 4
working hours and answer a question within 8, on the outlet's working calendar (08:30–17:30),
counted from when the customer reached the staff member; a breach is escalated once; the desk
takes it over, answers, closes it or turns it into a complaint or a work order, each once.
"""

from __future__ import annotations

import re
import uuid
from datetime import timedelta

from chalicelib.kernel.store import keys
from chalicelib.modules.consultations import keys as consultation_keys
from chalicelib.modules.sla import store as sla_store
from chalicelib.modules.sla import sweep as sla_sweep
from tests.conftest import customer_of, every_page, inbox, race
from tests.sla_helpers import frozen, minutes, shanghai

FORM = {"kind": "information", "channel": "phone", "customer_name": "王先生",
        "phone": "13800138000", "content": "1 号车间冷水机组有异响，客户请服务部联系"}


def _record(api, user: str, at, **fields):
    with frozen(at):
        return api.post("/api/consultations", user, {**FORM, **fields})


def _recorded(api, user: str, at, **fields) -> dict:
    reply = _record(api, user, at, **fields)
    assert reply.status == 201, reply.body
    return reply.body


def _act(api, consultation: dict, action: str, user: str, at, data: dict | None = None,
         version: int | None = None):
    with frozen(at):
        return api.act_on("/api/consultations", consultation, action, user, data, version)


def _get(api, consultation: dict, user: str = "sz_agent", at=None):
    if at is None:
        return api.get(f"/api/consultations/{consultation['id']}", user)
    with frozen(at):
        return api.get(f"/api/consultations/{consultation['id']}", user)


def _clock(consultation: dict, name: str) -> dict:
    [found] = [c for c in consultation["clocks"] if c["name"] == name]
    return found


def _due(clock: dict):
    return keys.parse_iso(clock["due_at"])


def _notices(api, user: str, number: str) -> list[dict]:
    """The deadline notices about this consultation in the user's inbox."""
    items = inbox(api, user)
    return [n for n in items if n["number"] == number and n["clock"]]


def test_information_recorded_friday_1630_is_due_at_the_desk_monday_1130_and_breaches_once(api):
    recorded_at = shanghai("2026-11-27 16:30")  # a Friday; the desk works 08:30-17:30
    info = _recorded(api, "sz_tech1", recorded_at)  # a technician on site took it
    assert re.fullmatch(r"ZX-SZ-20261127-\d{4}", info["number"])
    assert (info["state"], info["status"], info["kind"]) == ("open", "open", "information")
    assert [c["name"] for c in info["clocks"]] == ["handover"]  # information needs no answer
    handover = _clock(info, "handover")
    assert _due(handover) == shanghai("2026-11-30 11:30")  # 1 h on Friday + 3 h on Monday
    assert handover["target"]["basis"] == "working" and handover["target"]["amount"] == 4
    assert info["recorded_by"] == "sz_tech1" and info["actions"] == []  # not the desk

    # on the at-risk board of SZ before the breach, with its own link
    with frozen(shanghai("2026-11-30 11:00")):
        rows = api.get("/api/sla/at-risk?horizon_hours=24", "sz_manager").body["items"]
    [row] = [r for r in rows if r["order_id"] == info["id"]]
    assert row["subject_kind"] == "consultation" and row["link"] == f"/consultations/{info['id']}"
    assert (row["number"], row["customer_name"]) == (info["number"], "王先生")
    assert row["clock"]["name"] == "handover" and row["clock"]["status"] == "at_risk"
    with frozen(shanghai("2026-11-30 11:00")):
        assert api.get("/api/sla/at-risk?outlet=SZ", "cd_manager").status == 404

    # the sweep's step on this clock, run again and again past the breach and past the
    # escalation (the whole sweep at these moments would also notify every other test's clock
    # still running on the worker's stack: hundreds of notices and mails, a slower stack for
    # the files after; the sweep's index read is tests/jobs/test_sla_sweep.py's)
    for moment in ("2026-11-30 11:31", "2026-11-30 11:36", "2026-11-30 15:40",
                   "2026-11-30 16:00", "2026-12-01 09:00"):
        for _ in range(2):
            watch = sla_store.get_watch(consultation_keys.consultation_pk(info["id"]), "handover")
            sla_sweep.process(watch, shanghai(moment), sla_sweep.SweepReport())
    managers = _notices(api, "sz_manager", info["number"])
    assert [n["level"] for n in managers if n["level"] == "breach"] == ["breach"]
    assert all(n["clock"] == "handover" for n in managers)
    assert managers[0]["link"] == f"/consultations/{info['id']}"
    assert [n["level"] for n in _notices(api, "hq_admin", info["number"])] == ["escalation"]
    late = _get(api, info, at=shanghai("2026-12-01 09:00")).body
    assert _clock(late, "handover")["status"] == "breached"

    # the manager acknowledges the breach from the board: on the consultation's timeline
    with frozen(shanghai("2026-12-01 09:05")):
        rows = api.get("/api/sla/at-risk?horizon_hours=1", "sz_manager").body["items"]
        [row] = [r for r in rows if r["order_id"] == info["id"]]
        ack = api.post("/api/sla/acknowledgements", "sz_manager", {
            "subject_kind": "consultation", "subject_id": info["id"], "clock": "handover",
            "version": row["version"], "note": "客户周末无法联系"})
    assert ack.status == 200, ack.body
    events = _get(api, info).body["events"]
    assert events[-1]["action"] == "breach_acknowledged" and events[-1]["actor"] == "sz_manager"


def test_a_question_must_be_answered_within_8_working_hours_of_when_the_customer_called(api):
    called, recorded = shanghai("2026-11-26 13:00"), shanghai("2026-11-26 14:00")  # Thursday
    question = _recorded(api, "sz_tech1", recorded, kind="question",
                         received_at=keys.iso(called), content="客户询问保养周期")
    assert question["received_at"] == keys.iso(called)
    assert [c["name"] for c in question["clocks"]] == ["handover", "answer"]
    assert _due(_clock(question, "handover")) == shanghai("2026-11-26 17:00")
    # 4.5 h on Thursday + 3.5 h on Friday
    assert _due(_clock(question, "answer")) == shanghai("2026-11-27 12:00")

    taken = _act(api, question, "take_over", "sz_agent", shanghai("2026-11-26 15:00"),
                 {"note": "已致电客户"})
    assert taken.status == 200, taken.body
    taken = taken.body
    assert taken["state"] == "taken_over" and taken["taken_over"]["by"] == "sz_agent"
    assert _clock(taken, "handover")["status"] == "met"
    assert _clock(taken, "answer")["status"] != "met"  # still running
    assert "take_over" not in taken["actions"] and "answer" in taken["actions"]

    answered = _act(api, taken, "answer", "sz_support", shanghai("2026-11-27 11:00"),
                    {"text": "每季度保养一次，已告知客户"})
    assert answered.status == 200, answered.body
    answered = answered.body
    assert (answered["state"], answered["status"]) == ("answered", "done")
    assert answered["answer"]["text"] == "每季度保养一次，已告知客户"
    assert _clock(answered, "answer")["status"] == "met"
    assert [e["action"] for e in answered["events"]] == ["create", "take_over", "answer"]

    done = every_page(api, "/api/consultations?status=done", "sz_agent")
    assert question["id"] in {c["id"] for c in done}
    still_open = every_page(api, "/api/consultations", "sz_agent")
    assert question["id"] not in {c["id"] for c in still_open}


def test_the_desks_own_record_is_taken_over_at_once(api):
    at = shanghai("2026-11-24 10:00")
    mine = _recorded(api, "sz_agent", at, kind="question")
    assert mine["state"] == "taken_over" and mine["taken_over"]["by"] == "sz_agent"
    handover, answer = _clock(mine, "handover"), _clock(mine, "answer")
    assert handover["status"] == "met" and handover["stopped_at"] == keys.iso(at)
    assert answer["status"] == "on_track"
    assert sorted(mine["actions"]) == ["answer", "close", "to_complaint"]
    board = every_page(api, "/api/consultations", "sz_manager")
    assert mine["id"] in {c["id"] for c in board}  # on the open board until answered


def test_take_over_close_stale_versions_and_who_may_see_or_act(api):
    at = shanghai("2026-11-24 09:00")
    info = _recorded(api, "sz_tech1", at)
    # the recorder reads their own; another outlet's people and other technicians get 404
    assert _get(api, info, "sz_tech1").status == 200
    for outsider in ("cd_agent", "cd_manager", "sz_tech3"):
        reply = _get(api, info, outsider)
        assert reply.status == 404 and reply.error["code"] == "not_found", outsider
    assert _act(api, info, "take_over", "cd_agent", at).status == 404
    assert _act(api, info, "take_over", "sz_tech1", at).status == 403  # not the desk
    assert _act(api, info, "take_over", "sz_support", at).status == 403

    taken = _act(api, info, "take_over", "sz_agent", at + minutes(30))
    assert taken.status == 200, taken.body
    stale = _act(api, info, "close", "sz_manager", at + minutes(40), {"note": "已处理"})
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    again = _act(api, taken.body, "take_over", "sz_manager", at + minutes(40))
    assert again.status == 409 and again.error["code"] == "invalid_transition"
    empty = _act(api, taken.body, "close", "sz_manager", at + minutes(40))
    assert empty.status == 400 and "data.note" in empty.error["fields"]
    closed = _act(api, taken.body, "close", "sz_manager", at + minutes(45),
                  {"note": "客户已自行解决"})
    assert closed.status == 200, closed.body
    assert (closed.body["state"], closed.body["closed"]["note"]) == ("closed", "客户已自行解决")
    assert closed.body["actions"] == []
    assert [e["action"] for e in closed.body["events"]] == ["create", "take_over", "close"]


def test_received_at_must_be_within_the_last_7_days_and_not_ahead(api):
    now = shanghai("2026-11-24 09:00")
    old = _record(api, "sz_tech1", now, received_at=keys.iso(now - timedelta(days=7, hours=1)))
    assert old.status == 400 and old.error["fields"]["received_at"] == "不能早于 7 天前"
    ahead = _record(api, "sz_tech1", now, received_at=keys.iso(now + minutes(10)))
    assert ahead.status == 400 and ahead.error["fields"]["received_at"] == "不能晚于当前时间"
    assert _record(api, "sz_tech1", now, phone="").status == 400
    assert _record(api, "sz_tech1", now, kind="rumour").status == 400
    assert "outlet" in _record(api, "sz_tech1", now, outlet="CD").error["fields"]
    head_office = _record(api, "hq_admin", now)
    assert head_office.status == 400 and "outlet" in head_office.error["fields"]
    named = _recorded(api, "hq_admin", now, outlet="CD")
    assert named["outlet"] == "CD" and named["state"] == "open"
    assert _get(api, named, "sz_agent").status == 404
    assert api.get("/api/consultations?outlet=SZ", "cd_manager").status == 404
    assert api.get("/api/consultations", "hq_admin").status == 400  # head office names one
    assert api.get("/api/consultations?outlet=CD", "hq_admin").status == 200
    assert api.get("/api/consultations", "sz_tech1").status == 403


def test_a_retried_record_with_the_same_idempotency_key_makes_one(api):
    key = uuid.uuid4().hex
    with frozen(shanghai("2026-11-24 09:30")):
        first = api.post("/api/consultations", "sz_tech1", FORM, headers={"Idempotency-Key": key})
        second = api.post("/api/consultations", "sz_tech1", FORM,
                          headers={"Idempotency-Key": key})
    assert first.status == second.status == 201
    assert first.body["id"] == second.body["id"] and first.body["number"] == second.body["number"]


def test_to_complaint_makes_one_numbered_complaint_from_the_consultation(api):
    at = shanghai("2026-11-24 11:00")
    info = _recorded(api, "sz_tech1", at, content="客户反映师傅上门态度差")
    data = {"kind": "service_attitude", "content": "师傅上门态度差", "demand": "道歉",
            "about": {"staff": "sz_tech2"}}
    bad = _act(api, info, "to_complaint", "sz_agent", at + minutes(20), {"kind": "nonsense"})
    assert bad.status == 400 and "data.kind" in bad.error["fields"]
    elsewhere = _act(api, info, "to_complaint", "sz_agent", at + minutes(20),
                     {**data, "about": {"staff": "cd_tech1"}})  # another outlet's person
    assert elsewhere.status == 400 and "data.about.staff" in elsewhere.error["fields"]
    converted = _act(api, info, "to_complaint", "sz_agent", at + minutes(20), data)
    assert converted.status == 200, converted.body
    consultation = converted.body
    assert consultation["state"] == "converted" and consultation["status"] == "done"
    target = consultation["converted"]
    assert target["to"] == "complaint" and re.fullmatch(r"TS-SZ-20261124-\d{4}", target["number"])
    assert all(c["status"] in ("met", "missed") for c in consultation["clocks"])
    assert consultation["events"][-1]["action"] == "to_complaint"

    with frozen(at + minutes(25)):
        complaint = api.get(f"/api/complaints/{target['id']}", "sz_manager").body
    assert complaint["number"] == target["number"]
    assert complaint["source"] == {"kind": "consultation", "id": info["id"],
                                   "number": info["number"]}
    assert complaint["channel"] == "phone" and complaint["complainant"]["name"] == "王先生"
    assert complaint["received_at"] == info["received_at"]

    again = _act(api, consultation, "to_complaint", "sz_agent", at + minutes(30), data)
    assert again.status == 409 and again.error["code"] == "invalid_transition"
    stale = _act(api, info, "to_complaint", "sz_manager", at + minutes(30), data)
    assert stale.status == 409


def test_an_order_made_from_a_consultation_converts_it_once(api, new_order):
    at = shanghai("2026-11-25 10:00")
    info = _recorded(api, "sz_tech1", at, content="客户报修：空调不制冷")
    with frozen(at + minutes(30)):
        order = new_order(consultation_id=info["id"])
        created = [e for e in order["events"] if e["action"] == "create"]
    assert created[0]["data"]["consultation_id"] == info["id"]
    assert created[0]["data"]["consultation_number"] == info["number"]
    converted = _get(api, info, at=at + minutes(31)).body
    assert converted["state"] == "converted"
    assert converted["converted"]["to"] == "order"
    assert (converted["converted"]["id"], converted["converted"]["number"]) == (
        order["id"], order["number"])
    assert _clock(converted, "handover")["status"] == "met"
    assert converted["events"][-1]["action"] == "to_order"

    cd_info = _recorded(api, "cd_agent", at + minutes(40))  # another outlet's
    body = {"customer_id": customer_of(api, "SZ")["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "重复转单"}
    with frozen(at + minutes(40)):
        twice = api.post("/api/work-orders", "sz_agent", {**body, "consultation_id": info["id"]})
        unknown = api.post("/api/work-orders", "sz_agent", {**body, "consultation_id": "con_no"})
        other = api.post("/api/work-orders", "sz_agent", {**body, "consultation_id": cd_info["id"]})
    assert twice.status == 409 and twice.error["code"] == "consultation_closed"
    assert unknown.status == 400 and "consultation_id" in unknown.error["fields"]
    assert other.status == 400 and "consultation_id" in other.error["fields"]


def test_two_orders_made_at_once_from_one_consultation_convert_it_once(api):
    at = shanghai("2026-11-25 14:00")
    info = _recorded(api, "sz_agent", at, content="客户报修：机组停机")
    body = {"customer_id": customer_of(api, "SZ")["id"], "type": "repair", "priority": "general",
            "channel": "phone", "description": "同时转单", "consultation_id": info["id"]}
    with frozen(at + minutes(5)):
        replies = race(3, lambda: api.post("/api/work-orders", "sz_agent", body))
    assert sorted(r.status for r in replies) == [201, 409, 409], [r.body for r in replies]
    [made] = [r.body for r in replies if r.status == 201]
    converted = _get(api, info).body["converted"]
    assert (converted["to"], converted["id"]) == ("order", made["id"])
