"""The monthly cost report (issue 17 check 7): SZ's and the network's 2026-11 monthly report,
built by head office's run on 2 December (before the 4th), has the sheets 费用 and 费用明细 whose
cells are the sums of the month's fee facts — written with the events that cause them: an
order's acceptance (every accepted order), a payment, every budget booking (the acceptance's and
one by hand) and a travel claim's approval (written here through `facts.claim_entry`, the entry
the claims' approval puts in its transaction) — and a rerun gives the same bytes.

SZ's November holds other tests' facts too (orders accepted today): the expectations are what
the facts held before this module plus what it adds, computed by hand, and every cell equals
the month's facts summed by this module's own arithmetic."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta

import pytest
import requests
from openpyxl import load_workbook

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.models import Item
from chalicelib.modules.fees import facts
from chalicelib.modules.fees import keys as fee_keys
from chalicelib.modules.fees.domain.charges import INTERNAL_LABOUR_FEN_PER_HOUR
from chalicelib.modules.fees.fact_models import FeeFact
from tests.conftest import STEP_DATA, actor_for, evidence_for, walk_at
from tests.parts_req_helpers import part
from tests.sla_helpers import SH, frozen, shanghai

MONTH = "2026-11"
RUN_AT = shanghai("2026-12-02T09:00:00")  # head office builds November before the 4th
SZ_NAME = "深圳服务站"
TO_COMPLETE = ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
               "complete"]
# 费用's columns after 网点, as this module computes them (fen; counts as they are)
COLUMNS = ["install_persons", "install_days", "install_cost", "contract_guidance",
           "dispatch_persons", "dispatch_days", "dispatch_cost", "material", "transport",
           "total", "collected", "budget_used"]
COUNTS = ("install_persons", "install_days", "dispatch_persons", "dispatch_days")


# ---------------------------------------------------------------- by hand

def month_facts(outlet: str) -> list[FeeFact]:
    """The outlet-month's fee facts, read here with the key the facts are written under."""
    return [f for f in Item.query(f"FEEFACT#{outlet}#{MONTH}", consistent_read=True)
            if isinstance(f, FeeFact)]


def by_hand(found: list[FeeFact]) -> dict[str, int]:
    """The cost sheet's figures summed from the facts: installation orders (and claims on
    installation orders) on one side, every other order on the dispatch side; claims'
    transport as transport, their other amounts as the side's cost; contract guidance (the
    whole cost of installations under contract — labour and parts — and of such claims,
    transport included) left out of the total."""
    s = dict.fromkeys(COLUMNS, 0)
    for fact in found:
        d = fact.data
        if fact.fact == "order":
            side = "install" if d["type"] == "installation" else "dispatch"
            s[f"{side}_persons"] += d["persons"]
            s[f"{side}_days"] += d["days"]
            s[f"{side}_cost"] += d["labour_cost_fen"]
            s["material"] += d["material_cost_fen"]
            if d["contract_guidance"]:  # the whole cost of the contract's guidance
                s["contract_guidance"] += d["labour_cost_fen"] + d["material_cost_fen"]
        elif fact.fact == "claim":
            side = "install" if d["installation"] else "dispatch"
            other = sum(v for k, v in d["by_category"].items() if k != "transport")
            s[f"{side}_cost"] += other
            s["transport"] += d["by_category"]["transport"]
            if d["contract_guidance"]:
                s["contract_guidance"] += other + d["by_category"]["transport"]
        elif fact.fact == "payment":
            s["collected"] += d["amount_fen"]
        elif fact.fact == "booking":
            s["budget_used"] += d["amount_fen"]
    s["total"] = (s["install_cost"] + s["dispatch_cost"] + s["material"] + s["transport"]
                  - s["contract_guidance"])
    return s


def as_cells(figures: dict[str, int]) -> list:
    """The figures as 费用 shows them: counts as numbers, money in 元."""
    return [figures[c] if c in COUNTS else round(figures[c] / 100, 2) for c in COLUMNS]


# ---------------------------------------------------------------- the fixture

def _fresh_budget(outlet: str, year: int) -> None:
    """The outlet-year's budget deleted (as tests/api/test_budgets.py does): a spend by hand
    is not refused by a budget another test stopped."""
    pk, sk = fee_keys.budget_key(outlet, year)
    for item in Item.query(pk, Item.sk.startswith(sk), consistent_read=True):
        item.delete()


