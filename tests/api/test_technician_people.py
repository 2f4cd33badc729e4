"""Technicians' people records through the API (issue 16): stars changed only by a manager of
the person's outlet or head office, never one's own, with the history kept (check 5: a
technician cannot change their own stars, 403; a CD manager cannot see SZ technicians' records,
404); certificates added, edited, revoked, with their status on the outlet's local date; the
expiry list; a technician's file with this month's figures from the facts and the ledger.

Each test works on technicians of its own (tests/workload_helpers.py `crew`) at dates no other
test uses, so what it asserts depends on no other test's data."""

from __future__ import annotations

from datetime import date, timedelta

from tests.conftest import STEP_DATA, signature_png, upload
from tests.sla_helpers import frozen, shanghai
from tests.workload_helpers import crew


def _policy(api) -> dict:
    reply = api.get("/api/technicians/job-classes", "sz_manager")
    assert reply.status == 200, reply.body
    return reply.body["settings"]


def _types(api) -> list[str]:
    return [t["code"] for t in _policy(api)["certificate_types"]]


def _cert(api, username, user="sz_manager", **fields):
    body = {"type": _types(api)[0], "number": "DG-0001", "issuer": "深圳市应急管理局",
            "valid_from": "2024-01-01", "valid_to": "2030-12-31", **fields}
    return api.post(f"/api/technicians/{username}/certificates", user, body)


def _file(api, username, user="sz_manager"):
    reply = api.get(f"/api/technicians/{username}", user)
    assert reply.status == 200, reply.body
    return reply.body


def _stars(api, username, user, to, version, kind="exam", ref="2026 年度技能考试", reason="考试合格"):
    return api.post(f"/api/technicians/{username}/stars", user, {
        "to": to, "reference": {"kind": kind, "ref": ref}, "reason": reason, "version": version})


# ---------------------------------------------------------------- issue check 5

def test_a_technician_cannot_change_their_own_stars(api):
    file = _file(api, "sz_tech1", "sz_tech1")  # they read their own file
    refused = _stars(api, "sz_tech1", "sz_tech1", 5, file["version"])
    assert refused.status == 403, refused.body
    assert _file(api, "sz_tech1", "sz_tech1")["star_level"] == file["star_level"]
    # nor does anyone else change their own (head office included): 403 own_stars
    own = _stars(api, "hq_admin", "hq_admin", 5, 1)
    assert own.status == 403 and own.error["code"] == "own_stars", own.body


def test_a_cd_manager_cannot_see_sz_technicians_records(api):
    for path in ("/api/technicians/sz_tech1", "/api/technicians?outlet=SZ",
                 "/api/technicians/certificates/expiring?outlet=SZ"):
        reply = api.get(path, "cd_manager")
        assert reply.status == 404 and reply.error["code"] == "not_found", (path, reply.body)
    version = _file(api, "sz_tech1")["version"]
    assert _stars(api, "sz_tech1", "cd_manager", 5, version).status == 404
    assert _cert(api, "sz_tech1", "cd_manager").status == 404
    # another technician of the same outlet does not see it either
    assert api.get("/api/technicians/sz_tech1", "sz_tech3").status == 404
    # their own outlet's list holds only their own people
    mine = api.get("/api/technicians?outlet=CD", "cd_manager")
    assert mine.status == 200 and {i["outlet"] for i in mine.body["items"]} == {"CD"}
    assert "sz_tech1" not in {i["username"] for i in mine.body["items"]}


# ---------------------------------------------------------------- stars

