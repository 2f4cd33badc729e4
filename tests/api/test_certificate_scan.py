"""A technician certificate's scan (issue 16: "scan attached") through the API: real
presigned-POST uploads to moto's S3, checked by the evidence area's byte check, attached to the
certificate in one transaction with its audit entry on the version the uploader saw; refused
to other outlets and roles, to a revoked certificate and to a stale version.

Each test works on a technician of its own (tests/workload_helpers.py `crew`)."""

from __future__ import annotations

import hashlib

import pytest
import requests

from chalicelib.kernel.config import settings
from chalicelib.kernel.store.files import s3
from chalicelib.modules.evidence.usecases import on_uploaded
from chalicelib.modules.technicians import keys
from chalicelib.modules.technicians.models import CertificateEvent
from tests.conftest import PHOTO, post_form
from tests.scan_helpers import PDF, TEXT, certificate_holder


@pytest.fixture
def holder(api):
    with certificate_holder(api, "csc", "SCAN-0001") as found:
        yield found


def _base(holder: dict) -> str:
    return f"/api/technicians/{holder['username']}/certificates/{holder['cert']['id']}/scan"


def _slot(api, holder, user="sz_manager", body=PDF, content_type="application/pdf",
          version=None, **fields):
    return api.post(_base(holder), user, {
        "content_type": content_type, "size": len(body), "filename": "电工证.pdf",
        "version": holder["cert"]["version"] if version is None else version, **fields})


def _confirm(api, holder, scan_id, user="sz_manager", **kw):
    return api.post(f"{_base(holder)}/{scan_id}/confirm", user, **kw)


def _attach(api, holder, body=PDF, content_type="application/pdf", user="sz_manager") -> dict:
    granted = _slot(api, holder, user, body, content_type)
    assert granted.status == 201, granted.body
    assert post_form(granted.body["upload"], body, content_type).status_code == 204
    confirmed = _confirm(api, holder, granted.body["scan_id"], user)
    assert confirmed.status == 200, confirmed.body
    holder["cert"] = confirmed.body
    return confirmed.body


def _versions(key: str) -> list:
    listed = s3().list_object_versions(Bucket=settings().attachments_bucket, Prefix=key)
    return [v for v in listed.get("Versions", []) if v["Key"] == key]


def _events(username: str, action: str) -> list[CertificateEvent]:
    found = CertificateEvent.query(keys.person_pk(username),
                                   CertificateEvent.sk.startswith(keys.EVENT_PREFIX))
    return [e for e in found if e.action == action]


def _file_cert(api, holder, user="sz_manager") -> dict:
    reply = api.get(f"/api/technicians/{holder['username']}", user)
    assert reply.status == 200, reply.body
    [cert] = [c for c in reply.body["certificates"] if c["id"] == holder["cert"]["id"]]
    return cert


def test_a_manager_attaches_a_pdf_scan_and_the_holder_reads_it_on_their_file(api, holder):
    assert holder["cert"]["scan"] is None
    granted = _slot(api, holder)
    assert granted.status == 201, granted.body
    form = granted.body["upload"]
    key = form["fields"]["key"]
    assert key == (f"cert-scans/SZ/{holder['username']}/{holder['cert']['id']}/"
                   f"{granted.body['scan_id']}")  # outside uploads/ (orders' S3 events)
    assert form["fields"]["Content-Type"] == "application/pdf"
    assert form["max_bytes"] == settings().max_upload_bytes

    assert post_form(form, PDF, "application/pdf").status_code == 204
    confirmed = _confirm(api, holder, granted.body["scan_id"])
    assert confirmed.status == 200, confirmed.body
    cert, scan = confirmed.body, confirmed.body["scan"]
    assert cert["version"] == holder["cert"]["version"] + 1
    assert scan["id"] == granted.body["scan_id"] and scan["content_type"] == "application/pdf"
    assert scan["size"] == len(PDF) and scan["filename"] == "电工证.pdf"
    assert scan["by"] == "sz_manager" and scan["by_name"] == "王强"
    assert scan["thumb_url"] is None  # a PDF has no thumbnail
    fetched = requests.get(scan["url"], timeout=30)
    assert fetched.status_code == 200 and fetched.content == PDF
    assert fetched.headers["Content-Type"] == "application/pdf"

    # again: the same answer, no second audit entry (idempotent)
    again = _confirm(api, holder, granted.body["scan_id"])
    assert again.status == 200 and again.body["scan"]["id"] == scan["id"]
    assert again.body["version"] == cert["version"]
    [event] = _events(holder["username"], "scan_attached")
    assert event.certificate_id == cert["id"] and event.by == "sz_manager"
    assert event.data["before"] == {"scan": None}
    assert event.data["after"]["scan"]["sha256"] == hashlib.sha256(PDF).hexdigest()

    # the holder reads it on their own file, with a fresh link; head office too
    own = _file_cert(api, holder, holder["username"])
    assert own["scan"]["id"] == scan["id"] and own["scan"]["url"]
    assert requests.get(own["scan"]["url"], timeout=30).content == PDF
    assert _file_cert(api, holder, "hq_admin")["scan"]["url"]
    # the lists carry the scan but no links (their screens show none)
    listed = api.get("/api/technicians?outlet=SZ", "sz_manager").body["items"]
    [row] = [r for r in listed if r["username"] == holder["username"]]
    assert row["certificates"][0]["scan"]["id"] == scan["id"]
    assert row["certificates"][0]["scan"]["url"] is None


