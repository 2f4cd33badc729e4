"""Issue 14, the keeper's warehouse in the browser: the catalogue found by pinyin initials ("qdj"
finds 启动机) and head office creating and editing a part (prices typed in yuan, kept in fen; a
save over someone else's is refused); a keeper receiving stock, reading the ledger and the
low-stock warning (库存预警); a count on a 375 px phone with a variance and its reason, and the
manager's approval (in English) posting the adjustment; a reorder suggestion ordered and a
transfer to Chengdu sent and received.

Each test makes its own parts (codes of its own) through the API; the count test first closes any
count left open in the Shenzhen warehouse (a warehouse has one count in progress at a time)."""

from __future__ import annotations

import random
import re
import uuid
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from chalicelib.kernel.store import keys
from chalicelib.modules.parts import reorder
from tests.e2e.helpers import choose, login, no_horizontal_scroll

PHONE = {"width": 375, "height": 812, "mobile": True}
DESKTOP = {"width": 1366, "height": 768}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
HQ, KEEPER, MANAGER = "hq_admin", "sz_warehouse", "sz_manager"
WAREHOUSE = "/api/parts/warehouses/SZ"


def _code(prefix: str = "E2E-WH-") -> str:
    return f"{prefix}{uuid.uuid4().hex[:8].upper()}"


def _part(api, name: str | None = None, cost_fen: int = 4550, list_price_fen: int = 8000) -> dict:
    code = _code()
    reply = api.post("/api/parts", HQ, {
        "code": code, "name": name or f"测试配件{code[-4:]}", "unit": "件",
        "list_price_fen": list_price_fen, "cost_fen": cost_fen})
    assert reply.status == 201, reply.body
    return reply.body


def _receive(api, code: str, quantity: int) -> dict:
    reply = api.post(f"{WAREHOUSE}/stock/{code}/movements", KEEPER,
                     {"movement": "receive", "quantity": quantity, "note": None, "reference": None})
    assert reply.status == 200, reply.body
    return reply.body


def _line(api, code: str) -> dict:
    reply = api.get(f"{WAREHOUSE}/stock/{code}", KEEPER)
    assert reply.status == 200, reply.body
    return reply.body


def _close_open_count(api) -> None:
    """A count another test left open in SZ: every line given a reason, submitted, approved."""
    latest = api.get(f"{WAREHOUSE}/counts?limit=1", KEEPER).body["items"]
    if not latest or latest[0]["state"] == "approved":
        return
    count = latest[0]
    base = f"{WAREHOUSE}/counts/{count['id']}"
    if count["state"] == "counting":
        lines = api.get(base, KEEPER).body["lines"]
        counted = {line["code"] for line in lines}
        for line in lines:
            if line["variance"] and not line["reason"]:
                api.call("PUT", f"{base}/lines/{line['code']}", KEEPER,
                         {"counted": line["counted"], "reason": "e2e cleanup"})
        for code in count["codes"] or []:
            if code not in counted:
                book = api.get(f"{WAREHOUSE}/stock/{code}", KEEPER).body["stock"]["on_hand"]
                api.call("PUT", f"{base}/lines/{code}", KEEPER, {"counted": book, "reason": "e2e"})
        reply = api.post(f"{base}/actions/submit", KEEPER, {"version": count["version"]})
        assert reply.status == 200, reply.body
        count = reply.body["count"]
    reply = api.post(f"{base}/actions/approve", MANAGER, {"version": count["version"]})
    assert reply.status == 200, reply.body


def _pick_part(page: Page, test_id: str, code: str) -> None:
    """Search the part picker by its code and choose the part."""
    page.get_by_test_id(test_id).click()
    page.keyboard.type(code)
    page.get_by_test_id(f"part-option-{code}").click()


