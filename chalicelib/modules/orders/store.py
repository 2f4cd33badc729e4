"""Work orders and their timelines: every read is one key or index query, every change one
transaction (the order, its new event, what the other areas' hooks write with it and, on
creation, the idempotency record and the day's counter)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.expressions.condition import Condition
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import (
    Page,
    connection,
    ensure_fits,
    one_page,
    refused,
    retrying_conflicts,
    write_entry,
)
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import IdempotencyRecord, Item
from chalicelib.kernel.store.numbering import write_numbered
from chalicelib.modules.orders.domain.lifecycle import BEFORE_ACCEPTANCE, TERMINAL_STATES
from chalicelib.modules.orders.models import Counter, HelperJob, OrderEvent, WorkOrder


def _job_sort_key(order: WorkOrder) -> str:
    """The order's place among a technician's jobs (o3sk): OPEN|DONE#<created_at>#<id>."""
    status = "DONE" if order.state in TERMINAL_STATES else "OPEN"
    return f"{status}#{order.created_at}#{order.id}"


# ---------------------------------------------------------------- the orders' indexes
# An order's index entries are in the orders' own indexes orders1..orders7 (infra/resources.py
# ORDER_INDEXES), which carry its list row, not the whole order. Their partition keys are
# o<n>pk; the five sorted by the order's stamp `<created_at>#<id>` (STAMP_SORTED: by date, by
# state, a customer's, a unit's, the network's) share one sort-key attribute, `osk` (an order
# item carries the value once, not five times), the other two have their own (o3sk, o6sk).
# While the orders move there (FUWU_ORDER_INDEXES, docs/deploy.md "Data migrations") an order
# is also written with the keys of the overloaded gsi1..gsi7 it used before ("migrating",
# "both") and read through those ("migrating"); `scripts/migrate_order_indexes.py` moves the
# stored ones.

SHARED_SORT_KEY = "osk"
STAMP_SORTED = (1, 2, 4, 5, 7)


def own_key_names(n: int) -> tuple[str, str]:
    """The key attributes (partition, sort) of the order's own index `orders<n>`."""
    return f"o{n}pk", SHARED_SORT_KEY if n in STAMP_SORTED else f"o{n}sk"


def legacy_key_names(n: int) -> tuple[str, str]:
    """The key attributes of the overloaded index `gsi<n>` the orders used before."""
    return f"gsi{n}pk", f"gsi{n}sk"


# every key attribute of the orders' own indexes, each once (a shared one is one attribute)
OWN_KEY_ATTRIBUTES = tuple(dict.fromkeys(name for n in range(1, 8) for name in own_key_names(n)))


def _migrating() -> bool:
    """Reads go through the old indexes."""
    return settings().order_indexes == "migrating"


def _legacy_keys() -> bool:
    """Writes set the old indexes' keys too."""
    return settings().order_indexes in ("migrating", "both")


def order_index(n: int):
    """The index an order's reads of pattern `n` go through (1 by date, 2 by state, 3 a
    technician's, 4 a customer's, 5 a unit's, 6 by number, 7 the network's by month)."""
    return getattr(Item, f"gsi{n}" if _migrating() else f"orders{n}")


def order_sort_key(n: int):
    """The sort-key attribute of `order_index(n)`, for key conditions (gsi<n>sk while
    migrating; else `osk`, or o3sk / o6sk)."""
    _pk, name = legacy_key_names(n) if _migrating() else own_key_names(n)
    return getattr(type(order_index(n)), name)


def order_keys(order: WorkOrder) -> dict[int, tuple[str, str] | None]:
    """The order's entry in each of its indexes, by pattern number (None: not in that one)."""
    stamp = f"{order.created_at}#{order.id}"
    return {
        1: (keys.outlet_orders(order.outlet), stamp),
        2: (keys.outlet_state(order.outlet, order.state), stamp),
        3: ((keys.technician_jobs(order.outlet, order.technician), _job_sort_key(order))
            if order.technician else None),
        4: (keys.customer_orders(order.outlet, order.customer_id), stamp),
        5: ((keys.equipment_orders(order.outlet, order.equipment_id), stamp)
            if order.equipment_id else None),
        6: (keys.order_numbers(order.number), order.number),
        7: (keys.network_orders(order.created_at[:7]), stamp),
    }


