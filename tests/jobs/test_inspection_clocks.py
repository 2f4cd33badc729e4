"""A generated inspection's deadlines (issue 18, slice 2; docs/sla.md "Inspection orders"): no
customer waits for an answer (no `response` clock); its `inspection` clock (巡检期限) runs from
its creation to the end of its occurrence's period (24:00 in the outlet's time zone) and stops
met at its completion; its arrival is due by the end of the occurrence's working day; one not
done by the end of its period is breached by the sweep and listed on 时限预警 (the at-risk board).
A hand-entered inspection keeps the answer's clock and gets no period's clock.

Own year (2032) and own contract: the generator is run for this contract alone
(generator.generate), the sweep's processing for this order's watch alone (the shared stack's
other clocks are other tests')."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.contracts import generator, inspections
from chalicelib.modules.contracts.keys import contract_pk
from chalicelib.modules.contracts.models import Contract
from chalicelib.modules.sla import sweep as sla_sweep
from chalicelib.modules.sla.models import SlaWatch
from tests.appraisal_helpers import new_customer
from tests.conftest import STEP_DATA, walk_at
from tests.sla_helpers import frozen

BEIJING = ZoneInfo("Asia/Shanghai")
CHECKLIST = [{"area": "系统功能", "items": ["报警联动正常"]}]


def beijing(day: date, hour: int = 6) -> datetime:
    return datetime.combine(day, time(hour), BEIJING)


def new_contract(api, customer: dict) -> dict:
    body = {"customer_id": customer["id"], "starts_on": "2032-01-01", "ends_on": "2032-12-31",
            "free_period": False, "price_fen": 600_000, "sites": [customer["sites"][0]["id"]],
            "included_callouts": 2, "checklist": CHECKLIST, "state": "active",
            "schedule": {"kind": "monthly", "day": 15, "month_offset": 0, "per": "site"}}
    with frozen(beijing(date(2031, 12, 20), 10)):
        reply = api.post("/api/contracts", "sz_manager", body,
                         headers={"Idempotency-Key": uuid.uuid4().hex})
    assert reply.status == 201, reply.body
    return reply.body


def generate(contract_id: str, day: date) -> None:
    """The generator's morning run for this contract alone."""
    at = beijing(day)
    with frozen(at):
        stored = Contract.get(contract_pk(contract_id), "CONTRACT", consistent_read=True)
        tally = generator.Tally()
        generator.generate(stored, at, tally)
    assert tally.failed == 0, tally.view()


def detail(api, order_id: str, at: datetime | None = None) -> dict:
    if at is None:
        return api.get(f"/api/work-orders/{order_id}", "sz_manager").body
    with frozen(at):
        return api.get(f"/api/work-orders/{order_id}", "sz_manager").body


def clock(order: dict, name: str) -> dict | None:
    return next((c for c in order["clocks"] if c["name"] == name), None)


def test_a_generated_inspection_is_due_by_its_periods_end_and_arrives_on_its_day(api):
    customer = new_customer(api)
    site = customer["sites"][0]["id"]
    contract = new_contract(api, customer)
    generate(contract["id"], date(2032, 1, 8))
    marker = inspections.generated(contract["id"], "2032-01-15", site)
    assert marker is not None and marker.due == "2032-01-15"  # a Thursday
    assert marker.period_end == "2032-01-31"

    order = detail(api, marker.order_id)
    # nobody waits for an answer: no response clock; due by January's end, Beijing time
    assert [c["name"] for c in order["clocks"]] == ["inspection"]
    due = clock(order, "inspection")
    assert due["due_at"] == "2032-01-31T16:00:00.000Z" and due["status"] == "on_track"
    assert due["started_at"] == kernel_keys.iso(beijing(date(2032, 1, 8)))
    full = api.get(f"/api/work-orders/{order['id']}", "sz_manager",
                   headers={"Accept-Language": "zh-CN"}).body
    target = clock(full, "inspection")["target"]
    assert target["agreed_due"] == "2032-01-31T16:00:00.000Z"
    assert target["note"] == "巡检期限：按约定时间完成"
    created = order["events"][0]
    assert created["data"]["occurrence"]["period_end"] == "2032-01-31"

    # dispatched the day before: the arrival is due by the end of the occurrence's day (not
    # the policy's 24–72 hours)
    with frozen(beijing(date(2032, 1, 14), 10)):
        dispatched = api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"])
    assert dispatched.status == 200, dispatched.body
    arrival = clock(dispatched.body, "arrival")
    assert arrival["due_at"] == "2032-01-15T16:00:00.000Z"
    assert clock(dispatched.body, "response") is None

    # on site on its day (the arrival met), completed on the 20th: the inspection clock stops,
    # met
    order, _ = walk_at(api, dispatched.body, beijing(date(2032, 1, 14), 11), ["contact"])
    order, _ = walk_at(api, order, beijing(date(2032, 1, 15), 9), ["check_in"])
    assert clock(order, "arrival")["status"] == "met"
    order, _ = walk_at(api, order, beijing(date(2032, 1, 20), 9),
                       ["survey", "submit_plan", "approve_plan"])
    checklist = detail(api, order["id"]).get("checklist")
    if checklist is not None:  # the inspection's checklist answered (its completion gate)
        with frozen(beijing(date(2032, 1, 20), 11)):
            answered = api.call("PUT", f"/api/work-orders/{order['id']}/checklist", "sz_tech1",
                                {"version": checklist["version"], "area": 0, "item": 0,
                                 "answer": "ok"})
        assert answered.status == 200, answered.body
        order = detail(api, order["id"])
    order, _ = walk_at(api, order, beijing(date(2032, 1, 20), 12), ["complete"])
    done = clock(order, "inspection")
    assert done["status"] == "met" and done["stopped_at"] is not None


