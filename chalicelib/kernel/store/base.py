"""What every area's store shares: the connection, one transaction of (item, condition)
entries and its refusals, one page of a query (chalicelib/kernel/store/keys.py holds the keys
and indexes)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from pynamodb.connection import Connection
from pynamodb.exceptions import QueryError, TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.config import settings
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import TooManyItems, VersionConflict
from chalicelib.kernel.store.models import Item

_connection: Connection | None = None

# DynamoDB's TransactWriteItems takes at most 100 items (what an action writes, and why it
# stays far below: docs/consistency.md).
MAX_TRANSACTION_ITEMS = 100
CONDITION_FAILED = "ConditionalCheckFailed"
TRANSACTION_CONFLICT = "TransactionConflict"


def connection() -> Connection:
    global _connection
    if _connection is None:
        cfg = settings()
        _connection = Connection(region=cfg.region, host=cfg.endpoint_url)
    return _connection



def ensure_fits(count: int) -> None:
    """Refuse a transaction of `count` items before trying it, when DynamoDB would refuse it."""
    if count > MAX_TRANSACTION_ITEMS:
        raise TooManyItems(count)


def condition_failed(error) -> bool:
    """A single write (UpdateItem, PutItem, DeleteItem) refused by its condition (PynamoDB's
    UpdateError…; a transaction's cancellation reasons: `cancelled_at`)."""
    return getattr(error, "cause_response_code", None) == f"{CONDITION_FAILED}Exception"


def cancel_code(error: TransactWriteError, position: int) -> str | None:
    reasons = error.cancellation_reasons or []
    reason = reasons[position] if len(reasons) > position else None
    return reason.code if reason is not None else None


def cancelled_at(error: TransactWriteError, position: int) -> bool:
    """The condition of the item at `position` (its place in the transaction as sent: see
    `positions`) failed."""
    return cancel_code(error, position) == CONDITION_FAILED


def refused(error: TransactWriteError) -> bool:
    """Some item's condition failed, or another transaction was writing one of the items at
    the same time: what was read changed meanwhile (the caller's stale version, a 409)."""
    return any(reason is not None and reason.code in (CONDITION_FAILED, TRANSACTION_CONFLICT)
               for reason in error.cancellation_reasons or [])


def only_transaction_conflicts(error: TransactWriteError) -> bool:
    """Cancelled only because another transaction was writing one of the items at the same
    time (DynamoDB's TransactionConflict; no condition failed, nothing else went wrong):
    nothing was written and the same transaction may be tried again. Moto never answers it;
    DynamoDB does when two transactions touch one item at once (a budget's)."""
    codes = {reason.code for reason in error.cancellation_reasons or [] if reason is not None}
    return codes == {TRANSACTION_CONFLICT}


def retrying_conflicts(write: Callable[[], None], attempts: int, pause: float) -> None:
    """`write()` (one transaction), tried again while it is cancelled only by transaction
    conflicts (`only_transaction_conflicts`), at most `attempts` times in all, after a jittered
    pause doubling from `pause` seconds (the n-th wait between pause/2·2ⁿ and pause·2ⁿ). The
    last TransactWriteError is raised as it came."""
    for attempt in range(attempts):
        try:
            write()
            return
        except TransactWriteError as error:
            if attempt + 1 >= attempts or not only_transaction_conflicts(error):
                raise
            time.sleep(pause * 2 ** attempt * random.uniform(0.5, 1.0))  # noqa: S311 - jitter


@dataclass
class Update:
    """A transaction entry that updates an item in place (PynamoDB update actions, on a
    condition) instead of putting it whole: a counter's ADD (a budget's spent), which a put of
    the item as read would not make safe under concurrent writers.

    A versioned item's version moves by one either way; `on_version=False` drops PynamoDB's
    condition that it is still the version read, for a job's write conditioned on the fields it
    depends on instead (the inspection generator moving a contract's next occurrence: a manager's
    edit saved meanwhile does not stop it, and a form opened before it is refused as stale)."""

    item: Item
    actions: list
    condition: object = None
    on_version: bool = True


@dataclass
class Check:
    """A transaction entry that writes nothing: the item at this key must meet the condition
    when the transaction is written (another area's item a write depends on, still as read:
    an order not accepted or cancelled meanwhile). A failed check cancels the transaction
    (VersionConflict)."""

    item_class: type
    hash_key: str
    range_key: str | None
    condition: object


def write_entry(tx: TransactWrite, entry) -> None:
    """One transaction entry: an Update, a Check, or a put `(item, condition)`. (An Update's
    actions are copied: PynamoDB appends a versioned item's version action to the list it is
    given, and a transaction tried again must not carry it twice.)"""
    if isinstance(entry, Update):
        tx.update(entry.item, actions=list(entry.actions), condition=entry.condition,
                  add_version_condition=entry.on_version)
    elif isinstance(entry, Check):
        tx.condition_check(entry.item_class, entry.hash_key, entry.range_key,
                           condition=entry.condition)
    else:
        item, condition = entry
        tx.save(item, condition=condition)


def positions(entries: list) -> list[int]:
    """Each entry's place in the transaction as PynamoDB sends it — the Checks first, then the
    puts, in their order, then the Updates — which is where DynamoDB's cancellation reasons
    name it."""
    order = ([i for i, e in enumerate(entries) if isinstance(e, Check)]
             + [i for i, e in enumerate(entries) if not isinstance(e, Update | Check)]
             + [i for i, e in enumerate(entries) if isinstance(e, Update)])
    place = [0] * len(entries)
    for position, index in enumerate(order):
        place[index] = position
    return place


def entry_item(entry) -> Item | None:
    """The item an entry writes (None: a Check writes none)."""
    if isinstance(entry, Check):
        return None
    return entry.item if isinstance(entry, Update) else entry[0]


def transact(entries: list) -> None:
    """Write the entries at once (puts `(item, condition)`, Updates or Checks), each on its
    condition (None: PynamoDB's own, an item with a version only if still at the version
    read); refused before trying when DynamoDB would take too many (TooManyItems).
    VersionConflict when a
    condition failed or another transaction was writing one of the items: what was read
    changed meanwhile (the caller's stale version)."""
    try:
        write_all(entries)
    except TransactWriteError as error:
        if refused(error):
            raise VersionConflict() from None
        raise


def write_all(entries: list) -> None:
    """Write the entries at once, as `transact` does, but let DynamoDB's answer through
    (TransactWriteError: the caller reads each entry's reason by its place, `positions`)."""
    ensure_fits(len(entries))
    with TransactWrite(connection=connection()) as tx:
        for entry in entries:
            write_entry(tx, entry)


@dataclass
class Page:
    items: list
    last_key: dict | None


def one_page(results, kind: type) -> Page:
    """Exactly one DynamoDB request: the first page of a query (at most `page_size` items read).

    With a filter, DynamoDB applies the limit before the filter, so a page may hold fewer
    matches than asked for while a cursor says there is more; reading on until the page is
    full would read the whole partition when matches are rare.
    """
    try:
        page = next(results.page_iter, None) or {}
    except QueryError as error:
        cause = str(error.cause)
        if "ValidationException" in cause and "start" in cause.lower():
            raise keys.BadCursor(cause) from None  # the start key is not of this query
        raise
    items = [Item.from_raw_data(raw) for raw in page.get("Items", [])]
    return Page([i for i in items if isinstance(i, kind)], page.get("LastEvaluatedKey"))
