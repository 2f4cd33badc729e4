"""The next step first (issue 12, items 3 and 12): on an order's page the action the state waits
for is the primary button and comes first, cancel comes last in danger style, corrections sit
under "more"; on a 375 px phone the next step is on screen without scrolling; the approve and
reject forms show the plan they decide on; the acceptance form shows the customer the repair
(cause, solution, parts, photos) above the signature pad; no action form shows a raw field
name, in Chinese or English (the browser opens every form in Chinese and a sample of the kinds
of field in English; every field's English and Chinese label is checked without a browser)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import HAPPY_PATH, STEP_DATA
from tests.e2e.helpers import login, no_horizontal_scroll, open_action

PHONE = {"width": 375, "height": 812, "mobile": True}
LANGS = {"zh": "zh-CN", "en": "en-US"}
CJK = re.compile(r"[\u4e00-\u9fff]")


def upto(action: str) -> list[str]:
    """The happy path up to and including `action`."""
    return HAPPY_PATH[:HAPPY_PATH.index(action) + 1]


def open_order(page: Page, order: dict) -> None:
    page.goto(f"/work-orders/{order['id']}")
    expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
    expect(page.get_by_test_id("order-actions")).to_have_attribute("data-ready", "true")


def bar_buttons(page: Page) -> list[dict]:
    """The action bar's buttons, in order, with their style."""
    return page.get_by_test_id("order-actions").locator("button[data-testid^='action-']").evaluate_all(
        "els => els.map(e => ({id: e.dataset.testid.slice('action-'.length),"
        " primary: e.classList.contains('ant-btn-primary'),"
        " danger: e.classList.contains('ant-btn-dangerous')}))")


def more_entries(page: Page) -> list[str]:
    """Open the "more" menu and read its entries; closes it again."""
    page.get_by_test_id("action-more").click()
    menu = page.locator(".ant-dropdown:visible")
    expect(menu).to_be_visible()
    names = menu.locator("[data-testid^='action-']").evaluate_all(
        "els => els.map(e => e.dataset.testid.slice('action-'.length))")
    page.keyboard.press("Escape")
    expect(menu).to_have_count(0)
    return names


def assert_next_first(page: Page, expected_next: str) -> list[dict]:
    buttons = bar_buttons(page)
    assert buttons[0] == {"id": expected_next, "primary": True, "danger": False}, buttons
    assert [b["id"] for b in buttons if b["primary"]] == [expected_next], buttons
    return buttons


# ---------------------------------------------------------------- the buttons

def test_the_next_step_is_primary_and_first_cancel_last_corrections_under_more(
        page_factory, api, new_order, walk):
    manager = page_factory(1366, 768)
    login(manager, "sz_manager", land=False)

    received = new_order()
    open_order(manager, received)
    buttons = assert_next_first(manager, "dispatch")
    assert buttons[-1] == {"id": "cancel", "primary": False, "danger": True}, buttons
    assert [b["id"] for b in buttons] == ["dispatch", "more", "cancel"], buttons
    assert more_entries(manager) == ["hold", "extend_clock", "correct_distance"]

    # the manager decides on a plan: approve first and primary, reject a plain button (a
    # decision, not destructive), cancel last
    submitted = walk(new_order(), upto("submit_plan"))
    open_order(manager, submitted)
    buttons = assert_next_first(manager, "approve_plan")
    assert buttons[1] == {"id": "reject_plan", "primary": False, "danger": False}, buttons
    assert buttons[-1] == {"id": "cancel", "primary": False, "danger": True}, buttons

    # after acceptance: the return visit is the agent's next step; correcting the distance is
    # no everyday action any more
    accepted = walk(new_order(), upto("accept"))
    agent = page_factory(1366, 768)
    login(agent, "sz_agent", land=False)
    open_order(agent, accepted)
    buttons = assert_next_first(agent, "return_visit")
    assert "correct_distance" not in [b["id"] for b in buttons]
    assert more_entries(agent) == ["correct_distance"]
    open_order(manager, accepted)  # the manager has no next step here: no primary button
    assert not [b for b in bar_buttons(manager) if b["primary"]]
    assert more_entries(manager) == ["hold", "correct_report", "extend_clock", "correct_distance"]
    # an entry of "more" opens its form
    open_action(manager, "correct_distance")
    expect(manager.get_by_test_id("field-distance_km")).to_be_visible()


