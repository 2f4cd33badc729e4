"""The monthly cost report's reads (issue 17, check 8): the cost sheets 费用 and 费用明细 of SZ's
2026-11 and of the network's read only that month's fee facts (aim ≤ 1.5 × the month's fact
items), never a Scan.

Seeded directly (BatchWriteItem, as a migration would): the fee facts of 20,000 accepted orders
— 2,000 of them SZ's in 2026-11 — each order with its acceptance's fact (ORDER), three in four
with the booking of their cost (BOOK), one in two paid (PAY), and a travel claim (CLAIM) per 20
orders; the other 18,000 orders in SZ's 2026-09, 2026-10 and 2026-12 and CD's 2026-10, 2026-11
and 2026-12 (CD's 2026-11 is the network's month too). Then the sheets are built
(`cost_report.sheets(scope, month)`, what the monthly report calls), after a warm-up build of
another month that fills the directory's cache as a warm Lambda has it.

Counted like bench.appraisal: the items DynamoDB read for the build (a Query's ScannedCount, 1
per GetItem). Also the fact items' sizes and what they cost: the write units of a fact in its
event's transaction (a transactional write costs 2 WCU per KB) and the read units of a month's
query (eventually consistent: 0.5 RCU per 4 KB of the items read). Ratios only; no timings are
asserted.

Run from the repository root: python -m bench.fees
"""

from __future__ import annotations

import math
from datetime import date

from bench import harness

MONTH = "2026-11"
ORDERS = 20_000
# orders per outlet-month: SZ 2026-11 is the month measured; CD 2026-11 is the network's too
SPREAD = {("SZ", "2026-11"): 2000, ("CD", "2026-11"): 2000, ("SZ", "2026-09"): 4000,
          ("SZ", "2026-10"): 4000, ("SZ", "2026-12"): 2000, ("CD", "2026-10"): 3000,
          ("CD", "2026-12"): 3000}
TYPES = ("repair", "repair", "maintenance", "installation", "inspection")
CLAIM_EVERY = 20


def _facts(outlet: str, month: str, orders: int) -> dict[str, int]:
    """An outlet-month's fee facts, written in batches; how many of each kind."""
    from chalicelib.modules.fees import keys
    from chalicelib.modules.fees.domain import facts as rules
    from chalicelib.modules.fees.fact_models import FeeFact

    counts = dict.fromkeys(rules.KINDS, 0)
    year, mon = int(month[:4]), int(month[5:])  # every time below is that day's in Beijing too

    def put(batch, kind: str, source_id: str, at: str, data: dict) -> None:
        batch.save(FeeFact(keys.fact_pk(outlet, month), keys.fact_sk(kind, source_id),
                           outlet=outlet, month=month, fact=kind, source_id=source_id, at=at,
                           data=data))
        counts[kind] += 1

    with FeeFact.batch_write() as batch:
        for n in range(orders):
            day = 1 + n % 28
            at = f"{month}-{day:02d}T0{n % 10}:15:00.000Z"
            order_id = f"wo_bench_{outlet}_{month}_{n:05d}"
            number = f"{outlet}-{month.replace('-', '')}{day:02d}-{n:04d}"
            order_type = TYPES[n % len(TYPES)]
            lines = [{"kind": "labour", "cost_fen": 6000 * (1 + n % 4)},
                     {"kind": "part", "cost_fen": 3500 * (n % 3)}]
            data = rules.order_data(
                number=number, order_type=order_type,
                coverage="contract" if n % 7 == 0 else "paid", technician="sz_tech1",
                helpers=["sz_tech2"] if n % 2 else [], arrived_on=date(year, mon, day),
                accepted_on=date(year, mon, day), lines=lines, charge_fen=40000 + n % 500,
                cost_fen=sum(line["cost_fen"] for line in lines))
            put(batch, "order", order_id, at, {"order_id": order_id, **data})
            if n % 4:
                put(batch, "booking", f"bev_bench_{outlet}_{month}_{n:05d}", at, {
                    "category": "repair", "amount_fen": data["cost_fen"], "year": 2026,
                    "source_kind": "work_order", "source_id": order_id, "number": number})
            if n % 2 == 0:
                put(batch, "payment", f"pay_bench_{outlet}_{month}_{n:05d}", at, {
                    "number": number, "order_id": order_id, "amount_fen": data["charge_fen"],
                    "method": "transfer", "collected_at": at})
            if n % CLAIM_EVERY == 0:
                put(batch, "claim", f"clm_bench_{outlet}_{month}_{n:05d}", at, rules.claim_data(
                    number=f"BX-{outlet}-2026-{n:04d}", by_category={
                        "transport": 18000, "lodging": 20000, "meals": 6000, "allowance": 10000},
                    installation=order_type == "installation",
                    contract_guidance=n % 7 == 0, budget_category="repair", total_fen=54000,
                    advance_fen=0, claimant="sz_tech1"))
    return counts


