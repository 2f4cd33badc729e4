"""Let `chalice package` (and so Chalice's CDK construct) package an app with `@app.on_s3_event`.

Chalice refuses (aws/chalice#1823): SAM cannot attach a notification to a bucket it does not
own. The stack owns the attachments bucket, so it writes the bucket's notification itself
(`stack.py`, `_wire_upload_event`); here the packager just leaves the S3 event out of the SAM
template instead of raising. Everything else Chalice generates is unchanged.
"""

from __future__ import annotations

from chalice import package


def _skip_s3_notification(self, resource, template):  # noqa: ARG001 — the stack wires it
    return None


def install() -> None:
    package.SAMTemplateGenerator._generate_s3bucketnotification = _skip_s3_notification
