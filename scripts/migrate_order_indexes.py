"""Move the stored work orders to their own indexes (issue 19; docs/deploy.md "Data migrations").

Before, an order's index entries were in the overloaded gsi1..gsi7, which project the whole item:
every action wrote the order's 3-9 KB again into each of them. Now they are in orders1..orders7,
which carry its list row (infra/resources.py ORDER_ROW) or, for the number, its keys. This
script moves the orders stored before, with the app running all along:

    # 1. the app writes both key sets and reads the old indexes (FUWU_ORDER_INDEXES=migrating)
    AWS_REGION=<region> FUWU_TABLE=fuwu-<stage>-main .venv/bin/python -m scripts.migrate_order_indexes copy
    # 2. the app reads and writes only the new ones (FUWU_ORDER_INDEXES=lean, the default)
    AWS_REGION=<region> FUWU_TABLE=fuwu-<stage>-main .venv/bin/python -m scripts.migrate_order_indexes drop

`copy` reads each outlet's orders through gsi1 (`OUTLET#<o>#ORDERS`, oldest first), a page at a
time, and gives each order its orders1..orders7 keys (`orders.key_values`: the partition keys
o<n>pk, the shared sort key `osk` of the five stamp-sorted indexes, o3sk and o6sk) and the list
row's copy of its clocks (`sla`) in one UpdateItem, on the version it read: the version does not
move (nobody's open form turns stale), and an order changed meanwhile already has them (the app,
migrating, wrote both key sets), so a refused condition is skipped. Its helpers' job markers
get their orders3 keys. After each page the outlet's progress (the last order done) is kept in
the item `MIGRATION#order-indexes / OUTLET#<o>`: a run stopped at any point starts again after it.

`drop` removes the gsi1..gsi7 keys from the orders and their markers, so the old indexes no
longer carry them. It reads the same gsi1 partitions: an order done leaves them, so a stopped
run simply starts again. Both passes read one outlet's orders page by page, never the table.

`compact` (any time after `copy`) keeps the clocks of the orders stored before compactly: each
order's clocks as the order keeps them now and one detail item per clock (sla/models.py
ClockDetail), in one transaction on the version read (which does not move). The app reads both
shapes and compacts an order at its next action, so this pass only makes the old orders as small
as the new (each later action rewrites fewer bytes). It reads the outlet's orders through
orders1 a page at a time, the page's orders in one BatchGetItem and the watches of each order to
compact; its progress is kept like `copy`'s (MIGRATION#compact-clocks). An order whose watches
do not carry its clocks' levels (written by a release before watches kept them) is left whole:
its next action compacts it.

    AWS_REGION=<region> FUWU_TABLE=fuwu-<stage>-main .venv/bin/python -m scripts.migrate_order_indexes compact
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from pynamodb.constants import KEY
from pynamodb.exceptions import TransactWriteError, UpdateError
from pynamodb.expressions.operand import Path

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import connection, refused
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory import store as directory_store
from chalicelib.modules.orders import store as orders
from chalicelib.modules.orders.models import HelperJob, IndexMigration, WorkOrder
from chalicelib.modules.sla import clocks as sla_clocks
from chalicelib.modules.sla import store as sla_store
from chalicelib.modules.sla.domain import clock as sc
from chalicelib.modules.sla.domain.clock import list_copy
from chalicelib.modules.sla.models import SlaWatch

PROGRESS_PK = "MIGRATION#order-indexes"
COMPACT_PK = "MIGRATION#compact-clocks"
PAGE = 100


def _update(item: Item, actions: list, condition) -> None:
    """One UpdateItem of `item`'s key, as written (no version of PynamoDB's added)."""
    type(item)._get_connection().update_item(item.pk, item.sk, actions=actions,
                                             condition=condition)


def _refused(error: UpdateError) -> bool:
    return getattr(error, "cause_response_code", None) == "ConditionalCheckFailedException"


# The per-index sort keys the first release of the orders' own indexes wrote, which `osk`
# replaced (no stage stored them; an order that has them loses them here or at its next write).
RETIRED_SORT_KEYS = ("o1sk", "o2sk", "o4sk", "o5sk", "o7sk")


def _key_actions(model, values: dict[str, str | None]) -> list:
    """The update actions that give the item these key attributes (None: removed)."""
    return [getattr(model, name).set(value) if value is not None else getattr(model, name).remove()
            for name, value in values.items()]


def _markers(order: WorkOrder) -> list[HelperJob]:
    """The order's helpers' job markers (none to read when it has no helper besides its lead)."""
    if not [name for name in order.helpers or [] if name != order.technician]:
        return []
    return [m for m in HelperJob.query(order.pk, HelperJob.sk.startswith(orders.HELPER_PREFIX),
                                       consistent_read=True) if isinstance(m, HelperJob)]


def _old_keys_removed(model) -> list:
    return [a for n in range(1, 8) for a in (getattr(model, f"gsi{n}pk").remove(),
                                             getattr(model, f"gsi{n}sk").remove())]


def _tried(write: Callable[[], None]) -> bool:
    """A conditional write; False when its condition refused it."""
    try:
        write()
    except UpdateError as error:
        if _refused(error):
            return False
        raise
    return True


def copy_order(order: WorkOrder, drop: bool = False) -> bool:
    """The order's new keys and row copy (and, with `drop`, without its old keys), on the
    version read: False when it changed meanwhile (the app, writing both key sets, gave it the
    new ones) or is gone. Its helpers' markers likewise, each if still as read."""
    actions = [*_key_actions(WorkOrder, orders.key_values(orders.order_keys(order))),
               *(Path(name).remove() for name in RETIRED_SORT_KEYS),
               WorkOrder.sla.set(list_copy(order.clocks))]
    if drop:
        actions += _old_keys_removed(WorkOrder)
    # the table's own update: PynamoDB's Model.update would raise the version
    if not _tried(lambda: _update(order, actions, WorkOrder.version == int(order.version))):
        return False
    for marker in _markers(order):
        if marker.gsi3pk:
            moved = [HelperJob.o3pk.set(marker.gsi3pk), HelperJob.o3sk.set(marker.gsi3sk)]
            if drop:
                moved += [HelperJob.gsi3pk.remove(), HelperJob.gsi3sk.remove()]
            # a marker the app moved (OPEN# to DONE#) or removed meanwhile is left as it is
            _tried(lambda m=marker, a=moved: _update(m, a, HelperJob.gsi3sk == m.gsi3sk))
    return True


