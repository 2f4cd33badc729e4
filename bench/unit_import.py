"""The unit import (产品档案批量导入) with flat memory: sheets of 1 000 and 10 000 units (ten
units per customer, two sites per customer, three bad rows each), each imported by the
import worker (`import_job.run`, called directly) into its own outlet against moto.

For each size the sheet is written with openpyxl, put where the upload form would put it, the
import started with `imports.start` (its queue message is left where it is) and run. Prints
rows, time, rows/s, what became of the rows, the DynamoDB requests, and the peak of Python's
traced memory (tracemalloc) during the run above what was traced when it began, then the ratio
10k / 1k of that peak, which must stay at or below 1.2: the sheet is read row by row from disk
(import_sheet.py: shared strings and the rows seen on disk, in the run's SQLite scratch file),
written in batches of 100, and nothing kept per row in memory. moto runs in a child process
(bench/exports.py), so the traced memory is the worker's alone; moto answers index queries and
transactions by looking at its whole table (DynamoDB does not), so the wall time grows faster
than the rows: compare the CPU time of the worker's thread.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import sys
import time
import tracemalloc
from collections import Counter
from datetime import datetime

from bench import harness

SIZES = (1000, 10000)
LIMIT = 1.2  # the largest 10k / 1k ratio of the peak the design allows
AGENTS = (("bench_imp1", "BI1"), ("bench_imp2", "BI2"))  # one outlet per size
WARM_UP = ("bench_imp0", "BI0")  # a first small import: imports and caches, not measured
HEADER = ["客户名称", "客户电话", "现场名称", "型号", "出厂编号", "发票号", "开票日期", "交付日期",
          "安装日期", "来源", "代理商"]


def build_sheet(rows: int, tag: str) -> bytes:
    """`rows` units of `rows // 10` customers (a dealer's farms hold several machines), written
    as Excel writes a sheet (XlsxWriter: texts in the shared-string table, dates as numbers with
    a date format); data rows 10, 500 and 998 (sheet rows 11, 501 and 999) are bad when the
    sheet has them: no phone, no such month, an unknown source."""
    import xlsxwriter

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("产品档案")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    customers = max(rows // 10, 1)
    for i in range(rows):
        c = i % customers
        row = [f"{tag}农机合作社{c}", f"13{tag}{c:07d}", f"{c % 2 + 1}号库", "4LZ-6" if i % 2 else
               "LS-500", f"{tag}-SN{i:06d}", f"FP{i:07d}", None, "2025-12-01",
               None, "自营" if i % 3 else "代理", None if i % 3 else "华南农机"]
        if i == 9:
            row[1] = None
        elif i == 499:
            row[7] = "2025-13-01"
        elif i == 997:
            row[9] = "借用"
        for col, value in enumerate(row):
            if value is not None:
                sheet.write_string(i + 1, col, value)
        sheet.write_datetime(i + 1, 6, datetime(2025, 11, 20), day)
    book.close()
    return out.getvalue()


def _outlet(username: str, outlet: str) -> None:
    """A dedicated outlet and agent for one size: its customers and units alone in their index
    partitions."""
    from chalicelib.modules.directory import store as directory_store
    from chalicelib.modules.directory.models import Outlet, Staff

    directory_store.save_outlet(Outlet(code=outlet, name=f"导入基准 {outlet}", name_en=outlet,
                                       city="深圳", lat=22.54, lng=114.06,
                                       timezone="Asia/Shanghai", number_prefix=outlet))
    directory_store.save_staff(Staff(username=username, name="基准话务员", role="agent",
                                     outlet=outlet, phone="13800000000", star_level=None))


@contextlib.contextmanager
def counting_dynamodb():
    """DynamoDB requests by operation, in a Counter (harness.counting_requests keeps a list entry
    per request, which would grow with the rows inside the traced run and be measured too)."""
    seen: Counter = Counter()

    def watch(_endpoint, request, _response):
        op = harness.dynamodb_operation(request)
        if op is not None:
            seen[sys.intern(op)] += 1

    with harness.watching_sends(watch):
        yield seen


def import_once(rows: int, agent: tuple[str, str], tag: str) -> dict:
    from chalicelib.kernel.actor import Actor
    from chalicelib.kernel.store import files
    from chalicelib.modules.warranty import import_job, imports
    from chalicelib.modules.warranty import import_store as store

    username, outlet = agent
    _outlet(username, outlet)
    body = build_sheet(rows, tag)
    actor = Actor(username=username, role="agent", outlet=outlet)
    with harness.app_output_discarded():
        created = imports.create(actor, {"filename": f"units-{rows}.xlsx", "size": len(body)})
        job = store.get(created["id"])
        files.s3().put_object(Bucket=files.bucket(), Key=job.s3_key, Body=body,
                              ContentType=store.XLSX_TYPE)
        imports.start(actor, job.id)
    del body
    gc.collect()
    tracemalloc.start()
    try:
        with counting_dynamodb() as seen, harness.app_output_discarded():
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            cpu = time.thread_time()
            started = time.perf_counter()
            outcome = import_job.run(job.id, budget=86400.0)
            seconds = time.perf_counter() - started
            cpu_s = time.thread_time() - cpu
            peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    done = store.get(job.id)
    if outcome != "done" or done.state != "done":
        raise RuntimeError(f"import {job.id}: {outcome}, {done.state}: {done.error}")
    return {"rows": int(done.total), "imported": int(done.imported),
            "unchanged": int(done.unchanged), "failed": int(done.failed), "seconds": seconds,
            "cpu_s": cpu_s, "peak": peak / 2**20,
            "requests": ", ".join(f"{op}×{n}" if n > 1 else op for op, n in seen.items())}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=SIZES, metavar=("SMALL", "LARGE"))
    args = parser.parse_args()
    print(f"# {harness.machine()}")
    from bench.exports import start_moto_elsewhere

    child = start_moto_elsewhere()
    try:
        import_once(30, WARM_UP, "00")  # what a warm worker has: modules imported, clients made
        results = [import_once(size, agent, f"{n + 1:02d}")
                   for n, (size, agent) in enumerate(zip(args.sizes, AGENTS, strict=True))]
    finally:
        child.stdin.close()
        child.wait(timeout=30)
    print(harness.table(
        ["rows", "imported", "unchanged", "failed", "run s", "rows/s", "CPU s", "CPU ms/row",
         "peak MiB", "DynamoDB requests"],
        [[r["rows"], r["imported"], r["unchanged"], r["failed"], f"{r['seconds']:.1f}",
          f"{r['rows'] / r['seconds']:.0f}", f"{r['cpu_s']:.1f}",
          f"{1000 * r['cpu_s'] / r['rows']:.2f}", f"{r['peak']:.2f}", r["requests"]]
         for r in results]))
    small, large = results
    ratio = large["peak"] / small["peak"]
    print(f"peak traced memory {large['rows']:,} / {small['rows']:,} rows: {ratio:.2f} "
          f"({'within' if ratio <= LIMIT else 'ABOVE'} the {LIMIT} the design allows)")
    sys.exit(0 if ratio <= LIMIT else 1)


if __name__ == "__main__":
    main()
