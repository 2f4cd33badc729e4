"""Data exports with flat memory: one outlet's orders of one month, 10 000 and then 100 000 of
them, each written as XLSX and as CSV by the export worker (`services.exports.run`), in one run
against moto.

For each size and format the job is queued with `exports.start` (as head office), written with
`exports.run` (called directly; the queue's message is left where it is) and read back. Prints
rows, time, rows/s, file size, the DynamoDB requests, the CPU time of the calling thread and the
peak of Python's traced memory (tracemalloc) during the write and during the upload, then the
ratios 100k / 10k. Time should grow with the rows (about 10x) and the writer's memory should
not (about 1x). moto runs in a child process, so the traced memory is the worker's own; moto
answers every index page by looking at its whole table (DynamoDB does not), so the wall time
grows faster than the rows: the CPU time of the worker's thread is the figure to compare, and
one bare page is timed at each size for reference.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bench import harness, synthetic

OUTLET = "BX"  # a dedicated outlet: only the benchmark's orders are in its index partition
MONTH_FROM, MONTH_TO = "2026-10-01", "2026-10-31"
TZ = ZoneInfo("Asia/Shanghai")
FORMATS = ("xlsx", "csv")
HQ_ADMIN = ("hq_admin", "head_office", "HQ")

CUSTOMERS = [
    ("深圳市华强精密制造有限公司", "0755-26881234", "一号厂房", "深圳市南山区科技园南区高新南七道 18 号"),
    ("广东美达冷链物流股份有限公司", "13902345678", "冷库 B 区", "东莞市松山湖园区工业北路 6 号"),
    ("深圳湾万象城商业管理有限公司", "0755-86305566", "地下二层机房", "深圳市南山区深圳湾二路 32 号"),
    ("比亚迪汽车工业有限公司坪山分厂", "13823456789", "涂装车间", "深圳市坪山区比亚迪路 3009 号"),
    ("龙岗区人民医院", "0755-28933000", "门诊楼屋顶", "深圳市龙岗区龙岗大道 5333 号"),
    ("前海国际会议中心", "18688889999", "主会场空调机房", "深圳市前海深港合作区梦海大道 5168 号"),
]
EQUIPMENT = ["冷水机组 LS-500", "螺杆式空压机 SA-75", "柴油发电机组 GF-300", "中央空调末端 FP-136",
             "视频监控主机 NVR-3216", "门禁控制器 AC-4"]
TECHS = [("sz_tech1", "张伟"), ("sz_tech2", "刘洋"), ("sz_tech3", "黄海")]
# (final state, how far it got: 0 received, 1 dispatched, 2 arrived, 3 completed, 4 accepted,
# 5 visited); weights roughly as a month's orders look some weeks later
STATES = [("archived", 5, 40), ("visited", 5, 8), ("accepted", 4, 12), ("repaired", 3, 8),
          ("in_repair", 2, 8), ("on_site", 2, 4), ("dispatched", 1, 8), ("received", 0, 6),
          ("cancelled", 0, 6)]


def make_order(i: int, rng: random.Random, start: datetime, span: float):
    """One realistic order of the bench outlet, created at a random moment of the month."""
    # not at the top: these import the models, whose table comes from the settings, which
    # exist only once moto is bootstrapped
    from chalicelib.modules.orders.models import WorkOrder
    from infra.local.seed import FAULTS

    created = start + timedelta(seconds=rng.uniform(0, span))
    state, reached, _ = rng.choices(STATES, weights=[w for *_, w in STATES])[0]
    customer, phone, site, address = rng.choice(CUSTOMERS)
    fault = rng.choice(FAULTS)
    tech, tech_name = rng.choice(TECHS)
    helpers = [TECHS[2][0]] if rng.random() < 0.3 and tech != TECHS[2][0] else []
    steps, clocks, at = synthetic.timeline(rng, created, reached, tech, tech_name, helpers,
                                           "bx_manager", "bx_agent", fault)
    dispatched = reached >= 1
    order = WorkOrder(
        id=f"wo_bench{i:07d}", number=f"{OUTLET}-{created.astimezone(TZ):%Y%m%d}-{i:06d}",
        outlet=OUTLET, state=state, type=rng.choice(["repair", "repair", "maintenance", "inspection"]),
        priority="urgent" if rng.random() < 0.2 else "general",
        channel=rng.choice(["phone", "phone", "web", "walk_in"]),
        coverage=rng.choice(["warranty", "paid", "contract"]),
        customer_id=f"cu_bench{i % 600:04d}", customer_name=customer, customer_phone=phone,
        site_id=f"si_bench{i % 600:04d}", site_name=site, site_address=address,
        equipment_id=f"eq_bench{i % 900:04d}",
        equipment_label=f"{rng.choice(EQUIPMENT)} SN{2026000 + i % 900 * 37}",
        description=fault[0], technician=tech if dispatched else None,
        technician_name=tech_name if dispatched else None,
        helpers=steps["dispatch"]["helpers"] if dispatched else [], steps=steps, clocks=clocks,
        cancel_reason="客户自行解决，取消报修" if state == "cancelled" else None,
        created_at=synthetic.iso(created), created_by="bx_agent", updated_at=synthetic.iso(at), version=1)
    return order


def add_orders(first: int, count: int, rng: random.Random) -> None:
    from chalicelib.modules.orders.models import WorkOrder
    from chalicelib.modules.orders.store import index_order

    start = datetime.fromisoformat(MONTH_FROM).replace(tzinfo=TZ) + timedelta(minutes=5)
    span = (datetime.fromisoformat(MONTH_TO).replace(tzinfo=TZ) + timedelta(days=1)
            - timedelta(minutes=10) - start).total_seconds()
    with WorkOrder.batch_write() as batch:
        for i in range(first, first + count):
            order = make_order(i, rng, start, span)
            index_order(order)
            batch.save(order)


def add_outlet() -> None:
    from chalicelib.modules.directory.models import Outlet
    from chalicelib.modules.directory.store import save_outlet

    save_outlet(Outlet(code=OUTLET, name="基准测试服务站", name_en="Bench Service Station",
                       city="深圳", lat=22.5431, lng=114.0579, timezone="Asia/Shanghai",
                       is_head_office=False, number_prefix=OUTLET))


MOTO_CHILD = """
import sys
from infra.local.moto_stack import MotoServer
server = MotoServer().start()
print(server.url, flush=True)
sys.stdin.read()  # until the benchmark closes our stdin
"""


def start_moto_elsewhere() -> subprocess.Popen:
    """moto in a child process, bootstrapped from here: the benchmark's traced memory is then
    the export worker's alone. (moto keeps every model instance it ever made in a class-level
    list, including the item copies of each query answer, so in-process it grows with the rows
    read whatever the worker does.)"""
    from infra.local.bootstrap import bootstrap
    from infra.local.stack import LOCAL_ENV

    for key, value in LOCAL_ENV.items():
        os.environ.setdefault(key, value)
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", MOTO_CHILD], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    url = child.stdout.readline().strip()
    with harness.app_output_discarded():
        os.environ.update(bootstrap(url))
        from chalicelib.kernel.config import settings

        settings.cache_clear()
        from chalicelib.kernel.observability import logger

        logger.registered_handler.setStream(harness._DEVNULL)
        from chalicelib.modules.directory import store as directory_store
        from chalicelib.modules.directory.models import Staff
        from infra.local.demo_data import STAFF
        from infra.local.seed import create_outlets

        create_outlets()  # the outlets and the staff directory (names), as in make run
        for username, name, role, outlet, star, phone in STAFF:
            directory_store.save_staff(Staff(username=username, name=name, role=role,
                                             outlet=outlet, phone=phone, star_level=star))
    print(f"# moto in a child process at {url}, bootstrapped in {time.perf_counter() - started:.1f}s",
          flush=True)
    return child


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def bare_page_peak() -> tuple[float, float]:
    """One page of the same reads, alone — the list rows of 200 orders and those orders in one
    BatchGetItem: (seconds, traced peak MiB) — moto's share."""
    from chalicelib.kernel.store import keys
    from chalicelib.modules.orders import store

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        base = tracemalloc.get_traced_memory()[0]
        started = time.perf_counter()
        page = store.whole(list(store.order_index(1).query(keys.outlet_orders(OUTLET), limit=200,
                                                           page_size=200)))
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    assert len(page) == 200
    return elapsed, peak / 2**20


