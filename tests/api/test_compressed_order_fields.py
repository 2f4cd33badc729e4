"""The work order's `steps` and `clocks`, half of the item every action rewrites, are stored as a
Binary of their zlib-compressed UTF-8 JSON (issue 19; docs/data-model.md "Compact items"). An
order stored by an earlier release, with both as plain JSON strings, reads the same and its next
action stores them compressed."""

from __future__ import annotations

import json
import zlib

import boto3
import pytest

from chalicelib.kernel.store.attributes import utf8_json
from chalicelib.modules.orders import store
from tests.conftest import STEP_DATA


@pytest.fixture
def ddb(stack):
    return boto3.client("dynamodb", endpoint_url=stack["AWS_ENDPOINT_URL"],
                        region_name=stack["AWS_REGION"])


def _key(order_id: str) -> dict:
    return {"pk": {"S": f"ORDER#{order_id}"}, "sk": {"S": "ORDER"}}


def _raw(ddb, stack, order_id: str) -> dict:
    return ddb.get_item(TableName=stack["FUWU_TABLE"], Key=_key(order_id),
                        ConsistentRead=True)["Item"]


def _text(stored: dict) -> str:
    """The JSON text a compressed attribute stored (it must be a Binary)."""
    assert list(stored) == ["B"], stored
    return zlib.decompress(stored["B"]).decode("utf-8")


def _detail(api, order: dict) -> dict:
    reply = api.get(f"/api/work-orders/{order['id']}", "sz_manager")
    assert reply.status == 200, reply.body
    return reply.body


def test_a_new_orders_steps_and_clocks_are_stored_as_binary(api, new_order, ddb, stack):
    order = new_order()
    item = _raw(ddb, stack, order["id"])
    assert json.loads(_text(item["steps"])) == {}
    clocks = json.loads(_text(item["clocks"]))
    assert clocks and clocks == store.get_order(order["id"]).clocks


def test_an_orders_steps_and_clocks_are_stored_compressed_and_read_back_equal(
        api, new_order, walk, ddb, stack):
    order = walk(new_order(), ["dispatch", "contact", "check_in", "survey"])
    item = _raw(ddb, stack, order["id"])
    steps, clocks = _text(item["steps"]), _text(item["clocks"])
    assert "压缩机不启动" in steps and "\\u" not in steps  # the UTF-8 text, compressed
    stored = store.get_order(order["id"])
    assert json.loads(steps) == stored.steps and json.loads(clocks) == stored.clocks
    assert steps == utf8_json(stored.steps) and clocks == utf8_json(stored.clocks)
    assert len(item["steps"]["B"]) < len(steps.encode("utf-8"))
    assert len(item["clocks"]["B"]) < len(clocks.encode("utf-8"))
    shown = _detail(api, order)
    assert {k: shown["survey"][k] for k in STEP_DATA["survey"]} == STEP_DATA["survey"]
    for field in ("dispatch", "contact", "arrival", "survey", "clocks"):
        assert shown[field] == order[field]  # as the action that wrote them answered


def test_an_order_stored_with_plain_json_steps_and_clocks_reads_the_same_and_its_next_action_compresses_them(  # noqa: E501
        api, new_order, walk, ddb, stack):
    order = walk(new_order(), ["dispatch", "contact", "check_in", "survey"])
    shown = _detail(api, order)
    before = store.get_order(order["id"])
    # as releases before issue 19 stored them: the steps as Utf8JSONAttribute wrote them, the
    # clocks as PynamoDB's JSONAttribute did (\uXXXX escapes, spaces)
    item = _raw(ddb, stack, order["id"])
    item["steps"] = {"S": utf8_json(before.steps)}
    item["clocks"] = {"S": json.dumps(before.clocks)}
    ddb.put_item(TableName=stack["FUWU_TABLE"], Item=item)
    assert "S" in _raw(ddb, stack, order["id"])["steps"]

    again = _detail(api, order)
    assert again == shown  # the same order, clocks and steps, Chinese text included
    legacy = store.get_order(order["id"])
    assert legacy.steps == before.steps and legacy.clocks == before.clocks

    reply = api.act(again, "submit_plan", "sz_tech1", STEP_DATA["submit_plan"])
    assert reply.status == 200, reply.body
    item = _raw(ddb, stack, order["id"])
    steps = json.loads(_text(item["steps"]))  # written compressed by the action
    clocks = json.loads(_text(item["clocks"]))
    assert steps["survey"] == before.steps["survey"]  # kept, Chinese text included
    assert steps["plan"]["measures"] == STEP_DATA["submit_plan"]["measures"]
    after = store.get_order(order["id"])
    assert after.steps == steps and after.clocks == clocks
    assert _detail(api, order)["survey"] == shown["survey"]
