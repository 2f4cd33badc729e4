"""CompressedJSONAttribute (chalicelib/kernel/store/attributes.py): the value a Utf8JSONAttribute
holds, stored as a Binary of its zlib-compressed UTF-8 JSON; the JSON String earlier releases
stored for the same attribute still reads (issue 19: the order's `steps` and `clocks`, rewritten
by every action, billed by their size)."""

from __future__ import annotations

import json
import zlib

import pytest
from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import AttributeDeserializationError
from pynamodb.models import Model

from chalicelib.kernel.store.attributes import (
    CompressedJSONAttribute,
    Utf8JSONAttribute,
    utf8_json,
)

STEPS = {  # what an order's steps look like half-way: Chinese text, repeated keys and times
    "dispatch": {"technician": "sz_tech1", "technician_name": "张伟", "helpers": ["sz_tech2"],
                 "by": "sz_manager", "at": "2026-01-01T08:10:00.000Z"},
    "contact": {"contacted_at": "2026-01-01T08:20:00.000Z", "visit_at": "2026-01-01T10:00:00Z",
                "by": "sz_tech1", "at": "2026-01-01T08:20:00.000Z"},
    "survey": {"findings": "压缩机不启动", "cause": "接触器烧蚀", "impact": "一号车间停产",
               "by": "sz_tech1", "at": "2026-01-01T09:30:00.000Z"},
}


class Shape(Model):
    """A model of its own (not an Item: no table is touched, no area's schema grows)."""

    class Meta:
        table_name = "compressed-json-unit"
        region = "ap-east-1"

    pk = UnicodeAttribute(hash_key=True)
    steps = CompressedJSONAttribute(default=dict)
    hold = CompressedJSONAttribute(null=True)


def test_it_stores_a_binary_of_the_compressed_utf8_json_text():
    attribute = CompressedJSONAttribute()
    stored = attribute.serialize(STEPS)
    assert attribute.attr_type == "B" and isinstance(stored, bytes)
    text = zlib.decompress(stored).decode("utf-8")
    assert text == utf8_json(STEPS) == Utf8JSONAttribute().serialize(STEPS)
    assert "压缩机不启动" in text and "\\u" not in text  # UTF-8, not 6-byte escapes
    assert len(stored) < len(text.encode("utf-8")) * 0.7  # what it is for


def test_a_compressed_value_reads_back_equal_non_ascii_text_included():
    attribute = CompressedJSONAttribute()
    for value in (STEPS, [1, "二", {"三": [None, True, 2.5]}], {"name": "陈先生 😀"}, {}, []):
        assert attribute.deserialize(attribute.get_value({"B": attribute.serialize(value)})) \
            == value


def test_the_plain_json_string_of_earlier_releases_reads_as_the_same_value():
    attribute = CompressedJSONAttribute()
    for legacy in (Utf8JSONAttribute().serialize(STEPS),  # the last release: UTF-8
                   json.dumps(STEPS)):  # PynamoDB's JSONAttribute: \uXXXX escapes, spaces
        assert attribute.deserialize(attribute.get_value({"S": legacy})) == STEPS


def test_a_stored_type_neither_binary_nor_string_is_refused_as_pynamodb_refuses_it():
    with pytest.raises(AttributeDeserializationError):
        CompressedJSONAttribute().get_value({"N": "1"})


def test_an_item_reads_the_binary_and_the_legacy_string_alike():
    compressed = Shape.from_raw_data({"pk": {"S": "a"},
                                      "steps": {"B": CompressedJSONAttribute().serialize(STEPS)}})
    legacy = Shape.from_raw_data({"pk": {"S": "a"}, "steps": {"S": utf8_json(STEPS)}})
    assert compressed.steps == legacy.steps == STEPS


def test_none_and_empty_values_are_handled_as_utf8_json_attribute_handles_them():
    compressed, utf8 = CompressedJSONAttribute(), Utf8JSONAttribute()
    assert compressed.serialize(None) is None and utf8.serialize(None) is None  # not written
    for empty in ({}, []):  # stored (not dropped), and read back as stored
        assert zlib.decompress(compressed.serialize(empty)).decode() == utf8.serialize(empty)
        assert compressed.deserialize(compressed.serialize(empty)) == empty
    absent = Shape.from_raw_data({"pk": {"S": "a"}})
    null = Shape.from_raw_data({"pk": {"S": "a"}, "steps": {"NULL": True},
                                "hold": {"NULL": True}})
    assert absent.steps == null.steps == {} and absent.hold is None and null.hold is None
    saved = Shape(pk="a", hold=None)._container_serialize()
    assert "hold" not in saved and zlib.decompress(saved["steps"]["B"]) == b"{}"


def test_an_update_action_setting_it_writes_the_compressed_binary():
    placeholders: dict = {}
    values: dict = {}
    Shape.steps.set(STEPS).serialize(placeholders, values)
    [(_, written)] = values.items()
    assert list(written) == ["B"]
    assert json.loads(zlib.decompress(written["B"])) == STEPS


def test_the_orders_steps_and_clocks_are_stored_compressed():
    from chalicelib.modules.orders.models import WorkOrder

    attributes = WorkOrder.get_attributes()
    assert isinstance(attributes["steps"], CompressedJSONAttribute)
    assert isinstance(attributes["clocks"], CompressedJSONAttribute)
    assert attributes["steps"].default is dict and attributes["clocks"].default is dict
