"""Give the KPI facts written before a technician's month had an index their gsi3 entry, as
`figures/kpi_store.fact_write` sets it now.

Run once on a stage that holds facts written before the entry existed (docs/deploy.md, "Data
migrations"):

    AWS_REGION=<region> FUWU_TABLE=fuwu-<stage>-main .venv/bin/python -m scripts.reindex_kpi_facts

No scan: for each outlet, its fact partitions `KPI#<outlet>#<yyyy-mm>` month by month, page by
page, from the month before its oldest order (one item of its gsi1 order partition) to the
later of this month and its newest order's month. A fact that counts for a technician
(figures/domain/kpi.py `credited`) and has no entry gets one (gsi3
`KPITECH#<outlet>#<username>#<yyyy-mm>` / its sk) in one UpdateItem conditional on the fact
being the one read (same `at`) and still without an entry, so a fact the app replaced meanwhile
(the new code indexed it) is left alone. A fact with an entry, or that counts for nobody, is not
written. Running it twice is harmless: the second run writes nothing.

It prints a line for each outlet-month holding facts once it is done, and one for each outlet.
After an interruption, resume at the last month printed: `--resume SZ:2026-11` skips the
outlets before SZ (they are taken in code order) and SZ's months before 2026-11.
"""

from __future__ import annotations

import argparse
import sys

from pynamodb.exceptions import UpdateError

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.directory import store as directory_store
from chalicelib.modules.directory.usecases import local_month
from chalicelib.modules.figures import kpi_store
from chalicelib.modules.figures.domain.kpi import previous_month
from chalicelib.modules.figures.models import KpiFact
from chalicelib.modules.orders.models import WorkOrder
from chalicelib.modules.orders.store import first_order_month, order_index


def reindex_month(outlet: str, month: str) -> tuple[int, int]:
    """(facts read, facts given their entry) of one outlet-month's partition."""
    read = indexed = 0
    for fact in KpiFact.query(kpi_store.fact_pk(outlet, month), page_size=200):
        if not isinstance(fact, KpiFact):
            continue
        read += 1
        if fact.gsi3pk:
            continue  # written by the current code (or done by an earlier run)
        kpi_store.fact_write(fact)  # the keys as the app sets them now
        if not fact.gsi3pk:
            continue  # counts for nobody: no entry
        try:
            KpiFact._get_connection().update_item(
                fact.pk, fact.sk,
                condition=(KpiFact.at == fact.at) & KpiFact.gsi3pk.does_not_exist(),
                actions=[KpiFact.gsi3pk.set(fact.gsi3pk), KpiFact.gsi3sk.set(fact.gsi3sk)])
        except UpdateError as error:
            if getattr(error, "cause_response_code", None) != "ConditionalCheckFailedException":
                raise
            continue  # replaced or removed meanwhile
        indexed += 1
    return read, indexed


def _next(month: str) -> str:
    y, m = int(month[:4]), int(month[5:])
    return f"{y + 1:04d}-01" if m == 12 else f"{y:04d}-{m + 1:02d}"


def _newest_order_month(outlet: str) -> str | None:
    for item in order_index(1).query(kernel_keys.outlet_orders(outlet), scan_index_forward=False,
                                     limit=1, page_size=1):
        if isinstance(item, WorkOrder):
            return item.created_at[:7]
    return None


def months(outlet: str) -> list[str]:
    """The months that may hold the outlet's facts (none: it has no order)."""
    first = first_order_month(outlet)
    if first is None:
        return []
    last = max(local_month(outlet, kernel_keys.utc_now()), _newest_order_month(outlet) or first)
    out, month = [], previous_month(first)  # UTC month of the first order; facts: local time
    while month <= _next(last):
        out.append(month)
        month = _next(month)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resume", metavar="OUTLET:YYYY-MM",
                        help="start at this outlet and month (the last line printed)")
    args = parser.parse_args(argv)
    start_outlet, start_month = (args.resume.split(":", 1) if args.resume else (None, None))
    outlets = sorted(o.code for o in directory_store.list_outlets())
    if start_outlet is not None and start_outlet not in outlets:
        parser.error(f"no outlet {start_outlet}")
    total_read = total_indexed = 0
    for outlet in outlets:
        if start_outlet is not None and outlet < start_outlet:
            continue
        for month in months(outlet):
            if outlet == start_outlet and start_month and month < start_month:
                continue
            read, indexed = reindex_month(outlet, month)
            total_read, total_indexed = total_read + read, total_indexed + indexed
            if read:
                print(f"{outlet}:{month}: {read} facts read, {indexed} indexed", flush=True)
        print(f"{outlet}: done", flush=True)
    print(f"total: {total_read} facts read, {total_indexed} indexed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
