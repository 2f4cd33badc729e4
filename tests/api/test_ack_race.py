"""A manager's acknowledgement of a breach is never undone by an order action that read the
order's clock watches before it: the action's transaction writes each watch only if it is still
at the version read, so it fails with the order's stale-version 409; the retry, reading again,
keeps the acknowledgement."""

from __future__ import annotations

from chalicelib.modules.orders import store as orders_store
from tests.conftest import STEP_DATA
from tests.sla_helpers import frozen, minutes, shanghai


def _board(api, at) -> dict:
    with frozen(at):
        reply = api.get("/api/sla/at-risk?horizon_hours=1", "sz_manager")
    assert reply.status == 200, reply.body
    return reply.body


def _row(rows: list[dict], order: dict) -> dict | None:
    found = [r for r in rows if r["order_id"] == order["id"]]
    return found[0] if found else None


def test_an_action_that_read_before_an_acknowledgement_gets_409_and_the_retry_keeps_it(
        api, new_order, monkeypatch):
    now = shanghai("2024-04-08 15:00")  # a Monday
    with frozen(now - minutes(40)):  # contact due 20 minutes after dispatch: 20 minutes late
        order = api.act(new_order(), "dispatch", "sz_manager", STEP_DATA["dispatch"]).body
    row = _row(_board(api, now)["items"], order)
    assert row["clock"]["name"] == "contact" and row["clock"]["status"] == "breached"

    # the action reads the order with its watches (version v) ...
    before_ack = orders_store.get_order_with_items(order["id"])
    assert before_ack.order.version == order["version"]
    # ... a manager acknowledges the breach meanwhile (the order's version does not move) ...
    with frozen(now):
        done = api.post("/api/sla/acknowledgements", "sz_manager", {
            "subject_kind": "work_order", "subject_id": order["id"], "clock": "contact",
            "version": row["version"], "note": "客户改约明早"})
    assert done.status == 200, done.body
    assert done.body["version"] == row["version"] + 1
    current = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert current["version"] == order["version"]

    # ... and the action writes what it read before: its order check passes (version v), the
    # watch it would put back (no acknowledgement, on the board's top) is no longer as read
    reads = iter([before_ack])
    real = orders_store.get_order_with_items
    monkeypatch.setattr(orders_store, "get_order_with_items",
                        lambda order_id: next(reads, None) or real(order_id))
    reassign = STEP_DATA["reassign"]
    with frozen(now + minutes(1)):
        raced = api.act(order, "reassign", "sz_manager", reassign)
    assert raced.status == 409, raced.body
    assert raced.error["code"] == "stale_version"
    assert raced.body["current"]["version"] == order["version"]
    board = _board(api, now + minutes(1))
    assert _row(board["items"], order) is None  # still acknowledged, not back on the top
    assert _row(board["acknowledged"], order)["acknowledgement"]["note"] == "客户改约明早"
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert detail["technician"] == "sz_tech1"  # nothing of the action was written
    assert [e["action"] for e in detail["events"]].count("reassign") == 0

    # the user retries with the version the 409 returned: it reads the watch again and keeps
    # the acknowledgement
    with frozen(now + minutes(2)):
        retried = api.act(order, "reassign", "sz_manager", reassign,
                          version=raced.body["current"]["version"])
    assert retried.status == 200, retried.body
    assert retried.body["technician"] == "sz_tech2"
    board = _board(api, now + minutes(2))
    assert _row(board["items"], order) is None
    acknowledged = _row(board["acknowledged"], order)
    assert acknowledged["acknowledgement"]["note"] == "客户改约明早"
    assert acknowledged["version"] == row["version"] + 1  # the same question: no new version
