"""Key figures through the API from orders walked in a month of their own (July 2026, Beijing
time), the drill-down behind them, and the monthly report job."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
import requests
from openpyxl import load_workbook

from chalicelib.modules.figures import kpi, monthly
from chalicelib.modules.figures import store as export_store
from tests.conftest import HAPPY_PATH, customer_of, walk_at
from tests.sla_helpers import frozen, minutes, shanghai

MONTH = "2026-07"


def _create(api, at, **fields):
    customer = customer_of(api, "SZ")
    with frozen(at):
        reply = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "equipment_id": customer["equipment"][0]["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "月度统计测试", **fields})
    assert reply.status == 201, reply.body
    return reply.body


@pytest.fixture(scope="module")
def july(api):
    """A: archived on time; B: accepted, contacted late; C: only recorded; D: the same equipment
    again within 30 days of A's acceptance (a repeat repair)."""
    start = shanghai("2026-07-06 09:00")
    a, at = walk_at(api, _create(api, start, priority="urgent"), start, HAPPY_PATH)
    b, _ = walk_at(api, _create(api, start + minutes(5)), start + minutes(5), HAPPY_PATH[:8],
                 gaps={"contact": minutes(60)})
    c = _create(api, start + minutes(30), type="maintenance")
    d = _create(api, at + timedelta(days=3))
    # Written into a past month under a frozen clock: a summary of July that another test read
    # before (saved, and final for a month that has ended) would not know these orders.
    for scope in ("SZ", "NETWORK"):
        kpi.rebuild(scope, MONTH)
    return {"a": a, "b": b, "c": c, "d": d}


def test_the_months_figures_come_from_its_orders(api, july):
    reply = api.get(f"/api/kpi/summary?scope=SZ&from={MONTH}&to={MONTH}", "sz_manager")
    assert reply.status == 200, reply.body
    figures = reply.body["months"][0]
    assert figures["month"] == MONTH
    assert figures["received"] == {"total": 4, "by_type": {"repair": 3, "maintenance": 1},
                                   "by_priority": {"urgent": 1, "general": 3}}
    assert figures["completed"]["total"] == 2
    assert figures["sla"]["contact"] == {"met": 1, "missed": 1, "rate": 0.5}
    assert figures["sla"]["return_visit"] == {"met": 1, "missed": 0, "rate": 1.0}
    assert figures["durations"]["contact"] == {"count": 2, "mean_minutes": 35.0, "p90_minutes": 60.0}
    assert figures["satisfaction"]["count"] == 1 and figures["satisfaction"]["overall"] == 5.0
    assert figures["repeat_repairs"] == {"count": 1, "rate": 0.25}
    tech = {t["username"]: t for t in figures["technicians"]}["sz_tech1"]
    assert (tech["completed"], tech["on_time"], tech["repeat_repairs"]) == (2, 1, 1)
    assert tech["name"] == "张伟" and tech["satisfaction"] == 5.0


def test_the_drill_down_lists_the_orders_behind_a_figure(api, july):
    def numbers(query):
        reply = api.get(f"/api/kpi/orders?scope=SZ&month={MONTH}&{query}", "sz_manager")
        assert reply.status == 200, reply.body
        return [i["number"] for i in reply.body["items"]]

    assert numbers("metric=sla_missed&clock=contact") == [july["b"]["number"]]
    assert numbers("metric=repeat") == [july["d"]["number"]]
    assert sorted(numbers("metric=completed&technician=sz_tech1")) == sorted(
        [july["a"]["number"], july["b"]["number"]])
    assert numbers("metric=received&type=maintenance") == [july["c"]["number"]]
    bad = api.get(f"/api/kpi/orders?scope=SZ&month={MONTH}&metric=sla_missed", "sz_manager")
    assert bad.status == 400 and "clock" in bad.error["fields"]


