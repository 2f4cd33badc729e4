"""The sweep: warn, breach, escalate — each (order, clock, level) exactly once, whatever
happens to the sweeps (repeated, concurrent, killed half-way, the same event replayed)."""

from __future__ import annotations

import threading

import boto3
import pytest

from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.sla import store as sla_store
from chalicelib.modules.sla import sweep as sla_sweep
from chalicelib.modules.sla import sweep_job as job
from infra.local import streams
from tests.conftest import STEP_DATA, inbox
from tests.sla_helpers import frozen, minutes, shanghai


def _dispatched(api, new_order, moment):
    with frozen(moment):
        order = new_order()
        return api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"]).body


def _inbox(api, user: str, number: str) -> list[dict]:
    """The deadline notices about this order (not the hand-off notices)."""
    items = inbox(api, user)
    return [n for n in items if n["number"] == number and n["clock"]]


def _levels(api, user: str, number: str) -> list[tuple[str, str]]:
    return sorted((n["clock"], n["level"]) for n in _inbox(api, user, number))


def test_warning_breach_and_escalation_reach_the_right_people_once(api, new_order):
    start = shanghai("2025-03-03 10:00")  # a Monday
    order = _dispatched(api, new_order, start)
    number = order["number"]
    contact = next(c for c in order["clocks"] if c["name"] == "contact")
    assert contact["due_at"] == "2025-03-03T02:20:00.000Z" and contact["status"] == "on_track"

    sla_sweep.sweep(start + minutes(10))
    assert _inbox(api, "sz_tech1", number) == []  # nothing due yet

    report = sla_sweep.sweep(start + minutes(17))  # 85 % of 20 min
    assert (number, "contact", "warning") in report.notified
    assert _levels(api, "sz_tech1", number) == [("contact", "warning")]
    assert _levels(api, "sz_manager", number) == []
    note = _inbox(api, "sz_tech1", number)[0]
    assert "即将超时" in note["title"] and number in note["title"]
    assert "测试客户SZ" in note["body"] and "剩余 3分钟" in note["body"]

    sla_sweep.sweep(start + minutes(17))  # run twice: nothing new
    sla_sweep.sweep(start + minutes(21))
    assert _levels(api, "sz_tech1", number) == [("contact", "warning")]
    assert _levels(api, "sz_manager", number) == [("contact", "breach")]
    breach = _inbox(api, "sz_manager", number)[0]
    assert "已超时 1分钟" in breach["body"]

    sla_sweep.sweep(start + minutes(20 + 240 + 1))
    assert _levels(api, "hq_admin", number) == [("contact", "escalation")]
    assert _levels(api, "sz_manager", number) == [("contact", "breach")]
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    contact = next(c for c in detail["clocks"] if c["name"] == "contact")
    assert contact["notified"] == ["breach", "escalation", "warning"]
    assert contact["status"] == "breached"
    english = inbox(api, "hq_admin", "en")
    assert any(n["number"] == number and n["title"].startswith("[Escalated]") for n in english)


def test_a_clock_stopped_in_time_notifies_nobody(api, new_order):
    start = shanghai("2025-03-10 10:00")
    order = _dispatched(api, new_order, start)
    with frozen(start + minutes(5)):
        order = api.act(order, "contact", "sz_tech1", {
            "contacted_at": "2025-03-10T02:05:00Z", "visit_at": "2025-03-10T06:00:00Z"}).body
    contact = next(c for c in order["clocks"] if c["name"] == "contact")
    assert contact["status"] == "met" and contact["late_seconds"] == 0
    sla_sweep.sweep(start + minutes(300))
    assert ("contact", "warning") not in _levels(api, "sz_tech1", order["number"])


