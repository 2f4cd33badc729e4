"""DynamoDB round trips of the warranty's reads (issue 13, check 7): what the coverage decision
adds to intake (at most one read: the unit with its terms and service record in one query), a
coverage action, the intake form's preview and the unit page (one query).

Counted like bench.round_trips: every HTTP request botocore sends while one API call runs
through `chalice.test.Client` with a real Cognito ID token, after a warm-up call (JWKS and the
directory cache filled), REPEATS times; the figure is steady-state.

Run from the repository root: python -m bench.warranty_reads
"""

from __future__ import annotations

import contextlib
import itertools
import traceback
from collections.abc import Callable

import botocore.endpoint

from bench import harness

REPEATS = 3


@contextlib.contextmanager
def attributing_requests():
    """Which module of ours asked for each DynamoDB request (the innermost frame of an area's
    module that is not a store), to tell the coverage decision's read apart from the others'
    (the order's own, a view's)."""
    made: list[str] = []
    original = botocore.endpoint.Endpoint._send

    def send(endpoint, request):
        target = request.headers.get("X-Amz-Target", b"")
        target = target.decode() if isinstance(target, bytes) else target
        if target.startswith(harness.DYNAMODB_TARGET):
            ours = [f.filename.split("chalicelib/modules/", 1)[1]
                    for f in traceback.extract_stack() if "chalicelib/modules/" in f.filename
                    and not f.filename.endswith("store.py")]
            made.append(f"{target[len(harness.DYNAMODB_TARGET):]}@{(ours or ['?'])[-1]}")
        return original(endpoint, request)

    botocore.endpoint.Endpoint._send = send
    try:
        yield made
    finally:
        botocore.endpoint.Endpoint._send = original


def main() -> None:
    print("# bench.warranty_reads — DynamoDB HTTP requests per API call (moto, chalice.test.Client)")
    print(f"# {harness.machine()}")
    harness.start_bare()
    api = harness.Api()
    for user in ("sz_agent", "sz_manager"):
        api.login(user)
    customer = api.ok("POST", "/api/customers", "sz_agent", {
        "name": "三包基准客户", "phone": "13500001313", "address": "宿州市测试路 13 号",
        "site": {"name": "一号场院", "address": "测试路 13 号"}}, status=201)
    serials = itertools.count(1)

    def unit() -> dict:
        return api.ok("POST", f"/api/customers/{customer['id']}/equipment", "sz_agent", {
            "model": "4LZ-6", "serial_no": f"BENCH-W-{next(serials)}",
            "delivered_on": "2025-12-01"}, status=201)

    with_terms = unit()
    if with_terms.get("terms") is None:
        raise RuntimeError("the registered unit has no terms")
    failed = [{"component": "启动机", "failure_date": "2026-04-01"},
              {"component": "变速箱壳体", "failure_date": "2026-04-01"}]
    intake = {"customer_id": customer["id"], "type": "repair", "priority": "general",
              "channel": "phone", "description": "收割机无法启动"}
    orders: list[dict] = []

    def create(body: dict) -> Callable[[], tuple[str, str, object, int]]:
        return lambda: ("POST", "/api/work-orders", body, 201)

    def set_components() -> tuple[str, str, object, int]:
        order = orders.pop()
        return ("POST", f"/api/work-orders/{order['id']}/actions/set_components",
                {"version": order["version"], "data": {"components": failed[:1]}}, 200)

    cases = [
        ("create order, no unit", create(intake), None,
         "Query customer, TransactWriteItems"),
        ("create order, unit with terms + 2 components",
         create({**intake, "equipment_id": with_terms["id"], "components": failed}), 1,
         "+ Query of the unit (terms, service record); no gsi5 repeat query"),
        ("action set_components", set_components, None,
         "Query order, Query unit, TransactWriteItems"),
        ("coverage preview", lambda: ("POST", "/api/warranty/coverage-preview", {
            "customer_id": customer["id"], "equipment_id": with_terms["id"],
            "components": failed}, 200), None, "Query of the unit's collection"),
        ("unit page", lambda: ("GET", f"/api/customers/{customer['id']}/units/{with_terms['id']}",
                               None, 200), None, "Query of the unit's collection"),
    ]
    rows = []
    counted: dict[str, int] = {}
    decided: dict[str, int] = {}
    for name, request, _extra, why in cases:
        if name == "action set_components":
            for _ in range(REPEATS + 1):
                orders.append(api.ok("POST", "/api/work-orders", "sz_agent",
                                     {**intake, "equipment_id": with_terms["id"]}, status=201))
        runs = []
        for attempt in range(REPEATS + 1):
            method, path, body, status = request()
            user = "sz_manager" if name == "unit page" else "sz_agent"
            with harness.counting_requests() as seen, attributing_requests() as made:
                reply = api.call(method, path, user, body)
            if reply.status != status:
                raise RuntimeError(f"{name}: {reply.status} {reply.body}")
            if attempt:  # the first call warms the caches
                runs.append((seen, made))
        counts = {len(seen.dynamodb) for seen, _ in runs}
        steady = counts.pop() if len(counts) == 1 else -1
        seen, made = runs[-1]
        counted[name] = steady
        decided[name] = sum(1 for m in made if m.endswith("@warranty/coverage.py"))
        rows.append([name, str(steady) if steady >= 0 else "varies",
                     harness.summarise(seen.dynamodb), harness.summarise(made), why])
    print()
    print(harness.table(["call", "DynamoDB reqs", "operations (steady state)",
                         "made by (innermost module of ours)", "what"], rows))
    intake = "create order, unit with terms + 2 components"
    added = decided[intake]
    print()
    print(f"# the coverage decision adds {added} DynamoDB request(s) to intake (at most 1 allowed)"
          f"{'' if added <= 1 else '  <-- more than allowed'}; the whole create: "
          f"{counted[intake]} against {counted['create order, no unit']} without a unit")
    print(f"# the unit page reads {counted['unit page']} (1 query expected)"
          f"{'' if counted['unit page'] == 1 else '  <-- more than expected'}")


if __name__ == "__main__":
    main()
