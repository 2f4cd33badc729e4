"""The dispatch form's ranked technicians, the manager's dispatch board and the technician's own
jobs (issue 12, items 4 and 5): counts, the ranking rule, agreed visits on the outlet's local
days, who may see what."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.modules.orders.domain import dispatching
from chalicelib.modules.sla.domain.policy import great_circle_km
from tests.workload_helpers import SITE, SZ_OUTLET, clock_at, crew, located_customer, order_for, take

# 10:00 in Shenzhen on a working Tuesday: every deadline below runs in working time
MORNING = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)


def candidates(api, order: dict, user: str = "sz_manager"):
    return api.get(f"/api/work-orders/{order['id']}/dispatch-candidates", user)


def board(api, user: str = "sz_manager", outlet: str | None = None):
    return api.get("/api/dispatch-board" + (f"?outlet={outlet}" if outlet else ""), user)


def row(items: list[dict], username: str) -> dict:
    return next(item for item in items if item["username"] == username)


def test_candidates_fewer_open_jobs_first_then_nearer_then_more_stars(api):
    with crew([5, 3, 4, 5, 5]) as (d, e, c, b, a), clock_at(MORNING):
        customer = located_customer(api)
        for _ in range(2):  # a: two jobs in hand…
            take(api, order_for(api, customer), a["username"], ["dispatch"])
        # …and one repaired (finished for a: not counted)
        take(api, order_for(api, customer), a["username"],
             ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan", "complete"])
        take(api, order_for(api, customer), b["username"], ["dispatch"])  # b: one, at the outlet
        take(api, order_for(api, customer), c["username"], ["dispatch", "contact", "check_in"],
             data={"contact": {"visit_at": "2026-03-10T02:30:00Z"},  # c: one, on site now
                   "check_in": {"geo": {"lat": SITE[0], "lng": SITE[1]}}})
        take(api, order_for(api, customer), e["username"], ["dispatch", "cancel"])  # e: cancelled
        order = order_for(api, customer)
        reply = candidates(api, order)
    assert reply.status == 200, reply.body
    items = reply.body["items"]
    mine = [i["username"] for i in items if i["username"].startswith(d["username"][:-2])]
    assert mine == [d["username"], e["username"], c["username"], b["username"], a["username"]]
    assert [row(items, p["username"])["open_jobs"] for p in (a, b, c, d, e)] == [2, 1, 1, 0, 0]
    # the whole list follows the rule, and ranks are its positions
    keys = [(i["current"], i["open_jobs"], i["distance_km"] is None, i["distance_km"] or 0,
             -(i["star_level"] or 0)) for i in items]
    assert keys == sorted(keys)
    assert [i["rank"] for i in items] == list(range(1, len(items) + 1))
    assert items[0]["recommended"] and not any(i["recommended"] for i in items[1:])
    # where each one is taken to be: c checked in at the site today, the others at the outlet
    at_outlet = great_circle_km(*SZ_OUTLET, *SITE)
    assert row(items, c["username"])["position"] == "check_in"
    assert row(items, c["username"])["position_at"] is not None
    assert row(items, c["username"])["distance_km"] == 0
    assert row(items, b["username"])["position"] == "outlet"
    assert row(items, b["username"])["distance_km"] == at_outlet
    assert row(items, d["username"])["distance_km"] == at_outlet
    # why: d leads on open jobs and stars and has no visit today; c is nearest
    assert {"fewest_jobs", "most_stars", "free_today"} <= set(row(items, d["username"])["reasons"])
    assert "nearest" in row(items, c["username"])["reasons"]
    assert "fewest_jobs" not in row(items, a["username"])["reasons"]
    assert row(items, c["username"])["today_visits"][0]["visited"] is True
    assert reply.body["site_located"] is True and reply.body["today"] == "2026-03-10"


def test_on_reassignment_the_current_technician_is_marked_and_ranked_last(api):
    with crew([3, 3]) as (one, other), clock_at(MORNING):
        customer = located_customer(api)
        order = take(api, order_for(api, customer), one["username"], ["dispatch"])
        items = candidates(api, order).body["items"]
    assert items[-1]["username"] == one["username"] and items[-1]["current"]
    assert items[-1]["reasons"][0] == "current" and not items[-1]["recommended"]
    assert not row(items, other["username"])["current"]


def test_visits_are_counted_on_the_outlets_local_day(api):
    # 01:00 on 11 March in Shenzhen is still 10 March in UTC
    night = datetime(2026, 3, 10, 17, 0, tzinfo=UTC)
    with crew([3, 3]) as (f, g), clock_at(night):
        customer = located_customer(api)
        today = take(api, order_for(api, customer), f["username"], ["dispatch", "contact"],
                     data={"contact": {"visit_at": "2026-03-10T16:30:00Z"}})  # 11 Mar 00:30 local
        take(api, order_for(api, customer), f["username"], ["dispatch", "contact"],
             data={"contact": {"visit_at": "2026-03-10T15:30:00Z"}})  # 10 Mar 23:30: yesterday
        tomorrow = take(api, order_for(api, customer), f["username"], ["dispatch", "contact"],
                        data={"contact": {"visit_at": "2026-03-12T01:30:00+08:00"}})
        voided = take(api, order_for(api, customer), f["username"], ["dispatch", "contact"],
                      data={"contact": {"visit_at": "2026-03-11T09:00:00+08:00"}})
        with clock_at(night.replace(minute=5)):
            take(api, voided, g["username"], ["reassign"])  # a new technician agrees anew
        shown = board(api).body
        picked = candidates(api, order_for(api, customer)).body
    assert shown["today"] == "2026-03-11" and shown["tomorrow"] == "2026-03-12"
    mine = row(shown["technicians"], f["username"])
    assert [v["number"] for v in mine["today"]] == [today["number"]]
    assert [v["number"] for v in mine["tomorrow"]] == [tomorrow["number"]]
    assert mine["today"][0]["visit_at"] == "2026-03-10T16:30:00Z"
    assert mine["open_jobs"] == 3 and len(mine["jobs"]) == 3
    theirs = row(shown["technicians"], g["username"])
    assert theirs["today"] == [] and theirs["open_jobs"] == 1
    assert theirs["jobs"][0]["number"] == voided["number"] and theirs["jobs"][0]["visit_at"] is None
    assert [v["number"] for v in row(picked["items"], f["username"])["today_visits"]] == [today["number"]]
    assert picked["today"] == "2026-03-11"


def test_board_lists_jobs_with_state_customer_and_site_most_urgent_first(api):
    with crew([4]) as (h,), clock_at(MORNING):
        customer = located_customer(api)
        first = take(api, order_for(api, customer), h["username"], ["dispatch"])
        with clock_at(MORNING.replace(hour=3)):
            later = take(api, order_for(api, customer), h["username"], ["dispatch"])
        waiting = order_for(api, customer)
        with clock_at(MORNING.replace(hour=4)):
            shown = board(api).body
    mine = row(shown["technicians"], h["username"])
    assert [j["number"] for j in mine["jobs"]] == [first["number"], later["number"]]
    job = mine["jobs"][0]
    assert job["state"] == "dispatched" and job["customer_name"] == customer["name"]
    assert job["site_name"] == "科技园一号楼" and job["next_due_at"] is not None
    assert mine["star_level"] == 4 and mine["name"] == h["name"]
    # the queue: orders waiting for dispatch, oldest first (this one among them unless the
    # outlet has more than the board shows)
    queue = shown["unassigned"]
    assert [u["created_at"] for u in queue] == sorted(u["created_at"] for u in queue)
    assert waiting["number"] in [u["number"] for u in queue] or shown["unassigned_more"]


def test_only_the_outlets_technicians_and_head_office_picks_the_outlet(api, new_order):
    sz = board(api).body
    names = {t["username"] for t in sz["technicians"]}
    assert {"sz_tech1", "sz_tech2", "sz_tech3"} <= names and not any(n.startswith("cd_") for n in names)
    order = new_order("SZ")
    assert not any(i["username"].startswith("cd_") for i in candidates(api, order).body["items"])
    cd = board(api, "hq_admin", "CD")
    assert cd.status == 200 and {t["username"] for t in cd.body["technicians"]} >= {"cd_tech1", "cd_tech2"}
    assert all(t["username"].startswith("cd_") for t in cd.body["technicians"])
    assert candidates(api, order, "hq_admin").status == 200
    assert board(api, "hq_admin").status == 400  # head office names the outlet


@pytest.mark.parametrize("user", ["sz_agent", "sz_tech1", "sz_support", "sz_warehouse"])
def test_only_managers_and_head_office_see_the_board(api, user):
    reply = board(api, user)
    assert reply.status == 403 and reply.error["code"] == "forbidden"


def test_refusals_of_the_candidates_and_the_board(api, new_order, walk):
    sz_order, cd_order = new_order("SZ"), new_order("CD")
    assert candidates(api, cd_order).status == 404  # another outlet's order: not found
    assert candidates(api, sz_order, "cd_manager").status == 404
    assert candidates(api, sz_order, "sz_agent").status == 403
    assigned = walk(sz_order, ["dispatch"])  # to sz_tech1
    assert candidates(api, assigned, "sz_tech1").status == 403  # their own order, not theirs to dispatch
    assert api.get("/api/work-orders/wo_nonexistent/dispatch-candidates", "sz_manager").status == 404
    assert board(api, outlet="CD").status == 404  # a manager reads their own outlet only
    bad = api.get("/api/dispatch-board?day=2026-01-01", "sz_manager")
    assert bad.status == 400 and "day" in bad.error["fields"]
    assert api.get(f"/api/work-orders/{sz_order['id']}/dispatch-candidates?x=1", "sz_manager").status == 400


def test_my_jobs_in_hand_most_urgent_first_and_finished_apart(api):
    with crew([3]) as (me,):
        tech = me["username"]
        with clock_at(MORNING):
            customer = located_customer(api)
            overdue = take(api, order_for(api, customer), tech, ["dispatch"])
        with clock_at(MORNING.replace(hour=3)):
            due_soon = take(api, order_for(api, customer), tech, ["dispatch"])
            on_the_way = take(api, order_for(api, customer), tech, ["dispatch", "contact"])
            waiting = take(api, order_for(api, customer), tech, ["dispatch", "contact", "hold"])
            repaired = take(api, order_for(api, customer), tech, [
                "dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
                "complete"])
            cancelled = take(api, order_for(api, customer), tech, ["dispatch", "cancel"])
        active = api.get("/api/my-jobs", tech)
        finished = api.get("/api/my-jobs?tab=finished", tech)
        assert api.get("/api/my-jobs?tab=everything", tech).status == 400
        assert api.get("/api/my-jobs", "sz_manager").status == 403
    assert active.status == 200 and active.body["next_cursor"] is None
    assert [o["number"] for o in active.body["items"]] == [
        overdue["number"], due_soon["number"], on_the_way["number"], waiting["number"]]
    assert {o["number"] for o in finished.body["items"]} == {repaired["number"], cancelled["number"]}
    # every job in hand is one the technician still acts on (or waits on)
    assert {o["state"] for o in active.body["items"]} <= set(dispatching.IN_HAND_STATES)
    assert active.body["items"][2]["contact"]["visit_at"] == "2026-01-01T10:00:00Z"


def test_the_ranking_rule_on_its_own():
    def cand(name, jobs, km, stars, current=False, visits=0):
        return dispatching.Candidate(name, name, stars, jobs, km, visits, current)

    ranked = dispatching.rank([cand("far", 0, 300.0, 5), cand("busy", 3, 1.0, 5),
                               cand("near", 0, 2.0, 1), cand("unknown", 0, None, 5),
                               cand("now", 0, 0.0, 5, current=True), cand("twin", 0, 2.0, 4)])
    assert [c.username for c in ranked] == ["twin", "near", "far", "unknown", "busy", "now"]
    assert ranked[0].reasons == ["fewest_jobs"]  # everyone is free today: no reason then
    assert "nearest" in ranked[4].reasons  # busy, 1 km away
    assert ranked[-1].reasons[0] == "current"


def test_every_state_after_dispatch_is_either_in_hand_or_finished():
    from chalicelib.modules.orders.domain.lifecycle import STATES

    in_hand, finished = set(dispatching.IN_HAND_STATES), set(dispatching.FINISHED_STATES)
    assert not in_hand & finished
    assert in_hand | finished == set(STATES) - {"received"}


def test_a_helper_has_the_order_among_their_jobs_until_it_is_no_longer_theirs(api):
    with crew([3, 3, 3]) as (lead, helper, other), clock_at(MORNING):
        customer = located_customer(api)
        order = take(api, order_for(api, customer), lead["username"], ["dispatch"],
                     data={"dispatch": {"helpers": [helper["username"]]}})

        def active(person):
            return [o["number"] for o in api.get("/api/my-jobs", person["username"]).body["items"]]

        def finished(person):
            reply = api.get("/api/my-jobs?tab=finished", person["username"])
            return [o["number"] for o in reply.body["items"]]

        assert active(helper) == [order["number"]] and active(lead) == [order["number"]]
        shown = board(api).body
        assert row(shown["technicians"], helper["username"])["open_jobs"] == 1
        assert [j["number"] for j in row(shown["technicians"], helper["username"])["jobs"]] == [
            order["number"]]
        assert row(candidates(api, order_for(api, customer)).body["items"],
                   helper["username"])["open_jobs"] == 1
        # reassigned to the same lead with another helper: the first one's entry goes
        order = take(api, order, lead["username"], ["reassign"],
                     data={"reassign": {"helpers": [other["username"]]}})
        assert active(helper) == [] and finished(helper) == []
        assert active(other) == [order["number"]]
        assert row(board(api).body["technicians"], helper["username"])["open_jobs"] == 0
        # cancelled: finished for the helper too
        take(api, order, lead["username"], ["cancel"])
        assert active(other) == [] and finished(other) == [order["number"]]
        assert row(board(api).body["technicians"], other["username"])["open_jobs"] == 0
