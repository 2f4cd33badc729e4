"""The cash hand-in job (issue 17, check 4): cash recorded on site with a receipt number and not
handed in to finance 3 days later warns the outlet's manager once, however often the job runs;
cash handed in on time, and a transfer, warn no one; the warning is on the order's timeline."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.kernel.store import keys
from chalicelib.modules.fees import cash_job
from tests.conftest import inbox


def _notices(api, number: str) -> list[dict]:
    return [n for n in inbox(api, "sz_manager")
            if n["notice"] == cash_job.NOTICE and number in n["title"]]


def _pay(api, order, collected, **body) -> dict:
    reply = api.post(f"/api/work-orders/{order['id']}/payments", "sz_tech1", {
        "amount_fen": 35000, "method": "cash", "receipt_no": "SK-0402",
        "collected_at": keys.iso(collected), **body})
    assert reply.status == 201, reply.body
    return reply.body


def test_cash_not_handed_in_after_three_days_warns_the_manager_once(api, walk, new_order):
    now = keys.utc_now()
    collected = now - timedelta(days=2)  # due with finance tomorrow
    late = walk(new_order(), ["dispatch"])
    on_time = walk(new_order(), ["dispatch"])
    by_transfer = walk(new_order(), ["dispatch"])
    cash = _pay(api, late, collected)
    handed = _pay(api, on_time, collected)
    _pay(api, by_transfer, collected, method="transfer", receipt_no=None, reference="TX-1")
    assert api.post(f"/api/work-orders/{on_time['id']}/payments/{handed['id']}/hand-in",
                    "sz_manager", {"version": 1}).status == 200

    cash_job.run(now)  # not due yet
    assert _notices(api, late["number"]) == []

    after = keys.parse_iso(cash["handin_due_at"]) + timedelta(hours=1)
    cash_job.run(after)
    cash_job.run(after)  # the same morning again (delivered twice)
    cash_job.run(after + timedelta(days=1))  # and the next morning
    [told] = _notices(api, late["number"])
    assert "350.00" in told["title"] and "SK-0402" in told["body"]
    assert told["link"] == f"/work-orders/{late['id']}"
    assert _notices(api, on_time["number"]) == _notices(api, by_transfer["number"]) == []

    timeline = api.get(f"/api/work-orders/{late['id']}", "sz_manager").body["events"]
    overdue = [e for e in timeline if e["action"] == "cash_overdue"]
    assert len(overdue) == 1 and overdue[0]["data"]["payment_id"] == cash["id"]
    assert "sz_manager" in overdue[0]["data"]["told"]

    # handed in after the warning: the payment's version was not moved by the job
    handed_late = api.post(f"/api/work-orders/{late['id']}/payments/{cash['id']}/hand-in",
                           "sz_manager", {"version": cash["version"]})
    assert handed_late.status == 200, handed_late.body
    cash_job.run(after + timedelta(days=2))
    assert len(_notices(api, late["number"])) == 1


def test_the_scheduled_entry_runs(api):
    assert "told" in cash_job.handle({}, None)


def test_one_payment_failing_to_be_told_keeps_no_one_else_from_being_told(
        api, walk, new_order, monkeypatch):
    collected = keys.utc_now() - timedelta(days=2)
    first = walk(new_order(), ["dispatch"])
    second = walk(new_order(), ["dispatch"])
    failing = _pay(api, first, collected, receipt_no="SK-0501")
    _pay(api, second, collected, receipt_no="SK-0502")
    after = keys.parse_iso(failing["handin_due_at"]) + timedelta(hours=1)
    real = cash_job._warn

    def warn(payment, people, at):
        if payment.id == failing["id"]:
            raise RuntimeError("the transaction failed")
        return real(payment, people, at)

    monkeypatch.setattr(cash_job, "_warn", warn)
    result = cash_job.run(after)
    assert result["failed"] == 1
    assert _notices(api, first["number"]) == [] and len(_notices(api, second["number"])) == 1
    monkeypatch.undo()
    cash_job.run(after)  # the next run tells the one that failed, and only it
    assert len(_notices(api, first["number"])) == 1
    assert len(_notices(api, second["number"])) == 1