def test_catalogue_finds_by_pinyin_and_head_office_creates_and_edits_a_part(page_factory, api):
    # a 启动机 of this test's own: its initials begin "qdj", the rest tells it from the others
    tail = "".join(random.choice("甲乙丙丁戊庚辛壬癸") for _ in range(6))
    mine = _part(api, name=f"启动机{tail}")
    assert mine["initials"].startswith("qdj")

    page = page_factory(**DESKTOP)
    login(page, KEEPER)
    page.get_by_test_id("menu-partsCatalogue").click()
    expect(page).to_have_url(re.compile(r"/parts$"))
    expect(page.get_by_test_id("part-new")).to_have_count(0)  # the keeper reads only
    search = page.get_by_test_id("parts-search")
    search.fill("qdj")
    expect(page.get_by_test_id("parts-table")).to_contain_text("启动机")
    search.fill(mine["initials"])
    row = page.get_by_test_id(f"part-row-{mine['code']}")
    expect(row).to_contain_text(mine["name"])
    expect(row).to_contain_text("¥80.00")

    # head office creates a part, prices typed in yuan
    hq = page_factory(**DESKTOP)
    login(hq, HQ, land=False)
    hq.goto("/parts")
    hq.get_by_test_id("part-new").click()
    code = _code("E2E-NEW-")
    hq.get_by_test_id("part-code").fill(code.lower())  # stored in upper case
    hq.get_by_test_id("part-name").fill("发电机皮带")
    hq.get_by_test_id("part-unit").fill("条")
    hq.get_by_test_id("part-list-price").fill("80.5")
    hq.get_by_test_id("part-cost").fill("45.55")
    hq.get_by_test_id("part-expensive").click()
    hq.get_by_test_id("part-save").click()
    expect(hq.get_by_test_id("part-form")).to_be_hidden()
    made = api.get(f"/api/parts/{code}", KEEPER).body
    assert (made["list_price_fen"], made["cost_fen"], made["expensive"]) == (8050, 4555, True)

    # head office edits it; a save over someone else's change is refused
    hq.get_by_test_id("parts-search").fill(code)
    edited = hq.get_by_test_id(f"part-row-{code}")
    expect(edited).to_contain_text("¥80.50")
    expect(edited.get_by_test_id(f"part-expensive-{code}")).to_be_visible()
    edited.get_by_test_id(f"part-edit-{code}").click()
    expect(hq.get_by_test_id("part-code")).to_be_disabled()
    hq.get_by_test_id("part-list-price").fill("1234.5")
    hq.get_by_test_id("part-save").click()
    expect(hq.get_by_test_id("part-form")).to_be_hidden()
    expect(edited).to_contain_text("¥1,234.50")
    saved = api.get(f"/api/parts/{code}", KEEPER).body
    assert saved["list_price_fen"] == 123450 and saved["cost_fen"] == 4555

    edited.get_by_test_id(f"part-edit-{code}").click()
    meanwhile = api.call("PUT", f"/api/parts/{code}", HQ, {
        "name": saved["name"], "unit": saved["unit"], "list_price_fen": 99900,
        "cost_fen": saved["cost_fen"], "version": saved["version"]})
    assert meanwhile.status == 200, meanwhile.body
    hq.get_by_test_id("part-cost").fill("50")
    hq.get_by_test_id("part-save").click()
    expect(hq.get_by_test_id("part-stale")).to_be_visible()
    assert api.get(f"/api/parts/{code}", KEEPER).body["cost_fen"] == 4555


def test_keeper_receives_stock_reads_the_ledger_and_the_low_warning(page_factory, api):
    part = _part(api, name="机油滤清器")
    code = part["code"]
    page = page_factory(**DESKTOP)
    login(page, KEEPER)
    page.get_by_test_id("menu-partsStock").click()
    expect(page).to_have_url(re.compile(r"/parts/stock"))

    # a part the warehouse never held: its line starts at zero
    _pick_part(page, "stock-find-part", code)
    drawer = page.get_by_test_id("stock-drawer")
    expect(drawer.get_by_test_id("stock-no-line")).to_be_visible()
    expect(drawer.get_by_test_id("figure-on_hand")).to_have_text("0")

    # settings: reorder at 5, up to 20, in bin A-01-02
    drawer.get_by_test_id("drawer-tab-settings").click()
    drawer.get_by_test_id("settings-reorder").fill("5")
    drawer.get_by_test_id("settings-max").fill("20")
    drawer.get_by_test_id("settings-bin").fill("A-01-02")
    drawer.get_by_test_id("settings-save").click()
    expect(drawer.get_by_test_id("figure-reorder_point")).to_have_text("5")

    # 采购入库 of 3
    drawer.get_by_test_id("drawer-tab-receive").click()
    drawer.get_by_test_id("receive-quantity").fill("3")
    drawer.get_by_test_id("receive-reference").fill("PO-2026-0042")
    drawer.get_by_test_id("receive-submit").click()
    expect(drawer.get_by_test_id("figure-on_hand")).to_have_text("3")
    # 3 + 0 − 0 below the reorder point 5: the warning
    expect(drawer.get_by_test_id(f"stock-low-{code}")).to_contain_text("库存预警")

    drawer.get_by_test_id("drawer-tab-ledger").click()
    newest = drawer.get_by_test_id("ledger-entry").first
    expect(newest).to_have_attribute("data-movement", "receive")
    expect(newest.get_by_test_id("ledger-movement")).to_have_text("采购入库")
    expect(newest.get_by_test_id("ledger-quantity")).to_have_text("3")
    expect(newest.get_by_test_id("ledger-deltas")).to_contain_text("在库 +3")
    expect(newest.get_by_test_id("ledger-after")).to_contain_text("在库 3")
    expect(newest.get_by_test_id("ledger-by")).to_have_text("赵敏")
    line = _line(api, code)
    assert line["stock"]["on_hand"] == 3 and line["stock"]["bin"] == "A-01-02"
    assert [e["movement"] for e in line["ledger"]] == ["receive"]
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()

    # the warnings filter (库存预警) with the code: the line is there, tagged
    page.get_by_test_id("stock-q").fill(code)
    page.get_by_test_id("stock-low-only").click()
    row = page.get_by_test_id(f"stock-row-{code}")
    expect(row).to_have_attribute("data-low", "true")
    expect(row.get_by_test_id(f"stock-low-{code}")).to_be_visible()
    expect(row.get_by_test_id(f"stock-on_hand-{code}")).to_have_text("3")

    # two more arrive: 5 is not below 5, the warning goes
    _receive(api, code, 2)
    page.reload()
    expect(page.get_by_test_id("stock-table")).to_contain_text("没有库存预警")
    expect(page.get_by_test_id(f"stock-row-{code}")).to_have_count(0)
    page.get_by_test_id("stock-low-only").click()
    expect(page.get_by_test_id(f"stock-row-{code}")).to_have_attribute("data-low", "false")
    expect(page.get_by_test_id(f"stock-on_hand-{code}")).to_have_text("5")


