"""The order page's charges (收费明细, issue 17) in the browser: the fee lines start from the
confirmed quote; a line changed from the quote without a reason is refused on that line; the
totals shown are the server's; a price above twice the list waits for the manager, who approves
it; a technician records a cash payment on a 375 px phone and the manager marks it handed in to
finance; the card in English."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from chalicelib.kernel.store import keys
from tests.conftest import STEP_DATA
from tests.e2e.helpers import choose, login, no_horizontal_scroll
from tests.e2e.warranty_steps import fen, open_order, paid_order, unit_customer

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 860}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"


def yuan(amount_fen: int) -> str:
    return f"{amount_fen // 100}.{amount_fen % 100:02d}"


def quoted_order(api, name: str) -> tuple[dict, dict]:
    """A paid SZ order with a confirmed quote (2 h of labour and a call-out at the list
    prices), dispatched to 张伟 (sz_tech1); and the price list."""
    order = paid_order(api, unit_customer(api, name))
    prices = api.get(f"/api/work-orders/{order['id']}/price-list", "sz_agent").body["prices"]
    lines = [{"kind": "labour", "quantity": 2, "unit_price_fen": prices["labour_hour"]},
             {"kind": "call_out", "quantity": 1, "unit_price_fen": prices["call_out"]}]
    quoted = api.act(order, "quote", "sz_agent", {"lines": lines})
    assert quoted.status == 200 and quoted.body["quote"]["state"] == "approved", quoted.body
    confirmed = api.act(quoted.body, "confirm_quote", "sz_agent", {
        "method": "phone", "customer_name": "王师傅", "confirmed_at": keys.iso(keys.utc_now())})
    assert confirmed.status == 200, confirmed.body
    dispatched = api.act(confirmed.body, "dispatch", "sz_manager", STEP_DATA["dispatch"])
    assert dispatched.status == 200, dispatched.body
    return dispatched.body, prices


def sheet_of(api, order: dict, user: str = "sz_manager") -> dict:
    reply = api.get(f"/api/work-orders/{order['id']}/fees", user)
    assert reply.status == 200, reply.body
    return reply.body


def expect_totals(page: Page, sheet: dict) -> None:
    card = page.get_by_test_id("fee-card")
    expect(card.get_by_test_id("fee-charge")).to_have_text(fen(sheet["charge_fen"]))
    expect(card.get_by_test_id("fee-paid")).to_have_text(fen(sheet["paid_fen"]))
    expect(card.get_by_test_id("fee-outstanding")).to_have_text(fen(sheet["outstanding_fen"]))


def test_fee_lines_from_the_quote_changed_with_a_reason_and_approved_by_the_manager(page_factory, api):
    order, prices = quoted_order(api, "收费明细浏览器测试农场")
    start = sheet_of(api, order)
    assert [line["kind"] for line in start["lines"]] == ["labour", "call_out"]

    # the agent sees the lines of the quote, the charge, no internal cost
    agent = page_factory(**DESKTOP)
    login(agent, "sz_agent")
    open_order(agent, order)
    card = agent.get_by_test_id("fee-card")
    expect(card.get_by_test_id("fee-line-0")).to_contain_text("工时费")
    expect(card.get_by_test_id("fee-line-charge-0")).to_have_text(fen(start["lines"][0]["charge_fen"]))
    expect_totals(agent, start)
    expect(card.get_by_test_id("fee-line-cost-0")).to_have_count(0)

    # three hours instead of the quote's two, without a reason: the server names the line
    card.get_by_test_id("fee-edit").click()
    editor = agent.get_by_test_id("fee-form")
    expect(editor.get_by_test_id("fee-quantity-0")).to_have_value("2.00")
    editor.get_by_test_id("fee-quantity-0").fill("3")
    editor.get_by_test_id("fee-form-submit").click()
    line0 = editor.get_by_test_id("fee-edit-line-0")
    expect(line0.locator(".ant-form-item-explain-error")).to_be_visible()
    assert sheet_of(api, order)["version"] == start["version"]  # nothing saved

    # with a reason it is saved; the totals are the server's
    editor.get_by_test_id("fee-reason-0").fill("实际维修用时 3 小时")
    editor.get_by_test_id("fee-form-submit").click()
    expect(editor).to_have_count(0)
    saved = sheet_of(api, order)
    assert saved["lines"][0]["quantity"] == 3 and saved["lines"][0]["reason"] == "实际维修用时 3 小时"
    expect(card.get_by_test_id("fee-line-changed-0")).to_contain_text("实际维修用时 3 小时")
    expect(card.get_by_test_id("fee-line-charge-0")).to_have_text(fen(saved["lines"][0]["charge_fen"]))
    expect_totals(agent, saved)
    expect(card.get_by_test_id("fee-state")).to_have_attribute("data-state", saved["state"])

    # the call-out at 2.5× its list price (with a reason): waits for the manager
    card.get_by_test_id("fee-edit").click()
    editor = agent.get_by_test_id("fee-form")
    editor.get_by_test_id("fee-price-1").fill(yuan(prices["call_out"] * 5 // 2))
    editor.get_by_test_id("fee-reason-1").fill("夜间紧急上门")
    editor.get_by_test_id("fee-form-submit").click()
    expect(editor).to_have_count(0)
    expect(card.get_by_test_id("fee-state")).to_have_attribute("data-state", "pending_approval")
    expect(card.get_by_test_id("fee-line-approval-1")).to_contain_text("超过标准价两倍")
    expect(card.get_by_test_id("fee-needs-approval")).to_be_visible()
    expect(card.get_by_test_id("fee-approve")).to_have_count(0)  # the agent may not approve
    pending = sheet_of(api, order)
    assert pending["state"] == "pending_approval" and pending["lines"][1]["needs_approval"] == "above_limit"
    expect_totals(agent, pending)

    # the manager sees the internal cost and approves
    manager = page_factory(**DESKTOP)
    login(manager, "sz_manager")
    open_order(manager, order)
    card = manager.get_by_test_id("fee-card")
    expect(card.get_by_test_id("fee-line-cost-0")).to_contain_text(fen(pending["lines"][0]["cost_fen"]))
    expect(card.get_by_test_id("fee-cost")).to_have_text(fen(pending["cost_fen"]))
    card.get_by_test_id("fee-approve").click()
    expect(card.get_by_test_id("fee-state")).to_have_attribute("data-state", "approved")
    expect(card.get_by_test_id("fee-needs-approval")).to_have_count(0)
    expect(card.get_by_test_id("fee-approval")).to_contain_text("王强")
    assert sheet_of(api, order)["state"] == "approved"


def test_a_cash_payment_on_the_phone_is_handed_in_by_the_manager(page_factory, api):
    order, _ = quoted_order(api, "现场收款浏览器测试农场")
    start = sheet_of(api, order, "sz_tech1")
    assert start["outstanding_fen"] > 0

    tech = page_factory(**PHONE)
    login(tech, "sz_tech1")
    open_order(tech, order)
    card = tech.get_by_test_id("fee-card")
    expect(card.get_by_test_id("payments-none")).to_be_visible()
    card.get_by_test_id("payment-record").click()
    form = tech.get_by_test_id("payment-form")
    form.get_by_test_id("payment-amount-input").fill(yuan(start["outstanding_fen"]))
    # cash (the default) needs its receipt number: nothing is sent without it
    form.get_by_test_id("payment-submit").click()
    expect(form.locator(".ant-form-item-explain-error")).to_contain_text("收据号")
    form.get_by_test_id("payment-receipt").fill("SJ-20261126-01")
    assert no_horizontal_scroll(tech)
    form.get_by_test_id("payment-submit").click()
    expect(form).to_have_count(0)

    payments = api.get(f"/api/work-orders/{order['id']}/payments", "sz_manager").body
    assert len(payments["items"]) == 1
    payment = payments["items"][0]
    assert payment["amount_fen"] == start["outstanding_fen"] and payment["method"] == "cash"
    assert payment["receipt_no"] == "SJ-20261126-01" and payment["collected_by"] == "sz_tech1"
    row = card.get_by_test_id(f"payment-{payment['id']}")
    expect(row.get_by_test_id("payment-hand-in-state")).to_have_text("未交财务")
    expect(row.get_by_test_id("payment-amount")).to_have_text(fen(payment["amount_fen"]))
    expect_totals(tech, sheet_of(api, order, "sz_tech1"))
    expect(card.get_by_test_id("fee-outstanding")).to_have_text(fen(0))
    expect(row.get_by_test_id("payment-hand-in")).to_have_count(0)  # not the technician's
    assert no_horizontal_scroll(tech)

    manager = page_factory(**PHONE)
    login(manager, "sz_manager")
    open_order(manager, order)
    row = manager.get_by_test_id(f"payment-{payment['id']}")
    row.get_by_test_id("payment-hand-in").click()
    expect(row.get_by_test_id("payment-hand-in-state")).to_have_text("已交财务")
    expect(row.get_by_test_id("payment-hand-in")).to_have_count(0)
    handed = api.get(f"/api/work-orders/{order['id']}/payments", "sz_manager").body["items"][0]
    assert handed["handed_in_at"] and handed["handed_in_by"] == "sz_manager"
    assert no_horizontal_scroll(manager)


def test_the_charges_card_in_english(page_factory, api):
    order, _ = quoted_order(api, "收费明细英文浏览器测试农场")
    manager = page_factory(**DESKTOP)
    manager.context.add_init_script(ENGLISH)
    login(manager, "sz_manager")
    open_order(manager, order)
    card = manager.get_by_test_id("fee-card")
    expect(card).to_contain_text("Charges")
    expect(card.get_by_test_id("fee-line-0")).to_contain_text("Labour")
    expect(card.get_by_test_id("fee-totals")).to_contain_text("Total charge")
    expect(card.get_by_test_id("fee-totals")).to_contain_text("Outstanding")
    card.get_by_test_id("payment-record").click()
    form = manager.get_by_test_id("payment-form")
    expect(form).to_contain_text("Record a payment")
    choose(manager, "payment-method-select", "Bank transfer")
    expect(form).to_contain_text("Reference")
