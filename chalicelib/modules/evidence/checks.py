"""Is an uploaded object what its upload form said it would be? The byte checks of every upload
of the app (an order's photos, documents and signatures; a unit's photos in the warranty area,
through chalicelib/modules/evidence/public.py).

S3 is asked to enforce the type, the declared size and the expiry of a presigned form, but moto
does not and a client may lie about the type: the key's bytes are checked here — when they
arrived, their size, their magic number — and an image is decoded (EXIF time and GPS, a
thumbnail). Settling the verdict (the item, the timeline, deleting S3 versions) is the caller's.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import UploadNotFound, UploadRejected, ValidationFailed
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.store import keys
from chalicelib.modules.evidence import objects
from chalicelib.modules.evidence.domain import rules

ARRIVAL_GRACE = timedelta(seconds=5)  # S3's LastModified has whole seconds

@dataclass
class UploadCheck:
    """The verdict on one object version: `reason` None when the upload is good (then `sha256`
    is of its bytes, and `facts` — width, height, taken_at, gps, thumbnail — describe an image)."""

    size: int
    version_id: str | None
    reason: str | None
    params: dict
    sha256: str | None = None
    facts: object | None = None  # images.ImageFacts


def check_uploaded(key: str, declared_type: str, declared_size: int, upload_expires_at: str,
                   max_bytes: int, version_id: str | None = None) -> UploadCheck | None:
    """Check the key's latest version (or exactly `version_id`); None while nothing is there."""
    stored = objects.head(key, version_id)
    if stored is None:
        return None
    reason, params, facts, body = _check(key, stored, declared_type, int(declared_size),
                                         upload_expires_at, max_bytes)
    return UploadCheck(size=stored.size, version_id=stored.version_id, reason=reason,
                       params=params, facts=facts,
                       sha256=None if reason else hashlib.sha256(body).hexdigest())


def _check(key: str, stored: objects.Stored, declared_type: str, declared: int,
           upload_expires_at: str, max_bytes: int):
    """(reason, params, image facts, bytes): reason None when the upload is good."""
    arrived = stored.last_modified
    if isinstance(arrived, datetime) and arrived > keys.parse_iso(upload_expires_at) + ARRIVAL_GRACE:
        return "expired", {}, None, b""
    if stored.size > max_bytes:
        return "too_large", {"limit_mb": mb(max_bytes)}, None, b""
    if stored.size == 0:
        return "empty", {}, None, b""
    if stored.size != declared:  # the form allowed exactly the declared size
        return "size_mismatch", {"declared": declared, "found": stored.size}, None, b""
    body = objects.read(key, stored.version_id, max_bytes + 1)
    reason = rules.check_upload(declared_type, body[:rules.SNIFF_BYTES], len(body), max_bytes)
    if reason == "type_mismatch":
        return reason, {"found": rules.sniff(body[:rules.SNIFF_BYTES]),
                        "declared": declared_type}, None, body
    if reason:
        return reason, {"limit_mb": mb(max_bytes)}, None, body
    if declared_type not in rules.IMAGE_TYPES:
        return None, {}, None, body
    from chalicelib.modules.evidence import images

    try:
        return None, {}, images.inspect(body, declared_type), body
    except images.Unreadable:
        return "unreadable", {}, None, body


def mb(size: int) -> str:
    return f"{size / 1024 / 1024:g}"


# ---------------------------------------------------------------- another area's upload form
# A unit's photo (warranty) and a certificate's scan (technicians) are uploaded as an order's
# attachment is: a pending item of the area's own, a presigned form valid for a few minutes.

def form_expiry(size: int, issued: datetime | None = None) -> datetime:
    """When a form issued now (`issued`, default the wall clock's now) for `size` bytes stops
    being accepted (S3 judges it by the wall clock, as boto3 signs it, not by the app's
    business clock); 400 `size` too_large beyond the deployment's limit."""
    cfg = settings()
    if size > cfg.max_upload_bytes:
        raise ValidationFailed(fields={"size": ("too_large", {"limit_mb": mb(cfg.max_upload_bytes)})})
    return (issued or keys.wall_now()) + timedelta(seconds=cfg.upload_url_seconds)


def upload_form(key: str, content_type: str, size: int, expires: datetime) -> dict:
    """The API's `upload` answer: the presigned POST for exactly `size` bytes of `content_type`
    to `key` (its form fields are sent as they are, before the file)."""
    cfg = settings()
    form = objects.presigned_post(key, content_type, size, cfg.upload_url_seconds)
    return {"url": form["url"], "fields": form["fields"], "expires_at": keys.iso(expires),
            "max_bytes": cfg.max_upload_bytes}


# ---------------------------------------------------------------- settling a verdict
# An order's attachment, a unit's photo and a certificate's scan are settled the same way
# (`verify_upload`) around their own item's conditional write (the area's `settle`): the facts
# go onto the pending item, the thumbnail is put first, and after the write only the caller
# whose verdict won touches the key's S3 versions.

