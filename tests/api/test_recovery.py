"""Half-finished work is visible and recoverable (see docs/consistency.md).

- An export job and its queue message: a message SQS did not take fails the job with
  `queue_unavailable`; a job queued or running for too long is shown as stuck; `retry` queues it
  again, once however often it is asked; the worker takes a job once and ignores a message for a
  job that is no longer waiting for it.
- Order numbers: the day's counter moves in the create's transaction, so a create that fails
  takes no number and a stale guess of the counter never gives a duplicate.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta
from zoneinfo import ZoneInfo

import boto3
import pytest

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.modules.figures import export_job as worker
from chalicelib.modules.figures import exports as export_service
from chalicelib.modules.figures import store as export_store
from chalicelib.modules.orders import store as order_store
from infra.local.queues import drain
from tests.conftest import customer_of, race


def _sqs():
    return boto3.client("sqs", **settings().aws_kwargs)


def _queue(name: str) -> str:
    return _sqs().create_queue(QueueName=f"fuwu-test-{name}-{uuid.uuid4().hex[:8]}")["QueueUrl"]


def _deleted_queue() -> str:
    """The URL of a queue that no longer exists: SQS refuses every message sent to it."""
    url = _queue("gone")
    _sqs().delete_queue(QueueUrl=url)
    return url


def _send_to(m: pytest.MonkeyPatch, url: str) -> None:
    """The app's export queue is `url` (its configuration, not its code, is changed)."""
    real = settings()
    m.setattr(export_store, "settings", lambda: dataclasses.replace(real, export_queue_url=url))


def _messages(url: str) -> list[str]:
    bodies = []
    while True:
        got = _sqs().receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        if not got:
            return bodies
        bodies += [m["Body"] for m in got]


def _today() -> str:
    return keys.utc_now().astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()


def _start(api, user: str = "sz_manager") -> dict:
    reply = api.post("/api/exports", user, {"kind": "orders", "format": "csv", "outlets": ["SZ"],
                                            "from": _today(), "to": _today()})
    assert reply.status == 202, reply.body
    return reply.body


# ---------------------------------------------------------------- an export job and its message

def test_a_job_whose_message_sqs_refused_fails_with_queue_unavailable_and_is_retried(
        api, monkeypatch):
    with monkeypatch.context() as m:
        _send_to(m, _deleted_queue())
        job = _start(api)
    assert job["status"] == "failed" and job["error"] == "queue_unavailable"
    assert job["stuck"] is False and job["download_url"] is None
    listed = {j["id"]: j for j in api.get("/api/exports", "sz_manager").body["items"]}
    assert listed[job["id"]]["status"] == "failed"
    assert listed[job["id"]]["error"] == "queue_unavailable"

    # the queue is back: retry queues it again, the worker writes it
    retried = api.post(f"/api/exports/{job['id']}/retry", "sz_manager")
    assert retried.status == 200, retried.body
    assert retried.body["status"] == "queued" and retried.body["error"] is None
    drain()
    done = api.get(f"/api/exports/{job['id']}", "sz_manager").body
    assert done["status"] == "done" and done["download_url"] and done["error"] is None
    refused = api.post(f"/api/exports/{job['id']}/retry", "sz_manager")
    assert refused.status == 409 and refused.error["code"] == "invalid_transition"


def test_a_job_still_queued_after_ten_minutes_is_stuck_and_a_retry_runs_it_once(api, monkeypatch):
    unwatched = _queue("unwatched")  # the message is taken by SQS but no worker ever reads it
    long_ago = keys.utc_now() - timedelta(minutes=15)
    keys.set_clock(lambda: long_ago)
    try:
        with monkeypatch.context() as m:
            _send_to(m, unwatched)
            job = _start(api)
    finally:
        keys.set_clock(None)
    assert job["status"] == "queued" and job["stuck"] is False  # fresh when it was queued
    now = api.get(f"/api/exports/{job['id']}", "sz_manager").body
    assert now["status"] == "queued" and now["stuck"] is True
    assert api.get(f"/api/exports/{job['id']}", "cd_manager").status == 404
    assert api.post(f"/api/exports/{job['id']}/retry", "cd_manager").status == 404
    assert api.post(f"/api/exports/{job['id']}/retry", "sz_agent").status == 403

    retried = api.post(f"/api/exports/{job['id']}/retry", "sz_manager")
    assert retried.status == 200 and retried.body["status"] == "queued"
    assert retried.body["stuck"] is False
    drain()
    assert api.get(f"/api/exports/{job['id']}", "hq_admin").body["status"] == "done"
    # the first message, delivered at last, finds the job done and leaves it alone
    assert [worker.handle([body]) for body in _messages(unwatched)] == [["already_done"]]


