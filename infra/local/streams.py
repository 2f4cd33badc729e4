"""What the DynamoDB stream's event source mapping does on AWS for the mail sender
(infra/resources.py MAIL_SENDER): read the table's stream, keep the records the filter matches,
hand them to the function in batches (`stream_job.handle`, which app.py's `mail_sender` runs),
and start again from a record the function reported as failed, until it goes or has failed
`max_retries` times (AWS then reports it to the failure queue; here it is logged and passed).

`drain` processes what is on the stream now (the tests call it after the action whose mail
they check); `poll` loops on it in `make run`. Each process reads from where it stopped.
"""

from __future__ import annotations

import functools
import threading
import time

import boto3

from chalicelib.kernel.config import settings
from chalicelib.kernel.observability import log_failure, logger
from infra.resources import MAIL_SENDER

_lock = threading.Lock()
_after: dict[tuple[str, str], str] = {}  # (stream, shard) -> the last sequence number passed
_failures: dict[str, int] = {}  # sequence number -> failed hand-overs


def _seq(record: dict) -> str:
    return record["dynamodb"]["SequenceNumber"]


@functools.cache
def _streams(endpoint: str | None, table: str):
    """The stream client and the table's stream (looked up once, not at every poll)."""
    kwargs = settings().aws_kwargs
    arn = boto3.client("dynamodb", **kwargs).describe_table(TableName=table)["Table"]["LatestStreamArn"]
    return boto3.client("dynamodbstreams", **kwargs), arn


def _stream():
    cfg = settings()
    return _streams(cfg.endpoint_url, cfg.table_name)


def _shards(client, arn: str) -> list[str]:
    return [s["ShardId"] for s in client.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]]


def _records(client, arn: str, shard: str) -> list[dict]:
    """The next page of the shard's records after where this process stopped."""
    after = _after.get((arn, shard))
    iterator = client.get_shard_iterator(
        StreamArn=arn, ShardId=shard,
        **({"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after} if after
           else {"ShardIteratorType": "TRIM_HORIZON"}))["ShardIterator"]
    return client.get_records(ShardIterator=iterator, Limit=1000)["Records"]


def _hand_over(batch: list[dict], invoke) -> str | None:
    """Call the function with one batch: the first sequence number to start again from, or
    None when the whole batch went (an exception is the whole batch failing, as on AWS)."""
    from chalicelib.modules.notifications import stream_job

    try:
        event = {"Records": batch}
        reply = invoke(stream_job.handle, event) if invoke else stream_job.handle(event)
    except Exception as error:  # noqa: BLE001 - every record of the batch failed
        log_failure("mail sender failed", error)
        return _seq(batch[0])
    numbers = [f["itemIdentifier"] for f in reply.get("batchItemFailures") or []]
    return min(numbers, key=int) if numbers else None


def skip_to_latest() -> None:
    """Pass what is on the stream now without handing it over, as an event source mapping
    created now at LATEST would: `make run` does not mail its demo data, and each test file
    starts from its own writes."""
    client, arn = _stream()
    with _lock:
        for shard in _shards(client, arn):
            while records := _records(client, arn, shard):
                _after[(arn, shard)] = _seq(records[-1])


def _drain_shard(client, arn: str, shard: str, invoke) -> int:
    position, done = (arn, shard), 0
    while records := _records(client, arn, shard):
        for start in range(0, len(records), MAIL_SENDER.batch_size):
            batch = records[start:start + MAIL_SENDER.batch_size]
            wanted = [r for r in batch if MAIL_SENDER.matches(r)]
            again = _hand_over(wanted, invoke) if wanted else None
            if again is None:
                _after[position] = _seq(batch[-1])
                done += len(wanted)
                for record in wanted:
                    _failures.pop(_seq(record), None)
                continue
            before = [r for r in batch if int(_seq(r)) < int(again)]
            done += sum(1 for r in before if MAIL_SENDER.matches(r))
            tries = _failures.get(again, 0) + 1
            if tries > MAIL_SENDER.max_retries:  # to the failure queue, on AWS
                _failures.pop(again, None)
                logger.error("mail record given up", extra={"sequence_number": again})
                _after[position] = again
            else:  # from the failed record on, at the next drain
                _failures[again] = tries
                if before:
                    _after[position] = _seq(before[-1])
            return done
    return done


def drain(invoke=None) -> int:
    """Hand over every record on the stream that the mail sender's filter takes, up to a
    record the function fails on: how many went. `invoke(handle, event)`, if given, makes each
    call of the function (the bench's meter)."""
    client, arn = _stream()
    with _lock:
        return sum(_drain_shard(client, arn, shard, invoke) for shard in _shards(client, arn))


def poll(interval: float = 1.0) -> None:
    """A daemon thread that keeps draining the stream (`make run`): mail goes out about a
    second after its transaction, as the stream's Lambda does on AWS. It starts at the
    stream's end (call it before anything the demo should not mail)."""
    skip_to_latest()

    def loop() -> None:
        while True:
            try:
                drain()
            except Exception as error:  # noqa: BLE001 - keep the sender alive
                log_failure("mail stream poll failed", error)
            time.sleep(interval)

    threading.Thread(target=loop, daemon=True, name="mail-sender").start()
