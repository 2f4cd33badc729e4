"""Idempotency-Key on creates: a retried request returns what the first one created and never
makes a duplicate (a phone on a flaky connection retries)."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable

from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import IdempotencyConflict, StaleVersion
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.store.models import IdempotencyRecord

TTL_SECONDS = 24 * 3600  # how long a key is remembered


def request_hash(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def earlier(actor: Actor, key: str | None, payload: dict) -> str | None:
    """The id of what a request with this key already created, or None; 409 when the key was
    used for a different request."""
    if not key:
        return None
    record = get_idempotency(actor.username, key)
    if record is None:
        return None
    if record.request_hash != request_hash(payload):
        raise IdempotencyConflict()
    return record.resource_id


def new_record(actor: Actor, key: str | None, payload: dict, resource: str,
               resource_id: str) -> IdempotencyRecord | None:
    """The record to write in the same transaction as the create (None without a key)."""
    if not key:
        return None
    return new_idempotency(actor.username, key, request_hash(payload), resource,
                                 resource_id, int(time.time()) + TTL_SECONDS)


def created_once(actor: Actor, key: str | None, payload: dict,
                 write: Callable[[], None]) -> str | None:
    """Run `write`, the create's transaction (its `new_record` among the entries, with a
    numbered create's counter). None when it wrote; the id of what a concurrent retry with
    the same key created first when that retry's transaction won (answer that one). Another
    entry's refusal is 409 stale_version; the key taken by another request (AlreadyExists)
    409 idempotency_conflict."""
    try:
        write()
    except VersionConflict:
        won = earlier(actor, key, payload)
        if won:
            return won
        raise StaleVersion() from None
    except AlreadyExists:
        raise IdempotencyConflict() from None
    return None


def get_idempotency(username: str, key: str) -> IdempotencyRecord | None:
    try:
        return IdempotencyRecord.get(f"IDEM#{username}#{key}", "IDEM", consistent_read=True)
    except DoesNotExist:
        return None


def new_idempotency(username: str, key: str, request_hash: str, resource: str,
                    resource_id: str, expires_at: int) -> IdempotencyRecord:
    return IdempotencyRecord(f"IDEM#{username}#{key}", "IDEM", request_hash=request_hash,
                             resource=resource, resource_id=resource_id, expires_at=expires_at)
