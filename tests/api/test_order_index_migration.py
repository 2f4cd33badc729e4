"""Orders stored before the orders had their own indexes (issue 19) move there while the app
runs (docs/deploy.md "Data migrations"): the app writes both key sets and reads the old indexes
("migrating"); `scripts/migrate_order_indexes.py copy` gives every stored order its new keys
(resuming where a stopped run ended, without moving any version); the app reads the new indexes
and still writes both ("both"), then only the new ("lean"), and `drop` takes the orders out of
the old ones — copying on the way one that an earlier release wrote after the copy passed it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.orders import store
from chalicelib.modules.orders.models import HelperJob, WorkOrder
from scripts import migrate_order_indexes as migration
from tests.conftest import STEP_DATA


def _as_before(order_id: str) -> None:
    """The order and its helpers' markers as the release before wrote them: the overloaded
    indexes' keys, none of their own, no list copy of the clocks (its version untouched)."""
    order = store.get_order(order_id)
    entries = store.order_keys(order)
    actions = [WorkOrder.sla.remove()]
    for n, entry in entries.items():
        actions += [getattr(WorkOrder, f"o{n}pk").remove(), getattr(WorkOrder, f"o{n}sk").remove()]
        if entry:
            actions += [getattr(WorkOrder, f"gsi{n}pk").set(entry[0]),
                        getattr(WorkOrder, f"gsi{n}sk").set(entry[1])]
    WorkOrder._get_connection().update_item(order.pk, order.sk, actions=actions)
    for marker in store.helper_jobs(order).values():
        HelperJob._get_connection().update_item(marker.pk, marker.sk, actions=[
            HelperJob.o3pk.remove(), HelperJob.o3sk.remove(),
            HelperJob.gsi3pk.set(marker.o3pk), HelperJob.gsi3sk.set(marker.o3sk)])


def _mode(monkeypatch, value: str) -> None:
    """FUWU_ORDER_INDEXES as the deployment sets it (the settings are read once per process)."""
    configured = replace(settings(), order_indexes=value)
    monkeypatch.setattr(store, "settings", lambda: configured)


def _listed(api, user: str = "sz_manager") -> dict[str, dict]:
    rows = api.get("/api/work-orders?limit=100", user).body["items"]
    return {row["number"]: row for row in rows}


def _stored(order_id: str) -> WorkOrder:
    return store.get_order(order_id)


@pytest.fixture(scope="module")
def before(api):
    """Three SZ orders as the release before stored them; the second dispatched to sz_tech1
    with sz_tech2 helping."""
    from tests.conftest import customer_of

    customer = customer_of(api, "SZ")
    made = []
    for text in ("迁移一", "迁移二", "迁移三"):
        reply = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "equipment_id": customer["equipment"][0]["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": text})
        assert reply.status == 201, reply.body
        made.append(reply.body)
    made[1] = api.act(made[1], "dispatch", "sz_manager", STEP_DATA["dispatch"]).body
    for order in made:
        _as_before(order["id"])
    return made


def test_the_stored_orders_move_to_their_own_indexes_while_the_app_runs(api, before, monkeypatch):
    numbers = [o["number"] for o in before]
    # the new release, not yet migrated, would not see them: why it starts out migrating
    assert not set(numbers) & set(_listed(api))

    _mode(monkeypatch, "migrating")
    listed = _listed(api)
    assert set(numbers) <= set(listed)  # read through the old indexes, whole orders as rows
    assert listed[numbers[1]]["technician"] == "sz_tech1"
    # an action meanwhile writes both key sets
    third = api.act(before[2], "dispatch", "sz_manager", {"technician": "sz_tech1"}).body
    stored = _stored(third["id"])
    assert stored.gsi1pk == stored.o1pk == keys.outlet_orders("SZ") and stored.sla

    # the copy, stopped after one order and run again, ends where it should
    assert migration.copy_outlet("SZ", budget=1, report=lambda _: None) == 1
    assert _stored(before[0]["id"]).o1pk == keys.outlet_orders("SZ")
    assert _stored(before[1]["id"]).o1pk is None  # not reached yet
    assert migration.copy_outlet("SZ", report=lambda _: None) == 2  # the other two
    assert migration.copy_outlet("SZ", report=lambda _: None) == 0  # done: nothing again
    for order in before[:2]:
        stored = _stored(order["id"])
        assert int(stored.version) == order["version"]  # nobody's open form turned stale
        assert stored.o2pk == keys.outlet_state("SZ", order["state"]) and stored.sla is not None
    helper = HelperJob.get(keys.order_pk(before[1]["id"]), "HELPER#sz_tech2")
    assert helper.o3pk == helper.gsi3pk == keys.technician_jobs("SZ", "sz_tech2")

    # the app reads its own indexes: every order is there, as a row with its running clocks
    _mode(monkeypatch, "both")
    listed = _listed(api)
    assert set(numbers) <= set(listed)
    assert [c["name"] for c in listed[numbers[0]]["clocks"]] == ["response"]
    assert "description" not in listed[numbers[0]]  # a row, not the whole order
    assert api.get(f"/api/work-orders?q={numbers[0]}", "sz_agent").body["items"][0]["id"] == \
        before[0]["id"]  # the number index
    helped = api.get("/api/my-jobs", "sz_tech2").body["items"]
    assert before[1]["id"] in [o["id"] for o in helped]  # the helper's marker, in orders3

    # still writing both: a step back to "migrating" would miss nothing
    moved = api.act(before[0], "hold", "sz_manager", STEP_DATA["hold"]).body
    assert _stored(moved["id"]).gsi2pk == keys.outlet_state("SZ", "on_hold")

    # lean; an order written meanwhile by the release before (no new keys) is copied by `drop`
    _mode(monkeypatch, "lean")
    _as_before(before[1]["id"])
    assert before[1]["number"] not in _listed(api)
    # the old keys go: stopped once, then to the end; the lists stay whole
    migration.drop_outlet("SZ", budget=1, report=lambda _: None)
    migration.drop_outlet("SZ", report=lambda _: None)
    assert [i for i in Item.gsi1.query(keys.outlet_orders("SZ")) if isinstance(i, WorkOrder)] == []
    assert HelperJob.get(keys.order_pk(before[1]["id"]), "HELPER#sz_tech2").gsi3pk is None
    assert set(numbers) <= set(_listed(api))
    assert int(_stored(before[1]["id"]).version) == before[1]["version"]
    assert api.get("/api/my-jobs", "sz_tech2").body["items"]  # the marker copied, then dropped
