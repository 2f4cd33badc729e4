"""A unit's photos at registration (seed 001 第二章第11条: 安装后上传照片、位置、扫码) through the API:
real presigned-POST uploads to moto's S3, checked by the evidence area's byte check, kept in
the unit's own collection (the unit page's one query), refused to other outlets and roles."""

from __future__ import annotations

import hashlib
import uuid

import pytest
import requests

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.files import s3
from chalicelib.kernel.store.models import Item
from chalicelib.modules.evidence import upload_job as uploads
from chalicelib.modules.warranty.models import Equipment, UnitEvent, UnitPhoto
from chalicelib.modules.warranty.unit_photos import photo_views
from tests.conftest import PHOTO, post_form

TEXT = b"this is not a photo of a nameplate, just some text\n" * 3


@pytest.fixture
def unit(api) -> dict:
    """A fresh customer of SZ with one registered unit."""
    serial = f"UP-{uuid.uuid4().hex[:10]}"
    created = api.post("/api/customers", "sz_agent", {
        "name": "照片测试客户", "phone": "13512340000", "address": "测试地址",
        "site": {"name": "一号厂区", "address": "测试路 1 号"},
        "equipment": {"model": "4LZ-6", "serial_no": serial}})
    assert created.status == 201, created.body
    [equipment] = created.body["equipment"]
    return {"customer_id": created.body["id"], "unit_id": equipment["id"]}


def _base(unit: dict) -> str:
    return f"/api/customers/{unit['customer_id']}/units/{unit['unit_id']}/photos"


def _slot(api, unit, user="sz_agent", category="nameplate", content_type="image/jpeg",
          size=None, **kw):
    return api.post(_base(unit), user, {"category": category, "content_type": content_type,
                                        "size": len(PHOTO) if size is None else size}, **kw)


def _confirm(api, unit, photo_id, user="sz_agent", **kw):
    return api.post(f"{_base(unit)}/{photo_id}/confirm", user, **kw)


def _versions(key: str) -> list:
    listed = s3().list_object_versions(Bucket=settings().attachments_bucket, Prefix=key)
    return [v for v in listed.get("Versions", []) if v["Key"] == key]


def _unit_query(unit: dict) -> list:
    """The unit page's one query: pk CUST#<c>, sk begins_with EQUIP#<u>."""
    return list(Item.query(keys.customer_pk(unit["customer_id"]),
                           Item.sk.startswith(f"EQUIP#{unit['unit_id']}")))


def test_a_nameplate_photo_with_exif_is_verified_with_a_thumbnail_in_the_units_collection(api, unit):
    granted = _slot(api, unit, "sz_agent", category="nameplate")
    assert granted.status == 201, granted.body
    form, pending = granted.body["upload"], granted.body["photo"]
    assert pending["status"] == "pending" and pending["url"] is None
    key = form["fields"]["key"]
    assert key == f"unit-photos/SZ/{unit['customer_id']}/{unit['unit_id']}/{pending['id']}"
    assert form["fields"]["Content-Type"] == "image/jpeg"
    assert form["max_bytes"] == settings().max_upload_bytes

    assert post_form(form, PHOTO, "image/jpeg").status_code == 204
    confirmed = _confirm(api, unit, pending["id"])
    assert confirmed.status == 200, confirmed.body
    photo = confirmed.body
    assert photo["status"] == "verified" and photo["category"] == "nameplate"
    assert photo["sha256"] == hashlib.sha256(PHOTO).hexdigest() and photo["size"] == len(PHOTO)
    assert photo["uploaded_by"] == "sz_agent" and photo["uploaded_by_name"] == "李娜"
    assert photo["taken_at"] == "2026-11-20T10:31:05+08:00"
    assert photo["gps"] == {"lat": pytest.approx(22.543167), "lng": pytest.approx(113.933944)}
    assert (photo["width"], photo["height"]) == (1600, 1200)
    assert requests.get(photo["url"], timeout=30).content == PHOTO
    thumb = requests.get(photo["thumb_url"], timeout=30).content
    assert thumb[:3] == b"\xff\xd8\xff" and len(thumb) < len(PHOTO)

    # the unit page's one query returns the photo with the unit, and the audit event
    items = _unit_query(unit)
    assert any(isinstance(i, Equipment) for i in items)
    [stored] = [i for i in items if isinstance(i, UnitPhoto)]
    assert stored.status == "verified" and stored.expires_at is None
    assert [v["id"] for v in photo_views(Collection(items))] == [photo["id"]]
    events = [i for i in items if isinstance(i, UnitEvent) and i.action == "photo_added"]
    assert len(events) == 1 and events[0].data["sha256"] == photo["sha256"]
    assert events[0].actor_username == "sz_agent"

    # the unit page (its one query) shows the photo and the event
    page = api.get(f"/api/customers/{unit['customer_id']}/units/{unit['unit_id']}", "sz_support")
    assert page.status == 200, page.body
    assert [(p["id"], p["category"]) for p in page.body["photos"]] == [(photo["id"], "nameplate")]
    assert page.body["photos"][0]["thumb_url"]
    assert "photo_added" in [e["action"] for e in page.body["events"]]

    # confirming again changes nothing; the list gives fresh links, newest first
    again = _confirm(api, unit, pending["id"])
    assert again.status == 200 and again.body["sha256"] == photo["sha256"]
    second = _slot(api, unit, "sz_manager", category="barcode")
    post_form(second.body["upload"], PHOTO, "image/jpeg")
    assert _confirm(api, unit, second.body["photo"]["id"], "sz_manager").status == 200
    listed = api.get(_base(unit), "sz_support").body["items"]
    assert [(p["id"], p["category"]) for p in listed] == [
        (second.body["photo"]["id"], "barcode"), (photo["id"], "nameplate")]
    assert len([i for i in _unit_query(unit) if isinstance(i, UnitEvent)
                and i.action == "photo_added"]) == 2


