"""Attributes the areas' models share (docs/architecture.md "Data": JSON is stored as UTF-8)."""

from __future__ import annotations

import json
import zlib
from typing import Any

from pynamodb.attributes import Attribute, JSONAttribute
from pynamodb.constants import BINARY, STRING
from pynamodb.exceptions import AttributeDeserializationError


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


class CompressedJSONAttribute(Attribute[Any]):
    """The value of a Utf8JSONAttribute (its `utf8_json` text), zlib-compressed and stored as a
    Binary: for a large JSON value on an item every action rewrites (the order's `steps` and
    `clocks`), billed by its size (docs/data-model.md "Compact items"; AWS's DynamoDB best
    practices: compress large attribute values).

    Reads both forms: the Binary it writes, and the JSON String (`S`) that a Utf8JSONAttribute
    or a JSONAttribute wrote for the same attribute in earlier releases; the next write of the
    item stores it compressed. PynamoDB reads a stored value through `get_value`, which by
    default raises AttributeDeserializationError when the stored type is not `attr_type`
    (Binary): this one also takes a String and hands it to `deserialize` as `str`.

    Update and condition expressions (`Model.steps.set(value)`) serialize through `serialize`
    too (a Binary); an expression comparing with the stored value matches only the stored form.
    """

    attr_type = BINARY
    level = 9  # ~2x on the order's steps, ~4x on its clocks; the values are a few KB at most

    def serialize(self, value: Any) -> bytes | None:
        if value is None:
            return None
        return zlib.compress(utf8_json(value).encode("utf-8"), self.level)

    def get_value(self, value: dict[str, Any]) -> bytes | str:
        if BINARY in value:
            return value[BINARY]
        if STRING in value:
            return value[STRING]  # JSON text, as an earlier release stored it
        raise AttributeDeserializationError(self.attr_name, self.attr_type)

    def deserialize(self, value: bytes | str) -> Any:
        if isinstance(value, str):
            return json.loads(value, strict=False)
        return json.loads(zlib.decompress(value).decode("utf-8"), strict=False)
