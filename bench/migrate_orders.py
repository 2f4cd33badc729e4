"""Moving the stored work orders to their own indexes (issue 19): `scripts/migrate_order_indexes.py`
over 20,000 orders written as the release before wrote them.

The demo data is loaded (its orders are written by today's app: their own indexes only). Then
`--orders` more are written straight into the table (BatchWriteItem, not counted) in the legacy
shape: the keys of the overloaded gsi1..gsi7 (`store.index_order(order, legacy=True)`), no
orders1..orders7 keys and no `sla`, spread over the service outlets and the last 24 months, most
with a technician and a few with helpers (their HelperJob markers with the gsi3 entry only).

Then the two passes of the script, each stopped once part way and started again:

- `copy`: `copy_outlet(biggest, budget=a third of its orders)`, then `copy_outlet(o)` for every
  outlet. After it every order written has its own indexes' keys and its `sla`, its version is
  still the one written, the lean list (`store.query_orders`, orders1) of each outlet counts the
  orders written plus the demo ones, and no order was updated twice;
- `drop`: `drop_outlet(biggest, budget=a third)`, then every outlet. After it no order is left
  in gsi1's OUTLET#<o>#ORDERS partitions, nor has any gsi key, and the own keys are intact;
- `compact`: `compact_outlet(biggest, budget=a third)`, then every outlet (each legacy order is
  written with a watch per clock, as the app wrote them). After it every order written keeps its
  clocks compact with one detail item per clock, at the version written.

The checks read the table with the bench's own requests (BatchGetItem of every order, index
queries), outside the counts and the timings; any loss aborts the run with a message. The
figures: orders migrated, seconds per pass, orders/s, DynamoDB requests per order (counted
through `harness.watching_sends`), the write units each order's copy and drop cost (computed
from the items' sizes by `bench.cost`'s rules: ceil(size / 1 KB) for the UpdateItem, plus each
index entry it puts, changes or deletes), and an estimate of the time on AWS at a stated round
trip. moto answers an index query by looking at its whole table, so the local seconds grow
faster than the orders; the requests and units do not.

Run from the repository root: python -m bench.migrate_orders [--orders 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bench import harness, synthetic
from bench.cost import PRICES, ROUND_TRIP_MS, index_writes, item_size, write_units

MONTHS = 24
HELPER_SHARE = 0.04  # of the dispatched orders: a helper beside the lead
# (final state, how far it got: 0 received, 1 dispatched, 2 on site, 3 completed, 4 accepted,
# 5 visited, weight): two years of orders, most of them long closed
STATES = [("archived", 5, 70), ("visited", 5, 5), ("accepted", 4, 5), ("repaired", 3, 3),
          ("in_repair", 2, 3), ("on_site", 2, 2), ("dispatched", 1, 3), ("received", 0, 3),
          ("cancelled", 0, 6)]
OPEN_SLA = ("completion", 24)  # the clock an unfinished order still runs (hours)
CUSTOMERS_PER_OUTLET = 300
UNITS_PER_OUTLET = 500
AWS_ROUND_TRIP_MS = ROUND_TRIP_MS["dynamodb"]  # one request at a time, as the script sends them
GSI_NAMES = tuple(f"gsi{n}" for n in range(1, 8))


class MigrationLost(SystemExit):
    def __init__(self, message: str):
        super().__init__(f"\n!! MIGRATION CHECK FAILED: {message}")


@dataclass
class OutletPlan:
    code: str
    prefix: str
    tz: ZoneInfo
    techs: list[tuple[str, str]]  # (username, name)
    agent: str
    customers: list[tuple[str, str, str, str]]  # (id, name, site id, site name)
    day_numbers: Counter = field(default_factory=Counter)


def _plans(rng: random.Random) -> list[OutletPlan]:
    from chalicelib.modules.directory import store as directory_store
    from infra.local.demo_data import COMPANIES

    plans = []
    for outlet in directory_store.list_outlets():
        if outlet.is_head_office:
            continue
        techs = [(s.username, s.name) for s in directory_store.list_staff(outlet.code, "technician")]
        agents = [s.username for s in directory_store.list_staff(outlet.code, "agent")]
        code = outlet.code
        customers = [(f"cu_mig{code.lower()}{k:04d}", f"{rng.choice(COMPANIES)}（{k % 7 + 1}号客户）",
                      f"si_mig{code.lower()}{k:04d}", f"{k % 5 + 1} 号厂区")
                     for k in range(CUSTOMERS_PER_OUTLET)]
        plans.append(OutletPlan(code, outlet.number_prefix, ZoneInfo(outlet.timezone), techs,
                                agents[0] if agents else f"{code.lower()}_agent", customers))
    if not plans or not all(p.techs for p in plans):
        raise SystemExit("the demo data has no service outlet with technicians")
    return plans


def build_order(rng: random.Random, plan: OutletPlan, created: datetime):
    """One order of two years ago or less, as the app of the release before stored it (its
    index keys aside): a timeline's steps, clocks, version 1."""
    from chalicelib.modules.orders.models import WorkOrder
    from infra.local.seed import FAULTS

    state, reached, _ = rng.choices(STATES, weights=[w for *_, w in STATES])[0]
    customer_id, customer_name, site_id, site_name = rng.choice(plan.customers)
    unit = rng.randrange(UNITS_PER_OUTLET)
    fault = rng.choice(FAULTS)
    tech, tech_name = rng.choice(plan.techs)
    others = [t for t, _ in plan.techs if t != tech]
    helpers = [rng.choice(others)] if reached >= 1 and others and rng.random() < HELPER_SHARE else []
    steps, clocks, at = synthetic.timeline(rng, created, reached, tech, tech_name, helpers,
                                           f"{plan.code.lower()}_manager", plan.agent, fault)
    if state not in ("archived", "visited", "accepted", "repaired", "cancelled"):
        name, hours = OPEN_SLA
        clocks[name] = synthetic.clock(name, created, hours, None)  # still running: the list shows it
    day = created.astimezone(plan.tz).strftime("%Y%m%d")
    plan.day_numbers[day] += 1
    dispatched = reached >= 1
    ms = int(created.timestamp() * 1000)
    return WorkOrder(
        # 5000+: clear of the demo orders' numbers of the same days
        id=f"wo_{ms:011x}{rng.getrandbits(80):020x}",
        number=f"{plan.prefix}-{day}-{5000 + plan.day_numbers[day]:04d}",
        outlet=plan.code, state=state,
        type=rng.choice(["repair", "repair", "repair", "maintenance", "installation", "inspection"]),
        priority="urgent" if rng.random() < 0.25 else "general",
        channel=rng.choice(["phone", "phone", "web", "email", "walk_in"]),
        coverage=rng.choice(["warranty", "warranty", "paid", "contract"]),
        customer_id=customer_id, customer_name=customer_name,
        customer_phone=f"13{rng.randrange(10**9):09d}", site_id=site_id, site_name=site_name,
        site_address="深圳市南山区科技园" if plan.code == "SZ" else "成都市高新区天府大道",
        equipment_id=f"eq_mig{plan.code.lower()}{unit:04d}",
        equipment_label=f"中央空调主机 YK-300 SN{2024000 + unit * 37}",
        description=fault[0], impact="影响正常生产",
        technician=tech if dispatched else None, technician_name=tech_name if dispatched else None,
        helpers=helpers, steps=steps, clocks=clocks,
        cancel_reason="客户自行解决，取消报修" if state == "cancelled" else None,
        created_at=synthetic.iso(created), created_by=plan.agent, updated_at=synthetic.iso(at), version=1)


