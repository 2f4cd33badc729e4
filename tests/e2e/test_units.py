"""The installed base in the browser (issue 13): head office's warranty terms and price list
(prices typed in yuan, kept in fen; a save over someone else's is refused and reloaded), a manager
registering a unit and reading its last covered days, the unit page and its terms change on a
375 px phone, the Excel import with a bad row, and the terms page in English.

Each test makes its own model template (a model name of its own: the network's default is left
alone, other tests' units depend on it), customer and serial numbers through the API."""

from __future__ import annotations

import random
import time
import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from openpyxl import Workbook, load_workbook
from playwright.sync_api import Page, expect

from infra.local.queues import drain
from tests.e2e.helpers import login, no_horizontal_scroll

PHONE = {"width": 375, "height": 812, "mobile": True}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
IMPORT_TIMEOUT = 60.0  # s: queued → done through the worker, and the SPA's polling

PRICES = {"labour_hour": 8000, "call_out": 10000, "travel_km": 200, "lodging_night": 20000,
          "meals_day": 8000, "allowance_day": 5000}
GROUPS = [
    {"code": "whole", "name": "整机", "months": 12, "components": []},
    {"code": "major", "name": "主要部件", "months": 24, "components": ["变速箱壳体", "机架"]},
    {"code": "electrics", "name": "启动机、发电机、电瓶", "months": 3,
     "components": ["启动机", "发电机", "电瓶"]},
]


def _unique(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:8].upper()}"


def _model_template(api, groups=GROUPS) -> str:
    """A model of this test's own with the seed's default groups (head office, through the API)."""
    model = _unique("E2E-4LZ-")
    reply = api.call("PUT", f"/api/warranty/templates/models/{model}", "hq_admin", {
        "version": None, "start_basis": "delivery", "groups": groups,
        "exclusions": ["misuse", "no_invoice"], "prices": PRICES})
    assert reply.status == 200, reply.body
    return model


def _customer(api) -> dict:
    reply = api.post("/api/customers", "sz_agent", {
        "name": _unique("产品档案测试客户"), "phone": f"139{random.randint(10_000_000, 99_999_999)}",
        "address": "深圳市南山区测试路 8 号", "site": {"name": "一号仓库", "address": "测试路 8 号"}})
    assert reply.status == 201, reply.body
    return reply.body


def _template(api, model: str) -> dict:
    body = api.get("/api/warranty/templates", "hq_admin").body
    return next(t for t in body["models"] if t["model"] == model)


def _today_shanghai() -> str:
    return datetime.now(ZoneInfo("Asia/Shanghai")).date().isoformat()


def _status(last_day: str) -> str:
    """What the unit page's tag says of a group, relative to today in the outlets' time zone."""
    return "在保" if last_day >= _today_shanghai() else "已过期"


def _pick_date(page: Page, test_id: str, day: str) -> None:
    picker = page.get_by_test_id(test_id)
    picker.click()
    picker.fill(day)
    picker.press("Enter")
    expect(picker).to_have_value(day)


# ---------------------------------------------------------------- terms and prices

def test_head_office_keeps_a_models_terms_and_prices_in_yuan_saved_as_fen(page_factory, api):
    model = _unique("E2E-HQ-")
    page = page_factory()
    login(page, "hq_admin")
    page.get_by_test_id("menu-warrantyTemplates").click()
    expect(page.get_by_test_id("template-editor-default")).to_be_visible()

    # a new model's terms start as a copy of the network's default
    page.get_by_test_id("template-add-model").click()
    page.get_by_test_id("template-new-model-name").fill(model)
    page.get_by_test_id("template-new-model-ok").click()
    editor = page.get_by_test_id(f"template-editor-{model}")
    expect(editor).to_be_visible()
    expect(editor.get_by_test_id("template-meta")).to_contain_text("第 1 版")

    # a price with three decimals is refused on the field, nothing is sent
    editor.get_by_test_id("template-price-labour_hour").fill("95.555")
    editor.get_by_test_id("template-save").click()
    expect(editor).to_contain_text("最多两位小数")

    editor.get_by_test_id("template-price-labour_hour").fill("95.5")
    editor.get_by_test_id("template-price-travel_km").fill("2.05")
    electrics = editor.locator("[data-code='electrics']")
    electrics.locator("[data-testid$='-months']").fill("6")
    editor.get_by_label("交付").check()
    with page.expect_response(lambda r: f"/api/warranty/templates/models/{model}" in r.url
                              and r.request.method == "PUT") as saved:
        editor.get_by_test_id("template-save").click()
    assert saved.value.status == 200, saved.value.text()
    editor = page.get_by_test_id(f"template-editor-{model}")
    expect(editor.get_by_test_id("template-meta")).to_contain_text("第 2 版")

    stored = _template(api, model)
    assert stored["prices"]["labour_hour"] == 9550  # 95.5 元, integer fen
    assert stored["prices"]["travel_km"] == 205
    assert next(g for g in stored["groups"] if g["code"] == "electrics")["months"] == 6

    # someone else saves meanwhile: this save is refused and the page offers to reload
    other = api.call("PUT", f"/api/warranty/templates/models/{model}", "hq_admin", {
        "version": stored["version"], "start_basis": stored["start_basis"],
        "groups": stored["groups"], "exclusions": stored["exclusions"],
        "prices": {**stored["prices"], "call_out": 12345}})
    assert other.status == 200, other.body
    editor.get_by_test_id("template-price-meals_day").fill("70")
    editor.get_by_test_id("template-save").click()
    expect(editor.get_by_test_id("template-stale")).to_be_visible()
    assert _template(api, model)["prices"]["meals_day"] == 8000  # the refused save changed nothing
    editor.get_by_test_id("template-reload").click()
    editor = page.get_by_test_id(f"template-editor-{model}")
    expect(editor.get_by_test_id("template-price-call_out")).to_have_value("123.45")
    expect(editor.get_by_test_id("template-meta")).to_contain_text("第 3 版")