def export_once(fmt: str, traced: bool) -> dict:
    """Queue one export as head office, run the worker, read the job back; with the figures.
    Traced: tracemalloc on during run() (it slows moto's thread down several times, so the
    times are taken from an untraced run of its own); live traced memory is sampled at every
    progress save of the job (every 1 000 rows)."""
    from chalicelib.kernel.actor import Actor
    from chalicelib.modules.figures import exports, store

    username, role, outlet = HQ_ADMIN
    actor = Actor(username=username, role=role, outlet=outlet)
    body = {"kind": "orders", "format": fmt, "outlets": [OUTLET], "from": MONTH_FROM,
            "to": MONTH_TO}
    with harness.app_output_discarded():
        job_id = exports.start(actor, body, "zh")["id"]

    marks: dict = {}
    original_write = exports._write

    def timed_write(job, directory_):  # the write phase ends when the file is closed
        path = original_write(job, directory_)
        marks["write_end"] = time.perf_counter()
        marks["write_cpu"] = time.thread_time()
        marks["write_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.reset_peak()  # from here on: the upload and the job's last save
        return path

    live: list[float] = []
    original_save = store.save_job

    def sampled_save(job):  # every 1 000 rows while writing, and at the start and the end
        if traced and job.status == "running" and job.rows:
            live.append(tracemalloc.get_traced_memory()[0])
        original_save(job)

    exports._write = timed_write
    store.save_job = sampled_save
    gc.collect()
    rss_before = _maxrss_mb()
    if traced:
        tracemalloc.start()  # only what is allocated from here on is traced (not moto's table)
    try:
        with harness.counting_requests() as seen, harness.app_output_discarded():
            tracemalloc.reset_peak()
            base = tracemalloc.get_traced_memory()[0]
            cpu = time.thread_time()
            started = time.perf_counter()
            outcome = exports.run(job_id)
            ended = time.perf_counter()
            ended_cpu = time.thread_time()
            upload_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        exports._write = original_write
        store.save_job = original_save
    job = store.get_job(job_id)
    if outcome != "done" or job is None or job.status != "done":
        raise RuntimeError(f"export {job_id}: {outcome}, {job and job.status}: {job and job.error}")
    return {
        "rows": int(job.rows), "size": int(job.size), "seconds": ended - started,
        "write_s": marks["write_end"] - started, "upload_s": ended - marks["write_end"],
        "cpu_s": ended_cpu - cpu, "write_cpu_s": marks["write_cpu"] - cpu,
        "write_peak": (marks["write_peak"] - base) / 2**20,
        "upload_peak": (upload_peak - base) / 2**20,
        "rss_growth": _maxrss_mb() - rss_before,
        "live": [(m - base) / 2**20 for m in live],
        "queries": sum(1 for op in seen.dynamodb if op == "Query"),
        "requests": harness.summarise(seen.dynamodb),
        "s3": harness.summarise([r for r in seen.non_dynamodb if r.startswith("s3:")]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="orders of the outlet at each step, ascending (default 10000 100000)")
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    print(f"# bench.exports — export worker, one outlet's month of orders: "
          f"{' vs '.join(f'{s:,}' for s in sizes)} rows, XLSX and CSV")
    print(f"# {harness.machine()}")
    whole = time.perf_counter()
    moto = start_moto_elsewhere()
    add_outlet()
    rng = random.Random(20261023)
    results: dict[tuple[int, str], dict] = {}
    pages: dict[int, tuple[float, float]] = {}
    loaded_total = 0
    for size in sizes:
        started = time.perf_counter()
        add_orders(loaded_total, size - loaded_total, rng)
        print(f"# loaded {size - loaded_total:,} orders into moto in "
              f"{time.perf_counter() - started:.1f}s (not counted), the outlet now holds {size:,}",
              flush=True)
        loaded_total = size
        pages[size] = bare_page_peak()
        for fmt in FORMATS:
            timed = export_once(fmt, traced=False)
            r = export_once(fmt, traced=True)
            print(f"# {size:,} {fmt}: {timed['rows']:,} rows in {timed['seconds']:.1f}s "
                  f"(traced run {r['seconds']:.1f}s)", flush=True)
            results[size, fmt] = {**r, **{k: timed[k] for k in (
                "seconds", "write_s", "upload_s", "cpu_s", "write_cpu_s", "rss_growth")}}

    print()
    rows = []
    for (size, fmt), r in results.items():
        rows.append([f"{size:,}", fmt, f"{r['rows']:,}", f"{r['seconds']:.1f}",
                     f"{r['rows'] / r['seconds']:,.0f}", f"{r['write_s']:.1f}", f"{r['upload_s']:.1f}",
                     f"{r['cpu_s']:.1f}", f"{r['rows'] / r['write_cpu_s']:,.0f}",
                     f"{r['size'] / 2**20:.1f}", f"{r['write_peak']:.1f}", f"{r['upload_peak']:.1f}",
                     f"{r['rss_growth']:.0f}", str(r["queries"])])
    print(harness.table(["orders", "format", "rows", "run s", "rows/s", "write s", "upload s",
                         "CPU s", "rows/CPU s", "file MiB", "peak write MiB", "peak upload MiB",
                         "maxrss +MiB", "Query reqs"], rows))
    print("\nrun s = exports.run() wall time (write = read pages + write rows + close; upload = S3 "
          "upload + last job save); CPU s = CPU time of the calling thread (moto serves from its own "
          "process); peak = tracemalloc peak above the traced memory at the start of run() (moto runs "
          "in a child process); maxrss +MiB = growth of this process's high-water RSS during run()")
    for (size, fmt), r in results.items():
        print(f"  {size:,} {fmt}: DynamoDB {r['requests']}; S3 {r['s3']}")
    print("live traced memory (MiB above the start of run()) at each progress save, every 1 000 rows:")
    for (size, fmt), r in results.items():
        live = r["live"]
        shown = live if len(live) <= 12 else [*live[:4], *live[len(live) // 2 - 1:len(live) // 2 + 1],
                                               *live[-4:]]
        print(f"  {size:,} {fmt}: " + " ".join(f"{m:.1f}" for m in shown)
              + (" (first 4, middle 2, last 4)" if len(live) > 12 else ""))
    print("one bare index page (Query, 200 items) at each size, time / traced peak: "
          + ", ".join(f"{s:,}: {t * 1000:.0f} ms / {m:.1f} MiB" for s, (t, m) in pages.items()))

    if len(sizes) >= 2:
        small, large = sizes[0], sizes[-1]
        print(f"\nratio {large:,} / {small:,} (rows {large / small:.0f}x):")
        for fmt in FORMATS:
            a, b = results[small, fmt], results[large, fmt]
            print(f"  {fmt}: time {b['seconds'] / a['seconds']:.2f}x, CPU {b['cpu_s'] / a['cpu_s']:.2f}x, "
                  f"file {b['size'] / a['size']:.2f}x, peak memory while writing "
                  f"{b['write_peak'] / a['write_peak']:.2f}x, while uploading "
                  f"{b['upload_peak'] / a['upload_peak']:.2f}x")
        (ts, ms), (tl, ml) = pages[small], pages[large]
        print(f"  one bare page: time {tl / ts:.2f}x, traced peak {ml / ms:.2f}x "
              f"(moto looks at its whole table for every page; DynamoDB does not)")
    print(f"\nmeasured in {time.perf_counter() - whole:.0f}s")
    moto.stdin.close()
    moto.wait(timeout=10)


if __name__ == "__main__":
    main()
