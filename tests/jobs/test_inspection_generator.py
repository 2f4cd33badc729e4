"""The inspection generator (issue 18, checks 1 and 2, through the API and the job): a contract
2026-01-01…2026-12-31 inspecting one site monthly on the 15th, with the generator run every day
of 2026 — on the mornings around each occurrence's generation two runs at once and a third after
them, one run on the other mornings, where nothing is due — yields exactly 12 inspection
orders, each 7 days ahead of its occurrence, coverage 合同服务, with the contract's checklist;
the Spring Festival's 2026-02-15 moves to 2026-02-24 and says why."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.contracts import generator, inspections
from chalicelib.modules.contracts.inspection_models import InspectionChecklist, InspectionOccurrence
from chalicelib.modules.contracts.keys import contract_pk
from chalicelib.modules.contracts.models import Contract
from tests.appraisal_helpers import new_customer
from tests.conftest import every_page, race
from tests.sla_helpers import frozen

BEIJING = ZoneInfo("Asia/Shanghai")
CHECKLIST = [  # 001 §14's four areas
    {"area": "前端设备", "items": ["摄像机图像清晰", "云台转动正常", "防护罩清洁"]},
    {"area": "线路", "items": ["线缆无破损", "接头紧固", "接地良好"]},
    {"area": "中心控制", "items": ["主机运行正常", "录像存储正常", "时间同步"]},
    {"area": "系统功能", "items": ["报警联动正常", "远程访问正常", "备份可恢复"]},
]


def morning(day: date) -> datetime:
    """When the job runs: 06:00 in Beijing."""
    return datetime.combine(day, time(6), BEIJING)


def new_contract(api, customer: dict, at: datetime, **fields) -> dict:
    body = {"customer_id": customer["id"], "starts_on": "2026-01-01", "ends_on": "2026-12-31",
            "free_period": False, "price_fen": 1_200_000,
            "sites": [customer["sites"][0]["id"]], "included_callouts": 4,
            "schedule": {"kind": "monthly", "day": 15, "month_offset": 0, "per": "site"},
            "checklist": CHECKLIST, "state": "active", **fields}
    with frozen(at):
        reply = api.post("/api/contracts", "sz_manager", body,
                         headers={"Idempotency-Key": uuid.uuid4().hex})
    assert reply.status == 201, reply.body
    return reply.body


def inspections_of(api, customer: dict) -> list[dict]:
    """The customer's inspection orders, whole (the list's rows, then each order's page)."""
    rows = every_page(api, f"/api/work-orders?customer={customer['id']}", "sz_manager")
    return [api.get(f"/api/work-orders/{o['id']}", "sz_manager").body for o in rows
            if o["type"] == "inspection"]


def markers(contract_id: str) -> list[InspectionOccurrence]:
    return [m for m in InspectionOccurrence.query(contract_pk(contract_id),
                                                  InspectionOccurrence.sk.startswith("OCC#"),
                                                  consistent_read=True)
            if isinstance(m, InspectionOccurrence)]


