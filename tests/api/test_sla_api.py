"""Deadlines through the API: clocks on orders, corrections, at-risk view, inbox, policy,
calendar."""

from __future__ import annotations

from chalicelib.modules.sla.policies import DEFAULT_POLICY
from tests.conftest import STEP_DATA, customer_of
from tests.sla_helpers import frozen, minutes, shanghai


def _clock(order: dict, name: str) -> dict:
    return next(c for c in order["clocks"] if c["name"] == name)


def test_general_order_clocks_start_at_dispatch_and_stop_at_their_steps(api, new_order, walk):
    start = shanghai("2025-05-12 09:00")  # Monday
    with frozen(start):
        order = new_order()
        assert [(c["name"], c["due_at"]) for c in order["clocks"]] == [
            ("response", "2025-05-13T01:00:00.000Z")]  # general: answer within 24 h
        order = walk(order, ["dispatch"])
    assert [c["name"] for c in order["clocks"]] == ["response", "contact", "arrival"]
    contact = _clock(order, "contact")
    assert contact["target"]["amount"] == 20 and contact["start_event"] == "dispatch"
    with frozen(start + minutes(30)):
        order = api.act(order, "contact", "sz_tech1", {"contacted_at": "2025-05-12T01:30:00Z",
                                                       "visit_at": "2025-05-12T03:00:00Z"}).body
    contact = _clock(order, "contact")
    assert contact["status"] == "missed" and contact["late_seconds"] == 600
    assert _clock(order, "response")["status"] == "met"
    with frozen(start + minutes(120)):
        order = api.act(order, "check_in", "sz_tech1", {"arrived_at": "2025-05-12T03:00:00Z"}).body
    assert _clock(order, "arrival")["status"] == "met"
    repair = _clock(order, "repair")
    assert repair["basis"] == "working" and repair["due_at"] == "2025-05-15T03:00:00.000Z"
    assert order["events"][-1]["data"]["clocks"] == ["arrival", "repair"]


def test_urgent_order_arrival_is_timed_from_the_feedback(api, new_order):
    with frozen(shanghai("2025-05-12 09:00")):
        order = new_order(priority="urgent")
    arrival = _clock(order, "arrival")
    assert arrival["start_event"] == "create" and arrival["status"] == "on_track"
    assert [c["name"] for c in order["clocks"]] == ["arrival"]  # no response rule for urgent


def test_distance_from_coordinates_decides_the_arrival_target(api):
    made = api.post("/api/customers", "sz_agent", {
        "name": "坐标客户", "phone": "13000002222",
        "site": {"name": "东莞工厂", "lat": 23.0207, "lng": 113.7518}}).body
    with frozen(shanghai("2025-05-12 09:00")):
        order = api.post("/api/work-orders", "sz_agent", {
            "customer_id": made["id"], "site_id": made["sites"][0]["id"], "type": "repair",
            "priority": "urgent", "channel": "phone", "description": "停机"}).body
    assert order["distance_source"] == "coordinates" and 50 < order["distance_km"] < 80
    assert _clock(order, "arrival")["target"]["amount"] == 24  # beyond the 50 km city rule


def test_correcting_the_distance_recomputes_the_running_arrival_clock(api, new_order):
    with frozen(shanghai("2025-05-12 09:00")):
        order = new_order(priority="urgent")  # no coordinates, no distance: 72 h
        assert _clock(order, "arrival")["target"]["amount"] == 72
        reply = api.act(order, "correct_distance", "sz_agent",
                        {"distance_km": 12, "reason": "客户告知在南山区"})
    assert reply.status == 200
    order = reply.body
    arrival = _clock(order, "arrival")
    assert order["distance_km"] == 12 and order["distance_source"] == "agent"
    assert arrival["target"]["amount"] == 4 and arrival["due_at"] == "2025-05-12T05:00:00.000Z"
    assert arrival["explanation"]["adjustments"][0]["previous_due_at"] == "2025-05-15T01:00:00.000Z"
    event = order["events"][-1]
    assert event["action"] == "correct_distance" and event["data"]["previous_distance_km"] is None


def test_hold_pauses_every_running_clock_and_resume_shifts_them(api, new_order, walk):
    start = shanghai("2025-05-19 09:00")
    with frozen(start):
        order = walk(new_order(), ["dispatch"])
    with frozen(start + minutes(5)):
        order = walk(order, ["hold"])
    assert {c["status"] for c in order["clocks"]} == {"paused"}
    with frozen(start + minutes(65)):
        order = walk(order, ["resume"])
    contact = _clock(order, "contact")
    assert contact["due_at"] == "2025-05-19T02:20:00.000Z"  # 09:20 + 60 min paused = 10:20 local
    assert contact["explanation"]["pauses"][0]["shift_seconds"] == 3600