def _order(api, unit: bool = True, **fields) -> dict:
    """An SZ order; without its unit (`unit=False`) the coverage is the one entered by hand."""
    from tests.conftest import customer_of

    customer = customer_of(api, "SZ")
    equipment = {"equipment_id": customer["equipment"][0]["id"]} if unit else {}
    reply = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "site_id": customer["sites"][0]["id"], **equipment,
        "type": "repair", "priority": "general", "channel": "phone",
        "description": "费用月报测试", **fields})
    assert reply.status == 201, reply.body
    return reply.body


def _accept(api, order: dict, at) -> dict:
    with frozen(at):
        data = evidence_for(api, order, "accept", actor_for("accept"), STEP_DATA["accept"])
        reply = api.act(order, "accept", actor_for("accept"), data)
    assert reply.status == 200, reply.body
    return reply.body


def _sheet(api, order: dict, lines: list[dict], at) -> dict:
    with frozen(at):
        reply = api.call("PUT", f"/api/work-orders/{order['id']}/fees", "sz_manager",
                         {"version": 0, "lines": lines})  # who sees the internal cost
    assert reply.status == 200, reply.body
    assert reply.body["state"] == "approved"
    return reply.body


def _claim(claim_id: str, number: str, at, by_category: dict, installation: bool,
           contract: bool, category: str) -> None:
    total = sum(by_category.values())
    transact([facts.claim_entry("SZ", claim_id, number, kernel_keys.iso(at), by_category,
                                installation, contract, category, total, 20000, "sz_tech1")])


@pytest.fixture(scope="module")
def november(api):
    """SZ's November before this module, then: a repair (2 persons, on site 9–10 Nov) with a
    saved sheet — 3 h labour, 2 catalogue parts, a trip — accepted and paid 500元; a contract
    installation (2 persons, one day) with 4 h labour accepted; a repair with no fees
    accepted after 3 days; 123.45元 spent by hand; two travel claims approved."""
    before = month_facts("SZ")
    _fresh_budget("SZ", 2026)
    spare = part(api, price=8000, cost=5000)

    start = shanghai("2026-11-09T09:00:00")
    with frozen(start):
        repair = _order(api)
    repair, done_at = walk_at(api, repair, start, TO_COMPLETE)
    repair_sheet = _sheet(api, repair, [
        {"kind": "labour", "quantity": 3},
        {"kind": "part", "part_code": spare["code"], "quantity": 2},
        {"kind": "travel", "quantity": 100}, {"kind": "lodging", "quantity": 1}],
        done_at + timedelta(minutes=5))
    repair = _accept(api, repair, done_at + timedelta(days=1))
    with frozen(done_at + timedelta(days=1, hours=1)):
        paid = api.post(f"/api/work-orders/{repair['id']}/payments", "sz_agent", {
            "amount_fen": 50000, "method": "transfer", "reference": "TX-COST-REPORT"})
    assert paid.status == 201, paid.body

    start = shanghai("2026-11-11T09:00:00")
    with frozen(start):
        install = _order(api, unit=False, type="installation", coverage="contract")
    assert install["coverage"] == "contract"
    install, done_at = walk_at(api, install, start, TO_COMPLETE)
    install_sheet = _sheet(api, install, [{"kind": "labour", "quantity": 4}],
                           done_at + timedelta(minutes=5))
    install = _accept(api, install, done_at + timedelta(minutes=30))

    start = shanghai("2026-11-12T09:00:00")
    with frozen(start):
        bare = _order(api)
    bare, done_at = walk_at(api, bare, start, TO_COMPLETE)
    bare = _accept(api, bare, done_at + timedelta(days=2))

    with frozen(shanghai("2026-11-12T15:00:00")):
        spent = api.post("/api/budgets/SZ/2026/spend", "sz_manager",
                         {"category": "training", "amount_fen": 12345, "note": "费用月报测试"})
    assert spent.status == 200, spent.body

    tag = uuid.uuid4().hex[:8]
    claims = {"install": (f"clm_{tag}a", f"BX-SZ-2026-T{tag[:4]}A"),
              "dispatch": (f"clm_{tag}b", f"BX-SZ-2026-T{tag[:4]}B")}
    at = shanghai("2026-11-13T10:00:00")
    install_trip = {"transport": 30000, "lodging": 20000, "meals": 6000, "allowance": 10000}
    _claim(*claims["install"], at, install_trip, True, True, "support")
    # approved twice (a retried approval): its fact is replaced, not added
    _claim(*claims["install"], at, install_trip, True, True, "support")
    _claim(*claims["dispatch"], at, {"transport": 15000, "other": 4000}, False, False, "repair")
    _fresh_budget("SZ", 2026)
    return {"before": before, "repair": repair, "repair_sheet": repair_sheet,
            "install": install, "install_sheet": install_sheet, "bare": bare,
            "payment": paid.body, "claims": claims}


