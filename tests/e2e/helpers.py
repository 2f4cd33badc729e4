"""Steps a person takes in the SPA, for the browser tests."""

from __future__ import annotations

import re
import time
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import requests
from playwright.sync_api import Page, expect

from infra.local.demo_data import DEMO_PASSWORD

HOME = re.compile(r"/(work-orders|my-jobs)")
# A page of the portal's origin that loads no script (a missing file: the server's plain 404).
NO_SCRIPT = "/__signing_in__.txt"


def login_with_the_form(page: Page, username: str) -> None:
    """Sign in as a person does, through the login page's form, landing on the role's home page
    (for the tests about signing in: test_session.py)."""
    page.goto("/login")
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(HOME)


def login(page: Page, username: str, *, land: bool = True) -> None:
    """Signed in as `username`, for the tests that are not about signing in: the API's sign-in
    (the request the login form sends), its refresh cookie given to the browser as the API set
    it, and the profile the SPA keeps in localStorage written as the SPA writes it; then the
    role's home page (`land`) starts the session from the cookie, as every page load after a
    sign-in does. `land=False` loads no page of the SPA: the caller opens the one it tests
    first, without paying for the home page (the login page's load and the home page's are
    what this saves). Signing in through the form: login_with_the_form (test_session.py)."""
    page.goto(NO_SCRIPT)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    reply = requests.post(f"{origin}/api/auth/login", timeout=30,
                          json={"username": username, "password": DEMO_PASSWORD},
                          headers={"X-Fuwu-Session": "1"})  # what the SPA's session calls send
    assert reply.status_code == 200, reply.text
    jar: SimpleCookie = SimpleCookie(reply.headers["Set-Cookie"])
    page.context.add_cookies([{
        "name": name, "value": morsel.value, "domain": urlsplit(origin).hostname,
        "path": morsel["path"], "httpOnly": bool(morsel["httponly"]),
        "secure": bool(morsel["secure"]), "sameSite": morsel["samesite"].capitalize(),
        "expires": time.time() + int(morsel["max-age"])} for name, morsel in jar.items()])
    page.evaluate("user => localStorage.setItem('fuwu.user', JSON.stringify(user))",
                  reply.json()["user"])
    if land:
        page.goto("/")
        page.wait_for_url(HOME)


def logout(page: Page) -> None:
    """Sign out with the header's button: the API revokes the refresh token and clears its
    cookie, the tab forgets the ID token (kept in memory only) and the stored profile."""
    page.get_by_test_id("logout").click()
    page.wait_for_url(re.compile(r"/login"))
    assert not [c for c in page.context.cookies() if c["name"] == "fuwu_refresh"]


def choose(page: Page, test_id: str, option_text: str) -> None:
    """Open an antd Select by its test id and pick the option with this text."""
    page.get_by_test_id(test_id).click()
    page.locator(".ant-select-dropdown:visible .ant-select-item-option",
                 has_text=option_text).first.click()
    # the choice is shown before the next step (a lost click fails here, not at a later step)
    expect(page.get_by_test_id(test_id)).to_contain_text(option_text)


def pick_technician(page: Page, name: str) -> None:
    """Pick a technician by name in the dispatch (or reassign) form's technician picker."""
    option = page.get_by_test_id("technician-picker").locator(
        "[data-testid^='picker-option-']").filter(has=page.get_by_text(name, exact=True))
    option.locator("input[type=radio]").check()
    expect(option.locator("input[type=radio]")).to_be_checked()


def rate(page: Page, test_id: str, stars: int) -> None:
    page.get_by_test_id(test_id).locator("li").nth(stars - 1).click()


def open_action(page: Page, action: str) -> None:
    """Open a lifecycle action's form from the order page's action bar: a button, or an entry
    of its "more" menu (corrections a stage seldom needs)."""
    bar = page.get_by_test_id("order-actions")
    expect(bar).to_have_attribute("data-ready", "true")  # the order and the lifecycle are loaded
    if bar.get_by_test_id(f"action-{action}").count() == 0:
        page.get_by_test_id("action-more").click()
        page.locator(".ant-dropdown:visible").get_by_test_id(f"action-{action}").click()
    else:
        bar.get_by_test_id(f"action-{action}").click()
    expect(page.get_by_test_id(f"action-modal-{action}")).to_be_visible()


def act(page: Page, action: str, fill=None) -> None:
    """Take a lifecycle action from the order page and wait for it on the timeline."""
    expect(page.get_by_test_id("timeline")).to_be_visible()  # the order is loaded
    events = page.get_by_test_id(f"event-{action}")
    before = events.count()
    open_action(page, action)
    if fill:
        fill(page)
    page.get_by_test_id("action-submit").click()
    expect(events).to_have_count(before + 1)


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def add_photo(page: Page, category: str, path: str) -> None:
    """Take a photo of this category (its Chinese name) with the phone's camera input and wait
    until it is verified and shown in the gallery."""
    thumbs = page.get_by_test_id("evidence-thumb")
    before = thumbs.count()
    choose(page, "evidence-category", category)
    page.get_by_test_id("evidence-file").set_input_files(path)
    expect(thumbs).to_have_count(before + 1, timeout=30000)
    expect(page.get_by_test_id("queue-item")).to_have_count(0)


def sign(page: Page) -> None:
    """The customer signs on the acceptance form's pad (a zigzag stroke)."""
    pad = page.get_by_test_id("signature-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(x + w * 0.1, y + h * 0.7)
    page.mouse.down()
    for fx, fy in ((0.3, 0.25), (0.5, 0.7), (0.7, 0.3), (0.9, 0.6)):
        page.mouse.move(x + w * fx, y + h * fy, steps=4)
    page.mouse.up()
