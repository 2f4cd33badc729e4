"""Reads and writes of unit imports (the only code that knows their keys), their files and
their queue messages.

    UNITIMPORT#<id> / IMPORT                 the import; gsi1 UNITIMPORTS#<outlet> / <created_at>#<id>
    s3://<files bucket>/imports/<outlet>/<id>.xlsx   the uploaded sheet (outside uploads/, which the
                                             evidence area's S3 trigger checks as attachments)
The job's message goes on the job queue the exports use (`{"unit_import_id": …}`; app.py hands
each message to its job by what it names).
"""

from __future__ import annotations

import json

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import files
from chalicelib.kernel.store.models import Item
from chalicelib.modules.warranty.models import UnitImport

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MESSAGE_KEY = "unit_import_id"


def import_pk(import_id: str) -> str:
    return f"UNITIMPORT#{import_id}"


def outlet_imports(outlet: str) -> str:
    return f"UNITIMPORTS#{outlet}"


def _index(job: UnitImport) -> None:
    job.pk, job.sk = import_pk(job.id), "IMPORT"
    job.gsi1pk, job.gsi1sk = outlet_imports(job.outlet), f"{job.created_at}#{job.id}"


def create(job: UnitImport) -> None:
    _index(job)
    job.save(condition=UnitImport.pk.does_not_exist())


def get(import_id: str) -> UnitImport | None:
    try:
        return UnitImport.get(import_pk(import_id), "IMPORT", consistent_read=True)
    except UnitImport.DoesNotExist:
        return None


def replace(job: UnitImport, state: str, attempt: str | None) -> bool:
    """Write the import only if the stored one is still in `state` with the attempt stamp
    `attempt` (its `started_at`): every attempt (started by the user, taken by one worker,
    continued by the worker itself) has exactly one owner. False when it moved on."""
    from pynamodb.exceptions import PutError

    _index(job)
    same_attempt = (UnitImport.started_at == attempt if attempt is not None
                    else UnitImport.started_at.does_not_exist())
    try:
        job.save(condition=(UnitImport.state == state) & same_attempt)
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


class JobMoved(Exception):
    """Another attempt owns the import now (it was started again, or another worker took it)."""


def save_progress(job: UnitImport) -> None:
    if not replace(job, job.state, job.started_at):
        raise JobMoved(job.id)


def recent(outlet: str, limit: int = 20) -> list[UnitImport]:
    """An outlet's latest imports, newest first (one query of gsi1)."""
    return [j for j in Item.gsi1.query(outlet_imports(outlet), scan_index_forward=False,
                                       limit=limit, page_size=limit)
            if isinstance(j, UnitImport)]


# ---------------------------------------------------------------- the file

def file_key(outlet: str, import_id: str) -> str:
    return f"imports/{outlet}/{import_id}.xlsx"


def presigned_post(key: str, size: int, seconds: int) -> dict:
    """A form that uploads exactly one .xlsx of exactly `size` bytes to `key` (S3 enforces the
    type, size and expiry; the app checks the bytes again on start, as moto enforces none)."""
    return files.s3().generate_presigned_post(
        files.bucket(), key, Fields={"Content-Type": XLSX_TYPE},
        Conditions=[{"Content-Type": XLSX_TYPE}, ["content-length-range", size, size]],
        ExpiresIn=seconds)


def head(key: str) -> int | None:
    """The object's size, or None when nothing is there."""
    from botocore.exceptions import ClientError

    try:
        found = files.s3().head_object(Bucket=files.bucket(), Key=key)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return None
        raise
    return int(found["ContentLength"])


def first_bytes(key: str, count: int) -> bytes:
    return files.s3().get_object(Bucket=files.bucket(), Key=key,
                                 Range=f"bytes=0-{count - 1}")["Body"].read()


def download(key: str, path: str) -> None:
    """The sheet to a local file (the worker's /tmp): the job reads it from disk, so its memory
    does not hold the file."""
    files.s3().download_file(files.bucket(), key, path)


def delete(key: str) -> None:
    files.s3().delete_object(Bucket=files.bucket(), Key=key)


# ---------------------------------------------------------------- the queue

_sqs = None


class QueueUnavailable(Exception):
    """The job queue did not take the message."""


def enqueue(import_id: str) -> None:
    from botocore.exceptions import BotoCoreError, ClientError

    global _sqs
    if _sqs is None:
        import boto3

        _sqs = boto3.client("sqs", **settings().aws_kwargs)
    try:
        _sqs.send_message(QueueUrl=settings().export_queue_url,
                          MessageBody=json.dumps({MESSAGE_KEY: import_id}))
    except (BotoCoreError, ClientError) as error:
        raise QueueUnavailable(type(error).__name__) from error
