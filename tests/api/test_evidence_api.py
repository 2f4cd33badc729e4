"""Field evidence through the API: real presigned-POST uploads to moto's S3, the app's own
verification (moto does not enforce the form's conditions), rejection and deletion, the S3
event handler, required photos and the customer's signature."""

from __future__ import annotations

import concurrent.futures
import hashlib
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
import requests

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.modules.evidence import store as s3store
from chalicelib.modules.evidence import upload_job as uploads
from chalicelib.modules.evidence import usecases as evidence_service
from tests.conftest import (
    PHOTO,
    STEP_DATA,
    actor_for,
    customer_of,
    evidence_for,
    post_form,
    signature_png,
    slot,
    upload,
)

HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def _dispatched(api, new_order) -> dict:
    return api.act(new_order(), "dispatch", "sz_manager", STEP_DATA["dispatch"]).body


def _versions(key: str) -> list:
    listed = s3store.s3().list_object_versions(Bucket=settings().attachments_bucket, Prefix=key)
    return [v for v in listed.get("Versions", []) if v["Key"] == key]


def _confirm(api, order, attachment_id, user="sz_tech1"):
    return api.post(f"/api/work-orders/{order['id']}/attachments/{attachment_id}/confirm", user)


def _s3_event(key: str, version_id: str | None = None) -> dict:
    obj = {"key": key.replace(" ", "+")}
    if version_id:
        obj["versionId"] = version_id
    return {"Records": [{"eventName": "ObjectCreated:Post",
                         "s3": {"bucket": {"name": settings().attachments_bucket},
                                "object": obj}}]}


def test_a_photo_uploads_to_s3_and_is_verified_with_exif_and_thumbnail(api, new_order):
    order = _dispatched(api, new_order)
    granted = slot(api, order, "sz_tech1", category="before")
    assert granted.status == 201
    form = granted.body["upload"]
    attachment = granted.body["attachment"]
    assert attachment["status"] == "pending" and attachment["url"] is None
    # the key is scoped to outlet / order / attachment, the form carries the declared type
    assert form["fields"]["key"] == f"uploads/SZ/{order['id']}/{attachment['id']}"
    assert form["fields"]["Content-Type"] == "image/jpeg"
    assert form["max_bytes"] == 15 * 1024 * 1024
    expires = keys.utc_now() + timedelta(seconds=600)
    assert form["expires_at"] <= keys.iso(expires + timedelta(seconds=1))

    sent = post_form(form, PHOTO, "image/jpeg")
    assert sent.status_code == 204
    confirmed = _confirm(api, order, attachment["id"])
    assert confirmed.status == 200, confirmed.body
    photo = confirmed.body
    assert photo["status"] == "verified" and photo["category"] == "before"
    assert photo["sha256"] == hashlib.sha256(PHOTO).hexdigest() and photo["size"] == len(PHOTO)
    assert photo["uploaded_by"] == "sz_tech1" and photo["uploaded_by_name"] == "张伟"
    assert photo["taken_at"] == "2026-11-20T10:31:05+08:00"
    assert photo["gps"] == {"lat": pytest.approx(22.543167), "lng": pytest.approx(113.933944)}
    assert (photo["width"], photo["height"]) == (1600, 1200)

    # reading is by short-lived presigned GET, of exactly the verified version
    original = requests.get(photo["url"], timeout=30)
    assert original.status_code == 200 and original.content == PHOTO
    assert "X-Amz-Expires=300" in photo["url"] and "versionId=" in photo["url"]
    thumb = requests.get(photo["thumb_url"], timeout=30)
    assert thumb.content[:3] == b"\xff\xd8\xff" and len(thumb.content) < len(PHOTO)

    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert [a["id"] for a in detail["attachments"]] == [photo["id"]]
    added = [e for e in detail["events"] if e["action"] == "attachment_added"]
    assert added[0]["data"]["sha256"] == photo["sha256"] and added[0]["actor"]["username"] == "sz_tech1"
    assert detail["version"] == order["version"]  # evidence does not make others' views stale

    # confirming again changes nothing
    again = _confirm(api, order, attachment["id"])
    assert again.status == 200 and again.body["sha256"] == photo["sha256"]
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert len([e for e in detail["events"] if e["action"] == "attachment_added"]) == 1