def drop_order(order: WorkOrder) -> None:
    """The order's and its markers' old keys removed, once they have their new ones (whatever
    the version: the old keys are no longer read). An order without its new keys (written by
    an earlier release after `copy` passed it, or before `osk` was shared) is copied and
    dropped in one update on its version; refused, it was changed meanwhile by the app, which
    wrote the new keys alone."""
    has_new = WorkOrder.o1pk.exists() & WorkOrder.osk.exists()
    if not _tried(lambda: _update(order, _old_keys_removed(WorkOrder), has_new)):
        copy_order(order, drop=True)
        return
    for marker in _markers(order):
        if marker.gsi3pk:
            if not _tried(lambda m=marker: _update(
                    m, [HelperJob.gsi3pk.remove(), HelperJob.gsi3sk.remove()],
                    HelperJob.o3pk.exists())):
                _tried(lambda m=marker: _update(
                    m, [HelperJob.o3pk.set(m.gsi3pk), HelperJob.o3sk.set(m.gsi3sk),
                        HelperJob.gsi3pk.remove(), HelperJob.gsi3sk.remove()],
                    HelperJob.gsi3sk == m.gsi3sk))


def _progress(outlet: str, pk: str = PROGRESS_PK) -> IndexMigration:
    try:
        return IndexMigration.get(pk, f"OUTLET#{outlet}", consistent_read=True)
    except IndexMigration.DoesNotExist:
        return IndexMigration(pk, f"OUTLET#{outlet}", copied=0, done=0)


def _old_orders(outlet: str, after: str | None):
    condition = Item.gsi1sk > after if after else None
    return Item.gsi1.query(keys.outlet_orders(outlet), condition, page_size=PAGE)


def copy_outlet(outlet: str, budget: int | None = None,
                report: Callable[[str], None] = print) -> int:
    """Copy the outlet's orders from where the last run stopped; at most `budget` orders (None:
    all). Returns how many were looked at."""
    progress = _progress(outlet)
    if progress.done:
        return 0
    seen = 0
    page_done = 0
    for item in _old_orders(outlet, progress.last_sk):
        if budget is not None and seen >= budget:
            progress.save()
            return seen
        if isinstance(item, WorkOrder) and copy_order(item):
            progress.copied = int(progress.copied) + 1
        progress.last_sk = item.gsi1sk
        seen += 1
        page_done += 1
        if page_done == PAGE:
            progress.save()
            page_done = 0
    progress.done = 1
    progress.save()
    report(f"{outlet}: {int(progress.copied)} orders copied to their own indexes")
    return seen


