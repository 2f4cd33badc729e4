"""The nightly reorder and the monthly ABC classes (issue 14, checks 5 and 7): on hand 4, on
order 0, reorder point 5, max 20 → one suggestion for 16 showing its arithmetic; the job run
twice, or twice at once, keeps one open suggestion and tells the keeper once; stock received
withdraws it; the job reads only lines changed since its last run; ABC from 12 months of
consumption value."""

from __future__ import annotations

import threading
import uuid
from datetime import timedelta

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.store import keys
from chalicelib.modules.parts import abc, jobs, ledger, reorder
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts.models import Part, Stock
from tests.conftest import inbox

HQ, KEEPER = "hq_admin", "sz_warehouse"
SZ_KEEPER = Actor("sz_warehouse", "warehouse", "SZ")


def _part(api, cost: int = 1000) -> str:
    code = f"RO{uuid.uuid4().hex[:8].upper()}"
    reply = api.post("/api/parts", HQ, {"code": code, "name": "启动机", "unit": "个",
                                        "list_price_fen": cost * 2, "cost_fen": cost})
    assert reply.status == 201, reply.body
    return code


def _low_line(api, on_hand: int = 4) -> str:
    """Check 5's line: reorder point 5, max 20, `on_hand` received, nothing on order."""
    code = _part(api)
    reply = api.call("PUT", f"/api/parts/warehouses/SZ/stock/{code}/settings", KEEPER,
                     {"version": 0, "reorder_point": 5, "max_level": 20})
    assert reply.status == 200, reply.body
    moved = api.post(f"/api/parts/warehouses/SZ/stock/{code}/movements", KEEPER,
                     {"movement": "receive", "quantity": on_hand})
    assert moved.status == 200, moved.body
    return code


def _suggestions(api, code: str) -> list[dict]:
    items = api.get("/api/parts/warehouses/SZ/suggestions", KEEPER).body["items"]
    return [s for s in items if s["code"] == code]


def _notices(api, code: str, lang: str = "zh") -> list[dict]:
    items = inbox(api, KEEPER, lang)
    return [n for n in items if n["number"] == code]


def test_one_suggestion_for_sixteen_showing_the_rule_and_one_notice(api):
    code = _low_line(api)
    report = reorder.reorder_outlet("SZ", keys.utc_now())
    assert report.created >= 1 and report.notices >= 1
    [suggestion] = _suggestions(api, code)
    assert suggestion["quantity"] == 16
    assert (suggestion["on_hand"], suggestion["on_order"], suggestion["reserved"]) == (4, 0, 0)
    assert suggestion["rule"] == "4 + 0 − 0 = 4 < 5 → 20 − 4 = 16"
    [notice] = _notices(api, code)
    assert notice["notice"] == "stock_low" and "库存预警" in notice["title"]
    assert "建议采购 16" in notice["body"] and notice["link"].endswith(f"code={code}")
    [english] = _notices(api, code, "en")
    assert "Low stock" in english["title"] and "Suggested purchase: 16" in english["body"]
    # nobody else's inbox: the outlet's keepers only
    other = inbox(api, "cd_warehouse")
    assert code not in [n["number"] for n in other]

    # run again (and the nightly entry point): still one suggestion, nobody told twice
    reorder.reorder_outlet("SZ", keys.utc_now())
    jobs.nightly({}, None)
    assert len(_suggestions(api, code)) == 1 and len(_notices(api, code)) == 1

    # stock received: no longer low, the suggestion is withdrawn
    api.post(f"/api/parts/warehouses/SZ/stock/{code}/movements", KEEPER,
             {"movement": "receive", "quantity": 12})
    report = reorder.reorder_outlet("SZ", keys.utc_now())
    assert report.withdrawn >= 1
    assert _suggestions(api, code) == []


def test_two_concurrent_runs_keep_one_suggestion_and_tell_the_keeper_once(api):
    codes = [_low_line(api) for _ in range(3)]
    now, barrier, errors = keys.utc_now(), threading.Barrier(2), []

    def run():
        barrier.wait()
        try:
            reorder.reorder_outlet("SZ", now)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    for code in codes:
        assert [s["quantity"] for s in _suggestions(api, code)] == [16]
        assert len(_notices(api, code)) == 1


