"""A contract's inspections and what became of them (issue 18, slice 2): the contract page lists
its newest occurrences with their orders' results — 已完成 by the period's end, 逾期完成 after it,
逾期未完成 once the period is over, 待完成 before, 已取消 — and counts the overdue ones; the
monthly report's 巡检 sheet counts each outlet's inspections due in the month (应巡检, 已完成,
逾期未完成, 逾期完成, 待完成, 已取消; the network's: every outlet, then 全网) with a 巡检明细 row
per occurrence, read back from S3, the same bytes when run again.

Own year (2033) and own contract: the generator is run for this contract alone
(generator.generate) on the mornings an occurrence comes within its 7 days."""

from __future__ import annotations

import io
import uuid
from datetime import date, datetime, time

import pytest
import requests
from openpyxl import load_workbook

from chalicelib.modules.contracts import generator, inspections, monthly
from chalicelib.modules.contracts.keys import contract_pk
from chalicelib.modules.contracts.models import Contract
from tests.appraisal_helpers import new_customer
from tests.conftest import STEP_DATA, walk_at
from tests.sla_helpers import SH, frozen

TO_COMPLETE = ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
               "complete"]
READ_AT = datetime(2033, 5, 6, 10, tzinfo=SH)  # May's inspection generated, not yet done


def beijing(day: date, hour: int = 6) -> datetime:
    return datetime.combine(day, time(hour), SH)


def generate(contract_id: str, day: date) -> None:
    at = beijing(day)
    with frozen(at):
        stored = Contract.get(contract_pk(contract_id), "CONTRACT", consistent_read=True)
        tally = generator.Tally()
        generator.generate(stored, at, tally)
    assert tally.failed == 0 and tally.generated == 1, tally.view()


def order_of(api, contract_id: str, planned: str, site: str) -> dict:
    marker = inspections.generated(contract_id, planned, site)
    return api.get(f"/api/work-orders/{marker.order_id}", "sz_manager").body


@pytest.fixture(scope="module")
def year(api) -> dict:
    """A contract of 2033 inspecting one site monthly on the 10th: January done on the 20th,
    February done on 3 March (late), March never done, April cancelled, May generated."""
    customer = new_customer(api)
    site = customer["sites"][0]
    with frozen(beijing(date(2032, 12, 20), 10)):
        made = api.post("/api/contracts", "sz_manager", {
            "customer_id": customer["id"], "starts_on": "2033-01-01", "ends_on": "2033-12-31",
            "free_period": False, "price_fen": 360_000, "sites": [site["id"]],
            "included_callouts": 2, "checklist": [], "state": "active",
            "schedule": {"kind": "monthly", "day": 10, "month_offset": 0, "per": "site"}},
            headers={"Idempotency-Key": uuid.uuid4().hex})
    assert made.status == 201, made.body
    contract = made.body
    orders = {}
    generate(contract["id"], date(2033, 1, 5))
    orders["01"] = order_of(api, contract["id"], "2033-01-10", site["id"])
    orders["01"], _ = walk_at(api, orders["01"], beijing(date(2033, 1, 20), 9), TO_COMPLETE)
    generate(contract["id"], date(2033, 2, 5))
    orders["02"] = order_of(api, contract["id"], "2033-02-10", site["id"])
    orders["02"], _ = walk_at(api, orders["02"], beijing(date(2033, 3, 3), 9), TO_COMPLETE)
    generate(contract["id"], date(2033, 3, 5))
    orders["03"] = order_of(api, contract["id"], "2033-03-10", site["id"])
    generate(contract["id"], date(2033, 4, 5))
    orders["04"] = order_of(api, contract["id"], "2033-04-10", site["id"])
    with frozen(beijing(date(2033, 4, 6), 9)):
        cancelled = api.act(orders["04"], "cancel", "sz_manager", STEP_DATA["cancel"])
    assert cancelled.status == 200, cancelled.body
    generate(contract["id"], date(2033, 5, 5))
    orders["05"] = order_of(api, contract["id"], "2033-05-10", site["id"])
    return {"contract": contract, "customer": customer, "site": site, "orders": orders}


