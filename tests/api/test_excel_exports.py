"""Exports and monthly reports open cleanly in Excel: outlets by name, times as real date cells
on the outlet's wall clock, shares as numbers formatted as percentages, filter buttons and a
frozen header, no blank outlet cells and no internal codes (`NETWORK`).

The exports go the real way (the API queues a job on SQS, the worker drained from moto's queue
writes the file to S3); each file is opened with openpyxl as Excel would read it."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import requests
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from chalicelib.kernel.store import keys
from chalicelib.modules.figures.tabular import text_width
from infra.local.queues import drain
from tests.conftest import HAPPY_PATH, STEP_DATA, actor_for, customer_of, evidence_for, walk_at
from tests.sla_helpers import frozen, shanghai

BEIJING = ZoneInfo("Asia/Shanghai")
MONTH = "2026-03"  # a month of this module's own (test_kpi_api.py has July)


def _today() -> str:
    return keys.utc_now().astimezone(BEIJING).date().isoformat()


def _order(api, outlet: str, description: str) -> dict:
    customer = customer_of(api, outlet)
    reply = api.post("/api/work-orders", f"{outlet.lower()}_agent", {
        "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
        "equipment_id": customer["equipment"][0]["id"], "type": "repair", "priority": "urgent",
        "channel": "phone", "description": description})
    assert reply.status == 201, reply.body
    return reply.body


@pytest.fixture(scope="module")
def orders(api) -> dict:
    """An SZ order walked to the archive today and a fresh CD order."""
    order = _order(api, "SZ", "Excel 导出：冷却塔风机异响")
    for action in HAPPY_PATH:
        data = evidence_for(api, order, action, actor_for(action), STEP_DATA[action])
        reply = api.act(order, action, actor_for(action), data)
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    return {"sz": order, "cd": _order(api, "CD", "Excel 导出：成都机组")}


def _export(api, user: str, lang: str = "zh", **body) -> bytes:
    payload = {"kind": "orders", "format": "xlsx", "outlets": ["SZ"], "from": _today(),
               "to": _today(), **body}
    started = api.post("/api/exports", user, payload, headers={"Accept-Language": lang})
    assert started.status == 202, started.body
    drain()
    job = api.get(f"/api/exports/{started.body['id']}", user).body
    assert job["status"] == "done", job
    reply = requests.get(job["download_url"], timeout=60)
    assert reply.status_code == 200
    return reply.content


def _sheet_values(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def _assert_clean(sheet, outlet_header: str | None) -> None:
    """Filter buttons over the whole table, the header frozen, no internal code anywhere, and
    (when the sheet has one) an outlet in every row of the outlet column."""
    rows = _sheet_values(sheet)
    last = f"{get_column_letter(len(rows[0]))}{max(len(rows), 2)}"
    assert sheet.auto_filter.ref == f"A1:{last}", sheet.title
    assert sheet.freeze_panes == "A2", sheet.title
    for row in rows:
        for value in row:
            assert "NETWORK" not in str(value), (sheet.title, row)
    if outlet_header:
        column = rows[0].index(outlet_header)
        assert all(r[column] not in (None, "") for r in rows[1:]), sheet.title
        # wide enough for the names it holds (a Chinese character takes two columns)
        width = sheet.column_dimensions[get_column_letter(column + 1)].width
        assert all(width >= text_width(r[column]) for r in rows[1:]), sheet.title


def test_orders_export_has_names_dates_and_a_filter(api, orders):
    book = load_workbook(io.BytesIO(_export(api, "hq_admin", outlets=["SZ", "CD"])))
    sheet = book["工单"]
    _assert_clean(sheet, "网点")
    rows = _sheet_values(sheet)
    header = rows[0]
    by_number = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    sz, cd = by_number[orders["sz"]["number"]], by_number[orders["cd"]["number"]]
    assert sz["网点"] == "深圳服务站" and cd["网点"] == "成都服务站"

    # a time is an Excel date-time on the outlet's wall clock, shown to the minute
    created = datetime.fromisoformat(orders["sz"]["created_at"].replace("Z", "+00:00"))
    local = created.astimezone(BEIJING).replace(tzinfo=None, second=0, microsecond=0)
    assert sz["登记时间"] == local
    column = header.index("登记时间") + 1
    row = [r[0].value for r in sheet.iter_rows(min_row=1, max_col=1)].index(
        orders["sz"]["number"]) + 1
    cell = sheet.cell(row=row, column=column)
    assert cell.is_date and cell.number_format == "yyyy-mm-dd hh:mm"
    for name in ("派工时间", "到场时间", "完工时间", "验收时间", "回访时间"):
        assert isinstance(sz[name], datetime), name
    assert isinstance(sz["回访评分-总体满意度"], int)  # scores are numbers
    assert cd["完工时间"] is None  # an empty cell, not a blank text


def test_an_english_export_names_outlets_in_english(api, orders):
    book = load_workbook(io.BytesIO(_export(api, "hq_admin", "en", outlets=["SZ", "CD"])))
    sheet = book["Work orders"]
    _assert_clean(sheet, "Outlet")
    rows = _sheet_values(sheet)
    outlets = {r[rows[0].index("Outlet")] for r in rows[1:]}
    assert {"Shenzhen Service Station", "Chengdu Service Station"} <= outlets
    assert not outlets & {"SZ", "CD"}


def test_events_and_customers_sheets_are_as_clean(api, orders):
    events = load_workbook(io.BytesIO(_export(api, "sz_manager", kind="events")))["事件日志"]
    _assert_clean(events, "网点")
    times = [r[2] for r in _sheet_values(events)[1:]]
    assert times and all(isinstance(t, datetime) for t in times)

    customers = load_workbook(io.BytesIO(_export(api, "sz_manager", kind="customers")))
    sheet = customers["客户与设备"]
    _assert_clean(sheet, "网点")
    rows = _sheet_values(sheet)
    assert {r[0] for r in rows[1:]} == {"深圳服务站"}
    assert all(isinstance(r[rows[0].index("建档时间")], datetime) for r in rows[1:])


def test_a_csv_export_writes_names_and_times_as_excel_reads_them(api, orders):
    raw = _export(api, "sz_manager", format="csv")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    mine = dict(zip(table[0], next(r for r in table[1:] if r[0] == orders["sz"]["number"]),
                    strict=True))
    assert mine["网点"] == "深圳服务站"
    assert datetime.strptime(mine["登记时间"], "%Y-%m-%d %H:%M")


# ---------------------------------------------------------------- the monthly report

@pytest.fixture(scope="module")
def march(api) -> dict:
    """An SZ order recorded and accepted in March 2026 (Beijing time), the month rebuilt."""
    start = shanghai("2026-03-09 09:00")
    with frozen(start):
        order = _order(api, "SZ", "月度报表 Excel 测试")
    order, _ = walk_at(api, order, start, HAPPY_PATH)
    reply = api.post(f"/api/monthly-reports/{MONTH}/run", "hq_admin")
    assert reply.status == 200, reply.body
    return {"order": order, "items": {i["scope"]: i for i in reply.body["items"]}}


def _workbook(item: dict):
    reply = requests.get(item["url"], timeout=30)
    assert reply.status_code == 200
    return load_workbook(io.BytesIO(reply.content))


def test_the_monthly_workbook_has_percentages_dates_and_outlet_names(march):
    book = _workbook(march["items"]["SZ"])
    for sheet in book.worksheets:
        _assert_clean(sheet, "网点" if "网点" in _sheet_values(sheet)[0] else None)

    overview = book["概览"]
    rows = {r[0].value: r[1] for r in overview.iter_rows(min_row=2)}
    assert rows["范围"].value == "深圳服务站"
    rate = rows["时限达成率·联系客户"]
    assert isinstance(rate.value, int | float) and 0 <= rate.value <= 1
    assert rate.number_format == "0.0%"

    technicians = _sheet_values(book["技术员"])
    header = technicians[0]
    tech = next(dict(zip(header, r, strict=True)) for r in technicians[1:] if r[1] == "sz_tech1")
    assert tech["网点"] == "深圳服务站"
    cell = next(r[header.index("按时率")] for r in book["技术员"].iter_rows(min_row=2)
                if r[1].value == "sz_tech1")
    assert isinstance(cell.value, int | float) and cell.number_format == "0.0%"

    details = book["完成工单明细"]
    header = [c.value for c in details[1]]
    row = next(r for r in details.iter_rows(min_row=2)
               if r[0].value == march["order"]["number"])
    accepted = row[header.index("验收时间")]
    assert accepted.is_date and accepted.number_format == "yyyy-mm-dd hh:mm"
    # on Beijing's wall clock, not UTC
    utc = datetime.fromisoformat(march["order"]["acceptance"]["at"].replace("Z", "+00:00"))
    assert accepted.value == utc.astimezone(BEIJING).replace(tzinfo=None, second=0,
                                                             microsecond=0)
    assert row[header.index("网点")].value == "深圳服务站"


def test_the_network_workbook_says_network_total_not_its_code(march, api):
    book = _workbook(march["items"]["NETWORK"])
    overview = {r[0]: r[1] for r in _sheet_values(book["概览"])}
    assert overview["范围"] == "全网"
    compare = _sheet_values(book["网点对比"])
    names = [r[0] for r in compare[1:]]
    assert names[-1] == "全网" and {"深圳服务站", "成都服务站"} <= set(names)
    total = compare[-1]
    assert total[1] == sum(r[1] for r in compare[1:-1])  # received adds up
    for sheet in book.worksheets:
        _assert_clean(sheet, "网点" if "网点" in _sheet_values(sheet)[0] else None)

    # the portal lists it by name, and its download is named in the reader's language
    english = api.get("/api/monthly-reports?year=2026", "hq_admin",
                      headers={"Accept-Language": "en"}).body["items"]
    network = next(i for i in english if i["month"] == MONTH and i["scope"] == "NETWORK")
    assert network["scope_name"] == "Network total"
    reply = requests.get(network["url"], timeout=30)
    assert "Monthly%20report%202026-03%20Network%20total.xlsx" in \
        reply.headers["Content-Disposition"]