@dataclass
class Written:
    orders: dict[str, str] = field(default_factory=dict)  # id -> outlet
    by_outlet: Counter = field(default_factory=Counter)
    markers: list[tuple[str, str]] = field(default_factory=list)  # (pk, sk)
    technician: int = 0
    clocks: dict[str, int] = field(default_factory=dict)  # id -> clocks (each with its watch)
    dropped_size: dict[str, int] = field(default_factory=dict)  # id -> bytes after the drop


def write_legacy(count: int, plans: list[OutletPlan], rng: random.Random) -> Written:
    """`count` orders (and their helpers' markers) as the release before wrote them: the gsi1..7
    keys set, the orders1..7 keys and the list row's `sla` absent; BatchWriteItem, 25 a request."""
    from chalicelib.modules.orders.models import WorkOrder
    from chalicelib.modules.orders.store import OWN_KEY_ATTRIBUTES, helper_jobs, index_order
    from chalicelib.modules.sla.models import SlaWatch
    from chalicelib.modules.sla.store import index_watch

    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=round(MONTHS * 365.25 / 12))
    span = (now - timedelta(days=1) - start).total_seconds()
    moments = sorted(start + timedelta(seconds=rng.uniform(0, span)) for _ in range(count))
    weights = [len(plans) + 1 - i for i in range(len(plans))]  # the first listed (CD) 3 : SZ 2
    written = Written()
    with WorkOrder.batch_write() as batch:
        for created in moments:  # oldest first, so that the numbers of a day follow time
            plan = rng.choices(plans, weights=weights)[0]
            order = build_order(rng, plan, created)
            index_order(order, legacy=True)
            for name in OWN_KEY_ATTRIBUTES:
                setattr(order, name, None)
            order.sla = None
            batch.save(order)
            written.orders[order.id] = plan.code
            written.by_outlet[plan.code] += 1
            written.technician += bool(order.technician)
            for name, clock in order.clocks.items():  # each clock's watch, as the app wrote it
                watch = SlaWatch(
                    subject_kind="work_order", subject_id=order.id, clock=name, run=clock["run"],
                    outlet=order.outlet, reference=order.number, title=order.customer_name,
                    priority=order.priority,
                    assignee=order.technician, assignee_name=order.technician_name,
                    state=clock["state"], basis=clock["basis"], started_at=clock["started_at"],
                    due_at=clock["due_at"], levels=clock["levels"], notified=[])
                index_watch(watch, order.pk)
                batch.save(watch)
                written.clocks[order.id] = written.clocks.get(order.id, 0) + 1
            for marker in helper_jobs(order, legacy=True).values():
                marker.o3pk = marker.o3sk = None
                batch.save(marker)
                written.markers.append((marker.pk, marker.sk))
    return written


