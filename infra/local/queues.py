"""What the SQS event source mapping does on AWS: take messages off the queue and hand their
bodies to the worker (the same function Chalice's `on_sqs_message` handler calls)."""

from __future__ import annotations

import logging
import threading
import time

import boto3

from chalicelib.kernel.config import settings


def drain(queue_url: str | None = None, wait_seconds: int = 0, limit: int = 100) -> int:
    """Process what is on the job queue now (the tests call this; `poll` loops on it): export
    jobs, unit-import runs and monthly report rebuilds, each handed to its job as app.py's
    `export_worker` does (chalicelib/job_queue.py)."""
    from chalicelib import job_queue

    sqs = boto3.client("sqs", **settings().aws_kwargs)
    url = queue_url or settings().export_queue_url
    done = 0
    while done < limit:
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1,
                                  WaitTimeSeconds=wait_seconds).get("Messages", [])
        if not got:
            return done
        message = got[0]
        try:
            job_queue.handle(message["Body"])
        except Exception:  # noqa: BLE001 - as on AWS: the message comes back after its timeout
            logging.exception("export worker failed")
            continue
        sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        done += 1
    return done


def poll(interval: float = 1.0) -> None:
    """A daemon thread that keeps draining the export queue. Short polls with a pause between
    them: moto handles one request at a time, and a long poll would hold every other request."""

    def loop() -> None:
        while True:
            try:
                drain(wait_seconds=0)
            except Exception:  # noqa: BLE001 - keep the worker alive across a bad message
                logging.exception("export queue poll failed")
            time.sleep(interval)

    threading.Thread(target=loop, daemon=True, name="export-worker").start()
