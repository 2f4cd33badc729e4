"""The bytes of uploaded files in the private files bucket: the presigned upload form, reading
an object (version), writing the app's own files (thumbnails, reports) and deleting for good.

No items and no other area here, so that another area's uploads (the installed base's unit
photos) use the same operations through chalicelib/modules/evidence/public.py.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from chalicelib.kernel.store.files import bucket, s3


def presigned_post(key: str, content_type: str, size: int, seconds: int) -> dict:
    """A form that lets a browser upload exactly one object of exactly `size` bytes to `key`
    (S3 enforces the type, the size and the expiry; the app checks them again when the upload
    is confirmed, as moto enforces none of them)."""
    return s3().generate_presigned_post(
        bucket(), key, Fields={"Content-Type": content_type},
        Conditions=[{"Content-Type": content_type}, ["content-length-range", size, size]],
        ExpiresIn=seconds)


@dataclass
class Stored:
    size: int
    last_modified: object  # datetime (UTC)
    version_id: str | None


def head(key: str, version_id: str | None = None) -> Stored | None:
    """The object's latest version, or exactly `version_id`; None when it is not there."""
    from botocore.exceptions import ClientError

    params = {"Bucket": bucket(), "Key": key}
    if version_id:
        params["VersionId"] = version_id
    try:
        found = s3().head_object(**params)
    except ClientError as error:
        code = error.response.get("Error", {}).get("Code")
        if code in ("404", "NoSuchKey", "NotFound", "NoSuchVersion"):
            return None
        if version_id and code in ("400", "InvalidArgument"):  # a version id S3 never issued
            return None
        raise
    return Stored(int(found["ContentLength"]), found["LastModified"], found.get("VersionId"))


def read(key: str, version_id: str | None, limit: int) -> bytes:
    """At most `limit` bytes of one object version."""
    params = {"Bucket": bucket(), "Key": key, "Range": f"bytes=0-{limit - 1}"}
    if version_id:
        params["VersionId"] = version_id
    return s3().get_object(**params)["Body"].read()


def read_object(key: str, version_id: str | None = None) -> bytes:
    params = {"Bucket": bucket(), "Key": key}
    if version_id:
        params["VersionId"] = version_id
    return s3().get_object(**params)["Body"].read()


def put(key: str, body: bytes, content_type: str) -> str | None:
    """Write an object; returns its S3 version id."""
    digest = hashlib.sha256(body).hexdigest()
    written = s3().put_object(Bucket=bucket(), Key=key, Body=body, ContentType=content_type,
                              Metadata={"sha256": digest})
    return written.get("VersionId")


def delete_version(key: str, version_id: str | None) -> None:
    """Remove one object version for good (in a versioned bucket a plain delete only hides it)."""
    params = {"Bucket": bucket(), "Key": key}
    if version_id:
        params["VersionId"] = version_id
    s3().delete_object(**params)


def delete_all_versions(key: str, keep: str | None = None) -> int:
    """Remove every version of exactly `key` (but `keep`), delete markers included."""
    removed = 0
    listed = s3().list_object_versions(Bucket=bucket(), Prefix=key)
    for entry in [*listed.get("Versions", []), *listed.get("DeleteMarkers", [])]:
        if entry["Key"] != key or entry["VersionId"] == keep:
            continue
        delete_version(key, entry["VersionId"])
        removed += 1
    return removed
