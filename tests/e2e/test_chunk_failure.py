"""A page's or the frame's chunk that does not download (a weak link) says so with a retry, in
place of the page, instead of unmounting the app into a white page (issue 12 review): the
page's error state keeps the frame (menu, header); Retry loads the page again."""

from __future__ import annotations

import re

from playwright.sync_api import Route, expect

from tests.e2e.helpers import login, login_with_the_form

EXPORTS_CHUNK = re.compile(r"/assets/ExportsPage-[^/]*\.js(\?.*)?$")
FRAME_CHUNK = re.compile(r"/assets/AppLayout-[^/]*\.js(\?.*)?$")


def _offline(route: Route) -> None:
    route.abort("internetdisconnected")


def test_a_page_chunk_that_fails_shows_the_error_in_the_frame_and_retry_brings_the_page(page_factory):
    page = page_factory(1366, 768)
    login(page, "sz_manager")
    page.route(EXPORTS_CHUNK, _offline)
    page.get_by_test_id("menu-exports").click()

    state = page.get_by_test_id("page-error")
    expect(state.get_by_test_id("error-title")).to_have_text("无法连接服务器")
    expect(state.get_by_test_id("error-retry")).to_be_visible()
    expect(page.get_by_test_id("menu-exports")).to_be_visible()  # the frame stays
    expect(page.get_by_test_id("exports-page")).to_have_count(0)

    page.unroute(EXPORTS_CHUNK)
    state.get_by_test_id("error-retry").click()
    expect(page.get_by_test_id("exports-page")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/exports$"))
    expect(page.get_by_test_id("page-error")).to_have_count(0)


def test_a_frame_chunk_that_fails_shows_the_error_and_retry_brings_the_frame(page_factory):
    page = page_factory(1366, 768)
    page.route(FRAME_CHUNK, _offline)
    # through the form: the login page needs no frame, the home page after it does
    login_with_the_form(page, "sz_manager")

    state = page.get_by_test_id("app-error")
    expect(state.get_by_test_id("error-title")).to_have_text("无法连接服务器")

    page.unroute(FRAME_CHUNK)
    state.get_by_test_id("error-retry").click()
    expect(page.get_by_test_id("user-role")).to_be_visible()  # signed in still, in the frame
    expect(page.get_by_test_id("app-error")).to_have_count(0)
