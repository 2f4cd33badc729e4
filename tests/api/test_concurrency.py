"""Optimistic locking under contention: exactly one writer wins per version."""

from __future__ import annotations

import threading
from collections import Counter

from tests.conftest import STEP_DATA, race


def test_twenty_threads_on_one_order_exactly_one_wins_per_version(api, new_order):
    order = new_order()
    barrier = threading.Barrier(20)
    results: list[tuple[int, int | None]] = []
    lock = threading.Lock()

    def contend(i: int) -> None:
        barrier.wait()
        # half try to dispatch, half to cancel: both valid from `received` at version 1
        if i % 2:
            reply = api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"], version=1)
        else:
            reply = api.act(order, "cancel", "sz_manager", STEP_DATA["cancel"], version=1)
        with lock:
            results.append((reply.status, reply.body.get("version")))

    threads = [threading.Thread(target=contend, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    statuses = Counter(status for status, _ in results)
    assert statuses == {200: 1, 409: 19}, statuses
    final = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert final["version"] == 2
    assert [e["action"] for e in final["events"]][0] == "create"
    assert len(final["events"]) == 2  # one winner, one event


def test_successive_rounds_each_have_one_winner(api, new_order):
    """Round after round, threads race with the version they all read; one wins each round."""
    order = api.act(new_order(), "dispatch", "sz_manager", STEP_DATA["dispatch"]).body
    for _round in range(4):
        action = "hold" if order["state"] != "on_hold" else "resume"
        seen = dict(order)
        replies = race(10, lambda seen=seen, action=action: api.act(
            seen, action, "sz_manager", STEP_DATA[action]))
        winners = [r for r in replies if r.status == 200]
        assert len(winners) == 1 and sum(r.status == 409 for r in replies) == 9
        assert winners[0].body["version"] == seen["version"] + 1
        order = winners[0].body
