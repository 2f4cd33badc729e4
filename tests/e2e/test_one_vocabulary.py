"""One vocabulary: the screen, an export and the service report name an order's state, type,
priority and coverage the same way, in Chinese and in English — the names the areas own
(chalicelib/modules/*/vocabulary.py), generated into the SPA and used by the documents."""

from __future__ import annotations

import csv
import io
import re
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import expect
from pypdf import PdfReader

from chalicelib.kernel.labels import label
from chalicelib.kernel.store import keys
from infra.local.queues import drain
from tests.conftest import HAPPY_PATH
from tests.e2e.helpers import login

LANGUAGES = {"zh": ("zh-CN", "zh-CN,zh;q=0.9"), "en": ("en-US", "en")}
COLUMNS = {"zh": ("工单号", "状态", "类型", "紧急程度", "保修判定"),
           "en": ("Number", "State", "Type", "Priority", "Coverage")}


@pytest.fixture(scope="module")
def accepted(api, request):
    """An order of an installation under contract, walked to 客户验收 (its report issued)."""
    from tests.conftest import STEP_DATA, actor_for, customer_of, evidence_for

    customer = customer_of(api, "SZ")
    order = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
        "equipment_id": customer["equipment"][0]["id"], "type": "installation",
        "priority": "urgent", "channel": "email", "coverage": "contract",
        "description": "新机组安装调试"}).body
    for action in HAPPY_PATH[:HAPPY_PATH.index("accept") + 1]:
        data = evidence_for(api, order, action, actor_for(action), STEP_DATA[action])
        reply = api.act(order, action, actor_for(action), data)
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    assert order["state"] == "accepted" and order["reports"]
    return order


def _exported_row(api, order: dict, lang: str) -> dict:
    today = keys.utc_now().astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat()
    started = api.post("/api/exports", "sz_manager", {
        "kind": "orders", "format": "csv", "outlets": ["SZ"], "from": today, "to": today},
        headers={"Accept-Language": LANGUAGES[lang][1]})
    assert started.status == 202, started.body
    drain()
    job = api.get(f"/api/exports/{started.body['id']}", "sz_manager").body
    assert job["status"] == "done", job
    text = requests.get(job["download_url"], timeout=60).content.decode("utf-8-sig")
    [row] = [r for r in csv.DictReader(io.StringIO(text)) if r[COLUMNS[lang][0]] == order["number"]]
    return row


def _report_text(order: dict) -> str:
    pdf = requests.get(order["reports"][-1]["url"], timeout=60).content
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screen_export_and_report_name_the_order_alike(api, accepted, page_factory, lang):
    names = {field: label(field, accepted[field], lang)
             for field in ("state", "type", "priority", "coverage")}
    assert names["state"] == ("待回访" if lang == "zh" else "Awaiting return visit")

    row = _exported_row(api, accepted, lang)
    _, state, type_, priority, coverage = COLUMNS[lang]
    assert (row[state], row[type_], row[priority], row[coverage]) == (
        names["state"], names["type"], names["priority"], names["coverage"])

    if lang == "zh":  # the service report is written in Chinese
        report = re.sub(r"\s+", "", _report_text(accepted))
        for field in ("type", "priority", "coverage"):
            assert re.sub(r"\s+", "", names[field]) in report, (field, names[field])

    page = page_factory()
    page.add_init_script(f"localStorage.setItem('fuwu.lang', '{LANGUAGES[lang][0]}')")
    login(page, "sz_manager", land=False)
    page.goto(f"/work-orders/{accepted['id']}")
    expect(page.get_by_test_id("order-number")).to_have_text(accepted["number"])
    expect(page.get_by_test_id("order-state")).to_have_text(names["state"])
    info = page.get_by_test_id("order-info")
    expect(info).to_contain_text(names["type"])
    expect(info).to_contain_text(names["coverage"])

