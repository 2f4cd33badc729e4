"""产品档案批量导入: an Excel sheet of units uploaded through the presigned form to S3 (moto), the
import queued and run by the worker from the real SQS queue, read back through the API.

Each test makes its own serial numbers and phones (a run's prefix), so the demo data and the
other tests never collide with it."""

from __future__ import annotations

import io
import secrets
from datetime import datetime

import pytest
from openpyxl import Workbook

from chalicelib.kernel.store.models import Item
from chalicelib.modules.warranty import store as units_store
from chalicelib.modules.warranty.models import UnitEvent
from infra.local.queues import drain
from tests.conftest import post_form

HEADER = ["客户名称", "客户电话", "现场名称", "型号", "出厂编号", "发票号", "开票日期", "交付日期",
          "安装日期", "来源", "代理商"]
EN_HEADER = ["Customer", "Phone", "Site", "Model", "Serial", "Invoice no.", "Invoice date",
             "Delivery date", "Installation date", "Source", "Dealer"]


def _run() -> str:
    """A prefix of this test's serials and phones (8 digits)."""
    return f"{secrets.randbelow(10**8):08d}"


def _row(run: str, i: int, customers: int = 300) -> list:
    """Row i of a sheet: ~3 units per customer, two sites each, dates as date cells and text."""
    c = i % customers
    return [f"导入客户{run}-{c}", f"139{run}{c:04d}"[:15], f"{c % 2 + 1}号厂区",
            "4LZ-6" if i % 2 else "LS-500", f"IMP{run}-{i:05d}", f"FP{i:06d}",
            datetime(2025, 11, 20), "2025-12-01", None, "自营" if i % 3 else "代理",
            None if i % 3 else "华南农机"]