def test_the_technicians_next_step_is_on_the_phone_screen_wherever_the_page_is_scrolled(
        page_factory, api, new_order, walk):
    order = walk(new_order(), upto("dispatch"))
    phone = page_factory(**PHONE)
    login(phone, "sz_tech1", land=False)
    open_order(phone, order)
    buttons = assert_next_first(phone, "contact")
    assert [b["id"] for b in buttons] == ["contact", "more"], buttons  # hold under "more"
    assert no_horizontal_scroll(phone)
    contact = phone.get_by_test_id("action-contact")

    def on_screen() -> bool:
        return contact.evaluate(
            "b => { const r = b.getBoundingClientRect();"
            " return r.top >= 0 && r.bottom <= window.innerHeight && r.height >= 32; }")

    assert phone.evaluate("window.scrollY") == 0
    assert on_screen()
    # the page is longer than the screen; the bar stays under the thumb while it scrolls
    assert phone.evaluate("document.documentElement.scrollHeight > window.innerHeight + 200")
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight / 2)")
    assert on_screen()
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    assert on_screen()
    contact.click()
    expect(phone.get_by_test_id("action-modal-contact")).to_be_visible()


# ---------------------------------------------------------------- what a decision shows

def test_approve_and_reject_show_the_plan_they_decide_on(page_factory, api, new_order, walk):
    order = walk(new_order(), upto("survey"))
    plan = {"measures": "化学清洗冷凝器并更换高压开关", "parts_tools": "高压开关、清洗泵",
            "estimated_hours": 6.5, "staff": ["张伟", "刘洋"],
            "planned_finish_at": "2026-11-25T10:00:00Z"}
    reply = api.act(order, "submit_plan", "sz_tech1", plan)
    assert reply.status == 200, reply.body
    manager = page_factory(1366, 768)
    login(manager, "sz_manager", land=False)
    open_order(manager, reply.body)
    for action in ("approve_plan", "reject_plan"):
        open_action(manager, action)
        modal = manager.get_by_test_id(f"action-modal-{action}")
        summary = modal.get_by_test_id("plan-summary")
        expect(summary).to_contain_text("待审批的维修方案")
        expect(summary.get_by_test_id("plan-measures")).to_have_text(plan["measures"])
        expect(summary.get_by_test_id("plan-parts_tools")).to_have_text(plan["parts_tools"])
        expect(summary.get_by_test_id("plan-estimated_hours")).to_have_text("6.5")
        expect(summary.get_by_test_id("plan-staff")).to_have_text("张伟、刘洋")
        expect(summary.get_by_test_id("plan-planned_finish_at")).to_contain_text("2026-11-25 18:00")
        for label in ("维修措施", "所需配件与工具", "预计工时", "参与人员", "计划完成时间"):
            expect(summary).to_contain_text(label)
        # the plan is above the comment the manager writes
        assert summary.bounding_box()["y"] < modal.get_by_test_id("field-comment").bounding_box()["y"]
        manager.get_by_test_id("action-dismiss").click()
        expect(modal).to_have_count(0)


