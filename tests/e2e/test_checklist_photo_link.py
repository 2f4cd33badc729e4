"""Issue 19, links renewed when used, on an inspection's checklist: a fault's photo shows by a
short-lived link that came with the order (`order.checklist` on the saved fault, the order's
attachments in the fault's editor). On a phone, with Playwright's fake clock as test_polling.py
runs it for the evidence gallery, the link lapses with nothing renewing it on a timer; opening
the photo then reads the order anew, and the viewer opens on the fresh link, which loads."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect

from bench.polling import ApiLog, run_clock
from tests.conftest import upload
from tests.e2e.helpers import login
from tests.e2e.test_inspections import PHONE, next_inspection, walk_to_repair

MINUTE_MS = 60_000
NOTE = "云台左转卡滞，有异响"


def inspection_with_a_fault_photo(api) -> dict:
    """An inspection order in sz_tech1's hands whose item 0-1 (云台转动灵活) is a fault with a
    verified photo of the order."""
    order = walk_to_repair(api, next_inspection(api, "巡检故障照片链接测试"))
    photo = upload(api, order, "sz_tech1", category="fault")
    version = api.get(f"/api/work-orders/{order['id']}", "sz_tech1").body["checklist"]["version"]
    reply = api.call("PUT", f"/api/work-orders/{order['id']}/checklist", "sz_tech1",
                     {"version": version, "area": 0, "item": 1, "answer": "fault",
                      "note": NOTE, "photo_id": photo["id"]})
    assert reply.status == 200, reply.body
    saved = reply.body["checklist"]["areas"][0]["items"][1]["photo"]
    assert saved["id"] == photo["id"] and saved["url"], saved
    return order


def on_the_order(page_factory, order: dict) -> tuple[Page, ApiLog]:
    """sz_tech1's phone on the order's page, its clock Playwright's fake from the first page on
    (the SPA's timers and Date.now()), its API calls logged from phase "load"."""
    page = page_factory(**PHONE)
    page.clock.install()
    log = ApiLog(page)
    log.phase = "load"
    login(page, "sz_tech1", land=False)
    page.goto(f"/work-orders/{order['id']}")
    return page, log


def opened_after_its_link_lapsed(page: Page, log: ApiLog, thumb: Locator, order: dict,
                                 fresh_of: Callable[[dict], str]) -> None:
    """The page left open past the link's life reads nothing; opening the thumbnail then reads
    the order once, and the viewer (and the thumbnail) show the fresh link (`fresh_of` the
    order read), which loads."""
    detail = f"/api/work-orders/{order['id']}"
    expect(thumb.locator("img")).to_have_attribute("src", re.compile("X-Amz-Signature"))
    first = thumb.locator("img").get_attribute("src")
    log.settle(quiet_ms=1_000)  # the page's cards ask for their data after it shows
    log.phase = "visible"

    loaded: dict[str, int] = {}
    page.on("response", lambda r: loaded.__setitem__(r.url, r.status) if "X-Amz-Signature" in r.url else None)
    run_clock(page, log, 10 * MINUTE_MS)  # the links live 5 minutes: lapsed, and nothing renewed them
    assert log.count("visible", "/api/work-orders/{id}") == 0, log.calls.get("visible")

    log.phase = "viewer"
    with page.expect_response(lambda r: r.url.endswith(detail) and r.request.method == "GET") as renewal:
        thumb.click()
    fresh = fresh_of(renewal.value.json())
    assert fresh and fresh != first
    preview = page.locator(".ant-image-preview-img")
    expect(preview).to_be_visible()
    expect(preview).to_have_attribute("src", fresh)  # the viewer opened on the renewed link
    page.wait_for_function("() => { const i = document.querySelector('.ant-image-preview-img');"
                           " return i && i.complete && i.naturalWidth > 0; }")
    assert loaded.get(fresh) == 200
    expect(thumb.locator("img")).to_have_attribute("src", fresh)  # the thumbnail follows the order
    log.settle()
    assert log.count("viewer", "/api/work-orders/{id}") == 1, log.calls.get("viewer")


def test_a_fault_photo_opened_after_its_link_lapsed_reads_the_order_anew_and_shows_the_fresh_link(
        page_factory, api):
    order = inspection_with_a_fault_photo(api)
    page, log = on_the_order(page_factory, order)
    fault = page.get_by_test_id("checklist-fault-0-1")
    expect(fault).to_contain_text(NOTE)
    opened_after_its_link_lapsed(
        page, log, fault.locator(".ant-image"), order,
        lambda read: read["checklist"]["areas"][0]["items"][1]["photo"]["url"])


def test_the_photo_in_the_faults_editor_opened_after_its_link_lapsed_shows_the_fresh_link(
        page_factory, api):
    order = inspection_with_a_fault_photo(api)
    page, log = on_the_order(page_factory, order)
    page.get_by_test_id("checklist-fault-edit-0-1").click()
    field = page.get_by_test_id("checklist-fault-photo-0-1")
    expect(field).to_have_attribute("data-photo", re.compile(".+"))  # the saved photo, chosen
    photo_id = field.get_attribute("data-photo")

    def fresh_of(read: dict) -> str:  # the editor shows the order's copy: its thumbnail
        photo = next(a for a in read["attachments"] if a["id"] == photo_id)
        return photo["thumb_url"] or photo["url"]

    chosen = page.get_by_test_id("checklist-fault-photo-0-1-chosen")
    opened_after_its_link_lapsed(page, log, chosen.locator(".ant-image"), order, fresh_of)
