"""Cursor pagination of list requests: the page size and reading one page from a cursor."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.store import keys
from chalicelib.store.keys import BadCursor
from chalicelib.store.orders import Page

from .errors import ValidationFailed

DEFAULT_LIMIT, MAX_LIMIT = 20, 100


def limit_of(params: dict) -> int:
    """The `limit` parameter (1–100, default 20); 400 otherwise."""
    try:
        limit = int(params.get("limit") or DEFAULT_LIMIT)
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise ValidationFailed(fields={"limit": ("range", {"min": 1, "max": MAX_LIMIT})})
    return limit


def read_page(params: dict, read: Callable[[dict | None], Page], view: Callable) -> dict:
    """One page from the request's cursor, as `{"items", "next_cursor"}`; 400 for a bad cursor."""
    try:
        page = read(keys.decode_cursor(params.get("cursor")))
    except BadCursor:
        raise ValidationFailed(fields={"cursor": ("invalid", {})}) from None
    return {"items": [view(item) for item in page.items],
            "next_cursor": keys.encode_cursor(page.last_key)}
