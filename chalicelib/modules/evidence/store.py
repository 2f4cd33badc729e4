"""Attachments and service reports: their items in the order's collection, their bytes in S3.

S3 layout of the attachments bucket (private, versioned):
  uploads/<outlet>/<order>/<attachment>   what a browser uploaded with a presigned form
  thumbs/<outlet>/<order>/<attachment>-<sha256 prefix>.jpg  the app's thumbnail of a verified image
  reports/<outlet>/<order>/service-report.pdf  every report version is an S3 object version
Only `uploads/` is written by browsers for orders; the S3 event handler watches that prefix
alone. (The warranty area's unit photos are uploaded the same way under `unit-photos/`, their
thumbnails under `thumbs/units/`: see chalicelib/modules/warranty/unit_photos.py.)
"""

from __future__ import annotations

from dataclasses import dataclass

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import cancelled_at, connection
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.store.files import bucket, s3
from chalicelib.modules.evidence.models import Attachment, ServiceReport
from chalicelib.modules.evidence.objects import (
    Stored,
    delete_all_versions,
    delete_version,
    head,
    presigned_post,
    put,
    read,
    read_object,
)
from chalicelib.modules.orders.public import OrderEvent, index_event

UPLOAD_PREFIX = "uploads/"
def upload_key(outlet: str, order_id: str, attachment_id: str) -> str:
    return f"{UPLOAD_PREFIX}{outlet}/{order_id}/{attachment_id}"


def thumb_key(outlet: str, order_id: str, attachment_id: str, sha256: str) -> str:
    """Named after the bytes it shows: two confirmations racing on different uploads of one
    form never share a thumbnail key, so the verdict's thumbnail is always of its own bytes."""
    return f"thumbs/{outlet}/{order_id}/{attachment_id}-{sha256[:16]}.jpg"


def report_key(outlet: str, order_id: str) -> str:
    return f"reports/{outlet}/{order_id}/service-report.pdf"


@dataclass(frozen=True)
class UploadRef:
    outlet: str
    order_id: str
    attachment_id: str


def parse_upload_key(key: str) -> UploadRef | None:
    """The attachment an uploaded key claims to be, or None when it is not of our layout."""
    if not key.startswith(UPLOAD_PREFIX):
        return None
    parts = key[len(UPLOAD_PREFIX):].split("/")
    if len(parts) != 3 or not all(parts):
        return None
    return UploadRef(*parts)


# ---------------------------------------------------------------- S3
# (the operations on the bytes are shared with other areas' uploads: objects.py)

# ---------------------------------------------------------------- DynamoDB

def index_attachment(item: Attachment) -> None:
    item.pk, item.sk = keys.order_pk(item.order_id), f"ATT#{item.id}"


def index_report(item: ServiceReport) -> None:
    item.pk, item.sk = keys.order_pk(item.order_id), f"REPORT#{int(item.report_version):04d}"


def create_attachment(item: Attachment) -> None:
    index_attachment(item)
    item.save(condition=Attachment.pk.does_not_exist())


def get_attachment(order_id: str, attachment_id: str) -> Attachment | None:
    try:
        return Attachment.get(keys.order_pk(order_id), f"ATT#{attachment_id}", consistent_read=True)
    except DoesNotExist:
        return None


def settle_attachment(item: Attachment, event: OrderEvent) -> None:
    """Save the attachment's verdict (verified or rejected) with its timeline event, only if it
    is still the pending version that was read: two confirmations never both settle it.

    Raises VersionConflict when another caller's verdict was written first; that caller alone
    may then touch the S3 versions of the key (see usecases.py)."""
    index_attachment(item)
    index_event(event)
    try:
        with TransactWrite(connection=connection()) as tx:
            # PynamoDB adds `version = <read version>`; the verdict is final, so it also
            # requires the stored item to be still pending
            tx.save(item, condition=Attachment.status == "pending")
            tx.save(event, condition=OrderEvent.pk.does_not_exist())
    except TransactWriteError as error:
        if cancelled_at(error, 0):
            raise VersionConflict(item.id) from None
        raise


def report_write(item: ServiceReport):
    """The transaction entry of a new report version (fails if the version exists)."""
    index_report(item)
    return item, ServiceReport.pk.does_not_exist()


__all__ = ["AlreadyExists", "Attachment", "ServiceReport", "Stored", "bucket", "delete_all_versions",
           "delete_version", "head", "presigned_post", "put", "read", "read_object", "s3"]
