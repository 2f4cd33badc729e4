"""The quarterly report of a maintenance contract (issue 18: "every inspection and repair of the
quarter with results, faults found and signatures"): rendered on request as a PDF under the
contract (a new S3 object version each time), answered as a short-lived link; read back with
pypdf it names each inspection and repair order, their results, the fault's note and the repair
it opened, and the customer's signature. A quarter outside the contract's period (or no quarter
at all) is a 400 naming `quarter`; another outlet's reader gets 404.

Own contract (2034-07-01…2035-06-30, one site, monthly on the 10th) and own dates: the
generator runs for this contract alone."""

from __future__ import annotations

import contextlib
import io
import uuid
from datetime import UTC, date, datetime, time, timedelta

import pytest
import requests
from pypdf import PdfReader

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.contracts import generator, inspections
from chalicelib.modules.contracts.keys import contract_pk
from chalicelib.modules.contracts.models import Contract
from tests.appraisal_helpers import new_customer
from tests.conftest import STEP_DATA, signature_png, upload
from tests.sla_helpers import SH, frozen

CHECKLIST = [{"area": "前端设备", "items": ["摄像机图像清晰", "云台转动正常"]}]
FAULT_NOTE = "云台卡死，需更换云台电机"
RENDER_AT = datetime(2034, 10, 8, 10, tzinfo=SH)


@contextlib.contextmanager
def running_from(start: datetime):
    """The business clock runs from `start` as the wall clock does (each action after the one
    before)."""
    wall = datetime.now(UTC)
    kernel_keys.set_clock(lambda: start + (datetime.now(UTC) - wall))
    try:
        yield
    finally:
        kernel_keys.set_clock(None)


def beijing(day: date, hour: int = 6) -> datetime:
    return datetime.combine(day, time(hour), SH)


def now_iso() -> str:
    return kernel_keys.iso(kernel_keys.utc_now() - timedelta(seconds=5))


def act(api, order: dict, action: str, user: str, data: dict) -> dict:
    reply = api.act(order, action, user, data)
    assert reply.status == 200, (action, reply.body)
    return reply.body


def detail(api, order_id: str) -> dict:
    return api.get(f"/api/work-orders/{order_id}", "sz_manager").body


def generate(contract_id: str, day: date) -> None:
    at = beijing(day)
    with frozen(at):
        stored = Contract.get(contract_pk(contract_id), "CONTRACT", consistent_read=True)
        tally = generator.Tally()
        generator.generate(stored, at, tally)
    assert tally.failed == 0 and tally.generated == 1, tally.view()


def checklist_put(api, order: dict, version: int, item: int, answer: str, **more) -> int:
    reply = api.call("PUT", f"/api/work-orders/{order['id']}/checklist", "sz_tech1",
                     {"version": version, "area": 0, "item": item, "answer": answer, **more})
    assert reply.status == 200, reply.body
    return reply.body["checklist"]["version"]


@pytest.fixture(scope="module")
def quarter(api) -> dict:
    """July inspected on its day: one fault (a repair opened from it), signed by 陈先生;
    August never done; September cancelled; a repair taken in by phone on the covered unit in
    August."""
    customer = new_customer(api)
    site, unit = customer["sites"][0], customer["equipment"][0]
    with frozen(beijing(date(2034, 6, 20), 10)):
        made = api.post("/api/contracts", "sz_manager", {
            "customer_id": customer["id"], "starts_on": "2034-07-01", "ends_on": "2035-06-30",
            "free_period": False, "price_fen": 480_000, "sites": [site["id"]],
            "included_callouts": 4, "checklist": CHECKLIST, "state": "active",
            "schedule": {"kind": "monthly", "day": 10, "month_offset": 0, "per": "site"}},
            headers={"Idempotency-Key": uuid.uuid4().hex})
    assert made.status == 201, made.body
    contract = made.body
    inspected = {}
    for month in (7, 8, 9):
        generate(contract["id"], date(2034, month, 5))
        marker = inspections.generated(contract["id"], f"2034-{month:02d}-10", site["id"])
        inspected[month] = detail(api, marker.order_id)

    with running_from(beijing(date(2034, 7, 10), 9)):
        order = act(api, inspected[7], "dispatch", "sz_manager", STEP_DATA["dispatch"])
        order = act(api, order, "contact", "sz_tech1",
                    {"contacted_at": now_iso(), "visit_at": now_iso()})
        order = act(api, order, "check_in", "sz_tech1",
                    {"arrived_at": now_iso(), "geo": {"lat": 22.5, "lng": 114.0}})
        version = detail(api, order["id"])["checklist"]["version"]
        version = checklist_put(api, order, version, 0, "ok")
        photo = upload(api, order, "sz_tech1", category="fault")
        version = checklist_put(api, order, version, 1, "fault", note=FAULT_NOTE,
                                photo_id=photo["id"])
        opened = api.post(f"/api/work-orders/{order['id']}/checklist/repair", "sz_tech1",
                          {"version": version, "area": 0, "item": 1},
                          headers={"Idempotency-Key": uuid.uuid4().hex})
        assert opened.status == 201, opened.body
        fault_repair = opened.body["order"]
        order = detail(api, order["id"])
        order = act(api, order, "survey", "sz_tech1", STEP_DATA["survey"])
        order = act(api, order, "submit_plan", "sz_tech1", STEP_DATA["submit_plan"])
        order = act(api, order, "approve_plan", "sz_manager", STEP_DATA["approve_plan"])
        upload(api, order, "sz_tech1", category="after")
        order = act(api, detail(api, order["id"]), "complete", "sz_tech1", STEP_DATA["complete"])
        signed = upload(api, order, "sz_tech1", signature_png(), "signature", "signature",
                        "image/png")
        inspected[7] = act(api, order, "accept", "sz_tech1", {
            "customer_name": "陈先生", "opinion": "巡检完成", "satisfied": True,
            "signature_id": signed["id"]})
    with frozen(beijing(date(2034, 8, 20), 10)):
        phoned = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer["id"], "site_id": site["id"], "equipment_id": unit["id"],
            "type": "repair", "priority": "general", "channel": "phone",
            "description": "录像机无法回放"})
    assert phoned.status == 201, phoned.body
    assert phoned.body["coverage"] == "contract"
    with frozen(beijing(date(2034, 9, 6), 9)):
        inspected[9] = act(api, inspected[9], "cancel", "sz_manager", STEP_DATA["cancel"])
    return {"contract": contract, "inspected": inspected, "fault_repair": fault_repair,
            "phoned": phoned.body}


