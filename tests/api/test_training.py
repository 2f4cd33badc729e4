"""Training through the API (issue 16, seed C check 5): plans approved by leadership; a session's
results recorded once — a score at or above the pass mark issues a certificate (number, date,
validity), below it leaves a 补考 pending until a later pass, an absence proposes the policy's
fine that lands in the conduct ledger only when the manager approves it (or is dismissed with a
reason); stale versions 409, bad input 400 naming the field, a CD manager 404, a technician 403.

Each test works on technicians of its own (tests/workload_helpers.py `crew`) and reads the pass
mark and the fine from the policy, so it depends on no other test's data."""

from __future__ import annotations

import uuid

from tests.sla_helpers import frozen, shanghai
from tests.workload_helpers import crew

PLANS, SESSIONS = "/api/technicians/training/plans", "/api/technicians/training/sessions"
PROPOSALS = "/api/technicians/training/proposals"
NOW = shanghai("2026-11-23T10:00:00")  # the session below was held three days before


def _policy(api) -> dict:
    reply = api.get("/api/technicians/job-classes", "sz_manager")
    assert reply.status == 200, reply.body
    return reply.body["settings"]


def _plan_body(**fields) -> dict:
    return {"year": 2026, "outlet": "SZ", "objective": "提高发动机维修技能",
            "content": "发动机拆装、故障诊断", "audience": "全体维修技术员", "time": "2026年11月",
            "place": "深圳网点培训室", "trainer": "厂家技术培训师", **fields}


def _approved_plan(api, outlet="SZ", user="sz_manager") -> dict:
    plan = api.post(PLANS, user if outlet != "NETWORK" else "hq_admin",
                    _plan_body(outlet=outlet))
    assert plan.status == 201, plan.body
    approved = api.post(f"{PLANS}/{plan.body['id']}/approve",
                        user if outlet != "NETWORK" else "hq_admin",
                        {"version": plan.body["version"]})
    assert approved.status == 200, approved.body
    return approved.body


def _session(api, people, held_on="2026-11-20", user="sz_manager", **fields):
    return api.post(SESSIONS, user, {
        "outlet": "SZ", "title": f"焊接安全培训{uuid.uuid4().hex[:4]}", "held_on": held_on,
        "place": "深圳网点培训室", "trainer": "王培训", "kind": "internal",
        "exam_kind": "exam", "certificate_type": "welder",
        "attendees": [{"username": p} for p in people], **fields})


def _record(api, session, results, user="sz_manager", version=None):
    return api.post(f"{SESSIONS}/{session['id']}/results", user, {
        "version": version if version is not None else session["version"],
        "results": results})


def _file(api, username):
    reply = api.get(f"/api/technicians/{username}", "sz_manager")
    assert reply.status == 200, reply.body
    return reply.body


def _ledger(api, username, month="2026-11"):
    reply = api.get(f"/api/staff/{username}/record?month={month}", "sz_manager")
    assert reply.status == 200, reply.body
    return reply.body


def _audit(pk: str) -> list[tuple[str, str]]:
    """The audit entries of a plan or a session (TPLAN#… / TSESSION#…), oldest first."""
    from chalicelib.modules.technicians.training_models import TrainingEvent

    return [(e.action, e.by) for e in TrainingEvent.query(
        pk, TrainingEvent.sk.startswith("EVENT#"), consistent_read=True)]


def _pending(api, username):
    reply = api.get(f"{PROPOSALS}?outlet=SZ", "sz_manager")
    assert reply.status == 200, reply.body
    return [p for p in reply.body["items"] if p["username"] == username]


# ---------------------------------------------------------------- policy

def test_the_policy_names_the_pass_mark_and_the_absence_fine(api):
    settings = _policy(api)
    assert 0 <= settings["pass_mark"] <= 100 and settings["absence_fine_fen"] >= 1
    for field, value in (("pass_mark", 101), ("absence_fine_fen", 0)):
        bad = api.call("PUT", "/api/technicians/job-classes", "hq_admin", {
            "settings": {**settings, field: value}, "version": 999})
        assert bad.status == 400 and f"settings.{field}" in bad.error["fields"], bad.body


