"""The monthly complaint rate (issue 15 check 7): the 2026-11 rate (valid complaints, accepted
orders, rate, by kind and by department, the lists behind them) is built by the job on
2026-12-01 at 09:00 Beijing, before the 5th at 17:00; three runs leave one stored rate per scope
and head office told once; who may read which outlet's rate; the monthly report's sheets.

SZ's November holds other tests' complaints and orders too: the expectations are what the facts
held before this test plus what it adds, computed by hand."""

from __future__ import annotations

import io
import tempfile
from datetime import timedelta

import pytest
from openpyxl import load_workbook

from chalicelib.kernel.store import keys
from chalicelib.modules.complaints import rate, rate_job
from chalicelib.modules.complaints.models import ComplaintRate
from chalicelib.modules.figures import kpi, monthly
from tests.conftest import inbox
from tests.sla_helpers import frozen, shanghai

MONTH = "2026-11"
JOB_TIME = shanghai("2026-12-01T09:00:00")
DEADLINE = shanghai("2026-12-05T17:00:00")


def _record(api, kind: str, staff: str) -> dict:
    made = api.post("/api/complaints", "sz_agent", {
        "kind": kind, "channel": "phone", "complainant": {"name": "黄女士", "phone": "13800001111"},
        "about": {"staff": staff}, "content": f"投诉率测试：{kind}", "demand": "给个说法"})
    assert made.status == 201, made.body
    return made.body


def _judge(api, complaint: dict, stands: bool) -> dict:
    data = {"stands": True} if stands else {
        "stands": False, "reason": "与事实不符", "explanation": {"text": "已向顾客解释",
                                                               "channel": "phone"}}
    judged = api.post(f"/api/complaints/{complaint['id']}/actions/judge", "sz_manager",
                      {"version": complaint["version"], "data": data})
    assert judged.status == 200, judged.body
    return judged.body


def _told(api, user: str, month: str) -> int:
    """How many of the user's inbox items announce the month's complaint rate (every page)."""
    return sum(1 for n in inbox(api, user)
               if n["notice"] == "complaint_rate" and n["subject_id"] == month)


def _figures(doc: dict) -> dict:
    return {k: doc[k] for k in ("received", "valid", "unfounded", "pending", "accepted_orders")}


def _kind(doc: dict, kind: str) -> dict:
    return doc["by_kind"].get(kind, {"received": 0, "valid": 0, "items": []})


def _department(doc: dict, code: str) -> dict:
    return doc["by_department"].get(code, {"valid": 0, "items": []})


@pytest.fixture(scope="module")
def november(api, new_order_module):
    """SZ's November before this test, then four accepted orders and five complaints: valid
    quality (质量部), valid ×2 and unfounded service attitude (the outlet), quality not judged."""
    before = {scope: rate.month_rate(scope, MONTH) for scope in ("SZ", "NETWORK")}
    assert before["SZ"]["runs"] == 0  # not built yet: built for the answer only
    told = _told(api, "hq_admin", MONTH)
    with frozen(shanghai("2026-11-09T10:00:00")):
        orders = [new_order_module("SZ") for _ in range(4)]
    with frozen(shanghai("2026-11-16T14:00:00")):
        made = {
            "quality_valid": _judge(api, _record(api, "quality", "sz_tech1"), True),
            "attitude_valid_1": _judge(api, _record(api, "service_attitude", "sz_tech2"), True),
            "attitude_valid_2": _judge(api, _record(api, "service_attitude", "sz_tech3"), True),
            "attitude_unfounded": _judge(api, _record(api, "service_attitude", "sz_tech1"), False),
            "quality_pending": _record(api, "quality", "sz_tech2"),
        }
    # the monthly report may be written before the job: the rate built from the same facts
    with frozen(JOB_TIME - timedelta(minutes=1)):
        on_the_fly = rate.month_rate("SZ", MONTH)
        sheets = _complaint_sheets()
    return {"before": before, "told": told, "orders": orders, "made": made,
            "on_the_fly": on_the_fly, "sheets": sheets}


def _complaint_sheets() -> dict:
    """SZ's monthly report of November: its complaint sheets' rows."""
    with tempfile.TemporaryDirectory() as tmp:
        path = monthly.write_workbook(tmp, "SZ", "深圳", MONTH, kpi.build("SZ", MONTH))
        with open(path, "rb") as handle:
            book = load_workbook(io.BytesIO(handle.read()), read_only=True)
        return {name: list(book[name].iter_rows(values_only=True)) if name in book.sheetnames
                else None for name in ("投诉", "投诉明细")}


