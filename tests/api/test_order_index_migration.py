"""Orders stored before the orders had their own indexes (issue 19) move there while the app
runs (docs/deploy.md "Data migrations"): the app writes both key sets and reads the old indexes
("migrating"); `scripts/migrate_order_indexes.py copy` gives every stored order its new keys
(resuming where a stopped run ended, without moving any version); the app reads the new indexes
and still writes both ("both"), then only the new ("lean"), and `drop` takes the orders out of
the old ones — copying on the way one that an earlier release wrote after the copy passed it."""

from __future__ import annotations

from dataclasses import replace

import pytest
from pynamodb.expressions.operand import Path

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.orders import store
from chalicelib.modules.orders.models import HelperJob, WorkOrder
from scripts import migrate_order_indexes as migration
from tests.conftest import STEP_DATA, new_customer


def _as_before(order_id: str) -> None:
    """The order and its helpers' markers as the release before wrote them: the overloaded
    indexes' keys, none of their own, no list copy of the clocks (its version untouched)."""
    order = store.get_order(order_id)
    entries = store.order_keys(order)
    actions = [WorkOrder.sla.remove(),
               *(getattr(WorkOrder, name).remove() for name in store.OWN_KEY_ATTRIBUTES)]
    for name, value in store.key_values(entries, legacy=True).items():
        if value is not None:
            actions.append(getattr(WorkOrder, name).set(value))
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


def test_the_stored_orders_move_to_their_own_indexes_while_the_app_runs(api, before, monkeypatch,
                                                                      stack):
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

    # the copy, stopped after one order and run again, ends where it should; it sets the shared
    # sort key `osk` (and takes away the per-index ones osk replaced, had an order kept them)
    stamp = f"{before[0]['created_at']}#{before[0]['id']}"
    WorkOrder._get_connection().update_item(
        keys.order_pk(before[0]["id"]), "ORDER",
        actions=[Path(name).set(stamp) for name in migration.RETIRED_SORT_KEYS])
    assert migration.copy_outlet("SZ", budget=1, report=lambda _: None) == 1
    assert _raw(stack, before[0]["id"])["osk"] == {"S": stamp}
    assert not set(migration.RETIRED_SORT_KEYS) & set(_raw(stack, before[0]["id"]))
    assert _stored(before[0]["id"]).o1pk == keys.outlet_orders("SZ")
    assert _stored(before[1]["id"]).o1pk is None  # not reached yet
    assert migration.copy_outlet("SZ", report=lambda _: None) == 2  # the other two
    assert migration.copy_outlet("SZ", report=lambda _: None) == 0  # done: nothing again
    for order in before[:2]:
        stored = _stored(order["id"])
        assert int(stored.version) == order["version"]  # nobody's open form turned stale
        assert stored.o2pk == keys.outlet_state("SZ", order["state"]) and stored.sla is not None
        assert stored.osk == stored.gsi1sk == f"{order['created_at']}#{order['id']}"
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


# ---------------------------------------------------------------- one shared sort key, `osk`
# The five indexes sorted by the order's stamp <created_at>#<id> (1 by date, 2 by state, 4 a
# customer's, 5 a unit's, 7 the network's) share the order's one `osk` (issue 19: the stamp was
# written five times, ~250 B of every write of the order).

RETIRED = ("o1sk", "o2sk", "o4sk", "o5sk", "o7sk")
JUNE = "from=2011-06-01&to=2011-06-30"  # no other order of this module is of June 2011


def _raw(stack, order_id: str) -> dict:
    """The order item as stored, by attribute name."""
    import boto3

    client = boto3.client("dynamodb", endpoint_url=stack["AWS_ENDPOINT_URL"],
                          region_name=stack["AWS_REGION"])
    return client.get_item(TableName=stack["FUWU_TABLE"], ConsistentRead=True,
                           Key={"pk": {"S": keys.order_pk(order_id)}, "sk": {"S": "ORDER"}})["Item"]


