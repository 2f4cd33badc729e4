"""Keys the app makes for itself on first use and keeps in the table (no extra AWS service)."""

from __future__ import annotations

import os

from pynamodb.exceptions import DoesNotExist, PutError

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import AppKey


def get_or_create(purpose: str, size: int = 32) -> bytes:
    """The key for `purpose`: created once (a conditional put decides between racing first
    users), then read with a consistent GetItem."""
    pk = f"KEY#{purpose}"
    try:
        return bytes.fromhex(AppKey.get(pk, "KEY", consistent_read=True).secret)
    except DoesNotExist:
        pass
    candidate = AppKey(pk, "KEY", secret=os.urandom(size).hex(), created_at=keys.iso(keys.utc_now()))
    try:
        candidate.save(condition=AppKey.pk.does_not_exist())
    except PutError:
        pass  # another container made it first: theirs is the key
    return bytes.fromhex(AppKey.get(pk, "KEY", consistent_read=True).secret)