# ---------------------------------------------------------------- plans

def test_plans_are_drafted_and_approved_by_leadership(api):
    draft = api.post(PLANS, "sz_manager", _plan_body())
    assert draft.status == 201 and draft.body["state"] == "draft", draft.body
    plan = draft.body
    # a manager drafts no network plan, nor another outlet's
    assert api.post(PLANS, "sz_manager", _plan_body(outlet="NETWORK")).status == 403
    assert api.post(PLANS, "sz_manager", _plan_body(outlet="CD")).status == 404
    blank = api.post(PLANS, "sz_manager", _plan_body(objective="   "))
    assert blank.status == 400 and "objective" in blank.error["fields"], blank.body
    assert api.post(PLANS, "sz_manager", _plan_body(year=1999)).status == 400
    # edited on the version seen
    edited = api.call("PUT", f"{PLANS}/{plan['id']}", "sz_manager", {
        **{k: v for k, v in _plan_body(trainer="李工").items() if k != "outlet"},
        "version": plan["version"]})
    assert edited.status == 200 and edited.body["trainer"] == "李工", edited.body
    stale = api.post(f"{PLANS}/{plan['id']}/approve", "sz_manager", {"version": plan["version"]})
    assert stale.status == 409 and stale.error["code"] == "stale_version", stale.body
    approved = api.post(f"{PLANS}/{plan['id']}/approve", "sz_manager",
                        {"version": edited.body["version"]})
    assert approved.status == 200 and approved.body["state"] == "approved", approved.body
    assert approved.body["approved_by"] == "sz_manager"
    again = api.post(f"{PLANS}/{plan['id']}/approve", "sz_manager",
                     {"version": approved.body["version"]})
    assert again.status == 409 and again.error["code"] == "training_plan_approved"
    assert _audit(f"TPLAN#{plan['id']}") == [
        ("created", "sz_manager"), ("edited", "sz_manager"), ("approved", "sz_manager")]
    frozen_edit = api.call("PUT", f"{PLANS}/{plan['id']}", "sz_manager", {
        **{k: v for k, v in _plan_body().items() if k != "outlet"},
        "version": approved.body["version"]})
    assert frozen_edit.status == 409 and frozen_edit.error["code"] == "training_plan_approved"
    # the network's plan: head office drafts and approves it; a manager reads it, approves not
    network = api.post(PLANS, "hq_admin", _plan_body(outlet="NETWORK"))
    assert network.status == 201, network.body
    refused = api.post(f"{PLANS}/{network.body['id']}/approve", "sz_manager",
                       {"version": network.body["version"]})
    assert refused.status == 403, refused.body
    listed = api.get(f"{PLANS}?year=2026", "sz_manager")
    assert listed.status == 200, listed.body
    ids = {p["id"] for p in listed.body["items"]}
    assert {plan["id"], network.body["id"]} <= ids
    assert {p["outlet"] for p in listed.body["items"]} <= {"SZ", "NETWORK"}
    assert plan["id"] not in {p["id"] for p in api.get(f"{PLANS}?year=2027",
                                                       "sz_manager").body["items"]}
    assert api.get(f"{PLANS}?year=2026", "hq_admin").status == 400  # which outlet: required
    assert api.get(PLANS, "sz_manager").status == 400  # the year is required
    # another outlet's manager: the plan does not exist for them; a technician: 403
    assert api.get(f"{PLANS}/{plan['id']}", "cd_manager").status == 404
    assert api.get(f"{PLANS}?year=2026&outlet=SZ", "cd_manager").status == 404
    assert api.get(f"{PLANS}/{network.body['id']}", "cd_manager").status == 200
    assert api.post(PLANS, "sz_tech1", _plan_body()).status == 403
    assert api.get(f"{PLANS}?year=2026", "sz_tech1").status == 403