def key_values(entries: dict[int, tuple[str, str] | None],
               legacy: bool = False) -> dict[str, str | None]:
    """The key attributes that put an item in the indexes of `entries` (its own indexes', or
    with `legacy` gsi1..gsi7's), by name; None: the attribute goes (not in that index). A
    shared sort key is set once, to the value its entries agree on: an order out of one of
    them (orders5, no unit) stays in the others, its partition key alone being absent."""
    names = legacy_key_names if legacy else own_key_names
    values: dict[str, str | None] = {}
    for n, entry in entries.items():
        pk, sk = names(n)
        values[pk] = entry[0] if entry else None
        if entry is None:
            values.setdefault(sk, None)
        elif values.get(sk) not in (None, entry[1]):
            raise ValueError(f"{sk} shared by indexes with different sort keys: "
                             f"{values[sk]!r}, {entry[1]!r}")
        else:
            values[sk] = entry[1]
    return values


def _set_keys(item: Item, values: dict[str, str | None]) -> None:
    for name, value in values.items():
        setattr(item, name, value)


def index_order(order: WorkOrder, legacy: bool | None = None) -> None:
    """Set the order's table and index keys from its fields (called before every write):
    its own indexes' always; the old overloaded ones' too while migrating (`legacy`: as
    configured), else none (an order stored before leaves them at its next write, a put of
    the model's attributes: so do the per-index sort keys o1sk, o2sk, o4sk, o5sk and o7sk that
    `osk` replaced)."""
    order.pk, order.sk = keys.order_pk(order.id), "ORDER"
    entries = order_keys(order)
    _set_keys(order, key_values(entries))
    legacy = legacy if legacy is not None else _legacy_keys()
    _set_keys(order, key_values(entries if legacy else dict.fromkeys(entries), legacy=True))


# ---------------------------------------------------------------- helpers' job entries
# Each helper of an order has a marker item in the order's partition (ORDER#<id> /
# HELPER#<username>) with the lead's o3 entry for the helper, so their jobs (o3) list the
# order too. The store writes the markers in the order's own transactions: added and removed
# as the helpers change, moved from OPEN# to DONE# with the order.

HELPER_PREFIX = "HELPER#"


def helper_jobs(order: WorkOrder, legacy: bool | None = None) -> dict[str, HelperJob]:
    """The markers the order should have now, by helper (after `index_order`)."""
    markers = {}
    for name in dict.fromkeys(order.helpers or []):
        if name == order.technician:
            continue
        marker = HelperJob(order.pk, f"{HELPER_PREFIX}{name}", order_id=order.id, username=name)
        entry = (keys.technician_jobs(order.outlet, name), _job_sort_key(order))
        marker.o3pk, marker.o3sk = entry
        if legacy if legacy is not None else _legacy_keys():
            marker.gsi3pk, marker.gsi3sk = entry
        markers[name] = marker
    return markers


def _helper_job_changes(order: WorkOrder, read: Collection) -> tuple[list[HelperJob],
                                                                     list[HelperJob]]:
    """(the markers to put, those to delete) for the order as it is to be saved, against the
    markers read with it (its collection)."""
    stored = {m.username: m for m in read.of(HelperJob)}
    wanted = helper_jobs(order)

    def entry(marker: HelperJob) -> tuple:
        return marker.order_id, marker.o3pk, marker.o3sk, marker.gsi3pk

    puts = [m for name, m in wanted.items() if name not in stored or entry(stored[name]) != entry(m)]
    deletes = [m for name, m in stored.items() if name not in wanted]
    return puts, deletes


