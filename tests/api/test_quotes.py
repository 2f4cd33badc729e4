"""The quote (费用通知/报价单) through the API: a paid order is not dispatched before the customer
confirms it (409 quote_not_confirmed); a signature or a recorded phone call confirms it; a
refusal may be released by head office with a reason; a line above 2× the list, a discount or a
waiver waits for a manager; totals are the server's, in integer fen; the customer may decide
through a link without signing in; the confirmed quote is a PDF; everything is on the timeline;
the service report shows per line what is free and what is charged."""

from __future__ import annotations

import io

import pytest
import requests
from pypdf import PdfReader

from chalicelib.kernel.store import keys
from chalicelib.modules.warranty.domain.terms import DEFAULT_PRICES
from tests.conftest import HAPPY_PATH, STEP_DATA, customer_of, signature_png, upload

LABOUR = DEFAULT_PRICES["labour_hour"]  # 8000 fen per hour (no template saved: the default)
CALL_OUT = DEFAULT_PRICES["call_out"]


@pytest.fixture
def paid_order(api):
    """A paid order without a unit (its coverage entered by hand at intake), as the SZ agent."""

    def make(coverage: str = "paid") -> dict:
        customer = customer_of(api, "SZ")
        reply = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "type": "repair", "priority": "general", "channel": "phone",
            "description": "收割机启动困难", "coverage": coverage})
        assert reply.status == 201, reply.body
        assert reply.body["coverage"] == coverage
        return reply.body

    return make


def _lines(labour_price: int = LABOUR, **extra) -> list[dict]:
    return [{"kind": "labour", "description": "更换启动机", "quantity": 1.5,
             "unit_price_fen": labour_price, **extra},
            {"kind": "call_out", "quantity": 1, "unit_price_fen": CALL_OUT},
            {"kind": "part", "description": "启动机 QD1315", "quantity": 1,
             "unit_price_fen": 45000, "list_price_fen": 45000}]


def _quote(api, order, user="sz_agent", lines=None, **data):
    reply = api.act(order, "quote", user, {"lines": lines or _lines(), **data})
    assert reply.status == 200, reply.body
    return reply.body


def _dispatch(api, order):
    return api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"])


def _signed(api, order, user="sz_agent") -> dict:
    return upload(api, order, user, signature_png(), "signature", "quote_signature", "image/png")


def _events(order) -> list[str]:
    return [e["action"] for e in order["events"]]


def _pdf_text(url: str) -> str:
    reply = requests.get(url, timeout=30)
    assert reply.status_code == 200 and reply.content.startswith(b"%PDF-")
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(reply.content)).pages)


def test_a_paid_order_is_dispatched_only_after_the_customer_signs_the_quote(api, paid_order):
    order = paid_order()
    assert order["quote_required"] is True and order["quote"] is None
    assert "price_list" not in order  # the quote form reads it: the detail stays one query
    prices = api.get(f"/api/work-orders/{order['id']}/price-list", "sz_agent")
    assert prices.status == 200 and prices.body["prices"]["labour_hour"] == LABOUR
    assert api.get(f"/api/work-orders/{order['id']}/price-list", "cd_agent").status == 404

    refused = _dispatch(api, order)
    assert refused.status == 409 and refused.error["code"] == "quote_not_confirmed"
    assert refused.error["message"]  # a text of its own, not the generic one

    order = _quote(api, order)
    quote = order["quote"]
    assert quote["state"] == "approved" and quote["revision"] == 1  # at list prices: no approval
    assert [line["amount_fen"] for line in quote["lines"]] == [12000, CALL_OUT, 45000]
    assert quote["total_fen"] == quote["charge_fen"] == 12000 + CALL_OUT + 45000
    assert _dispatch(api, order).error["code"] == "quote_not_confirmed"  # approved is not enough

    signature = _signed(api, order)  # the customer signs on the agent's screen, before dispatch
    order = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    confirmed = api.act(order, "confirm_quote", "sz_agent", {
        "method": "signature", "customer_name": "王师傅", "attachment_id": signature["id"]})
    assert confirmed.status == 200, confirmed.body
    quote = confirmed.body["quote"]
    assert quote["state"] == "confirmed"
    assert quote["confirmation"]["method"] == "signature"
    assert quote["confirmation"]["customer_name"] == "王师傅"
    assert quote["confirmation"]["by"] == "sz_agent"

    text = _pdf_text(quote["pdf_url"])  # the confirmed quote is a PDF
    assert "维修费用通知单" in text and confirmed.body["number"] in text and "王师傅" in text
    assert "客户应付" in text and "670.00" in text

    dispatched = _dispatch(api, confirmed.body)
    assert dispatched.status == 200, dispatched.body
    assert _events(dispatched.body)[-4:] == ["quote", "attachment_added", "confirm_quote",
                                             "dispatch"]
    confirm_event = dispatched.body["events"][-2]
    assert confirm_event["data"]["quote_state"] == "confirmed"
    assert confirm_event["data"]["pdf"]["sha256"]