@pytest.fixture(scope="module")
def new_order_module(api):
    from tests.conftest import customer_of

    def make(outlet: str) -> dict:
        customer = customer_of(api, outlet)
        reply = api.post("/api/work-orders", f"{outlet.lower()}_agent", {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "equipment_id": customer["equipment"][0]["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "投诉率测试：受理工单"})
        assert reply.status == 201, reply.body
        return reply.body

    return make


@pytest.fixture(scope="module")
def built(api, november):
    """The job, three times on 2026-12-01 at 09:00 Beijing."""
    with frozen(JOB_TIME):
        results = [rate_job.run({}, None) for _ in range(3)]
    assert [r["month"] for r in results] == [MONTH] * 3
    return results


def test_the_november_rate_is_built_by_the_5th_and_equals_a_hand_computation(api, november,
                                                                              built):
    made, base = november["made"], november["before"]["SZ"]
    reply = api.get(f"/api/complaints/rate?month={MONTH}&outlet=SZ", "sz_manager")
    assert reply.status == 200, reply.body
    sz = reply.body
    assert sz["month"] == MONTH and sz["scope"] == "SZ" and sz["runs"] == 3
    assert JOB_TIME <= keys.parse_iso(sz["generated_at"]) < DEADLINE

    # by hand: 5 recorded (3 valid, 1 unfounded, 1 not judged), 4 accepted orders
    expected = {"received": base["received"] + 5, "valid": base["valid"] + 3,
                "unfounded": base["unfounded"] + 1, "pending": base["pending"] + 1,
                "accepted_orders": base["accepted_orders"] + 4}
    assert _figures(sz) == expected
    assert sz["rate"] == pytest.approx(expected["valid"] / expected["accepted_orders"], abs=1e-6)

    mine = {m["id"] for m in made.values()}
    ids = lambda *names: {made[n]["id"] for n in names}  # noqa: E731
    quality, attitude = _kind(sz, "quality"), _kind(sz, "service_attitude")
    assert quality["received"] == _kind(base, "quality")["received"] + 2
    assert quality["valid"] == _kind(base, "quality")["valid"] + 1
    assert set(quality["items"]) & mine == ids("quality_valid")
    assert attitude["received"] == _kind(base, "service_attitude")["received"] + 3
    assert attitude["valid"] == _kind(base, "service_attitude")["valid"] + 2
    assert set(attitude["items"]) & mine == ids("attitude_valid_1", "attitude_valid_2")
    for figure in sz["by_kind"].values():  # each figure is the length of its list
        assert figure["valid"] == len(figure["items"])

    quality_dept, outlet_dept = _department(sz, "quality"), _department(sz, "outlet")
    assert quality_dept["valid"] == _department(base, "quality")["valid"] + 1
    assert quality_dept["name"] == "质量部"
    assert set(quality_dept["items"]) & mine == ids("quality_valid")
    assert outlet_dept["valid"] == _department(base, "outlet")["valid"] + 2
    assert set(outlet_dept["items"]) & mine == ids("attitude_valid_1", "attitude_valid_2")
    for figure in sz["by_department"].values():
        assert figure["valid"] == len(figure["items"])

    listed = {i["id"]: i for i in sz["items"]}
    assert len(listed) == expected["received"]
    for name, valid, department in (("quality_valid", True, "quality"),
                                    ("attitude_valid_1", True, "outlet"),
                                    ("attitude_valid_2", True, "outlet"),
                                    ("attitude_unfounded", False, None),
                                    ("quality_pending", None, None)):
        line = listed[made[name]["id"]]
        assert (line["number"], line["valid"], line["department"], line["state"],
                line["kind"]) == (made[name]["number"], valid, department, made[name]["state"],
                                  made[name]["kind"])
        assert line["received_at"].startswith("2026-11-16")

    # the network: every outlet's, the same additions
    network = api.get(f"/api/complaints/rate?month={MONTH}", "hq_admin").body
    net_base = november["before"]["NETWORK"]
    assert network["scope"] == "NETWORK" and network["runs"] == 3
    assert _figures(network) == {k: net_base[k] + (expected[k] - base[k]) for k in expected}
    assert mine <= {i["id"] for i in network["items"]}
    assert api.get(f"/api/complaints/rate?month={MONTH}&outlet=SZ", "hq_admin").body == sz


def test_three_runs_store_one_rate_per_scope_and_tell_head_office_once(api, november, built):
    stored = [i for i in ComplaintRate.query(f"CMPRATE#{MONTH}") if isinstance(i, ComplaintRate)]
    scopes = [i.scope for i in stored]
    assert sorted(scopes) == sorted({*(o.code for o in rate.service_outlets()), "NETWORK"})
    assert {int(i.runs) for i in stored} == {3}
    assert [r["told"] for r in built][1:] == [0, 0]
    assert _told(api, "hq_admin", MONTH) == november["told"] + 1
    note = next(n for n in inbox(api, "hq_admin")
                if n["notice"] == "complaint_rate" and n["subject_id"] == MONTH)
    assert note["link"] == f"/complaints/rate?month={MONTH}"
    assert "投诉率" in note["title"]


def test_who_reads_which_rate(api, november, built):
    path = f"/api/complaints/rate?month={MONTH}"
    refused = api.get(f"{path}&outlet=SZ", "cd_manager")
    assert refused.status == 404 and refused.error["code"] == "not_found"
    assert api.get(f"{path}&outlet=NETWORK", "sz_manager").status == 404
    assert api.get(f"{path}&outlet=SZ", "sz_tech1").status == 403
    assert api.get(f"{path}&outlet=SZ", "sz_agent").status == 403
    assert api.get(path, "sz_manager").body["scope"] == "SZ"  # a manager's own by default
    assert api.get(f"{path}&outlet=HQ", "hq_admin").status == 404  # head office is no outlet
    never = api.get("/api/complaints/rate?month=2025-01&outlet=SZ", "sz_manager")
    assert never.status == 404 and never.error["code"] == "not_built"
    bad = api.get("/api/complaints/rate?month=2026-13", "hq_admin")
    assert bad.status == 400 and "month" in bad.error["fields"]


def test_head_office_rebuilds_a_past_month_now(api, november, built):
    with frozen(JOB_TIME + timedelta(days=1)):
        assert api.post("/api/complaints/rate/runs", "sz_manager",
                        {"month": MONTH}).status == 403
        current = api.post("/api/complaints/rate/runs", "hq_admin", {"month": "2026-12"})
        assert current.status == 400 and "month" in current.error["fields"]
        again = api.post("/api/complaints/rate/runs", "hq_admin", {"month": MONTH})
    assert again.status == 200, again.body
    assert again.body["scope"] == "NETWORK" and again.body["runs"] == 4
    assert _told(api, "hq_admin", MONTH) == november["told"] + 1  # still once


def test_the_monthly_report_has_the_complaint_sheets_in_either_order(api, november, built):
    """Written before the job (the rate built on the fly, not stored) or after it (stored):
    the same figures and list."""
    stored = api.get(f"/api/complaints/rate?month={MONTH}&outlet=SZ", "sz_manager").body
    before = november["on_the_fly"]
    assert before["runs"] == 0
    assert {k: v for k, v in before.items() if k not in ("generated_at", "runs")} == \
        {k: v for k, v in stored.items() if k not in ("generated_at", "runs")}
    after = _complaint_sheets()
    assert after == november["sheets"]
    sheet = {r[0]: r[1] for r in after["投诉"]}
    assert sheet["有效投诉（成立）"] == stored["valid"]
    assert sheet["受理工单"] == stored["accepted_orders"]
    assert sheet["投诉率（有效投诉 ÷ 受理工单）"] == pytest.approx(stored["rate"])
    assert sheet["有效投诉·产品质量"] == stored["by_kind"]["quality"]["valid"]
    assert sheet["有效投诉·服务态度"] == stored["by_kind"]["service_attitude"]["valid"]
    assert sheet["有效投诉·责任部门·质量部"] == stored["by_department"]["quality"]["valid"]
    rows = after["投诉明细"]
    assert len(rows) - 1 == stored["received"] + stored["discarded"]
    by_number = {r[0]: r for r in rows[1:]}
    made = november["made"]
    assert by_number[made["quality_valid"]["number"]][4] == "成立"
    assert by_number[made["attitude_unfounded"]["number"]][4] == "不成立"
    assert by_number[made["quality_pending"]["number"]][4] == "待判定"