def test_the_customer_sees_the_repair_above_the_signature_pad_on_the_phone(
        page_factory, api, new_order, walk):
    order = walk(new_order(), upto("complete"))  # with the completion photo the policy asks for
    phone = page_factory(**PHONE)
    login(phone, "sz_tech1", land=False)
    open_order(phone, order)
    open_action(phone, "accept")
    modal = phone.get_by_test_id("action-modal-accept")
    summary = modal.get_by_test_id("repair-summary")
    done = STEP_DATA["complete"]
    expect(summary.get_by_test_id("repair-fault_cause")).to_have_text(done["fault_cause"])
    expect(summary.get_by_test_id("repair-solution")).to_have_text(done["solution"])
    expect(summary.get_by_test_id("repair-parts_replaced")).to_have_text("接触器 CJX2-25 × 1")
    for label in ("故障原因", "解决方法", "更换配件"):
        expect(summary).to_contain_text(label)
    photo = summary.get_by_test_id("repair-photos").locator("img").first
    expect(photo).to_be_visible()
    phone.wait_for_function(
        "() => { const i = document.querySelector('[data-testid=repair-photos] img');"
        " return i && i.complete && i.naturalWidth > 0; }")
    pad = modal.get_by_test_id("signature-pad")
    expect(pad).to_be_visible()
    summary_box, pad_box, photo_box = summary.bounding_box(), pad.bounding_box(), photo.bounding_box()
    assert summary_box["y"] + summary_box["height"] <= pad_box["y"], (summary_box, pad_box)
    # readable on the phone: nothing wider than the screen, text not squeezed into a sliver
    assert summary_box["width"] >= 300 and summary_box["x"] + summary_box["width"] <= 375
    assert photo_box["width"] >= 64
    assert no_horizontal_scroll(phone)


# ---------------------------------------------------------------- labels, not field names

def field_names(schema: dict) -> set[str]:
    names: set[str] = set()
    for name, prop in (schema.get("properties") or {}).items():
        names.add(name)
        names |= field_names(prop)
    if isinstance(schema.get("items"), dict):
        names |= field_names(schema["items"])
    return names


def check_form(page: Page, action: str, names: set[str], lang: str) -> None:
    """Open the action's form; every label and placeholder is a word of the language, never a
    schema field name; no field name appears anywhere in the form."""
    open_action(page, action)
    modal = page.get_by_test_id(f"action-modal-{action}")
    if action == "complete":  # the part rows' fields show once a row is added
        modal.get_by_test_id("field-parts_replaced-add").click()
        expect(modal.get_by_test_id("field-parts_replaced.0.name")).to_be_visible()
    labels = [s.strip() for s in modal.locator(".ant-form-item-label label").all_inner_texts()]
    placeholders = modal.locator("input[placeholder], textarea[placeholder]").evaluate_all(
        "els => els.map(e => e.placeholder)")
    assert labels, action
    text = modal.inner_text()
    raw = [s for s in labels + placeholders if s in names or "_" in s]
    raw += [n for n in names if "_" in n and n in text]
    assert not raw, (lang, action, raw)
    for label in labels:
        assert bool(CJK.search(label)) is (lang == "zh"), (lang, action, label)
    page.get_by_test_id("action-dismiss").click()
    expect(modal).to_have_count(0)


def action_bar_schemas(api) -> dict[str, dict]:
    """The action bar's forms (a panel's actions have the panel's own forms and browser tests)."""
    return {a["name"]: a["schema"] for a in api.get("/api/lifecycle", "sz_manager").body["actions"]
            if a["group"] != "panel"}


# Along the walk, who opens which forms in each state: every action of the lifecycle once.
EVERY_FORM = {
    "received": {"sz_manager": ["dispatch", "hold", "cancel", "extend_clock", "correct_distance"]},
    "dispatch": {"sz_manager": ["reassign"], "sz_tech1": ["contact"]},
    "contact": {"sz_tech1": ["check_in"]},
    "check_in": {"sz_tech1": ["survey"]},
    "survey": {"sz_tech1": ["submit_plan"]},
    "submit_plan": {"sz_manager": ["approve_plan", "reject_plan"]},
    "approve_plan": {"sz_tech1": ["complete", "revise_plan"]},
    "complete": {"sz_tech1": ["accept", "object"]},
    "accept": {"sz_agent": ["return_visit"], "sz_manager": ["correct_report"]},
    "return_visit": {"sz_manager": ["archive"]},
    "hold": {"sz_manager": ["resume"]},
}
# In English, one form of each kind of field the forms are built of: the technician picker and
# its helpers, a select of the vocabulary (hold's kind), free text, the position's two numbers
# with their placeholders (check_in), the part rows' nested fields (complete) and the scores and
# conduct questions labelled by the server's vocabulary (return_visit). Every other English
# label is checked by test_every_action_form_field_has_its_label_in_both_languages.
ENGLISH_SAMPLE = {
    "received": {"sz_manager": ["dispatch", "hold"]},
    "contact": {"sz_tech1": ["check_in"]},
    "approve_plan": {"sz_tech1": ["complete"]},
    "accept": {"sz_agent": ["return_visit"]},
}
WALK_ORDER = list(EVERY_FORM)


