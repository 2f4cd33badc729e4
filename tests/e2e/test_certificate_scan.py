"""A certificate's scan in the browser (issue 16: "scan attached"): a manager uploads a PDF scan
on the technician's file in Chinese (straight to S3, checked by the server) and sees it
attached with a working link; a text file named .pdf is refused with the reason and the scan
stays; in English a photo scan shows its thumbnail; the technician sees "scan attached" with
its link on their own file (/technicians/me) on a 375 px phone, without the upload; its 查看
link (a FreshLink) opens the link in hand while it lasts and, once it lapsed (Playwright's fake
clock), a link read anew with the file. Each test brings its own technician and certificate
through the API."""

from __future__ import annotations

import os
import re
import uuid

import pytest
import requests
from playwright.sync_api import Page, expect

from bench.polling import ApiLog, run_clock
from tests.conftest import FIXTURES, PHOTO, post_form
from tests.e2e.helpers import login, no_horizontal_scroll
from tests.workload_helpers import crew

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 768}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
MINUTE_MS = 60_000
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def _certificate(api, username: str) -> dict:
    reply = api.post(f"/api/technicians/{username}/certificates", "sz_manager", {
        "type": "electrician", "number": f"S{uuid.uuid4().hex[:10].upper()}",
        "issuer": "深圳市应急管理局", "valid_from": "2024-01-01", "valid_to": "2031-12-31"})
    assert reply.status == 201, reply.body
    return reply.body


def _attach_photo_scan(api, username: str, cert: dict) -> None:
    """A photo scan on the certificate, the way the page does it (slot, S3, confirm)."""
    base = f"/api/technicians/{username}/certificates/{cert['id']}/scan"
    granted = api.post(base, "sz_manager", {"content_type": "image/jpeg", "size": len(PHOTO),
                                            "filename": "电工证.jpg", "version": cert["version"]})
    assert granted.status == 201, granted.body
    assert post_form(granted.body["upload"], PHOTO, "image/jpeg").status_code == 204
    confirmed = api.post(f"{base}/{granted.body['scan_id']}/confirm", "sz_manager")
    assert confirmed.status == 200, confirmed.body


@pytest.fixture
def s3_endpoint(stack) -> str:
    return (stack.get("AWS_ENDPOINT_URL") or os.environ["AWS_ENDPOINT_URL"]).rstrip("/")


def _choose_file(page: Page, row, files) -> None:
    """上传扫描件 opens the file chooser; it gets the file."""
    with page.expect_file_chooser() as chooser:
        row.get_by_test_id("cert-scan-upload").click()
    chooser.value.set_files(files)


def test_a_manager_attaches_a_pdf_scan_and_a_false_one_is_refused(page_factory, api):
    with crew([3], tag="cse") as (tech,):
        cert = _certificate(api, tech["username"])
        page = page_factory(**DESKTOP)
        login(page, "sz_manager", land=False)
        page.goto(f"/technicians/{tech['username']}")
        row = page.get_by_test_id(f"cert-row-{cert['id']}")
        expect(row.get_by_test_id("cert-scan-none")).to_have_text("未附扫描件")
        expect(page.get_by_test_id("tech-certs").locator("th")).to_contain_text(["扫描件"])
        upload = row.get_by_test_id("cert-scan-upload")
        expect(upload).to_have_text("上传扫描件")
        # each row's button names its certificate (every row says 上传扫描件)
        expect(upload).to_have_accessible_name(f"上传扫描件（{cert['type_name']}）")

        _choose_file(page, row, {"name": "电工证.pdf", "mimeType": "application/pdf",
                                 "buffer": PDF})
        scan = row.get_by_test_id("cert-scan")
        expect(scan).to_have_attribute("data-attached", "yes")
        expect(row.get_by_test_id("cert-scan-attached")).to_have_text(re.compile("已附扫描件"))
        expect(scan).to_contain_text("王强 上传于")
        link = row.get_by_test_id("cert-scan-link")
        expect(link).to_have_text("查看")
        expect(link).to_have_accessible_name(f"查看（{cert['type_name']} 扫描件）")
        expect(link).to_have_attribute("href", re.compile(
            rf"/cert-scans/SZ/{tech['username']}/{cert['id']}/csc_"))
        fetched = requests.get(link.get_attribute("href"), timeout=30)
        assert fetched.status_code == 200 and fetched.content == PDF
        expect(row.get_by_test_id("cert-scan-upload")).to_have_text("更换扫描件")

        # a text file named .pdf: refused with the reason; the scan attached stays
        _choose_file(page, row, {"name": "假证.pdf", "mimeType": "application/pdf",
                                 "buffer": b"only text, not a scan\n" * 4})
        error = row.get_by_test_id("cert-scan-error")
        expect(error).to_contain_text("扫描件未被接收")
        expect(error).to_contain_text("允许的类型")
        expect(scan).to_have_attribute("data-attached", "yes")
        held = api.get(f"/api/technicians/{tech['username']}", "sz_manager").body
        [now] = [c for c in held["certificates"] if c["id"] == cert["id"]]
        assert now["scan"]["content_type"] == "application/pdf"
        assert now["scan"]["size"] == len(PDF)