def test_a_text_file_claiming_to_be_a_jpeg_is_rejected_and_deleted(api, unit):
    granted = _slot(api, unit, size=len(TEXT))
    key = granted.body["upload"]["fields"]["key"]
    assert post_form(granted.body["upload"], TEXT, "image/jpeg").status_code == 204
    assert _versions(key)  # moto took it: the form's conditions are not enforced there

    refused = _confirm(api, unit, granted.body["photo"]["id"])
    assert refused.status == 400 and refused.error["code"] == "upload_rejected"
    assert "允许的类型" in refused.error["fields"]["file"]
    assert _versions(key) == []
    english = _confirm(api, unit, granted.body["photo"]["id"],
                       headers={"Accept-Language": "en"})
    assert english.status == 400
    assert english.error["fields"]["file"] == "is not an allowed type (JPEG, PNG, WebP, HEIC, PDF)"
    items = _unit_query(unit)
    assert photo_views(Collection(items)) == []
    rejected = [i for i in items if isinstance(i, UnitEvent) and i.action == "photo_rejected"]
    assert len(rejected) == 1 and rejected[0].data["reason"] == "type_not_allowed"
    assert api.get(_base(unit), "sz_agent").body["items"] == []


def test_a_confirm_before_the_bytes_arrived_is_409_and_a_size_lie_is_rejected(api, unit):
    granted = _slot(api, unit, category="site", size=1000)
    waiting = _confirm(api, unit, granted.body["photo"]["id"])
    assert waiting.status == 409 and waiting.error["code"] == "upload_not_found"
    post_form(granted.body["upload"], PHOTO, "image/jpeg")  # declared 1000 bytes, sent more
    refused = _confirm(api, unit, granted.body["photo"]["id"])
    assert refused.status == 400 and refused.error["code"] == "upload_rejected"
    assert _versions(granted.body["upload"]["fields"]["key"]) == []


def test_the_form_is_checked_before_it_is_issued(api, unit):
    bad_category = _slot(api, unit, category="fault")
    assert bad_category.status == 400 and "category" in bad_category.error["fields"]
    pdf = _slot(api, unit, content_type="application/pdf")
    assert pdf.status == 400 and "content_type" in pdf.error["fields"]
    too_big = _slot(api, unit, size=settings().max_upload_bytes + 1)
    assert too_big.status == 400 and "size" in too_big.error["fields"]
    unknown = {**unit, "unit_id": "eq_missing"}
    assert _slot(api, unknown).status == 404


def test_another_outlet_gets_404_and_roles_without_the_permission_403(api, unit):
    assert _slot(api, unit, "cd_agent").status == 404
    assert _slot(api, unit, "cd_manager").status == 404
    assert api.get(_base(unit), "cd_manager").status == 404
    # the permission table: agents and managers upload; support, technicians, head office not
    assert _slot(api, unit, "sz_support").status == 403
    assert _slot(api, unit, "sz_tech1").status == 403
    assert _slot(api, unit, "hq_admin").status == 403
    granted = _slot(api, unit, "sz_agent")
    post_form(granted.body["upload"], PHOTO, "image/jpeg")
    photo_id = granted.body["photo"]["id"]
    assert _confirm(api, unit, photo_id, "cd_agent").status == 404
    assert _confirm(api, unit, photo_id, "sz_tech1").status == 403
    assert _confirm(api, unit, photo_id, "sz_manager").status == 200
    # reading: the unit's outlet and head office
    assert [p["id"] for p in api.get(_base(unit), "hq_admin").body["items"]] == [photo_id]
    assert api.get(_base(unit), "sz_tech1").status == 403


def test_an_s3_event_for_a_unit_photo_is_left_to_the_warranty_area(api, unit):
    """The evidence area's S3-event handler watches uploads/ (orders); a unit photo's key is
    outside it, so even a misrouted event neither deletes nor rejects it."""
    granted = _slot(api, unit)
    key = granted.body["upload"]["fields"]["key"]
    post_form(granted.body["upload"], PHOTO, "image/jpeg")
    event = {"Records": [{"eventName": "ObjectCreated:Post",
                          "s3": {"bucket": {"name": settings().attachments_bucket},
                                 "object": {"key": key}}}]}
    assert uploads.handle(event) == ["ignored"]
    assert len(_versions(key)) == 1
    assert _confirm(api, unit, granted.body["photo"]["id"]).status == 200


def test_a_category_takes_a_bounded_number_of_photos(api, unit, monkeypatch):
    from chalicelib.modules.warranty import unit_photos

    monkeypatch.setattr(unit_photos, "MAX_PER_CATEGORY", 2)
    assert _slot(api, unit, category="installation").status == 201
    assert _slot(api, unit, category="installation").status == 201
    third = _slot(api, unit, category="installation")
    assert third.status == 400 and "category" in third.error["fields"]
    assert _slot(api, unit, category="site").status == 201

