"""Pure rules of field evidence: magic numbers, the upload check, required photos."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from chalicelib.modules.evidence.domain import rules as evidence
from chalicelib.modules.sla.domain.policy import merge_outlet_override
from chalicelib.modules.sla.policies import DEFAULT_POLICY, evidence_policy

HEADS = {
    "image/jpeg": b"\xff\xd8\xff\xe1\x00\x18Exif\x00\x00",
    "image/png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "image/webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
    "image/heic": b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00",
    "application/pdf": b"%PDF-1.7\n%\xe2\xe3",
}


@pytest.mark.parametrize("content_type,head", HEADS.items())
def test_each_allowed_type_is_recognised_by_its_magic_number(content_type, head):
    assert evidence.sniff(head) == content_type
    assert evidence.check_upload(content_type, head, 100, 1000) is None


@pytest.mark.parametrize("head", [b"<!DOCTYPE html><html>", b"GIF89a\x01\x00", b"PK\x03\x04",
                                  b"\x00\x00\x00\x18ftypmp42", b"RIFF\x00\x00\x00\x00AVI ", b""])
def test_other_bytes_are_not_an_allowed_type(head):
    assert evidence.sniff(head) is None
    assert evidence.check_upload("image/jpeg", head, 100, 1000) in ("type_not_allowed", "empty")


def test_iphone_heif_brand_mif1_counts_as_heic():
    assert evidence.sniff(b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00") == "image/heic"


def test_the_declared_type_must_match_the_bytes():
    assert evidence.check_upload("image/jpeg", HEADS["image/png"], 10, 1000) == "type_mismatch"
    assert evidence.check_upload("image/png", HEADS["image/png"], 10, 1000) is None


def test_size_limits():
    assert evidence.check_upload("image/jpeg", HEADS["image/jpeg"], 0, 1000) == "empty"
    assert evidence.check_upload("image/jpeg", HEADS["image/jpeg"], 1001, 1000) == "too_large"
    assert evidence.check_upload("image/jpeg", HEADS["image/jpeg"], 1000, 1000) is None


def _photo(category: str, status: str = "verified", kind: str = "photo"):
    return SimpleNamespace(evidence_kind=kind, category=category, status=status)


def test_missing_counts_only_verified_photos_of_each_required_category():
    policy = {"required_photos": [{"category": "before", "min": 1}, {"category": "after", "min": 2}],
              "signature_required": True}
    attachments = [_photo("after"), _photo("after", "pending"), _photo("after", "rejected"),
                   _photo("before"), _photo("signature", kind="signature")]
    counts = evidence.photo_counts(attachments)
    assert counts == {"after": 1, "before": 1}
    assert evidence.missing(policy, counts) == ["after"]
    assert evidence.requirements(policy, counts) == [
        {"category": "before", "min": 1, "have": 1}, {"category": "after", "min": 2, "have": 1}]
    assert evidence.missing(policy, {"after": 2, "before": 1}) == []


def test_default_policy_requires_one_after_photo_and_a_signature():
    assert evidence_policy(DEFAULT_POLICY) == {"required_photos": [{"category": "after", "min": 1}],
                                               "signature_required": True}
    assert evidence_policy({"rules": [], "levels": []}) == evidence.DEFAULT_EVIDENCE_POLICY


def test_an_outlet_override_replaces_the_evidence_rules():
    stricter = {"required_photos": [{"category": "nameplate", "min": 1},
                                    {"category": "after", "min": 2}], "signature_required": True}
    merged = merge_outlet_override(DEFAULT_POLICY, {"rules": [], "evidence": stricter})
    assert evidence_policy(merged) == stricter
    assert evidence_policy(merge_outlet_override(DEFAULT_POLICY, {"rules": []})) == \
        DEFAULT_POLICY["evidence"]


def test_signatures_only_at_acceptance_photos_from_intake_to_rework():
    assert evidence.STATES_OF_KIND["signature"] == ("repaired",)
    assert "received" in evidence.EVIDENCE_STATES  # a warranty exclusion's evidence
    assert {"accepted", "archived", "cancelled"}.isdisjoint(evidence.EVIDENCE_STATES)