def _run(api) -> dict[str, bytes]:
    """Head office runs November on 2 December: SZ's and the network's files, downloaded."""
    with frozen(RUN_AT):
        reply = api.post(f"/api/monthly-reports/{MONTH}/run", "hq_admin")
    assert reply.status == 200, reply.body
    items = {i["scope"]: i for i in reply.body["items"]}
    files = {}
    for scope in ("SZ", "NETWORK"):
        got = requests.get(items[scope]["url"], timeout=30)
        assert got.status_code == 200
        files[scope] = got.content
    return files


@pytest.fixture(scope="module")
def built(api, november) -> dict:
    first = _run(api)
    return {"first": first, "again": _run(api)}


def _rows(content: bytes, sheet: str) -> list[tuple]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return list(book[sheet].iter_rows(values_only=True))


# ---------------------------------------------------------------- the checks

def test_every_event_writes_its_fee_fact_in_its_outlet_month(november):
    found = {f.sk: f for f in month_facts("SZ")}
    repair, install, bare = november["repair"], november["install"], november["bare"]
    for order in (repair, install, bare):  # every accepted order, with fees or none
        assert found[f"ORDER#{order['id']}"].data["number"] == order["number"]
    assert found[f"PAY#{november['payment']['id']}"].data["amount_fen"] == 50000
    bookings = [f for f in found.values() if f.fact == "booking"
                and (f.data.get("source_id") in (repair["id"], install["id"])
                     or f.data.get("source_kind") == "manual" and f.data["amount_fen"] == 12345)]
    assert sorted(f.data["amount_fen"] for f in bookings) == sorted([
        november["repair_sheet"]["cost_fen"], november["install_sheet"]["cost_fen"], 12345])
    claim_id = november["claims"]["install"][0]
    assert sum(1 for sk in found if sk == f"CLAIM#{claim_id}") == 1  # replaced, not added
    # an order without fees: its persons and days, nothing else
    plain = found[f"ORDER#{bare['id']}"].data
    assert (plain["persons"], plain["days"], plain["cost_fen"]) == (2, 2 * 3, 0)


def test_check_7_the_cost_sheet_is_the_sum_of_the_months_fee_facts(november, built):
    # what this module added, by hand: the repair's 3 h at the internal rate and 2 parts at
    # finance's 50元 (its trip costs nothing on the sheet: the claims book trips), on site
    # 9–10 Nov with a helper; the installation's 4 h, all contract guidance; the claims'
    # lodging, meals and allowance on their side, their transport apart; 500元 paid; the two
    # acceptances' bookings and 123.45元 by hand
    labour = 3 * INTERNAL_LABOUR_FEN_PER_HOUR
    install_labour = 4 * INTERNAL_LABOUR_FEN_PER_HOUR
    assert november["repair_sheet"]["cost_fen"] == labour + 2 * 5000
    assert november["install_sheet"]["cost_fen"] == install_labour
    added = {"install_persons": 2, "install_days": 2 * 1,
             "install_cost": install_labour + 36000,
             "contract_guidance": install_labour + 36000 + 30000,
             "dispatch_persons": 2 + 2, "dispatch_days": 2 * 2 + 2 * 3,
             "dispatch_cost": labour + 4000, "material": 2 * 5000, "transport": 30000 + 15000,
             "collected": 50000, "budget_used": labour + 2 * 5000 + install_labour + 12345}
    added["total"] = (added["install_cost"] + added["dispatch_cost"] + added["material"]
                      + added["transport"] - added["contract_guidance"])
    assert added["total"] == labour + 4000 + 10000 + 15000

    before, now = by_hand(november["before"]), by_hand(month_facts("SZ"))
    assert {c: now[c] - before[c] for c in COLUMNS} == added

    rows = _rows(built["first"]["SZ"], "费用")
    assert rows[0][0] == "网点" and len(rows[0]) == 1 + len(COLUMNS)
    assert rows[1:] == [(SZ_NAME, *as_cells(now))]


