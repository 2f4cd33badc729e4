"""The contracts' expiry reminders (issue 18, check 3): a free maintenance period ending
2026-12-31 is told once, on 2026-09-30, to the outlet's managers and head office, and a renewal
task (待续签) appears; the job run every morning around that day, twice on the day itself,
tells no one again."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.contracts import reminder_job
from chalicelib.modules.contracts.keys import contract_pk
from chalicelib.modules.contracts.models import Contract
from tests.appraisal_helpers import new_customer
from tests.conftest import every_page, inbox
from tests.sla_helpers import frozen

BEIJING = ZoneInfo("Asia/Shanghai")


def morning(day: date) -> datetime:
    """When the job runs: 09:00 in Beijing."""
    return datetime.combine(day, time(9), BEIJING)


def new_contract(api, customer: dict, starts_on: str, ends_on: str, at: datetime,
                 price_fen: int = 0) -> dict:
    """A free maintenance period (price 0), or a paid contract."""
    body = {"customer_id": customer["id"], "starts_on": starts_on, "ends_on": ends_on,
            "free_period": price_fen == 0, "price_fen": price_fen,
            "sites": [customer["sites"][0]["id"]],
            "included_callouts": 0,
            # its one inspection is before it was recorded: the generator has nothing to do
            "schedule": {"kind": "yearly", "day": 1, "month_offset": 0, "per": "site"},
            "checklist": [{"area": "前端设备", "items": ["设备运行正常"]}], "state": "active"}
    with frozen(at):
        reply = api.post("/api/contracts", "sz_manager", body,
                         headers={"Idempotency-Key": uuid.uuid4().hex})
    assert reply.status == 201, reply.body
    return reply.body


def told(api, user: str, number: str) -> list[dict]:
    return [n for n in inbox(api, user)
            if n.get("notice") == reminder_job.NOTICE and number in n["title"]]


def test_free_period_ending_2026_12_31_is_told_once_on_2026_09_30(api):
    customer = new_customer(api)
    contract = new_contract(api, customer, "2026-01-01", "2026-12-31",
                               datetime(2026, 1, 2, 10, tzinfo=BEIJING))
    stored = Contract.get(contract_pk(contract["id"]), "CONTRACT", consistent_read=True)
    assert stored.remind_on == "2026-09-30"

    day = date(2026, 9, 25)
    while day <= date(2026, 10, 5):
        with frozen(morning(day)):
            reminder_job.run(morning(day))
            if day == date(2026, 9, 30):
                reminder_job.run(morning(day))  # delivered twice
        if day < date(2026, 9, 30):
            assert told(api, "sz_manager", contract["number"]) == [], day
        day += timedelta(days=1)

    for user in ("sz_manager", "hq_admin"):
        [notice] = told(api, user, contract["number"])
        assert kernel_keys.parse_iso(notice["at"]).astimezone(BEIJING).date() == date(2026, 9, 30)
        assert notice["link"] == f"/contracts/{contract['id']}"
        assert "2026-12-31" in notice["body"] and contract["number"] in notice["title"]
    assert told(api, "cd_manager", contract["number"]) == []  # not another outlet's manager

    # the renewal task: the flag, the 待续签 list, the event; the contract left the index
    detail = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body
    assert detail["renewal_due"] is True
    [event] = [e for e in detail["events"] if e["action"] == reminder_job.EVENT]
    assert {"sz_manager", "hq_admin"} <= set(event["data"]["told"])
    listed = every_page(api, "/api/contracts?renewal_due=true", "sz_manager")
    assert contract["id"] in {c["id"] for c in listed}
    stored = Contract.get(contract_pk(contract["id"]), "CONTRACT", consistent_read=True)
    assert stored.remind_on is None and stored.gsi6pk is None
    assert int(stored.version) == detail["version"]

    # replaying the job later tells nobody again
    with frozen(morning(date(2026, 11, 1))):
        assert reminder_job.run(morning(date(2026, 11, 1)))["told"] == 0
    assert len(told(api, "sz_manager", contract["number"])) == 1


def test_a_paid_contract_is_told_too_and_a_terminated_one_is_not(api):
    paid_customer, ended_customer = new_customer(api), new_customer(api)
    paid = new_contract(api, paid_customer, "2027-01-01", "2027-06-30",
                        datetime(2027, 1, 2, 10, tzinfo=BEIJING), price_fen=600_000)
    ended = new_contract(api, ended_customer, "2027-01-01", "2027-06-30",
                         datetime(2027, 1, 2, 10, tzinfo=BEIJING))
    with frozen(datetime(2027, 2, 1, 10, tzinfo=BEIJING)):
        reply = api.post(f"/api/contracts/{ended['id']}/terminate", "sz_manager",
                         {"version": ended["version"], "reason": "客户取消"})
    assert reply.status == 200, reply.body
    with frozen(morning(date(2027, 3, 30))):
        reminder_job.run(morning(date(2027, 3, 30)))
    assert len(told(api, "sz_manager", paid["number"])) == 1
    assert told(api, "sz_manager", ended["number"]) == []


def test_a_draft_renewal_terminated_gives_the_renewal_task_back(api):
    customer = new_customer(api)
    contract = new_contract(api, customer, "2026-01-01", "2026-12-31",
                            datetime(2026, 1, 2, 10, tzinfo=BEIJING))
    with frozen(morning(date(2026, 9, 30))):
        reminder_job.run(morning(date(2026, 9, 30)))
        old = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body
        assert old["renewal_due"] is True
        renewal = api.post(f"/api/contracts/{contract['id']}/renew", "sz_manager",
                           {"version": old["version"], "ends_on": "2027-12-31", "price_fen": 0})
        assert renewal.status == 201, renewal.body
        renewal = renewal.body
        old = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body
        assert old["renewed_by"] == renewal["id"] and old["renewal_due"] is False
        ended = api.post(f"/api/contracts/{renewal['id']}/terminate", "sz_manager",
                         {"version": renewal["version"], "reason": "客户未签字"})
        assert ended.status == 200, ended.body
        old = api.get(f"/api/contracts/{contract['id']}", "sz_manager").body
    assert old["renewed_by"] is None and old["renewal_due"] is True
    assert old["may"]["renew"] is True
    assert old["events"][-1]["action"] == "renewal_withdrawn"
    due = every_page(api, "/api/contracts?renewal_due=true", "sz_manager")
    assert contract["id"] in {c["id"] for c in due}
    again = api.post(f"/api/contracts/{contract['id']}/renew", "sz_manager",
                     {"version": old["version"], "ends_on": "2027-12-31", "price_fen": 0})
    assert again.status == 201, again.body
