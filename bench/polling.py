"""API calls per staff-hour while the portal is open and nobody looks (issue 19 item 4).

Debian's Chromium (Playwright) opens the local portal (infra/local/server.py, as `make run`
serves it) with Playwright's fake clock installed before the first navigation. Per role — an
outlet manager (sz_manager) at a desk, a technician (sz_tech1) on a 375 px phone — it signs in,
opens the order list (the technician's: 我的工单), then an order with two verified photos, and
then, with the fake clock (`clock.run_for`, a minute at a time, every timer fired):

- **visible**: one hour with the tab shown;
- **hidden**: one hour with the tab hidden (`document.visibilityState`/`hidden` overridden,
  `visibilitychange` dispatched, the window blurred: what TanStack Query's focus manager and the
  SPA's own listeners see when a phone locks or the user switches tabs);
- **return**: the tab shown again (and focused), what that one moment reads.

It counts every `/api` request the page makes in each phase, by method and path (ids as `{id}`),
and prints them per staff-hour for each build: `before` (the SPA as built from BASELINE_REF, the
commit before this work: `--baseline-dist`, or built once into a temporary directory as
bench/first_load.py does) and `after` (`--dist`, default the repository's `make build`), both
measured in this run against the same moto and data. Requests only: times on the fake clock are
not measured. The app's business clock follows the page's (`ServerClock`), so the server dates
what it answers (`urls_expire_at`) as a phone would see it; boto3 signs links at the real time.
Timers fire at their due time but a request they start is answered after the minute's step, so a
renewal every 270 s shows as one every 5 minutes (the `before` figure is slightly low). moto does
not check a presigned link's expiry: what is counted is what the SPA asks the API.

Run from the repository root (after `make build`):
    python -m bench.polling [--baseline-dist PATH] [--dist PATH]
"""

from __future__ import annotations

import argparse
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bench import harness

ROOT = Path(__file__).resolve().parents[1]
# The commit before issue 19 item 4 (the bell every minute; an order's files every 270 s, hidden too).
BASELINE_REF = "b273d74"
HOUR_MS = 3_600_000
STEP_MS = 60_000  # the fake clock runs a minute at a time; the requests it started settle between
PHOTO = ROOT / "tests" / "fixtures" / "site_photo.jpg"
BARRIER = "/api/health?barrier=1"  # the probe `settle` sends: not counted

# Runs before the SPA: the tab's visibility as the page sees it, switched by `set_hidden`.
VISIBILITY_SWITCH = """
(() => {
  let hidden = false;
  const shown = () => (hidden ? 'hidden' : 'visible');
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: shown });
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  window.__fuwuSetHidden = (value) => {
    hidden = value;
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    window.dispatchEvent(new Event(value ? 'blur' : 'focus'));
  };
})();
"""

_ID = re.compile(r"\d")


def path_of(url: str) -> str:
    """`/api/work-orders/{id}/attachments`: a path segment with a digit in it is an id."""
    parts = urlsplit(url).path.split("/")
    return "/".join("{id}" if len(p) >= 6 and _ID.search(p) else p for p in parts)


class ApiLog:
    """The `/api` requests a page makes, by phase (`phase`), as `METHOD /path`."""

    def __init__(self, page):
        self.page = page
        self.phase = "open"
        self.calls: dict[str, Counter] = {}
        self.urls: list[tuple[str, str]] = []  # (phase, full url)
        self.inflight = 0
        page.on("request", self._started)
        page.on("requestfinished", self._ended)
        page.on("requestfailed", self._ended)

    @staticmethod
    def _api(request) -> bool:
        return urlsplit(request.url).path.startswith("/api/") and not request.url.endswith(BARRIER)

    def _started(self, request) -> None:
        if not self._api(request):
            return
        self.inflight += 1
        self.calls.setdefault(self.phase, Counter())[f"{request.method} {path_of(request.url)}"] += 1
        self.urls.append((self.phase, request.url))

    def _ended(self, request) -> None:
        if self._api(request):
            self.inflight -= 1

    def count(self, phase: str, path_end: str = "") -> int:
        """Requests of `phase` whose path ends with `path_end` (all of them with "")."""
        return sum(n for call, n in self.calls.get(phase, Counter()).items() if call.endswith(path_end))

    def settle(self, quiet_ms: int = 300) -> None:
        """Until everything the page has asked so far is answered and nothing follows for
        `quiet_ms` (real time: a card that asks for its data once another answer shows it): a
        probe sent after what was asked (the page's requests are announced in the order they
        were made), then no request open and none started meanwhile."""
        self.page.evaluate(f"fetch('{BARRIER}').then((r) => r.status)")
        for _ in range(200):
            seen = len(self.urls)
            self.page.wait_for_timeout(quiet_ms)
            if self.inflight <= 0 and len(self.urls) == seen:
                return
        raise RuntimeError(f"{self.inflight} API request(s) still open")