def test_a_photo_replaces_the_scan_and_the_replaced_one_is_kept(api, holder):
    first = _attach(api, holder)["scan"]
    second = _attach(api, holder, PHOTO, "image/jpeg", user="hq_admin")
    scan = second["scan"]
    assert scan["id"] != first["id"] and scan["content_type"] == "image/jpeg"
    assert scan["by"] == "hq_admin" and scan["thumb_url"]
    assert requests.get(scan["thumb_url"], timeout=30).content[:3] == b"\xff\xd8\xff"
    events = _events(holder["username"], "scan_attached")
    assert len(events) == 2
    latest = max(events, key=lambda e: e.at)
    assert latest.data["before"]["scan"]["id"] == first["id"]
    assert latest.data["after"]["scan"]["id"] == scan["id"]
    # the replaced scan's bytes stay (the audit entry names them)
    old_key = f"cert-scans/SZ/{holder['username']}/{holder['cert']['id']}/{first['id']}"
    assert len(_versions(old_key)) == 1


def test_bytes_that_are_not_what_the_form_said_are_rejected_and_deleted(api, holder):
    granted = _slot(api, holder, body=TEXT)
    key = granted.body["upload"]["fields"]["key"]
    assert post_form(granted.body["upload"], TEXT, "application/pdf").status_code == 204
    assert _versions(key)  # moto took it: the form's conditions are not enforced there

    refused = _confirm(api, holder, granted.body["scan_id"])
    assert refused.status == 400 and refused.error["code"] == "upload_rejected", refused.body
    assert "允许的类型" in refused.error["fields"]["file"]
    assert _versions(key) == []
    english = _confirm(api, holder, granted.body["scan_id"], headers={"Accept-Language": "en"})
    assert english.status == 400 and english.error["code"] == "upload_rejected"
    assert english.error["fields"]["file"].startswith("is not an allowed type")
    [event] = _events(holder["username"], "scan_rejected")
    assert event.data["scan"]["reason"] == "type_not_allowed"
    assert _file_cert(api, holder)["scan"] is None
    assert _events(holder["username"], "scan_attached") == []


def test_a_confirm_before_the_bytes_arrived_is_409_and_a_size_lie_is_rejected(api, holder):
    granted = _slot(api, holder)
    waiting = _confirm(api, holder, granted.body["scan_id"])
    assert waiting.status == 409 and waiting.error["code"] == "upload_not_found"
    post_form(granted.body["upload"], PDF + b"more", "application/pdf")
    refused = _confirm(api, holder, granted.body["scan_id"])
    assert refused.status == 400 and refused.error["code"] == "upload_rejected"
    assert _versions(granted.body["upload"]["fields"]["key"]) == []


def test_the_form_is_checked_before_it_is_issued(api, holder):
    text = _slot(api, holder, content_type="text/plain")
    assert text.status == 400 and "content_type" in text.error["fields"]
    empty = api.post(_base(holder), "sz_manager", {"content_type": "application/pdf",
                                                   "size": 0, "version": 1})
    assert empty.status == 400 and "size" in empty.error["fields"]
    too_big = api.post(_base(holder), "sz_manager", {
        "content_type": "application/pdf", "size": settings().max_upload_bytes + 1,
        "version": holder["cert"]["version"]})
    assert too_big.status == 400 and "size" in too_big.error["fields"]
    versionless = api.post(_base(holder), "sz_manager", {"content_type": "application/pdf",
                                                         "size": 10})
    assert versionless.status == 400 and "version" in versionless.error["fields"]
    unknown = {**holder, "cert": {**holder["cert"], "id": "crt_00000000deadbeef"}}
    assert _slot(api, unknown).status == 404
    assert _confirm(api, holder, "csc_00000000deadbeef").status == 404