def test_html_named_jpg_is_rejected_and_deleted(api, new_order):
    order = _dispatched(api, new_order)
    granted = slot(api, order, "sz_tech1", size=len(HTML))
    key = granted.body["upload"]["fields"]["key"]
    assert post_form(granted.body["upload"], HTML, "image/jpeg").status_code == 204
    assert _versions(key)  # moto took it: the form's conditions are not enforced there

    refused = _confirm(api, order, granted.body["attachment"]["id"])
    assert refused.status == 400 and refused.error["code"] == "upload_rejected"
    assert "允许的类型" in refused.error["fields"]["file"]
    assert _versions(key) == []
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert detail["attachments"] == []
    rejected = [e for e in detail["events"] if e["action"] == "attachment_rejected"]
    assert rejected[0]["data"]["reason"] == "type_not_allowed"
    # asking again gets the same answer; the verdict is final
    assert _confirm(api, order, granted.body["attachment"]["id"]).status == 400


def test_a_png_declared_as_jpeg_is_a_type_mismatch(api, new_order):
    order = _dispatched(api, new_order)
    png = signature_png()
    granted = slot(api, order, "sz_tech1", size=len(png))
    post_form(granted.body["upload"], png, "image/jpeg")
    refused = _confirm(api, order, granted.body["attachment"]["id"])
    assert refused.status == 400
    english = api.post(f"/api/work-orders/{order['id']}/attachments/"
                       f"{granted.body['attachment']['id']}/confirm", "sz_tech1",
                       headers={"Accept-Language": "en"})
    assert english.error["fields"]["file"] == "contains image/png, not the declared image/jpeg"
    assert refused.error["fields"]["file"] == "文件内容（image/png）与声明的类型（image/jpeg）不符"


def test_an_oversized_upload_is_rejected_and_deleted(api, new_order):
    order = _dispatched(api, new_order)
    limit = settings().max_upload_bytes
    too_big = slot(api, order, "sz_tech1", size=limit + 1)
    assert too_big.status == 400 and "size" in too_big.error["fields"]

    granted = slot(api, order, "sz_tech1", size=1000)  # declared small, sent large
    key = granted.body["upload"]["fields"]["key"]
    body = PHOTO[:2000] + b"\0" * (limit + 1 - 2000)
    assert post_form(granted.body["upload"], body, "image/jpeg").status_code == 204
    refused = _confirm(api, order, granted.body["attachment"]["id"])
    assert refused.status == 400 and "15 MB" in refused.error["fields"]["file"]
    assert _versions(key) == []


def test_an_upload_to_a_key_outside_its_scope_is_not_counted_and_is_deleted(api, new_order):
    order, other = _dispatched(api, new_order), _dispatched(api, new_order)
    granted = slot(api, order, "sz_tech1")
    foreign = f"uploads/SZ/{other['id']}/att_forged"
    sent = post_form(granted.body["upload"], PHOTO, "image/jpeg", {"key": foreign})
    assert sent.status_code == 204 and _versions(foreign)
    missing = _confirm(api, order, granted.body["attachment"]["id"])
    assert missing.status == 409 and missing.error["code"] == "upload_not_found"
    # the S3 event for the stray key removes it
    assert uploads.handle(_s3_event(foreign)) == ["deleted_stray"]
    assert _versions(foreign) == []
    assert api.get(f"/api/work-orders/{other['id']}", "sz_agent").body["attachments"] == []


def test_an_upload_after_the_form_expired_is_rejected(api, new_order, monkeypatch):
    order = _dispatched(api, new_order)
    issued = datetime.now(UTC) - timedelta(minutes=11)  # the form was handed out 11 minutes ago
    monkeypatch.setattr(evidence_service, "wall_now", lambda: issued)
    granted = slot(api, order, "sz_tech1")
    monkeypatch.undo()
    key = granted.body["upload"]["fields"]["key"]
    post_form(granted.body["upload"], PHOTO, "image/jpeg")
    refused = _confirm(api, order, granted.body["attachment"]["id"])
    assert refused.status == 400 and "过期" in refused.error["fields"]["file"]
    assert _versions(key) == []


