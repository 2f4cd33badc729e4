"""Data exports as jobs: queued by the API, written by the worker from the real SQS queue on moto,
read back from S3 as XLSX and CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import requests
from openpyxl import load_workbook

from chalicelib.kernel.store import keys
from infra.local.queues import drain
from tests.conftest import HAPPY_PATH


def _today() -> str:
    return keys.utc_now().astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()


def _export(api, user: str, **body) -> dict:
    payload = {"kind": "orders", "format": "xlsx", "outlets": ["SZ"], "from": _today(),
               "to": _today(), **body}
    started = api.post("/api/exports", user, payload)
    assert started.status == 202, started.body
    assert started.body["status"] == "queued" and started.body["download_url"] is None
    assert drain() >= 1
    done = api.get(f"/api/exports/{started.body['id']}", user)
    assert done.status == 200 and done.body["status"] == "done", done.body
    return done.body


def _download(job: dict) -> bytes:
    reply = requests.get(job["download_url"], timeout=60)
    assert reply.status_code == 200
    assert "attachment" in reply.headers.get("Content-Disposition", "")
    assert len(reply.content) == job["size"]
    return reply.content


@pytest.fixture(scope="module")
def archived(api, request):
    """A fresh SZ order walked to the archive (with its photo, signature and return visit)."""
    from tests.conftest import STEP_DATA, actor_for, customer_of, evidence_for

    customer = customer_of(api, "SZ")
    order = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
        "equipment_id": customer["equipment"][0]["id"], "type": "repair", "priority": "urgent",
        "channel": "phone", "description": "导出测试：冷水机组高压报警"}).body
    for action in HAPPY_PATH:
        data = evidence_for(api, order, action, actor_for(action), STEP_DATA[action])
        order = api.act(order, action, actor_for(action), data).body
    assert order["state"] == "archived"
    return order


def test_xlsx_export_of_orders_with_chinese_headers_and_a_known_orders_values(api, archived):
    job = _export(api, "sz_manager")
    assert job["rows"] >= 1 and job["filename"].endswith(".xlsx") and job["filename"].startswith("工单_SZ")
    book = load_workbook(io.BytesIO(_download(job)), read_only=True)
    sheet = book["工单"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:5] == ("工单号", "网点", "状态", "类型", "紧急程度")
    assert "回访评分-总体满意度" in header and "联系客户-结果" in header
    assert len(rows) - 1 == job["rows"]
    mine = next(r for r in rows[1:] if r[0] == archived["number"])
    row = dict(zip(header, mine, strict=True))
    assert row["状态"] == "已归档" and row["类型"] == "维修" and row["紧急程度"] == "紧急"
    assert row["故障描述"] == "导出测试：冷水机组高压报警" and row["维修工程师"] == "张伟"
    assert row["更换配件"] == "接触器 CJX2-25 × 1" and row["回访评分-总体满意度"] == 5
    # times are Excel date-times on the outlet's wall clock, minutes precision
    local = keys.utc_now().astimezone(ZoneInfo("Asia/Shanghai"))
    assert row["登记时间"].date() == local.date() and row["登记时间"].second == 0
    assert row["网点"] == "深圳服务站"  # outlets by name, not code


def test_csv_export_is_utf8_with_bom_and_english_headers_for_an_english_user(api, archived):
    started = api.post("/api/exports", "sz_manager", {
        "kind": "events", "format": "csv", "outlets": ["SZ"], "from": _today(), "to": _today()},
        headers={"Accept-Language": "en"})
    assert started.status == 202
    drain()
    job = api.get(f"/api/exports/{started.body['id']}", "sz_manager").body
    raw = _download(job)
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM: Excel reads the file as UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table[0][:4] == ["Number", "Outlet", "Time", "Action"]
    mine = [r for r in table[1:] if r[0] == archived["number"]]
    assert [r[3] for r in mine][:3] == ["Recorded", "Dispatched", "Contacted"]
    assert len(mine) == len(archived["events"])
    assert any("冷水机组" in r[8] for r in mine)  # Chinese text survives in the details
    assert len(table) - 1 == job["rows"]


def test_customers_export_lists_equipment(api, archived):
    from tests.conftest import customer_of

    customer_of(api, "CD")
    job = _export(api, "hq_admin", kind="customers", outlets=["SZ", "CD"])
    sheet = load_workbook(io.BytesIO(_download(job)), read_only=True)["客户与设备"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("网点", "客户", "联系电话")
    assert {r[0] for r in rows[1:]} == {"深圳服务站", "成都服务站"}
    assert any(r[9] == "冷水机组 LS-500" and r[10] == "T-SZ-001" for r in rows[1:])


def test_a_manager_exports_only_their_outlet_and_head_office_any(api):
    today = _today()
    body = {"kind": "orders", "format": "csv", "from": today, "to": today}
    assert api.post("/api/exports", "cd_manager", {**body, "outlets": ["SZ"]}).status == 404
    assert api.post("/api/exports", "sz_manager", {**body, "outlets": ["SZ", "CD"]}).status == 404
    assert api.post("/api/exports", "sz_agent", {**body, "outlets": ["SZ"]}).status == 403
    assert api.post("/api/exports", "sz_tech1", {**body, "outlets": ["SZ"]}).status == 403
    bad = api.post("/api/exports", "hq_admin", {**body, "outlets": ["XX"]})
    assert bad.status == 400 and "outlets.0" in bad.error["fields"]
    backwards = api.post("/api/exports", "hq_admin", {**body, "outlets": ["SZ"],
                                                      "from": today, "to": "2020-01-01"})
    assert backwards.status == 400 and "to" in backwards.error["fields"]
    mine = api.post("/api/exports", "sz_manager", {**body, "outlets": ["SZ"]}).body
    drain()
    # another outlet's manager cannot see the job; head office can
    assert api.get(f"/api/exports/{mine['id']}", "cd_manager").status == 404
    assert api.get(f"/api/exports/{mine['id']}", "hq_admin").status == 200
    listed = api.get("/api/exports", "sz_manager").body["items"]
    assert mine["id"] in [j["id"] for j in listed]
    assert mine["id"] not in [j["id"] for j in api.get("/api/exports", "cd_manager").body["items"]]


def test_every_export_is_audited_with_who_what_when_and_rows(api, archived):
    job = _export(api, "hq_admin", outlets=["SZ"], format="csv")
    assert job["requested_by"] == "hq_admin" and job["requested_by_name"] == "林总"
    assert job["filters"] == {"outlets": ["SZ"], "from": _today(), "to": _today()}
    assert job["created_at"] <= job["finished_at"] and job["rows"] >= 1


def test_a_redelivered_message_does_not_write_the_export_twice(api):
    from chalicelib.modules.figures import export_job as worker

    job = _export(api, "sz_manager", format="csv")
    assert worker.handle([f'{{"export_id": "{job["id"]}"}}']) == ["already_done"]
    assert worker.handle(['{"export_id": "ex_missing"}']) == ["missing"]


def test_the_date_range_is_in_the_outlets_days(api, new_order):
    """An order recorded just after midnight Beijing time belongs to that day, not the UTC one."""
    beijing = ZoneInfo("Asia/Shanghai")
    midnight = keys.utc_now().astimezone(beijing).replace(hour=0, minute=5, second=0,
                                                          microsecond=0) - timedelta(days=10)
    keys.set_clock(lambda: midnight)
    try:
        order = new_order(description="午夜后登记")
    finally:
        keys.set_clock(None)
    day = midnight.date().isoformat()
    job = _export(api, "sz_manager", format="csv", **{"from": day, "to": day})
    table = list(csv.reader(io.StringIO(_download(job).decode("utf-8-sig"))))
    assert order["number"] in [r[0] for r in table[1:]]
    before = (midnight - timedelta(days=1)).date().isoformat()
    job = _export(api, "sz_manager", format="csv", **{"from": before, "to": before})
    table = list(csv.reader(io.StringIO(_download(job).decode("utf-8-sig"))))
    assert order["number"] not in [r[0] for r in table[1:]]


def test_a_failed_export_shows_a_message_code_not_the_exceptions_text(api, monkeypatch, caplog):
    """The worker cannot write the file (its bucket is gone): the job says `export_failed`,
    which the SPA translates; the exception's text (which may quote exported data) stays in the
    operators' log."""
    import dataclasses

    from chalicelib.kernel.config import settings
    from chalicelib.kernel.store import files as s3store
    from chalicelib.modules.figures import export_job as worker

    started = api.post("/api/exports", "sz_manager", {
        "kind": "orders", "format": "csv", "outlets": ["SZ"], "from": _today(), "to": _today()})
    assert started.status == 202
    real = settings()
    with monkeypatch.context() as m:
        m.setattr(s3store, "settings", lambda: dataclasses.replace(
            real, attachments_bucket="fuwu-test-no-such-bucket"))
        assert worker.handle([f'{{"export_id": "{started.body["id"]}"}}']) == ["failed"]
    job = api.get(f"/api/exports/{started.body['id']}", "sz_manager").body
    assert job["status"] == "failed" and job["error"] == "export_failed"
    assert job["download_url"] is None and job["finished_at"]
    listed = {j["id"]: j for j in api.get("/api/exports", "sz_manager").body["items"]}
    assert listed[job["id"]]["error"] == "export_failed"
    [logged] = [r for r in caplog.records if r.getMessage() == "export failed"]
    assert logged.export == job["id"] and logged.error_type == "S3UploadFailedError"
    # its message, still on the queue, does not run it again: only a retry does
    drain()
    assert api.get(f"/api/exports/{job['id']}", "sz_manager").body["status"] == "failed"
    retried = api.post(f"/api/exports/{job['id']}/retry", "sz_manager")
    assert retried.status == 200 and retried.body["status"] == "queued"
    drain()
    assert api.get(f"/api/exports/{job['id']}", "sz_manager").body["status"] == "done"