def index_event(event: OrderEvent) -> None:
    event.pk = keys.order_pk(event.order_id)
    event.sk = f"EVENT#{event.at}#{event.id}"


def event_write(event: OrderEvent) -> tuple[OrderEvent, Condition]:
    """A further timeline event as a transaction entry (see `save_transition`'s `extra`)."""
    index_event(event)
    return event, OrderEvent.pk.does_not_exist()


@dataclass(frozen=True)
class NumberSeries:
    """The order numbers of one outlet and day, <prefix>-<yyyymmdd>-<nnnn>, counted by the
    item COUNTER#<outlet>#<yyyymmdd> / COUNTER."""

    outlet: str
    prefix: str
    day: str

    @property
    def counter_pk(self) -> str:
        return f"COUNTER#{self.outlet}#{self.day}"

    def number(self, value: int) -> str:
        return f"{self.prefix}-{self.day}-{value:04d}"


# The counter value this process last saw per outlet: (day, value). Only a guess for the next
# create's condition — a stale one costs a retry, never a wrong number.
_last_seen: dict[str, tuple[str, int]] = {}


def _guess(series: NumberSeries) -> int | None:
    """The value last seen today, or None (then the counter is read)."""
    day, value = _last_seen.get(series.outlet, ("", -1))
    return value if day == series.day else None


Entry = tuple[Item, Condition | None]  # a further item of the transaction, with its condition
OrderWrites = tuple[WorkOrder, OrderEvent, list[Entry]]


def create_order(series: NumberSeries, build: Callable[[str], OrderWrites],
                 idempotency: IdempotencyRecord | None) -> WorkOrder:
    """Number a new order and write it — the order, its first event, the idempotency record,
    the day's counter, the further items the other areas write with it (clock watches, a
    key-figure fact; `build(number)` makes them for a number) and its helpers' job markers —
    in one transaction (kernel/store/numbering.py `write_numbered`: the counter moves from the
    value seen to the order's number only together with the order, so the numbers of a day
    have no gaps and no duplicates).

    Raises AlreadyExists when the idempotency key was taken meanwhile (a concurrent retry),
    VersionConflict when a further item written on a condition changed since it was read (a
    consultation turned into something else meanwhile), TooManyItems (writing nothing) when
    the items would not fit in one transaction.
    """
    made: list[WorkOrder] = []

    def entries(value: int) -> list[Entry]:
        order, event, extra = build(series.number(value))
        index_order(order)
        index_event(event)
        made[:] = [order]
        written: list[Entry] = [(order, WorkOrder.pk.does_not_exist()),
                                (event, OrderEvent.pk.does_not_exist())]
        if idempotency is not None:
            written.append((idempotency, IdempotencyRecord.pk.does_not_exist()))
        return [*written, *extra, *((marker, None) for marker in helper_jobs(order).values())]

    taken = write_numbered(series.counter_pk, entries, model=Counter, seen=_guess(series),
                           replay=2 if idempotency is not None else None)
    _last_seen[series.outlet] = (series.day, taken)
    return made[0]


# A transition cancelled only because another transaction was writing one of its items at that
# moment (DynamoDB's TransactionConflict: a budget booked by two acceptances at once) wrote
# nothing: it is tried again, in all up to CONFLICT_ATTEMPTS times, before it is a 409.
CONFLICT_ATTEMPTS = 4
CONFLICT_PAUSE = 0.01  # seconds, doubling, jittered (base.retrying_conflicts)


def _save_beside(tx: TransactWrite, extra: list[Entry]) -> None:
    """The further items written in the order's transaction (keyed by the areas that own
    them)."""
    for entry in extra:
        write_entry(tx, entry)