# ---------------------------------------------------------------- reading back (the bench's own)

def count_partition(index, partition: str) -> tuple[int, set[str]]:
    """(entries, distinct order ids) of one index partition, paged to its end."""
    from chalicelib.modules.orders.models import WorkOrder

    n, ids = 0, set()
    for item in index.query(partition, page_size=500):
        if isinstance(item, WorkOrder):
            n += 1
            ids.add(item.id)
    return n, ids


def list_page(code: str) -> int:
    """What the lean list (`store.query_orders`, orders1) shows on its first page of 20."""
    from chalicelib.kernel.store import keys
    from chalicelib.modules.orders import store

    return len(store.query_orders(store.OrderQuery(1, keys.outlet_orders(code)), 20, None).items)


def stored(model, item_keys: list[tuple[str, str]]):
    """The items as stored (consistent BatchGetItem, 100 keys a request), in any order."""
    for i in range(0, len(item_keys), 100):
        yield from model.batch_get(item_keys[i:i + 100], consistent_read=True)


GSI_ATTRS = tuple(f"gsi{n}{k}" for n in range(1, 8) for k in ("pk", "sk"))


def own_keys(item, n: int) -> tuple[str | None, str | None]:
    """The item's keys in orders<n> (its partition key and `osk`, o3sk or o6sk)."""
    from chalicelib.modules.orders.store import own_key_names

    return tuple(getattr(item, name) for name in own_key_names(n))


@dataclass
class Cost:
    """Write units of one UpdateItem: the table's and each index's (bench.cost's rules)."""

    sizes: list[int] = field(default_factory=list)
    table: list[int] = field(default_factory=list)
    by_index: Counter = field(default_factory=Counter)  # index -> units over all items
    index_ops: Counter = field(default_factory=Counter)  # (index, put|update|delete) -> count

    def add(self, before: dict, after: dict) -> None:
        size = max(item_size(before), item_size(after))
        self.sizes.append(size)
        self.table.append(write_units(size))
        for name, op, _bytes, units in index_writes(before, after):
            self.by_index[name] += units
            self.index_ops[name, op] += 1

    @property
    def count(self) -> int:
        return len(self.table)

    def per_item(self) -> float:
        return (sum(self.table) + sum(self.by_index.values())) / max(1, self.count)