def drop_outlet(outlet: str, budget: int | None = None,
                report: Callable[[str], None] = print) -> int:
    seen = 0
    for item in _old_orders(outlet, None):
        if budget is not None and seen >= budget:
            return seen
        if isinstance(item, WorkOrder):
            drop_order(item)
        seen += 1
    report(f"{outlet}: {seen} orders left the old indexes")
    return seen


COMPACTED, ALREADY, LEFT_WHOLE, CHANGED = "compacted", "already", "left whole", "changed"


def compact_order(order: WorkOrder) -> str:
    """The order's clocks kept compactly, with a detail item each, on the version read:
    COMPACTED; ALREADY when they are compact (or it has none); LEFT_WHOLE when its watches do
    not carry the clocks' levels (its next action compacts it); CHANGED when the order changed
    meanwhile (the app's action compacted it). Any other failure is raised."""
    clocks = order.clocks or {}
    if not clocks or all(sc.is_compact(c) for c in clocks.values()):
        return ALREADY
    watches = {w.clock: w for w in SlaWatch.query(order.pk, SlaWatch.sk.startswith("WATCH#"),
                                                  consistent_read=True)
               if isinstance(w, SlaWatch)}
    whole = {name: {**clock, "name": name} for name, clock in clocks.items()}
    if any(sc.is_compact(c) or name not in watches or watches[name].levels != c.get("levels")
           for name, c in whole.items()):
        return LEFT_WHOLE
    # the table's own update, built here: PynamoDB's (tx.update too) would raise the version
    update = WorkOrder._get_connection().get_operation_kwargs(
        order.pk, range_key=order.sk, key=KEY, actions=[
            WorkOrder.clocks.set(sla_clocks.compact_clocks(whole))],
        condition=WorkOrder.version == int(order.version))
    details = [sla_store.detail_write(order.pk, name, clock["run"], sc.detail(clock))[0]
               for name, clock in whole.items()]
    try:
        connection().transact_write_items(
            condition_check_items=[], delete_items=[], update_items=[update],
            put_items=[d.get_save_kwargs_from_instance() for d in details])
    except TransactWriteError as error:
        if refused(error):
            return CHANGED  # changed meanwhile: the app's action compacted it
        raise
    return COMPACTED


def compact_outlet(outlet: str, budget: int | None = None,
                   report: Callable[[str], None] = print) -> int:
    """Compact the clocks of the outlet's orders from where the last run stopped; at most
    `budget` orders (None: all). Returns how many were looked at."""
    progress = _progress(outlet, COMPACT_PK)
    if progress.done:
        return 0
    seen = 0
    sort_key = orders.order_sort_key(1)
    while True:
        condition = sort_key > progress.last_sk if progress.last_sk else None
        limit = PAGE if budget is None else min(PAGE, budget - seen)
        if limit <= 0:
            progress.save()
            return seen
        rows = list(orders.order_index(1).query(keys.outlet_orders(outlet), condition,
                                                limit=limit, page_size=limit))
        if not rows:
            break
        for order in orders.whole([r for r in rows if isinstance(r, WorkOrder)]):
            outcome = compact_order(order)
            if outcome == COMPACTED:
                progress.copied = int(progress.copied) + 1
            elif outcome == LEFT_WHOLE:
                progress.skipped = int(progress.skipped or 0) + 1
        progress.last_sk = getattr(rows[-1], sort_key.attr_name)
        seen += len(rows)
        progress.save()
    progress.done = 1
    progress.save()
    report(f"{outlet}: {int(progress.copied)} orders' clocks kept compactly, "
           f"{int(progress.skipped or 0)} left whole (watches without levels: their next action "
           f"compacts them)")
    return seen


def outlets() -> list[str]:
    return [o.code for o in directory_store.list_outlets()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("step", choices=("copy", "drop", "compact"))
    parser.add_argument("--again", action="store_true",
                        help="copy: start every outlet from its oldest order again (after a "
                             "rollback to the release before, whose writes dropped new keys); "
                             "compact: likewise (after a rollback whose writes stored whole clocks)")
    args = parser.parse_args(argv)
    if args.step in ("copy", "compact") and args.again:
        for code in outlets():
            _progress(code, PROGRESS_PK if args.step == "copy" else COMPACT_PK).delete()
    run = {"copy": copy_outlet, "drop": drop_outlet, "compact": compact_outlet}[args.step]
    total = sum(run(code) for code in outlets())
    print(f"total: {total} orders")
    return 0


if __name__ == "__main__":
    sys.exit(main())
