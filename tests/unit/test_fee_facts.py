"""Fee facts and the monthly cost report's figures (fees domain/facts.py), and the facts' keys
(facts.py): the month in the outlet's time zone, persons and person-days, installation and
contract guidance, what each kind of fact counts in the cost sheet, the total without contract
installation guidance, the network's row. Pure: no stack (the outlet's time zone is given)."""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.modules.directory.domain import clock
from chalicelib.modules.fees import facts
from chalicelib.modules.fees.domain import facts as rules

TZ = "Asia/Shanghai"


def test_a_fact_lands_in_the_month_of_the_outlets_wall_clock():
    # facts.py files a fact under directory.local_month(outlet, at): the directory's clock
    assert clock.local_month("2026-11-30T15:59:59Z", TZ) == "2026-11"
    assert clock.local_month("2026-11-30T16:00:00Z", TZ) == "2026-12"  # 00:00 on 1 Dec, Beijing
    assert clock.local_month("2026-11-01T00:00:00Z", "Asia/Urumqi") == "2026-11"


def _on(at: str) -> date:
    return clock.local_date(at, TZ)


def test_person_days_count_calendar_days_on_site_arrival_to_acceptance_inclusive():
    # arrived 23:30 on the 9th (Beijing), accepted 08:00 on the 11th: the 9th, 10th and 11th
    assert rules.on_site_days(_on("2026-11-09T15:30:00Z"), _on("2026-11-11T00:00:00Z")) == 3
    assert rules.on_site_days(_on("2026-11-09T01:00:00Z"), _on("2026-11-09T09:00:00Z")) == 1
    assert rules.on_site_days(None, _on("2026-11-09T09:00:00Z")) == 1  # no arrival: 1 day
    # an acceptance recorded before the arrival's day (a corrected time): still 1 day
    assert rules.on_site_days(_on("2026-11-12T01:00:00Z"), _on("2026-11-10T01:00:00Z")) == 1


def _order(**over) -> dict:
    given = {"number": "WO-1", "order_type": "repair", "coverage": "paid",
             "technician": "sz_tech1", "helpers": ["sz_tech2", "sz_tech3"],
             "arrived_on": date(2026, 11, 9), "accepted_on": date(2026, 11, 10), "lines": [
                 {"kind": "labour", "cost_fen": 18000}, {"kind": "part", "cost_fen": 5000},
                 {"kind": "part", "cost_fen": 3000}, {"kind": "travel", "cost_fen": 0}],
             "charge_fen": 90000, "cost_fen": 26000}
    return rules.order_data(**{**given, **over})


def test_an_orders_fact_has_its_persons_person_days_labour_and_parts():
    data = _order()
    assert data["persons"] == 3 and data["days"] == 3 * 2
    assert (data["labour_cost_fen"], data["material_cost_fen"]) == (18000, 8000)
    assert (data["charge_fen"], data["cost_fen"]) == (90000, 26000)
    assert not data["installation"] and not data["contract_guidance"]
    # the lead named again among the helpers counts once; nobody named: one person
    assert _order(helpers=["sz_tech1"])["persons"] == 1
    assert _order(technician=None, helpers=[])["persons"] == 1


def test_contract_guidance_is_an_installation_under_contract_only():
    assert _order(order_type="installation", coverage="contract")["contract_guidance"]
    assert not _order(order_type="installation", coverage="paid")["contract_guidance"]
    assert not _order(order_type="repair", coverage="contract")["contract_guidance"]


def _claim(**over) -> dict:
    given = {"number": "BX-SZ-2026-0001", "by_category": {"transport": 30000, "lodging": 20000,
                                                          "meals": 6000, "allowance": 10000},
             "installation": False, "contract_guidance": False, "budget_category": "repair",
             "total_fen": 66000, "advance_fen": 20000, "claimant": "sz_tech1"}
    return rules.claim_data(**{**given, **over})


