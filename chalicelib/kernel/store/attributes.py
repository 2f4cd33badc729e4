"""Attributes the areas' models share (docs/architecture.md "Data": JSON is stored as UTF-8)."""

from __future__ import annotations

import json

from pynamodb.attributes import JSONAttribute


def utf8_json(value) -> str:
    """`value` as Utf8JSONAttribute stores it: what its size is counted on."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Utf8JSONAttribute(JSONAttribute):
    """JSON kept as UTF-8 without spaces (a Chinese name costs its 3 bytes, not a 6-byte
    escape): what an item is billed for, and what counts against its 400 KB. Reads what
    PynamoDB's JSONAttribute wrote (escaped JSON is JSON)."""

    def serialize(self, value) -> str | None:
        if value is None:
            return None
        return utf8_json(value)
