"""The evidence area's items in the one table (see chalicelib/kernel/store/models.py)."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class UploadFields:
    """The fields of an upload item, whichever area keeps it (an order's Attachment, a unit's
    photo, a certificate's scan): what the form allowed, who asked, and what the check of the
    bytes found (checks.verify_upload reads and writes them). Mixed into the area's own item."""

    status = UnicodeAttribute()  # pending | verified | rejected
    declared_type = UnicodeAttribute()
    declared_size = NumberAttribute()
    filename = UnicodeAttribute(null=True)
    s3_key = UnicodeAttribute()
    requested_by = UnicodeAttribute()
    requested_by_name = UnicodeAttribute()
    requested_at = UnicodeAttribute()
    upload_expires_at = UnicodeAttribute()
    size = NumberAttribute(null=True)
    sha256 = UnicodeAttribute(null=True)
    s3_version_id = UnicodeAttribute(null=True)
    thumb_key = UnicodeAttribute(null=True)
    verified_at = UnicodeAttribute(null=True)
    taken_at = UnicodeAttribute(null=True)  # EXIF DateTimeOriginal (camera's wall clock)
    gps = Utf8JSONAttribute(null=True)  # {"lat": .., "lng": ..} from EXIF
    width = NumberAttribute(null=True)
    height = NumberAttribute(null=True)
    reject_reason = UnicodeAttribute(null=True)
    reject_params = Utf8JSONAttribute(null=True)  # what the message names (types, the size limit)
    expires_at = NumberAttribute(null=True)  # TTL while pending
    version = VersionAttribute()


class Attachment(UploadFields, Item, discriminator="attachment"):
    """A photo, document or signature of an order: ORDER#<order> / ATT#<id>.

    Written `pending` when the upload form is handed out (and expiring by TTL unless the upload
    is confirmed), then `verified` or `rejected` once the app has checked the bytes in S3.
    """

    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    evidence_kind = UnicodeAttribute()  # photo | document | signature
    category = UnicodeAttribute()
    content_type = UnicodeAttribute(null=True)


class ServiceReport(Item, discriminator="service_report"):
    """One version of an order's service report (售后服务报告单): ORDER#<order> / REPORT#<nnnn>.

    Immutable: a correction writes the next version; the PDF bytes are an S3 object version.
    """

    order_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    report_version = NumberAttribute()
    s3_key = UnicodeAttribute()
    s3_version_id = UnicodeAttribute(null=True)
    sha256 = UnicodeAttribute()
    size = NumberAttribute()
    generated_at = UnicodeAttribute()
    generated_by = UnicodeAttribute()
    generated_by_name = UnicodeAttribute()
    signed = BooleanAttribute()
    signature_id = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)  # why this version corrects the previous one
    order_version = NumberAttribute()