def test_another_outlet_gets_404_and_other_roles_403(api, holder):
    assert _slot(api, holder, "cd_manager").status == 404
    for user in ("sz_agent", "sz_support", "sz_tech1", holder["username"]):
        refused = _slot(api, holder, user)
        assert refused.status == 403, (user, refused.body)
    granted = _slot(api, holder)
    post_form(granted.body["upload"], PDF, "application/pdf")
    scan_id = granted.body["scan_id"]
    assert _confirm(api, holder, scan_id, "cd_manager").status == 404
    assert _confirm(api, holder, scan_id, holder["username"]).status == 403
    assert _confirm(api, holder, scan_id, "sz_tech1").status == 403
    # another technician does not read the holder's file (and so not the scan)
    assert _confirm(api, holder, scan_id).status == 200
    assert api.get(f"/api/technicians/{holder['username']}", "sz_tech1").status == 404
    assert api.get(f"/api/technicians/{holder['username']}", "cd_manager").status == 404


def test_a_revoked_certificate_takes_no_scan(api, holder):
    granted = _slot(api, holder)
    post_form(granted.body["upload"], PDF, "application/pdf")
    revoked = api.post(f"/api/technicians/{holder['username']}/certificates/"
                       f"{holder['cert']['id']}/revoke", "sz_manager",
                       {"reason": "证书作废", "version": holder["cert"]["version"]})
    assert revoked.status == 200, revoked.body
    # the form issued before the revocation: refused, its bytes deleted
    late = _confirm(api, holder, granted.body["scan_id"])
    assert late.status == 409 and late.error["code"] == "certificate_revoked", late.body
    assert _versions(granted.body["upload"]["fields"]["key"]) == []
    # and no new form
    again = _slot(api, holder, version=revoked.body["version"])
    assert again.status == 409 and again.error["code"] == "certificate_revoked"
    assert _file_cert(api, holder)["scan"] is None


def test_the_scan_is_attached_only_on_the_version_seen(api, holder):
    stale = _slot(api, holder, version=holder["cert"]["version"] + 5)
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    granted = _slot(api, holder)
    post_form(granted.body["upload"], PDF, "application/pdf")
    # someone corrects the certificate between the form and the confirmation
    cert = holder["cert"]
    edited = api.call("PUT", f"/api/technicians/{holder['username']}/certificates/{cert['id']}",
                      "hq_admin", {"type": cert["type"], "number": "SCAN-0002",
                                   "issuer": cert["issuer"], "valid_from": cert["valid_from"],
                                   "valid_to": cert["valid_to"], "version": cert["version"]})
    assert edited.status == 200, edited.body
    late = _confirm(api, holder, granted.body["scan_id"])
    assert late.status == 409 and late.error["code"] == "stale_version", late.body
    assert _versions(granted.body["upload"]["fields"]["key"]) == []
    assert _events(holder["username"], "scan_attached") == []
    # on the version as it is now it goes through
    holder["cert"] = edited.body
    assert _attach(api, holder)["scan"]["content_type"] == "application/pdf"


def test_a_certificate_has_a_bounded_number_of_open_forms(api, holder, monkeypatch):
    from chalicelib.modules.technicians import scans

    monkeypatch.setattr(scans, "MAX_OPEN_FORMS", 2)
    assert _slot(api, holder).status == 201
    assert _slot(api, holder).status == 201
    third = _slot(api, holder)
    assert third.status == 400 and "file" in third.error["fields"]


def test_an_s3_event_for_a_scan_is_left_alone(api, holder):
    """The evidence area's S3-event handler watches uploads/ (orders); a scan's key is outside
    it, so even a misrouted event neither deletes nor rejects it."""
    granted = _slot(api, holder)
    key = granted.body["upload"]["fields"]["key"]
    post_form(granted.body["upload"], PDF, "application/pdf")
    assert on_uploaded(key) == "ignored"
    assert len(_versions(key)) == 1
    assert _confirm(api, holder, granted.body["scan_id"]).status == 200
