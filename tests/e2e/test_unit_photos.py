"""A unit's photos at registration in the browser (seed 001 第二章第11条: 安装后上传照片、位置、扫码):
an agent on a 375 px phone takes the barcode photo on the unit page (straight to S3, checked
by the server) and sees its thumbnail; a text file named .jpg is refused with the reason."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import FIXTURES
from tests.e2e.helpers import login, no_horizontal_scroll

PHONE = {"width": 375, "height": 812, "mobile": True}
PHOTO_PATH = FIXTURES / "site_photo.jpg"


@pytest.fixture
def unit(api) -> dict:
    """A fresh SZ customer with one unit (no other test touches it)."""
    created = api.post("/api/customers", "sz_agent", {
        "name": "照片页面客户", "phone": "13512349999", "address": "测试地址",
        "site": {"name": "一号厂区", "address": "测试路 1 号"},
        "equipment": {"model": "4LZ-6", "serial_no": f"E2E-{uuid.uuid4().hex[:10]}"}})
    assert created.status == 201, created.body
    return {"customer_id": created.body["id"], "unit_id": created.body["equipment"][0]["id"]}


def _open(page: Page, unit: dict) -> None:
    page.goto(f"/customers/{unit['customer_id']}/units/{unit['unit_id']}")
    expect(page.get_by_test_id("unit-photos")).to_be_visible()


def _take(page: Page, category: str, files) -> None:
    """Tap the category's button; the phone's file (camera) chooser gets the file."""
    with page.expect_file_chooser() as chooser:
        page.get_by_test_id(f"unit-photo-add-{category}").click()
    chooser.value.set_files(files)


def test_an_agent_uploads_the_barcode_photo_on_a_phone_and_sees_its_thumbnail(page_factory, unit, api):
    page = page_factory(**PHONE)
    login(page, "sz_agent", land=False)
    _open(page, unit)
    _take(page, "barcode", str(PHOTO_PATH))

    photo = page.get_by_test_id("unit-photo")
    expect(photo).to_have_count(1)
    expect(photo).to_have_attribute("data-category", "barcode")
    expect(photo).to_contain_text("条码")
    thumb = photo.locator("img")
    expect(thumb).to_have_attribute("src", re.compile(r"/thumbs/units/SZ/"))
    # the thumbnail's bytes arrived and decode (not a broken image)
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    assert no_horizontal_scroll(page)

    # the server has it, verified, in the unit's photos
    listed = api.get(f"/api/customers/{unit['customer_id']}/units/{unit['unit_id']}/photos",
                     "sz_agent").body["items"]
    assert [(p["category"], p["status"]) for p in listed] == [("barcode", "verified")]

    # tapping the thumbnail opens the full image (antd's viewer shows the original's link)
    photo.locator(".ant-image").click()
    full = page.locator(".ant-image-preview-img")
    expect(full).to_be_visible()
    expect(full).to_have_attribute("src", re.compile(r"/unit-photos/SZ/"))


def test_a_text_file_named_jpg_is_refused_with_the_reason(page_factory, unit):
    page = page_factory(**PHONE)
    login(page, "sz_agent", land=False)
    _open(page, unit)
    _take(page, "nameplate", {"name": "nameplate.jpg", "mimeType": "image/jpeg",
                              "buffer": b"not a photo at all, only text\n" * 4})
    error = page.get_by_test_id("unit-photo-error")
    expect(error).to_contain_text("照片未被接收")
    expect(error).to_contain_text("允许的类型")
    expect(page.get_by_test_id("unit-photo")).to_have_count(0)


def test_support_sees_the_photos_without_upload_buttons(page_factory, unit):
    page = page_factory()
    login(page, "sz_support", land=False)
    _open(page, unit)
    expect(page.get_by_test_id("unit-photos")).to_contain_text("暂无照片")
    expect(page.get_by_test_id("unit-photo-add-nameplate")).to_have_count(0)