def test_a_year_of_daily_runs_yields_exactly_twelve_inspections(api):
    customer = new_customer(api)
    site = customer["sites"][0]
    contract = new_contract(api, customer, datetime(2025, 12, 20, 2, tzinfo=BEIJING))
    assert contract["next_due_on"] == "2026-01-15"

    # the year's runs see this contract alone (the tables are fresh): their tallies are its own
    assert [c.id for c in generator.due_contracts(date(2027, 1, 31))] == [contract["id"]]

    # Around each occurrence's generation (its planned date - 7 days, from two mornings before
    # to one after) two runs at once (an EventBridge delivery twice), then a third: one order
    # at most. Every other morning nothing is due, and one run shows that nothing is made.
    around = {date(2026, m, 15) - timedelta(days=7 + k) for m in range(1, 13) for k in (-1, 0, 1, 2)}
    generated, day = [], date(2026, 1, 1)
    while day <= date(2026, 12, 31):
        at = morning(day)
        with frozen(at):
            runs = race(2, lambda at=at: generator.run(at)) if day in around else []
            runs.append(generator.run(at))
        made = sum(r["generated"] for r in runs)
        assert made in (0, 1) and not any(r["failed"] for r in runs), (day, runs)
        if made:
            generated.append(day)
        day += timedelta(days=1)

    # each occurrence's order appeared 7 days before its planned date, once: the runs said so,
    # and the orders stored say so (12 of them, each created on the morning its run reported)
    assert generated == [date(2026, m, 15) - timedelta(days=7) for m in range(1, 13)]
    found = inspections_of(api, customer)
    assert len(found) == 12
    assert sorted(kernel_keys.parse_iso(o["created_at"]).astimezone(BEIJING).date()
                  for o in found) == generated
    assert {o["coverage"] for o in found} == {"contract"}
    assert {o["channel"] for o in found} == {"schedule"}
    assert {o["site_id"] for o in found} == {site["id"]}
    assert sorted(m.planned for m in markers(contract["id"])) == [
        f"2026-{m:02d}-15" for m in range(1, 13)]
    assert {m.order_id for m in markers(contract["id"])} == {o["id"] for o in found}

    # the year is done: the contract left the due index
    stored = Contract.get(contract_pk(contract["id"]), "CONTRACT", consistent_read=True)
    assert stored.next_due_on is None and stored.gsi5pk is None

    # the Spring Festival's occurrence moved to the first working day after it, and says so
    february = inspections.generated(contract["id"], "2026-02-15", site["id"])
    assert (february.due, february.moved) == ("2026-02-24", "holiday")
    detail = api.get(f"/api/work-orders/{february.order_id}", "sz_manager").body
    assert contract["number"] in detail["description"]
    assert "2026年2月" in detail["description"] and "节假日顺延至 2026-02-24" in detail["description"]
    created = detail["events"][0]
    assert created["action"] == "create"
    assert created["actor"] == {"username": "system", "name": "系统", "role": "system"}
    assert created["data"]["contract_id"] == contract["id"]
    assert created["data"]["occurrence"] == {"planned": "2026-02-15", "due": "2026-02-24",
                                             "moved": "holiday", "period_end": "2026-02-28",
                                             "per": "site", "target": site["id"]}
    assert kernel_keys.parse_iso(detail["created_at"]).astimezone(BEIJING).date() == date(2026, 2, 8)

    # a plain Sunday (2026-03-15) moves to Monday as a weekend; a working day stays
    march = inspections.generated(contract["id"], "2026-03-15", site["id"])
    assert (march.due, march.moved) == ("2026-03-16", "weekend")
    june = inspections.generated(contract["id"], "2026-06-15", site["id"])
    assert (june.due, june.moved) == ("2026-06-15", None)

    # the order carries the contract's checklist, every answer empty
    checklist = InspectionChecklist.get(kernel_keys.order_pk(february.order_id), "CHECKLIST",
                                        consistent_read=True)
    assert [a["area"] for a in checklist.areas] == ["前端设备", "线路", "中心控制", "系统功能"]
    assert all(i["answer"] is None for a in checklist.areas for i in a["items"])
    assert checklist.contract_id == contract["id"] and checklist.occurrence["due"] == "2026-02-24"

    # the contract's timeline names every order generated
    events = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body["events"]
    assert len([e for e in events if e["action"] == "inspection_generated"]) == 12


def test_one_order_per_covered_unit_when_the_schedule_is_per_unit(api):
    customer = new_customer(api)
    second = api.post(f"/api/customers/{customer['id']}/equipment", "sz_agent", {
        "model": "冷水机组 LS-500", "serial_no": f"AP-{uuid.uuid4().hex[:8]}",
        "site_id": customer["sites"][0]["id"]})
    assert second.status == 201, second.body
    contract = new_contract(api, customer, datetime(2027, 2, 20, 10, tzinfo=BEIJING),
                            starts_on="2027-03-01", ends_on="2028-02-29",
                            schedule={"kind": "quarterly", "day": 10, "month_offset": 0,
                                      "per": "unit"})
    assert contract["next_due_on"] == "2027-03-10"
    with frozen(morning(date(2027, 3, 3))):
        first = generator.run(morning(date(2027, 3, 3)))
        again = generator.run(morning(date(2027, 3, 3)))
    # (other tests' contracts due by then are generated by the same run)
    assert first["generated"] >= 2 and again["generated"] == 0
    assert len(markers(contract["id"])) == 2
    units = {m.target for m in markers(contract["id"])}
    assert units == {e["id"] for e in api.get(f"/api/customers/{customer['id']}",
                                              "sz_agent").body["equipment"]}
    stored = Contract.get(contract_pk(contract["id"]), "CONTRACT", consistent_read=True)
    assert stored.next_due_on == "2027-06-10"


def test_a_user_cannot_create_an_order_naming_an_occurrence(api):
    customer = new_customer(api)
    reply = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "inspection", "priority": "general",
        "channel": "phone", "description": "巡检", "contract_id": "ctr_0000000000",
        "occurrence": {"planned": "2026-01-15"}})
    assert reply.status == 400


def test_a_schedule_changed_after_an_occurrence_was_generated_never_inspects_its_period_twice(
        api):
    customer = new_customer(api)
    contract = new_contract(api, customer, datetime(2025, 12, 20, 2, tzinfo=BEIJING))
    with frozen(morning(date(2026, 1, 8))):
        assert generator.run(morning(date(2026, 1, 8)))["generated"] >= 1
    assert [m.planned for m in markers(contract["id"])] == ["2026-01-15"]
    version = Contract.get(contract_pk(contract["id"]), "CONTRACT", consistent_read=True).version
    with frozen(morning(date(2026, 1, 9))):
        edited = api.call("PUT", f"/api/contracts/{contract['id']}", "sz_manager", {
            "version": version,
            "schedule": {"kind": "monthly", "day": 20, "month_offset": 0, "per": "site"}})
    assert edited.status == 200, edited.body
    # January was inspected (its order generated): the new day falls from February on
    assert edited.body["next_due_on"] == "2026-02-20"
    for day in (13, 14, 20):
        with frozen(morning(date(2026, 1, day))):
            generator.run(morning(date(2026, 1, day)))
    assert [m.planned for m in markers(contract["id"])] == ["2026-01-15"]
