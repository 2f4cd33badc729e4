"""First load of the sign-in page on a weak phone connection, before and after issue 12 item 10.

Debian's Chromium (Playwright) opens `/login` of the local portal (infra/local/server.py, the
same server as `make run`) over a link emulated through the DevTools protocol: 3000 ms latency,
50 KiB/s down, 20 KiB/s up, HTTP cache disabled. Per variant it prints:

- script: the JavaScript that crossed the wire before the sign-in form was visible (the bodies
  as sent, compressed or not; Chromium's own count) and the number of script files;
- shell: first paint (the Paint Timing API's first-contentful-paint: the boot shell of
  index.html once it exists, else whatever React paints first);
- form: when the username field became visible (a requestAnimationFrame probe), i.e. the first
  meaningful paint of this page;
- then the sign-in itself: a manager types the user name and password (4 characters a second,
  ~6 s) and signs in: the time from the click until the order list shows, and the script
  fetched from the first keystroke until then (what the first page after sign-in adds; the new
  build starts fetching it at the first keystroke).

Variants, all measured in this run against the same moto and demo data:

- `before`: the SPA as built from BASELINE_REF (the commit before this work: one ~870 kB
  entry chunk), served without compression, as the portal did;
- `before + compression`: the same build, compressed on the fly by today's server (gzip);
- `after, uncompressed`: today's build (code split), compression switched off;
- `after`: today's build with its brotli files, as `make run` serves it.

The ratios are against `before`. The baseline build is made once from `git archive <ref>` into a
temporary directory (node_modules borrowed from frontend/) and kept for the next run; `--baseline-dist`
takes one built elsewhere. Times on an emulated link are dominated by the emulated latency and
bandwidth, not by this machine, but a loaded machine still adds to them: check the load average.

Run from the repository root (after `make build`): python -m bench.first_load [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import harness

ROOT = Path(__file__).resolve().parents[1]
# The commit before issue 12 item 10 (single entry chunk, no compression, white until React).
BASELINE_REF = "5a483ef"
LATENCY_MS = 3000
DOWN_BYTES_S = 50 * 1024
UP_BYTES_S = 20 * 1024
TYPING_MS = 250  # per character of the user name and password (~6 s in all)
TIMEOUT_MS = 240_000  # the baseline took 40 s on this link; leave room for a loaded machine

# Records (in the page's own clock, ms since navigation start) when the sign-in form is first
# visible; requestAnimationFrame runs once per painted frame, so this is when it was painted.
FORM_PROBE = """
(() => {
  const look = () => {
    const field = document.querySelector('[data-testid="login-username"]');
    if (field && field.getBoundingClientRect().height > 0) {
      window.__formVisibleAt = performance.now();
      return;
    }
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();
"""


@dataclass
class Load:
    script_bytes: int
    script_files: int
    all_bytes: int
    first_paint_s: float | None
    form_s: float
    sign_in_s: float | None = None
    sign_in_script_bytes: int | None = None


def baseline_dist(ref: str) -> Path:
    """The SPA as built from `ref`, cached in the temporary directory across runs."""
    commit = subprocess.run(["git", "rev-parse", "--short=12", ref], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout.strip()
    work = Path(tempfile.gettempdir()) / f"fuwu-first-load-{commit}"
    dist = work / "frontend" / "dist"
    if (dist / "index.html").is_file():
        return dist
    print(f"# building the baseline SPA of {commit} in {work} (once; a minute or two)", flush=True)
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit, "frontend"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(work)], input=archive, check=True)
    (work / "frontend" / "node_modules").symlink_to(ROOT / "frontend" / "node_modules")
    subprocess.run(["npx", "vite", "build", "--logLevel", "warn"], cwd=work / "frontend",
                   check=True)
    return dist


def measure(browser, base_url: str, sign_in: bool) -> Load:
    from playwright.sync_api import expect

    from infra.local.demo_data import DEMO_PASSWORD

    context = browser.new_context(base_url=base_url, locale="zh-CN", viewport={"width": 375, "height": 740},
                                  is_mobile=True, has_touch=True, reduced_motion="reduce")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False, "latency": LATENCY_MS,
            "downloadThroughput": DOWN_BYTES_S, "uploadThroughput": UP_BYTES_S})
        page.add_init_script(FORM_PROBE)
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto("/login", wait_until="commit", timeout=TIMEOUT_MS)
        expect(page.get_by_test_id("login-username")).to_be_visible(timeout=TIMEOUT_MS)
        page.wait_for_function("window.__formVisibleAt !== undefined", timeout=TIMEOUT_MS)
        form_ms = page.evaluate("window.__formVisibleAt")
        paint_ms = page.evaluate(
            "(performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime ?? null")
        seen = list(responses)
        scripts = [r for r in seen if r.url.split("?", 1)[0].endswith(".js")]
        load = Load(script_bytes=sum(r.request.sizes()["responseBodySize"] for r in scripts),
                    script_files=len(scripts),
                    all_bytes=sum(r.request.sizes()["responseBodySize"] for r in seen),
                    first_paint_s=None if paint_ms is None else paint_ms / 1000, form_s=form_ms / 1000)
        if sign_in:
            responses.clear()
            # typed as on a phone's keyboard (4 characters a second): the new build fetches
            # the signed-in frame meanwhile (App.tsx, PrefetchAfterSignIn)
            page.get_by_test_id("login-username").press_sequentially("sz_manager", delay=TYPING_MS)
            page.get_by_test_id("login-password").press_sequentially(DEMO_PASSWORD, delay=TYPING_MS)
            started = time.perf_counter()
            page.get_by_test_id("login-submit").click()
            page.wait_for_url(re.compile(r"/work-orders"), timeout=TIMEOUT_MS)
            expect(page.locator("[data-testid^='order-row-']").first).to_be_visible(
                timeout=TIMEOUT_MS)
            load.sign_in_s = time.perf_counter() - started
            load.sign_in_script_bytes = sum(r.request.sizes()["responseBodySize"] for r in responses
                                            if r.url.split("?", 1)[0].endswith(".js"))
        return load
    finally:
        context.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.first_load")
    parser.add_argument("--runs", type=int, default=1, help="loads per variant (median; default 1)")
    parser.add_argument("--baseline-ref", default=BASELINE_REF, help="commit whose SPA is `before`")
    parser.add_argument("--baseline-dist", type=Path, help="an SPA already built for `before`")
    parser.add_argument("--no-sign-in", action="store_true", help="the sign-in page only")
    args = parser.parse_args(argv)

    from infra.local.server import DIST

    if not (DIST / "index.html").is_file():
        raise SystemExit("the SPA is not built: run `make build`")
    print("# bench.first_load — the sign-in page on a 3 s-latency, 50 KiB/s link (DevTools emulation)")
    print(f"# {harness.machine()}")
    old = args.baseline_dist or baseline_dist(args.baseline_ref)
    harness.start_stack(seed_orders=10)
    from playwright.sync_api import sync_playwright

    from app import app
    from infra.local.moto_stack import free_port
    from infra.local.server import start_in_thread
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    variants = [("before", old, False), ("before + compression", old, True),
                ("after, uncompressed", DIST, False), ("after", DIST, True)]
    servers, results = [], {}
    try:
        with harness.app_output_discarded(), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name, dist, compress in variants:
                port = free_port()
                servers.append(start_in_thread(app, "127.0.0.1", port, dist=dist, compress=compress))
                results[name] = [measure(browser, f"http://127.0.0.1:{port}", not args.no_sign_in)
                                 for _ in range(args.runs)]
                os.write(1, f"# {name}: measured\n".encode())
            browser.close()
    finally:
        for server in servers:
            server.shutdown()
            server.server.server_close()

    def mid(name: str, field: str):
        values = [getattr(r, field) for r in results[name] if getattr(r, field) is not None]
        return harness.median(values) if values else None

    base = {f: mid("before", f) for f in ("script_bytes", "first_paint_s", "form_s", "sign_in_s")}

    def cell(name: str, field: str, unit: str) -> str:
        value = mid(name, field)
        if value is None:
            return "-"
        shown = f"{value / 1000:.1f} kB" if unit == "kB" else f"{value:.1f} s"
        ratio = f" ({value / base[field]:.2f}x)" if base.get(field) and name != "before" else ""
        return shown + ratio

    rows = [[name, cell(name, "script_bytes", "kB"), f"{mid(name, 'script_files'):.0f}",
             cell(name, "first_paint_s", "s"), cell(name, "form_s", "s"),
             cell(name, "sign_in_s", "s"), cell(name, "sign_in_script_bytes", "kB")]
            for name, _, _ in variants]
    print()
    print(harness.table(["variant", "login script (wire)", "files", "first paint", "form visible",
                         "sign-in → list", "its script"], rows))
    print(f"\n# ratios against `before` ({old}); median of {args.runs} load(s) per variant;"
          f" times from navigation start; aim: script ≤ 250 kB, shell within ~{LATENCY_MS / 1000:.0f} s"
          " (the HTML alone takes one emulated latency)")


if __name__ == "__main__":
    main()
