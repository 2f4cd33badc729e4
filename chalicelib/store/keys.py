"""Ids, timestamps, cursors and the key strings of the main table."""

from __future__ import annotations

import base64
import json
import os
import time
from datetime import UTC, datetime


def _system_clock() -> datetime:
    return datetime.now(UTC)


# The source of "now" for every timestamp the app writes. Only the demo seed and tests that
# need a controlled clock replace it (`set_clock`); request code never does.
clock = _system_clock


def utc_now() -> datetime:
    return clock()


def set_clock(source=None) -> None:
    """Use `source()` as "now" (None restores the system clock)."""
    global clock
    clock = source or _system_clock


def iso(moment: datetime) -> str:
    """UTC ISO-8601 with milliseconds and a Z, sortable as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def new_id(prefix: str) -> str:
    """Time-ordered unique id: <prefix>_<ms since epoch, hex><80 random bits, hex>."""
    return f"{prefix}_{int(time.time() * 1000):011x}{os.urandom(10).hex()}"


def encode_cursor(last_key: dict | None) -> str | None:
    if not last_key:
        return None
    return base64.urlsafe_b64encode(json.dumps(last_key, separators=(",", ":")).encode()).decode()


class BadCursor(ValueError):
    pass


def decode_cursor(cursor: str | None) -> dict | None:
    if not cursor:
        return None
    try:
        value = json.loads(base64.urlsafe_b64decode(cursor.encode() + b"=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BadCursor(str(exc)) from None
    if not isinstance(value, dict):
        raise BadCursor("cursor is not a key")
    return value


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


def technician_jobs(username: str) -> str:
    return f"TECH#{username}"


def customer_orders(customer_id: str) -> str:
    return f"CUST#{customer_id}"


def equipment_orders(equipment_id: str) -> str:
    return f"EQUIP#{equipment_id}"


def order_number_key(number: str) -> str:
    return f"ORDERNO#{number}"
