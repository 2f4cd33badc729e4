"""The SLA sweep reads what is due, not the table: one sweep over 2 000 orders and over
20 000 orders, each with 20 clocks due, in one run against moto.

Prints the items the sweep read, its DynamoDB requests and its time for both sizes, and the
ratios (items and requests should stay at 1; moto's own queries are O(table), so its time
ratio says more about moto than about the sweep — the request and item counts are what AWS
bills and what grows with load).
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from bench import harness

DUE = 20
SIZES = (2_000, 20_000)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def add_watches(count: int, due: int, now: datetime, tag: str) -> None:
    """`count` orders' arrival clocks, `due` of them with a warning level that has come."""
    from chalicelib.kernel.store import keys
    from chalicelib.modules.sla.models import SlaWatch
    from chalicelib.modules.sla.store import index_watch

    with SlaWatch.batch_write() as batch:
        for i in range(count):
            is_due = i < due
            check = now - timedelta(minutes=1) if is_due else now + timedelta(days=1 + i % 5)
            due_at = now + timedelta(minutes=4) if is_due else check + timedelta(hours=5)
            order_id = f"wo_bench{tag}{i:06d}"
            watch = SlaWatch(
                subject_kind="work_order", subject_id=order_id, link=f"/work-orders/{order_id}",
                clock="arrival", run=1, outlet="SZ",
                reference=f"SZ-20261123-{i % 10000:04d}", title="基准测试客户",
                priority="general", assignee="sz_tech1",
                assignee_name="张伟", state="running", basis="calendar",
                started_at=_iso(now - timedelta(hours=20)), due_at=_iso(due_at),
                warning_at=_iso(check), next_check=_iso(check),
                levels=[{"name": "warning", "at": _iso(check), "notify": ["assignee"]},
                        {"name": "breach", "at": _iso(due_at), "notify": ["outlet_manager"]}],
                notified=[])
            index_watch(watch, keys.order_pk(order_id))
            batch.save(watch)


def measure(now: datetime) -> tuple[int, int, float, str]:
    from chalicelib.modules.sla import sweep as sla_sweep

    with harness.counting_requests() as seen, harness.app_output_discarded():
        started = time.perf_counter()
        report = sla_sweep.sweep(now)
        elapsed = time.perf_counter() - started
    queries = [op for op in seen.dynamodb if op == "Query"]
    return report.read, len(queries), elapsed, harness.summarise(seen.dynamodb)


def main() -> None:
    print("# bench.sla_sweep — items read by one SLA sweep: 2 000 vs 20 000 orders, 20 due each")
    print(f"# {harness.machine()}")
    harness.start_stack(seed_orders=0)
    now = datetime.now(UTC)
    rows, results = [], []
    total = 0
    for size in SIZES:
        started = time.perf_counter()
        add_watches(size - total, DUE, now, tag=str(size))
        total = size
        loaded = time.perf_counter() - started
        read, queries, elapsed, ops = measure(now)
        results.append((read, queries, elapsed))
        rows.append([f"{size:,}", str(DUE), str(read), str(queries), f"{elapsed * 1000:.0f}",
                     f"{loaded:.1f}", ops])
    print(harness.table(["orders in table", "due", "items read", "Query requests", "sweep ms",
                         "load s", "DynamoDB requests of the sweep"], rows))
    (r1, q1, t1), (r2, q2, t2) = results
    print(f"\nratio 20 000 / 2 000: items read {r2 / r1:.2f}x, queries {q2 / q1:.2f}x, "
          f"time {t2 / t1:.2f}x (moto scans its whole table on every query; DynamoDB does not)")


if __name__ == "__main__":
    main()