def verify_upload(item, settle, thumb_key, metric: str, log: dict,
                  version_id: str | None = None):
    """Check the bytes of a pending upload item (Attachment, UnitPhoto, CertificateScan) and
    settle the verdict; idempotent. `settle(item, checked)` writes the verdict `item` now carries
    (status `verified` or `rejected`, with what was found) and the area's audit event, only if
    the item is still the pending one read, and returns `item` when that write won, else the
    verdict that stands. Returns the verified item (this or an earlier verdict); raises
    UploadNotFound while nothing has arrived, UploadRejected (the bytes deleted) when they are
    not what the form said. `metric` names the counters (`<metric>Verified`, `<metric>Rejected`),
    `log` the ids the log lines carry (no personal data). A rejected item pins no bytes: what
    is under its key now (its form posted again after the verdict, within the form's lifetime)
    is deleted before the verdict is answered again."""
    if item.status == "rejected":
        objects.delete_all_versions(item.s3_key)
    if item.status != "pending":
        return standing(item)
    checked = check_uploaded(item.s3_key, item.declared_type, int(item.declared_size),
                             item.upload_expires_at, settings().max_upload_bytes, version_id)
    if checked is None:
        raise UploadNotFound()
    if checked.reason:
        item.status, item.size = "rejected", checked.size
        item.reject_reason, item.reject_params = checked.reason, checked.params
        settled = settle(item, checked)
        if settled is not item:
            return standing(settled)
        removed = objects.delete_all_versions(item.s3_key)
        count(f"{metric}Rejected")
        logger.warning("upload rejected", extra={"metric": metric, **log,
                                                 "reason": checked.reason,
                                                 "versions_deleted": removed})
        raise UploadRejected(fields={"file": (checked.reason, checked.params)})

    thumb_version = take_verified(item, checked, thumb_key)
    settled = settle(item, checked)
    if keep_verdict(item, settled, thumb_version) is not item:
        return settled  # another verdict stands
    count(f"{metric}Verified")
    logger.info("upload verified", extra={"metric": metric, **log, "size": item.size})
    return item


def take_verified(item, checked: UploadCheck, thumb_key) -> str | None:
    """Mark a pending upload item (Attachment, UnitPhoto) verified with what `checked` found,
    and put an image's thumbnail under `thumb_key(sha256)`. Returns the thumbnail's S3 version
    (None: no thumbnail) for `keep_verdict`."""
    item.status = "verified"
    item.size = checked.size
    item.sha256 = checked.sha256
    item.s3_version_id = checked.version_id
    item.verified_at = keys.iso(keys.utc_now())
    item.expires_at = None
    facts = checked.facts
    if facts is None:
        return None
    item.width, item.height = facts.width, facts.height
    item.taken_at, item.gps = facts.taken_at, facts.gps
    item.thumb_key = thumb_key(item.sha256)
    return objects.put(item.thumb_key, facts.thumbnail, "image/jpeg")


def keep_verdict(item, settled, thumb_version: str | None):
    """After the verified item's write: when another verdict stands (`settled` is not `item`),
    remove only this attempt's thumbnail version (a winner that checked the same bytes wrote its
    own) and return that verdict; when this one won, the key keeps exactly the version it
    pinned (a replayed form's earlier bytes go; an unversioned bucket keeps all)."""
    if settled is not item:
        if thumb_version:
            objects.delete_version(item.thumb_key, thumb_version)
        return standing(settled)
    if item.s3_version_id:
        objects.delete_all_versions(item.s3_key, keep=item.s3_version_id)
    return item


def standing(item):
    """The verdict already written (by this or another caller): a verified item is returned, a
    rejected one raises UploadRejected again with its reason. Deletes nothing."""
    if item.status == "rejected":
        raise UploadRejected(fields={"file": (item.reject_reason or "invalid",
                                              item.reject_params or {})})
    return item


def upload_view(item, content_type: str | None, with_urls: bool = True) -> dict:
    """What an upload shows, whichever area keeps it (an order's attachment, a unit's photo):
    its status, bytes, uploader, EXIF facts and, once verified, short-lived URLs of the file
    and its thumbnail."""
    from chalicelib.kernel.store import files

    urls = with_urls and item.status == "verified"
    moment = keys.utc_now() + timedelta(seconds=settings().download_url_seconds)
    return {
        "category": item.category, "status": item.status, "content_type": content_type,
        "size": int(item.size if item.size is not None else item.declared_size),
        "sha256": item.sha256, "filename": item.filename,
        "uploaded_by": item.requested_by, "uploaded_by_name": item.requested_by_name,
        "uploaded_at": item.verified_at or item.requested_at,
        "taken_at": item.taken_at, "gps": item.gps,
        "width": int(item.width) if item.width is not None else None,
        "height": int(item.height) if item.height is not None else None,
        "reject_reason": item.reject_reason,
        "url": files.presigned_get(item.s3_key, item.s3_version_id, content_type,
                                   item.filename) if urls else None,
        "thumb_url": files.presigned_get(item.thumb_key, None, "image/jpeg")
        if urls and item.thumb_key else None,
        "urls_expire_at": keys.iso(moment) if urls else None,
    }