# ---------------------------------------------------------------- sessions: seed C check 5

def test_pass_issues_a_certificate_below_is_a_retake_absent_is_a_proposed_fine(api):
    with crew([2, 2, 2], tag="trn") as people, frozen(NOW):
        passer, failer, absentee = (p["username"] for p in people)
        policy = _policy(api)
        mark, fine = policy["pass_mark"], policy["absence_fine_fen"]
        plan = _approved_plan(api)
        created = _session(api, [passer, failer, absentee], plan_id=plan["id"])
        assert created.status == 201, created.body
        session = created.body
        assert session["state"] == "planned" and session["plan"]["id"] == plan["id"]
        assert [a["name"] for a in session["attendees"]] == [p["name"] for p in people]
        assert session["certificate_type_name"] == "焊工证"
        recorded = _record(api, session, [
            {"username": passer, "attended": True, "score": mark,
             "certificate_number": "PX-2026-001"},
            {"username": failer, "attended": True, "score": mark - 1},
            {"username": absentee, "attended": False}])
        assert recorded.status == 200, recorded.body
        done = recorded.body
        results = {a["username"]: a for a in done["attendees"]}
        assert done["state"] == "recorded" and done["pass_mark"] == mark
        assert results[passer]["result"] == "passed" and results[passer]["certificate_id"]
        assert results[failer]["result"] == "retake" and not results[failer]["certificate_id"]
        assert results[absentee]["result"] == "absent" and results[absentee]["score"] is None
        assert results[absentee]["proposal_state"] == "proposed"
        assert _audit(f"TSESSION#{session['id']}") == [
            ("created", "sz_manager"), ("results_recorded", "sz_manager")]

        # the pass: a certificate record (number, from the day held, 36 months)
        certificate = next(c for c in _file(api, passer)["certificates"]
                           if c["id"] == results[passer]["certificate_id"])
        assert (certificate["type"], certificate["number"]) == ("welder", "PX-2026-001")
        assert (certificate["valid_from"], certificate["valid_to"]) == ("2026-11-20",
                                                                        "2029-11-19")
        assert certificate["issuer"] == "王培训" and certificate["status"] == "valid"
        assert [t["result"] for t in _file(api, passer)["trainings"]] == ["passed"]
        # below the mark: 补考 pending on the file
        failed = _file(api, failer)
        assert [t["session_id"] for t in failed["retakes_pending"]] == [session["id"]]
        assert failed["trainings"][0]["score"] == mark - 1 and failed["certificates"] == []

        # absent: a proposed fine, and nothing in the ledger until the manager decides
        (proposal,) = _pending(api, absentee)
        assert proposal["amount_fen"] == fine and proposal["state"] == "proposed"
        assert proposal["source"] == {"kind": "training", "id": session["id"],
                                      "title": session["title"], "held_on": "2026-11-20"}
        assert _ledger(api, absentee)["entries"] == []
        decide = f"{PROPOSALS}/{proposal['id']}/decide"
        assert api.post(decide, "sz_tech1", {"decision": "approve",
                                             "version": proposal["version"]}).status == 403
        assert api.post(decide, "cd_manager", {"decision": "approve",
                                               "version": proposal["version"]}).status == 404
        stale = api.post(decide, "sz_manager", {"decision": "approve", "version": 999})
        assert stale.status == 409 and stale.error["code"] == "stale_version"
        approved = api.post(decide, "sz_manager", {"decision": "approve",
                                                   "version": proposal["version"]})
        assert approved.status == 200 and approved.body["state"] == "approved", approved.body
        ledger = _ledger(api, absentee)
        (entry,) = ledger["entries"]
        assert entry["id"] == approved.body["conduct_entry_id"]
        assert (entry["kind"], entry["penalty_kind"], entry["amount_fen"]) == (
            "penalty", "fine", fine)
        assert entry["source"]["kind"] == "training" and entry["source"]["id"] == session["id"]
        assert ledger["totals"]["penalty_fen"] == fine
        again = api.post(decide, "sz_manager", {"decision": "dismiss", "reason": "重复",
                                                "version": approved.body["version"]})
        assert again.status == 409 and again.error["code"] == "proposal_decided"
        assert len(_ledger(api, absentee)["entries"]) == 1
        assert _pending(api, absentee) == []
        decided = api.get(f"{PROPOSALS}?outlet=SZ&state=decided", "sz_manager").body["items"]
        assert proposal["id"] in {p["id"] for p in decided}
        assert _file(api, absentee)["trainings"][0]["proposal_state"] == "approved"
        shown = api.get(f"{SESSIONS}/{session['id']}", "sz_manager").body
        assert {a["username"]: a["proposal_state"] for a in shown["attendees"]}[absentee] == \
            "approved"

        # the session in the outlet's list with its counts
        rows = api.get(f"{SESSIONS}?outlet=SZ&year=2026", "hq_admin").body["items"]
        row = next(r for r in rows if r["id"] == session["id"])
        assert (row["attendees"], row["passed"], row["retake"], row["absent"]) == (3, 1, 1, 1)

        # a later session of the same certificate type that passes the failer clears the 补考
        retake = _session(api, [failer], held_on="2026-11-22", title="焊接补考").body
        assert _record(api, retake, [{"username": failer, "attended": True,
                                      "score": 100}]).status == 200
        cleared = _file(api, failer)
        assert cleared["retakes_pending"] == []
        assert [t["result"] for t in cleared["trainings"]] == ["passed", "retake"]
        assert [c["type"] for c in cleared["certificates"]] == ["welder"]