def test_an_inspection_not_done_by_its_periods_end_is_breached_on_the_at_risk_board(api):
    customer = new_customer(api)
    site = customer["sites"][0]["id"]
    contract = new_contract(api, customer)
    generate(contract["id"], date(2032, 1, 8))
    generate(contract["id"], date(2032, 2, 8))
    marker = inspections.generated(contract["id"], "2032-02-15", site)
    assert marker.due > "2032-02-15" and marker.moved is not None  # a Sunday: moved
    assert marker.period_end == "2032-02-29"  # a leap year's February
    order = detail(api, marker.order_id)
    assert clock(order, "inspection")["due_at"] == "2032-02-29T16:00:00.000Z"

    # the sweep runs after the period's end: the clock is breached, the manager told
    after = beijing(date(2032, 3, 1), 10)
    watch = SlaWatch.get(kernel_keys.order_pk(marker.order_id), "WATCH#inspection",
                         consistent_read=True)
    report = sla_sweep.SweepReport()
    sla_sweep.process(watch, after, report)
    assert (marker.order_number, "inspection", "breach") in report.notified
    assert clock(detail(api, marker.order_id, after), "inspection")["status"] == "breached"

    # 时限预警 lists it among the breached, by its clock's name
    with frozen(after):
        board = api.get("/api/sla/at-risk?horizon_hours=24", "sz_manager").body
    row = next(r for r in board["items"] if r["order_id"] == marker.order_id)
    assert row["clock"]["name"] == "inspection" and row["clock"]["status"] == "breached"
    stored = SlaWatch.get(kernel_keys.order_pk(marker.order_id), "WATCH#inspection",
                          consistent_read=True)
    assert stored.breached_at is not None and "breach" in stored.notified


def test_a_hand_entered_inspection_keeps_the_answer_clock_and_has_no_period(api):
    customer = new_customer(api)
    at = beijing(date(2032, 5, 10), 10)
    with frozen(at):
        reply = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "type": "inspection", "priority": "general", "channel": "phone",
            "description": "客户要求巡检"})
    assert reply.status == 201, reply.body
    names = [c["name"] for c in reply.body["clocks"]]
    assert "response" in names and "inspection" not in names
    assert clock(reply.body, "response")["due_at"] == kernel_keys.iso(at + timedelta(hours=24))


def test_a_hold_does_not_move_an_inspections_periods_end(api):
    """The period's end is the one deadline (the contract's result judges the same instant): a
    hold pauses the order's other clocks, never the inspection's; the resume leaves it due at
    the period's end, and past it the sweep breaches it while the order is on hold."""
    customer = new_customer(api)
    site = customer["sites"][0]["id"]
    contract = new_contract(api, customer)
    for month in (1, 2, 3):
        generate(contract["id"], date(2032, month, 8))
    marker = inspections.generated(contract["id"], "2032-03-15", site)
    order = detail(api, marker.order_id)
    ends = "2032-03-31T16:00:00.000Z"
    order, _ = walk_at(api, order, beijing(date(2032, 3, 14), 10),
                       ["dispatch", "contact", "check_in"])
    order, _ = walk_at(api, order, beijing(date(2032, 3, 20), 10), ["hold"])
    assert order["state"] == "on_hold"
    held = clock(order, "inspection")
    assert held["due_at"] == ends and held["status"] != "paused", held
    # on hold past the period's end: breached by the sweep (a paused clock is not swept)
    after = beijing(date(2032, 4, 1), 10)
    watch = SlaWatch.get(kernel_keys.order_pk(marker.order_id), "WATCH#inspection",
                         consistent_read=True)
    report = sla_sweep.SweepReport()
    sla_sweep.process(watch, after, report)
    assert (marker.order_number, "inspection", "breach") in report.notified
    order, _ = walk_at(api, detail(api, order["id"]), beijing(date(2032, 4, 5), 10), ["resume"])
    resumed = clock(order, "inspection")
    assert resumed["due_at"] == ends and resumed["status"] == "breached", resumed