def test_another_outlets_technician_and_head_office_cannot_upload_or_read(api, new_order):
    order = _dispatched(api, new_order)
    photo = upload(api, order, "sz_tech2", category="site")  # a helper on the job may
    assert slot(api, order, "cd_tech1").status == 404
    assert slot(api, order, "sz_tech3").status == 404  # same outlet, not on the job
    assert slot(api, order, "hq_admin").status == 403
    path = f"/api/work-orders/{order['id']}/attachments/{photo['id']}"
    assert api.get(path, "cd_tech1").status == 404
    assert api.get(path, "cd_manager").status == 404
    assert api.get(path, "hq_admin").status == 200
    assert _confirm(api, order, photo["id"], "cd_tech1").status == 404


def test_content_type_kind_and_state_are_checked_before_a_form_is_issued(api, new_order):
    received = new_order()
    assert slot(api, received, "sz_agent").status == 201  # from intake: a warranty exclusion's
    cancelled = api.act(new_order(), "cancel", "sz_agent", {"reason": "客户撤销"}).body
    assert slot(api, cancelled, "sz_agent").status == 409  # nothing once the order is closed
    order = _dispatched(api, new_order)
    bad_type = slot(api, order, "sz_tech1", content_type="text/html")
    assert bad_type.status == 400 and "content_type" in bad_type.error["fields"]
    wrong_category = slot(api, order, "sz_tech1", kind="photo", category="signature")
    assert wrong_category.status == 400 and "category" in wrong_category.error["fields"]
    signature_as_jpeg = slot(api, order, "sz_tech1", kind="signature", category="signature")
    assert signature_as_jpeg.status == 400
    early = slot(api, order, "sz_tech1", kind="signature", category="signature",
                 content_type="image/png")
    assert early.status == 409  # a signature is given at acceptance only
    pdf = slot(api, order, "sz_agent", kind="document", category="document",
               content_type="application/pdf", size=2000)
    assert pdf.status == 201


def test_completion_needs_the_required_photos(api, new_order, walk):
    order = walk(new_order(), ["dispatch", "contact", "check_in", "survey", "submit_plan",
                               "approve_plan"])
    assert order["evidence"]["missing"] == ["after"]
    assert order["evidence"]["required"] == [{"category": "after", "min": 1, "have": 0}]
    upload(api, order, "sz_tech1", category="before")  # not the one required
    refused = api.act(order, "complete", "sz_tech1", STEP_DATA["complete"])
    assert refused.status == 409 and refused.error["code"] == "evidence_missing"
    assert refused.error["fields"]["photos.after"] == "「完工后」照片至少 1 张，现有 0 张"
    upload(api, order, "sz_tech1", category="after")
    done = api.act(order, "complete", "sz_tech1", STEP_DATA["complete"])
    assert done.status == 200 and done.body["evidence"]["missing"] == []


def test_an_on_site_acceptance_needs_the_customers_signature(api, new_order, walk):
    order = walk(new_order(), ["dispatch", "contact", "check_in", "survey", "submit_plan",
                               "approve_plan", "complete"])
    assert order["evidence"]["upload_kinds"] == ["photo", "document", "signature"]
    unsigned = api.act(order, "accept", "sz_tech1", STEP_DATA["accept"])
    assert unsigned.status == 400 and "data.signature_id" in unsigned.error["fields"]
    photo = upload(api, order, "sz_tech1", category="after")
    not_a_signature = api.act(order, "accept", "sz_tech1",
                              {**STEP_DATA["accept"], "signature_id": photo["id"]})
    assert not_a_signature.status == 400
    signed = upload(api, order, "sz_tech1", signature_png(), "signature", "signature",
                    "image/png")
    accepted = api.act(order, "accept", "sz_tech1",
                       {**STEP_DATA["accept"], "signature_id": signed["id"], "satisfaction": 5})
    assert accepted.status == 200, accepted.body
    report = accepted.body["reports"][0]
    assert report["version"] == 1 and report["signed"] and report["current"]
    assert accepted.body["acceptance"]["signature_id"] == signed["id"]


def test_an_agent_records_an_acceptance_given_by_phone_without_a_signature(api, new_order, walk):
    order = walk(new_order(), ["dispatch", "contact", "check_in", "survey", "submit_plan",
                               "approve_plan", "complete"])
    accepted = api.act(order, "accept", "sz_agent", STEP_DATA["accept"])
    assert accepted.status == 200
    assert accepted.body["reports"][0]["signed"] is False


