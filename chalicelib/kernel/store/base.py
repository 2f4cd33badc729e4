"""What every area's store shares: the connection, one transaction of (item, condition)
entries and its refusals, one page of a query (chalicelib/kernel/store/keys.py holds the keys
and indexes)."""

from __future__ import annotations

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


def cancel_code(error: TransactWriteError, position: int) -> str | None:
    reasons = error.cancellation_reasons or []
    reason = reasons[position] if len(reasons) > position else None
    return reason.code if reason is not None else None


def cancelled_at(error: TransactWriteError, position: int) -> bool:
    return cancel_code(error, position) == "ConditionalCheckFailed"


def refused(error: TransactWriteError) -> bool:
    """Some item's condition failed, or another transaction was writing one of the items at
    the same time: what was read changed meanwhile (the caller's stale version, a 409)."""
    return any(reason is not None and reason.code in ("ConditionalCheckFailed",
                                                      "TransactionConflict")
               for reason in error.cancellation_reasons or [])


@dataclass
class Update:
    """A transaction entry that updates an item in place (PynamoDB update actions, on a
    condition) instead of putting it whole: a counter's ADD (a budget's spent), which a put of
    the item as read would not make safe under concurrent writers."""

    item: Item
    actions: list
    condition: object = None


def write_entry(tx: TransactWrite, entry) -> None:
    """One transaction entry: an Update, or a put `(item, condition)`."""
    if isinstance(entry, Update):
        tx.update(entry.item, actions=entry.actions, condition=entry.condition)
    else:
        item, condition = entry
        tx.save(item, condition=condition)


def entry_item(entry) -> Item:
    """The item an entry writes."""
    return entry.item if isinstance(entry, Update) else entry[0]


def transact(entries: list) -> None:
    """Write the entries at once (puts `(item, condition)` or Updates), each on its condition
    (None: PynamoDB's own, an item with a version only if still at the version read); refused
    before trying when DynamoDB would take too many (TooManyItems). VersionConflict when a
    condition failed or another transaction was writing one of the items: what was read
    changed meanwhile (the caller's stale version)."""
    ensure_fits(len(entries))
    try:
        with TransactWrite(connection=connection()) as tx:
            for entry in entries:
                write_entry(tx, entry)
    except TransactWriteError as error:
        if refused(error):
            raise VersionConflict() from None
        raise


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