def _size(item) -> int:
    """A DynamoDB item's size as it is billed: each attribute's name and value in bytes
    (strings UTF-8; a number about one byte per two digits, plus one)."""
    total = 0
    for name, value in item.serialize().items():
        (kind, raw), = value.items()
        total += len(name.encode())
        if kind == "S":
            total += len(raw.encode())
        elif kind == "N":
            total += len(raw.lstrip("-").replace(".", "")) // 2 + 2
        else:
            total += len(str(raw).encode())
    return total


def _sizes(outlet: str) -> dict[str, tuple[int, int]]:
    """Per kind of fact in the measured month: (count, bytes)."""
    from chalicelib.modules.fees import facts

    found: dict[str, tuple[int, int]] = {}
    for fact in facts.month_facts(outlet, MONTH):
        count, size = found.get(fact.fact, (0, 0))
        found[fact.fact] = (count + 1, size + _size(fact))
    return found


def _measure(scope: str) -> tuple[list, dict]:
    from chalicelib.modules.fees import cost_report

    with harness.reading() as seen:
        sheets = cost_report.sheets(scope, MONTH)
    return sheets, seen


def main() -> None:
    print("# bench.fees — the monthly cost report's sheets of a month of 2,000 orders among "
          "20,000: items read (moto)")
    print(f"# {harness.machine()}")
    harness.start_bare()
    from chalicelib.kernel import registry
    from chalicelib.modules.fees import cost_report

    registry.ready()
    written: dict[tuple[str, str], dict[str, int]] = {}
    for (outlet, month), orders in SPREAD.items():
        written[(outlet, month)] = _facts(outlet, month, orders)
    assert sum(SPREAD.values()) == ORDERS
    total = sum(sum(c.values()) for c in written.values())
    sz = sum(written[("SZ", MONTH)].values())
    network = sz + sum(written[("CD", MONTH)].values())
    print(f"# seeded: {total} fee facts of {ORDERS} orders; SZ {MONTH}: {sz} facts "
          f"({written[('SZ', MONTH)]}) of {SPREAD[('SZ', MONTH)]} orders; the network's "
          f"{MONTH} (SZ and CD): {network} facts")

    cost_report.sheets("NETWORK", "2025-01")  # warm-up: the directory's cache, as a warm Lambda
    rows, scans = [], 0
    for scope, month_items in (("SZ", sz), ("NETWORK", network)):
        sheets, seen = _measure(scope)
        read = sum(seen["read"].values())
        scans += seen["ops"]["Scan"]
        detail = next(s for s in sheets if s.name == "费用明细")
        rows.append([f"{scope} {MONTH} 费用 + 费用明细", harness.summarise(
            [op for op, n in seen["ops"].items() for _ in range(n)]), str(read),
            str(month_items), f"{read / month_items:.3f}×", str(len(detail.rows)),
            "" if read <= 1.5 * month_items else "<-- more than the aim"])
    print()
    print(harness.table(["what", "DynamoDB requests", "items read", "the month's fee facts",
                         "ratio", "detail rows", ""], rows))
    print()
    print(f"# aim: items read ≤ 1.5 × the month's fee facts; Scan requests: {scans}"
          f"{'' if scans == 0 else '  <-- a Scan was made'}")

    sizes = _sizes("SZ")
    size_rows = []
    all_bytes = 0
    for kind, (count, size) in sizes.items():
        mean = size / count
        all_bytes += size
        size_rows.append([kind, str(count), f"{mean:.0f}",
                          f"{2 * math.ceil(mean / 1024)} WCU (in its event's transaction)"])
    print()
    print(harness.table(["fact", f"SZ {MONTH}", "mean bytes", "write"], size_rows))
    print(f"# SZ {MONTH}'s cost sheets read {all_bytes / 1024:.0f} KB of fact items: "
          f"{math.ceil(all_bytes / 4096) / 2:.0f} RCU (eventually consistent Query pages), "
          f"{all_bytes / sz:.0f} bytes a fact")


if __name__ == "__main__":
    main()
