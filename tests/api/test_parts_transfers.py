"""Transfers between outlet warehouses (调拨单) through the API: sending moves stock out of the
sender into transit (visible at both outlets), receiving lands it at the receiver; only the
sending keeper sends and only the receiving keeper receives; a short sender is 409
insufficient_stock with nothing moved; both outlets and head office see a transfer, nobody
else; the ledger records every step with the transfer's id."""

from __future__ import annotations

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.store import keys
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts import ledger
from chalicelib.modules.parts.models import Part

KEEPERS = {"SZ": Actor("sz_warehouse", "warehouse", "SZ"),
           "CD": Actor("cd_warehouse", "warehouse", "CD")}


def _part(cost: int = 1500, active: bool = True) -> str:
    code = f"TR{keys.new_id('p')[-10:].upper()}"
    now = keys.iso(keys.utc_now())
    Part(part_keys.part_pk(code), "PART", code=code, name=f"调拨测试件{code[-4:]}", unit="件",
         list_price_fen=cost * 2, cost_fen=cost, active=active, created_at=now,
         updated_at=now).save()
    return code


def _stock(outlet: str, code: str, quantity: int) -> None:
    ledger.commit(KEEPERS[outlet], [ledger.Move(outlet, code, "receive",
                                                {"on_hand": quantity}, quantity)])


def _figures(outlet: str, code: str) -> dict:
    stock = ledger.get_stock(outlet, code)
    return {} if stock is None else {k: v for k, v in ledger.figures(stock).items() if v}


def _create(api, lines, user="sz_warehouse", source="SZ", target="CD", note="月度调拨"):
    return api.post("/api/parts/transfers", user, {"from_outlet": source, "to_outlet": target,
                                                   "lines": lines, "note": note})


def _act(api, transfer, action, user, version=None):
    return api.post(f"/api/parts/transfers/{transfer['id']}/actions/{action}", user,
                    {"version": version or transfer["version"], "note": f"{action} 备注"})


def test_send_and_receive_move_both_warehouses_and_transit_is_visible_to_both(api):
    a, b = _part(), _part()
    _stock("SZ", a, 5)
    _stock("SZ", b, 2)
    created = _create(api, [{"code": a.lower(), "quantity": 3}, {"code": b, "quantity": 2}])
    assert created.status == 201, created.body
    transfer = created.body
    assert transfer["state"] == "requested" and transfer["from_outlet"] == "SZ"
    assert [(line["code"], line["quantity"]) for line in transfer["lines"]] == [(a, 3), (b, 2)]
    assert transfer["allowed_actions"] == ["send", "cancel"]
    assert _figures("SZ", a) == {"on_hand": 5}  # nothing moves before it is sent

    # the receiving keeper sees it coming but cannot send it
    seen = api.get(f"/api/parts/transfers/{transfer['id']}", "cd_warehouse")
    assert seen.status == 200 and seen.body["allowed_actions"] == []
    assert _act(api, transfer, "send", "cd_warehouse").status == 403
    assert _act(api, transfer, "receive", "cd_warehouse").status == 409  # not sent yet

    sent = _act(api, transfer, "send", "sz_warehouse")
    assert sent.status == 200, sent.body
    assert sent.body["state"] == "in_transit" and sent.body["version"] == transfer["version"] + 1
    assert _figures("SZ", a) == {"on_hand": 2, "in_transit_out": 3}
    assert _figures("SZ", b) == {"in_transit_out": 2}
    assert _figures("CD", a) == {"in_transit_in": 3}
    assert _figures("CD", b) == {"in_transit_in": 2}
    # both outlets list it: out of SZ, into CD
    out = api.get("/api/parts/transfers?direction=out&limit=100", "sz_warehouse")
    incoming = api.get("/api/parts/transfers?direction=in&limit=100", "cd_manager")
    assert transfer["id"] in [t["id"] for t in out.body["items"]]
    assert transfer["id"] in [t["id"] for t in incoming.body["items"]]
    assert api.get(f"/api/parts/transfers/{transfer['id']}", "cd_warehouse").body[
        "allowed_actions"] == ["receive"]

    assert _act(api, sent.body, "receive", "sz_warehouse").status == 403
    received = _act(api, sent.body, "receive", "cd_warehouse")
    assert received.status == 200, received.body
    assert received.body["state"] == "received" and received.body["allowed_actions"] == []
    assert _figures("SZ", a) == {"on_hand": 2} and _figures("SZ", b) == {}
    assert _figures("CD", a) == {"on_hand": 3} and _figures("CD", b) == {"on_hand": 2}
    assert [(h["action"], h["by"]) for h in received.body["history"]] == [
        ("create", "sz_warehouse"), ("send", "sz_warehouse"), ("receive", "cd_warehouse")]

    # the ledger: every step with the transfer's id, at both outlets
    sz = ledger.entries("SZ", a, 10, None).items
    cd = ledger.entries("CD", a, 10, None).items
    assert [e.movement for e in sz] == ["delivered", "send", "receive"]
    assert [e.movement for e in cd] == ["arrive", "announce"]
    assert {e.refs.get("transfer_id") for e in sz[:2] + cd} == {transfer["id"]}
    assert sz[1].deltas == {"on_hand": -3, "in_transit_out": 3}
    assert cd[0].deltas == {"on_hand": 3, "in_transit_in": -3}
    # done: nothing more to do, not even twice
    assert _act(api, received.body, "receive", "cd_warehouse").status == 409


