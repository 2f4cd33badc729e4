"""The language switch when English cannot be loaded (its strings are a chunk of their own): the
page stays in the language it shows, the switch works again once the chunk can be loaded, the
choice is stored only when it took effect, and a first load whose stored English fails shows
Chinese."""

from __future__ import annotations

import re

from playwright.sync_api import Route, expect

from tests.e2e.helpers import login

ENGLISH_CHUNK = re.compile(r"/assets/messages\.en-[\w-]+\.js")


def _stored(page) -> str | None:
    return page.evaluate("() => localStorage.getItem('fuwu.lang')")


def test_a_failed_english_load_keeps_the_page_and_the_switch(page_factory):
    page = page_factory()
    login(page, "sz_manager")
    switch = page.get_by_test_id("lang-switch")
    expect(switch).to_have_text("English")

    def refuse(route: Route) -> None:
        route.abort()

    page.route(ENGLISH_CHUNK, refuse)
    with page.expect_event("requestfailed", lambda r: ENGLISH_CHUNK.search(r.url) is not None):
        switch.click()
    # still Chinese, still usable, nothing stored
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(switch).to_have_text("English")
    page.wait_for_function("() => localStorage.getItem('fuwu.lang') !== 'en-US'")  # put back

    # the chunk loads now: the same switch (clicked at once, while the failed load may still
    # be settling) shows English and stores it
    page.unroute(ENGLISH_CHUNK, refuse)
    switch.click()
    expect(page.locator("html")).to_have_attribute("lang", "en-US")
    expect(switch).to_have_text("中文")
    assert _stored(page) == "en-US"

    # a first load whose stored English fails shows the page in Chinese; the choice is kept
    page.route(ENGLISH_CHUNK, refuse)
    page.reload()
    expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
    expect(switch).to_have_text("English")
    assert _stored(page) == "en-US"
