"""Steps a person takes in the SPA, for the browser tests."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from infra.local.demo_data import DEMO_PASSWORD


def login(page: Page, username: str) -> None:
    page.goto("/login")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(re.compile(r"/(work-orders|my-jobs)"))


def logout(page: Page) -> None:
    page.evaluate("window.localStorage.clear()")


def choose(page: Page, test_id: str, option_text: str) -> None:
    """Open an antd Select by its test id and pick the option with this text."""
    page.get_by_test_id(test_id).click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option",
                 has_text=option_text).first.click()


def rate(page: Page, test_id: str, stars: int) -> None:
    page.get_by_test_id(test_id).locator("li").nth(stars - 1).click()


def act(page: Page, action: str, fill=None) -> None:
    """Take a lifecycle action from the order page and wait for it on the timeline."""
    expect(page.get_by_test_id("timeline")).to_be_visible()  # the order is loaded
    events = page.get_by_test_id(f"event-{action}")
    before = events.count()
    page.get_by_test_id(f"action-{action}").click()
    if fill:
        fill(page)
    page.get_by_test_id("action-submit").click()
    expect(events).to_have_count(before + 1)


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
