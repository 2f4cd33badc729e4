"""A work order keeps its clocks compact; each clock's detail (target, start event, explanation)
is an item of its own in the order's collection, written when the clock changes, and its levels
are its watch's (issue 19, check 2). The order's page still shows every clock whole, from the one
query of its collection; an order stored with whole clocks, as releases before wrote it, reads
the same and is made compact by its next action."""

from __future__ import annotations

import json

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.orders import store
from chalicelib.modules.orders.models import WorkOrder
from chalicelib.modules.sla import clocks as engine
from chalicelib.modules.sla.models import ClockDetail
from tests.conftest import STEP_DATA

WHOLE_ONLY = ("target", "explanation", "levels", "start_event", "notified")


def _details(order_id: str) -> dict[str, ClockDetail]:
    return {d.clock: d for d in ClockDetail.query(keys.order_pk(order_id),
                                                  ClockDetail.sk.startswith("SLACLOCK#"))}


def _manager_detail(api, order: dict, user: str = "sz_manager") -> dict:
    return api.get(f"/api/work-orders/{order['id']}", user).body


def test_the_order_keeps_its_clocks_compact_and_its_page_shows_them_whole(api, new_order, walk):
    order = walk(new_order(), ["dispatch", "contact", "check_in"])
    order = api.act(order, "hold", "sz_tech1", STEP_DATA["hold"]).body
    order = api.act(order, "resume", "sz_tech1", STEP_DATA["resume"]).body
    order = api.act(order, "extend_clock", "sz_manager",
                    {"clock": "repair", "minutes": 120, "reason": "客户要求改期"}).body

    stored = store.get_order(order["id"])
    assert set(stored.clocks) == {"response", "contact", "arrival", "repair"}
    for name, clock in stored.clocks.items():
        assert not set(WHOLE_ONLY) & set(clock), name  # compact: state, times, outcome
        assert clock["state"] in ("running", "stopped") and clock["due_at"]
    assert stored.clocks["repair"]["warning_at"] < stored.clocks["repair"]["due_at"]
    assert len(json.dumps(stored.clocks, ensure_ascii=False)) < 250 * len(stored.clocks)

    details = _details(order["id"])
    assert set(details) == set(stored.clocks)  # each clock's detail, beside the order
    assert details["repair"].detail["start_event"] == "check_in"
    assert [e["minutes"] for e in details["repair"].detail["explanation"]["extensions"]] == [120]

    # the order's page: every clock whole, as the engine had it
    shown = {c["name"]: c for c in order["clocks"]}
    assert shown == {c["name"]: c for c in _manager_detail(api, order)["clocks"]}
    repair = shown["repair"]
    assert repair["start_event"] == "check_in" and repair["target"]["amount"] > 0
    assert [e["reason"] for e in repair["explanation"]["extensions"]] == ["客户要求改期"]
    assert len(repair["explanation"]["pauses"]) == 1  # the hold, kept in the detail
    assert [lv["name"] for lv in repair["levels"]] == ["warning", "breach", "escalation"]
    assert repair["warning_at"] == stored.clocks["repair"]["warning_at"]
    contact = shown["contact"]
    assert contact["status"] in ("met", "missed") and contact["start_event"] == "dispatch"
    assert contact["levels"] and contact["target"]["note"]

    # the list and the technician's jobs: the same summaries from the compact clocks
    row = next(r for r in api.get("/api/work-orders?limit=50", "sz_manager").body["items"]
               if r["id"] == order["id"])
    job = next(j for j in api.get("/api/my-jobs", "sz_tech1").body["items"]
               if j["id"] == order["id"])
    for summaries in (row["clocks"], job["clocks"]):
        for summary in summaries:
            whole = shown[summary["name"]]
            assert {k: whole[k] for k in summary} == summary


def test_a_clock_unchanged_by_an_action_keeps_its_detail_item(api, new_order, walk):
    order = walk(new_order(), ["dispatch", "contact"])
    before = _details(order["id"])
    order = walk(order, ["check_in"])  # stops arrival, starts repair: response stays as it was
    after = _details(order["id"])
    assert after["response"].detail == before["response"].detail
    assert after["arrival"].detail == before["arrival"].detail  # stopped: the same detail
    assert "repair" in after and "repair" not in before


def _store_whole(order_id: str, keep_details: bool = False) -> dict:
    """The order as releases before issue 19 stored it: whole clocks, no detail items (or, with
    `keep_details`, those written before: a rollback to that release)."""
    found = store.get_order_with_items(order_id)
    whole = engine.whole_clocks(found.order.clocks, found.items)
    stored = {name: {k: v for k, v in clock.items() if k != "name"} | {"name": name}
              for name, clock in whole.items()}
    WorkOrder._get_connection().update_item(
        found.order.pk, found.order.sk,
        actions=[WorkOrder.clocks.set(stored)])
    for detail in _details(order_id).values() if not keep_details else ():
        Item._get_connection().delete_item(detail.pk, detail.sk)
    return stored