def save_transition(order: WorkOrder, event: OrderEvent, read: Collection,
                    extra: list[Entry] = ()) -> None:
    """Write the changed order (only if its version is still the one read), its event and the
    further items the other areas write with it (clock watches, a report version and its
    event, key-figure facts) at once.

    Raises VersionConflict when the order, or a further item written on a condition (a clock
    watch is written only if it is still as read: a manager's acknowledgement made meanwhile
    is not undone), changed since it was read, or was still being written by another
    transaction after CONFLICT_ATTEMPTS tries (a cancellation by conflicts alone wrote nothing
    and is tried again); TooManyItems (writing nothing) when the items would not fit in one
    transaction.

    The helpers' job markers follow the order in the same transaction (see `helper_jobs`),
    against those `read` with it (its collection): the order's version condition covers them."""
    index_order(order)
    index_event(event)
    puts, deletes = _helper_job_changes(order, read)
    ensure_fits(2 + len(extra) + len(puts) + len(deletes))

    def write() -> None:
        with TransactWrite(connection=connection()) as tx:
            tx.save(order)  # PynamoDB adds `version = <read version>` and increments it
            tx.save(event, condition=OrderEvent.pk.does_not_exist())
            _save_beside(tx, extra)
            for marker in puts:
                tx.save(marker)
            for marker in deletes:
                tx.delete(marker)

    try:
        retrying_conflicts(write, CONFLICT_ATTEMPTS, CONFLICT_PAUSE)
    except TransactWriteError as error:
        if refused(error):
            raise VersionConflict(order.id) from None
        raise


def get_order(order_id: str) -> WorkOrder | None:
    try:
        return WorkOrder.get(keys.order_pk(order_id), "ORDER", consistent_read=True)
    except DoesNotExist:
        return None


@dataclass
class OrderWithItems:
    """An order and its item collection: its timeline, and the items other areas keep in its
    partition (clock watches, attachments, report versions), which they take with `items.of`."""

    order: WorkOrder
    items: Collection

    @property
    def events(self) -> list[OrderEvent]:
        return self.items.of(OrderEvent)


def get_order_with_items(order_id: str) -> OrderWithItems | None:
    """The order with its whole collection, in one consistent query."""
    items = Collection(Item.query(keys.order_pk(order_id), consistent_read=True))
    order = items.one(WorkOrder)
    return OrderWithItems(order, items) if order is not None else None


def recent_for_equipment(outlet: str, equipment_id: str, before: str, limit: int = 10,
                         accepted: bool = False) -> list[WorkOrder]:
    """The equipment's newest orders created before `before` (one page of its o5 partition's
    keys, then those orders as stored in one BatchGetItem), newest first; `accepted`: only
    those the customer has accepted (no longer before acceptance)."""
    orders = _keyed_orders(order_index(5).query(
        keys.equipment_orders(outlet, equipment_id), order_sort_key(5) < before,
        scan_index_forward=False, limit=limit, page_size=limit)).items
    if accepted:  # on hold may follow an acceptance: its order says
        orders = [o for o in orders if o.state == "on_hold" or o.state not in BEFORE_ACCEPTANCE]
    return orders


def _keyed_orders(results, consistent: bool = True) -> Page:
    """One page of a by-key index's entries (`results`, a query), then the orders they name
    in one BatchGetItem, in the entries' order (an order gone meanwhile is left out)."""
    page = one_page(results, Item)
    ids = _ids_in(page.items)
    found = orders_by_id(ids, consistent=consistent)
    return Page([found[i] for i in ids if i in found], page.last_key)


def _ids_in(page_items: list[Item]) -> list[str]:
    """The order ids of by-key index entries (orders4..6: keys and kind only), from their table key."""
    return [item.pk.removeprefix("ORDER#") for item in page_items
            if item.pk.startswith("ORDER#") and item.sk == "ORDER"]


def id_of_number(number: str) -> str | None:
    """The id of the order with this number: its key in the number index (one Query)."""
    page = one_page(order_index(6).query(keys.order_numbers(number), order_sort_key(6) == number,
                                         limit=1, page_size=1), Item)
    ids = _ids_in(page.items)
    return ids[0] if ids else None