def test_manager_extends_a_clock_only_with_a_reason_and_it_is_on_the_timeline(api, new_order, walk):
    with frozen(shanghai("2025-05-26 09:00")):
        order = walk(new_order(), ["dispatch"])
        missing = api.act(order, "extend_clock", "sz_manager", {"clock": "contact", "minutes": 30})
        assert missing.status == 400 and "data.reason" in missing.error["fields"]
        assert api.act(order, "extend_clock", "sz_tech1", {
            "clock": "contact", "minutes": 30, "reason": "x"}).status == 403
        reply = api.act(order, "extend_clock", "sz_manager", {
            "clock": "contact", "minutes": 30, "reason": "客户在开会，约定 10 点后联系"})
    assert reply.status == 200
    contact = _clock(reply.body, "contact")
    assert contact["due_at"] == "2025-05-26T01:50:00.000Z"
    assert contact["explanation"]["extensions"][0]["by"] == "sz_manager"
    assert reply.body["events"][-1]["action"] == "extend_clock"
    not_started = api.act(reply.body, "extend_clock", "sz_manager", {
        "clock": "return_visit", "minutes": 30, "reason": "x"})
    assert not_started.status == 400 and "data.clock" in not_started.error["fields"]


def test_at_risk_lists_what_will_breach_soonest_first(api, new_order, walk):
    now = shanghai("2025-06-02 09:00")
    with frozen(now - minutes(17)):
        warned = walk(new_order(), ["dispatch"])
    with frozen(now - minutes(30)):
        late = walk(new_order(), ["dispatch"])
    with frozen(now):
        reply = api.get("/api/sla/at-risk?horizon_hours=1", "sz_manager")
    rows = [(r["number"], r["clock"]["name"], r["clock"]["status"]) for r in reply.body["items"]]
    ours = [r for r in rows if r[0] in (warned["number"], late["number"]) and r[1] == "contact"]
    # about to breach above breached (docs/sla.md): what can still be saved comes first
    assert ours == [(warned["number"], "contact", "at_risk"), (late["number"], "contact", "breached")]
    rank = {"at_risk": 0, "breached": 1, "on_track": 2}  # then what is due later
    order = [(rank[r["clock"]["status"]], abs(r["seconds_left"])) for r in reply.body["items"]]
    assert order == sorted(order)
    assert api.get("/api/sla/at-risk", "hq_admin").status == 400  # head office picks an outlet


def test_inbox_unread_count_and_marking_read(api, new_order):
    from chalicelib.modules.sla import sweep as sla_sweep

    start = shanghai("2025-06-09 09:00")
    with frozen(start):
        order = api.act(new_order(), "dispatch", "sz_manager", {"technician": "sz_tech3"}).body
    sla_sweep.sweep(start + minutes(18))
    mine = [n for n in api.get("/api/notifications?unread=1&limit=100", "sz_tech3").body["items"]
            if n["number"] == order["number"] and n["clock"]]  # the deadline's, not the dispatch's
    assert len(mine) == 1 and mine[0]["read"] is False
    count = api.get("/api/notifications/unread-count", "sz_tech3").body["count"]
    assert count >= 1
    assert api.post(f"/api/notifications/{mine[0]['id']}/read", "sz_tech2").status == 404
    marked = api.post(f"/api/notifications/{mine[0]['id']}/read", "sz_tech3")
    assert marked.status == 200 and marked.body["read"] is True
    assert api.get("/api/notifications/unread-count", "sz_tech3").body["count"] == count - 1
    api.post("/api/notifications/read-all", "sz_tech3")
    assert api.get("/api/notifications/unread-count", "sz_tech3").body["count"] == 0


def test_a_policy_change_applies_to_new_clocks_and_does_not_rewrite_history(api, new_order, walk):
    view = api.get("/api/sla/policy", "hq_admin").body
    with frozen(shanghai("2025-06-16 09:00")):
        before = walk(new_order(), ["dispatch"])
    slower = {**DEFAULT_POLICY, "rules": [
        {"clock": "contact", "amount": 30, "unit": "minutes", "basis": "calendar", "note": "30 分钟"},
        *DEFAULT_POLICY["rules"]]}
    saved = api.call("PUT", "/api/sla/policy", "hq_admin", {"version": view["version"], "policy": slower})
    assert saved.status == 200 and saved.body["version"] == view["version"] + 1
    stale = api.call("PUT", "/api/sla/policy", "hq_admin", {"version": view["version"], "policy": slower})
    assert stale.status == 409
    try:
        with frozen(shanghai("2025-06-16 09:00")):
            after = walk(new_order(), ["dispatch"])
        assert _clock(after, "contact")["due_at"] == "2025-06-16T01:30:00.000Z"
        assert _clock(after, "contact")["target"]["policy_version"] == saved.body["version"]
        again = api.get(f"/api/work-orders/{before['id']}", "sz_manager").body
        assert _clock(again, "contact")["due_at"] == "2025-06-16T01:20:00.000Z"
    finally:
        restored = api.call("PUT", "/api/sla/policy", "hq_admin",
                            {"version": saved.body["version"], "policy": DEFAULT_POLICY})
        assert restored.status == 200