def check_copied(written: Written, demo_versions: dict[str, int]) -> tuple[Cost, Cost, Cost, Cost]:
    """Every order written has its own indexes' keys as `order_keys` gives them and its `sla`,
    still its gsi keys, and version 1; every marker its o3 entry. Returns the write units of the
    copy and (from the same images, less the gsi keys) of the drop, for orders and markers."""
    from chalicelib.modules.orders.models import HelperJob, WorkOrder
    from chalicelib.modules.orders.store import OWN_KEY_ATTRIBUTES, order_keys
    from chalicelib.modules.sla.domain.clock import list_copy

    copy_cost, drop_cost = Cost(), Cost()
    seen = 0
    for order in stored(WorkOrder, [(f"ORDER#{i}", "ORDER") for i in written.orders]):
        seen += 1
        if int(order.version) != 1:
            raise MigrationLost(f"order {order.id} is at version {order.version}, written at 1")
        for n, entry in order_keys(order).items():
            got = own_keys(order, n)
            if got != (entry or (None, None)) or got != (getattr(order, f"gsi{n}pk"),
                                                         getattr(order, f"gsi{n}sk")):
                raise MigrationLost(f"order {order.id}: o{n} keys {got}, expected {entry}")
        if order.sla != list_copy(order.clocks):
            raise MigrationLost(f"order {order.id}: sla {order.sla!r} is not its clocks' copy")
        image = order.serialize()
        before = {k: v for k, v in image.items() if k not in (*OWN_KEY_ATTRIBUTES, "sla")}
        dropped = {k: v for k, v in image.items() if k not in GSI_ATTRS}
        copy_cost.add(before, image)
        drop_cost.add(image, dropped)
        written.dropped_size[order.id] = item_size(dropped)  # what the compaction starts from
    if seen != len(written.orders):
        raise MigrationLost(f"{len(written.orders) - seen} of the orders written are gone")
    marker_copy, marker_drop = Cost(), Cost()
    markers = list(stored(HelperJob, written.markers))
    if len(markers) != len(written.markers):
        raise MigrationLost(f"{len(written.markers) - len(markers)} helper markers are gone")
    for marker in markers:
        if not marker.o3pk or (marker.o3pk, marker.o3sk) != (marker.gsi3pk, marker.gsi3sk):
            raise MigrationLost(f"marker {marker.pk} {marker.sk}: o3 {marker.o3pk} {marker.o3sk}")
        image = marker.serialize()
        marker_copy.add({k: v for k, v in image.items() if k not in OWN_KEY_ATTRIBUTES}, image)
        marker_drop.add(image, {k: v for k, v in image.items() if k not in GSI_ATTRS})
    check_demo(demo_versions)
    return copy_cost, drop_cost, marker_copy, marker_drop


def check_dropped(written: Written, demo_versions: dict[str, int]) -> None:
    from chalicelib.modules.orders.models import HelperJob, WorkOrder
    from chalicelib.modules.orders.store import order_keys

    seen = 0
    for order in stored(WorkOrder, [(f"ORDER#{i}", "ORDER") for i in written.orders]):
        seen += 1
        if int(order.version) != 1:
            raise MigrationLost(f"order {order.id} is at version {order.version}, written at 1")
        left = [a for a in GSI_ATTRS if getattr(order, a) is not None]
        if left:
            raise MigrationLost(f"order {order.id} still has {left}")
        for n, entry in order_keys(order).items():
            if own_keys(order, n) != (entry or (None, None)):
                raise MigrationLost(f"order {order.id} lost its o{n} keys in the drop")
    if seen != len(written.orders):
        raise MigrationLost(f"{len(written.orders) - seen} of the orders written are gone")
    for marker in stored(HelperJob, written.markers):
        if marker.gsi3pk or not marker.o3pk:
            raise MigrationLost(f"marker {marker.pk} {marker.sk}: gsi3 {marker.gsi3pk}, "
                                f"o3 {marker.o3pk}")
    check_demo(demo_versions)


def demo_orders(codes: list[str]) -> dict[str, int]:
    """The demo orders (today's app wrote them: orders1 only) and their versions."""
    from chalicelib.kernel.store import keys
    from chalicelib.kernel.store.models import Item

    ids = set()
    for code in codes:
        ids |= count_partition(Item.orders1, keys.outlet_orders(code))[1]
    return versions(ids)


def check_demo(before: dict[str, int]) -> None:
    now = versions(before)
    changed = {i: (v, now.get(i)) for i, v in before.items() if now.get(i) != v}
    if changed:
        raise MigrationLost(f"demo orders changed or lost (version before, now): {changed}")


def versions(ids) -> dict[str, int]:
    from chalicelib.modules.orders.models import WorkOrder

    return {o.id: int(o.version) for o in stored(WorkOrder, [(f"ORDER#{i}", "ORDER") for i in ids])}