def test_the_network_adds_up_the_outlets(api, july):
    network = api.get(f"/api/kpi/summary?from={MONTH}&to={MONTH}", "hq_admin").body
    assert network["scope"] == "NETWORK"
    month = network["months"][0]
    sz = next(o for o in month["outlets"] if o["outlet"] == "SZ")
    assert sz["received"] == 4 and sz["completed"] == 2
    assert month["received"]["total"] == sum(o["received"] for o in month["outlets"])


def test_figures_are_for_managers_of_their_outlet_and_head_office(api):
    assert api.get("/api/kpi/summary?scope=SZ", "cd_manager").status == 404
    assert api.get("/api/kpi/summary?scope=NETWORK", "sz_manager").status == 404
    assert api.get("/api/kpi/summary", "sz_agent").status == 403
    assert api.get("/api/kpi/summary", "sz_tech1").status == 403
    assert api.get("/api/kpi/summary?scope=CD", "hq_admin").status == 200
    assert api.get("/api/kpi/summary?from=2026-13", "hq_admin").status == 400
    mine = api.get("/api/kpi/summary", "sz_manager").body
    assert mine["scope"] == "SZ" and len(mine["months"]) == 6


def test_the_monthly_report_is_stored_listed_and_replaced_on_rerun(api, july):
    first = api.post(f"/api/monthly-reports/{MONTH}/run", "hq_admin")
    assert first.status == 200, first.body
    assert {i["scope"] for i in first.body["items"]} == {"SZ", "CD", "NETWORK"}
    again = api.post(f"/api/monthly-reports/{MONTH}/run", "hq_admin")
    assert {i["runs"] for i in again.body["items"]} == {2}

    listed = api.get("/api/monthly-reports?year=2026", "hq_admin").body["items"]
    july_items = [i for i in listed if i["month"] == MONTH]
    assert sorted(i["scope"] for i in july_items) == ["CD", "NETWORK", "SZ"]  # replaced, not added
    own = api.get("/api/monthly-reports?year=2026", "sz_manager").body["items"]
    assert {i["scope"] for i in own} == {"SZ"}

    sz = next(i for i in july_items if i["scope"] == "SZ")
    book = load_workbook(io.BytesIO(requests.get(sz["url"], timeout=30).content), read_only=True)
    # the complaints area adds its sheets (tests/api/test_complaint_rate.py), the fees area
    # its cost sheets (tests/api/test_cost_report.py), the contracts area its inspections
    # (tests/api/test_contract_inspections.py)
    assert book.sheetnames == ["概览", "技术员", "完成工单明细", "投诉", "投诉明细", "考核",
                               "费用", "费用明细", "巡检", "巡检明细"]
    overview = {r[0]: r[1] for r in book["概览"].iter_rows(values_only=True)}
    assert overview["受理工单"] == 4 and overview["完成（验收）工单"] == 2
    assert overview["时限达成率·联系客户"] == 0.5  # a number, formatted as a percentage
    details = list(book["完成工单明细"].iter_rows(values_only=True))
    assert sorted(r[0] for r in details[1:]) == sorted([july["a"]["number"], july["b"]["number"]])
    network = next(i for i in july_items if i["scope"] == "NETWORK")
    assert "网点对比" in load_workbook(io.BytesIO(requests.get(network["url"], timeout=30).content),
                                       read_only=True).sheetnames
    # head office was told once, however often the month is rebuilt
    from chalicelib.modules.sla.models import NotifyMarker

    marker = NotifyMarker.get(f"MONTHLYMAIL#{MONTH}", "MAIL")
    assert marker.recipients == ["hq_admin@fuwu.example"]


def test_only_head_office_runs_a_past_month(api):
    assert api.post(f"/api/monthly-reports/{MONTH}/run", "sz_manager").status == 403
    current = monthly.kpi.current_month("NETWORK")
    assert api.post(f"/api/monthly-reports/{current}/run", "hq_admin").status == 400
    assert export_store.get_monthly("1999-01", "SZ") is None
