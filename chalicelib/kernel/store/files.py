"""The private files bucket (attachments, reports, exports): the S3 client and short-lived
download links. What lies where is each area's (see their store modules)."""

from __future__ import annotations

from chalicelib.kernel.config import settings

_s3 = None


def s3():
    """The S3 client (signature v4; path-style addressing when an endpoint is configured, as
    moto serves every bucket under one host)."""
    global _s3
    if _s3 is None:
        import boto3
        from botocore.config import Config

        cfg = settings()
        style = "path" if cfg.endpoint_url else "virtual"
        _s3 = boto3.client("s3", config=Config(signature_version="s3v4",
                                               s3={"addressing_style": style}), **cfg.aws_kwargs)
    return _s3


def bucket() -> str:
    return settings().attachments_bucket



def presigned_get(key: str, version_id: str | None, content_type: str | None,
                  filename: str | None = None, disposition: str = "inline") -> str:
    """A short-lived link to one object (version); with `filename`, shown `inline` or downloaded
    as an `attachment` under that name."""
    params = {"Bucket": bucket(), "Key": key}
    if version_id:
        params["VersionId"] = version_id
    if content_type:
        params["ResponseContentType"] = content_type
    if filename:
        params["ResponseContentDisposition"] = f"{disposition}; filename*=UTF-8''{_quote(filename)}"
    return s3().generate_presigned_url("get_object", Params=params,
                                       ExpiresIn=settings().download_url_seconds)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")
