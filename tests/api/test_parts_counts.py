"""Stock counts (盘点) through the API — the issue's check 6: a count's snapshot finds 7 where the
book said 8; an issue of 1 after the snapshot still reconciles; a variance without a reason
cannot be submitted; the manager's approval posts −1 with its reason as a ledger `adjust` entry
and stock ends at 6; the variance report shows it; approving twice (or twice at once) posts
once. Another outlet's user gets 404; head office reads any outlet's counts.

Each test finishes its count: a warehouse has one count in progress at a time."""

from __future__ import annotations

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.store import keys
from chalicelib.modules.parts import keys as part_keys
from chalicelib.modules.parts import ledger
from chalicelib.modules.parts.models import Part
from tests.conftest import race

KEEPERS = {"SZ": Actor("sz_warehouse", "warehouse", "SZ"),
           "CD": Actor("cd_warehouse", "warehouse", "CD")}
COST = 2300


def _part(cost: int = COST) -> str:
    code = f"CT{keys.new_id('p')[-10:].upper()}"
    now = keys.iso(keys.utc_now())
    Part(part_keys.part_pk(code), "PART", code=code, name=f"盘点测试件{code[-4:]}", unit="件",
         list_price_fen=cost * 2, cost_fen=cost, created_at=now, updated_at=now).save()
    return code


def _move(outlet: str, code: str, movement: str, deltas: dict, quantity: int) -> None:
    ledger.commit(KEEPERS[outlet], [ledger.Move(outlet, code, movement, deltas, quantity)])


def _base(outlet: str) -> str:
    return f"/api/parts/warehouses/{outlet}/counts"


def _start(api, outlet: str, codes=None):
    reply = api.post(_base(outlet), f"{outlet.lower()}_warehouse",
                     {"note": "月末盘点", "codes": codes})
    assert reply.status == 201, reply.body
    return reply.body


def _count(api, outlet, count, code, counted, reason=None, user=None):
    return api.call("PUT", f"{_base(outlet)}/{count['id']}/lines/{code}",
                    user or f"{outlet.lower()}_warehouse",
                    {"counted": counted, "reason": reason})


def _action(api, outlet, count, action, user, version=None):
    return api.post(f"{_base(outlet)}/{count['id']}/actions/{action}", user,
                    {"version": version or count["version"]})


def _adjustments(outlet: str, code: str) -> list:
    return [e for e in ledger.entries(outlet, code, 100, None).items if e.movement == "adjust"]


def test_a_count_reconciles_movements_after_its_snapshot_and_posts_its_variance_once(api):
    code, other = _part(), _part()
    _move("SZ", code, "receive", {"on_hand": 8}, 8)
    _move("SZ", other, "receive", {"on_hand": 3}, 3)
    count = _start(api, "SZ", [code, other])
    assert count["state"] == "counting" and count["codes"] == [code, other]
    assert count["allowed_actions"] == ["count", "submit"]

    # 10:30: an issue of 1 after the snapshot (the book now says 7)
    _move("SZ", code, "issue", {"on_hand": -1}, 1)
    assert ledger.get_stock("SZ", code).on_hand == 7

    # the keeper finds 7 of what the book said was 8 at the snapshot (lower case is the code)
    line = _count(api, "SZ", count, code.lower(), 7)
    assert line.status == 200, line.body
    assert (line.body["book"], line.body["counted"], line.body["variance"]) == (8, 7, -1)
    assert line.body["value_fen"] == -COST and line.body["posted"] is False
    assert _count(api, "SZ", count, other, 3).body["variance"] == 0

    # a variance without a reason cannot be submitted
    refused = _action(api, "SZ", count, "submit", "sz_warehouse")
    assert refused.status == 400, refused.body
    assert list(refused.error["fields"]) == [f"lines.{code}.reason"]

    # counted again, with the reason: the line is replaced
    line = _count(api, "SZ", count, code, 7, "包装破损报废一件")
    assert line.status == 200 and line.body["reason"] == "包装破损报废一件"
    submitted = _action(api, "SZ", count, "submit", "sz_warehouse")
    assert submitted.status == 200, submitted.body
    report = submitted.body["count"]
    assert report["state"] == "submitted"
    assert (report["counted_lines"], report["variance_lines"], report["variance_value_fen"]) == (
        2, 1, -COST)
    # counting stops once it is submitted; the keeper does not approve
    assert _count(api, "SZ", count, code, 6, "x").status == 409
    assert _action(api, "SZ", report, "approve", "sz_warehouse").status == 403
    assert _action(api, "SZ", report, "approve", "cd_manager").status == 404

    approved = _action(api, "SZ", report, "approve", "sz_manager")
    assert approved.status == 200, approved.body
    assert approved.body["count"]["state"] == "approved"
    assert approved.body["count"]["approved_by"] == "sz_manager"
    assert ledger.get_stock("SZ", code).on_hand == 6  # 8 − 1 issued − 1 missing
    assert ledger.get_stock("SZ", other).on_hand == 3
    [adjust] = _adjustments("SZ", code)
    assert adjust.deltas == {"on_hand": -1} and adjust.quantity == -1
    assert adjust.refs["reason"] == "包装破损报废一件" and adjust.refs["count_id"] == count["id"]
    assert adjust.by == "sz_manager"
    assert _adjustments("SZ", other) == []

    # the variance report
    detail = api.get(f"{_base('SZ')}/{count['id']}", "sz_manager")
    assert detail.status == 200
    lines = {line["code"]: line for line in detail.body["lines"]}
    assert lines[code] | {"counted_at": None} == {
        "code": code, "name": lines[code]["name"], "book": 8, "counted": 7, "variance": -1,
        "value_fen": -COST, "reason": "包装破损报废一件", "counted_by": "sz_warehouse",
        "counted_at": None, "posted": True}
    assert lines[other]["variance"] == 0 and lines[other]["posted"] is False
    assert [h["action"] for h in detail.body["count"]["history"]] == [
        "start", "submit", "approve"]

    # approving twice posts once
    again = _action(api, "SZ", report, "approve", "sz_manager")
    assert again.status == 409
    assert len(_adjustments("SZ", code)) == 1 and ledger.get_stock("SZ", code).on_hand == 6
    # head office reads any outlet's counts; another outlet's keeper does not
    assert api.get(f"{_base('SZ')}/{count['id']}", "hq_admin").status == 200
    assert api.get(f"{_base('SZ')}/{count['id']}", "cd_warehouse").status == 404
    assert api.get(_base("SZ"), "cd_manager").status == 404
    listed = api.get(_base("SZ"), "hq_admin")
    assert listed.status == 200 and listed.body["items"][0]["id"] == count["id"]