def find_by_number(number: str) -> WorkOrder | None:
    """The order with this number: its key from the number index, then the order itself."""
    order_id = id_of_number(number)
    return get_order(order_id) if order_id else None


def numbers_beginning(prefix: str, limit: int, start: dict | None) -> Page:
    """Orders whose number begins with `prefix` (`SZ-202611`), newest number first: one page
    of the series' number partition (its keys), then those orders in one BatchGetItem."""
    return _keyed_orders(order_index(6).query(keys.order_numbers(prefix),
                                              order_sort_key(6).startswith(prefix),
                                              scan_index_forward=False, last_evaluated_key=start,
                                              page_size=limit), consistent=False)


def first_order_month(outlet: str) -> str | None:
    """The month (UTC, `2026-11`) of the outlet's oldest order: one entry of its o1 partition."""
    page = one_page(order_index(1).query(keys.outlet_orders(outlet), scan_index_forward=True,
                                         limit=1, page_size=1), WorkOrder)
    return page.items[0].created_at[:7] if page.items else None


def unfinished_orders(n: int, partition: str, states: tuple[str, ...],
                      site_id: str | None, read: int) -> list[WorkOrder]:
    """The orders in `states` among the newest `read` of a customer's (4) or a unit's (5)
    partition, newest first: one page of the partition's keys, then those orders in one
    BatchGetItem (eventually consistent, as an index read is), whatever the partition's size."""
    orders = _keyed_orders(order_index(n).query(partition, scan_index_forward=False,
                                                page_size=read), consistent=False).items
    return [o for o in orders if o.state in states and (not site_id or o.site_id == site_id)]


# A customer's (orders4) and a unit's (orders5) index entries carry keys only
# (infra/resources.py): an order changes a dozen times and these lists are read far less often,
# so their pages read the orders by key (one BatchGetItem) instead of every action rewriting
# two more list rows. Their filters apply to the orders read, as DynamoDB's filter would to
# the rows: a page may come back short, with its cursor.
BY_KEY = (4, 5)


@dataclass
class OrderQuery:
    """Which index partition to read, the sort-key range, and what to filter on the way."""

    index: int  # the pattern's number, 1..5 (`order_index`; the network list: 7, by month)
    partition: str
    sk_from: str | None = None
    sk_to: str | None = None
    sk_prefix: str | None = None
    filters: dict = field(default_factory=dict)  # attribute name -> required value
    created_range: tuple[str, str] | None = None  # filter when the sort key cannot carry it


def _conditions(q: OrderQuery, sort_key) -> tuple[Condition | None, Condition | None]:
    """The query's sort-key condition and its filter."""
    range_condition = None
    if q.sk_prefix is not None:
        range_condition = sort_key.startswith(q.sk_prefix)
    elif q.sk_from is not None and q.sk_to is not None:
        range_condition = sort_key.between(q.sk_from, q.sk_to)
    elif q.sk_from is not None:
        range_condition = sort_key >= q.sk_from
    elif q.sk_to is not None:
        range_condition = sort_key <= q.sk_to
    filter_condition: Condition | None = None
    for name, value in q.filters.items():
        term = getattr(WorkOrder, name) == value
        filter_condition = term if filter_condition is None else filter_condition & term
    if q.created_range:
        low, high = q.created_range
        term = WorkOrder.created_at.between(low or "0", high or "9")
        filter_condition = term if filter_condition is None else filter_condition & term
    return range_condition, filter_condition


def matches(order: WorkOrder, q: OrderQuery) -> bool:
    """Whether a whole order passes `q`'s filters (those `_conditions` gives DynamoDB)."""
    if any(getattr(order, name) != value for name, value in q.filters.items()):
        return False
    if q.created_range:
        low, high = q.created_range
        return (low or "0") <= order.created_at <= (high or "9")
    return True