def test_a_count_on_a_phone_with_a_variance_and_the_managers_approval(page_factory, api):
    _close_open_count(api)
    part = _part(api, name="启动机碳刷", cost_fen=2300)
    code = part["code"]
    _receive(api, code, 8)

    phone = page_factory(**PHONE)
    login(phone, KEEPER, land=False)
    phone.goto("/parts/counts")
    phone.get_by_test_id("count-start").click()
    phone.get_by_test_id("count-start-codes").click()
    phone.keyboard.type(f"{code},")  # a separator makes the tag
    expect(phone.get_by_test_id("count-start-codes")).to_contain_text(code)
    phone.get_by_test_id("count-start-ok").click()
    expect(phone).to_have_url(re.compile(r"/parts/counts/ct"))
    expect(phone.get_by_test_id("count-state")).to_have_text("盘点中")

    # 7 on the shelf where the book says 8: the reason is asked for
    phone.get_by_test_id("count-code").fill(code.lower())
    phone.get_by_test_id("count-code").press("Enter")
    phone.get_by_test_id("count-counted").fill("7")
    phone.get_by_test_id("count-save").click()
    expect(phone.get_by_test_id("count-needs-reason")).to_contain_text("账面 8，实盘 7，差异 −1")
    line = phone.get_by_test_id(f"count-line-{code}")
    expect(line.get_by_test_id(f"line-no-reason-{code}")).to_be_visible()
    assert no_horizontal_scroll(phone)

    # submitting without the reason is refused, naming the line
    phone.get_by_test_id("count-submit").click()
    phone.get_by_test_id("count-confirm-submit").click()
    expect(phone.get_by_test_id("count-missing-reasons")).to_contain_text(code)
    expect(phone.get_by_test_id("count-state")).to_have_text("盘点中")

    phone.get_by_test_id("count-reason").fill("包装破损，一件报废")
    phone.get_by_test_id("count-save").click()
    expect(phone.get_by_test_id("count-needs-reason")).to_be_hidden()
    expect(line.get_by_test_id(f"line-reason-{code}")).to_have_text("包装破损，一件报废")
    expect(line.get_by_test_id(f"line-book-{code}")).to_have_text("8")
    expect(line.get_by_test_id(f"line-counted-{code}")).to_have_text("7")
    expect(line.get_by_test_id(f"line-variance-{code}")).to_have_text("−1")
    expect(line.get_by_test_id(f"line-value-{code}")).to_have_text("-¥23.00")
    expect(phone.get_by_test_id("count-variance-value")).to_have_text("-¥23.00")
    assert no_horizontal_scroll(phone)

    phone.get_by_test_id("count-submit").click()
    phone.get_by_test_id("count-confirm-submit").click()
    expect(phone.get_by_test_id("count-state")).to_have_text("待审批")
    expect(phone.get_by_test_id("count-entry")).to_have_count(0)
    expect(phone.get_by_test_id("count-approve")).to_have_count(0)  # the manager's step
    address = urlsplit(phone.url)
    count_path = f"{address.path}?{address.query}"

    # the manager approves, in English: the variance posts as an adjustment with its reason
    manager = page_factory(**PHONE)
    manager.context.add_init_script(ENGLISH)
    login(manager, MANAGER, land=False)
    manager.goto(count_path)
    expect(manager.get_by_test_id("count-state")).to_have_text("Awaiting approval")
    expect(manager.get_by_test_id(f"line-reason-{code}")).to_have_text("包装破损，一件报废")
    expect(manager.get_by_test_id("count-approve")).to_have_text("Approve and post")
    manager.get_by_test_id("count-approve").click()
    manager.get_by_test_id("count-confirm-approve").click()
    expect(manager.get_by_test_id("count-state")).to_have_text("Posted")
    assert no_horizontal_scroll(manager)

    line = _line(api, code)
    assert line["stock"]["on_hand"] == 7
    adjust = line["ledger"][0]
    assert (adjust["movement"], adjust["deltas"]["on_hand"], adjust["reason"]) == (
        "adjust", -1, "包装破损，一件报废")