def test_the_terms_page_in_english_is_read_only_for_a_manager(page_factory, api):
    model = _model_template(api)
    page = page_factory()
    page.context.add_init_script(ENGLISH)
    login(page, "sz_manager")
    page.get_by_test_id("menu-warrantyTemplates").click()
    expect(page.get_by_role("heading", name="Warranty terms & prices")).to_be_visible()
    page.get_by_test_id(f"template-tab-{model}").click()
    editor = page.get_by_test_id(f"template-editor-{model}")
    # the vocabulary's English names: start basis, exclusions, price items
    expect(editor.get_by_label("delivery")).to_be_checked()
    expect(editor.get_by_label("delivery")).to_be_disabled()
    expect(editor).to_contain_text("No warranty card or valid invoice")
    expect(editor).to_contain_text("Labour (per hour)")
    expect(editor.get_by_test_id("template-price-labour_hour")).to_have_value("80.00")
    expect(editor.get_by_test_id("template-price-labour_hour")).to_be_disabled()
    expect(editor.get_by_test_id("template-save")).to_have_count(0)
    expect(page.get_by_test_id("template-add-model")).to_have_count(0)


# ---------------------------------------------------------------- registering a unit

def test_a_manager_registers_a_unit_and_sees_each_groups_last_covered_day(page_factory, api):
    model = _model_template(api)
    customer = _customer(api)
    serial = _unique("SN-")
    page = page_factory()
    login(page, "sz_manager")
    page.get_by_test_id("menu-units").click()
    page.get_by_test_id("units-register").click()

    page.get_by_test_id("customer-search").fill(customer["name"])
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text=customer["name"]).click()
    page.get_by_test_id("register-model").fill(model)
    page.get_by_test_id("register-serial").fill(serial)
    page.get_by_test_id("register-invoice-no").fill("FP-2025-001")
    _pick_date(page, "register-invoice-date", "2025-11-28")
    _pick_date(page, "register-delivered-on", "2025-12-01")
    page.get_by_test_id("register-source").get_by_text("代理商/经销商").click()
    page.get_by_test_id("register-dealer").fill("农机代理一号")
    page.get_by_test_id("register-submit").click()

    # the new unit's page: terms copied from the model's template, last day per group
    expect(page.get_by_test_id("unit-serial")).to_have_text(serial)
    expect(page.get_by_test_id("unit-facts")).to_contain_text("农机代理一号")
    expect(page.get_by_test_id("unit-facts")).to_contain_text("2025-11-28")
    expect(page.get_by_test_id("unit-terms")).to_contain_text("自交付日 2025-12-01 起算")
    for code, last_day in (("electrics", "2026-02-28"), ("major", "2027-11-30"), ("whole", "2026-11-30")):
        expect(page.get_by_test_id(f"terms-last-day-{code}")).to_have_text(last_day)
        expect(page.get_by_test_id(f"terms-status-{code}")).to_have_text(_status(last_day))
    expect(page.get_by_test_id("unit-contract")).to_contain_text("无")
    expect(page.get_by_test_id("unit-record")).to_contain_text("暂无维修记录")
    expect(page.get_by_test_id("unit-event-register")).to_contain_text("王强")

    # the same serial again at this outlet: refused, said on the serial field
    page.get_by_test_id("menu-units").click()
    page.get_by_test_id("units-register").click()
    page.get_by_test_id("customer-search").fill(customer["name"])
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text=customer["name"]).click()
    page.get_by_test_id("register-model").fill(model)
    page.get_by_test_id("register-serial").fill(serial)
    equipment = f"/api/customers/{customer['id']}/equipment"
    with page.expect_response(lambda r: r.url.endswith(equipment)) as refused:
        page.get_by_test_id("register-submit").click()
    assert refused.value.status == 409
    expect(page.get_by_test_id("register-form")).to_contain_text("已在本网点登记")
    page.keyboard.press("Escape")

    # the list finds it by the serial's first characters and links to its page
    page.get_by_test_id("units-search").fill(serial[:7])
    page.get_by_test_id(f"unit-link-{serial}").click()
    expect(page.get_by_test_id("unit-serial")).to_have_text(serial)


