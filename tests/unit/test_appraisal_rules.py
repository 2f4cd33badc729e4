"""The monthly appraisal's pure rules (technicians/domain/appraisal.py) and the report
completeness that decides the service allowance base (figures/domain/kpi.py)."""

from __future__ import annotations

import pytest

from chalicelib.modules.figures.domain import kpi
from chalicelib.modules.technicians.domain import appraisal as rules
from chalicelib.modules.technicians.vocabulary import APPRAISAL_FIELDS

REPORT = {"completion": {"fault_cause": "接触器烧蚀", "solution": "更换接触器",
                         "parts_replaced": [{"name": "接触器", "quantity": 1}]},
          "acceptance": {"customer_name": "陈先生", "opinion": "满意"}}


def test_the_clocks_and_fields_agree_with_the_figures_and_the_vocabulary():
    assert rules.CLOCKS == kpi.SLA_CLOCKS
    assert rules.FIELDS == APPRAISAL_FIELDS


def test_a_complete_report_has_cause_solution_parts_or_none_and_the_customers_opinion():
    assert kpi.report_complete(REPORT)
    none_replaced = {**REPORT, "completion": {**REPORT["completion"], "parts_replaced": []}}
    assert kpi.report_complete(none_replaced)  # "none" is recorded as an empty list


@pytest.mark.parametrize("step,field,value", [
    ("completion", "fault_cause", "  "), ("completion", "solution", None),
    ("completion", "parts_replaced", None), ("acceptance", "opinion", ""),
    ("acceptance", "opinion", None)])
def test_an_incomplete_report_does_not_count(step, field, value):
    broken = {**REPORT, step: {**REPORT[step], field: value}}
    assert not kpi.report_complete(broken)
    assert not kpi.report_complete({})


def test_the_allowance_base_counts_the_completed_orders_whose_report_is_complete():
    done = [{"fact": "done", "technician": "t1", "clocks": {}, "report_complete": True},
            {"fact": "done", "technician": "t1", "clocks": {}, "report_complete": False},
            {"fact": "done", "technician": "t1", "clocks": {}}]  # written before the flag
    (row,) = kpi.technicians([], done, [], {})
    assert row["completed"] == 3 and row["allowance_base"] == 1


def _figures(**over):
    base = {"username": "t1", "completed": 4, "on_time": 3, "visits": 2, "satisfaction": 4.5,
            "repeat_repairs": 1, "allowance_base": 4,
            "clocks": {c: {"met": 4, "missed": 0, "rate": 1.0} for c in rules.CLOCKS}}
    return {**base, **over}


def test_rows_list_every_technician_named_with_their_complaints_and_ledger():
    ledger = [{"username": "t1", "kind": "penalty", "amount_fen": 10000},
              {"username": "t1", "kind": "penalty", "amount_fen": 0},
              {"username": "t1", "kind": "reward", "amount_fen": 30000},
              {"username": "x", "kind": "reward", "amount_fen": 500}]  # not listed: not counted
    rows = rules.rows({"t1": "张伟", "t2": "刘洋"}, [_figures()], {"t1": 2, "agent": 1}, ledger)
    assert [r["username"] for r in rows] == ["t1", "t2"]
    t1, t2 = rows
    assert t1["on_time_rate"] == 0.75 and t1["valid_complaints"] == 2
    assert (t1["penalties"], t1["penalties_fen"], t1["rewards"], t1["rewards_fen"]) == (
        2, 10000, 1, 30000)
    assert t2["completed"] == 0 and t2["on_time_rate"] is None and t2["satisfaction"] is None
    assert t2["clocks"]["repair"] == {"met": 0, "missed": 0, "rate": None}


def test_late_changes_list_the_valid_complaints_that_changed_since_they_were_counted():
    names = {"t1": "张伟", "t2": "刘洋", "t3": "黄海"}
    found = rules.late_changes("2026-11", {"t1": 1, "t2": 2}, {"t1": 2, "t2": 2, "t3": 1}, names)
    assert found == [
        {"username": "t1", "name": "张伟", "month": "2026-11", "changes": [
            {"field": "valid_complaints", "signed": 1, "now": 2, "delta": 1}]},
        {"username": "t3", "name": "黄海", "month": "2026-11", "changes": [
            {"field": "valid_complaints", "signed": 0, "now": 1, "delta": 1}]},
    ]
    # one judged not valid after all: a negative change; nothing changed: none
    assert rules.late_changes("2026-11", {"t1": 1}, {}, names)[0]["changes"][0]["delta"] == -1
    assert rules.late_changes("2026-11", {"t1": 1}, {"t1": 1}, names) == []


def test_the_baseline_of_a_signed_month_is_what_its_last_sign_off_counted():
    october = rules.rows({"t1": "张伟", "t2": "刘洋"}, [_figures()], {"t1": 1}, [])
    assert rules.counted(october) == {"t1": 1}
    signed = [
        # November's sign-off (later) counted October again, after a late judgement
        {"month": "2026-11", "signed_at": "2026-12-02T02:00:00.000Z", "rows": [],
         "counted": {"2026-10": {"t1": 2}, "2026-11": {}}},
        # October's own sign-off, stored before `counted` existed: its rows
        {"month": "2026-10", "signed_at": "2026-11-02T02:00:00.000Z", "rows": october},
    ]
    assert rules.baselines(signed) == {"2026-10": {"t1": 2}, "2026-11": {}}
    assert rules.baselines(signed[1:]) == {"2026-10": {"t1": 1}}



def test_a_sign_off_stored_before_counted_existed_counted_the_month_its_adjustments_named():
    october = rules.rows({"t1": "张伟", "t2": "刘洋"}, [_figures()], {"t1": 1}, [])
    old_november = {
        "month": "2026-11", "signed_at": "2026-12-02T02:00:00.000Z", "rows": [],
        "adjustments_month": "2026-10",
        "adjustments": [{"username": "t2", "name": "刘洋", "month": "2026-10", "changes": [
            {"field": "valid_complaints", "signed": 0, "now": 1, "delta": 1}]}]}
    signed = [{"month": "2026-10", "signed_at": "2026-11-02T02:00:00.000Z", "rows": october},
              old_november]
    # October as November's sign-off counted it: t2's late complaint included, not again
    assert rules.baselines(signed) == {"2026-10": {"t1": 1, "t2": 1}, "2026-11": {}}


def test_the_digest_changes_with_what_is_shown():
    rows = rules.rows({"t1": "张伟"}, [_figures()], {}, [])
    same = rules.rows({"t1": "张伟"}, [_figures()], {}, [])
    other = rules.rows({"t1": "张伟"}, [_figures(completed=5)], {}, [])
    assert rules.digest(rows, []) == rules.digest(same, [])
    assert rules.digest(rows, []) != rules.digest(other, [])
    assert len(rules.digest(rows, [])) == 16