@pytest.mark.parametrize("lang", LANGS)
def test_no_action_form_shows_a_raw_field_name(page_factory, api, new_order, walk, lang):
    schemas = action_bar_schemas(api)
    names = set().union(*(field_names(s) for s in schemas.values()))
    pages: dict[str, Page] = {}

    def as_user(user: str) -> Page:
        if user not in pages:
            page = page_factory(1366, 768)
            page.add_init_script(f"localStorage.setItem('fuwu.lang', '{LANGS[lang]}')")
            login(page, user, land=False)  # open_order follows
            pages[user] = page
        return pages[user]

    forms = EVERY_FORM if lang == "zh" else ENGLISH_SAMPLE
    opened: set[str] = set()
    order = new_order()
    for step in WALK_ORDER[:max(WALK_ORDER.index(step) for step in forms) + 1]:
        if step != "received":
            order = walk(order, [step])
        for user, actions in forms.get(step, {}).items():
            page = as_user(user)
            open_order(page, order)
            for action in actions:
                check_form(page, action, names, lang)
                opened.add(action)
    assert opened == (set(schemas) if lang == "zh" else
                      {a for by_user in forms.values() for actions in by_user.values() for a in actions})


FRONTEND = Path(__file__).resolve().parents[2] / "frontend" / "src"
# `'field.cause': 'Cause',` or `"visit_conduct.tips": "Did staff ask for a tip?",`: one a line
LABEL_LINE = re.compile(r"""^\s*(['"])((?:field|visit_conduct)\.\w+)\1\s*:"""
                        r"""\s*(['"])((?:\\.|(?!\3).)*)\3,?\s*$""")


def labels_of(locale: str) -> dict[str, list[str]]:
    """Every `field.<name>` and `visit_conduct.<name>` label of a locale, as written in each
    module's dictionary and in the server's vocabulary (`make api-types`)."""
    files = [*FRONTEND.glob(f"modules/*/locale/{locale}.ts"),
             FRONTEND / "api" / f"vocabulary.{locale[:2]}.ts"]
    labels: dict[str, list[str]] = {}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := LABEL_LINE.match(line):
                labels.setdefault(match.group(2), []).append(match.group(4))
    return labels


def test_every_action_form_field_has_its_label_in_both_languages(api):
    """What the forms show for each field (orders/components/detail/format.ts `fieldLabel`):
    the dictionary's `field.<name>`, else for the return visit's conduct questions the
    vocabulary's `visit_conduct.<name>`, else the raw name. For every field of every action-bar
    form, in both languages: a label, never the field's name nor anything with an underscore,
    Chinese in zh-CN and no Chinese in en-US (an English label missing would fall back to the
    Chinese one or the raw name)."""
    names = set().union(*(field_names(s) for s in action_bar_schemas(api).values()))
    assert {"technician", "geo", "lat", "parts_replaced", "quantity", "scores",
            "signature_id"} <= names  # the schemas' nested fields are read too
    for locale, chinese in (("zh-CN", True), ("en-US", False)):
        labels = labels_of(locale)
        for name in sorted(names):
            written = labels.get(f"field.{name}") or labels.get(f"visit_conduct.{name}")
            assert written, (locale, name)
            for label in written:
                assert label.strip() and label != name and "_" not in label, (locale, name, label)
                assert bool(CJK.search(label)) is chinese, (locale, name, label)
