"""The order page's charges (收费明细, issue 17) in the browser: the fee lines start from the
confirmed quote; a line changed from the quote without a reason is refused on that line; the
totals shown are the server's; a price above twice the list waits for the manager, who approves
it; a technician records a cash payment on a 375 px phone and the manager marks it handed in to
finance; the card in English."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from chalicelib.kernel.store import keys
from chalicelib.modules.fees.vocabulary import VOCABULARY as FEES
from tests.conftest import STEP_DATA
from tests.e2e.helpers import choose, login, no_horizontal_scroll
from tests.e2e.warranty_steps import fen, open_order, paid_order, unit_customer
from tests.parts_req_helpers import part

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
    login(agent, "sz_agent", land=False)
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
    login(manager, "sz_manager", land=False)
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
    login(tech, "sz_tech1", land=False)
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
    login(manager, "sz_manager", land=False)
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
    login(manager, "sz_manager", land=False)
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


def put_lines(api, order: dict, version: int, lines: list[dict], user: str = "sz_manager") -> dict:
    reply = api.call("PUT", f"/api/work-orders/{order['id']}/fees", user,
                     {"version": version, "lines": lines})
    assert reply.status == 200, reply.body
    return reply.body


def reread_on_reconnect(page: Page) -> None:
    """The connection drops and comes back (a phone between cells): the page reads its live
    data again (TanStack's refetch on reconnect) while a dialog stays open."""
    page.context.set_offline(True)
    page.context.set_offline(False)


def test_a_change_made_while_the_editor_is_open_is_refused_as_stale_not_overwritten(page_factory, api):
    order, prices = quoted_order(api, "收费明细并发修改浏览器测试农场")
    start = sheet_of(api, order)
    agent = page_factory(**DESKTOP)
    login(agent, "sz_agent", land=False)
    open_order(agent, order)
    card = agent.get_by_test_id("fee-card")
    expect(card).to_have_attribute("data-version", str(start["version"]))
    card.get_by_test_id("fee-edit").click()
    editor = agent.get_by_test_id("fee-form")
    expect(editor.get_by_test_id("fee-quantity-0")).to_have_value("2.00")

    # meanwhile the manager makes it 3 hours; the agent's page reads the sheet again behind the
    # open editor (its version moves on)
    theirs = put_lines(api, order, start["version"], [
        {"kind": "labour", "quantity": 3, "unit_price_fen": prices["labour_hour"],
         "reason": "经理核定 3 小时"},
        {"kind": "call_out", "quantity": 1, "unit_price_fen": prices["call_out"]}])
    assert theirs["version"] != start["version"]
    reread_on_reconnect(agent)
    expect(card).to_have_attribute("data-version", str(theirs["version"]))

    # the agent's 4 hours go with the version the editor opened on: refused, nothing overwritten
    editor.get_by_test_id("fee-quantity-0").fill("4")
    editor.get_by_test_id("fee-reason-0").fill("客服改为 4 小时")
    editor.get_by_test_id("fee-form-submit").click()
    expect(agent.locator(".ant-message")).to_contain_text("收费明细已被他人修改")
    expect(editor).to_have_count(0)
    now = sheet_of(api, order)
    assert now["version"] == theirs["version"] and now["lines"][0]["quantity"] == 3
    assert now["lines"][0]["reason"] == "经理核定 3 小时"
    expect(card.get_by_test_id("fee-line-changed-0")).to_contain_text("经理核定 3 小时")

    # the manager's change on the timeline in words: the fee sheet's own state, its lines
    changed = agent.get_by_test_id("event-fees_changed")
    expect(changed).to_contain_text("费用明细")
    expect(changed).to_contain_text("费用状态")
    expect(changed).to_contain_text(FEES["fee_state"][now["state"]]["zh"])
    expect(changed).to_contain_text("经理核定 3 小时")
    for raw in ("fee_state", "previous_charge_fen", "quote_revision", "labour"):
        expect(changed).not_to_contain_text(raw)


def test_a_catalogue_part_is_added_by_its_code(page_factory, api):
    order, _ = quoted_order(api, "收费明细配件浏览器测试农场")
    made = part(api, price=28500, cost=19000, name="收费明细测试控制板")  # this test's own part
    code = made["code"]
    agent = page_factory(**DESKTOP)
    login(agent, "sz_agent", land=False)
    open_order(agent, order)
    card = agent.get_by_test_id("fee-card")
    card.get_by_test_id("fee-edit").click()
    editor = agent.get_by_test_id("fee-form")
    expect(editor.get_by_test_id("fee-edit-line-1")).to_be_visible()
    editor.get_by_test_id("fee-add-line").click()
    line = editor.get_by_test_id("fee-edit-line-2")
    expect(line.get_by_test_id("fee-part-2")).to_have_count(0)  # a labour line has no part
    choose(agent, "fee-kind-2", "配件")
    line.get_by_test_id("fee-reason-2").fill("更换主控制板")

    # a part line without its part: the server's error shows on the part's field
    editor.get_by_test_id("fee-form-submit").click()
    field = line.locator(".ant-form-item", has=agent.get_by_test_id("fee-part-2"))
    expect(field.locator(".ant-form-item-explain-error")).to_be_visible()
    assert len(sheet_of(api, order)["lines"]) == 2  # nothing saved

    # picked from the catalogue: saved, priced from the catalogue
    line.get_by_test_id("fee-part-2").click()
    agent.keyboard.type(code.lower())
    agent.get_by_test_id(f"part-option-{code}").click()
    expect(line.get_by_test_id("fee-part-2")).to_contain_text(code)
    expect(line.get_by_test_id("fee-description-2")).to_have_value(made["name"])
    editor.get_by_test_id("fee-form-submit").click()
    expect(editor).to_have_count(0)
    saved = sheet_of(api, order)
    assert saved["lines"][2]["part_code"] == code and saved["lines"][2]["kind"] == "part"
    assert saved["lines"][2]["list_price_fen"] == made["list_price_fen"]
    expect(card.get_by_test_id("fee-line-2")).to_contain_text(made["name"])
    expect(card.get_by_test_id("fee-line-list-2")).to_contain_text(fen(made["list_price_fen"]))

    # the catalogue's price changes after the sheet was saved: the card says the sheet no longer
    # matches the order and leads to the editor; saved again, it matches
    body = {k: made[k] for k in ("name", "unit", "list_price_fen", "cost_fen")}
    repriced = api.call("PUT", f"/api/parts/{code}", "hq_admin",
                        {**body, "list_price_fen": 30000, "version": made["version"]})
    assert repriced.status == 200, repriced.body
    assert sheet_of(api, order)["outdated_reasons"] == ["prices_changed"]
    open_order(agent, order)
    outdated = card.get_by_test_id("fee-outdated")
    expect(outdated).to_contain_text(FEES["fees_outdated_reason"]["prices_changed"]["zh"])
    outdated.get_by_test_id("fee-outdated-edit").click()
    editor = agent.get_by_test_id("fee-form")
    editor.get_by_test_id("fee-price-2").fill("")  # the part at its list price as it is now
    editor.get_by_test_id("fee-form-submit").click()
    expect(editor).to_have_count(0)
    expect(card.get_by_test_id("fee-outdated")).to_have_count(0)
    again = sheet_of(api, order)
    assert again["outdated"] is False and again["lines"][2]["list_price_fen"] == 30000


def test_only_cash_is_handed_in_and_a_cancelled_order_takes_no_payment(page_factory, api):
    order, _ = quoted_order(api, "转账收款浏览器测试农场")
    paid = api.call("POST", f"/api/work-orders/{order['id']}/payments", "sz_tech1",
                    {"amount_fen": 10000, "method": "transfer", "reference": "ZZ-20261126-7"},
                    headers={"Idempotency-Key": f"e2e-transfer-{order['id']}"})
    assert paid.status == 201, paid.body
    cancelled, _ = quoted_order(api, "取消工单收款浏览器测试农场")
    gone = api.act(cancelled, "cancel", "sz_manager", {"reason": "客户取消"})
    assert gone.status == 200, gone.body

    manager = page_factory(**PHONE)
    login(manager, "sz_manager", land=False)
    open_order(manager, order)
    row = manager.get_by_test_id(f"payment-{paid.body['id']}")
    expect(row.get_by_test_id("payment-method")).to_have_text("银行转账")
    expect(row.get_by_test_id("payment-hand-in")).to_have_count(0)  # a transfer is not handed in
    expect(row.get_by_test_id("payment-hand-in-state")).to_have_count(0)
    expect(manager.get_by_test_id("payment-record")).to_be_visible()
    # the timeline says how it was paid, with labels, not keys
    recorded = manager.get_by_test_id("event-payment_recorded")
    expect(recorded).to_contain_text("收款方式")
    expect(recorded).to_contain_text("银行转账")
    expect(recorded).to_contain_text("交易参考号")
    expect(recorded).to_contain_text(fen(10000))
    for raw in ("method", "reference", "collected_at", "amount_fen", "确认方式"):
        expect(recorded).not_to_contain_text(raw)

    # a cancelled order (no actions left): its charges card offers no payment
    manager.goto(f"/work-orders/{gone.body['id']}")
    expect(manager.get_by_test_id("order-number")).to_contain_text(gone.body["number"])
    expect(manager.get_by_test_id("payments")).to_be_visible()
    expect(manager.get_by_test_id("payments-none")).to_have_text("尚无收款")
    expect(manager.get_by_test_id("payment-record")).to_have_count(0)
