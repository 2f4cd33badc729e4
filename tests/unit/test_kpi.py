"""The key figures as pure functions of a month's facts, against hand-computed numbers."""

from __future__ import annotations

import pytest

from chalicelib.modules.directory.domain import clock
from chalicelib.modules.figures.domain import kpi


def _recv(type_="repair", priority="general", repeat=None, tech=None):
    return {"fact": "received", "type": type_, "priority": priority, "repeat_of": repeat,
            "repeat_technician": tech}


def _done(tech, clocks, minutes, type_="repair", priority="general"):
    return {"fact": "done", "technician": tech, "outlet": "SZ", "type": type_,
            "priority": priority, "clocks": clocks, "minutes": minutes}


def _visit(tech, overall, outcome, **scores):
    return {"fact": "visit", "technician": tech, "outlet": "SZ", "type": "repair",
            "priority": "general", "scores": {"overall": overall, **scores},
            "clocks": {"return_visit": outcome}}


RECEIVED = [_recv(), _recv(priority="urgent"), _recv(repeat="SZ-20261101-0001", tech="t1"),
            _recv("maintenance")]
DONE = [
    _done("t1", {"response": "met", "contact": "met", "arrival": "missed", "repair": "met"},
          {"contact": 10, "arrival": 300, "completion": 1000}),
    _done("t1", {"contact": "missed", "arrival": "met", "repair": "met"},
          {"contact": 50, "arrival": 100, "completion": 2000}, priority="urgent"),
    _done("t2", {"contact": "met", "arrival": "met", "repair": "missed"},
          {"contact": 30, "arrival": None, "completion": 4000}, type_="maintenance"),
]
VISITS = [_visit("t1", 5, "met", attitude=5, skill=4, punctuality=3, result=5),
          _visit("t2", 3, "missed", attitude=4, skill=2, punctuality=3, result=3)]


def test_a_month_of_facts_gives_the_hand_computed_figures():
    figures = kpi.summarize(RECEIVED, DONE, VISITS, {"t1": "张伟", "t2": "刘洋"})
    assert figures["received"] == {"total": 4, "by_type": {"repair": 3, "maintenance": 1},
                                   "by_priority": {"general": 3, "urgent": 1}}
    assert figures["completed"] == {"total": 3, "by_type": {"repair": 2, "maintenance": 1},
                                    "by_priority": {"general": 2, "urgent": 1}}
    assert figures["sla"] == {
        "response": {"met": 1, "missed": 0, "rate": 1.0},
        "contact": {"met": 2, "missed": 1, "rate": 0.6667},
        "arrival": {"met": 2, "missed": 1, "rate": 0.6667},
        "repair": {"met": 2, "missed": 1, "rate": 0.6667},
        "return_visit": {"met": 1, "missed": 1, "rate": 0.5},
    }
    assert figures["durations"] == {
        "contact": {"count": 3, "mean_minutes": 30.0, "p90_minutes": 50},
        "arrival": {"count": 2, "mean_minutes": 200.0, "p90_minutes": 300},
        "completion": {"count": 3, "mean_minutes": 2333.33, "p90_minutes": 4000},
    }
    assert figures["satisfaction"] == {"count": 2, "overall": 4.0, "attitude": 4.5, "skill": 3.0,
                                       "punctuality": 3.0, "result": 4.0}
    assert figures["repeat_repairs"] == {"count": 1, "rate": 0.25}
    # per clock, as the appraisal shows it; no fact here says its report is complete (as one
    # written before the flag existed): none counts towards the allowance base
    assert figures["technicians"] == [
        {"username": "t1", "name": "张伟", "outlet": "SZ", "completed": 2, "on_time": 0,
         "on_time_rate": 0.0, "satisfaction": 5.0, "visits": 1, "repeat_repairs": 1,
         "clocks": {"response": {"met": 1, "missed": 0, "rate": 1.0},
                    "contact": {"met": 1, "missed": 1, "rate": 0.5},
                    "arrival": {"met": 1, "missed": 1, "rate": 0.5},
                    "repair": {"met": 2, "missed": 0, "rate": 1.0},
                    "return_visit": {"met": 1, "missed": 0, "rate": 1.0}},
         "allowance_base": 0},
        {"username": "t2", "name": "刘洋", "outlet": "SZ", "completed": 1, "on_time": 0,
         "on_time_rate": 0.0, "satisfaction": 3.0, "visits": 1, "repeat_repairs": 0,
         "clocks": {"response": {"met": 0, "missed": 0, "rate": None},
                    "contact": {"met": 1, "missed": 0, "rate": 1.0},
                    "arrival": {"met": 1, "missed": 0, "rate": 1.0},
                    "repair": {"met": 0, "missed": 1, "rate": 0.0},
                    "return_visit": {"met": 0, "missed": 1, "rate": 0.0}},
         "allowance_base": 0},
    ]