def test_a_short_sender_is_refused_and_nothing_moves(api):
    a, b = _part(), _part()
    _stock("SZ", a, 5)
    _stock("SZ", b, 1)
    transfer = _create(api, [{"code": a, "quantity": 2}, {"code": b, "quantity": 2}]).body
    refused = _act(api, transfer, "send", "sz_warehouse")
    assert refused.status == 409 and refused.error["code"] == "insufficient_stock"
    assert f"stock.{b}" in refused.error["fields"]
    assert _figures("SZ", a) == {"on_hand": 5} and _figures("SZ", b) == {"on_hand": 1}
    assert _figures("CD", a) == {}
    again = api.get(f"/api/parts/transfers/{transfer['id']}", "sz_warehouse").body
    assert again["state"] == "requested" and again["version"] == transfer["version"]


def test_who_sees_and_who_may_act(api):
    a = _part()
    _stock("SZ", a, 4)
    transfer = _create(api, [{"code": a, "quantity": 1}]).body
    path = f"/api/parts/transfers/{transfer['id']}"
    for user in ("sz_manager", "cd_manager", "cd_warehouse", "hq_admin"):
        assert api.get(path, user).status == 200, user
    # no third outlet keeper in the demo: a technician has no transfers at all
    assert api.get(path, "sz_tech1").status == 403
    assert api.get("/api/parts/transfers", "sz_tech1").status == 403
    # a manager reads but does not move stock
    assert _act(api, transfer, "send", "sz_manager").status == 403
    # another outlet's keeper cannot start a transfer out of SZ
    assert _create(api, [{"code": a, "quantity": 1}], user="cd_warehouse").status == 403
    # the version the user saw; cancelled before it is sent, it can no longer be sent
    stale = _act(api, transfer, "send", "sz_warehouse", version=transfer["version"] + 1)
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    cancelled = _act(api, transfer, "cancel", "hq_admin")
    assert cancelled.status == 200 and cancelled.body["state"] == "cancelled"
    after = _act(api, cancelled.body, "send", "sz_warehouse")
    assert after.status == 409 and after.error["code"] == "transfer_state"
    assert _figures("SZ", a) == {"on_hand": 4}


