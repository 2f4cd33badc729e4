"""The demo's past: what the seed does "at" a moment, the app's clock set back to it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from chalicelib.kernel.store import keys


@contextmanager
def at(moment: datetime) -> Iterator[datetime]:
    keys.set_clock(lambda: moment)
    try:
        yield moment
    finally:
        keys.set_clock(None)