def test_the_s3_event_verifies_an_upload_the_client_never_confirmed(api, new_order):
    order = _dispatched(api, new_order)
    granted = slot(api, order, "sz_tech1", category="fault")
    key = granted.body["upload"]["fields"]["key"]
    post_form(granted.body["upload"], PHOTO, "image/jpeg")
    assert uploads.handle(_s3_event(key)) == ["verified"]
    listed = api.get(f"/api/work-orders/{order['id']}/attachments", "sz_agent").body["items"]
    assert [a["category"] for a in listed] == ["fault"]
    # the phone comes back online and confirms: same attachment, nothing new
    assert _confirm(api, order, granted.body["attachment"]["id"]).body["sha256"] == listed[0]["sha256"]

    # replaying the form after verification adds no bytes: the event removes the new version
    post_form(granted.body["upload"], HTML, "image/jpeg")
    newest = _versions(key)
    assert len(newest) == 2
    replay = next(v for v in newest if v["IsLatest"])
    assert uploads.handle(_s3_event(key, replay["VersionId"])) == ["deleted_replay"]
    assert len(_versions(key)) == 1
    fresh = api.get(f"/api/work-orders/{order['id']}/attachments/{listed[0]['id']}", "sz_agent")
    assert requests.get(fresh.body["url"], timeout=30).content == PHOTO


def test_concurrent_confirmations_settle_the_attachment_once(api, new_order):
    order = _dispatched(api, new_order)
    granted = slot(api, order, "sz_tech1")
    post_form(granted.body["upload"], PHOTO, "image/jpeg")
    attachment_id = granted.body["attachment"]["id"]
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        replies = list(pool.map(lambda _: _confirm(api, order, attachment_id), range(4)))
    assert {r.status for r in replies} == {200}
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert len([e for e in detail["events"] if e["action"] == "attachment_added"]) == 1


def test_the_walk_helper_uploads_what_each_step_needs(api, new_order):
    """The shared happy-path helper itself: required photos before completion, a signature
    at an on-site acceptance."""
    order = new_order()
    for action in ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
                   "complete", "accept"]:
        data = evidence_for(api, order, action, actor_for(action), STEP_DATA[action])
        order = api.act(order, action, actor_for(action), data).body
    kinds = sorted(a["kind"] for a in order["attachments"])
    assert kinds == ["photo", "signature"] and order["state"] == "accepted"


def test_an_outlet_policy_can_require_more_photos_before_completion(api, new_order, walk):
    """Head office makes CD require a nameplate photo and two "after" photos; SZ keeps the
    network's one "after" photo."""
    from chalicelib.modules.sla import clocks as sla
    from chalicelib.modules.sla.policies import DEFAULT_POLICY

    stricter = {"rules": [], "levels": DEFAULT_POLICY["levels"], "evidence": {
        "required_photos": [{"category": "nameplate", "min": 1}, {"category": "after", "min": 2}],
        "signature_required": True}}
    current = api.get("/api/sla/policy?outlet=CD", "hq_admin").body["override_version"] or 0
    saved = api.call("PUT", "/api/sla/policy/outlets/CD", "hq_admin",
                     {"version": current, "policy": stricter})
    assert saved.status == 200, saved.body
    sla.forget_cached()
    try:
        customer = customer_of(api, "CD")
        order = api.post("/api/work-orders", "cd_agent", {
            "customer_id": customer["id"], "type": "repair", "priority": "general",
            "channel": "phone", "description": "铭牌照片策略"}).body
        for action, user, data in [
                ("dispatch", "cd_manager", {"technician": "cd_tech1"}),
                ("contact", "cd_tech1", STEP_DATA["contact"]),
                ("check_in", "cd_tech1", STEP_DATA["check_in"]),
                ("survey", "cd_tech1", STEP_DATA["survey"]),
                ("submit_plan", "cd_tech1", STEP_DATA["submit_plan"]),
                ("approve_plan", "cd_manager", {})]:
            order = api.act(order, action, user, data).body
        assert order["evidence"]["missing"] == ["nameplate", "after"]
        upload(api, order, "cd_tech1", category="after")
        refused = api.act(order, "complete", "cd_tech1", STEP_DATA["complete"])
        assert refused.status == 409
        assert set(refused.error["fields"]) == {"photos.nameplate", "photos.after"}
        assert refused.error["fields"]["photos.after"] == "「完工后」照片至少 2 张，现有 1 张"
        upload(api, order, "cd_tech1", category="after")
        upload(api, order, "cd_tech1", category="nameplate")
        assert api.act(order, "complete", "cd_tech1", STEP_DATA["complete"]).status == 200
        sz = walk(new_order(), ["dispatch", "contact", "check_in", "survey", "submit_plan",
                                "approve_plan"])
        assert sz["evidence"]["required"] == [{"category": "after", "min": 1, "have": 0}]
    finally:
        latest = api.get("/api/sla/policy?outlet=CD", "hq_admin").body["override_version"]
        api.call("PUT", "/api/sla/policy/outlets/CD", "hq_admin",
                 {"version": latest, "policy": None})
        sla.forget_cached()