def test_a_changed_line_refreshes_the_open_suggestion(api):
    code = _low_line(api)
    reorder.reorder_outlet("SZ", keys.utc_now())
    ledger.commit(SZ_KEEPER, [ledger.Move("SZ", code, "reserve", {"reserved": 2}, 2)])
    reorder.reorder_outlet("SZ", keys.utc_now())
    [suggestion] = _suggestions(api, code)
    assert suggestion["quantity"] == 18 and suggestion["rule"] == "4 + 0 − 2 = 2 < 5 → 20 − 2 = 18"
    assert len(_notices(api, code)) == 1  # refreshed, not new


def test_the_job_reads_only_lines_changed_since_its_last_run():
    outlet = f"R{uuid.uuid4().hex[:6].upper()}"
    codes = []
    for _ in range(6):
        code = f"RL{uuid.uuid4().hex[:8].upper()}"
        now = keys.iso(keys.utc_now())
        Part(part_keys.part_pk(code), "PART", code=code, name="滤芯", unit="个", list_price_fen=2,
             cost_fen=1, created_at=now, updated_at=now).save()
        ledger.commit(SZ_KEEPER, [ledger.Move(outlet, code, "receive", {"on_hand": 1}, 1)],
                      now=keys.utc_now() - timedelta(hours=2))
        codes.append(code)
    assert reorder.reorder_outlet(outlet, keys.utc_now()).read == 6
    assert reorder.reorder_outlet(outlet, keys.utc_now()).read == 0
    ledger.commit(SZ_KEEPER, [ledger.Move(outlet, codes[0], "receive", {"on_hand": 1}, 1)])
    assert reorder.reorder_outlet(outlet, keys.utc_now()).read == 1


def test_abc_classes_from_twelve_months_of_consumption_value():
    outlet = f"A{uuid.uuid4().hex[:6].upper()}"
    now = keys.utc_now()
    issued = {"top": 80, "next": 15, "rest": 5, "idle": 0, "old": 0}
    codes = {}
    for role, quantity in issued.items():
        code = f"AB{uuid.uuid4().hex[:8].upper()}"
        at = keys.iso(now)
        Part(part_keys.part_pk(code), "PART", code=code, name="轴承", unit="个",
             list_price_fen=2000, cost_fen=1000, created_at=at, updated_at=at).save()
        # "old" consumed 13 months ago: outside the window (a line's ledger times only grow,
        # so its whole history is that old)
        then = now - timedelta(days=400) if role == "old" else None
        ledger.commit(SZ_KEEPER, [ledger.Move(outlet, code, "receive", {"on_hand": 100}, 100)],
                      now=then)
        if role == "old":
            ledger.commit(SZ_KEEPER, [ledger.Move(outlet, code, "issue", {"on_hand": -90}, 90)],
                          now=then)
        if quantity:
            ledger.commit(SZ_KEEPER, [ledger.Move(outlet, code, "issue", {"on_hand": -quantity},
                                                  quantity)])
        codes[role] = code
    done = abc.classify_outlet(outlet, now)
    assert done == {"lines": 5, "consumed": 3, "changed": 5}
    classes = {role: ledger.get_stock(outlet, code).abc_class for role, code in codes.items()}
    assert classes == {"top": "A", "next": "B", "rest": "C", "idle": "C", "old": "C"}
    assert abc.classify_outlet(outlet, now)["changed"] == 0  # written only when it changes
    # the class is shown on the line; the job changed neither figures nor settings
    stock = ledger.get_stock(outlet, codes["top"])
    assert isinstance(stock, Stock) and ledger.stock_json(stock)["abc_class"] == "A"
    assert (stock.on_hand, stock.version) == (20, 0)


def test_abc_cut_offs():
    assert abc.classes({"a": 50, "b": 30, "c": 15, "d": 5, "e": 0}, 80, 15) == {
        "a": "A", "b": "A", "c": "B", "d": "C", "e": "C"}
    assert abc.months(keys.parse_iso("2026-03-01T19:00:00Z")) == ("2025-04", "2026-03")