def partition_counts(codes: list[str]) -> dict[str, dict[str, int]]:
    """Per outlet: entries of OUTLET#<o>#ORDERS in orders1 and in gsi1 (and whether orders1
    holds an order twice)."""
    from chalicelib.kernel.store import keys
    from chalicelib.kernel.store.models import Item

    counts = {}
    for code in codes:
        o1, o1_ids = count_partition(Item.orders1, keys.outlet_orders(code))
        g1, _ = count_partition(Item.gsi1, keys.outlet_orders(code))
        if o1 != len(o1_ids):
            raise MigrationLost(f"{code}: orders1 holds {o1} entries for {len(o1_ids)} orders")
        counts[code] = {"orders1": o1, "gsi1": g1, "page": list_page(code)}
    return counts


# ---------------------------------------------------------------- the measured passes

@dataclass
class Meter:
    """DynamoDB requests by operation, and the items each UpdateItem wrote (by key)."""

    ops: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)

    def watch(self, _endpoint, request, _response) -> None:
        op = harness.dynamodb_operation(request)
        if op is None:
            return
        self.ops[op] += 1
        if op == "UpdateItem":
            key = json.loads(request.body)["Key"]
            self.updated[key["pk"]["S"], key["sk"]["S"]] += 1


@dataclass
class Pass:
    name: str
    meter: Meter = field(default_factory=Meter)
    parts: list[tuple[str, float, float, int]] = field(default_factory=list)  # label, s, CPU s, seen
    reports: list[str] = field(default_factory=list)

    def run(self, label: str, fn, *args, **kwargs) -> int:
        cpu, started = time.thread_time(), time.perf_counter()
        with harness.watching_sends(self.meter.watch):
            seen = fn(*args, report=self.reports.append, **kwargs)
        self.parts.append((label, time.perf_counter() - started, time.thread_time() - cpu, seen))
        return seen

    @property
    def seconds(self) -> float:
        return sum(s for _, s, _, _ in self.parts)

    @property
    def cpu(self) -> float:
        return sum(c for _, _, c, _ in self.parts)

    @property
    def requests(self) -> int:
        return sum(self.meter.ops.values())


def twice(meter: Meter, written: Written) -> tuple[int, int, int]:
    """(orders updated once, updated more than once, markers updated) among those written."""
    order_keys = {(f"ORDER#{i}", "ORDER") for i in written.orders}
    once = sum(1 for k, n in meter.updated.items() if k in order_keys and n == 1)
    more = sum(1 for k, n in meter.updated.items() if k in order_keys and n > 1)
    marker_keys = set(written.markers)
    return once, more, sum(n for k, n in meter.updated.items() if k in marker_keys)


