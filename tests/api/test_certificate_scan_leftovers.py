"""No scan bytes left in S3 that nothing points at (issue 16, review of the scan upload): a scan
refused because its certificate changed since the form (stale version, revoked) is settled
rejected, so its form — still valid for minutes — cannot bring bytes that nothing checks or
deletes: confirming again answers the same 409 and deletes them; a rejected upload's re-post is
deleted on its next confirm too (the evidence area's shared verify_upload, also a unit photo's).

Real presigned-POST uploads to moto's S3 (moto enforces no form condition, so a re-post of a
used form lands, as it would on AWS within the form's lifetime)."""

from __future__ import annotations

import uuid

import pytest

from chalicelib.kernel.config import settings
from chalicelib.kernel.store.files import s3
from chalicelib.modules.technicians import keys
from chalicelib.modules.technicians.models import CertificateEvent, CertificateScan
from tests.conftest import PHOTO, post_form
from tests.scan_helpers import PDF, TEXT, certificate_holder


@pytest.fixture
def holder(api):
    with certificate_holder(api, "csl", "LEFT-0001") as found:
        yield found


def _cert_path(holder: dict) -> str:
    return f"/api/technicians/{holder['username']}/certificates/{holder['cert']['id']}"


def _slot(api, holder, body=PDF, version=None):
    granted = api.post(f"{_cert_path(holder)}/scan", "sz_manager", {
        "content_type": "application/pdf", "size": len(body), "filename": "证.pdf",
        "version": holder["cert"]["version"] if version is None else version})
    assert granted.status == 201, granted.body
    return granted.body


def _confirm(api, holder, scan_id):
    return api.post(f"{_cert_path(holder)}/scan/{scan_id}/confirm", "sz_manager")


def _versions(key: str) -> list:
    listed = s3().list_object_versions(Bucket=settings().attachments_bucket, Prefix=key)
    return [v for v in listed.get("Versions", []) if v["Key"] == key]


def _scan(holder, scan_id) -> CertificateScan:
    return CertificateScan.get(keys.person_pk(holder["username"]),
                               keys.scan_sk(holder["cert"]["id"], scan_id), consistent_read=True)


def _rejections(holder) -> list[CertificateEvent]:
    found = CertificateEvent.query(keys.person_pk(holder["username"]),
                                   CertificateEvent.sk.startswith(keys.EVENT_PREFIX))
    return [e for e in found if e.action == "scan_rejected"]


def _edit(api, holder, number: str) -> dict:
    cert = holder["cert"]
    edited = api.call("PUT", _cert_path(holder), "hq_admin", {
        "type": cert["type"], "number": number, "issuer": cert["issuer"],
        "valid_from": cert["valid_from"], "valid_to": cert["valid_to"],
        "version": cert["version"]})
    assert edited.status == 200, edited.body
    return edited.body


def test_a_scan_refused_as_stale_is_settled_and_a_repost_of_its_form_is_deleted(api, holder):
    granted = _slot(api, holder)
    form, key = granted["upload"], granted["upload"]["fields"]["key"]
    assert post_form(form, PDF, "application/pdf").status_code == 204
    holder["cert"] = _edit(api, holder, "LEFT-0002")  # the certificate moves on meanwhile

    late = _confirm(api, holder, granted["scan_id"])
    assert late.status == 409 and late.error["code"] == "stale_version", late.body
    assert _versions(key) == []
    scan = _scan(holder, granted["scan_id"])
    assert scan.status == "rejected" and scan.reject_reason == "stale_version"
    [event] = _rejections(holder)
    assert event.data["scan"]["id"] == scan.id and event.data["scan"]["reason"] == "stale_version"

    # the same form posted again within its lifetime: the next confirm deletes what came
    assert post_form(form, PDF, "application/pdf").status_code == 204
    assert len(_versions(key)) == 1
    again = _confirm(api, holder, granted["scan_id"])
    assert again.status == 409 and again.error["code"] == "stale_version", again.body
    assert _versions(key) == []
    assert len(_rejections(holder)) == 1  # settled once
    assert api.get(f"/api/technicians/{holder['username']}", "sz_manager").status == 200


