"""Old evidence moves to a cheaper storage class by the attachments bucket's lifecycle rule, and
the app's links still read it (issue 19 item 5). The rule is `infra/resources.py`'s, applied by
the local bootstrap as by the CDK stack; moto keeps the rule but never moves anything by age, so
the move itself is done here the way S3 does it: the same version, another storage class."""

from __future__ import annotations

import boto3
import requests
from moto.core import DEFAULT_ACCOUNT_ID
from moto.s3.models import s3_backends

from chalicelib.modules.evidence import store as evidence
from chalicelib.modules.fees import keys as fee_keys
from chalicelib.modules.technicians import keys as technician_keys
from chalicelib.modules.warranty import unit_photos
from infra.resources import (
    ATTACHMENTS_BUCKET,
    COLD_PREFIXES,
    TRANSITION_AFTER_DAYS,
    TRANSITION_CLASS,
)
from tests.conftest import PHOTO, STEP_DATA, upload


def _s3(stack):
    return boto3.client("s3", endpoint_url=stack["AWS_ENDPOINT_URL"],
                        region_name=stack["AWS_REGION"])


def _lifecycle(stack) -> list[dict]:
    return _s3(stack).get_bucket_lifecycle_configuration(
        Bucket=stack["FUWU_ATTACHMENTS_BUCKET"])["Rules"]


def _cold_prefix(key: str, rules: list[dict]) -> str | None:
    """The prefix of the transition rule that applies to `key`, if any."""
    hits = [r["Filter"]["Prefix"] for r in rules
            if r.get("Transitions") and key.startswith(r["Filter"]["Prefix"])]
    assert len(hits) <= 1, key
    return hits[0] if hits else None


def test_the_local_bucket_has_the_lifecycle_rules_of_the_one_definition(stack):
    rules = _lifecycle(stack)
    assert [r["ID"] for r in rules] == [r.id for r in ATTACHMENTS_BUCKET.lifecycle]
    moving = [r for r in rules if r.get("Transitions")]
    assert [r["Filter"]["Prefix"] for r in moving] == list(COLD_PREFIXES)
    for rule in moving:
        assert rule["Status"] == "Enabled"
        assert rule["Transitions"] == [{"Days": TRANSITION_AFTER_DAYS,
                                        "StorageClass": TRANSITION_CLASS}]
        # a replaced service report (or re-posted upload) moves too
        assert rule["NoncurrentVersionTransitions"] == [{"NoncurrentDays": TRANSITION_AFTER_DAYS,
                                                         "StorageClass": TRANSITION_CLASS}]
        assert "Expiration" not in rule  # evidence is kept: only its class changes
    # the rules that were only in the CDK stack before are on the local bucket too
    by_prefix = {r["Filter"]["Prefix"]: r for r in rules}
    assert by_prefix["exports/"]["Expiration"] == {"Days": 14}
    assert by_prefix["monthly/"]["NoncurrentVersionExpiration"] == {"NoncurrentDays": 7}


def test_photos_signatures_reports_and_receipts_go_cold_and_thumbnails_stay(stack):
    rules = _lifecycle(stack)
    # where the areas put what is kept for years and rarely opened once its order closed
    kept = {
        "an order's photo or signature": evidence.upload_key("SZ", "wo_1", "att_1"),
        "a service report": evidence.report_key("SZ", "wo_1"),
        "a unit's photo": unit_photos.photo_key("SZ", "cu_1", "un_1", "ph_1"),
        "a claim's receipt": fee_keys.receipt_object_key("SZ", "cl_1", "rc_1"),
    }
    for what, key in kept.items():
        assert _cold_prefix(key, rules), what
    # what the lists show (thumbnails: small, read on every screen) and short-lived files
    stays = {
        "an order's thumbnail": evidence.thumb_key("SZ", "wo_1", "att_1", "ab" * 32),
        "a unit photo's thumbnail": unit_photos.thumb_key("SZ", "un_1", "ph_1", "ab" * 32),
        "a receipt's thumbnail": fee_keys.receipt_thumb_key("SZ", "cl_1", "rc_1", "ab" * 32),
        "a certificate scan": technician_keys.scan_object_key("SZ", "sz_tech1", "ce_1", "sc_1"),
    }
    for what, key in stays.items():
        assert _cold_prefix(key, rules) is None, what


def _move(stack, key: str, version_id: str, storage_class: str) -> None:
    """What S3's lifecycle does on the rule's day: the same version, another storage class."""
    stored = s3_backends[DEFAULT_ACCOUNT_ID]["aws"].get_object(
        stack["FUWU_ATTACHMENTS_BUCKET"], key, version_id=version_id)
    stored.set_storage_class(storage_class)
    head = _s3(stack).head_object(Bucket=stack["FUWU_ATTACHMENTS_BUCKET"], Key=key,
                                  VersionId=version_id)
    assert head["StorageClass"] == storage_class  # moved for real, as the app sees the bucket


def test_an_old_photo_in_the_cold_class_still_opens_from_the_apps_link(api, new_order, stack):
    order = api.act(new_order(), "dispatch", "sz_manager", STEP_DATA["dispatch"]).body
    photo = upload(api, order, "sz_tech1", PHOTO)
    assert len(PHOTO) > 128 * 1024  # big enough for S3 to move it (smaller objects stay)
    key = evidence.upload_key("SZ", order["id"], photo["id"])
    (version,) = [v["VersionId"] for v in _s3(stack).list_object_versions(
        Bucket=stack["FUWU_ATTACHMENTS_BUCKET"], Prefix=key)["Versions"] if v["Key"] == key]
    path = f"/api/work-orders/{order['id']}/attachments/{photo['id']}"

    _move(stack, key, version, TRANSITION_CLASS)
    link = api.get(path, "sz_agent").body["url"]
    opened = requests.get(link, timeout=30)
    assert opened.status_code == 200 and opened.content == PHOTO

    # the control: a class that needs a restore first would break the link (why not GLACIER)
    _move(stack, key, version, "GLACIER")
    refused = requests.get(api.get(path, "sz_agent").body["url"], timeout=30)
    assert refused.status_code == 403 and b"InvalidObjectState" in refused.content