def test_a_dismissed_proposal_writes_no_ledger_entry(api):
    with crew([1], tag="trd") as (person,), frozen(NOW):
        username = person["username"]
        session = _session(api, [username], certificate_type=None).body
        assert session["certificate_type"] is None
        done = _record(api, session, [{"username": username, "attended": False}])
        assert done.status == 200, done.body
        (proposal,) = _pending(api, username)
        decide = f"{PROPOSALS}/{proposal['id']}/decide"
        no_reason = api.post(decide, "sz_manager", {"decision": "dismiss",
                                                    "version": proposal["version"]})
        assert no_reason.status == 400 and "reason" in no_reason.error["fields"]
        blank = api.post(decide, "sz_manager", {"decision": "dismiss", "reason": "  ",
                                                "version": proposal["version"]})
        assert blank.status == 400 and "reason" in blank.error["fields"]
        dismissed = api.post(decide, "hq_admin", {"decision": "dismiss", "reason": "病假，已请假",
                                                  "version": proposal["version"]})
        assert dismissed.status == 200, dismissed.body
        assert (dismissed.body["state"], dismissed.body["decision_reason"]) == (
            "dismissed", "病假，已请假")
        assert dismissed.body["conduct_entry_id"] is None
        assert _ledger(api, username)["entries"] == []
        assert _file(api, username)["trainings"][0]["proposal_state"] == "dismissed"


def test_results_are_recorded_once_on_the_version_seen_after_the_day(api):
    with crew([3, 3], tag="trs") as people, frozen(NOW):
        one, two = (p["username"] for p in people)
        session = _session(api, [one, two]).body
        whole = [{"username": one, "attended": True, "score": 90},
                 {"username": two, "attended": True, "score": 80}]
        stale = _record(api, session, whole, version=999)
        assert stale.status == 409 and stale.error["code"] == "stale_version"
        later = _session(api, [one], held_on="2026-11-24").body  # tomorrow at the outlet
        early = _record(api, later, [{"username": one, "attended": True, "score": 90}])
        assert early.status == 409 and early.error["code"] == "training_not_held"
        assert _record(api, session, whole).status == 200
        twice = _record(api, session, whole, version=session["version"] + 1)
        assert twice.status == 409 and twice.error["code"] == "training_recorded"
        assert [t["session_id"] for t in _file(api, one)["trainings"]] == [session["id"]]


