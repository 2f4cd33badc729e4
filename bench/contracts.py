"""The inspection generator reads what is due, not the contracts (issue 18, check 7): one run
among 100 active contracts and one among 1,000, each with the same 10 contracts due, read the
same items and make the same requests, and no Scan.

Seeded directly (BatchWriteItem, as a migration would): active monthly contracts of SZ, indexed
by contracts/keys.py `index` as the API writes them — 10 with their next occurrence within the
generator's 7 days, the others with theirs a month or more away (in the sparse due index
CONTRACTDUE all the same) — each covering one site of a customer made through the customers'
use case. Then `generator.run` at 06:00 Beijing, as the schedule runs it, after a warm-up that
fills the directory's and the SLA calendar's caches as a warm Lambda has them: the first run
over 100 contracts, then 900 more contracts and 10 new ones due (the first 10 left the window
when their orders were generated), and the second run over 1,000.

Counted like bench.appraisal: DynamoDB requests by operation and the items DynamoDB read for
them (a Query's ScannedCount, 1 per GetItem); "due index" is the generator's one range query of
the index (its items read is what must stay at 10); the rest is the 10 orders' creates (the
customer, the numbering, the other areas' create hooks, the markers, the advance). Ratios only;
no timings are asserted.

Run from the repository root: python -m bench.contracts
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bench import harness

DUE = 10
SIZES = (100, 1_000)
BEIJING = ZoneInfo("Asia/Shanghai")
RUN_AT = datetime(2027, 3, 1, 6, tzinfo=BEIJING)  # the 06:00 run
CHECKLIST = [{"area": "前端设备", "items": ["摄像机图像清晰", "云台转动正常"]},
             {"area": "线路", "items": ["线缆无破损", "接头紧固"]},
             {"area": "中心控制", "items": ["主机运行正常", "录像存储正常"]},
             {"area": "系统功能", "items": ["报警联动正常", "远程访问正常"]}]


def _customer(tag: str) -> tuple[str, str]:
    """A customer of SZ with one site (the customers' own use case): (customer, site)."""
    from chalicelib.kernel.actor import Actor
    from chalicelib.modules.customers import usecases

    made, _ = usecases.create(Actor("sz_agent", "agent", "SZ"), {
        "name": f"基准合同客户{tag}", "phone": "13512345678", "address": "深圳市南山区",
        "site": {"name": "一号厂区", "address": "科技路 1 号"}}, None)
    return made["id"], made["sites"][0]["id"]


def _contracts(count: int, due: int, tag: str) -> int:
    """`count` active contracts, `due` of them with an occurrence within the 7 days."""
    from chalicelib.kernel.store import keys as kernel_keys
    from chalicelib.modules.contracts import keys
    from chalicelib.modules.contracts.models import Contract

    at = kernel_keys.iso(RUN_AT - timedelta(days=60))
    customer, site = _customer(f"{tag}-due")
    other_customer, other_site = _customer(f"{tag}-rest")
    with Contract.batch_write() as batch:
        for n in range(count):
            is_due = n < due
            next_due = date(2027, 3, 5) if is_due else date(2027, 4, 1) + timedelta(days=n % 200)
            contract = Contract(
                id=f"ctr_bench{tag}{n:06d}", number=f"WH-SZ-2027-{tag}{n:04d}", outlet="SZ",
                customer_id=customer if is_due else other_customer,
                customer_name="基准合同客户", state="active", starts_on="2027-01-01",
                ends_on="2027-12-31", free_period=False, price_fen=1_200_000,
                sites=[site if is_due else other_site], units=[], labels={},
                service_level=None, included_callouts=4,
                schedule={"kind": "monthly", "day": next_due.day, "month_offset": 0,
                          "per": "site"},
                checklist=CHECKLIST, created_at=at, created_by="sz_manager", updated_at=at,
                updated_by="sz_manager", next_due_on=next_due.isoformat(),
                remind_on="2027-09-30", version=1)
            keys.index(contract)
            batch.save(contract)
    return count


def _measure() -> dict:
    from chalicelib.kernel.store import keys as kernel_keys
    from chalicelib.modules.contracts import generator

    kernel_keys.set_clock(lambda: RUN_AT)
    try:
        with harness.reading() as seen, harness.app_output_discarded():
            index_reads = _index_reads(seen)
            started = time.perf_counter()
            report = generator.run(RUN_AT)
            elapsed = time.perf_counter() - started
    finally:
        kernel_keys.set_clock(None)
    return {"report": report, "ops": dict(seen["ops"]), "read": sum(seen["read"].values()),
            "index": index_reads(), "ms": elapsed * 1000}


def _index_reads(seen: dict):
    """The items the due index's range query read: the first Query of the run (`due_contracts`
    is the run's first request), told apart by wrapping it."""
    from chalicelib.modules.contracts import generator

    before = {"read": 0, "requests": 0}
    original = generator.due_contracts

    def counted(until):
        read0, ops0 = sum(seen["read"].values()), sum(seen["ops"].values())
        found = original(until)
        before["read"] = sum(seen["read"].values()) - read0
        before["requests"] = sum(seen["ops"].values()) - ops0
        return found

    generator.due_contracts = counted

    def result() -> dict:
        generator.due_contracts = original
        return dict(before)

    return result


def main() -> None:
    print(f"# bench.contracts — the inspection generator's reads: {SIZES[0]:,} vs {SIZES[1]:,} "
          f"active contracts, {DUE} due")
    print(f"# {harness.machine()}")
    harness.start_stack(seed_orders=0)
    from chalicelib.modules.sla import public as sla

    sla.day_off("SZ", RUN_AT.date())  # warm: the directory's and the calendar's caches
    rows, results, total = [], [], 0
    for n, size in enumerate(SIZES):
        started = time.perf_counter()
        total += _contracts(size - total, DUE, tag=str(n))
        loaded = time.perf_counter() - started
        measured = _measure()
        results.append(measured)
        ops = measured["ops"]
        rows.append([f"{size:,}", str(DUE), str(measured["report"]["generated"]),
                     str(measured["index"]["read"]), str(measured["index"]["requests"]),
                     str(measured["read"]), str(sum(ops.values())), str(ops.get("Scan", 0)),
                     f"{measured['ms']:.0f}", f"{loaded:.1f}",
                     ", ".join(f"{op}×{c}" for op, c in sorted(ops.items()))])
    print(harness.table(["active contracts", "due", "orders made", "due index: items read",
                         "due index: requests", "run: items read", "run: requests", "Scans",
                         "run ms", "load s", "DynamoDB requests of the run"], rows))
    first, second = results
    print(f"\nratio {SIZES[1]:,} / {SIZES[0]:,}: due index items read "
          f"{second['index']['read'] / max(first['index']['read'], 1):.2f}x, run items read "
          f"{second['read'] / max(first['read'], 1):.2f}x, run requests "
          f"{sum(second['ops'].values()) / max(sum(first['ops'].values()), 1):.2f}x, time "
          f"{second['ms'] / max(first['ms'], 1):.2f}x (moto's queries are O(table); DynamoDB's "
          f"are not)")


if __name__ == "__main__":
    main()
