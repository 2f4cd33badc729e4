"""The warehouse's reads at 5,000 parts (issue 14, check 8): the stock page is one Query per
page (and the warnings filter too), and the nightly reorder reads only the lines whose stock
changed since its last run (5,000 lines, 50 changed: aim ≤ 2 × 50 items read), never a Scan.

Counted like bench.round_trips, plus what DynamoDB answered: every request botocore sends and
the items in its reply (Items of a Query, Responses of a BatchGetItem, an Item of a GetItem),
with the baselines measured in the same run on the same table: one raw boto3 Query of the
same page, and the full read of the warehouse that a job without its watermark makes. Ratios
only; no timings are asserted.

The 5,000 parts and stock lines are written directly (BatchWriteItem, as a migration would:
lines that have not moved for a day); everything measured goes through the app.

Run from the repository root: python -m bench.parts_stock
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from bench import harness

PARTS = 5000
CHANGED = 50
PAGE = 100
OUTLET = "SZ"


def _ops(seen) -> str:
    return harness.summarise([op for op, n in seen["ops"].items() for _ in range(n)])


def _fill() -> list[str]:
    """5,000 parts of the catalogue, each with a line in SZ (on hand 10, no reorder point) whose
    last change was a day ago."""
    from chalicelib.kernel.store import keys
    from chalicelib.modules.parts import catalogue, ledger
    from chalicelib.modules.parts.models import Part, Stock

    now = keys.utc_now()
    then = keys.iso(now - timedelta(days=1))
    codes = [f"BP{i:05d}" for i in range(PARTS)]
    with Part.batch_write() as batch:
        for code in codes:
            part = Part(code=code, name=f"配件{code}", unit="个", list_price_fen=2000,
                        cost_fen=1000, created_at=then, updated_at=then, version=1)
            catalogue.index_part(part)
            batch.save(part)
    with Stock.batch_write() as batch:
        for code in codes:
            stock = Stock(outlet=OUTLET, code=code, name=f"配件{code}", unit="个", on_hand=10,
                          seq=1, last_at=then, changed_at=then, updated_at=then, version=0)
            ledger.index_stock(stock)
            batch.save(stock)
    return codes


def main() -> None:
    print("# bench.parts_stock — the warehouse at 5,000 parts: requests and items read (moto)")
    print(f"# {harness.machine()}")
    harness.start_bare()
    import boto3

    from chalicelib.kernel.config import settings
    from chalicelib.kernel.store import keys
    from chalicelib.modules.parts import reorder

    codes = _fill()
    api = harness.Api()
    api.login("sz_warehouse")
    rows = []

    # ---- the stock page: one Query per page, walked to the end
    path = f"/api/parts/warehouses/{OUTLET}/stock?limit={PAGE}"
    api.ok("GET", path, "sz_warehouse")  # warm-up: token keys, directory, the cursor key
    pages, queries, others, cursor, listed = 0, 0, Counter(), None, 0
    while True:
        with harness.reading() as seen:
            body = api.ok("GET", path + (f"&cursor={cursor}" if cursor else ""), "sz_warehouse")
        pages += 1
        listed += len(body["items"])
        queries += seen["ops"]["Query"]
        others.update({op: n for op, n in seen["ops"].items() if op != "Query"})
        cursor = body["next_cursor"]
        if not cursor:
            break
    cfg = settings()
    raw = boto3.client("dynamodb", region_name=cfg.region, endpoint_url=cfg.endpoint_url)
    with harness.reading() as base:
        raw.query(TableName=cfg.table_name, KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
                  ExpressionAttributeValues={":p": {"S": f"STOCK#{OUTLET}"}, ":s": {"S": "PART#"}},
                  Limit=PAGE)
    per_page = queries / pages
    rows.append(["stock page (all pages walked)", f"{pages} pages, {listed} lines",
                 f"Query×{queries}" + (f", {dict(others)}" if others else ""),
                 f"{per_page:.2f} Query/page", f"{per_page / base['ops']['Query']:.2f}×"])

    # ---- the reorder job: first run reads everything, then only what changed
    with harness.reading() as first:
        outcome = reorder.reorder_outlet(OUTLET, keys.utc_now())
    full = sum(first["items"].values())
    rows.append(["reorder, first run (no watermark)", f"{outcome.read} lines",
                 _ops(first), f"{full} items read", "baseline"])
    half = CHANGED // 2
    for code in codes[:half]:  # the keeper raises the reorder point: now low
        api.ok("PUT", f"/api/parts/warehouses/{OUTLET}/stock/{code}/settings", "sz_warehouse",
               {"version": 0, "reorder_point": 12, "max_level": 30})
    for code in codes[half:CHANGED]:  # goods received
        api.ok("POST", f"/api/parts/warehouses/{OUTLET}/stock/{code}/movements", "sz_warehouse",
               {"movement": "receive", "quantity": 1})
    with harness.reading() as second:
        outcome = reorder.reorder_outlet(OUTLET, keys.utc_now())
    items = sum(second["items"].values())
    rows.append([f"reorder, {CHANGED} of {PARTS} changed", f"{outcome.read} lines, "
                 f"{outcome.created} suggestions", _ops(second),
                 f"{items} items read (aim ≤ {2 * CHANGED})", f"{items / full:.3f}× of the full read"])
    print()
    print(harness.table(["what", "size", "DynamoDB requests", "figure", "vs baseline"], rows))
    scans = first["ops"]["Scan"] + second["ops"]["Scan"] + others["Scan"]
    print()
    print(f"# stock page: {per_page:.2f} Query per page (1 expected; the raw Query of one page: "
          f"{base['ops']['Query']})")
    print(f"# reorder after {CHANGED} changes: {items} items read "
          f"({dict(second['items'])}){'' if items <= 2 * CHANGED else '  <-- more than the aim'}")
    print(f"# Scan requests: {scans}{'' if scans == 0 else '  <-- a Scan was made'}")


if __name__ == "__main__":
    main()