def test_bad_sessions_and_results_are_400_naming_the_field(api):
    with crew([2, 2], tag="trb") as people, frozen(NOW):
        one, two = (p["username"] for p in people)
        cases = [
            ({"attendees": [{"username": "cd_tech1"}]}, "attendees.0.username"),
            ({"attendees": [{"username": one}, {"username": one}]}, "attendees.1.username"),
            ({"attendees": [{"username": "sz_manager"}]}, "attendees.0.username"),
            ({"certificate_type": "no_such_type"}, "certificate_type"),
            ({"title": "  "}, "title"),
            ({"kind": "online"}, "kind"),
            ({"held_on": "2026-13-01"}, "held_on"),
            ({"attendees": []}, "attendees"),
            ({"validity_months": 0}, "validity_months"),
        ]
        for fields, name in cases:
            bad = _session(api, [one], **fields)
            assert bad.status == 400 and name in bad.error["fields"], (fields, bad.body)
        cd_plan = _approved_plan(api, outlet="CD", user="cd_manager")
        foreign = _session(api, [one], plan_id=cd_plan["id"])
        assert foreign.status == 400 and "plan_id" in foreign.error["fields"], foreign.body
        draft = api.post(PLANS, "sz_manager", _plan_body()).body
        unapproved = _session(api, [one], plan_id=draft["id"])
        assert unapproved.status == 409 and unapproved.error["code"] == "training_plan_draft"
        network = _approved_plan(api, outlet="NETWORK")
        assert _session(api, [one], plan_id=network["id"]).status == 201

        session = _session(api, [one, two]).body
        result_cases = [
            ([{"username": one, "attended": True, "score": 90}], "results"),
            ([{"username": one, "attended": True}, {"username": two, "attended": False}],
             "results.0.score"),
            ([{"username": one, "attended": True, "score": 90},
              {"username": two, "attended": False, "score": 10}], "results.1.score"),
            ([{"username": one, "attended": True, "score": 90},
              {"username": "sz_tech1", "attended": True, "score": 90}], "results.1.username"),
            ([{"username": one, "attended": True, "score": 101},
              {"username": two, "attended": False}], "results.0.score"),
        ]
        for results, name in result_cases:
            bad = _record(api, session, results)
            assert bad.status == 400 and name in bad.error["fields"], (results, bad.body)
        assert api.get(f"{SESSIONS}/{session['id']}", "sz_manager").body["state"] == "planned"


def test_who_may_see_and_change_training(api):
    with crew([2], tag="tra") as (person,), frozen(NOW):
        session = _session(api, [person["username"]]).body
        # another outlet's manager: the session does not exist for them
        assert api.get(f"{SESSIONS}/{session['id']}", "cd_manager").status == 404
        assert _record(api, session, [{"username": person["username"], "attended": False}],
                       user="cd_manager").status == 404
        assert api.get(f"{SESSIONS}?outlet=SZ", "cd_manager").status == 404
        assert _session(api, [person["username"]], user="cd_manager").status == 404
        # a technician (even an attendee) reads their result on their file, changes nothing
        assert _session(api, [person["username"]], user="sz_tech1").status == 403
        assert _record(api, session, [{"username": person["username"], "attended": True,
                                       "score": 100}], user="sz_tech1").status == 403
        assert api.get(f"{SESSIONS}/{session['id']}", "sz_tech1").status == 403
        assert api.get(f"{PROPOSALS}?outlet=SZ", "sz_tech1").status == 403
        # head office reads any outlet's sessions (the outlet named)
        assert api.get(f"{SESSIONS}/{session['id']}", "hq_admin").status == 200
        listed = api.get(f"{SESSIONS}?outlet=SZ&year=2026", "hq_admin")
        assert session["id"] in {s["id"] for s in listed.body["items"]}
        assert api.get(SESSIONS, "hq_admin").status == 400
