"""Two-step verification in the browser: a user sets up an authenticator app from 账号安全,
and from then on signs in with its code; head office is sent there first where required; a new
user replaces the temporary password at the first sign-in.

The codes are computed here from the secret the page shows, as the authenticator app would;
moto checks them (MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP, see tests/api/test_mfa.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from infra.local.demo_data import DEMO_PASSWORD
from tests.api.test_mfa import NEW_PASSWORD, current_code, staff_member, wrong_code
from tests.e2e.helpers import logout, no_horizontal_scroll


def sign_in(page: Page, username: str, password: str = DEMO_PASSWORD, at: str = "/login") -> None:
    """Open `at` (signed out, a page of the portal sends to the sign-in and back) and sign in."""
    page.goto(at)
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()


def set_up_totp(page: Page) -> str:
    """On the security page: start, read the key the page shows, enter the app's code."""
    page.get_by_test_id("security-start").click()
    qr = page.get_by_test_id("security-qr")
    expect(qr.locator("canvas")).to_be_visible()
    secret = page.get_by_test_id("security-secret").inner_text().strip()
    assert qr.get_attribute("data-value") == f"otpauth://totp/Fuwu:{page_user(page)}?secret={secret}&issuer=Fuwu"
    page.get_by_test_id("security-code").fill(current_code(secret, margin=8))
    page.get_by_test_id("security-verify").click()
    expect(page.get_by_test_id("security-status")).to_have_text("已启用")
    return secret


def page_user(page: Page) -> str:
    return page.evaluate("JSON.parse(localStorage.getItem('fuwu.user')).username")


def test_a_user_sets_up_totp_and_then_signs_in_with_its_code(page_factory, real_codes):
    with staff_member("agent", prefix="e2e") as username:
        page = page_factory()
        sign_in(page, username)
        page.wait_for_url(re.compile(r"/work-orders"))

        page.get_by_test_id("user-menu").click()
        page.get_by_test_id("user-menu-security").click()
        expect(page).to_have_url(re.compile(r"/security$"))
        expect(page.get_by_test_id("security-status")).to_have_text("未启用")
        secret = set_up_totp(page)
        logout(page)

        sign_in(page, username, at="/work-orders")
        code = page.get_by_test_id("login-code")
        expect(code).to_be_focused()
        assert code.get_attribute("autocomplete") == "one-time-code"
        assert code.get_attribute("inputmode") == "numeric"
        expect(page.get_by_test_id("login-title")).to_have_text("两步验证")

        code.fill(wrong_code(secret))
        page.get_by_test_id("login-code-submit").click()
        expect(page.get_by_test_id("login-error")).to_contain_text("验证码不正确")
        assert not [c for c in page.context.cookies() if c["name"] == "fuwu_refresh"]

        code.fill(current_code(secret, margin=8))
        page.get_by_test_id("login-code-submit").click()
        page.wait_for_url(re.compile(r"/work-orders"))
        expect(page.get_by_test_id("user-name")).to_have_text("测试agent")
        assert [c for c in page.context.cookies() if c["name"] == "fuwu_refresh"]


def test_replacing_the_authenticator_asks_for_a_code_of_the_current_one_first(page_factory,
                                                                             real_codes):
    with staff_member("support", prefix="e2e") as username:
        page = page_factory()
        sign_in(page, username)
        page.wait_for_url(re.compile(r"/work-orders"))
        page.goto("/security")
        secret = set_up_totp(page)

        page.get_by_test_id("security-start").click()  # 更换验证器
        expect(page.get_by_test_id("security-confirm")).to_be_visible()
        expect(page.get_by_test_id("security-setup")).to_have_count(0)
        current = page.get_by_test_id("security-current-code")
        expect(current).to_be_focused()
        current.fill(wrong_code(secret))
        page.get_by_test_id("security-current-submit").click()
        expect(page.get_by_test_id("security-error")).to_contain_text("验证码不正确")
        expect(page.get_by_test_id("security-setup")).to_have_count(0)

        current.fill(current_code(secret, margin=8))
        page.get_by_test_id("security-current-submit").click()
        expect(page.get_by_test_id("security-qr").locator("canvas")).to_be_visible()
        new_secret = page.get_by_test_id("security-secret").inner_text().strip()
        page.get_by_test_id("security-code").fill(current_code(new_secret, margin=8))
        page.get_by_test_id("security-verify").click()
        expect(page.get_by_test_id("security-status")).to_have_text("已启用")
        expect(page.get_by_test_id("security-setup")).to_have_count(0)


def test_head_office_sets_up_totp_before_anything_else_on_a_phone(page_factory, real_codes,
                                                                   hq_mfa_required):
    with staff_member("head_office", outlet="HQ", prefix="e2e") as username:
        page = page_factory(375, 740, mobile=True)
        sign_in(page, username)
        page.wait_for_url(re.compile(r"/security$"))
        expect(page.get_by_test_id("security-required")).to_be_visible()

        page.goto("/dashboard")  # a reload: the refresh says TOTP is still required
        expect(page).to_have_url(re.compile(r"/security$"))
        page.get_by_test_id("security-start").click()
        expect(page.get_by_test_id("security-qr").locator("canvas")).to_be_visible()
        assert no_horizontal_scroll(page)

        secret = page.get_by_test_id("security-secret").inner_text().strip()
        page.get_by_test_id("security-code").fill(current_code(secret, margin=8))
        page.get_by_test_id("security-verify").click()
        page.wait_for_url(re.compile(r"/work-orders"))
        page.goto("/dashboard")
        expect(page).to_have_url(re.compile(r"/dashboard"))

        logout(page)
        sign_in(page, username)
        expect(page.get_by_test_id("login-code")).to_be_focused()
        assert no_horizontal_scroll(page)


def test_a_new_user_chooses_a_password_at_the_first_sign_in(page_factory):
    with staff_member("manager", temporary=True, prefix="e2e") as username:
        page = page_factory()
        page.goto("/login")
        page.get_by_test_id("lang-switch").click()  # in English this time
        sign_in(page, username)
        expect(page.get_by_test_id("login-title")).to_have_text("Choose a new password")
        expect(page.get_by_test_id("login-new-password")).to_be_focused()
        page.get_by_test_id("login-new-password").fill(NEW_PASSWORD)
        page.get_by_test_id("login-confirm-password").fill(NEW_PASSWORD + "x")
        page.get_by_test_id("login-new-password-submit").click()
        expect(page.get_by_text("The two passwords differ")).to_be_visible()
        page.get_by_test_id("login-confirm-password").fill(NEW_PASSWORD)
        page.get_by_test_id("login-new-password-submit").click()
        page.wait_for_url(re.compile(r"/work-orders"))

        logout(page)
        sign_in(page, username, NEW_PASSWORD)
        page.wait_for_url(re.compile(r"/work-orders"))