def test_the_contract_page_lists_its_inspections_with_their_results(api, year):
    with frozen(READ_AT):
        reply = api.get(f"/api/contracts/{year['contract']['id']}", "sz_manager")
    assert reply.status == 200, reply.body
    shown = reply.body
    rows = shown["inspections"]
    assert [r["planned"] for r in rows] == [f"2033-{m:02d}-10" for m in (5, 4, 3, 2, 1)]
    assert [r["result"] for r in rows] == ["open", "cancelled", "overdue", "late", "done"]
    assert shown["inspections_overdue"] == 1 and shown["inspections_more"] is False
    orders = year["orders"]
    january = rows[-1]
    assert january["order_id"] == orders["01"]["id"]
    assert january["order_number"] == orders["01"]["number"]
    assert january["period_end"] == "2033-01-31" and january["per"] == "site"
    assert january["target"] == year["site"]["id"] and january["target_name"] == "一号厂区"
    assert january["order_state"] == "repaired"
    assert january["completed_at"] == orders["01"]["completion"]["at"]
    assert rows[3]["completed_at"] > "2033-02-28T16:00:00.000Z"  # after February's end
    assert rows[2]["completed_at"] is None and rows[2]["order_state"] == "received"
    assert rows[1]["order_state"] == "cancelled"
    # another outlet's reader: 404
    assert api.get(f"/api/contracts/{year['contract']['id']}", "cd_manager").status == 404


def _sheet(scope: str, month: str) -> dict:
    with frozen(READ_AT):
        found = monthly.sheets(scope, month)
    return {s.name: s for s in found}


def _mine(sheet, contract_number: str) -> list[dict]:
    return [dict(zip(sheet.headers, r, strict=True)) for r in sheet.rows
            if r[1] == contract_number]


def test_the_monthly_sheets_count_each_months_inspections_by_result(year):
    number = year["contract"]["number"]
    expected = {"2033-01": "已完成", "2033-02": "逾期完成", "2033-03": "逾期未完成",
                "2033-04": "已取消", "2033-05": "待完成"}
    for month, result in expected.items():
        sheets = _sheet("SZ", month)
        mine = _mine(sheets["巡检明细"], number)
        assert [r["结果"] for r in mine] == [result], month
        assert mine[0]["计划日期"] == date.fromisoformat(f"{month}-10")
        assert mine[0]["工单号"] == year["orders"][month[5:]]["number"]
        assert mine[0]["客户"] == year["customer"]["name"] and mine[0]["巡检对象"] == "一号厂区"
        # SZ's row counts every occurrence of its month: the detail's rows by result
        detail = [dict(zip(sheets["巡检明细"].headers, r, strict=True))
                  for r in sheets["巡检明细"].rows]
        counts = sheets["巡检"].rows
        assert counts[0][:2] == ["深圳服务站", len(detail)]
        by_result = dict(zip(sheets["巡检"].headers[2:], counts[0][2:], strict=True))
        for column in ("已完成", "逾期未完成", "逾期完成", "待完成", "已取消"):
            shown = column  # the sheet's headers are the vocabulary's names
            assert by_result[column] == sum(1 for r in detail if r["结果"] == shown), (month,
                                                                                       column)
    # February's late completion is dated on Beijing's wall clock
    late = _mine(_sheet("SZ", "2033-02")["巡检明细"], number)[0]
    assert late["完成时间"].strftime("%Y-%m-%d") == "2033-03-03"


def _run(api, month: str) -> dict[str, bytes]:
    with frozen(READ_AT):
        reply = api.post(f"/api/monthly-reports/{month}/run", "hq_admin")
    assert reply.status == 200, reply.body
    items = {i["scope"]: i for i in reply.body["items"]}
    return {scope: requests.get(items[scope]["url"], timeout=30).content
            for scope in ("SZ", "NETWORK")}


