"""Head office switching outlets quickly: the answer for the outlet it left arrives after the
answer for the outlet it chose, and the page never shows the first outlet's data under the
second (the at-risk board and the deadline policy).

The API's answer for the first outlet is held back by intercepting the request in the browser
(Playwright's route) and let through only once the second outlet's data is on the screen; a
watcher in the page records every moment, from the switch on, at which the first outlet's data
is shown while the second is chosen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Route, expect

from tests.conftest import customer_of
from tests.e2e.helpers import choose, login

FIRST, SECOND = ("SZ", "深圳服务站"), ("CD", "成都服务站")
# What the page does with a late answer takes a few milliseconds: give it plenty.
SETTLE_MS = 1_500


# ---------------------------------------------------------------- helpers

def _at_risk_order(api, outlet: str) -> dict:
    """A fresh order of the outlet, dispatched now: its contact clock is due in minutes."""
    customer = customer_of(api, outlet)
    order = api.post("/api/work-orders", f"{outlet.lower()}_agent", {
        "customer_id": customer["id"], "type": "repair", "priority": "general",
        "channel": "phone", "description": "切换网点测试"}).body
    dispatched = api.act(order, "dispatch", f"{outlet.lower()}_manager",
                         {"technician": f"{outlet.lower()}_tech1"})
    assert dispatched.status == 200, dispatched.body
    return dispatched.body


def _hold(page: Page, pattern: re.Pattern) -> list[Route]:
    """Requests matching `pattern` wait in the returned list until the test lets them go."""
    held: list[Route] = []

    def wait(route: Route) -> None:
        held.append(route)

    page.route(pattern, wait)
    return held


def _release(page: Page, held: list[Route], pattern: re.Pattern) -> None:
    """Lets the held requests through and waits until their answers reached the page."""
    assert held, "the first outlet's request was not made"
    with page.expect_response(lambda r: bool(pattern.search(r.url))) as answered:
        for route in held:
            route.continue_()
    answered.value.finished()
    page.wait_for_timeout(SETTLE_MS)


def _watch(page: Page, param: str, leak_js: str) -> None:
    """From now on, record in the page whenever `leak_js` (a JS expression) is true while the
    second outlet is chosen (URL parameter `param`)."""
    page.evaluate(
        """([param, second, leak]) => {
            window.__leaks = [];
            const shown = new Function(`return (${leak});`);
            const check = () => {
                if (new URLSearchParams(location.search).get(param) !== second) return;
                const main = document.querySelector('main')?.textContent?.slice(0, 300);
                if (shown()) window.__leaks.push(`${location.search}: ${main}`);
            };
            new MutationObserver(check).observe(document.body, {
                subtree: true, childList: true, characterData: true, attributes: true });
        }""",
        [param, SECOND[0], leak_js],
    )


def _leaks(page: Page) -> list[str]:
    return page.evaluate("window.__leaks")


# ---------------------------------------------------------------- at-risk board

def test_at_risk_board_never_shows_the_outlet_left_behind(page_factory, api):
    first, second = _at_risk_order(api, FIRST[0]), _at_risk_order(api, SECOND[0])
    first_prefix = first["number"].split("-")[0]
    assert first_prefix != second["number"].split("-")[0]  # numbers tell the outlets apart
    first_row = f"risk-row-{first['number']}-contact"
    second_row = f"risk-row-{second['number']}-contact"

    page = page_factory()
    login(page, "hq_admin", land=False)
    slow = re.compile(rf"/api/sla/at-risk\?(.*&)?outlet={FIRST[0]}(&|$)")
    held = _hold(page, slow)
    page.goto(f"/sla/at-risk?outlet={FIRST[0]}")
    expect(page.get_by_test_id("risk-outlet")).to_contain_text(FIRST[1])
    _watch(page, "outlet", f"[...document.querySelectorAll('[data-testid^=\"risk-row-\"]')]"
                           f".some((row) => row.dataset.testid.startsWith('risk-row-{first_prefix}-'))")

    # The first outlet's answer is still on its way when head office picks the second.
    choose(page, "risk-outlet", SECOND[1])
    expect(page.get_by_test_id(second_row)).to_be_visible()

    _release(page, held, slow)
    expect(page.get_by_test_id(second_row)).to_be_visible()
    expect(page.get_by_test_id(first_row)).to_have_count(0)
    assert "outlet=CD" in page.url
    assert _leaks(page) == []

    # Back on the first outlet, its own rows show (and the second's do not).
    page.unroute(slow)
    choose(page, "risk-outlet", FIRST[1])
    expect(page.get_by_test_id(first_row)).to_be_visible()
    expect(page.get_by_test_id(second_row)).to_have_count(0)


# ---------------------------------------------------------------- deadline policy

@pytest.fixture
def first_outlet_has_its_own_policy(api):
    """The first outlet with an override (a copy of the network policy, so no deadline changes)
    and the second following the network; both put back afterwards."""

    def policy(code: str) -> dict:
        reply = api.get(f"/api/sla/policy?outlet={code}", "hq_admin")
        assert reply.status == 200, reply.body
        return reply.body

    def put(code: str, version, body) -> dict:
        reply = api.call("PUT", f"/api/sla/policy/outlets/{code}", "hq_admin",
                         {"version": version, "policy": body})
        assert reply.status == 200, reply.body
        return reply.body

    before = {code: policy(code) for code in (FIRST[0], SECOND[0])}
    if before[FIRST[0]]["override"] is None:
        # an override removed earlier (by another test) keeps its version: send what was read
        put(FIRST[0], before[FIRST[0]]["override_version"], before[FIRST[0]]["network"])
    if before[SECOND[0]]["override"] is not None:
        put(SECOND[0], before[SECOND[0]]["override_version"], None)
    yield
    for code, was in before.items():
        now = policy(code)
        if now["override"] != was["override"]:
            put(code, now.get("override_version"), was["override"])


def test_policy_page_never_shows_the_outlet_left_behind(page_factory, first_outlet_has_its_own_policy):
    page = page_factory()
    login(page, "hq_admin", land=False)
    slow = re.compile(rf"/api/sla/policy\?(.*&)?outlet={FIRST[0]}(&|$)")
    held = _hold(page, slow)
    page.goto(f"/sla/policy?scope={FIRST[0]}")
    expect(page.get_by_test_id("policy-scope")).to_contain_text(FIRST[1])
    # An outlet with its own policy says so ("网点策略第 n 版", "网点规则先于全网规则匹配…").
    _watch(page, "scope", "/网点策略第|网点规则先于/.test(document.querySelector('main')?.textContent ?? '')")

    choose(page, "policy-scope", SECOND[1])
    version = page.get_by_test_id("policy-version")
    hint = page.get_by_test_id("policy-override-hint")
    expect(hint).to_contain_text("该网点按全网策略执行")
    expect(page.get_by_test_id("policy-use-network")).to_have_attribute("aria-checked", "true")

    _release(page, held, slow)
    expect(hint).to_contain_text("该网点按全网策略执行")
    expect(version).not_to_contain_text("网点策略")
    expect(page.get_by_test_id("policy-use-network")).to_have_attribute("aria-checked", "true")
    assert "scope=CD" in page.url
    assert _leaks(page) == []

    # Back on the first outlet, its own policy shows.
    page.unroute(slow)
    choose(page, "policy-scope", FIRST[1])
    expect(version).to_contain_text("网点策略第")
    expect(hint).to_contain_text("网点规则先于全网规则匹配")
    expect(page.get_by_test_id("policy-use-network")).to_have_attribute("aria-checked", "false")
