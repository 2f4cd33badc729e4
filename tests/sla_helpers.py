"""Controlled time for SLA tests: every write of the app and the sweep see the chosen 'now'."""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from chalicelib.kernel.store import keys

SH = ZoneInfo("Asia/Shanghai")


def shanghai(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SH)


@contextlib.contextmanager
def frozen(moment: datetime):
    keys.set_clock(lambda: moment)
    try:
        yield moment
    finally:
        keys.set_clock(None)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)