def test_an_order_stored_with_whole_clocks_reads_the_same_and_its_next_action_compacts_it(
        api, new_order, walk):
    order = walk(new_order(), ["dispatch", "contact", "check_in"])
    shown = _manager_detail(api, order)
    _store_whole(order["id"])
    assert not _details(order["id"])
    again = _manager_detail(api, order)
    assert again["clocks"] == shown["clocks"]  # the same clocks, read from the order itself
    assert again["version"] == shown["version"]

    after = api.act(again, "survey", "sz_tech1", STEP_DATA["survey"]).body
    stored = store.get_order(order["id"])
    assert all(not set(WHOLE_ONLY) & set(c) for c in stored.clocks.values())
    assert set(_details(order["id"])) == set(stored.clocks)  # every clock's detail written
    assert {c["name"]: c for c in after["clocks"]} == {c["name"]: c for c in shown["clocks"]}


def test_after_a_rollback_a_detail_not_its_clocks_is_written_again(api, new_order, walk):
    order = walk(new_order(), ["dispatch", "contact", "check_in"])
    shown = _manager_detail(api, order)
    stored = _store_whole(order["id"], keep_details=True)  # the release before wrote it
    stale = _details(order["id"])["contact"]
    stale.detail = {**stale.detail, "start_event": "reassign"}  # what it no longer is
    stale.save()
    assert _manager_detail(api, order)["clocks"] == shown["clocks"]  # the whole clocks rule

    api.act(shown, "survey", "sz_tech1", STEP_DATA["survey"])  # changes no clock
    assert _details(order["id"])["contact"].detail["start_event"] == "dispatch"
    assert stored["contact"]["start_event"] == "dispatch"
    again = _manager_detail(api, order)
    assert {c["name"]: c for c in again["clocks"]} == {c["name"]: c for c in shown["clocks"]}


def test_the_backfill_compacts_the_stored_orders_resumably_without_moving_a_version(
        api, new_order):
    from scripts import migrate_order_indexes as migration

    made = [api.act(new_order("CD", description=f"压缩 {n}"), "dispatch", "cd_manager",
                    {"technician": "cd_tech1"}).body for n in range(3)]
    for order in made:
        _store_whole(order["id"])
    shown = {o["id"]: _manager_detail(api, o, "cd_manager")["clocks"] for o in made}
    # a watch written before watches kept their levels: its order is left whole
    odd = store.get_order_with_items(made[2]["id"])
    watch = next(w for w in engine.watches_in(odd.items).values())
    Item._get_connection().update_item(watch.pk, watch.sk, actions=[type(watch).levels.set([])])

    assert migration.compact_outlet("CD", budget=1, report=lambda _: None) == 1  # stopped
    assert _details(made[0]["id"]) and not _details(made[1]["id"])
    lines = []
    assert migration.compact_outlet("CD", report=lines.append) >= 2  # resumed after it
    assert lines == ["CD: 2 orders' clocks kept compactly, 1 left whole (watches without "
                     "levels: their next action compacts them)"]
    assert migration.compact_outlet("CD", report=lambda _: None) == 0  # done
    for order in made:
        stored = store.get_order(order["id"])
        assert int(stored.version) == order["version"]  # nobody's open form turned stale
        compact = all(not set(WHOLE_ONLY) & set(c) for c in stored.clocks.values())
        assert compact == (order is not made[2])
        if compact:
            assert set(_details(order["id"])) == set(stored.clocks)
            assert _manager_detail(api, order, "cd_manager")["clocks"] == shown[order["id"]]


def test_in_whole_mode_the_order_keeps_whole_clocks_and_compact_mode_compacts_them(
        api, new_order, walk, monkeypatch):
    """FUWU_ORDER_CLOCKS=whole, the deploy that brings this release in: clocks stored as the
    release before reads them; back to compact, the next action compacts them."""
    from dataclasses import replace

    from chalicelib.kernel.config import settings
    from chalicelib.modules.sla import work_orders

    whole = replace(settings(), order_clocks="whole")
    monkeypatch.setattr(work_orders, "settings", lambda: whole)
    order = walk(new_order(), ["dispatch", "contact"])
    stored = store.get_order(order["id"])
    assert all(set(WHOLE_ONLY) <= set(c) and c["name"] == n for n, c in stored.clocks.items())
    assert not _details(order["id"])

    monkeypatch.undo()
    after = walk(order, ["check_in"])
    stored = store.get_order(order["id"])
    assert all(not set(WHOLE_ONLY) & set(c) for c in stored.clocks.values())
    assert set(_details(order["id"])) == set(stored.clocks)
    shown = {c["name"]: c for c in order["clocks"]}
    for clock in after["clocks"]:
        if clock["name"] in ("response", "contact"):  # stopped before: as they were
            assert clock == shown[clock["name"]]
