"""Travel claims (差旅费报销单, issue 17 slice 2) in the browser: a technician files a claim of a
trip on one of their orders, in Chinese at a desk: the live totals and the net of the advance,
the server's "needs a receipt" on its line, a receipt photographed onto the line, submitted; the
manager approves it from their queue, head office approves it, and the outlet's budget page shows
the spend. In English on a 375 px phone, the technician opens a claim filed late with a line
outside its order's window: the flag on the line, the passed deadline, the server's "needs a
receipt" scrolled to, a receipt, submitted, the late tag. A claim changed elsewhere meanwhile
keeps what was typed, and a receipt uploaded but on no line is picked for one. A manager's own
claim: not their own taxi's approver, 待总部审批, head office's 批准 at the bottom of a phone.
Head office's approval refused by a stopped budget names what remains and leads to the budget
page.

Budgets: head office's approval books into the budget of its year, so the steps that book or
are refused by a budget run on the app's clock moved to a year no other test uses (2045, 2046:
tests/e2e/test_budgets.py and tests/api/*budget*, *claims* use others), whose budget the test
sets; this year's budgets are left alone (a submit is checked against this year's, which no
test stops)."""

from __future__ import annotations

import os
import re
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from infra.local.uploads import paper_photo
from tests.conftest import post_form, walk_at
from tests.e2e.helpers import choose, login, no_horizontal_scroll
from tests.e2e.warranty_steps import fen, open_order

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 860}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
SHANGHAI = ZoneInfo("Asia/Shanghai")
# the years head office's approvals book into here (no other test uses them)
BOOKED_YEAR = 2045
STOPPED_YEAR = 2046


def today():
    return datetime.now(SHANGHAI).date()


def budget_of(api, outlet: str, year: int) -> dict:
    reply = api.get(f"/api/budgets?year={year}&outlet={outlet}", "hq_admin")
    assert reply.status == 200, reply.body
    (budget,) = [b for b in reply.body["items"] if b["outlet"] == outlet]
    return budget


def set_room(api, outlet: str, year: int, category: str, room_fen: int, stop: bool) -> dict:
    """Head office sets the outlet's year so that `room_fen` remains in the category."""
    budget = budget_of(api, outlet, year)
    figures = budget["categories"][category]
    limit = figures["spent_fen"] - figures["raised_fen"] + room_fen
    reply = api.call("PUT", f"/api/budgets/{outlet}/{year}", "hq_admin", {
        "version": budget["version"], "stop": stop,
        "categories": {category: {"limit_fen": max(0, limit)}}})
    assert reply.status == 200, reply.body
    return budget_of(api, outlet, year)


@contextmanager
def in_year(year: int):
    """The app's business clock (the server runs in this process) on a day of `year`, ticking
    on, for the steps inside: an approval books into that year's budget, a submit and an
    approval are checked against it. Sign-in tokens keep the wall clock."""
    start, wall = datetime(year, 6, 15, 10, 0, tzinfo=SHANGHAI), datetime.now(UTC)
    from chalicelib.kernel.store import keys

    keys.set_clock(lambda: start + (datetime.now(UTC) - wall))
    try:
        yield
    finally:
        keys.set_clock(None)


def dispatched_order(new_order, walk) -> dict:
    """A fresh SZ order dispatched today to 张伟 (its window opens today and is still open)."""
    return walk(new_order("SZ"), ["dispatch"])


def order_dispatched_on(api, new_order, day) -> dict:
    """An SZ order recorded and dispatched to 张伟 on `day` (its window opens then, still open)."""
    from chalicelib.kernel.store import keys

    at = datetime(day.year, day.month, day.day, 9, 0, tzinfo=SHANGHAI)
    keys.set_clock(lambda: at)
    try:
        order = new_order("SZ")
    finally:
        keys.set_clock(None)
    return walk_at(api, order, at, ["dispatch"])[0]


