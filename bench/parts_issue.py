"""An issue of parts against an approved requisition (issue 14, check 8): exactly one DynamoDB
transaction — the stock line on its sequence, its ledger entry, the requisition at the version
seen and the order's timeline event (and the month's consumption for ABC). Prints the DynamoDB
requests of one issue and the items of its TransactWriteItems.

Counted like bench.warranty_reads: every HTTP request botocore sends while one API call runs
through `chalice.test.Client` with a real Cognito ID token, after a warm-up issue, REPEATS
times; the figure is steady-state.

Run from the repository root: python -m bench.parts_issue
"""

from __future__ import annotations

import contextlib
import json

import botocore.endpoint

from bench import harness
from bench.warranty_reads import _start

REPEATS = 3


@contextlib.contextmanager
def transactions():
    """The items of every TransactWriteItems sent: (operation, pk, sk) of each."""
    made: list[list[tuple[str, str, str]]] = []
    original = botocore.endpoint.Endpoint._send

    def send(endpoint, request):
        target = request.headers.get("X-Amz-Target", b"")
        target = target.decode() if isinstance(target, bytes) else target
        if target == f"{harness.DYNAMODB_TARGET}TransactWriteItems":
            body = json.loads(request.body)
            items = []
            for entry in body["TransactItems"]:
                (operation, detail), = entry.items()
                key = detail.get("Key") or detail.get("Item") or {}
                items.append((operation, key.get("pk", {}).get("S", "?"),
                              key.get("sk", {}).get("S", "?")))
            made.append(items)
        return original(endpoint, request)

    botocore.endpoint.Endpoint._send = send
    try:
        yield made
    finally:
        botocore.endpoint.Endpoint._send = original


def _kind(pk: str, sk: str) -> str:
    if pk.startswith("STOCK#") and sk.startswith("PART#"):
        return "stock line (condition: seq read)"
    if pk.startswith("STOCK#") and sk.startswith("USE#"):
        return "month's consumption (ADD)"
    if pk.startswith("LEDGER#"):
        return "ledger entry (new)"
    if sk.startswith("PARTREQ#"):
        return "requisition (condition: version seen)"
    if sk.startswith("EVENT#"):
        return "order event parts_issued (new)"
    return f"{pk.split('#')[0]}/{sk.split('#')[0]}"


def main() -> None:
    print("# bench.parts_issue — one issue of parts: DynamoDB requests and its transaction")
    print(f"# {harness.machine()}")
    _start()
    from chalicelib.kernel.actor import Actor
    from chalicelib.modules.parts import ledger

    api = harness.Api()
    for user in ("sz_agent", "sz_support", "sz_manager", "sz_warehouse", "hq_admin"):
        api.login(user)
    code = "BENCH-ISSUE-1"
    api.ok("POST", "/api/parts", "hq_admin", {"code": code, "name": "基准配件", "unit": "件",
                                              "list_price_fen": 5000, "cost_fen": 3000},
           status=201)
    ledger.commit(Actor("sz_warehouse", "warehouse", "SZ"),
                  [ledger.Move("SZ", code, "receive", {"on_hand": 100}, 100)])
    customer = harness.bench_customer(api)
    order = harness.new_order(api, customer)
    counts, ops, items = set(), "", []
    for attempt in range(REPEATS + 1):
        req = api.ok("POST", "/api/parts/requisitions", "sz_support", {
            "order_id": order["id"], "lines": [{"code": code, "quantity": 2}]}, status=201)
        base = f"/api/work-orders/{order['id']}/requisitions/{req['id']}/actions"
        req = api.ok("POST", f"{base}/approve", "sz_manager", {"version": req["version"]})
        with harness.counting_requests() as seen, transactions() as sent:
            reply = api.call("POST", f"{base}/issue", "sz_warehouse", {"version": req["version"]})
        if reply.status != 200:
            raise RuntimeError(f"issue: {reply.status} {reply.body}")
        if attempt:  # the first call warms the caches
            counts.add(len(seen.dynamodb))
            ops = harness.summarise(seen.dynamodb)
            writes = [op for op in seen.dynamodb if op in (
                "TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem")]
            if writes != ["TransactWriteItems"] or len(sent) != 1:
                raise RuntimeError(f"an issue wrote {writes}, not one transaction")
            items = sent[0]
    steady = counts.pop() if len(counts) == 1 else -1
    print()
    print(harness.table(["call", "DynamoDB reqs", "operations (steady state)"],
                        [["issue (1 line)", str(steady) if steady >= 0 else "varies", ops]]))
    print()
    print(f"# its one TransactWriteItems holds {len(items)} items:")
    print(harness.table(["operation", "item"], [[op, _kind(pk, sk)] for op, pk, sk in items]))


if __name__ == "__main__":
    main()