def render(api, contract_id: str, body: dict, user: str = "sz_manager", lang: str = "zh-CN"):
    with frozen(RENDER_AT):
        return api.post(f"/api/contracts/{contract_id}/quarterly", user, body,
                        headers={"Accept-Language": lang})


def pdf_text(url: str) -> str:
    reply = requests.get(url, timeout=30)
    assert reply.status_code == 200 and reply.content.startswith(b"%PDF-")
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(reply.content)).pages)


def test_the_quarterly_report_holds_every_inspection_and_repair_with_faults_and_signatures(
        api, quarter):
    contract = quarter["contract"]
    reply = render(api, contract["id"], {"quarter": "2034-Q3"})
    assert reply.status == 200, reply.body
    shown = reply.body
    assert shown["quarter"] == "2034-Q3"
    assert shown["title"] == f"维护季度报告 {contract['number']} 2034年第3季度"
    assert shown["filename"] == shown["title"] + ".pdf"
    assert (shown["inspections"], shown["repairs"]) == (3, 2)
    assert shown["generated_at"] == kernel_keys.iso(RENDER_AT)

    text = pdf_text(shown["url"])
    inspected = quarter["inspected"]
    for expected in (contract["number"], "维护季度报告", "2034-07-01 至 2034-09-30",
                     *(inspected[m]["number"] for m in (7, 8, 9)),
                     quarter["fault_repair"]["number"], quarter["phoned"]["number"],
                     "已完成", "逾期未完成", "已取消", "云台转动正常", "录像机无法回放",
                     "陈先生", "已签字", "1 / 1 / 0"):
        assert expected in text, expected
    assert FAULT_NOTE[:6] in text  # the fault's note (wrapped in its cell)
    # the fault's row names the repair it opened, after the inspections' table
    assert text.index(quarter["fault_repair"]["number"]) > text.index(inspected[9]["number"])

    # on the contract's timeline, with what was printed
    events = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body["events"]
    issued = [e for e in events if e["action"] == "quarterly_report"]
    assert issued and issued[-1]["data"]["quarter"] == "2034-Q3"
    assert issued[-1]["data"]["inspections"] == 3 and len(issued[-1]["data"]["sha256"]) == 64

    # rendered again: a new object version; in English the title says so
    again = render(api, contract["id"], {"quarter": "2034-Q3"}, "sz_tech1", "en")
    assert again.status == 200, again.body
    assert again.body["title"] == f"Quarterly maintenance report {contract['number']} 2034-Q3"
    version = shown["url"].split("versionId=")[1].split("&")[0]
    assert version not in again.body["url"]


def test_a_quarter_outside_the_contract_or_malformed_is_a_400_on_quarter(api, quarter):
    contract_id = quarter["contract"]["id"]
    for body in ({"quarter": "2034-Q2"}, {"quarter": "2035-Q3"}, {"quarter": "2034-Q5"},
                 {"quarter": "2034Q3"}, {}):
        reply = render(api, contract_id, body)
        assert reply.status == 400, (body, reply.body)
        assert "quarter" in reply.error["fields"], (body, reply.body)
    outside = render(api, contract_id, {"quarter": "2034-Q2"})
    assert "2034-07-01" in outside.error["fields"]["quarter"]
    # the quarter the contract ends in is within it
    assert render(api, contract_id, {"quarter": "2035-Q2"}).status == 200


def test_another_outlets_reader_gets_404(api, quarter):
    reply = render(api, quarter["contract"]["id"], {"quarter": "2034-Q3"}, "cd_manager")
    assert reply.status == 404
    assert render(api, quarter["contract"]["id"], {"quarter": "2034-Q3"},
                  "sz_warehouse").status == 403