def test_stars_change_on_the_version_seen_and_the_history_is_kept(api):
    with crew([2], tag="tps") as (tech,):
        username = tech["username"]
        first = _file(api, username)
        assert first["star_level"] == 2 and first["stars_history"] == []
        up = _stars(api, username, "sz_manager", 3, first["version"])
        assert up.status == 200, up.body
        assert up.body["star_level"] == 3 and up.body["version"] == first["version"] + 1
        [change] = up.body["stars_history"]
        assert (change["from"], change["to"]) == (2, 3)
        assert change["reference"] == {"kind": "exam", "ref": "2026 年度技能考试"}
        assert change["by"] == "sz_manager" and change["by_name"] == "王强"

        # the version the first change saw is stale now: 409, nothing changes
        stale = _stars(api, username, "hq_admin", 5, first["version"])
        assert stale.status == 409 and stale.error["code"] == "stale_version", stale.body
        assert _file(api, username)["star_level"] == 3

        again = _stars(api, username, "hq_admin", 4, up.body["version"], kind="appraisal",
                       ref="2026-10 月度考核", reason="考核优秀")
        assert again.status == 200, again.body
        history = again.body["stars_history"]
        assert [(h["from"], h["to"], h["by"]) for h in history] == [
            (3, 4, "hq_admin"), (2, 3, "sz_manager")]  # newest first, the earlier one kept
        # the directory says so too (the dispatch list reads it)
        staff = api.get("/api/staff?outlet=SZ&role=technician", "sz_manager").body
        rows = staff["items"] if isinstance(staff, dict) else staff
        assert next(s for s in rows if s["username"] == username)["star_level"] == 4
        # the technician sees their own stars and history
        own = _file(api, username, username)
        assert own["star_level"] == 4 and len(own["stars_history"]) == 2
        # a technician (even of the outlet) may not change another's stars
        assert _stars(api, username, "sz_tech1", 5, own["version"]).status == 403


def test_a_star_change_names_what_is_wrong(api):
    with crew([2], tag="tpb") as (tech,):
        username, version = tech["username"], _file(api, tech["username"])["version"]
        cases = [({"to": 6}, "to"), ({"to": 0}, "to"),
                 ({"reference": {"kind": "rumour", "ref": "x"}}, "reference.kind"),
                 ({"reference": {"kind": "exam", "ref": "   "}}, "reference.ref"),
                 ({"reason": "  "}, "reason"), ({"reason": ""}, "reason")]
        for change, field in cases:
            body = {"to": 3, "reference": {"kind": "exam", "ref": "考试"}, "reason": "合格",
                    "version": version, **change}
            reply = api.post(f"/api/technicians/{username}/stars", "sz_manager", body)
            assert reply.status == 400, (change, reply.body)
            assert field in reply.error["fields"], (change, reply.error)
        missing = api.post(f"/api/technicians/{username}/stars", "sz_manager", {"to": 3})
        assert missing.status == 400
        assert {"reference", "reason", "version"} <= set(missing.error["fields"])
        assert _file(api, username)["stars_history"] == []


# ---------------------------------------------------------------- certificates

def test_certificates_are_added_edited_and_revoked_on_the_version_seen(api):
    kinds = _types(api)
    with crew([3], tag="tpc") as (tech,), frozen(shanghai("2031-03-15T10:00:00")):
        username = tech["username"]
        made = _cert(api, username, type=kinds[0], number="  DG-2031-1 ",
                     valid_from="2028-04-01", valid_to="2034-03-31")
        assert made.status == 201, made.body
        cert = made.body
        assert cert["number"] == "DG-2031-1" and cert["status"] == "valid"
        assert cert["type"] == kinds[0] and cert["type_name"] == _policy(api)[
            "certificate_types"][0]["name_zh"]
        assert cert["days_left"] == (date(2034, 3, 31) - date(2031, 3, 15)).days
        assert cert["version"] == 1 and cert["revoked_reason"] is None
        path = f"/api/technicians/{username}/certificates/{cert['id']}"
        # renewed, on the version seen
        body = {k: cert[k] for k in ("type", "number", "issuer", "valid_from")}
        renewed = api.call("PUT", path, "sz_manager", {**body, "valid_to": "2035-03-31",
                                                        "version": 1})
        assert renewed.status == 200, renewed.body
        assert renewed.body["valid_to"] == "2035-03-31" and renewed.body["version"] == 2
        stale = api.call("PUT", path, "hq_admin", {**body, "valid_to": "2036-03-31",
                                                    "version": 1})
        assert stale.status == 409 and stale.error["code"] == "stale_version"
        # revoked with a reason: it stays in the file as revoked
        revoked = api.post(f"{path}/revoke", "hq_admin", {"reason": "证书被吊销", "version": 2})
        assert revoked.status == 200, revoked.body
        assert revoked.body["status"] == "revoked"
        assert revoked.body["revoked_reason"] == "证书被吊销"
        again = api.post(f"{path}/revoke", "sz_manager", {"reason": "再次", "version": 3})
        assert again.status == 409 and again.error["code"] == "certificate_revoked"
        edit = api.call("PUT", path, "sz_manager", {**body, "valid_to": "2036-03-31",
                                                     "version": 3})
        assert edit.status == 409 and edit.error["code"] == "certificate_revoked"
        [kept] = _file(api, username)["certificates"]
        assert kept["id"] == cert["id"] and kept["status"] == "revoked"
        # the audit trail: one immutable entry per change, with the fields before and after
        from chalicelib.modules.technicians import keys
        from chalicelib.modules.technicians.models import CertificateEvent

        events = list(CertificateEvent.query(keys.person_pk(username),
                                             CertificateEvent.sk.startswith(keys.EVENT_PREFIX)))
        assert [(e.action, e.by) for e in events] == [
            ("added", "sz_manager"), ("edited", "sz_manager"), ("revoked", "hq_admin")]
        assert events[1].data["before"]["valid_to"] == "2034-03-31"
        assert events[1].data["after"]["valid_to"] == "2035-03-31"
        # a missing certificate, a path that is no certificate id
        missing = api.call("PUT", f"/api/technicians/{username}/certificates/crt_0000000000ff",
                           "sz_manager", {**body, "valid_to": "2036-03-31", "version": 1})
        assert missing.status == 404
        bad = api.post(f"/api/technicians/{username}/certificates/nope/revoke", "sz_manager",
                       {"reason": "x", "version": 1})
        assert bad.status == 400 and "certificate_id" in bad.error["fields"]