def test_two_approvals_at_once_post_each_variance_once(api):
    found, lost = _part(), _part()
    _move("CD", found, "receive", {"on_hand": 2}, 2)
    _move("CD", lost, "receive", {"on_hand": 5}, 5)
    count = _start(api, "CD")  # no sheet: any part of the catalogue
    assert count["codes"] is None
    assert _count(api, "CD", count, found, 4, "上次入库漏记").body["variance"] == 2
    assert _count(api, "CD", count, lost, 2, "丢失").body["variance"] == -3
    submitted = _action(api, "CD", count, "submit", "cd_warehouse").body["count"]

    replies = race(2, lambda: _action(api, "CD", submitted, "approve", "cd_manager"))
    assert sorted(r.status for r in replies) == [200, 409], [r.body for r in replies]
    assert len(_adjustments("CD", found)) == 1 and len(_adjustments("CD", lost)) == 1
    assert ledger.get_stock("CD", found).on_hand == 4
    assert ledger.get_stock("CD", lost).on_hand == 2
    detail = api.get(f"{_base('CD')}/{count['id']}", "cd_warehouse").body
    assert detail["count"]["state"] == "approved"
    assert detail["count"]["variance_value_fen"] == (2 - 3) * COST
    assert all(line["posted"] for line in detail["lines"])


def test_reject_returns_to_counting_and_one_count_at_a_time(api):
    code = _part()
    _move("SZ", code, "receive", {"on_hand": 1}, 1)
    count = _start(api, "SZ", [code])
    again = api.post(_base("SZ"), "sz_warehouse", {})
    assert again.status == 409 and again.error["code"] == "count_open"
    # a part off the sheet, an unknown part, a bad number: 400 naming the field
    assert _count(api, "SZ", count, _part(), 1).error["fields"].keys() == {"code"}
    assert _count(api, "SZ", count, "NO-SUCH-PART-Z", 1).status == 400
    bad = _count(api, "SZ", count, code, -1)
    assert bad.status == 400 and "counted" in bad.error["fields"]
    # only the outlet's keeper counts; nothing counted yet: nothing to submit
    assert _count(api, "SZ", count, code, 1, user="sz_manager").status == 403
    assert _count(api, "SZ", count, code, 1, user="cd_warehouse").status == 404
    empty = _action(api, "SZ", count, "submit", "sz_warehouse")
    assert empty.status == 400 and f"lines.{code}.counted" in empty.error["fields"]

    assert _count(api, "SZ", count, code, 0, "找不到").status == 200
    submitted = _action(api, "SZ", count, "submit", "sz_warehouse").body["count"]
    stale = _action(api, "SZ", submitted, "reject", "sz_manager", version=count["version"])
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    rejected = _action(api, "SZ", submitted, "reject", "sz_manager")
    assert rejected.status == 200 and rejected.body["count"]["state"] == "counting"
    assert _adjustments("SZ", code) == []
    # found after all: recounted, no variance, nothing to post
    assert _count(api, "SZ", count, code, 1).body["variance"] == 0
    resubmitted = _action(api, "SZ", rejected.body["count"], "submit", "sz_warehouse")
    assert resubmitted.status == 200, resubmitted.body
    approved = _action(api, "SZ", resubmitted.body["count"], "approve", "sz_manager")
    assert approved.status == 200 and approved.body["count"]["variance_lines"] == 0
    assert _adjustments("SZ", code) == [] and ledger.get_stock("SZ", code).on_hand == 1
    # head office reads, but does not count
    assert api.post(_base("SZ"), "hq_admin", {}).status == 403
    assert api.get(_base("SZ"), "sz_tech1").status == 403