def test_a_scan_refused_for_a_revoked_certificate_stays_refused(api, holder):
    granted = _slot(api, holder)
    form, key = granted["upload"], granted["upload"]["fields"]["key"]
    post_form(form, PDF, "application/pdf")
    revoked = api.post(f"{_cert_path(holder)}/revoke", "sz_manager",
                       {"reason": "证书作废", "version": holder["cert"]["version"]})
    assert revoked.status == 200, revoked.body

    late = _confirm(api, holder, granted["scan_id"])
    assert late.status == 409 and late.error["code"] == "certificate_revoked", late.body
    assert _scan(holder, granted["scan_id"]).reject_reason == "certificate_revoked"
    post_form(form, PDF, "application/pdf")
    again = _confirm(api, holder, granted["scan_id"])
    assert again.status == 409 and again.error["code"] == "certificate_revoked"
    assert _versions(key) == []


def test_a_refused_scan_no_longer_holds_an_open_form(api, holder, monkeypatch):
    from chalicelib.modules.technicians import scans

    monkeypatch.setattr(scans, "MAX_OPEN_FORMS", 1)
    granted = _slot(api, holder)
    post_form(granted["upload"], PDF, "application/pdf")
    holder["cert"] = _edit(api, holder, "LEFT-0003")
    assert _confirm(api, holder, granted["scan_id"]).status == 409
    # the refused form is settled: a new one on the version as it is now is handed out
    fresh = _slot(api, holder)
    post_form(fresh["upload"], PDF, "application/pdf")
    attached = _confirm(api, holder, fresh["scan_id"])
    assert attached.status == 200, attached.body
    assert attached.body["scan"]["id"] == fresh["scan_id"]


def test_bytes_posted_again_to_a_rejected_scan_are_deleted_on_its_next_confirm(api, holder):
    granted = _slot(api, holder, body=TEXT)
    form, key = granted["upload"], granted["upload"]["fields"]["key"]
    post_form(form, TEXT, "application/pdf")
    refused = _confirm(api, holder, granted["scan_id"])
    assert refused.status == 400 and refused.error["code"] == "upload_rejected"
    assert _versions(key) == []

    post_form(form, TEXT, "application/pdf")
    assert len(_versions(key)) == 1
    again = _confirm(api, holder, granted["scan_id"])
    assert again.status == 400 and again.error["code"] == "upload_rejected"
    assert _versions(key) == []
    assert len(_rejections(holder)) == 1


def test_bytes_posted_again_to_a_rejected_unit_photo_are_deleted_on_its_next_confirm(api):
    created = api.post("/api/customers", "sz_agent", {
        "name": "照片残留客户", "phone": "13512340001", "address": "测试地址",
        "site": {"name": "一号厂区", "address": "测试路 1 号"},
        "equipment": {"model": "4LZ-6", "serial_no": f"UL-{uuid.uuid4().hex[:10]}"}})
    assert created.status == 201, created.body
    base = (f"/api/customers/{created.body['id']}/units/"
            f"{created.body['equipment'][0]['id']}/photos")
    granted = api.post(base, "sz_agent", {"category": "nameplate", "content_type": "image/jpeg",
                                          "size": len(PHOTO)})
    assert granted.status == 201, granted.body
    form, photo_id = granted.body["upload"], granted.body["photo"]["id"]
    key = form["fields"]["key"]
    post_form(form, b"x" * len(PHOTO), "image/jpeg")  # the right size, not a JPEG
    refused = api.post(f"{base}/{photo_id}/confirm", "sz_agent")
    assert refused.status == 400 and refused.error["code"] == "upload_rejected", refused.body
    assert _versions(key) == []

    post_form(form, PHOTO, "image/jpeg")  # a good photo, on the settled form: not counted
    assert len(_versions(key)) == 1
    again = api.post(f"{base}/{photo_id}/confirm", "sz_agent")
    assert again.status == 400 and again.error["code"] == "upload_rejected"
    assert _versions(key) == []
    listed = api.get(base, "sz_agent")
    assert listed.status == 200 and listed.body["items"] == []
