"""Cursor pagination of list requests: the page size, and sealed cursors.

A cursor is DynamoDB's LastEvaluatedKey encrypted and authenticated (AES-GCM) with a key the
app keeps in its table, bound to the caller and the query as associated data: it reveals no
key, id or outlet, and a tampered cursor, one made for another user or for another filter is
refused with 400. (Before, a cursor was the raw key in base64: it leaked ids of orders the
caller could not see and a forged one reached DynamoDB as an ExclusiveStartKey.)
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.store import app_keys, keys
from chalicelib.kernel.store.base import Page

DEFAULT_LIMIT, MAX_LIMIT = 20, 100
CURSOR_VERSION = b"\x01"
UNBOUND = ("cursor", "limit")  # parameters that may change from one page to the next
_aead = None


def limit_of(params: dict) -> int:
    """The `limit` parameter (1–100, default 20); 400 otherwise."""
    try:
        limit = int(params.get("limit") or DEFAULT_LIMIT)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(fields={"limit": ("range", {"min": 1, "max": MAX_LIMIT})})
    return limit


def _cipher():
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    global _aead
    if _aead is None:
        _aead = AESGCM(app_keys.get_or_create("cursor"))
    return _aead


def _binding(listing: str, actor: Actor, params: dict) -> bytes:
    query = {k: v for k, v in sorted(params.items()) if k not in UNBOUND}
    return json.dumps([listing, actor.username, actor.role, actor.outlet, query],
                      separators=(",", ":"), ensure_ascii=False).encode()


def seal(listing: str, actor: Actor, params: dict, last_key: dict | None) -> str | None:
    if not last_key:
        return None
    nonce = os.urandom(12)
    plain = json.dumps(last_key, separators=(",", ":")).encode()
    sealed = _cipher().encrypt(nonce, plain, _binding(listing, actor, params))
    return base64.urlsafe_b64encode(CURSOR_VERSION + nonce + sealed).rstrip(b"=").decode()


def unseal(listing: str, actor: Actor, params: dict, cursor: str | None) -> dict | None:
    """The key a cursor stands for; 400 naming `cursor` for anything not sealed for this
    list, this caller and this query."""
    if not cursor:
        return None
    from cryptography.exceptions import InvalidTag

    try:
        raw = base64.urlsafe_b64decode(cursor.encode("ascii") + b"=" * (-len(cursor) % 4))
        if raw[:1] != CURSOR_VERSION or len(raw) < 1 + 12 + 16:
            raise ValueError("not a cursor")
        key = json.loads(_cipher().decrypt(raw[1:13], raw[13:], _binding(listing, actor, params)))
    except (ValueError, UnicodeError, InvalidTag):
        raise ValidationFailed(fields={"cursor": ("invalid", {})}) from None
    if not isinstance(key, dict):
        raise ValidationFailed(fields={"cursor": ("invalid", {})})
    return key


def read_page(listing: str, actor: Actor, params: dict, read: Callable[[dict | None], Page],
              view: Callable) -> dict:
    """One page of `listing` from the request's cursor, as `{"items", "next_cursor"}`; 400 for
    a bad cursor."""
    try:
        page = read(unseal(listing, actor, params, params.get("cursor")))
    except keys.BadCursor:
        raise ValidationFailed(fields={"cursor": ("invalid", {})}) from None
    return {"items": [view(item) for item in page.items],
            "next_cursor": seal(listing, actor, params, page.last_key)}