def test_the_unit_page_on_a_phone_with_a_terms_extension(page_factory, api):
    model = _model_template(api)
    customer = _customer(api)
    serial = _unique("SN-")
    reply = api.post(f"/api/customers/{customer['id']}/equipment", "sz_agent", {
        "model": model, "serial_no": serial, "site_id": customer["sites"][0]["id"],
        "delivered_on": "2025-12-01", "invoice_no": "FP-9", "source": "own"})
    assert reply.status == 201, reply.body
    unit = reply.body

    page = page_factory(**PHONE)
    login(page, "sz_manager", land=False)
    page.goto(f"/customers/{customer['id']}/units/{unit['id']}")
    expect(page.get_by_test_id("unit-serial")).to_have_text(serial)
    expect(page.get_by_test_id("terms-last-day-electrics")).to_have_text("2026-02-28")
    assert no_horizontal_scroll(page)

    # a promotion: the electrics' term from 3 to 6 months, with a reason, on the unit's trail
    page.get_by_test_id("unit-change-terms").click()
    page.get_by_test_id("terms-months-electrics").fill("6")
    page.get_by_test_id("terms-reason").fill("2025 冬季促销延保")
    page.get_by_test_id("terms-submit").click()
    expect(page.get_by_test_id("terms-last-day-electrics")).to_have_text("2026-05-31")
    expect(page.get_by_test_id("terms-status-electrics")).to_have_text(_status("2026-05-31"))
    event = page.get_by_test_id("unit-event-change_terms")
    expect(event).to_contain_text("2025 冬季促销延保")
    expect(event).to_contain_text("3 → 6")
    assert no_horizontal_scroll(page)


# ---------------------------------------------------------------- the Excel import

def _sheet(path, customer: dict, model: str, serials: list[str]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["客户名称", "客户电话", "现场名称", "型号", "出厂编号", "交付日期", "来源"])
    sheet.append([customer["name"], customer["phone"], "一号仓库", model, serials[0], "2025-12-01", "自营"])
    sheet.append([customer["name"], customer["phone"], "一号仓库", model, "", "2025-12-01", "自营"])
    sheet.append([customer["name"], customer["phone"], "二号仓库", model, serials[1], "2025-12-02", "代理"])
    book.save(path)


def _until_finished(page: Page, timeout: float = IMPORT_TIMEOUT) -> None:
    """Work the job queue (what the SQS trigger does on AWS) until the SPA shows the import done."""
    job = page.get_by_test_id("import-job")
    expect(job).to_be_visible()
    deadline = time.monotonic() + timeout
    while job.get_attribute("data-state") not in ("done", "failed"):
        assert time.monotonic() < deadline, f"import still {job.get_attribute('data-state')}"
        drain()
        page.wait_for_timeout(300)


def test_an_import_with_a_bad_row_imports_the_others_and_shows_the_rows_reason(page_factory, api, tmp_path):
    model = _model_template(api)
    customer = _customer(api)
    serials = [_unique("IMP-"), _unique("IMP-")]
    path = tmp_path / "units.xlsx"
    _sheet(path, customer, model, serials)

    page = page_factory()
    login(page, "sz_agent")
    page.get_by_test_id("menu-units").click()
    page.get_by_test_id("units-import-toggle").click()

    # the blank template: the import's columns, in the reader's language
    with page.expect_download() as blank:
        page.get_by_test_id("import-template").click()
    target = tmp_path / blank.value.suggested_filename
    blank.value.save_as(target)
    headers = [c.value for c in next(load_workbook(target).active.iter_rows(max_row=1))]
    columns = api.get("/api/unit-imports/sample", "sz_agent").body["columns"]
    assert headers == [c["zh"] for c in columns]

    with page.expect_response(lambda r: "/api/unit-imports/" in r.url
                              and r.url.endswith("/start")) as started:
        page.get_by_test_id("import-file").set_input_files(str(path))
    assert started.value.status == 202, started.value.text()
    import_id = started.value.json()["id"]
    _until_finished(page)

    job = page.get_by_test_id("import-job")
    expect(job).to_have_attribute("data-state", "done")
    expect(page.get_by_test_id("import-imported")).to_have_text("2")
    expect(page.get_by_test_id("import-failed")).to_have_text("1")
    reason = api.get(f"/api/unit-imports/{import_id}", "sz_agent").body["errors"]
    assert [e["row"] for e in reason] == [3]
    bad = page.get_by_test_id("import-error-3")
    expect(bad).to_contain_text("出厂编号")
    expect(bad).to_contain_text(reason[0]["message"])

    # the imported units are in the list, each linking to its page
    page.get_by_test_id("units-search").fill(serials[1])
    page.get_by_test_id(f"unit-link-{serials[1]}").click()
    expect(page.get_by_test_id("unit-serial")).to_have_text(serials[1])
    expect(page.get_by_test_id("terms-last-day-electrics")).to_have_text("2026-03-01")
