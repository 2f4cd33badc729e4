"""Numbered records written with their number in one transaction: a complaint's TS-SZ-20261126-0001,
a consultation's ZX-…. The day's counter item moves from the value seen to the new number only
together with the record, so a write that fails takes no number and two writes never take the
same one (the numbers of a day have no gaps and no duplicates). When another write took the
number first, the cancellation returns the counter as it is now and the write tries the next.

The work orders' numbering (orders/store.py `create_order`) takes its numbers here too, with
its own counter model (`model`), its process's guess of the counter (`seen`) and its
idempotency record as the entry whose refusal means a replay (`replay`).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from pynamodb.attributes import NumberAttribute
from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store.base import (
    CONDITION_FAILED,
    TRANSACTION_CONFLICT,
    Update,
    cancel_code,
    cancelled_at,
    connection,
    ensure_fits,
    positions,
    write_entry,
)
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.store.models import Item

Entry = tuple[Item, object | None] | Update  # a put on its condition, or an update in place
MAX_ATTEMPTS = 50  # each lost attempt means another write took a number meanwhile


class SeriesCounter(Item, discriminator="series_counter"):
    """The last number taken of a series on a day: COUNTER#<series>#<outlet>#<yyyymmdd> / COUNTER."""

    value = NumberAttribute(default=0)


def counter_pk(series: str, outlet: str, day: str) -> str:
    return f"COUNTER#{series}#{outlet}#{day}"


def _value(model: type[Item], pk: str) -> int:
    """The counter as stored (0 before the day's first number); one consistent GetItem."""
    found = model._get_connection().get_item(pk, "COUNTER", consistent_read=True,
                                             attributes_to_get=["value"])
    return int(found.get("Item", {}).get("value", {}).get("N", "0"))


def write_numbered(pk: str, build: Callable[[int], list[Entry]], *,
                   model: type[Item] = SeriesCounter, seen: int | None = None,
                   replay: int | None = 0) -> int:
    """Write `build(n)`'s entries with the counter `pk` (an item of `model`, whose `value` is
    the last number taken) moved to n, the next number; returns n. `seen`: a guess of the
    counter's value (read when None; a stale guess costs a retry, never a wrong number).

    Raises AlreadyExists when the condition of the entry at index `replay` failed (by default
    the record itself, its condition its own key's absence: written meanwhile, a replay),
    VersionConflict when another entry's condition failed (it changed since it was read),
    TooManyItems (writing nothing) when the entries would not fit in one transaction."""
    if seen is None:
        seen = _value(model, pk)
    for _attempt in range(MAX_ATTEMPTS):
        entries = build(seen + 1)
        ensure_fits(len(entries) + 1)
        counter = model(pk, "COUNTER", value=seen + 1)
        # each entry's place in the transaction as sent (the puts, the counter the last of
        # them, then the updates): where the cancellation reasons name it
        *places, at = positions([*entries, (counter, None)])
        try:
            with TransactWrite(connection=connection()) as tx:
                for entry in entries:
                    write_entry(tx, entry)
                tx.save(counter, condition=model.pk.does_not_exist() if seen == 0
                        else model.value == seen, return_values="ALL_OLD")
        except TransactWriteError as error:
            if replay is not None and cancelled_at(error, places[replay]):
                raise AlreadyExists(pk) from None
            if any(cancelled_at(error, places[i]) for i in range(len(entries)) if i != replay):
                raise VersionConflict(pk) from None  # an item written with it changed
            code = cancel_code(error, at)
            if code == CONDITION_FAILED:  # another write took this number
                old = error.cancellation_reasons[at].raw_item or {}
                seen = int(old.get("value", {}).get("N", "0"))
            elif any(reason is not None and reason.code == TRANSACTION_CONFLICT
                     for reason in error.cancellation_reasons or []):
                time.sleep(random.uniform(0.005, 0.05))
                seen = _value(model, pk)
            else:
                raise
            continue
        return seen + 1
    raise RuntimeError(f"no number taken for {pk} after {MAX_ATTEMPTS} attempts")
