"""An order's transition cancelled only by a TransactionConflict (another transaction writing
one of its items at that moment, a budget booked by two acceptances at once: moto never
answers it, tests/conflict_helpers.py plays it) wrote nothing and is tried again before it is
a 409 stale_version; a create writes an Update entry of another area with its number (the
refusal of each entry named by its place in the transaction as sent) and runs the hooks'
after-commit steps, as an action does."""

from __future__ import annotations

import pytest

from chalicelib.kernel import hooks
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Update
from chalicelib.kernel.store.errors import AlreadyExists
from chalicelib.kernel.store.models import AppKey
from chalicelib.kernel.store.numbering import SeriesCounter, counter_pk, write_numbered
from chalicelib.modules.orders import store as order_store
from tests.conflict_helpers import flaky

CORRECTION = {"distance_km": 12, "reason": "客户告知在南山区"}


def test_a_transition_cancelled_by_a_conflict_alone_is_tried_again(api, new_order,
                                                                    monkeypatch):
    order = new_order()
    once, commits = flaky(failures=1)
    monkeypatch.setattr(order_store, "TransactWrite", once)
    monkeypatch.setattr(order_store, "CONFLICT_PAUSE", 0.001)
    reply = api.act(order, "correct_distance", "sz_agent", CORRECTION)
    assert reply.status == 200, reply.body
    assert len(commits) == 2 and commits[0] == commits[1]  # the same transaction, written once
    assert reply.body["version"] == order["version"] + 1
    assert [e["action"] for e in reply.body["events"]].count("correct_distance") == 1


def test_a_transition_conflicting_every_time_is_a_409_and_writes_nothing(api, new_order,
                                                                        monkeypatch):
    order = new_order()
    always, commits = flaky(failures=10**6)
    monkeypatch.setattr(order_store, "TransactWrite", always)
    monkeypatch.setattr(order_store, "CONFLICT_PAUSE", 0.001)
    reply = api.act(order, "correct_distance", "sz_agent", CORRECTION)
    assert reply.status == 409 and reply.error["code"] == "stale_version"
    assert len(commits) == order_store.CONFLICT_ATTEMPTS
    monkeypatch.undo()
    current = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert current["version"] == order["version"]


@pytest.fixture
def create_hook():
    """A test-only hook on create that writes an Update entry (a key of its own, updated in
    place) with the order and asks for a step once the order is written."""
    state: dict = {"keys": [], "after": []}

    def record(ctx: hooks.ActionContext) -> hooks.Writes:
        item = AppKey(f"TESTHOOK#{keys.new_id('k')}", "KEY")
        state["keys"].append(item)
        number = ctx.subject.number
        return hooks.Writes([Update(item, [AppKey.kind.set(AppKey), AppKey.secret.set("00"),
                                           AppKey.created_at.set(ctx.at)])],
                            after=[lambda: state["after"].append(number)])

    hook = hooks.on("work_order", ["create"], area="tests", record=record)
    yield state
    hooks.off(hook)
    for item in state["keys"]:
        item.delete()


def test_a_create_writes_an_update_entry_and_runs_the_after_steps(api, new_order, create_hook):
    order = new_order()
    assert create_hook["after"] == [order["number"]]  # once, after the order was written
    written = create_hook["keys"][-1]
    assert AppKey.get(written.pk, "KEY", consistent_read=True).secret == "00"


def test_a_numbered_write_names_each_entrys_refusal_by_its_place(api):
    """The entries as built (an Update first, the replay record second) are sent puts first:
    the record's refusal is named at its place, not at its index."""
    pk = counter_pk("TESTNUM", "SZ", keys.new_id("d"))
    record = f"TESTHOOK#{keys.new_id('r')}"
    touched = AppKey(f"TESTHOOK#{keys.new_id('u')}", "KEY")

    def build(number: int) -> list:
        return [Update(touched, [AppKey.kind.set(AppKey), AppKey.secret.set(f"{number:02d}"),
                                 AppKey.created_at.set("x")]),
                (AppKey(record, "KEY", secret="00", created_at="x"),
                 AppKey.pk.does_not_exist())]

    assert write_numbered(pk, build, replay=1) == 1
    assert AppKey.get(touched.pk, "KEY", consistent_read=True).secret == "01"
    with pytest.raises(AlreadyExists):
        write_numbered(pk, build, replay=1)  # the record is there: a replay, not a conflict
    assert SeriesCounter.get(pk, "COUNTER", consistent_read=True).value == 1
    for key in (record, touched.pk):
        AppKey(key, "KEY").delete()
