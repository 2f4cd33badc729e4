"""Ids, timestamps, cursors and the key strings of the main table."""

from __future__ import annotations

import os
import time
import zlib
from datetime import UTC, datetime


def _system_clock() -> datetime:
    return datetime.now(UTC)


# The source of "now" for every timestamp the app writes. Only the demo seed and tests that
# need a controlled clock replace it (`set_clock`); request code never does.
clock = _system_clock


def utc_now() -> datetime:
    return clock()


def wall_now() -> datetime:
    """The system's wall clock, whatever the business clock says: S3 judges a presigned form's
    expiry by it (and so does boto3 when it signs one)."""
    return _system_clock()


def set_clock(source=None) -> None:
    """Use `source()` as "now" (None restores the system clock)."""
    global clock
    clock = source or _system_clock


def iso(moment: datetime) -> str:
    """UTC ISO-8601 with milliseconds and a Z, sortable as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def parse_iso(value: str | None) -> datetime | None:
    """The instant a stored time names (the inverse of `iso`)."""
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def new_id(prefix: str) -> str:
    """Time-ordered unique id: <prefix>_<ms since epoch, hex><80 random bits, hex>."""
    return f"{prefix}_{int(time.time() * 1000):011x}{os.urandom(10).hex()}"


def shard(value: str, shards: int) -> int:
    """A stable spread of keys over `shards` partitions (so no partition of an index is hot)."""
    return zlib.crc32(value.encode()) % shards


class BadCursor(ValueError):
    """A start key that does not belong to the query it was given to."""


def order_pk(order_id: str) -> str:
    return f"ORDER#{order_id}"


def customer_pk(customer_id: str) -> str:
    return f"CUST#{customer_id}"


def staff_pk(username: str) -> str:
    return f"STAFF#{username}"


def outlet_pk(code: str) -> str:
    return f"OUTLET#{code}"


def outlet_orders(outlet: str) -> str:
    return f"OUTLET#{outlet}#ORDERS"


def outlet_state(outlet: str, state: str) -> str:
    return f"OUTLET#{outlet}#STATE#{state}"


# The order partitions of a technician, a customer and a piece of equipment carry the outlet:
# a filter by someone else's technician or customer reads only the caller's outlet partition
# (empty), never another outlet's items, by construction.
def technician_jobs(outlet: str, username: str) -> str:
    return f"OUTLET#{outlet}#TECH#{username}"


def customer_orders(outlet: str, customer_id: str) -> str:
    return f"OUTLET#{outlet}#CUST#{customer_id}"


def equipment_orders(outlet: str, equipment_id: str) -> str:
    return f"OUTLET#{outlet}#EQUIP#{equipment_id}"


def order_numbers(number_or_prefix: str) -> str:
    """The partition of an outlet's order numbers: ORDERNO#<series prefix> (`SZ` of
    `SZ-20261123-0007`); the sort key is the number itself, so a number and any beginning of
    one (`SZ-202611`) is a key condition."""
    return f"ORDERNO#{number_or_prefix.split('-', 1)[0]}"


def network_orders(month: str) -> str:
    """The network's orders created in one month (UTC, `2026-11`): head office's list reads
    the months newest first, so no index partition holds every order of the network."""
    return f"NETWORK#ORDERS#{month}"