def test_the_store_failing_says_so_and_a_revoked_certificate_is_read_again(page_factory, api,
                                                                          s3_endpoint):
    """The bytes' POST to S3 dropped, then refused: said as the store's failure (not a server
    error), the row as it was; then stored: said only once the row shows the scan. A
    certificate revoked meanwhile: the refusal said and the row read again (no upload)."""
    with crew([3], tag="csf") as (tech,):
        cert = _certificate(api, tech["username"])
        page = page_factory(**DESKTOP)
        login(page, "sz_manager", land=False)
        page.goto(f"/technicians/{tech['username']}")
        row = page.get_by_test_id(f"cert-row-{cert['id']}")
        scan = row.get_by_test_id("cert-scan")
        expect(scan).to_have_attribute("data-attached", "no")
        store = re.compile("^" + re.escape(s3_endpoint) + "(/|$)")
        pdf = {"name": "电工证.pdf", "mimeType": "application/pdf", "buffer": PDF}

        def dropped(route):
            if route.request.method == "POST":
                route.abort("internetdisconnected")
            else:
                route.continue_()

        page.route(store, dropped)
        _choose_file(page, row, pdf)
        error = row.get_by_test_id("cert-scan-error")
        expect(error).to_have_text("扫描件未被接收：无法连接服务器，请检查网络连接后重试")
        expect(scan).to_have_attribute("data-attached", "no")
        page.unroute(store, dropped)

        def refused(route):
            if route.request.method == "POST":
                route.fulfill(status=503, body="SlowDown",
                              headers={"Access-Control-Allow-Origin": "*"})
            else:
                route.continue_()

        page.route(store, refused)
        _choose_file(page, row, pdf)
        expect(error).to_have_text("扫描件未被接收：文件存储服务未接收该文件")
        expect(scan).to_have_attribute("data-attached", "no")
        page.unroute(store, refused)

        _choose_file(page, row, pdf)
        expect(page.locator(".ant-message")).to_contain_text("扫描件已上传")
        # said once the row shows the new scan (read at once, not waited for: no 已上传 beside
        # 未附扫描件 with the button on the old version)
        assert scan.get_attribute("data-attached") == "yes"
        expect(row.get_by_test_id("cert-scan-upload")).to_have_text("更换扫描件")
        expect(row.get_by_test_id("cert-scan-upload")).to_be_enabled()
        expect(error).to_have_count(0)

        # revoked meanwhile (the page still shows it valid): refused, and the row read again
        held = api.get(f"/api/technicians/{tech['username']}", "sz_manager").body
        [now] = [c for c in held["certificates"] if c["id"] == cert["id"]]
        revoked = api.post(f"/api/technicians/{tech['username']}/certificates/{cert['id']}/revoke",
                           "sz_manager", {"reason": "已注销", "version": now["version"]})
        assert revoked.status == 200, revoked.body
        expect(row).to_have_attribute("data-status", "valid")
        _choose_file(page, row, pdf)
        expect(page.locator(".ant-message")).to_contain_text("该证书已注销")
        expect(row).to_have_attribute("data-status", "revoked")
        expect(row.get_by_test_id("cert-scan-upload")).to_have_count(0)
        expect(scan).to_have_attribute("data-attached", "yes")  # the scan it had stays


def test_in_english_a_photo_scan_shows_its_thumbnail(page_factory, api):
    with crew([3], tag="csn") as (tech,):
        cert = _certificate(api, tech["username"])
        page = page_factory(**DESKTOP)
        page.context.add_init_script(ENGLISH)
        login(page, "hq_admin", land=False)
        page.goto(f"/technicians/{tech['username']}")
        row = page.get_by_test_id(f"cert-row-{cert['id']}")
        expect(row.get_by_test_id("cert-scan-none")).to_have_text("No scan attached")
        expect(page.get_by_test_id("tech-certs").locator("th")).to_contain_text(["Scan"])
        expect(row.get_by_test_id("cert-scan-upload")).to_have_text("Upload scan")

        _choose_file(page, row, str(FIXTURES / "site_photo.jpg"))
        expect(row.get_by_test_id("cert-scan-attached")).to_have_text(re.compile("Scan attached"))
        expect(row.get_by_test_id("cert-scan-link")).to_have_text("View")
        expect(row.get_by_test_id("cert-scan")).to_contain_text("Uploaded by 林总")
        thumb = row.get_by_test_id("cert-scan-thumb").locator("img")
        expect(thumb).to_have_attribute("src", re.compile(r"/thumbs/cert-scans/SZ/"))
        page.wait_for_function("img => img.complete && img.naturalWidth > 0",
                               arg=thumb.element_handle())
        expect(row.get_by_test_id("cert-scan-upload")).to_have_text("Replace scan")


