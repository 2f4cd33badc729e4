"""The customer's signature in the order's gallery shows the whole ink (scaled to fit, never
cropped) and is credited to the customer who signed, not the technician who held the phone;
the service report is listed under its name in the reader's language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import HAPPY_PATH, STEP_DATA, actor_for, evidence_for, signature_png, upload
from tests.e2e.helpers import login

PHONE = {"width": 375, "height": 812, "mobile": True}
CUSTOMER = "顾客赵六"


@pytest.fixture
def signed(api, new_order) -> dict:
    """An order accepted on site by sz_tech1 (张伟) with the signature of 顾客赵六."""
    order = new_order()
    for action in HAPPY_PATH[:HAPPY_PATH.index("accept")]:
        data = evidence_for(api, order, action, actor_for(action), STEP_DATA[action])
        reply = api.act(order, action, actor_for(action), data)
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    ink = upload(api, order, "sz_tech1", signature_png(), "signature", "signature", "image/png")
    reply = api.act(order, "accept", "sz_tech1", {
        "customer_name": CUSTOMER, "opinion": "满意", "satisfied": True,
        "signature_id": ink["id"]})
    assert reply.status == 200, reply.body
    return reply.body


def _signature_thumb(page: Page, order: dict):
    page.goto(f"/work-orders/{order['id']}")
    expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
    group = page.get_by_test_id("evidence-group-signature")
    expect(group).to_be_visible()
    return group.get_by_test_id("evidence-thumb")


def test_the_signature_thumbnail_is_whole_and_credited_to_the_customer(page_factory, signed):
    phone = page_factory(**PHONE)
    login(phone, "sz_tech1", land=False)
    thumb = _signature_thumb(phone, signed)
    expect(thumb).to_have_count(1)
    credit = thumb.get_by_test_id("evidence-credit")
    expect(credit).to_contain_text(CUSTOMER)
    expect(thumb).not_to_contain_text("张伟")  # the technician only held the phone

    image = thumb.locator("img").first
    expect(image).to_have_css("object-fit", "contain")
    handle = image.element_handle()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=handle)
    shown = image.evaluate("""img => {
        const box = img.getBoundingClientRect();
        const scale = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight);
        return {natural: img.naturalWidth / img.naturalHeight, boxW: box.width, boxH: box.height,
                drawnW: img.naturalWidth * scale, drawnH: img.naturalHeight * scale};
    }""")
    # the thumbnail keeps the pad's 600×240 shape, and all of it is drawn inside the box
    assert abs(shown["natural"] - 600 / 240) < 0.02, shown
    assert shown["drawnW"] <= shown["boxW"] + 0.5 and shown["drawnH"] <= shown["boxH"] + 0.5
    assert shown["boxW"] > shown["boxH"]  # a wide box for a wide signature
    assert phone.evaluate("document.documentElement.scrollWidth <= 375")

    # a photo is still credited to whoever took it
    photo = phone.get_by_test_id("evidence-group-after").get_by_test_id("evidence-credit").first
    expect(photo).to_contain_text("张伟")


@pytest.mark.parametrize(("locale", "name"), [("zh-CN", "服务报告 {number} v1"),
                                              ("en-US", "Service report {number} v1")])
def test_the_report_is_listed_under_its_name_in_the_readers_language(page_factory, signed,
                                                                     locale, name):
    page = page_factory(width=1366, height=768)
    page.add_init_script(f"localStorage.setItem('fuwu.lang', '{locale}')")
    login(page, "sz_manager", land=False)
    page.goto(f"/work-orders/{signed['id']}")
    expect(page.get_by_test_id("report-title-1")).to_have_text(name.format(number=signed["number"]))
