"""An outlet's warehouse (issue 14): the stock page (one query per page, cursor), a line's
settings at the version seen with the low flag and the warnings filter, goods received and
returned to the supplier (ledger entries), and the outlet boundary: a CD keeper can neither
read nor move SZ stock (404, check 7)."""

from __future__ import annotations

import uuid

import pytest

from chalicelib.kernel.store import keys
from chalicelib.modules.parts import reorder

HQ = "hq_admin"
KEEPER = "sz_warehouse"
STOCK = "/api/parts/warehouses/{outlet}/stock"


def _code(prefix: str = "STK") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8].upper()}"


def _part(api, code: str | None = None, cost: int = 1000) -> str:
    code = code or _code()
    reply = api.post("/api/parts", HQ, {"code": code, "name": f"接触器{code}", "unit": "个",
                                        "list_price_fen": cost * 2, "cost_fen": cost})
    assert reply.status == 201, reply.body
    return code


def _line(api, code: str, outlet: str = "SZ", user: str = KEEPER):
    return api.get(f"{STOCK.format(outlet=outlet)}/{code}", user)


def _settings(api, code: str, version: int, point: int, top: int, bin_: str | None = None,
              outlet: str = "SZ", user: str = KEEPER):
    return api.call("PUT", f"{STOCK.format(outlet=outlet)}/{code}/settings", user,
                    {"version": version, "reorder_point": point, "max_level": top, "bin": bin_})


def _move(api, code: str, movement: str, quantity: int, outlet: str = "SZ",
          user: str = KEEPER, **extra):
    return api.post(f"{STOCK.format(outlet=outlet)}/{code}/movements", user,
                    {"movement": movement, "quantity": quantity, **extra})


def test_receive_and_supplier_return_move_the_line_and_its_ledger(api):
    code = _part(api)
    empty = _line(api, code)
    assert empty.status == 200, empty.body
    assert empty.body["stock"]["on_hand"] == 0 and empty.body["ledger"] == []
    assert empty.body["part"]["code"] == code
    received = _move(api, code, "receive", 7, reference="SH-2026-001", note="验收合格")
    assert received.status == 200, received.body
    assert received.body["on_hand"] == 7 and received.body["available"] == 7
    detail = _line(api, code).body
    [entry] = detail["ledger"]
    assert entry["movement"] == "receive" and entry["quantity"] == 7
    assert entry["deltas"] == {"on_hand": 7} and entry["after"]["on_hand"] == 7
    assert entry["by"] == KEEPER and "SH-2026-001" in entry["note"]
    # nothing in the defective bin: nothing to return to the supplier
    refused = _move(api, code, "supplier_return", 1)
    assert refused.status == 409 and refused.error["code"] == "insufficient_stock"
    assert _line(api, code).body["stock"]["defective"] == 0


def test_receiving_an_order_takes_it_off_on_order(api):
    code = _part(api)
    assert _settings(api, code, 0, 5, 20).status == 200
    reorder.reorder_outlet("SZ", keys.utc_now())
    suggestion = next(s for s in api.get("/api/parts/warehouses/SZ/suggestions", KEEPER)
                      .body["items"] if s["code"] == code)
    assert suggestion["quantity"] == 20
    ordered = api.post(f"/api/parts/warehouses/SZ/suggestions/{code}/order", KEEPER,
                       {"quantity": 12, "note": "PO-7"})
    assert ordered.status == 200, ordered.body
    assert ordered.body["on_order"] == 12
    assert code not in [s["code"] for s in api.get("/api/parts/warehouses/SZ/suggestions",
                                                   KEEPER).body["items"]]
    again = api.post(f"/api/parts/warehouses/SZ/suggestions/{code}/order", KEEPER, {})
    assert again.status == 404
    received = _move(api, code, "receive", 15).body
    assert (received["on_hand"], received["on_order"]) == (15, 0)
    ledger = _line(api, code).body["ledger"]
    assert [e["movement"] for e in ledger] == ["receive", "order"]
    assert ledger[0]["deltas"] == {"on_hand": 15, "on_order": -12}


