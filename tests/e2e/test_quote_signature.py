"""The quote the customer confirms before anyone is sent (issue 13), on a 375 px phone: the
agent makes a quote with a labour line at 2.1× the list price, which waits for a manager's
approval; the manager approves it; the customer signs it on the screen; the quote is confirmed
and the paid order can be dispatched. Every amount shown is the server's."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import act, login, no_horizontal_scroll, pick_technician
from tests.e2e.warranty_steps import fen, open_order, paid_order, sign_with_finger, unit_customer

PHONE = {"width": 375, "height": 812, "mobile": True}


def prices_of(api, order: dict) -> dict:
    """The order's price list as the quote form reads it."""
    reply = api.get(f"/api/work-orders/{order['id']}/price-list", "sz_agent")
    assert reply.status == 200, reply.body
    return reply.body["prices"]


def yuan(amount_fen: int) -> str:
    return f"{amount_fen // 100}.{amount_fen % 100:02d}"


def test_quote_above_twice_the_list_is_approved_signed_on_the_phone_then_dispatched(
        page_factory, api):
    order = paid_order(api, unit_customer(api, "报价签字浏览器测试农场"))
    labour_list = prices_of(api, order)["labour_hour"]
    quoted = labour_list * 21 // 10  # 2.1× the list price, in whole fen
    assert quoted * 10 == labour_list * 21

    # the agent makes the quote: the editor starts with a call-out and an hour of labour at the
    # list prices; the labour goes to 2.1×
    agent = page_factory(**PHONE)
    login(agent, "sz_agent", land=False)
    open_order(agent, order)
    card = agent.get_by_test_id("quote-card")
    expect(agent.get_by_test_id("quote-hint")).to_contain_text("报价待客户确认")
    card.get_by_test_id("quote-edit").click()
    editor = agent.get_by_test_id("quote-form-edit")
    expect(editor.get_by_test_id("quote-price-1")).to_have_value(yuan(labour_list))
    editor.get_by_test_id("quote-price-1").fill(yuan(quoted))
    assert no_horizontal_scroll(agent)
    editor.get_by_test_id("quote-form-submit").click()
    expect(editor).to_have_count(0)
    expect(card.get_by_test_id("quote-state")).to_have_attribute("data-state", "pending_approval")
    expect(card.get_by_test_id("quote-line-approval-1")).to_be_visible()
    expect(card.get_by_test_id("quote-needs-approval")).to_contain_text("超过标准价两倍")

    saved = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body["quote"]
    assert saved["lines"][1]["unit_price_fen"] == quoted
    assert saved["lines"][1]["needs_approval"] == "above_limit"
    expect(card.get_by_test_id("quote-line-amount-1")).to_have_text(fen(saved["lines"][1]["amount_fen"]))
    expect(card.get_by_test_id("quote-total")).to_have_text(fen(saved["total_fen"]))
    expect(card.get_by_test_id("quote-charge")).to_have_text(fen(saved["charge_fen"]))
    # nobody is asked to confirm an unapproved quote
    expect(card.get_by_test_id("quote-sign")).to_have_count(0)

    # the manager approves, then the customer signs on the manager's phone
    manager = page_factory(**PHONE)
    login(manager, "sz_manager", land=False)
    open_order(manager, order)
    card = manager.get_by_test_id("quote-card")
    card.get_by_test_id("quote-approve").click()
    approve = manager.get_by_test_id("quote-form-approve")
    expect(approve.get_by_test_id("quote-total")).to_have_text(fen(saved["total_fen"]))
    approve.get_by_test_id("quote-form-submit").click()
    expect(approve).to_have_count(0)
    expect(card.get_by_test_id("quote-state")).to_have_attribute("data-state", "approved")

    card.get_by_test_id("quote-sign").click()
    signing = manager.get_by_test_id("quote-form-signature")
    expect(signing.get_by_test_id("quote-charge")).to_have_text(fen(saved["charge_fen"]))
    signing.get_by_test_id("quote-customer-name").fill("王建国")
    sign_with_finger(manager)
    assert no_horizontal_scroll(manager)
    signing.get_by_test_id("quote-form-submit").click()
    expect(signing).to_have_count(0)
    expect(card.get_by_test_id("quote-state")).to_have_attribute("data-state", "confirmed")
    expect(card.get_by_test_id("quote-confirmation")).to_contain_text("王建国")
    expect(card.get_by_test_id("quote-confirmation")).to_contain_text("现场签字")
    expect(manager.get_by_test_id("quote-hint")).to_have_count(0)
    assert no_horizontal_scroll(manager)

    confirmed = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    confirmation = confirmed["quote"]["confirmation"]
    assert confirmation["method"] == "signature" and confirmation["customer_name"] == "王建国"
    signature = next(a for a in confirmed["attachments"] if a["id"] == confirmation["attachment_id"])
    assert signature["category"] == "quote_signature" and signature["status"] == "verified"

    # the confirmed paid order is dispatched
    act(manager, "dispatch", lambda p: pick_technician(p, "张伟"))
    expect(manager.get_by_test_id("order-state")).to_have_text("已派工")


def test_customer_confirms_the_quote_through_the_link_on_their_phone(page_factory, api):
    order = paid_order(api, unit_customer(api, "报价链接浏览器测试农场"))
    lines = [{"kind": "call_out", "quantity": 1,
              "unit_price_fen": prices_of(api, order)["call_out"]}]
    quoted = api.act(order, "quote", "sz_agent", {"lines": lines})
    assert quoted.status == 200 and quoted.body["quote"]["state"] == "approved", quoted.body

    # the agent sends the link from the order's page
    agent = page_factory(width=1366, height=860)
    login(agent, "sz_agent", land=False)
    open_order(agent, quoted.body)
    agent.get_by_test_id("quote-link").click()
    url = agent.get_by_test_id("quote-link-url").inner_text().strip()
    assert "/q/" in url

    # the customer opens it on their phone, signed in nowhere
    customer = page_factory(**PHONE)
    customer.goto(url[url.index("/q/"):])
    quote = customer.get_by_test_id("public-quote")
    expect(quote).to_have_attribute("data-state", "approved")
    expect(quote.get_by_test_id("quote-charge")).to_have_text(fen(quoted.body["quote"]["charge_fen"]))
    expect(customer.get_by_test_id("public-quote-number")).to_have_text(order["number"])
    assert no_horizontal_scroll(customer)
    customer.get_by_test_id("public-quote-name").fill("李秀英")
    customer.get_by_test_id("public-quote-confirm").click()
    expect(quote).to_have_attribute("data-state", "confirmed")
    expect(customer.get_by_test_id("public-quote-confirmed")).to_be_visible()
    expect(customer.get_by_test_id("public-quote-confirm")).to_have_count(0)

    confirmation = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body["quote"]["confirmation"]
    assert confirmation["method"] == "link" and confirmation["customer_name"] == "李秀英"