def _sheet(rows: list[list], header: list[str] = HEADER, title: str | None = None) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("产品档案")
    if title:
        sheet.append([title])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _excel_sheet(rows: list[list]) -> bytes:
    """As Excel writes it: texts in the shared-string table, dates as numbers with a date
    format (XlsxWriter; openpyxl writes every text inline)."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("产品档案")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if isinstance(value, datetime):
                sheet.write_datetime(r, c, value, day)
            elif value is not None:
                sheet.write(r, c, value)
    book.close()
    return out.getvalue()


def _upload(api, user: str, body: bytes, filename: str = "产品档案.xlsx") -> dict:
    created = api.post("/api/unit-imports", user, {"filename": filename, "size": len(body)})
    assert created.status == 201, created.body
    assert created.body["import"]["state"] == "uploading"
    sent = post_form(created.body["upload"], body,
                     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert sent.status_code in (200, 201, 204), sent.text
    return created.body


def _import(api, body: bytes, user: str = "sz_agent", lang: str = "zh") -> dict:
    created = _upload(api, user, body)
    started = api.post(f"/api/unit-imports/{created['id']}/start", user)
    assert started.status == 202, started.body
    assert started.body["state"] == "queued"
    assert drain() >= 1
    done = api.get(f"/api/unit-imports/{created['id']}", user,
                   headers={"Accept-Language": lang})
    assert done.status == 200, done.body
    return done.body


def _customers(api, phone: str) -> list[dict]:
    found = api.get(f"/api/customers?q={phone}", "sz_agent")
    assert found.status == 200, found.body
    return [c for c in found.body["items"] if c["phone"] == phone]


def _units(api, serial: str) -> list[dict]:
    found = api.get(f"/api/units?q={serial}", "sz_agent")
    assert found.status == 200, found.body
    return [u for u in found.body["items"] if u["serial_no"] == serial]


@pytest.fixture(scope="module")
def thousand(api):
    """A sheet of 1,000 units (300 customers) with 3 bad rows, imported once."""
    run = _run()
    rows = [_row(run, i) for i in range(1000)]
    rows[9][1] = None  # row 11: no phone
    rows[499][7] = "2025-13-01"  # row 501: no such month
    rows[997][9] = "借用"  # row 999: an unknown source
    body = _sheet(rows)
    return {"run": run, "rows": rows, "body": body, "first": _import(api, body)}


def test_a_thousand_rows_with_three_bad_import_997_and_report_the_3(thousand):
    first = thousand["first"]
    assert first["state"] == "done", first
    assert (first["total"], first["imported"], first["unchanged"], first["failed"]) == \
        (1000, 997, 0, 3)
    assert [(e["row"], e["field"], e["code"]) for e in first["errors"]] == [
        (11, "customer_phone", "required"), (501, "delivered_on", "format_date"),
        (999, "source", "enum")]
    messages = {e["row"]: (e["column"], e["message"]) for e in first["errors"]}
    assert messages[11] == ("客户电话", "必填")
    assert messages[501][0] == "交付日期" and "YYYY-MM-DD" in messages[501][1]
    assert messages[999][0] == "来源" and "自营" in messages[999][1]
    assert first["error"] is None and first["finished_at"]


def test_imported_units_have_their_customer_site_terms_and_an_import_event(api, thousand):
    run, rows = thousand["run"], thousand["rows"]
    # customer 1 is on rows 1, 301, 601 and 901 of the data (one customer created for all)
    phone = rows[1][1]
    (customer,) = _customers(api, phone)
    detail = api.get(f"/api/customers/{customer['id']}", "sz_agent").body
    assert detail["name"] == f"导入客户{run}-1"
    assert sorted(s["name"] for s in detail["sites"]) == ["2号厂区"]
    serials = sorted(u["serial_no"] for u in detail["equipment"])
    assert serials == [f"IMP{run}-{i:05d}" for i in (1, 301, 601, 901)]
    (unit,) = _units(api, f"IMP{run}-00001")
    assert unit["delivered_on"] == "2025-12-01" and unit["invoice_date"] == "2025-11-20"
    assert unit["invoice_no"] == "FP000001" and unit["source"] == "own"
    assert unit["site_name"] == "2号厂区" and unit["customer_name"] == f"导入客户{run}-1"
    assert unit["terms"] and {g["code"] for g in unit["terms"]["groups"]} >= {"whole"}
    page = api.get(f"/api/customers/{customer['id']}/units/{unit['id']}", "sz_agent").body
    (event,) = [e for e in page["events"] if e["action"] == "import"]
    assert event["data"]["import_id"] == thousand["first"]["id"] and event["data"]["row"] == 3
    (agent_row,) = _units(api, f"IMP{run}-00003")
    assert agent_row["source"] == "agent" and agent_row["dealer"] == "华南农机"


def test_the_same_sheet_imported_again_changes_nothing(api, thousand):
    again = _import(api, thousand["body"])
    assert again["state"] == "done"
    assert (again["total"], again["imported"], again["unchanged"], again["failed"]) == \
        (1000, 0, 997, 3)
    assert [(e["row"], e["field"], e["code"]) for e in again["errors"]] == \
        [(e["row"], e["field"], e["code"]) for e in thousand["first"]["errors"]]
    # still one customer per phone, with its units once
    (customer,) = _customers(api, thousand["rows"][1][1])
    detail = api.get(f"/api/customers/{customer['id']}", "sz_agent").body
    assert len(detail["equipment"]) == 4 and len(detail["sites"]) == 1


def test_a_serial_twice_in_one_sheet_reports_the_later_row_as_a_duplicate(api):
    run = _run()
    rows = [_row(run, i) for i in range(4)]
    rows[3][4] = rows[1][4]  # row 5 repeats row 3's serial
    result = _import(api, _sheet(rows, EN_HEADER, title="Installed base"), lang="en")
    assert (result["imported"], result["failed"]) == (3, 1), result
    (error,) = result["errors"]
    assert (error["row"], error["field"], error["code"]) == (6, "serial_no", "duplicate_row")
    assert "row 4" in error["message"] and error["column"] == "Serial"
    assert len(_units(api, rows[1][4])) == 1


def test_dates_as_text_numbers_and_cells_and_phones_as_numbers(api):
    run = _run()
    row = _row(run, 0)
    row[1] = int(f"139{run}")  # a phone typed into a number cell
    row[6], row[7], row[8] = "2025/11/20", 20251201, datetime(2025, 12, 3)
    result = _import(api, _excel_sheet([row]))
    assert result["imported"] == 1, result
    (unit,) = _units(api, row[4])
    assert (unit["invoice_date"], unit["delivered_on"], unit["installed_on"]) == \
        ("2025-11-20", "2025-12-01", "2025-12-03")
    assert len(_customers(api, f"139{run}")) == 1


def test_another_outlets_import_is_not_found_and_technicians_may_not_import(api):
    created = _upload(api, "sz_manager", _sheet([_row(_run(), 0)]))
    for path in (f"/api/unit-imports/{created['id']}", f"/api/unit-imports/{created['id']}/start"):
        method = "POST" if path.endswith("start") else "GET"
        reply = api.call(method, path, "cd_agent")
        assert reply.status == 404 and reply.error["code"] == "not_found"
    assert api.get(f"/api/unit-imports/{created['id']}", "sz_tech1").status == 403
    assert api.post("/api/unit-imports", "sz_tech1", {"filename": "a.xlsx", "size": 10}).status == 403
    listed = api.get("/api/unit-imports", "cd_manager").body["items"]
    assert created["id"] not in {i["id"] for i in listed}
    assert created["id"] in {i["id"] for i in api.get("/api/unit-imports", "sz_agent").body["items"]}


def test_a_file_that_is_not_an_xlsx_is_refused_with_a_clear_error(api):
    named = api.post("/api/unit-imports", "sz_agent", {"filename": "units.xls", "size": 100})
    assert named.status == 400 and "filename" in named.error["fields"]
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500  # an old .xls renamed .xlsx
    created = _upload(api, "sz_agent", body)
    started = api.post(f"/api/unit-imports/{created['id']}/start", "sz_agent")
    assert started.status == 400, started.body
    assert started.error["fields"]["file"].startswith("文件不是 Excel 工作簿")
    english = api.post(f"/api/unit-imports/{created['id']}/start", "sz_agent",
                       headers={"Accept-Language": "en"})
    assert english.status == 409 and english.error["code"] == "upload_not_found"  # deleted
    too_big = api.post("/api/unit-imports", "sz_agent", {"filename": "a.xlsx",
                                                         "size": 50 * 1024 * 1024})
    assert too_big.status == 400 and "size" in too_big.error["fields"]


def test_a_sheet_without_the_required_columns_fails_saying_which(api):
    result = _import(api, _sheet([["张三", "13900000000", "LS-500"]],
                                 header=["客户名称", "客户电话", "型号"]), lang="en")
    assert result["state"] == "failed" and result["imported"] == 0
    assert result["error"]["code"] == "missing_columns"
    assert "Serial" in result["error"]["message"]


def test_a_row_failing_mid_write_leaves_nothing_of_it(api, monkeypatch):
    """The row's transaction is refused by DynamoDB on its last item (after the new customer,
    its site, the unit and its serial marker): none of them is written, the row is reported,
    and the rows around it are imported."""
    run = _run()
    rows = [_row(run, i, customers=3) for i in range(3)]
    doomed = rows[1][4]
    write = units_store.write
    existing = next(Item.query("OUTLET#SZ", limit=1))  # any item that exists

    def refused_on_the_doomed_row(entries):
        if any(getattr(item, "serial_no", None) == doomed for item, _ in entries):
            blocker = UnitEvent(existing.pk, existing.sk, id="x", customer_id="x", unit_id="x",
                                at="x", action="import", actor_username="x", actor_name="x",
                                actor_role="agent")
            entries = [*entries, (blocker, Item.pk.does_not_exist())]
        return write(entries)

    monkeypatch.setattr(units_store, "write", refused_on_the_doomed_row)
    result = _import(api, _sheet(rows))
    assert (result["imported"], result["failed"]) == (2, 1), result
    (error,) = result["errors"]
    assert (error["row"], error["code"]) == (3, "row_not_saved")
    assert _units(api, doomed) == []
    assert _customers(api, rows[1][1]) == []  # its new customer was not created either
    assert len(_customers(api, rows[0][1])) == 1
    monkeypatch.undo()
    again = _import(api, _sheet(rows))  # nothing half-imported blocks a later import
    assert (again["imported"], again["unchanged"]) == (1, 2), again


def test_a_run_out_of_time_continues_where_it_stopped(api, monkeypatch):
    """Each run stops after its first batch here and queues its continuation: the sheet is
    still imported once, and a serial repeated from a row an earlier run handled is still a
    duplicate. Batches of 10 rows instead of 100 (import_job.BATCH), so that three runs take
    25 rows, not 250; full batches of 100 are the thousand rows' above."""
    from chalicelib.modules.warranty import import_job

    monkeypatch.setattr(import_job, "TIME_BUDGET", 0.0)
    monkeypatch.setattr(import_job, "BATCH", 10)
    run = _run()
    rows = [_row(run, i) for i in range(25)]
    rows[19][4] = rows[1][4]  # sheet row 21 repeats row 3 (an earlier run's)
    created = _upload(api, "sz_agent", _sheet(rows))
    assert api.post(f"/api/unit-imports/{created['id']}/start", "sz_agent").status == 202
    assert drain() >= 3  # three runs of 10, 10 and 5 rows
    result = api.get(f"/api/unit-imports/{created['id']}", "sz_agent").body
    assert result["state"] == "done", result
    assert (result["total"], result["imported"], result["failed"]) == (25, 24, 1)
    (error,) = result["errors"]
    assert (error["row"], error["code"]) == (21, "duplicate_row") and "第 3 行" in error["message"]


def test_a_sheet_over_the_row_limit_fails_after_the_rows_it_may_take(api, monkeypatch):
    from chalicelib.modules.warranty.domain import import_rows

    monkeypatch.setattr(import_rows, "MAX_ROWS", 3)
    run = _run()
    result = _import(api, _sheet([_row(run, i) for i in range(5)]), lang="en")
    assert result["state"] == "failed" and result["error"]["code"] == "too_many_rows"
    assert "at most 3" in result["error"]["message"]
    assert (result["total"], result["imported"]) == (3, 3)