def test_settings_at_the_version_seen_set_the_low_flag_and_the_warnings_filter(api):
    code = _part(api)
    created = _settings(api, code, 0, 5, 20, "A-01-3")
    assert created.status == 200, created.body
    line = created.body
    assert (line["reorder_point"], line["max_level"], line["bin"]) == (5, 20, "A-01-3")
    assert line["version"] == 1 and line["low"] is True  # 0 on hand < 5
    low = api.get(f"/api/parts/warehouses/SZ/stock?low=true&q={code}", KEEPER).body["items"]
    assert [s["code"] for s in low] == [code]
    # again at version 0: someone else created it meanwhile
    stale = _settings(api, code, 0, 6, 20)
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    _move(api, code, "receive", 5)
    now = _line(api, code).body["stock"]
    assert now["low"] is False and now["version"] == 1  # a movement leaves the settings' version
    assert api.get(f"/api/parts/warehouses/SZ/stock?low=true&q={code}", KEEPER).body["items"] == []
    raised = _settings(api, code, 1, 8, 30).body
    assert raised["low"] is True and raised["version"] == 2 and raised["bin"] is None
    low = api.get(f"/api/parts/warehouses/SZ/stock?low=true&q={code}", KEEPER).body["items"]
    assert [s["code"] for s in low] == [code]
    bad = _settings(api, code, 2, 10, 9)
    assert bad.status == 400 and list(bad.error["fields"]) == ["max_level"]


def test_the_stock_page_is_paged_by_code_with_a_sealed_cursor(api):
    stem = _code("PG")
    codes = sorted(_part(api, f"{stem}-{i}") for i in range(3))
    for code in codes:
        _move(api, code, "receive", 1)
    first = api.get(f"/api/parts/warehouses/SZ/stock?q={stem}&limit=2", KEEPER).body
    assert [s["code"] for s in first["items"]] == codes[:2] and first["next_cursor"]
    second = api.get(f"/api/parts/warehouses/SZ/stock?q={stem}&limit=2&cursor="
                     f"{first['next_cursor']}", KEEPER).body
    assert [s["code"] for s in second["items"]] == codes[2:]
    # the cursor is bound to its caller and query
    other = api.get(f"/api/parts/warehouses/SZ/stock?q={stem}&limit=2&cursor="
                    f"{first['next_cursor']}", "sz_manager")
    assert other.status == 400 and "cursor" in other.error["fields"]
    # head office reads any outlet's warehouse
    assert len(api.get(f"/api/parts/warehouses/SZ/stock?q={stem}", HQ).body["items"]) == 3


def test_bad_movement_input_is_400_naming_the_field(api):
    code = _part(api)
    for body, field in [({"movement": "issue", "quantity": 1}, "movement"),
                        ({"movement": "receive", "quantity": 0}, "quantity"),
                        ({"movement": "receive"}, "quantity")]:
        reply = api.post(f"/api/parts/warehouses/SZ/stock/{code}/movements", KEEPER, body)
        assert reply.status == 400 and field in reply.error["fields"], reply.body


def test_an_unknown_part_is_404(api):
    assert _line(api, _code("NONE")).status == 404
    assert _move(api, _code("NONE"), "receive", 1).status == 404


@pytest.mark.parametrize("user", ["cd_warehouse", "cd_manager"])
def test_another_outlets_people_can_neither_read_nor_move_sz_stock(api, user):
    code = _part(api)
    _move(api, code, "receive", 3)
    assert api.get("/api/parts/warehouses/SZ/stock", user).status == 404
    assert _line(api, code, user=user).status == 404
    assert api.get("/api/parts/warehouses/SZ/suggestions", user).status == 404
    assert _move(api, code, "receive", 1, user=user).status == 404
    assert _settings(api, code, 0, 1, 2, user=user).status == 404
    assert _line(api, code).body["stock"]["on_hand"] == 3


def test_only_the_outlets_keeper_moves_its_stock(api):
    code = _part(api)
    for user in ("sz_manager", HQ):
        assert _move(api, code, "receive", 1, user=user).status == 403
        assert _settings(api, code, 0, 1, 2, user=user).status == 403
    assert api.get(f"{STOCK.format(outlet='SZ')}/{code}", "sz_tech1").status == 403
    assert _line(api, code, user="sz_manager").status == 200
