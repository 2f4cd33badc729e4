"""DynamoDB round trips per API call for the main screens, counted as HTTP requests.

moto reports placeholder consumed capacity, so instead every HTTP request botocore sends is
counted (PynamoDB's own client included) while one API call runs through `chalice.test.Client`
with a real Cognito ID token. Each call is made once to warm the caches (JWKS, the directory
cache of outlets and staff), then measured REPEATS times; the figure is steady-state. A second
column repeats the call once right after the 60 s directory cache was emptied.

Run from the repository root: python -m bench.round_trips
"""

from __future__ import annotations

import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from bench import harness

REPEATS = 3
FRESH_ORDERS = 25  # ours, in state `received`: fill the first list page, feed dispatch and lists


@dataclass
class Case:
    name: str
    user: str
    request: Callable[[], tuple[str, str, object]]  # -> method, path, body (fresh per call)
    expected: int  # DynamoDB requests the design calls for (store docstrings, service code)
    why: str  # what those requests are
    status: int = 200
    cause: str = ""  # what we found when it needs more


def measure(api: harness.Api, case: Case) -> tuple[harness.Requests, harness.Reply]:
    method, path, body = case.request()
    with harness.counting_requests() as seen:
        reply = api.call(method, path, case.user, body)
    if reply.status != case.status:
        raise RuntimeError(f"{case.name}: {reply.status} {reply.body}")
    return seen, reply


def item_count(reply: harness.Reply) -> str:
    if "items" in reply.body:
        return str(len(reply.body["items"]))
    return str(len(reply.body.get("events", []))) + " ev" if "events" in reply.body else "1"