# ---------------------------------------------------------------- bound to what was declared

def _policy(form: dict) -> dict:
    import base64
    import json

    return json.loads(base64.b64decode(form["fields"]["policy"]))


def test_the_form_allows_exactly_the_declared_size(api, new_order):
    order = _dispatched(api, new_order)
    granted = slot(api, order, "sz_tech1", size=len(PHOTO))
    conditions = _policy(granted.body["upload"])["conditions"]
    assert ["content-length-range", len(PHOTO), len(PHOTO)] in conditions
    assert {"Content-Type": "image/jpeg"} in conditions


def test_an_upload_of_another_size_than_declared_is_rejected_and_deleted(api, new_order):
    """A slot declared at 10 B must not take a whole photo (moto lets it through: the app
    refuses it)."""
    order = _dispatched(api, new_order)
    granted = slot(api, order, "sz_tech1", size=10)
    key = granted.body["upload"]["fields"]["key"]
    assert post_form(granted.body["upload"], PHOTO, "image/jpeg").status_code == 204
    refused = _confirm(api, order, granted.body["attachment"]["id"])
    assert refused.status == 400 and refused.error["code"] == "upload_rejected"
    assert refused.error["fields"]["file"]
    assert _versions(key) == []
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    rejected = [e for e in detail["events"] if e["action"] == "attachment_rejected"]
    assert rejected[0]["data"]["reason"] == "size_mismatch"
    assert (rejected[0]["data"]["declared_size"], rejected[0]["data"]["size"]) == (10, len(PHOTO))
    assert detail["attachments"] == []


# ---------------------------------------------------------------- the verdict is the guard

def _pinned_bytes(api, order, attachment_id) -> bytes:
    fresh = api.get(f"/api/work-orders/{order['id']}/attachments/{attachment_id}", "sz_agent")
    assert fresh.status == 200 and fresh.body["status"] == "verified", fresh.body
    return requests.get(fresh.body["url"], timeout=30).content


def test_a_replayed_event_and_a_late_confirm_after_the_verdict_delete_nothing(api, new_order):
    order = _dispatched(api, new_order)
    photo = upload(api, order, "sz_tech1", category="before")
    key = f"uploads/SZ/{order['id']}/{photo['id']}"
    [pinned] = _versions(key)
    assert uploads.handle(_s3_event(key, pinned["VersionId"])) == ["already_verified"]
    assert uploads.handle(_s3_event(key)) == ["already_verified"]
    again = _confirm(api, order, photo["id"])
    assert again.status == 200 and again.body["sha256"] == photo["sha256"]
    assert [v["VersionId"] for v in _versions(key)] == [pinned["VersionId"]]
    assert _pinned_bytes(api, order, photo["id"]) == PHOTO
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert [e["action"] for e in detail["events"]].count("attachment_added") == 1
    assert "attachment_rejected" not in [e["action"] for e in detail["events"]]