def _pages(api, query: str, user: str = "sz_manager") -> list[str]:
    """Every page of one order of a list, to its end: the ids in order."""
    seen, cursor = [], None
    for _ in range(10):
        reply = api.get(f"/api/work-orders?{query}&limit=1" + (f"&cursor={cursor}" if cursor else ""),
                        user)
        assert reply.status == 200, reply.body
        assert len(reply.body["items"]) <= 1
        seen += [o["id"] for o in reply.body["items"]]
        cursor = reply.body["next_cursor"]
        if cursor is None:
            return seen
    raise AssertionError(f"{query}: the list never ended")


@pytest.fixture(scope="module")
def stamped(api):
    """Three SZ orders of a customer of their own and its unit, in June 2011, written while the
    app writes both key sets ("both"), so that every mode's reads find them."""
    from datetime import UTC, datetime

    customer = new_customer(api, "共享排序键客户", "13512340031", "T-SZ-OSK-01")
    made = []
    with pytest.MonkeyPatch.context() as patch:
        _mode(patch, "both")
        for day in (10, 12, 14):
            keys.set_clock(lambda day=day: datetime(2011, 6, day, 3, tzinfo=UTC))
            try:
                reply = api.post("/api/work-orders", "sz_agent", {
                    "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
                    "equipment_id": customer["equipment"][0]["id"], "type": "repair",
                    "priority": "general", "channel": "phone", "description": "共享排序键"})
            finally:
                keys.set_clock(None)
            assert reply.status == 201, reply.body
            made.append(reply.body)
    return {"customer": customer, "orders": made}


def test_an_order_item_carries_its_stamp_once_in_osk_not_once_per_index(api, stack, stamped,
                                                                         new_order):
    # written while migrating ("both"): the new keys, and the old indexes' with their own
    order = stamped["orders"][0]
    item = _raw(stack, order["id"])
    stamp = f"{order['created_at']}#{order['id']}"
    assert item["osk"] == {"S": stamp}
    assert [name for name in RETIRED if name in item] == []
    for n in (1, 2, 4, 5, 7):  # in each of the five, by its partition key and the one osk
        assert f"o{n}pk" in item and item[f"gsi{n}sk"] == {"S": stamp}
    assert item["o6sk"] == {"S": order["number"]} and "o3sk" not in item  # no technician yet

    # "lean" (the default): the new keys only, the stamp once, at the create and at an action
    order = new_order()
    stamp = f"{order['created_at']}#{order['id']}"
    created = _raw(stack, order["id"])
    assert api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"]).status == 200
    dispatched = _raw(stack, order["id"])
    for item in (created, dispatched):
        assert item["osk"] == {"S": stamp}
        assert [name for name in (*RETIRED, *(f"gsi{n}sk" for n in range(1, 8)))
                if name in item] == []
    assert dispatched["o3sk"] == {"S": f"OPEN#{stamp}"}


@pytest.mark.parametrize("mode", ["migrating", "both", "lean"])
def test_the_stamp_sorted_lists_read_and_page_through_the_modes_sort_key(api, stamped, monkeypatch,
                                                                         mode):
    from chalicelib.modules.orders import usecases

    _mode(monkeypatch, mode)
    monkeypatch.setattr(usecases, "_network_floor", (0.0, None))  # the orders are backdated
    expected = {n: (f"gsi{n}sk" if mode == "migrating" else
                    "osk" if n in (1, 2, 4, 5, 7) else f"o{n}sk") for n in range(1, 8)}
    assert {n: store.order_sort_key(n).attr_name for n in range(1, 8)} == expected

    first, second, third = (o["id"] for o in stamped["orders"])
    newest_first = [third, second, first]
    customer = stamped["customer"]
    by_date = _pages(api, f"outlet=SZ&{JUNE}")  # orders1 (a sort-key range)
    assert by_date == newest_first
    assert _pages(api, f"outlet=SZ&state=received&{JUNE}") == newest_first  # orders2
    assert _pages(api, f"customer={customer['id']}") == newest_first  # orders4
    assert _pages(api, f"equipment={customer['equipment'][0]['id']}") == newest_first  # orders5
    assert _pages(api, JUNE, "hq_admin") == newest_first  # orders7, the network's June