def test_a_certificate_names_what_is_wrong(api):
    with crew([3], tag="tpd") as (tech,):
        username = tech["username"]
        cases = [({"type": "no_such_type"}, "type"), ({"type": "Bad Type"}, "type"),
                 ({"valid_from": "2026-13-01"}, "valid_from"), ({"valid_to": "31/10/2026"},
                                                                 "valid_to"),
                 ({"valid_from": "2026-11-01", "valid_to": "2026-10-31"}, "valid_to"),
                 ({"number": ""}, "number"), ({"number": "   "}, "number"),
                 ({"issuer": " "}, "issuer")]
        for change, field in cases:
            reply = _cert(api, username, **change)
            assert reply.status == 400, (change, reply.body)
            assert field in reply.error["fields"], (change, reply.error)
        missing = api.post(f"/api/technicians/{username}/certificates", "sz_manager", {})
        assert missing.status == 400
        assert {"type", "number", "issuer", "valid_from", "valid_to"} <= set(missing.error["fields"])
        assert _file(api, username)["certificates"] == []
        # certificates are technicians': a manager has none to enter
        assert _cert(api, "sz_agent", "hq_admin").status == 404


def test_a_certificate_status_follows_the_outlets_local_date(api):
    kinds = _types(api)
    with crew([3], tag="tpe") as (tech,):
        username = tech["username"]
        with frozen(shanghai("2026-10-01T09:00:00")):
            made = _cert(api, username, type=kinds[0], number="DG-LOCAL", valid_from="2023-11-01",
                         valid_to="2026-10-31")
            assert made.status == 201, made.body
            warn = api.get("/api/technicians/certificates/expiring?outlet=SZ",
                           "sz_manager").body["warn_days"]
            assert made.body["days_left"] == 30
            assert made.body["status"] == ("expiring" if warn >= 30 else "valid")

        def seen_at(moment):
            with frozen(moment):
                [cert] = _file(api, username)["certificates"]
                return cert["status"], cert["days_left"]

        # 23:30 on 31 October in Shanghai is still 31 October there (15:30 UTC)
        assert seen_at(shanghai("2026-10-31T23:30:00")) == ("expiring", 0)
        # half an hour later it is 1 November in Shanghai (still 31 October in UTC): expired
        assert seen_at(shanghai("2026-11-01T00:30:00")) == ("expired", -1)
        assert seen_at(shanghai("2026-11-23T10:00:00")) == ("expired", -23)


