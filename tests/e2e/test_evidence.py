"""Field evidence in the browser: a technician's photos from a 375 px phone (straight to S3, EXIF
kept, queued in IndexedDB when the connection drops), a refused fake, the customer's signature
drawn with mouse and finger, and the service report a manager opens."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
import requests
from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from tests.conftest import FIXTURES, HAPPY_PATH
from tests.e2e.helpers import choose, login

PHONE = {"width": 375, "height": 812, "mobile": True}
PHOTO_PATH = FIXTURES / "site_photo.jpg"
# What tests/fixtures/make_photo.py wrote into the fixture's EXIF.
PHOTO_TAKEN_AT = "2026-11-20T10:31:05+08:00"
PHOTO_GPS = {"lat": 22 + 32 / 60 + 35.4 / 3600, "lng": 113 + 56 / 60 + 2.2 / 3600}
UPLOAD_TIMEOUT = 30_000  # ms: a slot, an upload to moto, a confirm with a thumbnail

IN_REPAIR = HAPPY_PATH[:HAPPY_PATH.index("complete")]
REPAIRED = HAPPY_PATH[:HAPPY_PATH.index("complete") + 1]
ACCEPTED = HAPPY_PATH[:HAPPY_PATH.index("accept") + 1]


@pytest.fixture
def phone(page_factory) -> Page:
    """A 375×812 touch phone."""
    return page_factory(**PHONE)


@pytest.fixture
def s3_endpoint(stack) -> str:
    return (stack.get("AWS_ENDPOINT_URL") or os.environ["AWS_ENDPOINT_URL"]).rstrip("/")


# ---------------------------------------------------------------- helpers

def open_order(page: Page, order: dict) -> None:
    page.goto(f"/work-orders/{order['id']}")
    expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
    expect(page.get_by_test_id("evidence-panel")).to_be_visible()


def pick_file(page: Page, category_zh: str, files) -> None:
    choose(page, "evidence-category", category_zh)
    expect(page.get_by_test_id("evidence-category")).to_contain_text(category_zh)
    page.get_by_test_id("evidence-file").set_input_files(files)


def verified(api, order: dict, user: str = "sz_tech1") -> list[dict]:
    reply = api.get(f"/api/work-orders/{order['id']}/attachments", user)
    assert reply.status == 200, reply.body
    return reply.body["items"]


def no_horizontal_overflow(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= 375")


def exif_photo(path: Path, size: tuple[int, int], taken: str, gps: tuple[tuple, tuple]) -> Path:
    """A camera-like JPEG: busy content (so a smaller redraw is really smaller) and EXIF with
    DateTimeOriginal, its offset and a GPS position."""
    from PIL import ImageDraw, ImageFilter

    width, height = size
    image = Image.effect_noise((width // 2, height // 2), 60).convert("RGB").resize(size)
    draw = ImageDraw.Draw(image)
    for i in range(0, width, 50):
        draw.line([(i, 0), (width - i, height)], fill=(30 + i % 220, 120, 200), width=8)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    exif = Image.Exif()
    exif[0x010F] = "Fuwu Test Camera"
    exif[0x0110] = "FX-4K"
    exif[0x0132] = taken
    sub = exif.get_ifd(0x8769)
    sub[0x9003] = taken
    sub[0x9011] = "+08:00"
    geo = exif.get_ifd(0x8825)
    geo[1], geo[2] = "N", gps[0]
    geo[3], geo[4] = "E", gps[1]
    image.save(path, "JPEG", quality=92, exif=exif)
    return path


# ---------------------------------------------------------------- 1. a photo from the phone

def test_technician_uploads_after_photo_from_phone_keeping_exif(phone, api, new_order, walk, tmp_path):
    order = walk(new_order(), IN_REPAIR)
    assert order["state"] == "in_repair"
    login(phone, "sz_tech1", land=False)
    open_order(phone, order)
    after = phone.get_by_test_id("evidence-required-after")
    expect(after).to_have_attribute("data-ok", "false")
    expect(phone.get_by_test_id("evidence-missing")).to_contain_text("完工后")
    assert no_horizontal_overflow(phone)

    pick_file(phone, "完工后", str(PHOTO_PATH))
    gallery = phone.get_by_test_id("evidence-gallery")
    thumbs = gallery.locator("[data-testid='evidence-thumb'][data-category='after']")
    expect(thumbs).to_have_count(1, timeout=UPLOAD_TIMEOUT)
    expect(phone.get_by_test_id("queue-item")).to_have_count(0)
    expect(phone.get_by_test_id("evidence-queue")).to_have_count(0)
    expect(after).to_have_attribute("data-ok", "true")
    expect(phone.get_by_test_id("evidence-missing")).to_have_count(0)
    expect(thumbs.first.locator("img")).to_be_visible()
    expect(thumbs.first.get_by_test_id("evidence-gps")).to_be_visible()
    assert no_horizontal_overflow(phone)

    [photo] = verified(api, order)
    assert photo["status"] == "verified"
    assert (photo["kind"], photo["category"], photo["content_type"]) == ("photo", "after", "image/jpeg")
    assert photo["uploaded_by"] == "sz_tech1"
    assert photo["taken_at"] == PHOTO_TAKEN_AT
    assert photo["gps"]["lat"] == pytest.approx(PHOTO_GPS["lat"], abs=1e-5)
    assert photo["gps"]["lng"] == pytest.approx(PHOTO_GPS["lng"], abs=1e-5)
    assert (photo["width"], photo["height"]) == (1600, 1200)  # small enough to go as it is
    assert photo["url"] and photo["thumb_url"]

    # A 12-megapixel photo is redrawn at 2560 px on the phone, and keeps its EXIF.
    big = exif_photo(tmp_path / "IMG_4000.jpg", (4000, 3000), "2026:10:05 08:15:30",
                     ((22.0, 30.0, 0.0), (114.0, 3.0, 36.0)))
    pick_file(phone, "完工后", str(big))
    expect(thumbs).to_have_count(2, timeout=UPLOAD_TIMEOUT)
    expect(phone.get_by_test_id("queue-item")).to_have_count(0)
    expect(after).to_contain_text("2/1")
    items = verified(api, order)
    assert len(items) == 2
    [scaled] = [a for a in items if a["id"] != photo["id"]]
    assert (scaled["width"], scaled["height"]) == (2560, 1920)
    assert scaled["size"] < big.stat().st_size
    assert scaled["filename"] == "IMG_4000.jpg"
    assert scaled["taken_at"] == "2026-10-05T08:15:30+08:00"
    assert scaled["gps"] == {"lat": pytest.approx(22.5, abs=1e-5), "lng": pytest.approx(114.06, abs=1e-5)}
    stored = Image.open(io.BytesIO(requests.get(scaled["url"], timeout=30).content))
    assert stored.size == (2560, 1920)
    assert stored.getexif().get(0x0112, 1) == 1  # Orientation: the canvas applied it
    assert no_horizontal_overflow(phone)


# ---------------------------------------------------------------- 2. a flaky connection

def test_photo_waits_in_the_offline_queue_across_a_reload(phone, api, new_order, walk, s3_endpoint):
    order = walk(new_order(), IN_REPAIR)
    login(phone, "sz_tech1", land=False)
    open_order(phone, order)

    blocked: list[str] = []

    def drop_uploads(route):
        if route.request.method == "POST":
            blocked.append(route.request.url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    pattern = re.compile("^" + re.escape(s3_endpoint) + "(/|$)")
    phone.route(pattern, drop_uploads)
    pick_file(phone, "完工后", str(PHOTO_PATH))

    item = phone.get_by_test_id("queue-item")
    expect(item).to_have_count(1)
    expect(item.get_by_test_id("queue-item-error")).to_contain_text("网络异常", timeout=UPLOAD_TIMEOUT)
    expect(item).to_have_attribute("data-state", re.compile("waiting|uploading"))
    assert blocked, "the upload never reached the (blocked) object store"
    expect(phone.get_by_test_id("evidence-thumb")).to_have_count(0)
    expect(phone.get_by_test_id("upload-queue-badge")).to_have_attribute("data-count", "1")

    # The photo is in IndexedDB: a reload (still offline for S3) lists it again.
    # (the page load is a retry moment: the upload is tried, and blocked, again at once)
    with phone.expect_request(lambda r: r.method == "POST" and bool(pattern.match(r.url)),
                              timeout=UPLOAD_TIMEOUT):
        phone.reload()
    expect(phone.get_by_test_id("order-number")).to_contain_text(order["number"])
    expect(item).to_have_count(1)
    expect(item).to_have_attribute("data-state", re.compile("waiting|uploading"))
    expect(item).to_contain_text("site_photo.jpg")
    expect(phone.get_by_test_id("upload-queue-badge")).to_have_attribute("data-count", "1")
    expect(item.get_by_test_id("queue-item-error")).to_contain_text("网络异常", timeout=UPLOAD_TIMEOUT)
    assert verified(api, order) == []

    # The connection is back: "retry now" sends it without waiting for the next backoff.
    phone.unroute(pattern, drop_uploads)
    thumbs = phone.locator("[data-testid='evidence-thumb'][data-category='after']")
    retry = phone.locator("[data-testid='queue-item'][data-state='waiting'] [data-testid='queue-retry']")
    expect(thumbs.or_(retry).first).to_be_visible(timeout=UPLOAD_TIMEOUT)
    if retry.count():
        try:
            retry.click(timeout=2_000)
        except PlaywrightError:  # it went on its way by itself meanwhile
            pass
    expect(thumbs).to_have_count(1, timeout=UPLOAD_TIMEOUT)
    expect(item).to_have_count(0)
    expect(phone.get_by_test_id("upload-queue-badge")).to_have_count(0)
    expect(phone.get_by_test_id("evidence-required-after")).to_have_attribute("data-ok", "true")

    items = verified(api, order)
    assert len(items) == 1, items
    assert items[0]["category"] == "after" and items[0]["taken_at"] == PHOTO_TAKEN_AT

    # Nothing is left in IndexedDB: another reload shows no queue.
    phone.reload()
    expect(thumbs).to_have_count(1)
    expect(item).to_have_count(0)


# ---------------------------------------------------------------- 3. a fake photo

def test_a_file_that_is_not_an_image_is_rejected_and_not_shown(phone, api, new_order, walk):
    order = walk(new_order(), IN_REPAIR)
    login(phone, "sz_tech1", land=False)
    open_order(phone, order)
    choose(phone, "evidence-category", "现场")
    fake = b"<!doctype html><html><body><script>alert(1)</script>not a photo</body></html>\n" * 20
    phone.get_by_test_id("evidence-file").set_input_files(
        {"name": "fake.jpg", "mimeType": "image/jpeg", "buffer": fake})

    item = phone.get_by_test_id("queue-item")
    expect(item).to_have_attribute("data-state", "failed", timeout=UPLOAD_TIMEOUT)
    error = item.get_by_test_id("queue-item-error")
    expect(error).to_contain_text("文件内容不是允许的类型")  # the server's own message
    expect(item).to_contain_text("fake.jpg")
    expect(phone.get_by_test_id("evidence-thumb")).to_have_count(0)
    expect(phone.get_by_test_id("upload-queue-badge")).to_have_attribute("data-count", "1")
    assert verified(api, order) == []
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_tech1").body
    rejected = [e for e in detail["events"] if e["action"] == "attachment_rejected"]
    assert len(rejected) == 1 and rejected[0]["data"]["reason"] == "type_not_allowed"

    # A rejected file is not retried by itself; the technician removes it.
    item.get_by_test_id("queue-remove").click()
    phone.get_by_test_id("queue-remove-ok").click()
    expect(item).to_have_count(0)
    expect(phone.get_by_test_id("upload-queue-badge")).to_have_count(0)
    assert no_horizontal_overflow(phone)


# ---------------------------------------------------------------- 4. the customer's signature

def touch_stroke(page: Page, points: list[tuple[float, float]]) -> None:
    """A finger on the touchscreen (real touch input: pointer events of pointerType "touch")."""
    cdp = page.context.new_cdp_session(page)
    try:
        def send(kind: str, x: float | None = None, y: float | None = None) -> None:
            touch = [] if x is None else [{"x": x, "y": y, "id": 1, "radiusX": 2, "radiusY": 2, "force": 1}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch})

        send("touchStart", *points[0])
        for x, y in points[1:]:
            send("touchMove", x, y)
        send("touchEnd")
    finally:
        cdp.detach()


def test_customer_signs_on_the_phone_and_the_report_is_signed(phone, api, new_order, walk):
    order = walk(new_order(), REPAIRED)
    assert order["state"] == "repaired"
    login(phone, "sz_tech1", land=False)
    open_order(phone, order)
    expect(phone.get_by_test_id("timeline")).to_be_visible()
    phone.get_by_test_id("action-accept").click()
    modal = phone.get_by_test_id("action-modal-accept")
    phone.get_by_test_id("field-customer_name").fill("陈先生")
    phone.get_by_test_id("field-opinion").fill("维修及时，运行正常")
    pad = phone.get_by_test_id("signature-pad")
    expect(pad).to_be_visible()
    pad.scroll_into_view_if_needed()
    assert no_horizontal_overflow(phone)

    # Nothing drawn yet: the form asks for the signature and nothing is sent.
    phone.get_by_test_id("action-submit").click()
    field = phone.get_by_test_id("field-signature_id")
    expect(field).to_contain_text("请客户签字")
    assert api.get(f"/api/work-orders/{order['id']}", "sz_tech1").body["state"] == "repaired"

    # Ink by mouse, cleared, then signed again with mouse and finger.
    pad.evaluate("c => { window.__pointers = []; "
                 "c.addEventListener('pointerdown', e => window.__pointers.push(e.pointerType)); }")
    box = pad.bounding_box()
    assert box and box["width"] <= 375

    def at(fx: float, fy: float) -> tuple[float, float]:
        return box["x"] + box["width"] * fx, box["y"] + box["height"] * fy

    phone.mouse.move(*at(0.1, 0.5))
    phone.mouse.down()
    phone.mouse.move(*at(0.5, 0.5), steps=5)
    phone.mouse.up()
    expect(field).not_to_contain_text("请客户签字")
    phone.get_by_test_id("signature-clear").click()
    phone.get_by_test_id("action-submit").click()
    expect(field).to_contain_text("请客户签字")

    phone.mouse.move(*at(0.08, 0.75))
    phone.mouse.down()
    for fx, fy in ((0.2, 0.2), (0.32, 0.7), (0.45, 0.25), (0.55, 0.65)):
        phone.mouse.move(*at(fx, fy), steps=4)
    phone.mouse.up()
    touch_stroke(phone, [at(0.6, 0.6), at(0.7, 0.3), at(0.8, 0.7), at(0.9, 0.35)])
    expect(field).not_to_contain_text("请客户签字")
    seen = phone.evaluate("window.__pointers")
    assert "mouse" in seen and "touch" in seen, seen

    phone.get_by_test_id("action-submit").click()
    expect(modal).to_have_count(0, timeout=UPLOAD_TIMEOUT)
    expect(phone.get_by_test_id("order-state")).to_have_text("待回访")  # accepted
    expect(phone.get_by_test_id("event-accept")).to_have_count(1)
    report = phone.get_by_test_id("report-1")
    expect(report).to_have_attribute("data-current", "true")
    expect(report).to_contain_text("已签字")
    expect(phone.get_by_test_id("report-link-1")).to_be_visible()
    assert no_horizontal_overflow(phone)

    detail = api.get(f"/api/work-orders/{order['id']}", "sz_tech1").body
    assert detail["state"] == "accepted"
    [first] = detail["reports"]
    assert first["version"] == 1 and first["signed"] is True and first["current"] is True
    signatures = [a for a in verified(api, order) if a["kind"] == "signature"]
    assert len(signatures) == 1, signatures  # the cleared ink was never uploaded
    signature = signatures[0]
    assert (signature["category"], signature["content_type"]) == ("signature", "image/png")
    assert detail["acceptance"]["signature_id"] == signature["id"]
    png = requests.get(signature["url"], timeout=30)
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(png.content)).convert("L")
    assert image.size == (600, 240)
    dark = sum(image.histogram()[:100])  # pixels darker than 100 of 255
    assert dark > 500, f"the signature is (nearly) blank: {dark} dark pixels"
    # The ink spans both strokes: the mouse's on the left, the finger's on the right.
    assert image.crop((0, 0, 300, 240)).getextrema()[0] < 100
    assert image.crop((360, 0, 600, 240)).getextrema()[0] < 100


# ---------------------------------------------------------------- 5. the report for the manager

def test_manager_opens_the_current_service_report_pdf(page_factory, api, new_order, walk, s3_endpoint):
    order = walk(new_order(), ACCEPTED)
    assert order["state"] == "accepted"
    page = page_factory()
    login(page, "sz_manager", land=False)
    page.goto(f"/work-orders/{order['id']}")
    expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
    card = page.get_by_test_id("reports-card")
    report = card.get_by_test_id("report-1")
    expect(report).to_have_attribute("data-current", "true")
    expect(report).to_contain_text(f"服务报告 {order['number']} v1")  # its name, in Chinese
    expect(report).to_contain_text("已签字")
    expect(card.locator("[data-testid^='report-link-']")).to_have_count(1)

    context = page.context
    with context.expect_event("request", predicate=lambda r: r.url.startswith(s3_endpoint)
                              and "service-report.pdf" in r.url) as opened, \
            context.expect_page() as popup:
        page.get_by_test_id("report-link-1").click()
    url = opened.value.url
    assert popup.value is not None
    assert f"reports/SZ/{order['id']}/service-report.pdf" in url
    pdf = context.request.get(url)
    assert pdf.ok, pdf.status
    body = pdf.body()
    assert body.startswith(b"%PDF"), body[:20]
    assert pdf.headers.get("content-type", "").startswith("application/pdf")
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    assert len(body) == detail["reports"][0]["size"]