def test_the_networks_cost_sheet_has_every_outlet_then_the_network_total(november, built):
    from chalicelib.modules.directory import public as directory

    outlets = sorted((o for o in directory.all_outlets() if not o.is_head_office),
                     key=lambda o: o.code)
    rows = _rows(built["first"]["NETWORK"], "费用")[1:]
    assert [r[0] for r in rows] == [o.name for o in outlets] + ["全网"]
    sums = dict.fromkeys(COLUMNS, 0)
    for outlet, row in zip(outlets, rows, strict=False):
        figures = by_hand(month_facts(outlet.code))
        assert row[1:] == tuple(as_cells(figures)), outlet.code
        sums = {c: sums[c] + figures[c] for c in COLUMNS}
    assert rows[-1][1:] == tuple(as_cells(sums))
    # SZ's row is the same in its own file
    assert _rows(built["first"]["SZ"], "费用")[1] == rows[[o.code for o in outlets].index("SZ")]


def test_the_detail_sheet_has_a_row_per_fact_with_what_it_counts(november, built):
    rows = _rows(built["first"]["SZ"], "费用明细")
    header = rows[0]
    lines = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    assert len(lines) == len(month_facts("SZ"))
    repair = next(r for r in lines if r["来源"] == "工单验收"
                  and r["单号"] == november["repair"]["number"])
    assert (repair["类型"], repair["计入"], repair["人次"], repair["人天"]) == ("维修", "派工", 2, 4)
    assert (repair["人工费用（元）"], repair["材料费用（元）"]) == (180, 100)
    assert repair["应收（元）"] == november["repair_sheet"]["charge_fen"] / 100
    assert repair["时间"].strftime("%Y-%m-%d") == "2026-11-10"  # Beijing's wall clock
    install = next(r for r in lines if r["来源"] == "工单验收"
                   and r["单号"] == november["install"]["number"])
    assert (install["计入"], install["合同指导安装调试（元）"]) == ("安装调试", 240)
    claim = next(r for r in lines if r["单号"] == november["claims"]["install"][1])
    assert (claim["来源"], claim["运输费用（元）"], claim["其他差旅费用（元）"],
            claim["合同指导安装调试（元）"]) == ("差旅报销", 300, 360, 660)
    paid = next(r for r in lines if r["来源"] == "收款"
                and r["单号"] == november["repair"]["number"])
    assert (paid["类型"], paid["收款（元）"]) == ("银行转账", 500)
    manual = [r for r in lines if r["来源"] == "预算入账·手工登记" and r["预算使用（元）"] == 123.45]
    assert manual and manual[0]["类型"] == "培训费用"


def test_a_rerun_of_the_month_gives_the_same_files(built):
    for scope in ("SZ", "NETWORK"):
        assert built["again"][scope] == built["first"][scope], scope
    overview = [r[0] for r in _rows(built["first"]["SZ"], "概览")]
    assert not any("费用" in (name or "") for name in overview)  # the placeholder row is gone


def test_a_refused_acceptance_writes_no_fact(api, walk, new_order):
    """The fact is in the acceptance's transaction: a sheet waiting for the manager's approval
    refuses the acceptance and leaves no fact."""
    order = walk(new_order(), TO_COMPLETE)
    waiting = api.call("PUT", f"/api/work-orders/{order['id']}/fees", "sz_agent", {
        "version": 0, "lines": [{"kind": "labour", "quantity": 1, "waived": True}]})
    assert waiting.status == 200 and waiting.body["state"] == "pending_approval", waiting.body
    order = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    data = evidence_for(api, order, "accept", actor_for("accept"), STEP_DATA["accept"])
    refused = api.act(order, "accept", actor_for("accept"), data)
    assert refused.status == 409 and refused.error["code"] == "fees_need_approval"
    month = f"{kernel_keys.utc_now().astimezone(SH):%Y-%m}"
    assert not list(Item.query(f"FEEFACT#SZ#{month}", Item.sk == f"ORDER#{order['id']}",
                               consistent_read=True))
