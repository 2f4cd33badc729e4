"""First load on a weak phone connection (issue 12, item 10): a shell painted from the HTML
before any script, little script before the first page, each page's libraries in its own chunk.

Sizes, not times: what crosses the wire is measured as the browser saw it (the compressed body
of each response, from Chromium's own accounting), which does not depend on the machine's load.
The figures on a throttled link are printed by bench/first_load.py.
"""

from __future__ import annotations

import re

import requests
from playwright.sync_api import Page, Response, expect

from infra.local.demo_data import DEMO_PASSWORD
from tests.conftest import customer_of
from tests.e2e.conftest import UI_TIMEOUT_MS

BUDGET = 250 * 1000  # bytes of compressed JavaScript before the page is usable (issue 12 item 10)
ECHARTS = re.compile(r"/assets/echarts-[\w-]+\.js$")


class Scripts:
    """Every JavaScript file the page fetched, with its size on the wire."""

    def __init__(self, page: Page):
        self.responses: list[Response] = []
        page.on("response", self._seen)

    def _seen(self, response: Response) -> None:
        if response.url.split("?", 1)[0].endswith(".js"):
            self.responses.append(response)

    def urls(self) -> list[str]:
        return [r.url for r in self.responses]

    def transferred(self) -> int:
        """Compressed bytes of the bodies (Chromium's encoded size: what crossed the wire)."""
        return sum(r.request.sizes()["responseBodySize"] for r in self.responses)

    def uncompressed(self) -> list[str]:
        """Scripts sent as they are; only those too small to gain from it (below 1 KiB) may be."""
        return [r.url for r in self.responses if r.headers.get("content-encoding") is None
                and r.request.sizes()["responseBodySize"] >= 1024]

    def brotli(self) -> int:
        return sum(r.headers.get("content-encoding") == "br" for r in self.responses)


def test_the_shell_is_in_the_html_and_painted_without_javascript(browser, base_url):
    """The product's name and a skeleton come with the HTML itself, styled inline (no
    stylesheet to wait for): a browser that runs no script at all still paints them."""
    html = requests.get(f"{base_url}/login", timeout=10).text
    assert 'data-testid="boot-shell"' in html and "服务 Fuwu" in html
    assert 'rel="stylesheet"' not in html  # a stylesheet would hold the first paint back
    context = browser.new_context(java_script_enabled=False, base_url=base_url)
    try:
        page = context.new_page()
        page.goto("/work-orders")
        shell = page.get_by_test_id("boot-shell")
        expect(shell).to_be_visible()
        expect(shell).to_contain_text("服务 Fuwu")
        assert shell.bounding_box()["height"] > 100  # laid out by the inline styles
    finally:
        context.close()


def test_the_sign_in_page_needs_under_250_kb_of_compressed_script(page_factory):
    page = page_factory(width=375, height=740, mobile=True)
    scripts = Scripts(page)
    page.goto("/login")
    expect(page.get_by_test_id("login-username")).to_be_visible()
    expect(page.get_by_test_id("boot-shell")).to_have_count(0)  # React took over
    assert scripts.responses, "no script was loaded"
    assert scripts.brotli() and not scripts.uncompressed(), scripts.uncompressed()
    transferred = scripts.transferred()
    assert transferred <= BUDGET, f"{transferred} bytes of script: {scripts.urls()}"
    # neither the signed-in frame nor any page's libraries
    assert not [u for u in scripts.urls() if "/AppLayout-" in u or ECHARTS.search(u)], scripts.urls()


def _signed_in(page: Page, username: str) -> None:
    page.get_by_test_id("login-username").fill(username)
    page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
    page.get_by_test_id("login-submit").click()


def test_the_first_page_after_sign_in_stays_in_budget_and_charts_load_only_when_opened(
        page_factory, browser, base_url, api):
    """A manager signs in and sees the order list: what the list needs beyond the sign-in
    page's script stays within the budget, and neither it nor a cold reload of the list (signed
    in, empty cache) fetches ECharts: that comes with the dashboard, when it is opened."""
    customer = customer_of(api, "SZ")
    order = api.post("/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "type": "maintenance", "priority": "general",
        "channel": "web", "description": "首屏加载"}).body
    row = f"order-row-{order['number']}"

    page = page_factory()
    scripts = Scripts(page)
    page.goto("/login")
    expect(page.get_by_test_id("login-username")).to_be_visible()
    before_sign_in = Scripts(page)  # from here on
    # the first keystroke starts fetching the signed-in frame (App.tsx, PrefetchAfterSignIn)
    with page.expect_response(lambda response: "/assets/AppLayout-" in response.url):
        page.get_by_test_id("login-username").press_sequentially("sz")
    _signed_in(page, "sz_manager")
    page.wait_for_url(re.compile(r"/work-orders"))
    expect(page.get_by_test_id(row)).to_be_visible()
    transferred = before_sign_in.transferred()
    assert transferred <= BUDGET, f"{transferred} bytes of script: {before_sign_in.urls()}"
    assert not [u for u in scripts.urls() if ECHARTS.search(u)]

    # the same page loaded cold by a signed-in user (refresh cookie, empty HTTP cache)
    context = browser.new_context(base_url=base_url, storage_state=page.context.storage_state(),
                                  locale="zh-CN", reduced_motion="reduce")
    context.set_default_timeout(UI_TIMEOUT_MS)
    try:
        cold = context.new_page()
        cold_scripts = Scripts(cold)
        cold.goto("/work-orders")
        expect(cold.get_by_test_id(row)).to_be_visible()
        assert not cold_scripts.uncompressed(), cold_scripts.uncompressed()
        assert not [u for u in cold_scripts.urls() if ECHARTS.search(u)]
    finally:
        context.close()

    # the dashboard's chunk brings ECharts (imported statically by it: loaded before it renders)
    page.get_by_test_id("menu-dashboard").click()
    expect(page.get_by_test_id("dashboard-page")).to_be_visible()
    assert [u for u in scripts.urls() if ECHARTS.search(u)], "the dashboard did not load ECharts"


def test_hashed_assets_are_cached_for_a_year_and_the_page_is_revalidated(base_url):
    html = requests.get(f"{base_url}/", timeout=10)
    assert html.headers["Cache-Control"] == "no-cache"
    entry = re.search(r'src="(/assets/[^"]+\.js)"', html.text).group(1)
    asset = requests.get(f"{base_url}{entry}", headers={"Accept-Encoding": "br, gzip"}, timeout=10)
    assert asset.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    again = requests.get(f"{base_url}/", headers={"If-None-Match": html.headers["ETag"]}, timeout=10)
    assert again.status_code == 304
