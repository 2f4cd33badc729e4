"""Handler latency (p50/p99) of order detail, list and one action, against the raw DynamoDB calls.

The handler is timed through `chalice.test.Client` (middleware, token verification, services,
PynamoDB, JSON) with a real Cognito ID token. The baseline is the same DynamoDB operations made
with a plain boto3 client against the same moto in the same run, interleaved with the handler
calls so both see the same table size and machine load. The ratio handler/baseline is what the
app adds on top of the round trips it needs.

Run from the repository root: python -m bench.latency
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

import boto3

from bench import harness

READS = 200  # iterations of detail and list
ACTIONS = 50  # dispatches, each on a fresh order; the baseline then repeats the operations on it
WARMUP = 20


@dataclass
class Sample:
    wall: float  # seconds, perf_counter
    cpu: float  # seconds of this thread's CPU (moto serves from another thread: not counted)


def timed(call) -> Sample:
    wall, cpu = time.perf_counter(), time.thread_time()
    call()
    return Sample(time.perf_counter() - wall, time.thread_time() - cpu)


class Baseline:
    """The DynamoDB operations each API call needs, made with a plain boto3 client."""

    def __init__(self):
        from chalicelib.kernel.config import settings

        cfg = settings()
        self.table = cfg.table_name
        self.ddb = boto3.client("dynamodb", **cfg.aws_kwargs)

    def detail(self, order_id: str) -> dict:
        # store.get_order_with_events: the order's item collection, strongly consistent
        return self.ddb.query(TableName=self.table, KeyConditionExpression="pk = :pk",
                              ExpressionAttributeValues={":pk": {"S": f"ORDER#{order_id}"}},
                              ConsistentRead=True)

    def list(self, outlet: str = "SZ") -> dict:
        # store.query_orders on orders1: an outlet's orders' list rows, newest first, one page
        return self.ddb.query(TableName=self.table, IndexName="orders1",
                              KeyConditionExpression="o1pk = :pk",
                              ExpressionAttributeValues={":pk": {"S": f"OUTLET#{outlet}#ORDERS"}},
                              ScanIndexForward=False, Limit=20)

    def item_count(self) -> int:
        return self.ddb.scan(TableName=self.table, Select="COUNT")["Count"]

    def dispatch(self, order_id: str, technician: str = "sz_tech1") -> dict:
        # the order's collection (order + events), then save_transition (order if version
        # unchanged + event); the reply is built from what was read
        key = {"pk": {"S": f"ORDER#{order_id}"}, "sk": {"S": "ORDER"}}
        collection = self.ddb.query(TableName=self.table, ConsistentRead=True,
                                    KeyConditionExpression="pk = :pk",
                                    ExpressionAttributeValues={":pk": key["pk"]})["Items"]
        order = next(i for i in collection if i["sk"]["S"] == "ORDER")
        version = int(order["version"]["N"])
        at = time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime())
        stamp = order["osk"]["S"]
        data = {"technician": technician, "helpers": [], "technician_name": "张伟"}
        order.update({
            "state": {"S": "dispatched"}, "version": {"N": str(version + 1)},
            "technician": {"S": technician}, "technician_name": {"S": "张伟"},
            "steps": {"S": json.dumps({"dispatch": {**data, "by": "sz_manager", "at": at}})},
            "updated_at": {"S": at}, "o2pk": {"S": "OUTLET#SZ#STATE#dispatched"},
            "o3pk": {"S": f"OUTLET#SZ#TECH#{technician}"}, "o3sk": {"S": f"OPEN#{stamp}"},
        })
        event_id = f"ev_bench{time.perf_counter_ns():x}"
        event = {
            "pk": key["pk"], "sk": {"S": f"EVENT#{at}#{event_id}"}, "kind": {"S": "order_event"},
            "id": {"S": event_id}, "order_id": {"S": order_id}, "at": {"S": at},
            "action": {"S": "dispatch"}, "actor_username": {"S": "sz_manager"},
            "actor_name": {"S": "王强"}, "actor_role": {"S": "manager"},
            "from_state": {"S": "received"}, "to_state": {"S": "dispatched"},
            "data": {"S": json.dumps(data)}, "order_version": {"N": str(version + 1)},
        }
        self.ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": self.table, "Item": order, "ConditionExpression": "version = :v",
                     "ExpressionAttributeValues": {":v": {"N": str(version)}}}},
            {"Put": {"TableName": self.table, "Item": event,
                     "ConditionExpression": "attribute_not_exists(pk)"}},
        ])
        return order


def ms(values: list[float], p: float) -> float:
    return harness.percentile(values, p) * 1000 if p != 50 else harness.median(values) * 1000


def row(name: str, handler: list[Sample], baseline: list[Sample] | None, ops: str) -> list[str]:
    wall, cpu = [s.wall for s in handler], [s.cpu for s in handler]
    cells = [name, str(len(handler)), f"{ms(wall, 50):.2f}", f"{ms(wall, 99):.2f}"]
    if baseline is None:
        return [*cells, "-", "-", "-", "-", f"{ms(cpu, 50):.2f}", "-", "-", ops]
    base_wall, base_cpu = [s.wall for s in baseline], [s.cpu for s in baseline]
    return [*cells, f"{ms(base_wall, 50):.2f}", f"{ms(base_wall, 99):.2f}",
            f"{ms(wall, 50) / ms(base_wall, 50):.2f}x", f"{ms(wall, 99) / ms(base_wall, 99):.2f}x",
            f"{ms(cpu, 50):.2f}", f"{ms(base_cpu, 50):.2f}", f"{ms(cpu, 50) / ms(base_cpu, 50):.2f}x", ops]


def main() -> None:
    print("# bench.latency — handler latency through chalice.test.Client vs raw boto3 (moto)")
    print(f"# {harness.machine()}")
    harness.start_stack(seed_orders=10)
    api = harness.Api()
    for user in ("sz_manager", "sz_agent"):
        api.login(user)
    base = Baseline()
    customer = harness.bench_customer(api)
    rows = api.ok("GET", "/api/work-orders?limit=100", "sz_manager")["items"]
    seeded = [api.ok("GET", f"/api/work-orders/{o['id']}", "sz_manager") for o in rows]
    order = max(seeded, key=lambda o: o["version"])  # the longest seeded timeline
    started = time.perf_counter()
    fresh = [harness.new_order(api, customer) for _ in range(ACTIONS)]
    print(f"# created {len(fresh)} fresh orders in {time.perf_counter() - started:.1f}s", flush=True)
    detail_path, list_path = f"/api/work-orders/{order['id']}", "/api/work-orders"
    client, token = api.client, api.login("sz_manager")
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}

    def handler(method: str, path: str, body: dict | None = None):
        def call():
            response = getattr(client.http, method)(
                path, headers=headers, body=json.dumps(body) if body is not None else None)
            if response.status_code != 200:
                raise RuntimeError(f"{method} {path}: {response.status_code} {response.body!r}")
        return call

    from chalicelib.modules.directory import identity

    results: dict[str, list[Sample]] = {k: [] for k in (
        "detail", "detail_base", "list", "list_base", "action", "action_base", "health", "me",
        "verify")}
    started = time.perf_counter()
    with harness.app_output_discarded():
        for _ in range(WARMUP):
            handler("get", detail_path)()
            handler("get", list_path)()
            base.detail(order["id"])
            base.list()
        for _ in range(READS):
            results["detail"].append(timed(handler("get", detail_path)))
            results["detail_base"].append(timed(lambda: base.detail(order["id"])))
            results["list"].append(timed(handler("get", list_path)))
            results["list_base"].append(timed(base.list))
            # the floor under every handler: routing + middleware without / with the token check
            results["health"].append(timed(handler("get", "/api/health")))
            results["me"].append(timed(handler("get", "/api/me")))
            results["verify"].append(timed(lambda: identity.verify_token(token)))
        for fresh_order in fresh:
            body = {"version": fresh_order["version"], "data": {"technician": "sz_tech1"}}
            results["action"].append(timed(handler(
                "post", f"/api/work-orders/{fresh_order['id']}/actions/dispatch", body)))
            # the same operations on the same order (one event more in its collection by then)
            results["action_base"].append(timed(lambda o=fresh_order: base.dispatch(o["id"])))
    elapsed = time.perf_counter() - started

    print(f"\ndetail: order {order['number']} with {order['version']} events; list: first page of "
          f"{len(seeded) + len(fresh)} SZ orders (limit 20); action: dispatch, each on a fresh order.")
    print(f"moto holds {base.item_count()} items; its queries cost O(table) and dominate the wall "
          "time of both sides.\nCPU = CPU time of the calling thread only (moto serves from its own "
          "thread), i.e. the work of the handler or of boto3 alone.")
    print("Times in ms; p99 is nearest-rank (with 50 samples it is the slowest).\n")
    print(harness.table(
        ["call", "n", "handler p50", "handler p99", "boto3 p50", "boto3 p99", "ratio p50",
         "ratio p99", "CPU handler p50", "CPU boto3 p50", "CPU ratio", "baseline operations"],
        [row("order detail", results["detail"], results["detail_base"], "Query"),
         row("list", results["list"], results["list_base"], "Query orders1"),
         row("action: dispatch", results["action"], results["action_base"],
             "Query, TransactWriteItems"),
         row("health (no token, no DynamoDB)", results["health"], None, "-"),
         row("me (token check, no DynamoDB)", results["me"], None, "-"),
         row("verify_token alone", results["verify"], None, "-")]))
    def extra(name: str, attr: str) -> float:
        values = {key: [getattr(s, attr) for s in results[key]] for key in (name, f"{name}_base")}
        return ms(values[name], 50) - ms(values[f"{name}_base"], 50)

    print("\nhandler minus baseline at p50, wall / CPU (ms): " + ", ".join(
        f"{name} {extra(name, 'wall'):.2f} / {extra(name, 'cpu'):.2f}"
        for name in ("detail", "list", "action")))
    print(f"measured in {elapsed:.1f}s")


if __name__ == "__main__":
    main()
