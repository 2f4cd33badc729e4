"""Data and steps the warranty browser tests share (intake coverage, the quote, the dispatch
gate): a customer with a unit registered with the default terms, made through the API."""

from __future__ import annotations

import itertools
import time

from playwright.sync_api import Locator, Page, expect

DELIVERED = "2025-12-01"  # default terms: 整机 12 months, 主要部件 24, 启动机/发电机/电瓶 3
MODEL = "4LZ-6 联合收割机"
_serials = itertools.count(1)


def unit_customer(api, name: str, outlet: str = "SZ") -> dict:
    """A new customer of the outlet with one site and one harvester delivered on DELIVERED."""
    stamp = f"{int(time.time() * 1000) % 10**8:08d}{next(_serials):02d}"
    reply = api.post("/api/customers", f"{outlet.lower()}_agent", {
        "name": f"{name}{stamp}", "phone": f"139{stamp[-8:]}", "address": "测试地址",
        "site": {"name": "一号田块", "address": "测试路 1 号"},
        "equipment": {"model": MODEL, "serial_no": f"E2E-W-{stamp}", "delivered_on": DELIVERED}})
    assert reply.status == 201, reply.body
    customer = reply.body
    assert customer["equipment"][0]["terms"], customer["equipment"][0]
    return customer


def paid_order(api, customer: dict, outlet: str = "SZ") -> dict:
    """An order on the customer's unit whose starter failed after its 3-month term: paid."""
    reply = api.post("/api/work-orders", f"{outlet.lower()}_agent", {
        "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
        "equipment_id": customer["equipment"][0]["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "启动机不转",
        "components": [{"component": "启动机", "failure_date": "2026-04-01"}]})
    assert reply.status == 201, reply.body
    order = reply.body
    assert order["coverage"] == "paid" and order["quote_required"], order
    return order


def fen(amount: int) -> str:
    """Fen as the SPA shows it ("¥1,234.50")."""
    return f"¥{amount // 100:,}.{amount % 100:02d}"


def date_input(page: Page, test_id: str) -> Locator:
    """The typable input of a date field (antd's picker on a desktop, the native one on a phone)."""
    field = page.get_by_test_id(test_id)
    return field if field.evaluate("e => e.tagName") == "INPUT" else field.locator("input")


def fill_date(page: Page, test_id: str, value: str) -> None:
    box = date_input(page, test_id)
    box.click()
    box.fill(value)
    box.press("Enter")
    expect(box).to_have_value(value)


def open_order(page: Page, order: dict) -> None:
    page.goto(f"/work-orders/{order['id']}")
    expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
    expect(page.get_by_test_id("order-actions")).to_have_attribute("data-ready", "true")


def sign_with_finger(page: Page) -> None:
    """The customer signs the pad with a finger (real touch input through the DevTools
    protocol: pointer events of pointerType "touch")."""
    pad = page.get_by_test_id("signature-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    points = [(x + w * fx, y + h * fy) for fx, fy in
              ((0.1, 0.7), (0.3, 0.25), (0.5, 0.7), (0.7, 0.3), (0.9, 0.6))]
    cdp = page.context.new_cdp_session(page)
    try:
        def send(kind: str, point: tuple[float, float] | None = None) -> None:
            touch = [] if point is None else [{"x": point[0], "y": point[1], "id": 1,
                                               "radiusX": 2, "radiusY": 2, "force": 1}]
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touch})

        send("touchStart", points[0])
        for point in points[1:]:
            send("touchMove", point)
        send("touchEnd")
    finally:
        cdp.detach()