def test_concurrent_retries_queue_the_job_once_and_one_worker_writes_it(api, monkeypatch):
    with monkeypatch.context() as m:
        _send_to(m, _deleted_queue())
        job = _start(api)
    assert job["status"] == "failed"
    live = _queue("retries")
    with monkeypatch.context() as m:
        _send_to(m, live)
        replies = race(4, lambda: api.post(f"/api/exports/{job['id']}/retry", "sz_manager"))
    assert {r.status for r in replies} == {200}
    assert {r.body["status"] for r in replies} == {"queued"}
    [message] = _messages(live)  # one message, however many retries

    # the same message delivered twice at once (SQS is at-least-once): one worker writes the file
    outcomes = race(2, lambda: worker.handle([message])[0])
    assert outcomes.count("done") == 1, outcomes
    assert set(outcomes) - {"done"} <= {"taken", "already_running", "already_done"}
    assert api.get(f"/api/exports/{job['id']}", "sz_manager").body["status"] == "done"


class _Killed(BaseException):
    """What the Lambda runtime does to a worker that reaches its timeout: no except clause of
    the app runs."""


def test_a_worker_that_died_mid_run_leaves_a_job_that_is_taken_over_or_shown_stuck(
        api, monkeypatch):
    unwatched = _queue("killed")
    with monkeypatch.context() as m:
        _send_to(m, unwatched)
        job = _start(api)
    [message] = _messages(unwatched)

    def killed(*_args):
        raise _Killed()

    with monkeypatch.context() as m:
        m.setattr(export_service, "_write", killed)
        with pytest.raises(_Killed):
            worker.handle([message])
    running = api.get(f"/api/exports/{job['id']}", "sz_manager").body
    assert running["status"] == "running" and running["stuck"] is False
    # a duplicate delivery while the attempt may still be alive does not start a second one
    assert worker.handle([message]) == ["already_running"]

    later = keys.utc_now() + timedelta(minutes=25)  # past any worker's lifetime
    keys.set_clock(lambda: later)
    try:
        assert api.get(f"/api/exports/{job['id']}", "sz_manager").body["stuck"] is True
        # SQS redelivers the message after its visibility timeout: the worker takes the job over
        assert worker.handle([message]) == ["done"]
    finally:
        keys.set_clock(None)
    done = api.get(f"/api/exports/{job['id']}", "sz_manager").body
    assert done["status"] == "done" and done["rows"] >= 0 and done["stuck"] is False


# ---------------------------------------------------------------- order numbers

def _sequence(number: str) -> int:
    return int(number.rsplit("-", 1)[1])


def _counter(number: str, outlet: str = "SZ") -> int:
    """The day's counter item of the order's outlet, as stored."""
    day = number.split("-")[-2]
    found = boto3.client("dynamodb", **settings().aws_kwargs).get_item(
        TableName=settings().table_name, ConsistentRead=True,
        Key={"pk": {"S": f"COUNTER#{outlet}#{day}"}, "sk": {"S": "COUNTER"}})
    return int(found["Item"]["value"]["N"])


def _order(api, **headers) -> object:
    customer = customer_of(api, "SZ")
    return api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "编号测试"}, headers=headers)


def test_creates_that_lose_an_idempotency_race_take_no_order_number(api):
    """Eight retries of one request race; seven transactions fail on the idempotency record.
    None of them takes a number: the next order gets the next number, and the counter says so."""
    first = _order(api).body
    key = str(uuid.uuid4())
    replies = race(8, lambda: _order(api, **{"Idempotency-Key": key}))
    assert {r.status for r in replies} == {201}
    [raced] = {r.body["number"] for r in replies}
    after = _order(api).body
    assert _sequence(raced) == _sequence(first["number"]) + 1
    assert _sequence(after["number"]) == _sequence(first["number"]) + 2
    assert _counter(after["number"]) == _sequence(after["number"])


def test_a_stale_guess_of_the_counter_never_gives_a_duplicate_number(api):
    """Another process (a second Lambda) recorded orders meanwhile: this one's guess of the
    counter is behind. The create's transaction fails on the counter, learns its value and takes
    the next free number."""
    first = _order(api).body
    series_outlet, (day, seen) = "SZ", order_store._last_seen["SZ"]
    assert seen == _sequence(first["number"])
    order_store._last_seen[series_outlet] = (day, seen - 3)  # as if three orders came from elsewhere
    second = _order(api).body
    assert _sequence(second["number"]) == seen + 1
    assert _counter(second["number"]) == seen + 1
    assert order_store.find_by_number(first["number"]).id == first["id"]
    assert order_store.find_by_number(second["number"]).id == second["id"]


def test_concurrent_creates_take_consecutive_numbers_without_duplicates(api):
    before = _order(api).body
    replies = race(8, lambda: _order(api))
    assert {r.status for r in replies} == {201}
    numbers = sorted(_sequence(r.body["number"]) for r in replies)
    start = _sequence(before["number"])
    assert numbers == list(range(start + 1, start + 9))
    assert _counter(before["number"]) == start + 8