def main() -> None:
    print("# bench.round_trips — DynamoDB HTTP requests per API call (moto, chalice.test.Client)")
    print(f"# {harness.machine()}")
    env = harness.start_stack(seed_orders=10)
    del env
    api = harness.Api()
    for user in ("sz_manager", "sz_tech1", "sz_agent"):
        api.login(user)
    customer = harness.bench_customer(api)
    fresh = [harness.new_order(api, customer) for _ in range(FRESH_ORDERS)]
    # The seeded SZ order with the longest timeline (version = number of events).
    rows = [o for o in api.ok("GET", "/api/work-orders?limit=100", "sz_manager")["items"]
            if o["customer_id"] != customer["id"]]
    seeded = [api.ok("GET", f"/api/work-orders/{o['id']}", "sz_manager") for o in rows]
    detail = max(seeded, key=lambda o: o["version"])  # the list's rows carry no version
    outlet_orders = len(api.ok("GET", "/api/work-orders?limit=100", "sz_manager")["items"])
    print(f"# outlet SZ holds {outlet_orders} orders (7 seeded, {FRESH_ORDERS} ours in state received)")
    tech_jobs = api.ok("GET", "/api/work-orders?mine=1", "sz_tech1")["items"]
    if not tech_jobs:
        raise RuntimeError("sz_tech1 has no open jobs in the demo data")

    def dispatch() -> tuple[str, str, object]:
        order = fresh.pop()
        return ("POST", f"/api/work-orders/{order['id']}/actions/dispatch",
                {"version": order["version"], "data": {"technician": "sz_tech1"}})

    def create() -> tuple[str, str, object]:
        return ("POST", "/api/work-orders", {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "equipment_id": customer["equipment"][0]["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "空调不制冷"})

    def get(path: str) -> Callable[[], tuple[str, str, object]]:
        return lambda: ("GET", path, None)

    cases = [
        Case("order detail", "sz_manager", get(f"/api/work-orders/{detail['id']}"), 1,
             "Query of the order's item collection (order + events)"),
        Case("list (outlet, newest first)", "sz_manager", get("/api/work-orders"), 1,
             "Query orders1 OUTLET#SZ#ORDERS, Limit 20"),
        Case("list page 2 (cursor)", "sz_manager", lambda: (
            "GET", "/api/work-orders?cursor="
            + api.ok("GET", "/api/work-orders", "sz_manager")["next_cursor"], None), 1,
             "Query orders1 from the cursor"),
        Case("list by state=received", "sz_manager", get("/api/work-orders?state=received"), 1,
             "Query orders2 OUTLET#SZ#STATE#received"),
        Case("list priority=urgent", "sz_manager", get("/api/work-orders?priority=urgent"), 1,
             "Query orders1 with a filter: one page of 20 read, the matches returned with a cursor"),
        Case("technician my jobs (?mine=1)", "sz_tech1", get("/api/work-orders?mine=1"), 1,
             "Query orders3 TECH#sz_tech1 OPEN#..."),
        Case("order by number", "sz_manager", get(f"/api/work-orders/by-number/{detail['number']}"),
             2, "Query orders6 (number -> id), then the detail's Query"),
        Case("list ?number=", "sz_manager", get(f"/api/work-orders?number={detail['number']}"), 2,
             "Query orders6 (number -> id, keys only), then GetItem of the order"),
        Case("customer search (name)", "sz_manager", get(f"/api/customers?q={quote('华南')}"), 1,
             "Query gsi1 OUTLET#SZ#CUSTNAME prefix"),
        Case("customer search (phone)", "sz_manager", get("/api/customers?q=0755"), 1,
             "Query gsi2 OUTLET#SZ#CUSTPHONE prefix"),
        Case("action: dispatch", "sz_manager", dispatch, 2,
             "consistent Query of the order's collection, TransactWriteItems (order + event)"),
        Case("create order", "sz_agent", create, 3,
             "Query customer, Query orders5 (repeat repair; its accepted orders in a BatchGetItem: "
             "none here), TransactWriteItems (with the counter)", status=201),
        Case("me", "sz_manager", get("/api/me"), 0, "directory cache"),
    ]

    rows, notes = [], []
    started = time.perf_counter()
    from chalicelib.modules.directory import usecases as directory

    for case in cases:
        measure(api, case)  # warm-up
        runs = [measure(api, case) for _ in range(REPEATS)]
        counts = {len(seen.dynamodb) for seen, _ in runs}
        seen, reply = runs[-1]
        directory._cache.clear()  # what a call pays once the 60 s directory cache has expired
        cold, _ = measure(api, case)
        steady = str(counts.pop()) if len(counts) == 1 else "varies"
        flag = "" if steady.isdigit() and int(steady) <= case.expected else "  <-- more than expected"
        rows.append([case.name, item_count(reply), steady + flag, harness.summarise(seen.dynamodb),
                     str(case.expected), f"{len(cold.dynamodb)} ({harness.summarise(cold.dynamodb)})",
                     harness.summarise(seen.non_dynamodb)])
        if flag:
            notes.append(f"{case.name}: {steady} DynamoDB requests, expected {case.expected} "
                         f"({case.why}). {case.cause}".rstrip())

    print()
    print(harness.table(
        ["call", "items", "DynamoDB reqs", "operations (steady state)", "expected",
         "after dir. cache expiry", "other HTTP"], rows))

    # The JWKS: cached by PyJWKClient for an hour; a new client (cold Lambda) fetches it once.
    from chalicelib.modules.directory import identity

    identity._jwks_client = None
    with harness.counting_requests() as seen:
        api.ok("GET", "/api/me", "sz_manager")
    fetched = [url.split("/", 3)[-1] for url in seen.non_dynamodb]
    print(f"\nJWKS cache cold (first request of a process, then hourly): other HTTP = "
          f"{harness.summarise(fetched)}; DynamoDB = {harness.summarise(seen.dynamodb)}")
    print(f"\nmeasured {len(cases)} calls x {REPEATS + 2} in {time.perf_counter() - started:.1f}s")
    if notes:
        print("\nMore round trips than expected:")
        for note in notes:
            print(textwrap.fill(note, 108, initial_indent="  - ", subsequent_indent="    "))
    else:
        print("\nEvery call made at most the expected number of DynamoDB requests.")


if __name__ == "__main__":
    main()