def test_concurrent_sweeps_notify_each_level_once(api, new_order):
    start = shanghai("2025-03-17 10:00")
    orders = [_dispatched(api, new_order, start) for _ in range(3)]
    reports = []

    def run(at):
        reports.append(sla_sweep.sweep(at))

    for at in (start + minutes(18), start + minutes(25)):  # the warning, then the breach
        threads = [threading.Thread(target=run, args=(at,)) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    for order in orders:
        assert _levels(api, "sz_tech1", order["number"]) == [("contact", "warning")]
        assert _levels(api, "sz_manager", order["number"]) == [("contact", "breach")]
    ours = {o["number"] for o in orders}
    notified = [n for r in reports for n in r.notified if n[0] in ours]
    assert sorted(notified) == sorted({n for n in notified})  # no level twice across sweeps


def test_a_sweep_killed_half_way_is_completed_by_the_next_without_repeats(api, new_order, monkeypatch):
    start = shanghai("2025-03-24 10:00")
    orders = [_dispatched(api, new_order, start) for _ in range(3)]
    real_build, calls = notifications.build, []

    def dying_build(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("Lambda timed out")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(notifications, "build", dying_build)
    with pytest.raises(RuntimeError):
        sla_sweep.sweep(start + minutes(18))
    monkeypatch.setattr(notifications, "build", real_build)
    sla_sweep.sweep(start + minutes(18))
    sla_sweep.sweep(start + minutes(18))
    for order in orders:
        assert _levels(api, "sz_tech1", order["number"]) == [("contact", "warning")]


def test_the_same_scheduled_event_delivered_three_times_notifies_once(api, new_order):
    start = shanghai("2025-03-31 10:00")
    order = _dispatched(api, new_order, start)
    event = {"id": "evt-1", "source": "aws.events", "time": "2025-03-31T02:25:00Z"}
    with frozen(start + minutes(25)):
        for _ in range(3):
            job.run(event, None)
    # the first sweep after the due time: the breach, once (the warning came too late to send)
    assert _levels(api, "sz_tech1", order["number"]) == []
    assert _levels(api, "sz_manager", order["number"]) == [("contact", "breach")]


class _Lambda:
    """A Lambda context whose remaining time runs out after a few checks."""

    def __init__(self, checks: int):
        self.checks = checks
        self.aws_request_id = "req-1"

    def get_remaining_time_in_millis(self) -> int:
        self.checks -= 1
        return 60_000 if self.checks > 0 else 5_000


def test_a_sweep_short_of_time_stops_between_pages_and_the_next_resumes(api, new_order):
    start = shanghai("2025-04-07 10:00")
    orders = [_dispatched(api, new_order, start) for _ in range(4)]
    context = _Lambda(checks=3)
    first = sla_sweep.sweep(start + minutes(17),
                            lambda: context.get_remaining_time_in_millis() / 1000, page_size=1)
    assert first.complete is False
    sla_sweep.sweep(start + minutes(17))
    for order in orders:
        assert _levels(api, "sz_tech1", order["number"]) == [("contact", "warning")]


def test_the_due_index_is_sharded_and_holds_only_what_is_due(api, new_order):
    start = shanghai("2025-04-14 10:00")
    order = _dispatched(api, new_order, start)
    due = [w for shard in range(sla_store.SHARDS)
           for w in sla_store.due_watches(shard, "2025-04-14T02:16:00.000Z", 100, None).items
           if w.subject_id == order["id"]]
    assert [w.clock for w in due] == ["contact"]  # arrival's first check is later
    assert due[0].gsi1pk.startswith("SLA#") and due[0].gsi1pk != "SLA#"


def test_mail_goes_out_through_ses_once(api, new_order, stack):
    """Each inbox message (the demo's staff all want e-mail) is mailed once, through SES, from
    the table's stream: the dispatch's hand-offs, then the sweep's warning."""
    ses = boto3.client("ses", endpoint_url=stack["AWS_ENDPOINT_URL"],
                       region_name=stack["FUWU_SES_REGION"])
    streams.drain()  # what earlier tests left
    before = ses.get_send_quota()["SentLast24Hours"]
    start = shanghai("2025-04-21 10:00")
    _dispatched(api, new_order, start)
    handed_off = streams.drain()
    report = sla_sweep.sweep(start + minutes(17))
    again = sla_sweep.sweep(start + minutes(17))
    assert report.notified and not again.notified
    warned = streams.drain()
    assert handed_off >= 1 and warned >= 1 and streams.drain() == 0
    assert ses.get_send_quota()["SentLast24Hours"] - before == handed_off + warned