def _id_page(q: OrderQuery, limit: int, start: dict | None) -> Page:
    """One page of the order ids in a by-key index's partition (`BY_KEY`), in `q`'s range."""
    range_condition, _ = _conditions(q, order_sort_key(q.index))
    page = one_page(order_index(q.index).query(
        q.partition, range_key_condition=range_condition, scan_index_forward=False,
        last_evaluated_key=start, page_size=limit), Item)
    return Page(_ids_in(page.items), page.last_key)


def query_orders(q: OrderQuery, limit: int, start: dict | None) -> Page:
    """One page of list rows: the index's entries (resources.ORDER_ROW, not whole orders), or
    from a by-key index (`BY_KEY`) the orders its keys name, as stored."""
    if q.index in BY_KEY:
        return by_key_pages([(q, start)], limit)[0]
    range_condition, filter_condition = _conditions(q, order_sort_key(q.index))
    return one_page(order_index(q.index).query(
        q.partition, range_key_condition=range_condition, filter_condition=filter_condition,
        scan_index_forward=False, last_evaluated_key=start, page_size=limit,
    ), WorkOrder)


def by_key_pages(queries: list[tuple[OrderQuery, dict | None]], limit: int) -> list[Page]:
    """A page of each of several by-key partitions (several customers' orders): a Query of
    each one's keys, then all their orders in one BatchGetItem (eventually consistent, as an
    index read is), filtered by each query's filters."""
    pages = [_id_page(q, limit, start) for q, start in queries]
    found = orders_by_id((i for page in pages for i in page.items), consistent=False)
    return [Page([found[i] for i in page.items if i in found and matches(found[i], q)],
                 page.last_key) for (q, _start), page in zip(queries, pages, strict=True)]


# At most this many requests make one page of the network list (a month with few matches
# hands over to the month before within the same page; beyond this the page is returned
# with a cursor, so a rare filter never reads months on end in one request).
NETWORK_READS = 4


def previous_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year - 1}-12" if number == 1 else f"{year:04d}-{number - 1:02d}"


def network_page(q: OrderQuery, newest: str, oldest: str, limit: int,
                 start: dict | None) -> Page:
    """One page of the network's orders (list rows), newest first, from the month partitions of o7
    (`NETWORK#ORDERS#<yyyy-mm>`) from `newest` back to `oldest`, with `q`'s sort-key range
    and filters in each. `start` (and the returned `last_key`) is {"month", "key"}: the month
    to read and DynamoDB's start key in it (None: from its newest order)."""
    month, key = (start["month"], start.get("key")) if start else (newest, None)
    if month > newest or month < oldest:
        raise keys.BadCursor(month)
    range_condition, filter_condition = _conditions(q, order_sort_key(7))
    items: list[WorkOrder] = []
    for _read in range(NETWORK_READS):
        page = one_page(order_index(7).query(
            keys.network_orders(month), range_key_condition=range_condition,
            filter_condition=filter_condition, scan_index_forward=False,
            last_evaluated_key=key, page_size=limit - len(items)), WorkOrder)
        items += page.items
        key = page.last_key
        if key is None:  # the month is read: on to the one before
            month = previous_month(month)
            if month < oldest:
                return Page(items, None)
        if len(items) >= limit:
            break
    return Page(items, {"month": month, "key": key})




# ---------------------------------------------------------------- a technician's workload
# (orders/workload.py: the dispatch board and form, my jobs)

def orders_by_id(ids, consistent: bool = True) -> dict[str, WorkOrder]:
    """Orders by id, as stored (consistent unless asked otherwise): one BatchGetItem (PynamoDB
    pages it by 100 keys); an id with no order is left out."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    found = WorkOrder.batch_get([(keys.order_pk(i), "ORDER") for i in wanted],
                                consistent_read=consistent)
    return {o.id: o for o in found if isinstance(o, WorkOrder)}


def created_between(outlet: str, first: str, last: str, page: int) -> Iterator[WorkOrder]:
    """An outlet's orders created in [first, last), oldest first, as stored: a page of list
    rows at a time (o1), each page's orders in one BatchGetItem (an export, a report)."""
    rows = order_index(1).query(keys.outlet_orders(outlet), order_sort_key(1).between(first, last),
                                page_size=page)
    batch: list[WorkOrder] = []
    for row in rows:
        if isinstance(row, WorkOrder):
            batch.append(row)
        if len(batch) == page:
            yield from whole(batch)
            batch = []
    yield from whole(batch)