def test_a_recorded_phone_call_confirms_with_who_and_when(api, paid_order):
    order = _quote(api, paid_order())
    missing = api.act(order, "confirm_quote", "sz_agent",
                      {"method": "phone", "customer_name": "王师傅"})
    assert missing.status == 400 and "data.confirmed_at" in missing.error["fields"]
    future = api.act(order, "confirm_quote", "sz_agent", {
        "method": "phone", "customer_name": "王师傅", "confirmed_at": "2099-01-01T00:00:00Z"})
    assert future.status == 400 and "data.confirmed_at" in future.error["fields"]
    at = keys.iso(keys.utc_now())
    phoned = api.act(order, "confirm_quote", "sz_agent", {
        "method": "phone", "customer_name": "王师傅", "confirmed_at": at})
    assert phoned.status == 200, phoned.body
    assert phoned.body["quote"]["confirmation"]["confirmed_at"] == at
    assert _dispatch(api, phoned.body).status == 200


def test_only_a_verified_quote_signature_of_the_order_confirms_by_signature(api, paid_order):
    order = _quote(api, paid_order())
    no_id = api.act(order, "confirm_quote", "sz_agent",
                    {"method": "signature", "customer_name": "王师傅"})
    assert no_id.status == 400 and "data.attachment_id" in no_id.error["fields"]
    photo = upload(api, order, "sz_agent", category="fault")  # a photo is no signature
    order = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    wrong = api.act(order, "confirm_quote", "sz_agent", {
        "method": "signature", "customer_name": "王师傅", "attachment_id": photo["id"]})
    assert wrong.status == 400 and "data.attachment_id" in wrong.error["fields"]
    link_by_staff = api.act(order, "confirm_quote", "sz_agent",
                            {"method": "link", "customer_name": "王师傅"})
    assert link_by_staff.status == 400 and "data.method" in link_by_staff.error["fields"]
    # an acceptance's signature is given only at acceptance: none can be uploaded now
    early = api.post(f"/api/work-orders/{order['id']}/attachments", "sz_agent", {
        "kind": "signature", "category": "signature", "content_type": "image/png", "size": 100})
    assert early.status == 409


def test_refusal_then_head_office_releases_with_a_reason(api, paid_order):
    order = _quote(api, paid_order())
    refused = api.act(order, "refuse_quote", "sz_agent", {"note": "客户嫌贵", "customer_name": "王师傅"})
    assert refused.status == 200 and refused.body["quote"]["state"] == "refused"
    assert _dispatch(api, refused.body).error["code"] == "quote_not_confirmed"

    assert api.get(f"/api/work-orders/{order['id']}", "hq_admin").body["allowed_actions"] == [
        "release_quote"]  # head office's one action on an order: 总经理特批
    by_manager = api.act(refused.body, "release_quote", "sz_manager", {"reason": "老客户"})
    assert by_manager.status == 403
    no_reason = api.act(refused.body, "release_quote", "hq_admin", {})
    assert no_reason.status == 400 and "data.reason" in no_reason.error["fields"]
    released = api.act(refused.body, "release_quote", "hq_admin",
                       {"reason": "重点客户，总经理批准先行维修"})
    assert released.status == 200, released.body
    quote = released.body["quote"]
    assert quote["state"] == "released" and quote["release"]["by"] == "hq_admin"
    assert quote["refusal"]["note"] == "客户嫌贵"
    assert "总经理特批" in _pdf_text(quote["pdf_url"])
    again = api.act(released.body, "release_quote", "hq_admin", {"reason": "再次"})
    assert again.status == 409 and again.error["code"] == "quote_not_refused"

    dispatched = _dispatch(api, released.body)
    assert dispatched.status == 200, dispatched.body
    assert ["quote", "refuse_quote", "release_quote", "dispatch"] == [
        a for a in _events(dispatched.body) if a in ("quote", "refuse_quote", "release_quote",
                                                     "dispatch")]