def test_the_expiry_list_is_soonest_first_and_the_outlets_own(api):
    today = date(2033, 6, 15)
    kinds = _types(api)
    with crew([3, 4], tag="tpf") as (a, b), crew([3], outlet="CD", tag="tpf") as (c,), \
            frozen(shanghai("2033-06-15T09:00:00")):
        warn = api.get("/api/technicians/certificates/expiring?outlet=SZ",
                       "sz_manager").body["warn_days"]
        ends = {  # who, days from today
            "expired_long_ago": (a, -45), "expired_lately": (a, -5), "today": (b, 0),
            "soon": (a, 3), "at_the_edge": (b, warn), "beyond": (b, warn + 1),
            "revoked": (b, 2)}
        made = {}
        for number, (who, days) in ends.items():
            reply = _cert(api, who["username"], type=kinds[-1], number=f"EXP-{number}",
                          valid_from="2030-01-01",
                          valid_to=(today + timedelta(days=days)).isoformat())
            assert reply.status == 201, reply.body
            made[number] = reply.body
        assert _cert(api, c["username"], "cd_manager", type=kinds[-1], number="EXP-cd",
                     valid_from="2030-01-01", valid_to="2033-06-20").status == 201
        revoked = made["revoked"]
        assert api.post(f"/api/technicians/{b['username']}/certificates/{revoked['id']}/revoke",
                        "sz_manager", {"reason": "作废", "version": 1}).status == 200

        listed = api.get("/api/technicians/certificates/expiring?outlet=SZ", "sz_manager")
        assert listed.status == 200, listed.body
        items = listed.body["items"]
        assert items == sorted(items, key=lambda i: (i["valid_to"], i["username"], i["id"]))
        ours = [i["number"] for i in items if i["username"] in (a["username"], b["username"])]
        assert ours == ["EXP-expired_lately", "EXP-today", "EXP-soon", "EXP-at_the_edge"]
        lately = next(i for i in items if i["number"] == "EXP-expired_lately")
        assert (lately["status"], lately["days_left"], lately["name"]) == ("expired", -5, a["name"])
        edge = next(i for i in items if i["number"] == "EXP-at_the_edge")
        assert (edge["status"], edge["days_left"]) == ("expiring", warn)
        assert all(i["status"] in ("expiring", "expired") for i in items)
        # head office asks for an outlet (400 naming it without one), sees any
        assert api.get("/api/technicians/certificates/expiring", "hq_admin").error[
            "fields"].keys() == {"outlet"}
        cd = api.get("/api/technicians/certificates/expiring?outlet=CD", "hq_admin").body
        assert "EXP-cd" in [i["number"] for i in cd["items"]]
        assert not {i["username"] for i in cd["items"]} & {a["username"], b["username"]}
        # a manager reads their own outlet's (the parameter may name only it)
        own = api.get("/api/technicians/certificates/expiring", "cd_manager").body
        assert "EXP-cd" in [i["number"] for i in own["items"]]
        assert api.get("/api/technicians/certificates/expiring?outlet=HQ",
                       "hq_admin").status == 404
        # the outlet's list counts each person's expiring and expired certificates
        rows = {r["username"]: r for r in api.get("/api/technicians?outlet=SZ",
                                                  "sz_manager").body["items"]}
        assert (rows[a["username"]]["expiring"], rows[a["username"]]["expired"]) == (1, 2)
        assert (rows[b["username"]]["expiring"], rows[b["username"]]["expired"]) == (2, 0)
        assert rows[b["username"]]["star_level"] == 4
        assert [x["valid_to"] for x in rows[a["username"]]["certificates"]] == sorted(
            x["valid_to"] for x in rows[a["username"]]["certificates"])


# ---------------------------------------------------------------- the file's month

MONTH_START = shanghai("2029-09-10T09:00:00")


def _take(api, order: dict, tech: str, actions: list[str], at, data: dict | None = None,
          gaps: dict | None = None):
    """The crew's technician (dispatched by the manager) takes the actions, each 10 minutes
    after the previous one (or as `gaps` says); returns the order and the time of the last
    action."""
    for action in actions:
        at += (gaps or {}).get(action, timedelta(minutes=10))
        who = {"dispatch": "sz_manager", "approve_plan": "sz_manager",
               "return_visit": "sz_agent"}.get(action, tech)
        step = dict(STEP_DATA[action])
        if action == "dispatch":
            step.update(technician=tech, helpers=[])
        if action == "contact":
            step.update(contacted_at=at.isoformat(), visit_at=(at + timedelta(hours=1)).isoformat())
        if action == "check_in":
            step["arrived_at"] = at.isoformat()
        step.update((data or {}).get(action, {}))
        with frozen(at):
            if action == "complete":
                for category in order.get("evidence", {}).get("missing", []):
                    upload(api, order, tech, category=category)
            if action == "accept":
                signed = upload(api, order, tech, signature_png(), "signature", "signature",
                                "image/png")
                step["signature_id"] = signed["id"]
            reply = api.act(order, action, who, step)
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    return order, at