def shot(page: Page, name: str, full_page: bool = True) -> None:
    """A screenshot to look at, when FUWU_E2E_SHOTS names a folder."""
    folder = os.environ.get("FUWU_E2E_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=full_page)


def claim_of(api, claim_id: str, user: str = "sz_tech1") -> dict:
    reply = api.get(f"/api/claims/{claim_id}", user)
    assert reply.status == 200, reply.body
    return reply.body


def receipt_photo() -> bytes:
    """A phone photo of a paper receipt, a file of its own (the server takes a file once: the
    same receipt is not claimed twice), marked by a JPEG comment."""
    photo, mark = paper_photo(), f"e2e {uuid.uuid4().hex}".encode()
    return photo[:2] + b"\xff\xfe" + (len(mark) + 2).to_bytes(2, "big") + mark + photo[2:]


def take_receipt(page: Page, line: int) -> None:
    """The line's 拍照/上传凭证: a photo of the receipt, up to S3 and checked by the server."""
    field = page.get_by_test_id(f"claim-receipts-{line}")
    before = int(field.get_attribute("data-count") or "0")
    field.locator("input[type=file]").set_input_files(
        {"name": "车票.jpg", "mimeType": "image/jpeg", "buffer": receipt_photo()})
    expect(field).to_have_attribute("data-count", str(before + 1), timeout=30000)
    expect(field.get_by_test_id("claim-receipt-thumb")).to_have_count(before + 1)


def uploaded_receipt(api, claim_id: str, user: str = "sz_tech1") -> dict:
    """A receipt uploaded to the claim the way the form does it (slot, S3, confirm), on no
    line: as when the page was left before the line was saved."""
    photo = receipt_photo()
    granted = api.post(f"/api/claims/{claim_id}/receipts", user, {
        "content_type": "image/jpeg", "size": len(photo), "file_name": "车票.jpg"})
    assert granted.status == 201, granted.body
    assert post_form(granted.body["upload"], photo, "image/jpeg").status_code == 204
    confirmed = api.post(f"/api/claims/{claim_id}/receipts/{granted.body['receipt']['id']}/confirm",
                         user)
    assert confirmed.status == 200 and confirmed.body["status"] == "verified", confirmed.body
    return confirmed.body


def fill_date(page: Page, test_id: str, value: str) -> None:
    """A date field: antd's picker at a desk (typed, then left), the native one on a phone."""
    field = page.get_by_test_id(test_id)
    box = field if field.evaluate("e => e.tagName") == "INPUT" else field.locator("input")
    box.click()
    box.fill(value)
    box.press("Tab")
    expect(box).to_have_value(value)


def test_a_technician_files_a_claim_with_a_receipt_and_it_is_approved_into_the_budget(
        page_factory, api, new_order, walk):
    day = today()
    year = day.year
    # head office approves in BOOKED_YEAR: the spend goes to that year's budget
    before = set_room(api, "SZ", BOOKED_YEAR, "repair", 5_000_000, stop=False)
    spent_before = before["categories"]["repair"]["spent_fen"]
    order = dispatched_order(new_order, walk)

    tech = page_factory(**DESKTOP)
    login(tech, "sz_tech1")
    tech.get_by_test_id("menu-claims").click()
    expect(tech.get_by_test_id("claims-new")).to_be_visible()  # the page, then what it lacks
    expect(tech.get_by_test_id("claims-tab-mine")).to_have_count(0)  # one view only: no tabs
    tech.get_by_test_id("claims-new").click()
    form = tech.get_by_test_id("claim-form")
    form.get_by_test_id("claim-reason").fill("华南精密制造空调机组维修出差")
    fill_date(tech, "claim-departed", day.isoformat())
    fill_date(tech, "claim-returned", day.isoformat())
    choose(tech, "claim-budget-category", "维修费用")
    form.get_by_test_id("claim-advance").fill("100")
    tech.get_by_test_id("claim-orders").click()
    # searched for: the technician's other jobs come first and a long list renders only the
    # options in view
    tech.keyboard.type(order["number"])
    tech.locator(".ant-select-dropdown:visible .ant-select-item-option",
                 has_text=order["number"]).first.click()
    tech.keyboard.press("Escape")
    expect(tech.get_by_test_id("claim-orders")).to_contain_text(order["number"])

    # line 1: a taxi there (the manager agreed beforehand); line 2: the day's allowance (no
    # receipt needed)
    fill_date(tech, "claim-date-0", day.isoformat())
    choose(tech, "claim-mode-0", "出租车")
    tech.get_by_test_id("claim-save").click()
    line0 = form.get_by_test_id("claim-line-0")
    expect(line0.locator("#lines_0_prior_approval_help")).to_have_text("未经请示同意的开销一律不予报销")
    choose(tech, "claim-prior-by-0", "王强")
    form.get_by_test_id("claim-prior-note-0").fill("客户停产急修，经理电话同意打车")
    form.get_by_test_id("claim-from-0").fill("深圳")
    form.get_by_test_id("claim-to-0").fill("东莞")
    form.get_by_test_id("claim-amount-0").fill("85.5")  # the fare, in 元
    form.get_by_test_id("claim-add-line").click()
    choose(tech, "claim-category-1", "出差补贴")
    expect(form.get_by_test_id("claim-mode-1")).to_have_count(0)  # only a transport has a mode
    form.get_by_test_id("claim-from-1").fill("东莞")
    form.get_by_test_id("claim-to-1").fill("东莞")
    form.get_by_test_id("claim-amount-1").fill("100")
    # live totals (the server computes the claim's): 185.50 less the 100 advance
    expect(tech.get_by_test_id("claim-live-total")).to_have_text(fen(18550))
    expect(tech.get_by_test_id("claim-live-net")).to_have_text("应补 " + fen(8550))
    expect(form.get_by_test_id("claim-receipts-0-save-first")).to_be_visible()  # a draft first
    shot(tech, "claims-desk-new-zh")

    tech.get_by_test_id("claim-save").click()
    tech.wait_for_url("**/claims/clm_*")
    claim_id = tech.url.rsplit("/", 1)[1]
    claim = claim_of(api, claim_id)
    assert claim["state"] == "draft" and claim["total_fen"] == 18550 and claim["net_fen"] == 8550
    assert claim["number"].startswith(f"BX-SZ-{year}-")
    assert [o["id"] for o in claim["orders"]] == [order["id"]]
    assert [line["flags"] for line in claim["lines"]] == [[], []]  # within the order's window
    taxi = claim["lines"][0]
    assert taxi["mode"] == "taxi"
    assert taxi["prior_approval"] == {"by": "sz_manager", "note": "客户停产急修，经理电话同意打车"}
    heading = tech.get_by_test_id("claim-heading")
    expect(heading.get_by_test_id("claim-state")).to_have_attribute("data-state", "draft")
    expect(heading).to_contain_text("张伟")
    expect(heading).to_contain_text("4★")
    expect(tech.get_by_test_id("claim-budget")).to_contain_text("维修费用")
    expect(tech.get_by_test_id("claim-budget")).to_have_attribute("data-would-exceed", "no")

    # submitted without the taxi's receipt: the server names the line
    tech.get_by_test_id("claim-submit").click()
    line0 = tech.get_by_test_id("claim-line-0")
    expect(line0.locator(".ant-form-item-explain-error")).to_contain_text("请上传原始凭证")
    assert claim_of(api, claim_id)["state"] == "draft"

    # the receipt photographed onto its line, then submitted
    take_receipt(tech, 0)
    expect(line0.locator(".ant-form-item-explain-error")).to_have_count(0)
    tech.get_by_test_id("claim-submit").click()
    expect(tech.get_by_test_id("claim-page")).to_have_attribute("data-state", "submitted")
    expect(heading.get_by_test_id("claim-state")).to_have_text("待经理审核")
    expect(tech.get_by_test_id("claim-late")).to_have_count(0)
    expect(tech.get_by_test_id("claim-line-receipts-0").get_by_test_id("claim-receipt-thumb")).to_have_count(1)
    submitted = claim_of(api, claim_id)
    assert submitted["state"] == "submitted" and submitted["late"] is False
    assert [r["status"] for r in submitted["lines"][0]["receipts"]] == ["verified"]

    # the manager: the budget page as it is, then the claim from their queue
    manager = page_factory(**DESKTOP)
    login(manager, "sz_manager", land=False)
    manager.goto(f"/budgets?year={BOOKED_YEAR}")
    expect(manager.get_by_test_id("budget-repair-spent")).to_have_text(fen(spent_before))
    manager.get_by_test_id("menu-claims").click()
    expect(manager.get_by_test_id("claims-tab-queue")).to_be_visible()
    row = manager.get_by_test_id(f"claim-row-{claim_id}")
    expect(row).to_contain_text("待经理审核")
    expect(row).to_contain_text(fen(18550))
    shot(manager, "claims-desk-queue-zh")
    row.click()
    bar = manager.get_by_test_id("claim-approval-bar")
    expect(manager.get_by_test_id("claim-line-0")).to_contain_text("出租车")
    expect(manager.get_by_test_id("claim-line-prior-0")).to_contain_text("已请示 王强")
    expect(manager.get_by_test_id("claim-net")).to_have_text(fen(8550))
    expect(bar).to_have_attribute("data-step", "manager")
    expect(bar.get_by_test_id("claim-approve")).to_have_text("审核通过")
    bar.get_by_test_id("claim-approve").click()
    decide = manager.get_by_test_id("claim-decide-form")
    expect(decide).to_contain_text("审核通过")
    decide.get_by_test_id("claim-decide-note").fill("情况属实")
    decide.get_by_test_id("claim-decide-submit").click()
    expect(decide).to_have_count(0)
    expect(manager.get_by_test_id("claim-page")).to_have_attribute("data-state", "manager_approved")
    expect(manager.get_by_test_id("claim-approval-manager")).to_contain_text("王强")
    expect(bar).to_have_count(0)  # head office's step now

    # head office approves: the total is booked against SZ's 维修费用 (of BOOKED_YEAR)
    office = page_factory(**DESKTOP)
    login(office, "hq_admin", land=False)
    office.goto("/claims?view=queue")
    office.get_by_test_id(f"claim-row-{claim_id}").click()
    expect(office.get_by_test_id("claim-heading")).to_contain_text("待总部审批")
    expect(office.get_by_test_id("claim-approval-bar")).to_have_attribute("data-step", "head_office")
    office.get_by_test_id("claim-approve").click()
    decide = office.get_by_test_id("claim-decide-form")
    expect(decide).to_contain_text("批准")
    with in_year(BOOKED_YEAR):
        decide.get_by_test_id("claim-decide-submit").click()
        expect(decide).to_have_count(0)
        expect(office.get_by_test_id("claim-page")).to_have_attribute("data-state", "approved")
    expect(office.get_by_test_id("claim-budget")).to_have_attribute("data-booked", "18550")
    expect(office.get_by_test_id("claim-approval-head_office")).to_contain_text("林总")
    approved = claim_of(api, claim_id)
    assert approved["state"] == "approved" and approved["budget"]["booked_fen"] == 18550
    assert approved["budget"]["year"] == BOOKED_YEAR
    shot(office, "claims-desk-approved-zh")

    # the budget page's spent rose by the claim's total
    manager.goto(f"/budgets?year={BOOKED_YEAR}")
    expect(manager.get_by_test_id("budget-repair-spent")).to_have_text(fen(spent_before + 18550))
    assert budget_of(api, "SZ", BOOKED_YEAR)["categories"]["repair"]["spent_fen"] == spent_before + 18550

    # the technician's list: approved
    tech.goto("/claims")
    expect(tech.get_by_test_id(f"claim-row-{claim_id}")).to_have_attribute("data-state", "approved")


def test_on_the_phone_in_english_a_late_claim_with_a_line_outside_its_order(page_factory, api, new_order):
    day = today()
    departed, returned = day - timedelta(days=32), day - timedelta(days=30)
    order = order_dispatched_on(api, new_order, day - timedelta(days=31))
    # filed through the API: a trip a month ago (its deadline, 3 working days after the return,
    # passed whatever the holidays), linked to an order dispatched on its second day: the bus
    # there is outside the order's window, the last day's allowance inside
    reply = api.post("/api/claims", "sz_tech1", {
        "reason": "保养巡检出差", "departed_on": departed.isoformat(), "returned_on": returned.isoformat(),
        "budget_category": "maintenance", "orders": [order["id"]], "advance_fen": 0,
        "lines": [{"date": departed.isoformat(), "from": "深圳", "to": "惠州", "category": "transport",
                   "mode": "bus", "amount_fen": 6000, "receipts": []},
                  {"date": returned.isoformat(), "from": "惠州", "to": "惠州", "category": "allowance",
                   "amount_fen": 10000, "receipts": []}]},
        headers={"Idempotency-Key": f"e2e-claim-late-{order['id']}"})
    assert reply.status == 201, reply.body
    claim = reply.body
    assert [line["flags"] for line in claim["lines"]] == [["outside_window"], []]

    tech = page_factory(**PHONE)
    tech.context.add_init_script(ENGLISH)
    login(tech, "sz_tech1", land=False)
    tech.goto("/claims")
    card = tech.get_by_test_id(f"claim-row-{claim['id']}")
    expect(card).to_contain_text("Draft")
    expect(card.get_by_test_id("claim-flagged")).to_have_text("Flagged")
    assert no_horizontal_scroll(tech)
    shot(tech, "claims-phone-list-en", full_page=False)
    card.click()

    form = tech.get_by_test_id("claim-form")
    line0 = form.get_by_test_id("claim-line-0")
    expect(line0).to_have_attribute("data-flags", "outside_window")
    expect(line0.get_by_test_id("claim-line-flag")).to_contain_text("Outside the linked orders")
    expect(form.get_by_test_id("claim-line-1")).to_have_attribute("data-flags", "")
    expect(form.get_by_test_id("claim-overdue")).to_contain_text("will be marked as filed late")
    expect(tech.get_by_test_id("claim-heading").get_by_test_id("claim-flagged")).to_be_visible()
    expect(form.get_by_test_id("claim-windows")).to_contain_text(order["number"])
    expect(tech.get_by_test_id("claim-live-total")).to_have_text(fen(16000))
    assert no_horizontal_scroll(tech)
    shot(tech, "claims-phone-form-en")
    shot(tech, "claims-phone-form-en-viewport", full_page=False)

    # submitted without the bus's receipt: the server's error on the line, scrolled to
    tech.evaluate("window.scrollTo(0, 0)")
    receipts = form.get_by_test_id("claim-receipts-0")
    expect(receipts).not_to_be_in_viewport()
    tech.get_by_test_id("claim-submit").click()
    expect(line0.locator(".ant-form-item-explain-error")).to_have_count(1)
    expect(receipts).to_be_in_viewport()

    take_receipt(tech, 0)
    expect(line0.locator(".ant-form-item-explain-error")).to_have_count(0)
    assert no_horizontal_scroll(tech)
    tech.get_by_test_id("claim-submit").click()
    expect(tech.get_by_test_id("claim-page")).to_have_attribute("data-state", "submitted")
    heading = tech.get_by_test_id("claim-heading")
    expect(heading.get_by_test_id("claim-late")).to_have_text("Filed late")
    expect(heading.get_by_test_id("claim-state")).to_have_text("Awaiting the manager")
    expect(tech.get_by_test_id("claim-line-0").get_by_test_id("claim-line-flag")).to_be_visible()
    assert no_horizontal_scroll(tech)
    shot(tech, "claims-phone-submitted-en")
    submitted = claim_of(api, claim["id"])
    assert submitted["late"] is True and submitted["state"] == "submitted"
    tech.goto("/claims")
    expect(tech.get_by_test_id(f"claim-row-{claim['id']}").get_by_test_id("claim-late")).to_be_visible()


def test_a_claim_changed_meanwhile_keeps_what_was_typed_and_a_receipt_on_no_line_is_picked(
        page_factory, api):
    day = today()
    body = {"reason": "东莞客户回访", "departed_on": day.isoformat(), "returned_on": day.isoformat(),
            "budget_category": "repair", "orders": [], "advance_fen": 0,
            "lines": [{"date": day.isoformat(), "from": "深圳", "to": "东莞", "category": "transport",
                       "mode": "bus", "amount_fen": 4000, "receipts": []}]}
    reply = api.post("/api/claims", "sz_tech1", body,
                     headers={"Idempotency-Key": f"e2e-claim-stale-{uuid.uuid4().hex}"})
    assert reply.status == 201, reply.body
    claim = reply.body
    # the bus ticket was uploaded, and the page left before its line was saved
    receipt = uploaded_receipt(api, claim["id"])

    tech = page_factory(**DESKTOP)
    login(tech, "sz_tech1", land=False)
    tech.goto(f"/claims/{claim['id']}")
    form = tech.get_by_test_id("claim-form")
    heading = tech.get_by_test_id("claim-heading")
    expect(heading).to_have_attribute("data-version", str(claim["version"]))
    form.get_by_test_id("claim-reason").fill("东莞客户回访（补充说明）")
    form.get_by_test_id("claim-amount-0").fill("45")

    # meanwhile the claim is saved elsewhere (the technician's phone)
    other = api.call("PUT", f"/api/claims/{claim['id']}", "sz_tech1",
                     {**body, "advance_fen": 1000, "version": claim["version"]})
    assert other.status == 200, other.body

    # the save meets the change: what was typed stays, on the version now, to be sent again
    tech.get_by_test_id("claim-save").click()
    expect(tech.locator(".ant-message")).to_contain_text("您填写的内容已保留")
    expect(heading).to_have_attribute("data-version", str(other.body["version"]))
    expect(form.get_by_test_id("claim-reason")).to_have_value("东莞客户回访（补充说明）")
    expect(form.get_by_test_id("claim-amount-0")).to_have_value("45")

    # the receipt on no line, picked for the bus
    field = form.get_by_test_id("claim-receipts-0")
    expect(field).to_have_attribute("data-count", "0")
    field.get_by_test_id("claim-receipts-0-spare").click()
    field.locator(f"[data-testid=claim-receipt-pick][data-receipt='{receipt['id']}']").click()
    expect(field).to_have_attribute("data-count", "1")
    expect(field.get_by_test_id("claim-receipt-thumb")).to_have_count(1)
    expect(field.get_by_test_id("claim-receipts-0-spare")).to_have_count(0)  # none left over
    tech.get_by_test_id("claim-save").click()
    expect(heading).to_have_attribute("data-version", str(other.body["version"] + 1))
    saved = claim_of(api, claim["id"])
    assert saved["reason"] == "东莞客户回访（补充说明）" and saved["lines"][0]["amount_fen"] == 4500
    assert [r["id"] for r in saved["lines"][0]["receipts"]] == [receipt["id"]]
    assert saved["advance_fen"] == 0  # the form as checked and sent again stands


def test_a_managers_own_claim_waits_for_head_office_who_approves_it_on_a_phone(page_factory, api):
    day = today()
    reply = api.post("/api/claims", "sz_manager", {
        "reason": "总部季度会议", "departed_on": day.isoformat(), "returned_on": day.isoformat(),
        "budget_category": "support", "orders": [], "advance_fen": 0,
        "lines": [{"date": day.isoformat(), "from": "深圳", "to": "广州", "category": "allowance",
                   "amount_fen": 10000, "receipts": []}]},
        headers={"Idempotency-Key": f"e2e-claim-manager-{uuid.uuid4().hex}"})
    assert reply.status == 201, reply.body
    claim = reply.body

    manager = page_factory(**DESKTOP)
    login(manager, "sz_manager", land=False)
    manager.goto(f"/claims/{claim['id']}")
    form = manager.get_by_test_id("claim-form")
    # a taxi needs another manager's agreement: the manager is not offered as their own approver
    form.get_by_test_id("claim-add-line").click()
    choose(manager, "claim-mode-1", "出租车")
    prior = form.get_by_test_id("claim-prior-by-1")
    expect(prior).not_to_have_class(re.compile(r"\bant-select-loading\b"))  # the managers read
    prior.click()
    dropdown = manager.locator(".ant-select-dropdown:visible")
    expect(dropdown.locator(".ant-empty")).to_be_visible()  # SZ's one manager is the claimant
    expect(dropdown.locator(".ant-select-item-option", has_text="王强")).to_have_count(0)
    manager.keyboard.press("Escape")
    form.get_by_test_id("claim-remove-1").click()
    expect(form.get_by_test_id("claim-line-1")).to_have_count(0)

    # submitted: it waits for head office (a manager's own claim skips the manager's step)
    manager.get_by_test_id("claim-submit").click()
    expect(manager.locator(".ant-message")).to_contain_text("报销单已提交，等待总部审批")
    expect(manager.get_by_test_id("claim-page")).to_have_attribute("data-state", "submitted")
    expect(manager.get_by_test_id("claim-heading").get_by_test_id("claim-state")).to_have_text("待总部审批")
    expect(manager.get_by_test_id("claim-approval-bar")).to_have_count(0)  # not their own
    assert claim_of(api, claim["id"], "sz_manager")["waits_for"] == "head_office"

    # head office on a phone: its step and 批准, the bar after the claim, at the screen's bottom
    office = page_factory(**PHONE)
    login(office, "hq_admin", land=False)
    office.goto(f"/claims/{claim['id']}")
    bar = office.get_by_test_id("claim-approval-bar")
    expect(bar).to_have_attribute("data-step", "head_office")
    expect(bar.get_by_test_id("claim-approval-step")).to_have_text("待您审批：总部审批")
    expect(bar.get_by_test_id("claim-approve")).to_have_text("批准")
    assert office.evaluate("""() => {
        const bar = document.querySelector('[data-testid=claim-approval-bar]');
        const events = document.querySelector('[data-testid=claim-events]');
        return Boolean(events.compareDocumentPosition(bar) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    office.evaluate("window.scrollTo(0, 0)")
    expect(bar).to_be_in_viewport()  # sticks to the bottom while the claim is read
    box = bar.bounding_box()
    assert box and abs(box["y"] + box["height"] - PHONE["height"]) <= 2, box
    assert no_horizontal_scroll(office)
    shot(office, "claims-phone-office-own-claim-zh", full_page=False)
    bar.get_by_test_id("claim-approve").click()
    decide = office.get_by_test_id("claim-decide-form")
    expect(decide).to_contain_text("批准")
    with in_year(BOOKED_YEAR):
        decide.get_by_test_id("claim-decide-submit").click()
        expect(office.get_by_test_id("claim-page")).to_have_attribute("data-state", "approved")
    expect(office.get_by_test_id("claim-approval-head_office")).to_contain_text("林总")
    expect(bar).to_have_count(0)
    decided = claim_of(api, claim["id"], "sz_manager")
    assert [a["step"] for a in decided["approvals"]] == ["head_office"]
    assert decided["budget"]["year"] == BOOKED_YEAR and decided["budget"]["booked_fen"] == 10000


def test_head_office_approval_refused_by_a_stopped_budget_names_what_remains(page_factory, api):
    year = STOPPED_YEAR
    # a CD technician's allowance-only claim (no receipt needed)
    reply = api.post("/api/claims", "cd_tech1", {
        "reason": "成都片区技术支持", "departed_on": today().isoformat(), "returned_on": today().isoformat(),
        "budget_category": "support", "orders": [], "advance_fen": 0,
        "lines": [{"date": today().isoformat(), "from": "成都", "to": "德阳", "category": "allowance",
                   "amount_fen": 20000, "receipts": []}]},
        headers={"Idempotency-Key": f"e2e-claim-stop-{uuid.uuid4().hex}"})
    assert reply.status == 201, reply.body
    claim = reply.body
    office = page_factory(**DESKTOP)
    login(office, "hq_admin", land=False)
    # the rest in STOPPED_YEAR: submitted and manager-approved against its budget, then head
    # office's approval refused by it
    with in_year(year):
        set_room(api, "CD", year, "support", 5_000_000, stop=False)
        submitted = api.post(f"/api/claims/{claim['id']}/submit", "cd_tech1", {"version": claim["version"]})
        assert submitted.status == 200, submitted.body
        approved = api.post(f"/api/claims/{claim['id']}/decide", "cd_manager",
                            {"decision": "approve", "version": submitted.body["version"]})
        assert approved.status == 200 and approved.body["state"] == "manager_approved", approved.body
        # meanwhile CD's budget stops with 50 元 left of 技术支持费用
        set_room(api, "CD", year, "support", 5000, stop=True)
        try:
            refused_in_the_browser(office, api, claim, year)
        finally:
            set_room(api, "CD", year, "support", 5_000_000, stop=False)


def refused_in_the_browser(office: Page, api, claim: dict, year: int) -> None:
    """Head office approves a claim the stopped budget cannot take: what remains, and the way to
    the budget page."""
    office.goto(f"/claims/{claim['id']}")
    note = office.get_by_test_id("claim-budget")
    expect(note).to_have_attribute("data-would-exceed", "yes")
    expect(note).to_contain_text(fen(5000))
    office.get_by_test_id("claim-approve").click()
    office.get_by_test_id("claim-decide-form").get_by_test_id("claim-decide-submit").click()
    refused = office.get_by_test_id("claim-exceeded")
    expect(refused).to_contain_text("剩余预算 " + fen(5000))
    expect(refused).to_contain_text("技术支持费用")
    expect(office.get_by_test_id("claim-page")).to_have_attribute("data-state", "manager_approved")
    shot(office, "claims-desk-exceeded-zh")
    assert claim_of(api, claim["id"], "hq_admin")["state"] == "manager_approved"
    refused.get_by_test_id("claim-exceeded-budgets").click()
    office.wait_for_url(f"**/budgets?outlet=CD&year={year}")
    expect(office.get_by_test_id("budget-support-remaining")).to_have_text(fen(5000))


def test_a_trip_line_of_an_order_is_booked_by_travel_claim_not_by_its_fee_sheet(page_factory, api, new_order,
                                                                                walk):
    order = dispatched_order(new_order, walk)
    path = f"/api/work-orders/{order['id']}/fees"
    sheet = api.get(path, "sz_manager").body
    reply = api.call("PUT", path, "sz_manager", {"version": sheet["version"], "lines": [
        {"kind": "labour", "quantity": 2}, {"kind": "travel", "quantity": 1, "reason": "往返车费"}]})
    assert reply.status == 200, reply.body
    lines = reply.body["lines"]
    assert [line["cost_source"] for line in lines] == ["sheet", "claim"] and lines[1]["cost_fen"] == 0

    manager = page_factory(**DESKTOP)
    login(manager, "sz_manager", land=False)
    open_order(manager, order)
    card = manager.get_by_test_id("fee-card")
    expect(card.get_by_test_id("fee-line-cost-0")).to_have_attribute("data-source", "sheet")
    expect(card.get_by_test_id("fee-line-cost-0")).to_contain_text(fen(lines[0]["cost_fen"]))
    expect(card.get_by_test_id("fee-line-cost-1")).to_have_attribute("data-source", "claim")
    expect(card.get_by_test_id("fee-line-cost-1")).to_have_text("按报销单入账")
    manager.get_by_test_id("lang-switch").click()
    expect(card.get_by_test_id("fee-line-cost-1")).to_have_text("Booked by travel claim")