def _rows(content: bytes, sheet: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content), read_only=True)[sheet].iter_rows(
        values_only=True))


def test_the_monthly_report_read_back_from_s3_has_the_inspection_sheets(api, year):
    from chalicelib.modules.directory import public as directory

    first = _run(api, "2033-03")
    again = _run(api, "2033-03")
    assert first == again  # a rerun over the same orders: the same bytes
    sz = _rows(first["SZ"], "巡检")
    assert sz[0] == ("网点", "应巡检", "已完成", "逾期未完成", "逾期完成", "待完成", "已取消")
    assert sz[1][0] == "深圳服务站" and sz[1][1] >= 1 and sz[1][3] >= 1  # March's overdue
    detail = _rows(first["SZ"], "巡检明细")
    mine = [r for r in detail[1:] if r[1] == year["contract"]["number"]]
    assert len(mine) == 1 and mine[0][7] == year["orders"]["03"]["number"]
    assert mine[0][8] == "逾期未完成" and mine[0][9] == "—"
    network = _rows(first["NETWORK"], "巡检")[1:]
    outlets = sorted((o for o in directory.all_outlets() if not o.is_head_office),
                     key=lambda o: o.code)
    assert [r[0] for r in network] == [o.name for o in outlets] + ["全网"]
    assert network[-1][1:] == tuple(sum(r[i] for r in network[:-1]) for i in range(1, 7))
    assert network[[o.code for o in outlets].index("SZ")] == sz[1]


def test_a_quarterly_inspection_is_due_in_its_month_and_overdue_in_the_month_its_period_ends(api):
    """Quarterly on the 10th (2034): January's inspection is 应巡检 and 待完成 in January (its
    period runs to 31 March), not listed in February, 逾期未完成 in March (not 应巡检 there)."""
    customer = new_customer(api)
    site = customer["sites"][0]
    with frozen(beijing(date(2033, 12, 20), 10)):
        made = api.post("/api/contracts", "sz_manager", {
            "customer_id": customer["id"], "starts_on": "2034-01-01", "ends_on": "2034-12-31",
            "free_period": False, "price_fen": 360_000, "sites": [site["id"]],
            "included_callouts": 2, "checklist": [], "state": "active",
            "schedule": {"kind": "quarterly", "day": 10, "month_offset": 0, "per": "site"}},
            headers={"Idempotency-Key": uuid.uuid4().hex})
    assert made.status == 201, made.body
    number = made.body["number"]
    generate(made.body["id"], date(2034, 1, 5))
    order = order_of(api, made.body["id"], "2034-01-10", site["id"])

    def sheets(month: str) -> tuple[list[dict], dict]:
        with frozen(beijing(date(2034, 5, 6), 10)):
            found = {s.name: s for s in monthly.sheets("SZ", month)}
        detail = [dict(zip(found["巡检明细"].headers, r, strict=True))
                  for r in found["巡检明细"].rows]
        counted = dict(zip(found["巡检"].headers, found["巡检"].rows[0], strict=True))
        return detail, counted

    january, counted = sheets("2034-01")
    mine = [r for r in january if r["合同编号"] == number]
    assert [(r["结果"], r["工单号"], r["期限"]) for r in mine] == [
        ("待完成", order["number"], date(2034, 3, 31))]
    assert counted["应巡检"] >= 1
    february, _ = sheets("2034-02")
    assert [r for r in february if r["合同编号"] == number] == []
    march, counted = sheets("2034-03")
    mine = [r for r in march if r["合同编号"] == number]
    assert [(r["结果"], r["巡检日"]) for r in mine] == [("逾期未完成", date(2034, 1, 10))]
    # 应巡检 counts March's due inspections only; the results count every row listed
    due_in_march = sum(1 for r in march if r["巡检日"].strftime("%Y-%m") == "2034-03")
    assert counted["应巡检"] == due_in_march
    assert counted["逾期未完成"] == sum(1 for r in march if r["结果"] == "逾期未完成") >= 1
