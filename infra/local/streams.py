"""What the DynamoDB stream's event source mapping does on AWS for the mail sender
(infra/resources.py MAIL_SENDER): read the table's stream, keep the records the filter matches,
hand them to the function in batches (`stream_job.handle`, which app.py's `mail_sender` runs),
and start again from a record the function reported as failed, until it goes or has failed
`max_retries` times (AWS then hands it to the failure queue; here it is logged and passed).

`drain` processes what is on the stream now (the tests call it after the action whose mail
they check); `poll` loops on it in `make run`. Each process reads from where it stopped.
"""

from __future__ import annotations

import logging
import threading
import time

import boto3

from chalicelib.kernel.config import settings
from infra.resources import MAIL_SENDER

_lock = threading.Lock()
_after: dict[tuple[str, str], str] = {}  # (stream, shard) -> the last sequence number passed
_failures: dict[str, int] = {}  # sequence number -> failed hand-overs


def _stream_arn() -> str:
    ddb = boto3.client("dynamodb", **settings().aws_kwargs)
    return ddb.describe_table(TableName=settings().table_name)["Table"]["LatestStreamArn"]


def _records(client, arn: str, shard: str) -> list[dict]:
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
        failed = reply.get("batchItemFailures") or []
    except Exception:  # noqa: BLE001 - every record of the batch failed
        logging.exception("mail sender failed")
        return batch[0]["dynamodb"]["SequenceNumber"]
    numbers = [f["itemIdentifier"] for f in failed]
    return min(numbers, key=int) if numbers else None


def _shards(client, arn: str) -> list[str]:
    return [s["ShardId"] for s in client.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"]]


def skip_to_latest() -> None:
    """Pass what is on the stream now without handing it over, as an event source mapping
    created now starts (LATEST): `make run` does not mail its demo data, and each test file
    starts from its own writes."""
    client = boto3.client("dynamodbstreams", **settings().aws_kwargs)
    arn = _stream_arn()
    with _lock:
        for shard in _shards(client, arn):
            while records := _records(client, arn, shard):
                _after[(arn, shard)] = records[-1]["dynamodb"]["SequenceNumber"]


def pending() -> int:
    """How many records on the stream the mail sender's filter takes and were not handed over
    yet (nothing is handed over)."""
    client = boto3.client("dynamodbstreams", **settings().aws_kwargs)
    arn = _stream_arn()
    with _lock:
        return sum(1 for shard in _shards(client, arn)
                   for r in _records(client, arn, shard) if MAIL_SENDER.matches(r))


def drain(invoke=None) -> int:
    """Hand over every record on the stream that the mail sender's filter takes: how many.
    `invoke(handle, event)`, if given, makes each call of the function (the bench's meter)."""
    client = boto3.client("dynamodbstreams", **settings().aws_kwargs)
    arn = _stream_arn()
    done = 0
    with _lock:
        for shard in _shards(client, arn):
            position = (arn, shard)
            records = _records(client, arn, shard)
            while records:
                batch, records = records[:MAIL_SENDER.batch_size], records[MAIL_SENDER.batch_size:]
                wanted = [r for r in batch if MAIL_SENDER.matches(r)]
                again = _hand_over(wanted, invoke) if wanted else None
                if again is None:
                    _after[position] = batch[-1]["dynamodb"]["SequenceNumber"]
                    done += len(wanted)
                    continue
                _failures[again] = _failures.get(again, 0) + 1
                before = [r for r in batch if int(r["dynamodb"]["SequenceNumber"]) < int(again)]
                done += sum(1 for r in before if MAIL_SENDER.matches(r))
                if _failures[again] > MAIL_SENDER.max_retries:  # to the failure queue, on AWS
                    logging.error("mail record failed %s times: passed", MAIL_SENDER.max_retries)
                    _after[position] = again
                elif before:  # from the failed record on, at the next drain
                    _after[position] = before[-1]["dynamodb"]["SequenceNumber"]
                break
    return done


def poll(interval: float = 1.0) -> None:
    """A daemon thread that keeps draining the stream (`make run`): mail goes out about a
    second after its transaction, as the stream's Lambda does on AWS."""

    skip_to_latest()

    def loop() -> None:
        while True:
            try:
                drain()
            except Exception:  # noqa: BLE001 - keep the sender alive across a bad record
                logging.exception("mail stream poll failed")
            time.sleep(interval)

    threading.Thread(target=loop, daemon=True, name="mail-sender").start()
