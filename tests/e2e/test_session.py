"""The session in the browser: the refresh token is an HttpOnly cookie that page scripts cannot
read, the ID token lives in memory only, and a reload signs the user in again through the
cookie."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from botocore.exceptions import ClientError
from playwright.sync_api import Page, expect

from chalicelib.modules.directory import identity
from infra.local.demo_data import DEMO_PASSWORD
from tests.e2e.helpers import login_with_the_form, logout

JWT = re.compile(r"eyJ[\w-]+\.[\w-]+")


def _refresh_cookie(page: Page) -> dict:
    cookies = [c for c in page.context.cookies() if c["name"] == "fuwu_refresh"]
    assert len(cookies) == 1, page.context.cookies()
    return cookies[0]


def _stored_values(page: Page) -> str:
    """Every key and value of localStorage and sessionStorage, as one string."""
    return page.evaluate("""() => [localStorage, sessionStorage]
        .flatMap((store) => Object.keys(store).map((key) => key + '=' + store.getItem(key)))
        .join('\\n')""")


def _shows_the_signed_in_user(page: Page, name: str) -> None:
    expect(page).to_have_url(re.compile(r"/work-orders"))
    expect(page.get_by_test_id("user-name")).to_have_text(name)


def test_refresh_token_is_out_of_reach_of_page_scripts_and_no_token_is_stored(page_factory):
    page = page_factory()
    login_with_the_form(page, "sz_agent")
    cookie = _refresh_cookie(page)
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Strict"
    assert cookie["path"] == "/api/auth"
    assert cookie["value"] not in page.evaluate("document.cookie")
    stored = _stored_values(page)
    assert "sz_agent" in stored  # the profile, for the first paint
    assert not JWT.search(stored) and "eyJ" not in stored and cookie["value"] not in stored
    # Not even a document under the cookie's path can read it.
    page.goto("/api/auth/refresh")
    assert cookie["value"] not in page.evaluate("document.cookie")


def test_a_reload_keeps_the_user_signed_in_through_the_cookie(page_factory):
    page = page_factory()
    login_with_the_form(page, "sz_manager")
    _shows_the_signed_in_user(page, "王强")
    with page.expect_response(lambda r: r.url.endswith("/api/auth/refresh")) as refreshed, \
            page.expect_response(lambda r: urlsplit(r.url).path == "/api/work-orders") as listed:
        page.reload()
    assert refreshed.value.status == 200
    assert refreshed.value.request.headers.get("x-fuwu-session") == "1"
    # the first API call of the page waited for the refresh and carried its ID token
    assert listed.value.status == 200
    assert listed.value.request.headers["authorization"] == \
        f"Bearer {refreshed.value.json()['id_token']}"
    _shows_the_signed_in_user(page, "王强")
    assert "eyJ" not in _stored_values(page)


def test_logout_ends_the_session_for_reloads_too(page_factory):
    page = page_factory()
    login_with_the_form(page, "sz_agent")
    logout(page)
    assert "sz_agent" not in _stored_values(page)
    page.goto("/work-orders")
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_test_id("login-submit")).to_be_visible()


def test_a_refused_cookie_sends_the_user_to_the_login_page(page_factory):
    """The cookie expired or was revoked while the profile is still stored: the first API call
    finds the session over."""
    page = page_factory()
    login_with_the_form(page, "sz_agent")
    page.context.clear_cookies()
    page.reload()
    expect(page).to_have_url(re.compile(r"/login"))
    assert "sz_agent" not in _stored_values(page)


def test_sign_in_sends_the_session_header_and_gets_no_access_token(page_factory):
    """Login is refused without `X-Fuwu-Session: 1` (no other site can sign the browser in);
    the answer carries the ID token only: Cognito's access token never reaches page scripts."""
    page = page_factory()
    page.goto("/login")
    page.get_by_test_id("login-username").fill("sz_agent")
    page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
    with page.expect_response(lambda r: r.url.endswith("/api/auth/login")) as signed_in:
        page.get_by_test_id("login-submit").click()
    assert signed_in.value.request.headers.get("x-fuwu-session") == "1"
    body = signed_in.value.json()
    assert body["access_token"] is None and body["refresh_token"] is None
    assert body["id_token"].startswith("eyJ")
    _shows_the_signed_in_user(page, "李娜")


def test_a_cognito_outage_at_refresh_keeps_the_user_signed_in(page_factory, monkeypatch):
    """A reload while Cognito fails: refresh answers 503 and the SPA keeps the session (no trip
    to the login page); once Cognito answers again, the next load goes on as before."""
    page = page_factory()
    login_with_the_form(page, "sz_manager")
    _shows_the_signed_in_user(page, "王强")
    client = identity._idp()
    real = client.initiate_auth

    def failing(**kwargs):
        if kwargs.get("AuthFlow") == "REFRESH_TOKEN_AUTH":
            raise ClientError({"Error": {"Code": "InternalErrorException", "Message": "down"},
                               "ResponseMetadata": {"HTTPStatusCode": 500}}, "InitiateAuth")
        return real(**kwargs)

    monkeypatch.setattr(client, "initiate_auth", failing)
    with page.expect_response(lambda r: r.url.endswith("/api/auth/refresh")) as refreshed:
        page.reload()
    assert refreshed.value.status == 503
    page.wait_for_timeout(500)
    assert "/login" not in page.url
    assert "sz_manager" in _stored_values(page)
    assert [c for c in page.context.cookies() if c["name"] == "fuwu_refresh"]
    monkeypatch.undo()
    page.reload()
    _shows_the_signed_in_user(page, "王强")