def test_the_technician_sees_the_scan_on_their_own_file_on_a_phone(page_factory, api):
    with crew([3], tag="csp") as (tech,):
        cert = _certificate(api, tech["username"])
        _attach_photo_scan(api, tech["username"], cert)

        phone = page_factory(**PHONE)
        login(phone, tech["username"], land=False)
        phone.goto("/technicians/me")
        expect(phone.get_by_test_id("tech-file")).to_have_attribute("data-username",
                                                                    tech["username"])
        card = phone.get_by_test_id(f"cert-row-{cert['id']}")
        expect(card.get_by_test_id("cert-scan-attached")).to_have_text(re.compile("已附扫描件"))
        link = card.get_by_test_id("cert-scan-link")
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", re.compile(r"/cert-scans/SZ/"))
        assert requests.get(link.get_attribute("href"), timeout=30).content == PHOTO
        expect(card.get_by_test_id("cert-scan-upload")).to_have_count(0)  # not theirs to upload
        assert no_horizontal_scroll(phone)


def test_the_scan_link_opens_the_link_in_hand_and_after_it_lapsed_a_fresh_one(page_factory, api):
    """查看 while the scan's link lasts: the new tab opens that link, nothing read; the page left
    open past the link's life (5 minutes; nothing renews it on a timer): the click reads the file
    once and the new tab opens the scan's fresh link, which loads."""
    with crew([3], tag="csl") as (tech,):
        cert = _certificate(api, tech["username"])
        _attach_photo_scan(api, tech["username"], cert)
        file_path = f"/api/technicians/{tech['username']}"
        read_file = "GET /api/technicians/{id}"  # as ApiLog counts it (an id with a digit: {id})

        page = page_factory(**DESKTOP)
        page.clock.install()  # the SPA's Date.now() and timers: Playwright's fake clock
        log = ApiLog(page)
        login(page, "sz_manager", land=False)
        page.goto(f"/technicians/{tech['username']}")
        link = page.get_by_test_id(f"cert-row-{cert['id']}").get_by_test_id("cert-scan-link")
        expect(link).to_have_attribute("href", re.compile(r"/cert-scans/SZ/.*X-Amz-Signature"))
        in_hand = link.get_attribute("href")
        loaded: dict[str, int] = {}
        page.context.on("response", lambda r: loaded.__setitem__(r.url, r.status)
                        if "X-Amz-Signature" in r.url else None)
        log.settle(quiet_ms=1_000)  # the page's cards ask for their data after it shows

        # fresh: the tab opens the link in hand, and the file is not read for a new one
        log.phase = "fresh"
        with page.expect_popup() as fresh_tab:
            link.click()
        fresh_tab.value.wait_for_url(in_hand)
        fresh_tab.value.wait_for_load_state()
        assert loaded.get(in_hand) == 200
        fresh_tab.value.close()
        log.settle()
        assert log.count("fresh", read_file) == 0, log.calls.get("fresh")

        # left open past the link's life: nothing renews it meanwhile
        log.phase = "waiting"
        run_clock(page, log, 10 * MINUTE_MS)
        assert log.count("waiting", read_file) == 0, log.calls.get("waiting")
        expect(link).to_have_attribute("href", in_hand)

        # lapsed: the click reads the file once, and the tab opens the fresh link
        log.phase = "lapsed"
        with page.expect_request(lambda r: r.url.endswith(file_path) and r.method == "GET") as read:
            with page.expect_popup() as lapsed_tab:
                link.click()
        reply = read.value.response()
        assert reply is not None and reply.status == 200
        [held] = [c for c in reply.json()["certificates"] if c["id"] == cert["id"]]
        fresh = held["scan"]["url"]
        assert fresh and fresh != in_hand
        lapsed_tab.value.wait_for_url(fresh)
        lapsed_tab.value.wait_for_load_state()
        assert loaded.get(fresh) == 200
        log.settle()
        assert log.count("lapsed", read_file) == 1, log.calls.get("lapsed")
        expect(link).to_have_attribute("href", fresh)  # the row follows the file read
