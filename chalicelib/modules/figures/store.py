"""Export jobs, the rows they read (index queries page by page), monthly reports, the queue."""

from __future__ import annotations

import json
from collections.abc import Iterator

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import cancelled_at, connection
from chalicelib.kernel.store.errors import AlreadyExists
from chalicelib.kernel.store.models import Item
from chalicelib.modules.figures.models import ExportJob, MonthlyReport
from chalicelib.modules.notifications.public import MailOutbox, index_mail
from chalicelib.modules.orders import public as orders
from chalicelib.modules.orders.public import OrderEvent, WorkOrder
from chalicelib.modules.sla.public import NotifyMarker

PAGE = 200  # items per DynamoDB page while exporting: memory stays at one page

_sqs = None


def _queue():
    global _sqs
    if _sqs is None:
        import boto3

        _sqs = boto3.client("sqs", **settings().aws_kwargs)
    return _sqs


class QueueUnavailable(Exception):
    """The export queue did not take the message (SQS refused it or could not be reached)."""


def _send(body: dict) -> None:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        _queue().send_message(QueueUrl=settings().export_queue_url,
                              MessageBody=json.dumps(body))
    except (BotoCoreError, ClientError) as error:
        raise QueueUnavailable(type(error).__name__) from error


def enqueue(export_id: str) -> None:
    """Send the job's message; raises QueueUnavailable when SQS does not take it."""
    _send({"export_id": export_id})


REBUILD_KEY = "monthly_rebuild"  # a job-queue message that rebuilds monthly reports


def enqueue_rebuild(month: str, scopes: list[str]) -> None:
    """Ask for a rebuild of a month's reports of these scopes (QueueUnavailable as above)."""
    _send({REBUILD_KEY: {"month": month, "scopes": scopes}})


def scope_key(scope: str) -> str:
    return f"EXPORTS#{scope}"


class JobMoved(Exception):
    """The job is no longer in the state (status, attempt) this writer read: another attempt
    owns it now (a retry re-queued it, or another worker took it over)."""


def _index_job(job: ExportJob) -> None:
    job.pk, job.sk = f"EXPORT#{job.id}", "EXPORT"
    job.gsi1pk, job.gsi1sk = scope_key(job.requester_outlet), f"{job.created_at}#{job.id}"


def create_job(job: ExportJob) -> None:
    _index_job(job)
    job.save(condition=ExportJob.pk.does_not_exist())


def replace_job(job: ExportJob, status: str, attempt: str | None) -> bool:
    """Write the job only if the stored one is still in `status` with the attempt stamp
    `attempt` (its `started_at`) — the compare-and-set that gives every attempt (queued by the
    API or a retry, taken by one worker) exactly one owner. False when the job moved on."""
    from pynamodb.exceptions import PutError

    _index_job(job)
    same_attempt = (ExportJob.started_at == attempt if attempt is not None
                    else ExportJob.started_at.does_not_exist())
    try:
        job.save(condition=(ExportJob.status == status) & same_attempt)
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def save_job(job: ExportJob) -> None:
    """Save the progress of the attempt this job object holds (status and attempt unchanged);
    raises JobMoved when another attempt owns the job now."""
    if not replace_job(job, job.status, job.started_at):
        raise JobMoved(job.id)


def get_job(export_id: str) -> ExportJob | None:
    try:
        return ExportJob.get(f"EXPORT#{export_id}", "EXPORT", consistent_read=True)
    except DoesNotExist:
        return None


def recent_jobs(scope: str, limit: int = 30) -> list[ExportJob]:
    return [j for j in Item.gsi1.query(scope_key(scope), scan_index_forward=False, limit=limit,
                                       page_size=limit) if isinstance(j, ExportJob)]


def orders_created(outlet: str, first: str, last: str) -> Iterator[WorkOrder]:
    """An outlet's orders created in [first, last), oldest first, read a page at a time (the
    orders' list rows, then each page's orders as stored)."""
    yield from orders.orders_created(outlet, first, last, PAGE)


def events_of(order_id: str) -> Iterator[OrderEvent]:
    for item in Item.query(keys.order_pk(order_id), Item.sk.startswith("EVENT#"), page_size=PAGE):
        if isinstance(item, OrderEvent):
            yield item


def save_monthly(item: MonthlyReport) -> bool:
    """Store a report unless a build that began later stored one already (builds of one month
    may run at once: the 1st's, a rerun, a sign-off's rebuild); False when it was older."""
    from pynamodb.exceptions import PutError

    item.pk, item.sk = f"MONTHLY#{item.month[:4]}", f"{item.month}#{item.scope}"
    try:
        item.save(condition=MonthlyReport.built_from.does_not_exist()
                  | (MonthlyReport.built_from <= item.built_from))
    except PutError as error:
        if getattr(error.cause, "response", {}).get("Error", {}).get(
                "Code") == "ConditionalCheckFailedException":
            return False
        raise
    return True


def get_monthly(month: str, scope: str) -> MonthlyReport | None:
    try:
        return MonthlyReport.get(f"MONTHLY#{month[:4]}", f"{month}#{scope}")
    except DoesNotExist:
        return None


def monthly_of_year(year: str) -> list[MonthlyReport]:
    return [m for m in MonthlyReport.query(f"MONTHLY#{year}") if isinstance(m, MonthlyReport)]


def queue_mail_once(marker_pk: str, mails: list[MailOutbox], at: str) -> None:
    """Queue these mails unless the marker says they were queued before (one transaction)."""
    marker = NotifyMarker(marker_pk, "MAIL", at=at, recipients=[m.to for m in mails])
    for m in mails:
        index_mail(m)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(marker, condition=NotifyMarker.pk.does_not_exist())
            for m in mails:
                tx.save(m, condition=Item.pk.does_not_exist())
    except TransactWriteError as error:
        if cancelled_at(error, 0):
            raise AlreadyExists(marker_pk) from None
        raise