def test_an_outlet_override_applies_to_that_outlet_only(api, new_order, walk):
    faster = {"rules": [{"clock": "contact", "amount": 10, "unit": "minutes", "basis": "calendar"}],
              "levels": DEFAULT_POLICY["levels"]}
    current = api.get("/api/sla/policy?outlet=CD", "hq_admin").body["override_version"] or 0
    assert api.call("PUT", "/api/sla/policy/outlets/CD", "hq_admin",
                    {"version": current, "policy": faster}).status == 200
    try:
        cd = api.get("/api/sla/policy?outlet=CD", "cd_manager").body
        assert cd["effective"]["rules"][0]["amount"] == 10
        with frozen(shanghai("2025-06-23 09:00")):
            order = api.act(new_order("CD"), "dispatch", "cd_manager", {"technician": "cd_tech1"}).body
            sz = walk(new_order(), ["dispatch"])
        assert _clock(order, "contact")["due_at"] == "2025-06-23T01:10:00.000Z"
        assert _clock(sz, "contact")["due_at"] == "2025-06-23T01:20:00.000Z"
    finally:
        version = api.get("/api/sla/policy?outlet=CD", "hq_admin").body["override_version"]
        api.call("PUT", "/api/sla/policy/outlets/CD", "hq_admin", {"version": version, "policy": None})


def test_bad_policy_is_400_with_field_paths(api):
    version = api.get("/api/sla/policy", "hq_admin").body["version"]
    reply = api.call("PUT", "/api/sla/policy", "hq_admin", {"version": version, "policy": {
        "rules": [{"clock": "contact", "amount": 0, "unit": "hours", "basis": "calendar"}],
        "levels": [{"name": "warning", "elapsed_ratio": 1.5, "notify": ["assignee"]}]}})
    assert reply.status == 400
    assert {"rules.0.amount", "levels.0.elapsed_ratio"} <= set(reply.error["fields"])


def test_calendar_overrides_and_the_unconfirmed_year_warning(api):
    year = api.get("/api/sla/calendar?year=2027", "sz_agent").body
    assert year["library_covers"] is False and year["confirmed"] is False
    assert {"date": "2027-01-01", "working": False, "reason": "New Year's Day",
            "reason_zh": "元旦", "source": "fallback"} in year["days"]
    saved = api.call("PUT", "/api/sla/calendar/days/2027-02-08", "hq_admin",
                     {"working": False, "reason": "春节（2027 年安排）"})
    assert saved.status == 200
    days = {d["date"]: d for d in api.get("/api/sla/calendar?year=2027", "sz_agent").body["days"]}
    assert days["2027-02-08"]["source"] == "override" and days["2027-02-08"]["working"] is False
    confirmed = api.call("PUT", "/api/sla/calendar/years/2027", "hq_admin", {"confirmed": True})
    assert confirmed.body["confirmed"] is True
    try:
        with frozen(shanghai("2027-02-05 16:00")):  # a Friday before the overridden Monday
            order = api.act(api.post("/api/work-orders", "sz_agent", {
                "customer_id": customer_of(api, "SZ")["id"], "type": "repair",
                "priority": "general", "channel": "phone", "description": "x"}).body,
                "dispatch", "sz_manager", STEP_DATA["dispatch"]).body
        assert order["state"] == "dispatched"
    finally:
        assert api.call("DELETE", "/api/sla/calendar/days/2027-02-08", "hq_admin").status == 200
        api.call("PUT", "/api/sla/calendar/years/2027", "hq_admin", {"confirmed": False})
    bad = api.call("PUT", "/api/sla/calendar/days/2027-13-40", "hq_admin",
                   {"working": False, "reason": "x"})
    assert bad.status == 400


def test_working_hours_of_an_outlet(api):
    reply = api.call("PUT", "/api/outlets/CD/working-hours", "hq_admin", {"start": "09:00", "end": "18:00"})
    assert reply.status == 200 and reply.body["working_hours"]["start"] == "09:00"
    bad = api.call("PUT", "/api/outlets/CD/working-hours", "hq_admin", {"start": "18:00", "end": "09:00"})
    assert bad.status == 400 and "end" in bad.error["fields"]
    api.call("PUT", "/api/outlets/CD/working-hours", "hq_admin", {"start": "08:30", "end": "17:30"})