def test_a_late_rejection_by_a_handler_that_read_the_pending_item_deletes_nothing(api, new_order):
    """The S3 event handler read the attachment while it was pending; meanwhile the phone
    confirmed it (verified) and the form was replayed with other bytes. The handler's check of
    the latest bytes fails, but its rejection loses against the verdict: the verified bytes
    stay, and only the replayed version is removed (by its own event)."""
    order = _dispatched(api, new_order)
    granted = slot(api, order, "sz_tech1", category="fault")
    attachment_id = granted.body["attachment"]["id"]
    key = granted.body["upload"]["fields"]["key"]
    post_form(granted.body["upload"], PHOTO, "image/jpeg")
    stale = s3store.get_attachment(order["id"], attachment_id)
    assert stale.status == "pending"
    assert _confirm(api, order, attachment_id).status == 200
    post_form(granted.body["upload"], HTML, "text/html")  # the replayed form
    assert len(_versions(key)) == 2

    settled = evidence_service.verify(stale)  # the late handler: latest bytes are bad
    assert settled.status == "verified"
    assert _pinned_bytes(api, order, attachment_id) == PHOTO
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    actions = [e["action"] for e in detail["events"]]
    assert actions.count("attachment_added") == 1 and "attachment_rejected" not in actions
    replay = next(v for v in _versions(key) if v["IsLatest"])
    assert uploads.handle(_s3_event(key, replay["VersionId"])) == ["deleted_replay"]
    assert _pinned_bytes(api, order, attachment_id) == PHOTO and len(_versions(key)) == 1


def test_a_rejecting_confirm_racing_a_verifying_event_settles_once_with_consistent_s3(api, new_order):
    """The good photo arrived first (its S3 event verifies that version), then a replay of the
    form put other bytes on top (the confirm checks the latest and rejects). Whichever verdict
    is written first stands, and S3 holds exactly what it says: the pinned photo, or nothing."""
    order = _dispatched(api, new_order)
    outcomes = set()
    for round_ in range(4):
        granted = slot(api, order, "sz_tech1", category="site")
        attachment_id = granted.body["attachment"]["id"]
        key = granted.body["upload"]["fields"]["key"]
        post_form(granted.body["upload"], PHOTO, "image/jpeg")
        [good] = _versions(key)
        post_form(granted.body["upload"], HTML, "text/html")
        barrier = threading.Barrier(2)

        def confirm(attachment_id=attachment_id, barrier=barrier, late=round_ % 2 * 0.15):
            barrier.wait()
            time.sleep(late)  # every other round the event gets a head start
            return _confirm(api, order, attachment_id).status

        def event(key=key, version=good["VersionId"], barrier=barrier):
            barrier.wait()
            return uploads.handle(_s3_event(key, version))

        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            confirmed, handled = pool.submit(confirm), pool.submit(event)
            status, outcome = confirmed.result(), handled.result()
        item = s3store.get_attachment(order["id"], attachment_id)
        detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
        verdicts = [e for e in detail["events"] if e["action"] in
                    ("attachment_added", "attachment_rejected")
                    and e["data"]["attachment_id"] == attachment_id]
        assert len(verdicts) == 1, verdicts
        thumbs = s3store.s3().list_object_versions(
            Bucket=settings().attachments_bucket,
            Prefix=f"thumbs/SZ/{order['id']}/{attachment_id}").get("Versions", [])
        if item.status == "verified":
            assert status == 200 and outcome == ["verified"]
            assert item.s3_version_id == good["VersionId"]
            assert [v["VersionId"] for v in _versions(key)] == [good["VersionId"]]
            assert _pinned_bytes(api, order, attachment_id) == PHOTO
            assert [t["Key"] for t in thumbs] == [item.thumb_key]
            assert item.sha256[:16] in item.thumb_key
        else:
            assert item.status == "rejected" and status == 400
            assert outcome in (["rejected"], ["deleted_replay"], ["not_found"])
            assert _versions(key) == []
            assert thumbs == []  # a losing verifier removed the thumbnail it had written
        outcomes.add(item.status)
    assert outcomes <= {"verified", "rejected"}


def test_the_order_says_whose_acceptance_needs_the_signature(api, new_order, walk):
    """The SPA asks for the signature where the server will: the order's technician (on site)
    must bring one under the default policy; an agent recording a phone acceptance need not."""
    order = walk(new_order(), ["dispatch"])
    as_technician = api.get(f"/api/work-orders/{order['id']}", "sz_tech1").body["evidence"]
    as_agent = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body["evidence"]
    assert as_technician["signature_required"] and as_technician["signature_required_of_me"]
    assert as_agent["signature_required"] and not as_agent["signature_required_of_me"]