def test_a_line_above_twice_the_list_waits_for_a_manager(api, paid_order):
    order = _quote(api, paid_order(), lines=_lines(LABOUR * 21 // 10))  # 2.1× the list
    quote = order["quote"]
    assert quote["state"] == "pending_approval" and quote["approval_reasons"] == ["above_limit"]
    assert quote["lines"][0]["needs_approval"] == "above_limit"
    early = api.act(order, "confirm_quote", "sz_agent", {
        "method": "phone", "customer_name": "王师傅", "confirmed_at": keys.iso(keys.utc_now())})
    assert early.status == 409 and early.error["code"] == "quote_needs_approval"
    refuse = api.act(order, "refuse_quote", "sz_agent", {"note": "贵"})
    assert refuse.error["code"] == "quote_needs_approval"
    link = api.post(f"/api/work-orders/{order['id']}/quote/link", "sz_agent")
    assert link.status == 409 and link.error["code"] == "quote_needs_approval"

    offered = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body["allowed_actions"]
    assert "approve_quote" in offered and "confirm_quote" not in offered  # the page's buttons
    assert api.act(order, "approve_quote", "sz_agent", {}).status == 403  # agents do not approve
    approved = api.act(order, "approve_quote", "sz_manager", {"note": "疑难故障，同意加价"})
    assert approved.status == 200, approved.body
    assert approved.body["quote"]["state"] == "approved"
    assert approved.body["quote"]["approval"]["by"] == "sz_manager"
    offered = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body["allowed_actions"]
    assert {"confirm_quote", "refuse_quote"} <= set(offered) and "approve_quote" not in offered
    twice = api.act(approved.body, "approve_quote", "sz_manager", {})
    assert twice.status == 409 and twice.error["code"] == "quote_not_pending"
    confirmed = api.act(approved.body, "confirm_quote", "sz_agent", {
        "method": "phone", "customer_name": "王师傅", "confirmed_at": keys.iso(keys.utc_now())})
    assert confirmed.status == 200, confirmed.body


def test_exactly_twice_the_list_needs_no_approval_a_discount_and_a_waiver_do(api, paid_order):
    at_limit = _quote(api, paid_order(), lines=_lines(LABOUR * 2))["quote"]
    assert at_limit["state"] == "approved" and at_limit["approval_reasons"] == []
    discount = _quote(api, paid_order(), lines=_lines(LABOUR - 100))["quote"]
    assert discount["state"] == "pending_approval" and discount["approval_reasons"] == ["discount"]
    waived = _quote(api, paid_order(), lines=_lines(waive=True))["quote"]
    assert waived["approval_reasons"] == ["waived"]
    assert waived["lines"][0]["charge_fen"] == 0 and waived["charge_fen"] == CALL_OUT + 45000


def test_totals_are_the_servers_a_client_total_is_ignored(api, paid_order):
    lines = _lines()
    lines[0]["amount_fen"] = 1
    order = _quote(api, paid_order(), lines=lines, total_fen=1, charge_fen=0.5)
    quote = order["quote"]
    assert quote["total_fen"] == 12000 + CALL_OUT + 45000 and quote["lines"][0]["amount_fen"] == 12000
    assert all(type(v) is int for v in (quote["total_fen"], quote["charge_fen"], quote["free_fen"]))
    event = order["events"][-1]
    assert event["action"] == "quote" and event["data"]["total_fen"] == quote["total_fen"]
    assert event["data"]["lines"][0]["amount_fen"] == 12000


def test_quantities_have_at_most_two_decimals(api, paid_order):
    order = paid_order()
    lines = _lines()
    lines[1]["quantity"] = 1.005
    refused = api.act(order, "quote", "sz_agent", {"lines": lines})
    assert refused.status == 400 and list(refused.error["fields"]) == ["data.lines.1.quantity"]
    assert "2" in refused.error["fields"]["data.lines.1.quantity"]
    lines = _lines()
    lines[0]["list_price_fen"] = 1  # labour takes its list price from the template
    assert "data.lines.0.list_price_fen" in api.act(order, "quote", "sz_agent",
                                                    {"lines": lines}).error["fields"]


def test_revising_a_confirmed_quote_asks_the_customer_again(api, paid_order):
    order = _quote(api, paid_order())
    order = api.act(order, "confirm_quote", "sz_agent", {
        "method": "phone", "customer_name": "王师傅", "confirmed_at": keys.iso(keys.utc_now())}).body
    revised = _quote(api, order, lines=_lines()[:2])
    quote = revised["quote"]
    assert quote["revision"] == 2 and quote["state"] == "approved"
    assert quote["confirmation"] is None and quote["pdf_url"] is None
    assert revised["events"][-1]["data"]["previous_quote_state"] == "confirmed"
    assert _dispatch(api, revised).error["code"] == "quote_not_confirmed"


def test_a_warranty_order_needs_no_quote_and_other_outlets_cannot_quote(api, paid_order):
    order = paid_order("warranty")
    assert order["quote_required"] is False
    assert api.act(order, "quote", "cd_agent", {"lines": _lines()}).status == 404
    assert api.act(order, "quote", "sz_warehouse", {"lines": _lines()}).status == 403
    assert _dispatch(api, order).status == 200


def test_the_customer_confirms_through_a_link_without_signing_in(api, paid_order):
    order = _quote(api, paid_order())
    path = f"/api/work-orders/{order['id']}/quote/link"
    assert api.post(path, "sz_support").status == 403
    assert api.post(path, "cd_agent").status == 404
    made = api.post(path, "sz_agent")
    assert made.status == 201, made.body
    url = made.body["url"]
    assert url.startswith("/q/") and made.body["expires_at"]
    token = url.removeprefix("/q/")

    seen = api.get(f"/api/public/quotes/{token}")  # no Authorization header
    assert seen.status == 200, seen.body
    view = seen.body
    assert view["order_number"] == order["number"] and view["charge_fen"] == 12000 + CALL_OUT + 45000
    assert view["decided"] is False
    shown = repr(view)
    for private in ("sz_agent", "created_by", "by_name", "customer_phone", order["customer_name"]):
        assert private not in shown

    decided = api.post(f"/api/public/quotes/{token}/decision",
                       body={"customer_name": "王师傅", "decision": "confirm"})
    assert decided.status == 200, decided.body
    assert decided.body["state"] == "confirmed" and decided.body["decided"] is True
    again = api.post(f"/api/public/quotes/{token}/decision",
                     body={"customer_name": "王师傅", "decision": "refuse"})
    assert again.status == 409 and again.error["code"] == "quote_link_used"

    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert detail["quote"]["confirmation"]["method"] == "link"
    assert detail["quote"]["confirmation"]["customer_name"] == "王师傅"
    assert detail["quote"]["pdf_url"]
    sent, confirmed = [e for e in detail["events"]
                       if e["action"] in ("quote_link_sent", "confirm_quote")]
    assert sent["actor"]["username"] == "sz_agent"
    assert confirmed["actor"]["role"] == "system" and confirmed["data"]["method"] == "link"
    assert confirmed["data"]["customer_name"] == "王师傅"
    assert _dispatch(api, detail).status == 200


def test_a_link_is_good_for_its_revision_and_until_it_expires(api, paid_order):
    order = _quote(api, paid_order())
    token = api.post(f"/api/work-orders/{order['id']}/quote/link",
                     "sz_manager").body["url"].removeprefix("/q/")
    order = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    _quote(api, order, lines=_lines()[:1])  # a new revision supersedes the link
    superseded = api.get(f"/api/public/quotes/{token}")
    assert superseded.status == 409 and superseded.error["code"] == "quote_link_superseded"
    unknown = api.get("/api/public/quotes/" + "A" * 43)
    assert unknown.status == 404 and unknown.error["code"] == "not_found"
    malformed = api.get("/api/public/quotes/not-a-token")
    assert malformed.status == 400

    order = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    token = api.post(f"/api/work-orders/{order['id']}/quote/link",
                     "sz_agent").body["url"].removeprefix("/q/")
    later = keys.utc_now().timestamp() + 8 * 24 * 3600
    from datetime import UTC, datetime

    keys.set_clock(lambda: datetime.fromtimestamp(later, UTC))
    try:
        expired = api.get(f"/api/public/quotes/{token}")
    finally:
        keys.set_clock(None)
    assert expired.status == 404
    bad = api.post(f"/api/public/quotes/{token}/decision", body={"decision": "confirm"})
    assert bad.status == 400 and "customer_name" in bad.error["fields"]
    refused = api.post(f"/api/public/quotes/{token}/decision",
                       body={"customer_name": "王师傅", "decision": "refuse", "note": "太贵"})
    assert refused.status == 200 and refused.body["state"] == "refused"
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert detail["quote"]["refusal"]["method"] == "link"


def test_the_service_report_shows_per_line_what_is_free_and_what_is_charged(api, paid_order, walk):
    order = _quote(api, paid_order(), lines=_lines(waive=True))
    order = api.act(order, "approve_quote", "sz_manager", {}).body
    order = api.act(order, "confirm_quote", "sz_agent", {
        "method": "phone", "customer_name": "王师傅", "confirmed_at": keys.iso(keys.utc_now())}).body
    order = walk(order, HAPPY_PATH[:8])  # dispatch … accept
    report = order["reports"][-1]
    text = _pdf_text(report["url"])
    assert "费用明细" in text and "免收" in text and "收费 ¥100.00" in text and "客户应付" in text
