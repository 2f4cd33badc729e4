"""The stock engine (parts/ledger.py) against the moto server: figures and ledger move together,
concurrent movements never lose one another, stock never goes below zero."""

from __future__ import annotations

import threading

import pytest

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import StaleVersion
from chalicelib.kernel.store import keys
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts import ledger
from chalicelib.modules.parts.models import Part
from tests.parts_req_helpers import ledger_sums

KEEPER = Actor("sz_warehouse", "warehouse", "SZ")


def _part(code: str, cost: int = 1000) -> str:
    now = keys.iso(keys.utc_now())
    part = Part(part_keys.part_pk(code), "PART", code=code, name=f"测试件{code}", unit="件",
                list_price_fen=cost * 2, cost_fen=cost, created_at=now, updated_at=now)
    part.save()
    return code


def _code() -> str:
    return f"T{keys.new_id('p')[-10:].upper()}"


def test_receive_then_issue_moves_figures_and_ledger_together():
    code = _part(_code())
    ledger.commit(KEEPER, [ledger.Move("SZ", code, "receive", {"on_hand": 5}, 5)])
    ledger.commit(KEEPER, [ledger.Move("SZ", code, "reserve", {"reserved": 3}, 3)])
    [stock] = ledger.commit(KEEPER, [ledger.Move("SZ", code, "issue",
                                                 {"on_hand": -3, "reserved": -3}, 3)])
    assert (stock.on_hand, stock.reserved, stock.seq) == (2, 0, 3)
    assert ledger_sums(code) == {"on_hand": 2, "reserved": 0}
    entries = ledger.entries("SZ", code, 10, None).items
    assert [e.movement for e in entries] == ["issue", "reserve", "receive"]
    assert entries[0].after["on_hand"] == 2


def test_twenty_concurrent_issues_of_two_units_exactly_two_win():
    code = _part(_code())
    ledger.commit(KEEPER, [ledger.Move("SZ", code, "receive", {"on_hand": 2}, 2)])
    barrier, results, lock = threading.Barrier(20), [], threading.Lock()

    def attempt():
        barrier.wait()
        try:
            ledger.commit(KEEPER, [ledger.Move("SZ", code, "issue", {"on_hand": -1}, 1)])
            outcome = "ok"
        except ledger.InsufficientStock:
            outcome = "short"
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results).count("ok") == 2 and results.count("short") == 18
    stock = ledger.get_stock("SZ", code)
    assert stock.on_hand == 0
    assert ledger_sums(code)["on_hand"] == 0


def test_a_failed_condition_of_the_callers_item_is_a_stale_version_and_writes_nothing():
    code = _part(_code())
    other = Part(part_keys.part_pk(code), "PART")
    with pytest.raises(StaleVersion):
        ledger.commit(KEEPER, [ledger.Move("SZ", code, "receive", {"on_hand": 4}, 4)],
                      [ledger.Update(other, [Part.name.set("x")], Part.name == "not this")])
    assert ledger.get_stock("SZ", code) is None


def test_book_at_a_time_subtracts_only_later_movements():
    code = _part(_code())
    ledger.commit(KEEPER, [ledger.Move("SZ", code, "receive", {"on_hand": 8}, 8)])
    snapshot = keys.iso(keys.utc_now())
    ledger.commit(KEEPER, [ledger.Move("SZ", code, "issue", {"on_hand": -1}, 1)])
    assert ledger.book_at("SZ", code, snapshot) == 8
    assert ledger.get_stock("SZ", code).on_hand == 7