WORK = ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan", "complete",
        "accept"]


def _visit(overall: int) -> dict:
    return {"return_visit": {"channel": "phone", "comments": "回访",
                             "scores": {"attitude": 5, "skill": 4, "punctuality": 5,
                                        "result": overall, "overall": overall}}}


def _missed(order: dict) -> bool:
    """A clock of the work (not the return visit's) missed its deadline."""
    return any(c["status"] == "missed" for c in order["clocks"] if c["name"] != "return_visit")


def test_the_files_month_equals_a_hand_computation_from_the_orders(api, new_order):
    with crew([3], tag="tpm") as (tech,):
        username, at = tech["username"], MONTH_START
        with frozen(at):
            orders = [new_order("SZ") for _ in range(4)]
        walked = []
        for order, overall, late in zip(orders[:2], (5, 3), (None, timedelta(days=3)),
                                        strict=True):
            done, at = _take(api, order, username, [*WORK, "return_visit"], at, _visit(overall),
                             {"contact": late} if late else None)
            walked.append((done, overall))
        assert [_missed(o) for o, _ in walked] == [False, True]  # contacted 3 days late
        accepted_only, at = _take(api, orders[2], username, WORK, at)
        _take(api, orders[3], username, ["dispatch", "contact"], at)  # still open
        # the ledger: a reward and a fine this month
        with frozen(at + timedelta(hours=1)):
            for body in ({"kind": "reward", "amount_fen": 5000, "reason": "合理化建议"},
                         {"kind": "penalty", "penalty_kind": "fine", "amount_fen": 2000,
                          "reason": "未按时上传照片"}):
                entered = api.post(f"/api/staff/{username}/ledger", "sz_manager", body)
                assert entered.status == 201, entered.body
            # a complaint about them judged valid, and one judged unfounded
            for stands in (True, False):
                complaint = api.post("/api/complaints", "sz_agent", {
                    "kind": "service_attitude", "channel": "phone",
                    "complainant": {"name": "陈先生", "phone": "13911112222"},
                    "content": "技术员态度差", "demand": "道歉",
                    "about": {"staff": username, "order_id": orders[0]["id"]}})
                assert complaint.status == 201, complaint.body
                verdict = {"stands": True} if stands else {
                    "stands": False, "reason": "经核实不属实",
                    "explanation": {"text": "已向客户说明", "channel": "phone"}}
                judged = api.act_on("/api/complaints", complaint.body, "judge", "sz_manager",
                                    verdict)
                assert judged.status == 200, judged.body

            completed = [o for o, _ in walked] + [accepted_only]
            expected = {
                "month": "2029-09", "completed": len(completed),
                "on_time_rate": round(sum(not _missed(o) for o in completed) / len(completed), 4),
                "satisfaction": round(sum(s for _, s in walked) / len(walked), 2),
                "valid_complaints": 1, "penalties_fen": 2000, "rewards_fen": 5000}
            # the person themself, their outlet's manager and head office read the same file
            files = [_file(api, username, reader) for reader in (username, "sz_manager",
                                                                 "hq_admin")]
        for file in files:
            assert file["month"] == expected, file["month"]
            assert file["username"] == username and file["role"] == "technician"
        # another month holds none of it
        with frozen(at + timedelta(days=40)):
            later = _file(api, username)["month"]
        assert later["month"] == "2029-10" and later["completed"] == 0
        assert later["satisfaction"] is None and later["rewards_fen"] == 0


def test_a_star_change_to_the_level_held_is_refused_naming_the_field(api):
    with crew([3], tag="tps") as (tech,):
        file = _file(api, tech["username"])
        same = _stars(api, tech["username"], "sz_manager", 3, file["version"])
        assert same.status == 400 and list(same.error["fields"]) == ["to"], same.body
        assert _file(api, tech["username"])["stars_history"] == []