def print_counts(title: str, counts: dict[str, dict[str, int]], written: Written,
                 demo: Counter) -> None:
    print(f"\n{title}\n")
    rows = [[code, f"{written.by_outlet[code]:,}", f"{demo[code]:,}", f"{c['orders1']:,}",
             f"{c['gsi1']:,}", str(c["page"])] for code, c in counts.items()]
    print(harness.table(["outlet", "written (legacy)", "demo", "orders1 entries",
                         "gsi1 OUTLET#<o>#ORDERS entries", "lean list page 1 (of 20)"], rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=20_000,
                        help="legacy orders to write and migrate (default 20000)")
    args = parser.parse_args()
    print(f"# bench.migrate_orders — scripts/migrate_order_indexes.py copy, drop and compact over "
          f"{args.orders:,} orders in the legacy shape (gsi1..gsi7), each pass stopped once and resumed")
    print(f"# {harness.machine()}")
    whole = time.perf_counter()
    os.environ["FUWU_ORDER_INDEXES"] = "lean"  # the app reads orders1..7 (the default)
    harness.start_stack()

    from chalicelib.kernel.store import keys
    from chalicelib.kernel.store.models import Item
    from scripts import migrate_order_indexes as migrate

    codes = migrate.outlets()
    rng = random.Random(20261130)
    plans = _plans(rng)
    demo_versions = demo_orders(codes)
    before = partition_counts(codes)
    demo = Counter({code: c["orders1"] for code, c in before.items()})
    if any(c["gsi1"] for c in before.values()):
        raise SystemExit(f"the demo data already has orders in gsi1: {before}")

    started = time.perf_counter()
    written = write_legacy(args.orders, plans, rng)
    print(f"# wrote {len(written.orders):,} legacy orders ({written.technician:,} with a "
          f"technician, {len(written.markers)} helper markers) by BatchWriteItem in "
          f"{time.perf_counter() - started:.1f}s (not counted): "
          + ", ".join(f"{c} {n:,}" for c, n in written.by_outlet.items()), flush=True)

    counts = partition_counts(codes)
    print_counts("## Before the copy: the lean reads (orders1) see the demo orders only",
                 counts, written, demo)
    for code, c in counts.items():
        if c["gsi1"] != written.by_outlet[code] or c["orders1"] != demo[code]:
            raise SystemExit(f"{code}: the legacy orders are not where they should be: {c}")

    biggest = max(written.by_outlet, key=written.by_outlet.get)
    budget = written.by_outlet[biggest] // 3

    # ---- copy
    copy = Pass("copy")
    copy.run(f"{biggest}, stopped after {budget:,}", migrate.copy_outlet, biggest, budget=budget)
    progress = migrate._progress(biggest)
    now_in = count_partition(Item.orders1, keys.outlet_orders(biggest))[0]
    print(f"# copy stopped: {biggest} progress item copied={int(progress.copied):,}, "
          f"last_sk={progress.last_sk}, done={int(progress.done)}; orders1 holds {now_in:,} "
          f"of {biggest} (demo {demo[biggest]} + {now_in - demo[biggest]:,} copied)", flush=True)
    if now_in - demo[biggest] != budget or int(progress.copied) != budget:
        raise MigrationLost(f"the interrupted copy did {now_in - demo[biggest]} orders "
                            f"(progress says {progress.copied}), asked {budget}")
    for code in codes:
        copy.run(f"{code}, resumed" if code == biggest else code, migrate.copy_outlet, code)
    counts = partition_counts(codes)
    print_counts("## After the copy", counts, written, demo)
    for code, c in counts.items():
        if c["orders1"] != written.by_outlet[code] + demo[code]:
            raise MigrationLost(f"{code}: orders1 holds {c['orders1']:,}, expected "
                                f"{written.by_outlet[code]:,} written + {demo[code]} demo")
    copy_cost, drop_cost, marker_copy, marker_drop = check_copied(written, demo_versions)
    once, more, marker_updates = twice(copy.meter, written)
    print(f"# copy: {once:,} orders updated once, {more} more than once, {marker_updates} marker "
          f"updates; every order has its o-keys and sla, version 1 as written; demo orders unchanged")
    if once != len(written.orders) or more or marker_updates != len(written.markers):
        raise MigrationLost(f"the copy updated {once:,} orders once and {more} twice "
                            f"of {len(written.orders):,}, markers {marker_updates}")

    # ---- drop
    drop = Pass("drop")
    drop.run(f"{biggest}, stopped after {budget:,}", migrate.drop_outlet, biggest, budget=budget)
    left = count_partition(Item.gsi1, keys.outlet_orders(biggest))[0]
    print(f"# drop stopped: gsi1 OUTLET#{biggest}#ORDERS holds {left:,} of "
          f"{written.by_outlet[biggest]:,}", flush=True)
    if left != written.by_outlet[biggest] - budget:
        raise MigrationLost(f"the interrupted drop left {left} in gsi1, expected "
                            f"{written.by_outlet[biggest] - budget}")
    for code in codes:
        drop.run(f"{code}, resumed" if code == biggest else code, migrate.drop_outlet, code)
    counts = partition_counts(codes)
    print_counts("## After the drop", counts, written, demo)
    for code, c in counts.items():
        if c["gsi1"]:
            raise MigrationLost(f"{code}: {c['gsi1']} orders are still in gsi1 OUTLET#{code}#ORDERS")
        if c["orders1"] != written.by_outlet[code] + demo[code]:
            raise MigrationLost(f"{code}: orders1 holds {c['orders1']:,} after the drop")
    check_dropped(written, demo_versions)
    once_d, more_d, marker_updates_d = twice(drop.meter, written)
    print(f"# drop: {once_d:,} orders updated once, {more_d} more than once, {marker_updates_d} "
          f"marker updates; no gsi key left on any order or marker, o-keys intact, version 1")
    if once_d != len(written.orders) or more_d:
        raise MigrationLost(f"the drop updated {once_d:,} orders once and {more_d} twice")

    # ---- compact (the clocks of the orders stored whole)
    compact = Pass("compact")
    compact.run(f"{biggest}, stopped after {budget:,}", migrate.compact_outlet, biggest,
                budget=budget)
    done = compacted(written)
    print(f"# compact stopped: {done:,} of the written orders compact", flush=True)
    if not 0 < done <= budget:
        raise MigrationLost(f"the interrupted compaction made {done} orders compact, asked "
                            f"at most {budget}")
    for code in codes:
        compact.run(f"{code}, resumed" if code == biggest else code, migrate.compact_outlet, code)
    compact_cost = check_compacted(written, demo_versions)
    transactions = compact.meter.ops["TransactWriteItems"]
    print(f"# compact: {transactions:,} transactions for {len(written.clocks):,} orders with "
          f"clocks; every clock compact with its detail item, version 1 as written; demo orders "
          f"unchanged")
    if transactions != len(written.clocks):
        raise MigrationLost(f"the compaction wrote {transactions:,} transactions for "
                            f"{len(written.clocks):,} orders: one an order expected")

    report(written, copy, drop, copy_cost, drop_cost, marker_copy, marker_drop,
           compact, compact_cost)
    print(f"\nmeasured in {time.perf_counter() - whole:.0f}s")


def compacted(written: Written) -> int:
    """How many of the written orders with clocks keep them compact."""
    from chalicelib.modules.orders.models import WorkOrder
    from chalicelib.modules.sla.domain.clock import is_compact

    return sum(1 for o in stored(WorkOrder, [(f"ORDER#{i}", "ORDER") for i in written.clocks])
               if all(is_compact(c) for c in o.clocks.values()))


def check_compacted(written: Written, demo_versions: dict[str, int]) -> Cost:
    """Every written order with clocks keeps them compact, at version 1, with one detail item
    per clock; returns the write units of the compaction (the order's update and the detail
    puts, ×2 in their transaction)."""
    from chalicelib.modules.orders.models import WorkOrder
    from chalicelib.modules.sla.domain.clock import is_compact
    from chalicelib.modules.sla.models import ClockDetail

    cost = Cost()
    ids = list(written.clocks)
    details = Counter(d.pk.removeprefix("ORDER#") for d in stored(
        ClockDetail, [(f"ORDER#{i}", f"SLACLOCK#{name}") for i in ids
                      for name in ("response", "arrival", *OPEN_SLA[:1])]))
    seen = 0
    for order in stored(WorkOrder, [(f"ORDER#{i}", "ORDER") for i in ids]):
        seen += 1
        if int(order.version) != 1:
            raise MigrationLost(f"order {order.id} is at version {order.version}, written at 1")
        if not all(is_compact(c) for c in order.clocks.values()):
            raise MigrationLost(f"order {order.id}: its clocks are still whole")
        if details[order.id] != written.clocks[order.id]:
            raise MigrationLost(f"order {order.id}: {details[order.id]} detail items for "
                                f"{written.clocks[order.id]} clocks")
        # the order's update (in no index: `clocks` is projected nowhere) and its details, in
        # one transaction (×2); an update is billed by the larger image, the one before
        size = max(written.dropped_size[order.id], item_size(order.serialize()))
        cost.sizes.append(size)
        cost.table.append(2 * write_units(size) + 2 * written.clocks[order.id])
    if seen != len(ids):
        raise MigrationLost(f"{len(ids) - seen} of the orders with clocks are gone")
    check_demo(demo_versions)
    return cost


def report(written: Written, copy: Pass, drop: Pass, copy_cost: Cost, drop_cost: Cost,
           marker_copy: Cost, marker_drop: Cost, compact: Pass, compact_cost: Cost) -> None:
    orders = len(written.orders)
    print("\n## The passes (each stopped once, then resumed)\n")
    rows = []
    for p in (copy, drop, compact):
        for label, seconds, cpu, seen in p.parts:
            rows.append([p.name, label, f"{seen:,}", f"{seconds:.1f}", f"{cpu:.1f}"])
    print(harness.table(["pass", "run", "orders seen", "s", "client CPU s"], rows))
    print()
    rows = []
    for p in (copy, drop, compact):
        rows.append([p.name, f"{orders:,}", f"{p.seconds:.1f}", f"{orders / p.seconds:,.0f}",
                     f"{p.cpu:.1f}", f"{p.requests:,}", f"{p.requests / orders:.3f}",
                     harness.summarise([op for op, n in p.meter.ops.items() for _ in range(n)])])
    print(harness.table(["pass", "orders", "s", "orders/s", "client CPU s", "DynamoDB reqs",
                         "reqs/order", "operations"], rows))
    print("\ns = wall time against moto (in this process, its own thread); client CPU s = "
          "time.thread_time() of the calling thread; the checks between the runs are not counted")
    for p in (copy, drop, compact):
        print(f"  {p.name} lines: " + "; ".join(p.reports))

    print("\n## Write units per order (computed: bench.cost rules, from the stored items)\n")
    rows = []
    for name, cost, n in (("copy", copy_cost, orders), ("drop", drop_cost, orders),
                          ("copy, helper markers", marker_copy, len(written.markers)),
                          ("drop, helper markers", marker_drop, len(written.markers)),
                          ("compact (order and its clock details)", compact_cost,
                           len(written.clocks))):
        if not cost.count:
            continue
        gsi = sum(u for i, u in cost.by_index.items() if i in GSI_NAMES)
        own = sum(u for i, u in cost.by_index.items() if i not in GSI_NAMES)
        ops = ", ".join(f"{i} {op}×{c:,}" for (i, op), c in sorted(cost.index_ops.items()))
        rows.append([name, f"{n:,}", f"{statistics.mean(cost.sizes):,.0f}",
                     f"{max(cost.sizes):,}", f"{statistics.mean(cost.table):.2f}",
                     f"{gsi / cost.count:.2f}", f"{own / cost.count:.2f}",
                     f"{cost.per_item():.2f}", f"{cost.per_item() * cost.count:,.0f}"])
        print(f"  {name}: index writes {ops}")
    print()
    print(harness.table(["write", "items", "mean B", "max B", "table WCU", "gsi1..7 WCU",
                         "orders1..7 WCU", "WCU / item", "WCU in all"], rows))
    print("\nsize = the larger of the item before and after its UpdateItem; table WCU = "
          "ceil(size / 1 KB); gsi1..7 project the whole order (ALL), so adding the o-keys and "
          "the sla rewrites its entry in each of them, and the drop deletes each; orders1..7 "
          "(INCLUDE: the list row) get a put at the copy")

    total_wcu = sum(c.per_item() * c.count for c in (copy_cost, drop_cost, marker_copy, marker_drop))
    price = PRICES["dynamodb_write"]
    per_order = {p.name: p.requests / orders for p in (copy, drop)}
    at_20k = {name: r * 20_000 for name, r in per_order.items()}
    rate = 1000 / AWS_ROUND_TRIP_MS
    wcu_order = {"copy": (copy_cost.per_item() * orders
                          + marker_copy.per_item() * marker_copy.count) / orders,
                 "drop": (drop_cost.per_item() * orders
                          + marker_drop.per_item() * marker_drop.count) / orders}
    print(f"\n# on AWS (estimate): 20,000 orders = {at_20k['copy']:,.0f} requests to copy and "
          f"{at_20k['drop']:,.0f} to drop ({per_order['copy']:.2f} and {per_order['drop']:.2f} "
          f"per order, as measured); the script sends one at a time, so at {AWS_ROUND_TRIP_MS} ms "
          f"a round trip (~{rate:.0f} requests/s, bench.cost's ROUND_TRIP_MS) the copy takes "
          f"~{at_20k['copy'] / rate / 60:.1f} min and the drop ~{at_20k['drop'] / rate / 60:.1f} "
          f"min; the copy then writes ~{wcu_order['copy'] * rate / per_order['copy']:,.0f} WCU/s "
          f"and the drop ~{wcu_order['drop'] * rate / per_order['drop']:,.0f} WCU/s (table and "
          f"indexes together)")
    print(f"# write units of this run: {total_wcu:,.0f} (copy {wcu_order['copy']:.1f} and drop "
          f"{wcu_order['drop']:.1f} per order) = ${total_wcu / 1e6 * price.usd:.3f} at "
          f"${price.usd}/{price.unit} (on demand, bench.cost PRICES, not read live); "
          f"for 20,000 orders ${(wcu_order['copy'] + wcu_order['drop']) * 20_000 / 1e6 * price.usd:.3f}")


if __name__ == "__main__":
    main()