def test_head_office_creates_and_an_unknown_transfer_is_404(api):
    a = _part()
    _stock("CD", a, 3)
    created = _create(api, [{"code": a, "quantity": 3}], user="hq_admin", source="CD",
                      target="SZ")
    assert created.status == 201, created.body
    assert created.body["allowed_actions"] == ["cancel"]  # head office does not carry parts
    sent = _act(api, created.body, "send", "cd_warehouse")
    assert sent.status == 200, sent.body
    assert _figures("CD", a) == {"in_transit_out": 3} and _figures("SZ", a) == {"in_transit_in": 3}
    assert api.get("/api/parts/transfers/tr_nosuchtransfer", "hq_admin").status == 404
    listed = api.get("/api/parts/transfers?outlet=SZ&direction=in&limit=100", "hq_admin")
    assert created.body["id"] in [t["id"] for t in listed.body["items"]]
    assert api.get("/api/parts/transfers", "hq_admin").status == 400  # which outlet?
    assert api.get("/api/parts/transfers?outlet=CD", "sz_warehouse").status == 404


def test_bad_transfers_are_400_naming_the_field(api):
    a, gone = _part(), _part(active=False)
    unknown = _create(api, [{"code": a, "quantity": 1}, {"code": "NOSUCH-PART-X", "quantity": 1}])
    assert unknown.status == 400 and list(unknown.error["fields"]) == ["lines.1.code"]
    inactive = _create(api, [{"code": gone, "quantity": 1}])
    assert inactive.status == 400 and "lines.0.code" in inactive.error["fields"]
    twice = _create(api, [{"code": a, "quantity": 1}, {"code": a.lower(), "quantity": 2}])
    assert twice.status == 400 and "lines.1.code" in twice.error["fields"]
    same = _create(api, [{"code": a, "quantity": 1}], target="SZ")
    assert same.status == 400 and "to_outlet" in same.error["fields"]
    nowhere = _create(api, [{"code": a, "quantity": 1}], target="XX")
    assert nowhere.status == 400 and "to_outlet" in nowhere.error["fields"]
    # more lines than one transaction can move (each line: 2 stock lines + 2 ledger entries)
    many = _create(api, [{"code": f"{a}{i}", "quantity": 1} for i in range(21)])
    assert many.status == 400 and "lines" in many.error["fields"]
    zero = _create(api, [{"code": a, "quantity": 0}])
    assert zero.status == 400 and "lines.0.quantity" in zero.error["fields"]


def test_twenty_lines_fit_one_transaction(api):
    codes = [_part() for _ in range(20)]
    for code in codes:
        _stock("SZ", code, 1)
    transfer = _create(api, [{"code": c, "quantity": 1} for c in codes]).body
    sent = _act(api, transfer, "send", "sz_warehouse")
    assert sent.status == 200, sent.body
    received = _act(api, sent.body, "receive", "cd_warehouse")
    assert received.status == 200, received.body
    assert all(_figures("CD", c) == {"on_hand": 1} for c in codes)


def test_lists_are_newest_first_and_paged(api):
    a = _part()
    made = [_create(api, [{"code": a, "quantity": 1}]).body["id"] for _ in range(3)]
    first = api.get("/api/parts/transfers?direction=out&limit=2", "sz_warehouse")
    assert first.status == 200 and len(first.body["items"]) == 2 and first.body["next_cursor"]
    stamps = [t["created_at"] for t in first.body["items"]]
    assert stamps == sorted(stamps, reverse=True)
    second = api.get(f"/api/parts/transfers?direction=out&limit=2&cursor="
                     f"{first.body['next_cursor']}", "sz_warehouse")
    assert second.status == 200
    assert second.body["items"][0]["created_at"] <= stamps[-1]
    assert not {t["id"] for t in first.body["items"]} & {t["id"] for t in second.body["items"]}
    newest = api.get("/api/parts/transfers?direction=out&limit=100", "sz_warehouse").body
    ids = [t["id"] for t in newest["items"]]
    assert ids.index(made[2]) < ids.index(made[1]) < ids.index(made[0])