def test_keeper_orders_a_suggestion_and_transfers_parts_to_another_outlet(page_factory, api):
    part = _part(api, name="喷油嘴")
    code = part["code"]
    reply = api.call("PUT", f"{WAREHOUSE}/stock/{code}/settings", KEEPER,
                     {"version": 0, "reorder_point": 5, "max_level": 20, "bin": None})
    assert reply.status == 200, reply.body
    _receive(api, code, 4)
    reorder.reorder_outlet("SZ", keys.utc_now())  # the nightly job, for this warehouse

    # 采购建议: 4 + 0 − 0 below 5 → up to 20, i.e. 16; ordering puts it on order
    page = page_factory(**DESKTOP)
    login(page, KEEPER, land=False)
    page.goto("/parts/stock?tab=suggestions")
    suggestion = page.get_by_test_id(f"suggestion-{code}")
    expect(suggestion.get_by_test_id(f"suggestion-quantity-{code}")).to_contain_text("16")
    expect(suggestion.get_by_test_id(f"suggestion-rule-{code}")).to_contain_text("16")
    suggestion.get_by_test_id(f"suggestion-order-{code}").click()
    expect(page.get_by_test_id("suggestion-order-quantity")).to_have_value("16")
    page.get_by_test_id("suggestion-order-ok").click()
    expect(suggestion).to_have_count(0)
    assert _line(api, code)["stock"]["on_order"] == 16

    # 调拨 of 2 to Chengdu: created, sent (in transit at both ends), received there
    page.goto("/parts/transfers")
    page.get_by_test_id("transfer-new").click()
    choose(page, "transfer-to", "CD · 成都服务站")  # the keeper picks from the network's warehouses
    _pick_part(page, "transfer-line-part-0", code)
    page.get_by_test_id("transfer-line-quantity-0").fill("2")
    page.get_by_test_id("transfer-create-ok").click()
    expect(page.get_by_test_id("transfer-create-ok")).to_be_hidden()
    sent = next(x for x in api.get("/api/parts/transfers?outlet=SZ&direction=out", KEEPER).body["items"]
                if x["lines"][0]["code"] == code)
    row = page.get_by_test_id(f"transfer-row-{sent['id']}")
    expect(row.get_by_test_id("transfer-state")).to_have_text("待发出")
    row.get_by_test_id(f"transfer-send-{sent['id']}").click()
    page.get_by_test_id("transfer-confirm-send").click()
    expect(row.get_by_test_id("transfer-state")).to_have_text("在途")
    here = _line(api, code)["stock"]
    assert (here["on_hand"], here["in_transit_out"]) == (2, 2)
    there = api.get(f"/api/parts/warehouses/CD/stock/{code}", "cd_warehouse").body["stock"]
    assert (there["on_hand"], there["in_transit_in"]) == (0, 2)

    chengdu = page_factory(**DESKTOP)
    login(chengdu, "cd_warehouse", land=False)
    chengdu.goto("/parts/transfers?direction=in")
    incoming = chengdu.get_by_test_id(f"transfer-row-{sent['id']}")
    expect(incoming).to_contain_text(f"{code}×2")
    incoming.get_by_test_id(f"transfer-receive-{sent['id']}").click()
    chengdu.get_by_test_id("transfer-confirm-receive").click()
    expect(incoming.get_by_test_id("transfer-state")).to_have_text("已收货")
    there = api.get(f"/api/parts/warehouses/CD/stock/{code}", "cd_warehouse").body["stock"]
    assert (there["on_hand"], there["in_transit_in"]) == (2, 0)
    assert _line(api, code)["stock"]["in_transit_out"] == 0
