"""Browser tests: the real SPA build and the API on one origin, driven in Debian's Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from infra.local.server import DIST

# Debian's headless shell of Chromium (package chromium-headless-shell, the build Playwright
# itself runs headless): the same engine without the full browser's UI layers, a third less CPU
# for the same pages on this 2-core machine (measured: 215 -> 138 CPU-seconds for four files,
# the contexts asking for reduced motion, which the SPA honours: frontend/index.html). The full
# browser when only that is installed.
CHROMIUM = (shutil.which("chromium-headless-shell") or shutil.which("chromium")
            or "/usr/bin/chromium")
# What a person waits for: a click (the contexts' default timeout) and what it shows (expect)
# get the same 15 s. Playwright's expect defaults to 5 s, which a 2-core machine under load
# (CI, or a CPU burner beside the suite) overruns on a step that writes a transaction, renders
# the reply and re-renders the timeline: that was a timing flake, not a slow product.
UI_TIMEOUT_MS = 15_000
expect.set_options(timeout=UI_TIMEOUT_MS)
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 "--disable-quic"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "tests" / "e2e" / "artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def base_url(local_server):
    assert (DIST / "index.html").is_file(), "the SPA is not built: run `make build`"
    return local_server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture
def page_factory(browser, base_url, request):
    """New isolated browser contexts (own localStorage), desktop or phone-sized."""
    contexts = []

    def make(width: int = 1280, height: int = 860, mobile: bool = False):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      is_mobile=mobile, has_touch=mobile, locale="zh-CN",
                                      timezone_id="Asia/Shanghai", base_url=base_url,
                                      # antd's sliding lists and zooming dialogs move under the
                                      # pointer: a click sent mid-animation on a loaded machine
                                      # landed beside its target and was lost (an empty select,
                                      # an unsubmitted dialog). The SPA honours this preference.
                                      reduced_motion="reduce")
        context.set_default_timeout(UI_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    failed = getattr(request.node, "rep_call", None) and request.node.rep_call.failed
    for i, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(exist_ok=True)
            for j, pg in enumerate(context.pages):
                try:  # what the page showed, when it can still be taken: the failure is reported
                    pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{i}-{j}.png"),
                                  full_page=True, timeout=UI_TIMEOUT_MS)
                except PlaywrightError:  # a page still busy: a second error would hide the first
                    pass
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
