"""预算管理 (issue 17) in the browser: head office sets SZ's budget of a year with "stop"; the
SZ manager books spends until one would exceed and is refused with what remains, files a
费用增加申请 from the refusal; head office approves it; the same booking then passes. Head
office works in English, the manager in Chinese. A year no other test uses keeps the figures
this test's own."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.helpers import login
from tests.e2e.warranty_steps import fen

DESKTOP = {"width": 1366, "height": 860}
ENGLISH = "localStorage.setItem('fuwu.lang', 'en-US')"
YEAR = "2030"


def budget_of(api, user: str = "sz_manager") -> dict:
    reply = api.get(f"/api/budgets?year={YEAR}" + ("&outlet=SZ" if user == "hq_admin" else ""), user)
    assert reply.status == 200, reply.body
    (budget,) = [b for b in reply.body["items"] if b["outlet"] == "SZ"]
    return budget


def book(page: Page, amount: str, note: str) -> None:
    form = page.get_by_test_id("budget-spend-form")
    page.get_by_test_id("budget-spend-category").click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option", has_text="维修费用").first.click()
    expect(page.get_by_test_id("budget-spend-category")).to_contain_text("维修费用")
    form.get_by_test_id("budget-spend-amount").fill(amount)
    form.get_by_test_id("budget-spend-note").fill(note)
    form.get_by_test_id("budget-spend-submit").click()


def test_head_office_sets_a_stop_budget_the_manager_is_refused_then_raised(page_factory, api):
    office = page_factory(**DESKTOP)
    office.context.add_init_script(ENGLISH)
    login(office, "hq_admin", land=False)
    office.goto(f"/budgets?outlet=SZ&year={YEAR}")
    expect(office.get_by_test_id("budget-year")).to_contain_text(YEAR)
    office.get_by_test_id("budget-set").click()
    form = office.get_by_test_id("budget-set-form")
    expect(form).to_contain_text("Repairs")
    form.get_by_test_id("budget-limit-repair").fill("1000")
    form.get_by_test_id("budget-stop").click()
    expect(form.get_by_test_id("budget-stop")).to_have_attribute("aria-checked", "true")
    form.get_by_test_id("budget-set-submit").click()
    expect(form).to_have_count(0)
    card = office.get_by_test_id("budget-card")
    expect(card.get_by_test_id("budget-stop-tag")).to_have_text("Stops at the limit")
    expect(card.get_by_test_id("budget-repair-limit")).to_have_text(fen(100000))
    expect(card.get_by_test_id("budget-row-repair")).to_contain_text("Repairs")
    set_ = budget_of(api, "hq_admin")
    assert set_["stop"] is True and set_["categories"]["repair"]["limit_fen"] == 100000

    # the manager books 800 元 (80 %), then 300 元 would exceed: refused with what remains
    manager = page_factory(**DESKTOP)
    login(manager, "sz_manager", land=False)
    manager.goto(f"/budgets?year={YEAR}")
    card = manager.get_by_test_id("budget-card")
    expect(card.get_by_test_id("budget-repair-limit")).to_have_text(fen(100000))
    expect(manager.get_by_test_id("budget-set")).to_have_count(0)  # head office's
    book(manager, "800", "更换主轴承")
    expect(card.get_by_test_id("budget-repair-spent")).to_have_text(fen(80000))
    expect(card.get_by_test_id("budget-repair-used")).to_have_attribute("data-level", "warn")
    expect(card.get_by_test_id("budget-repair-remaining")).to_have_text(fen(20000))

    book(manager, "300", "更换齿轮箱")
    refused = manager.get_by_test_id("budget-exceeded")
    expect(refused).to_contain_text("剩余预算 ¥200.00")
    expect(refused).to_contain_text("维修费用")
    assert budget_of(api)["categories"]["repair"]["spent_fen"] == 80000  # nothing booked

    # a 费用增加申请 for the category, from the refusal
    refused.get_by_test_id("budget-exceeded-request").click()
    request_form = manager.get_by_test_id("budget-request-form")
    expect(request_form.get_by_test_id("budget-request-category")).to_contain_text("维修费用")
    request_form.get_by_test_id("budget-request-amount").fill("500")
    request_form.get_by_test_id("budget-request-reason").fill("齿轮箱大修超出年初预算")
    request_form.get_by_test_id("budget-request-submit").click()
    expect(request_form).to_have_count(0)
    requests = api.get(f"/api/budgets/SZ/{YEAR}/requests", "sz_manager").body["items"]
    (request,) = requests
    assert request["state"] == "pending" and request["amount_fen"] == 50000
    row = manager.get_by_test_id(f"budget-request-{request['id']}")
    expect(row.get_by_test_id("budget-request-state")).to_have_text("待总部审批")
    expect(row.get_by_test_id("budget-request-approve")).to_have_count(0)  # head office's

    # head office approves it (in English): the category is raised by 500 元
    office.get_by_test_id("budget-refresh").click()
    row = office.get_by_test_id(f"budget-request-{request['id']}")
    expect(row.get_by_test_id("budget-request-state")).to_have_text("Awaiting head office")
    row.get_by_test_id("budget-request-approve").click()
    decide = office.get_by_test_id("budget-decide-form")
    expect(decide).to_contain_text("Repairs: add ¥500.00")
    decide.get_by_test_id("budget-decide-submit").click()
    expect(decide).to_have_count(0)
    expect(row.get_by_test_id("budget-request-state")).to_have_text("Approved")
    expect(office.get_by_test_id("budget-repair-raised")).to_have_text(fen(50000))

    # the same booking now passes
    manager.get_by_test_id("budget-refresh").click()
    expect(card.get_by_test_id("budget-repair-raised")).to_have_text(fen(50000))
    book(manager, "300", "更换齿轮箱")
    expect(card.get_by_test_id("budget-repair-spent")).to_have_text(fen(110000))
    expect(card.get_by_test_id("budget-repair-remaining")).to_have_text(fen(40000))
    expect(manager.get_by_test_id("budget-exceeded")).to_have_count(0)
    after = budget_of(api)["categories"]["repair"]
    assert after["spent_fen"] == 110000 and after["raised_fen"] == 50000


def test_use_is_rounded_down_and_a_limit_changed_meanwhile_is_not_overwritten(page_factory, api):
    year = "2031"  # this test's own year
    path = f"/api/budgets/SZ/{year}"

    def current() -> dict:
        reply = api.get(f"/api/budgets?year={year}&outlet=SZ", "hq_admin")
        assert reply.status == 200, reply.body
        (budget,) = [b for b in reply.body["items"] if b["outlet"] == "SZ"]
        return budget

    def set_limits(version: int, repair_fen: int) -> dict:
        reply = api.call("PUT", path, "hq_admin", {"version": version, "stop": False,
                                                   "categories": {"repair": {"limit_fen": repair_fen}}})
        assert reply.status == 200, reply.body
        return current()

    first = set_limits(current()["version"], 100000)
    # 799.96 元 of 1,000 元: 79.996 % (the server's rate, to 4 decimals, reads 0.8): shown 79 %, not warned
    spent = api.call("POST", f"{path}/spend", "sz_manager", {"category": "repair", "amount_fen": 79996},
                     headers={"Idempotency-Key": f"e2e-budget-{year}-79996"})
    assert spent.status in (200, 201), spent.body

    office = page_factory(**DESKTOP)
    login(office, "hq_admin", land=False)
    office.goto(f"/budgets?outlet=SZ&year={year}")
    card = office.get_by_test_id("budget-card")
    expect(card.get_by_test_id("budget-repair-spent")).to_have_text(fen(79996))
    used = card.get_by_test_id("budget-repair-used")
    expect(used).to_have_attribute("data-percent", "79")
    expect(used).to_have_attribute("data-level", "ok")
    expect(used).to_contain_text("79%")
    expect(used).not_to_contain_text("80%")

    # head office opens 设定预算 on 1,000 元; meanwhile another change makes it 2,000 元 and the
    # page reads the budget again behind the open dialog
    office.get_by_test_id("budget-set").click()
    form = office.get_by_test_id("budget-set-form")
    expect(form.get_by_test_id("budget-limit-repair")).to_have_value("1000.00")
    theirs = set_limits(current()["version"], 200000)
    assert theirs["version"] != first["version"]
    office.context.set_offline(True)
    office.context.set_offline(False)
    expect(card).to_have_attribute("data-version", str(theirs["version"]))

    # the dialog's values go with the version it opened on: refused as stale, nothing overwritten
    form.get_by_test_id("budget-limit-maintenance").fill("500")
    form.get_by_test_id("budget-set-submit").click()
    expect(office.locator(".ant-message")).to_contain_text("预算已被他人修改")
    expect(form).to_have_count(0)
    now = current()
    assert now["version"] == theirs["version"]
    assert now["categories"]["repair"]["limit_fen"] == 200000
    assert now["categories"]["maintenance"]["limit_fen"] == theirs["categories"]["maintenance"]["limit_fen"]
    expect(card.get_by_test_id("budget-repair-limit")).to_have_text(fen(200000))
    expect(used).to_have_attribute("data-percent", "39")
