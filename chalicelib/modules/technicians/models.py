"""The technicians area's items in the one table (see chalicelib/kernel/store/models.py and
docs/technicians.md). The job-class table is a kernel document (technicians/job_classes.py)."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item
from chalicelib.modules.evidence.public import UploadFields


class Certificate(Item, discriminator="tech_certificate"):
    """A technician's certificate (电工证, 焊工证 …): TECH#<username> / CERT#<id>; gsi1
    CERTEXP#<outlet> / <valid_to>#<username>#<id> (the outlet's expiry list, a range query).
    Revoking keeps it (revoked_at, revoked_reason); `warned_at` was set once when the technician
    was told it is about to expire, until the expiry job kept that on a marker item of its own
    (keys.warned_sk) instead, so that telling does not move the version; a new valid_to clears
    it. See technicians/keys.py."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    name = UnicodeAttribute(null=True)  # the person's name when it was entered (the lists)
    outlet = UnicodeAttribute()  # the person's outlet when it was entered
    cert_type = UnicodeAttribute(attr_name="type")  # a certificate_types code of the policy
    number = UnicodeAttribute()
    issuer = UnicodeAttribute()
    valid_from = UnicodeAttribute()  # yyyy-mm-dd
    valid_to = UnicodeAttribute()  # yyyy-mm-dd, the last valid day
    revoked_at = UnicodeAttribute(null=True)
    revoked_reason = UnicodeAttribute(null=True)
    revoked_by = UnicodeAttribute(null=True)
    warned_at = UnicodeAttribute(null=True)
    created_by = UnicodeAttribute()
    at = UnicodeAttribute()
    updated_by = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)
    # the current scan (scans.py): {id, key, version_id, content_type, size, sha256, filename,
    # thumb_key, uploaded_at, by, by_name}; set with its `scan_attached` audit entry
    scan = Utf8JSONAttribute(null=True)
    version = VersionAttribute()


class CertificateScan(UploadFields, Item, discriminator="tech_certificate_scan"):
    """One upload of a certificate's scan (a PDF or a photo): TECH#<username> /
    CERTSCAN#<certificate>#<id>. Written `pending` with its upload form (expiring by TTL), then
    `verified` (and made the certificate's `scan` in the same transaction) or `rejected` once
    the bytes in S3 are checked (scans.py). A replaced scan is kept, with its bytes: the audit
    entries name it."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    certificate_id = UnicodeAttribute()
    certificate_version = NumberAttribute()  # the certificate's version the uploader saw
    outlet = UnicodeAttribute()
    # status, the declared and found bytes (a photo's thumbnail), TTL while pending and after a
    # rejection: evidence's UploadFields


class StarChange(Item, discriminator="tech_star_change"):
    """One change of a technician's star level (the history, never changed): TECH#<username> /
    STAR#<at>#<id>, written in the transaction that sets the Staff item's star_level."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    outlet = UnicodeAttribute()
    from_level = NumberAttribute(attr_name="from", null=True)  # none: no level before
    to_level = NumberAttribute(attr_name="to")
    reference = Utf8JSONAttribute()  # {kind: exam | appraisal, ref}
    reason = UnicodeAttribute()
    by = UnicodeAttribute()
    by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()


class CertificateEvent(Item, discriminator="tech_certificate_event"):
    """An immutable audit entry of a certificate's change (added, edited, revoked):
    TECH#<username> / EVENT#<at>#<id>, written in the change's transaction, with the
    certificate's fields before and after."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    certificate_id = UnicodeAttribute()
    action = UnicodeAttribute()  # added | edited | revoked | scan_attached | scan_rejected
    data = Utf8JSONAttribute(default=dict)  # {"before": {...} | None, "after": {...}}
    by = UnicodeAttribute()
    by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()


MODELS: tuple[type, ...] = (Certificate, CertificateScan, StarChange, CertificateEvent)