def test_an_empty_month_is_zeros_and_no_rates():
    figures = kpi.summarize([], [], [])
    assert figures["received"]["total"] == 0 and figures["completed"]["total"] == 0
    assert all(c == {"met": 0, "missed": 0, "rate": None} for c in figures["sla"].values())
    assert figures["durations"]["contact"] == {"count": 0, "mean_minutes": None, "p90_minutes": None}
    assert figures["satisfaction"]["overall"] is None and figures["repeat_repairs"]["rate"] is None
    assert figures["technicians"] == []


def test_an_order_is_on_time_only_when_no_clock_was_missed():
    assert kpi.on_time({"clocks": {"contact": "met", "arrival": "met"}})
    assert not kpi.on_time({"clocks": {"contact": "met", "repair": "missed"}})
    assert kpi.on_time({"clocks": {}})


@pytest.mark.parametrize("values,q,expected", [
    ([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9), ([7], 0.9, 7), ([5, 1], 0.9, 5), ([], 0.9, None),
    ([3, 1, 2], 0.5, 2)])
def test_nearest_rank_percentile(values, q, expected):
    assert kpi.percentile(values, q) == expected


def test_the_month_is_the_outlets_not_utc():
    # figures/kpi.py files a fact under directory.local_month(outlet, at): the directory's clock
    assert clock.local_month("2026-10-31T16:30:00.000Z", "Asia/Shanghai") == "2026-11"
    assert clock.local_month("2026-10-31T15:59:00.000Z", "Asia/Shanghai") == "2026-10"


def test_stopped_clocks_give_outcomes_and_cancelled_ones_do_not_count():
    clocks = {"contact": {"state": "stopped", "outcome": "met"},
              "arrival": {"state": "stopped", "outcome": "missed"},
              "repair": {"state": "running", "outcome": None},
              "response": {"state": "stopped", "outcome": "cancelled"}}
    assert kpi.clock_outcomes(clocks) == {"contact": "met", "arrival": "missed"}


def test_drill_down_matches_the_figure_it_was_clicked_from():
    missed_contact = {**DONE[1], "fact": "done"}
    assert kpi.matches(missed_contact, "sla_missed", "contact")
    assert not kpi.matches(missed_contact, "sla_met", "contact")
    assert kpi.matches(missed_contact, "completed", technician="t1", priority="urgent")
    assert not kpi.matches(missed_contact, "completed", technician="t2")
    assert kpi.matches(VISITS[1], "sla_missed", "return_visit")
    assert kpi.matches(RECEIVED[2], "repeat", technician="t1")
    assert not kpi.matches(RECEIVED[0], "repeat")


def test_minutes_between_times():
    assert kpi.minutes_between("2026-11-01T00:00:00.000Z", "2026-11-01T01:30:30.000Z") == 90.5
    assert kpi.minutes_between(None, "2026-11-01T01:30:30.000Z") is None