def set_hidden(page, hidden: bool) -> None:
    """The tab hidden (and the window blurred) or shown again (and focused)."""
    page.evaluate(f"window.__fuwuSetHidden({'true' if hidden else 'false'})")


def run_clock(page, log: ApiLog, ms: int, step: int = STEP_MS, server_clock=None) -> None:
    """The fake clock runs `ms`, a step at a time, firing every timer due; requests settle between
    (and `server_clock`, if given, follows the page's clock before they are answered)."""
    for _ in range(ms // step):
        if server_clock:  # where the page's clock will be when the requests it starts are answered
            server_clock.follow(page, ahead_ms=step)
        page.clock.run_for(step)
        log.settle()


class ServerClock:
    """The app's business clock (`keys.utc_now`) kept at the page's fake time, so that what the
    server dates from it agrees with the page: the `urls_expire_at` the SPA before this work renewed
    its links by (with the server an hour behind, every link it gets looks lapsed and it renews on
    its every timer turn: not what a phone does). Presigned links themselves are signed by boto3 at
    the real time (`X-Amz-Date`), as S3 judges them."""

    def __init__(self):
        from datetime import timedelta

        self.offset = timedelta(0)

    def follow(self, page, ahead_ms: int = 0) -> None:
        from datetime import UTC, datetime

        from chalicelib.kernel.store import keys

        page_now = page.evaluate("Date.now()") + ahead_ms
        self.offset = datetime.fromtimestamp(page_now / 1000, UTC) - datetime.now(UTC)
        keys.set_clock(lambda: datetime.now(UTC) + self.offset)

    @staticmethod
    def restore() -> None:
        from chalicelib.kernel.store import keys

        keys.set_clock(None)


def open_clocked_page(browser, base_url: str, mobile: bool):
    from tests.e2e.conftest import UI_TIMEOUT_MS

    size = {"width": 375, "height": 812} if mobile else {"width": 1280, "height": 860}
    context = browser.new_context(viewport=size, is_mobile=mobile, has_touch=mobile, locale="zh-CN",
                                  timezone_id="Asia/Shanghai", base_url=base_url, reduced_motion="reduce")
    context.set_default_timeout(UI_TIMEOUT_MS)
    page = context.new_page()
    page.add_init_script(VISIBILITY_SWITCH)
    page.clock.install()
    return context, page


# ---------------------------------------------------------------- the scenario

def order_with_photos(api: harness.Api, customer: dict) -> dict:
    """A fresh SZ order dispatched to sz_tech1, with two photos the technician took."""
    import requests

    order = harness.new_order(api, customer)
    order = api.ok("POST", f"/api/work-orders/{order['id']}/actions/dispatch", "sz_manager",
                   {"version": order["version"], "data": {"technician": "sz_tech1"}})
    body = PHOTO.read_bytes()
    for category in ("before", "site"):
        granted = api.ok("POST", f"/api/work-orders/{order['id']}/attachments", "sz_tech1",
                         {"kind": "photo", "category": category, "content_type": "image/jpeg",
                          "size": len(body)}, status=201)
        upload = granted["upload"]
        requests.post(upload["url"], data=upload["fields"],
                      files={"file": ("photo.jpg", body, "image/jpeg")}, timeout=30).raise_for_status()
        api.ok("POST", f"/api/work-orders/{order['id']}/attachments/{granted['attachment']['id']}/confirm",
               "sz_tech1")
    return order


ROLES = {  # who, on what, and the list they open the order from
    "sz_manager": {"mobile": False, "label": "outlet manager, desktop", "row": "order-row-{number}"},
    "sz_tech1": {"mobile": True, "label": "technician, 375 px phone", "row": "job-card-{number}"},
}
PHASES = ("visible", "hidden", "return")


@dataclass
class Walk:
    calls: dict[str, Counter] = field(default_factory=dict)


def walk(browser, base_url: str, user: str, order: dict) -> Walk:
    from playwright.sync_api import expect

    from tests.e2e.helpers import login

    role = ROLES[user]
    context, page = open_clocked_page(browser, base_url, role["mobile"])
    server_clock = ServerClock()
    try:
        log = ApiLog(page)
        login(page, user)
        page.get_by_test_id(role["row"].format(number=order["number"])).first.click()
        expect(page.get_by_test_id("order-number")).to_contain_text(order["number"])
        expect(page.get_by_test_id("evidence-thumb")).to_have_count(2)
        log.settle(quiet_ms=1_000)  # the page's cards ask for their data after it shows
        log.phase = "visible"
        run_clock(page, log, HOUR_MS, server_clock=server_clock)
        log.phase = "hidden"
        set_hidden(page, True)
        run_clock(page, log, HOUR_MS, server_clock=server_clock)
        log.phase = "return"
        server_clock.follow(page)
        set_hidden(page, False)
        log.settle()
        page.clock.run_for(1_000)  # what the return scheduled at once
        log.settle()
        return Walk(calls=log.calls)
    finally:
        server_clock.restore()
        context.close()


def baseline(args) -> Path:
    if args.baseline_dist:
        return args.baseline_dist
    from bench.first_load import baseline_dist

    return baseline_dist(args.baseline_ref)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.polling")
    parser.add_argument("--dist", type=Path, help="the SPA measured as `after` (default: make build's)")
    parser.add_argument("--baseline-dist", type=Path, help="the SPA measured as `before`, built elsewhere")
    parser.add_argument("--baseline-ref", default=BASELINE_REF, help="commit whose SPA is `before`")
    args = parser.parse_args(argv)

    from infra.local.server import DIST

    after = args.dist or DIST
    print("# bench.polling — API calls per staff-hour with the portal open: an hour visible, an hour hidden")
    print(f"# {harness.machine()}")
    before = baseline(args)
    for dist in (before, after):
        if not (dist / "index.html").is_file():
            raise SystemExit(f"no SPA built in {dist}")
    harness.start_stack(seed_orders=10)
    from playwright.sync_api import sync_playwright

    from app import app
    from infra.local.moto_stack import free_port
    from infra.local.server import start_in_thread
    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    api = harness.Api()
    customer = harness.bench_customer(api)
    variants = {"before": before, "after": after}
    results: dict[tuple[str, str], Walk] = {}
    servers = []
    try:
        with harness.app_output_discarded(), sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name, dist in variants.items():
                port = free_port()
                servers.append(start_in_thread(app, "127.0.0.1", port, dist=dist))
                for user in ROLES:
                    order = order_with_photos(api, customer)  # fresh links, a fresh order on top of each list
                    results[(name, user)] = walk(browser, f"http://127.0.0.1:{port}", user, order)
                    os.write(1, f"# {name}, {user}: measured\n".encode())
            browser.close()
    finally:
        for server in servers:
            server.shutdown()
            server.server.server_close()

    print(f"\n# before: {before}\n# after:  {after}")
    totals = {(name, phase): 0 for name in variants for phase in PHASES}
    for user, role in ROLES.items():
        paths = sorted({call for (name, u), w in results.items() if u == user
                        for phase in PHASES for call in w.calls.get(phase, {})})
        rows = []
        for call in paths:
            rows.append([call] + [str(results[(name, user)].calls.get(phase, Counter())[call])
                                  for phase in PHASES for name in variants])
        sums = {(name, phase): sum(results[(name, user)].calls.get(phase, Counter()).values())
                for name in variants for phase in PHASES}
        for key, n in sums.items():
            totals[key] += n
        rows.append(["all API calls"] + [str(sums[(name, phase)]) for phase in PHASES for name in variants])
        print(f"\n## {user} ({role['label']}): order list → an order with 2 photos, then")
        print(harness.table(["request", "visible h: before", "after", "hidden h: before", "after",
                             "return: before", "after"], rows))

    staff = len(ROLES)

    def per_staff_hour(name: str, phase: str) -> str:
        return f"{totals[(name, phase)] / staff:.1f}"

    def ratio(phase: str) -> str:
        old = totals[("before", phase)]
        return f"{totals[('after', phase)] / old:.2f}x" if old else "-"

    def row(label: str, phase: str) -> list[str]:
        return [label, per_staff_hour("before", phase), per_staff_hour("after", phase), ratio(phase)]

    print("\n## API calls per staff-hour (mean of the two roles)")
    print(harness.table(["", "before", "after", "after/before"], [
        row("visible hour", "visible"), row("hidden hour", "hidden"),
        row("tab shown again (once)", "return")]))
    print("\n# counted: every /api request the page made (the sign-in, list and order opening not included);"
          " the fake clock ran a minute at a time, each timer fired as the browser would")


if __name__ == "__main__":
    main()