def whole(rows: list[WorkOrder]) -> list[WorkOrder]:
    """The whole orders of list rows, in the rows' order (one BatchGetItem); an order gone
    meanwhile is left out."""
    found = orders_by_id(r.id for r in rows)
    return [found[r.id] for r in rows if r.id in found]


def _entry_ids(entries: list) -> list[str]:
    """The order ids of a technician's o3 entries: the orders they lead, the orders a helper's
    marker marks."""
    return [e.order_id if isinstance(e, HelperJob) else e.id for e in entries
            if isinstance(e, HelperJob | WorkOrder)]


def _with_helped(entries: list, username: str,
                 found: dict[str, WorkOrder] | None = None) -> list[WorkOrder]:
    """A technician's o3 entries as whole orders, in their order (read in one BatchGetItem
    unless `found` has them), if they are still its lead or helper."""
    ids = _entry_ids(entries)
    found = orders_by_id(ids) if found is None else found
    orders, seen = [], set()
    for order_id in ids:
        order = found.get(order_id)
        if (order is not None and order.id not in seen
                and (order.technician == username or username in (order.helpers or []))):
            seen.add(order.id)
            orders.append(order)
    return orders


def _open_entries(outlet: str, username: str) -> list:
    return list(order_index(3).query(keys.technician_jobs(outlet, username),
                                     order_sort_key(3).startswith("OPEN#"),
                                     scan_index_forward=False))


def technician_open_jobs(outlet: str, username: str) -> list[WorkOrder]:
    """Every order of the technician, as lead or helper, not yet archived or cancelled: their
    o3 partition's OPEN# range, read to its end (bounded by one person's open work), newest
    first, then those orders as stored in one BatchGetItem."""
    return technicians_open_jobs(outlet, [username])[username]


def technicians_open_jobs(outlet: str, usernames: list[str]) -> dict[str, list[WorkOrder]]:
    """`technician_open_jobs` of several technicians (the dispatch board, the form's
    candidates): one query of each one's open range, then all their orders in one BatchGetItem
    (PynamoDB pages it by 100 keys)."""
    entries = {name: _open_entries(outlet, name) for name in usernames}
    found = orders_by_id(i for listed in entries.values() for i in _entry_ids(listed))
    return {name: [o for o in _with_helped(listed, name, found) if o.state not in TERMINAL_STATES]
            for name, listed in entries.items()}


def technician_jobs_in(outlet: str, username: str, states: tuple[str, ...], limit: int,
                       start: dict | None) -> Page:
    """One page of the technician's orders (as lead or helper) in these states, newest first
    within the open ones and then the closed ones (their o3 partition, filtered by state; a
    helper's marker carries no state, so it passes the filter and its order is checked once
    read), as stored."""
    page = one_page(order_index(3).query(
        keys.technician_jobs(outlet, username),
        filter_condition=WorkOrder.state.is_in(*states) | HelperJob.username.exists(),
        scan_index_forward=False, last_evaluated_key=start, page_size=limit), Item)
    orders = _with_helped(page.items, username)
    return Page([o for o in orders if o.state in states], page.last_key)


def orders_in_state(outlet: str, state: str, limit: int) -> Page:
    """The outlet's oldest orders in a state (o2), at most `limit`, as list rows: the
    dispatch queue."""
    return one_page(order_index(2).query(keys.outlet_state(outlet, state),
                                         scan_index_forward=True, page_size=limit), WorkOrder)