def test_a_claims_fact_keeps_every_category_and_refuses_an_unknown_one():
    data = _claim()
    assert data["by_category"] == {"transport": 30000, "lodging": 20000, "meals": 6000,
                                   "allowance": 10000, "other": 0}
    assert rules.claim_trip_fen(data) == (30000, 36000)
    assert not _claim(installation=False, contract_guidance=True)["contract_guidance"]
    with pytest.raises(ValueError):
        _claim(by_category={"taxi": 100})


def test_the_cost_row_adds_each_kind_where_it_counts_and_leaves_contract_guidance_out():
    month = [
        {"fact": "order", "data": _order()},  # dispatch: 3 persons, 6 person-days
        {"fact": "order", "data": _order(order_type="installation", coverage="contract",
                                         helpers=[], lines=[{"kind": "labour",
                                                             "cost_fen": 24000}])},
        {"fact": "order", "data": _order(order_type="installation", helpers=["sz_tech2"],
                                         lines=[{"kind": "labour", "cost_fen": 12000},
                                                {"kind": "part", "cost_fen": 7000}])},
        {"fact": "claim", "data": _claim(installation=True, contract_guidance=True)},
        {"fact": "claim", "data": _claim(by_category={"transport": 15000, "other": 4000})},
        {"fact": "payment", "data": {"amount_fen": 50000}},
        {"fact": "payment", "data": {"amount_fen": 1}},
        {"fact": "booking", "data": {"amount_fen": 26000}},
        {"fact": "booking", "data": {"amount_fen": 12345}},
    ]
    row = rules.cost_row(month)
    assert (row["install_persons"], row["install_days"]) == (1 + 2, 1 * 2 + 2 * 2)
    assert row["install_cost_fen"] == 24000 + 12000 + 36000
    # the whole cost of the contract's guidance: its order's labour, its claim's trip and
    # transport (the seed leaves "合同规定的指导安装调试费用" out of the total)
    assert row["contract_guidance_fen"] == 24000 + 36000 + 30000
    assert (row["dispatch_persons"], row["dispatch_days"]) == (3, 6)
    assert row["dispatch_cost_fen"] == 18000 + 4000
    assert row["material_fen"] == 8000 + 7000
    assert row["transport_fen"] == 30000 + 15000
    # installation + dispatch + material + transport − contract guidance
    assert row["total_fen"] == 72000 + 22000 + 15000 + 45000 - 90000
    assert (row["collected_fen"], row["budget_used_fen"]) == (50001, 38345)
    assert rules.cost_row([]) == rules.empty_row()


def test_the_networks_row_is_the_sum_of_its_outlets_rows():
    a = rules.cost_row([{"fact": "order", "data": _order()},
                        {"fact": "payment", "data": {"amount_fen": 700}}])
    b = rules.cost_row([{"fact": "claim", "data": _claim()}])
    total = rules.add_rows([a, b])
    assert all(total[f] == a[f] + b[f] for f in rules.ROW_FIELDS)
    assert total["total_fen"] == a["total_fen"] + b["total_fen"]


def test_each_event_has_one_fact_key_in_its_outlet_month_and_a_repeat_replaces_it(
        monkeypatch):
    monkeypatch.setattr(facts.directory, "timezone", lambda _outlet: TZ)
    first, condition = facts.claim_entry(
        "SZ", "clm_1", "BX-SZ-2026-0001", "2026-11-30T16:30:00Z", {"transport": 100}, True,
        False, "support", 100, 0, "sz_tech1")
    assert condition is None  # a put: the same claim approved again replaces its fact
    assert (first.pk, first.sk, first.month) == ("FEEFACT#SZ#2026-12", "CLAIM#clm_1", "2026-12")
    again, _ = facts.claim_entry(
        "SZ", "clm_1", "BX-SZ-2026-0001", "2026-11-30T16:31:00Z", {"transport": 100}, True,
        False, "support", 100, 0, "sz_tech1")
    assert (again.pk, again.sk) == (first.pk, first.sk)
    assert first.data["installation"] and first.data["by_category"]["transport"] == 100


def test_a_facts_json_is_stored_as_utf8():
    from chalicelib.modules.fees.fact_models import FeeFact

    text = FeeFact.data.serialize({"number": "深圳", "n": 1})
    assert text == '{"number":"深圳","n":1}'
