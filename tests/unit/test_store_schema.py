"""The PynamoDB models and the one resource definition in infra/ agree on keys and indexes."""

from chalicelib.kernel.store.models import Item
from infra import resources


def test_models_use_the_table_keys_defined_in_infra():
    table = resources.MAIN_TABLE
    attributes = Item.get_attributes()
    assert attributes["pk"].is_hash_key and table.hash_key == "pk"
    assert attributes["sk"].is_range_key and table.range_key == "sk"


def test_every_index_in_infra_is_queryable_through_the_models_with_the_same_keys():
    for index in resources.MAIN_TABLE.indexes:
        model_index = getattr(Item, index.name)
        assert model_index.Meta.index_name == index.name
        keys = {a.attr_name: a for a in model_index.Meta.attributes.values()}
        assert keys[index.hash_key].is_hash_key and keys[index.range_key].is_range_key
    model_indexes = {name for name in vars(Item)
                     if name.rstrip("0123456789") in ("gsi", "orders") and name[-1].isdigit()}
    assert model_indexes == {i.name for i in resources.MAIN_TABLE.indexes}


def test_bootstrapped_table_matches_the_definition(stack):
    import boto3

    ddb = boto3.client("dynamodb", endpoint_url=stack["AWS_ENDPOINT_URL"],
                       region_name=stack["AWS_REGION"])
    described = ddb.describe_table(TableName=stack["FUWU_TABLE"])["Table"]
    assert {i["IndexName"]: i["Projection"] for i in described["GlobalSecondaryIndexes"]} == {
        i.name: i.projection_spec() for i in resources.MAIN_TABLE.indexes}
    assert {i["IndexName"]: [k["AttributeName"] for k in i["KeySchema"]]
            for i in described["GlobalSecondaryIndexes"]} == {
        i.name: [i.hash_key, i.range_key] for i in resources.MAIN_TABLE.indexes}
    # derived from the indexes (bootstrap: `attribute_names`), each once: `osk` serves five
    defined = [a["AttributeName"] for a in described["AttributeDefinitions"]]
    assert sorted(defined) == sorted(resources.MAIN_TABLE.attribute_names())
    assert defined.count("osk") == 1


def test_the_orders_stamp_sorted_indexes_share_one_sort_key_osk():
    """An order's stamp <created_at>#<id> sorts five of its indexes (by date, by state, a
    customer's, a unit's, the network's): the item carries it once, as `osk`, not once per
    index (issue 19: ~250 B of every write of the order); orders3 (OPEN#/DONE#) and orders6
    (the number) keep their own."""
    from chalicelib.modules.orders import store

    by_name = {i.name: i for i in resources.ORDER_INDEXES}
    assert {name: i.range_key for name, i in by_name.items()} == {
        "orders1": "osk", "orders2": "osk", "orders3": "o3sk", "orders4": "osk",
        "orders5": "osk", "orders6": "o6sk", "orders7": "osk"}
    for n in range(1, 8):  # the store's names are the definition's
        index = by_name[f"orders{n}"]
        assert store.own_key_names(n) == (index.hash_key, index.range_key)
    assert set(store.OWN_KEY_ATTRIBUTES) == {k for i in resources.ORDER_INDEXES
                                             for k in (i.hash_key, i.range_key)}
    attributes = Item.get_attributes()
    assert "osk" in attributes
    assert not {"o1sk", "o2sk", "o4sk", "o5sk", "o7sk"} & set(attributes)
    assert resources.MAIN_TABLE.attribute_names().count("osk") == 1


def test_no_code_path_scans_the_table():
    """Every read is a key or index query; a Scan would grow with the table."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for folder in ("chalicelib", "infra", "app.py"):
        paths = [root / folder] if folder.endswith(".py") else (root / folder).rglob("*.py")
        for path in paths:
            text = path.read_text()
            if re.search(r"\.scan\(|\bScan\b", text):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def test_every_json_attribute_is_stored_as_utf8():
    """PynamoDB's JSONAttribute writes Chinese as 6-byte `\\uXXXX` escapes: an item billed and
    counted against its 400 KB for twice its text (docs/data-model.md "Compact items"). Every
    JSON attribute stores the compact UTF-8 text (`utf8_json`), as such or zlib-compressed."""
    import zlib

    from pynamodb.attributes import JSONAttribute

    import app  # noqa: F401  (every area's models registered)
    from chalicelib.kernel.store.attributes import (
        CompressedJSONAttribute,
        Utf8JSONAttribute,
        utf8_json,
    )

    found = {f"{model.__name__}.{name}": attribute
             for model in _subclasses(Item)
             for name, attribute in model.get_attributes().items()
             if isinstance(attribute, (JSONAttribute, CompressedJSONAttribute))}
    escaped = sorted(name for name, attribute in found.items()
                     if not isinstance(attribute, (Utf8JSONAttribute, CompressedJSONAttribute)))
    assert escaped == []
    value = {"name": "张伟", "steps": [{"at": "2026-01-01T08:00:00Z", "note": "接触器烧蚀"}]}
    for name, attribute in found.items():
        stored = attribute.serialize(value)
        text = zlib.decompress(stored).decode("utf-8") \
            if isinstance(attribute, CompressedJSONAttribute) else stored
        assert text == utf8_json(value), name
    assert len(list(_subclasses(Item))) > 40


def test_the_indexes_project_at_most_the_hundred_attributes_dynamodb_allows():
    """DynamoDB refuses a table whose INCLUDE projections name more than 100 attributes in all
    (each index counted); the orders' list rows are chosen within it."""
    projected = sum(len(i.non_key_attributes) for i in resources.MAIN_TABLE.indexes)
    assert 0 < projected <= 100
    included = {i.name for i in resources.MAIN_TABLE.indexes if i.projection == "INCLUDE"}
    assert {"orders1", "orders2", "orders3", "orders7"} <= included


def test_a_stage_builds_the_orders_indexes_one_deploy_at_a_time():
    """CloudFormation adds one index to a table per update: `-c order_indexes_built=N` keeps the
    orders' indexes past the N-th out of the template (docs/deploy.md "Data migrations")."""
    from infra.cdk.config import stage_config
    from infra.cdk.stack import FuwuStack

    config = stage_config("prod", order_indexes="migrating", order_indexes_built="2")
    assert config.order_indexes_built == 2 and config.order_indexes == "migrating"
    stack = type("Stub", (), {"config": config})()
    built = [i.name for i in FuwuStack._built(stack, resources.MAIN_TABLE.indexes)]
    assert built == [*(f"gsi{n}" for n in range(1, 8)), "orders1", "orders2"]


def test_the_modes_of_the_orders_storage_are_checked_where_they_are_set(monkeypatch):
    """A typo in FUWU_ORDER_INDEXES or FUWU_ORDER_CLOCKS (or their CDK context) stops the app
    and the synth instead of reading or writing the wrong shape."""
    import pytest

    from chalicelib.kernel import config
    from infra.cdk.config import stage_config

    assert stage_config("prod", order_clocks="whole").order_clocks == "whole"
    with pytest.raises(SystemExit, match="order_clocks='halved'"):
        stage_config("prod", order_clocks="halved")
    for name, value in (("FUWU_ORDER_CLOCKS", "Whole "), ("FUWU_ORDER_INDEXES", "Both")):
        monkeypatch.setenv(name, value)
    config.settings.cache_clear()
    try:
        assert (config.settings().order_clocks, config.settings().order_indexes) == ("whole", "both")
        monkeypatch.setenv("FUWU_ORDER_CLOCKS", "halved")
        config.settings.cache_clear()
        with pytest.raises(ValueError, match="FUWU_ORDER_CLOCKS='halved': one of compact, whole"):
            config.settings()
    finally:
        monkeypatch.undo()
        config.settings.cache_clear()


def test_the_lists_read_by_key_are_those_whose_index_carries_keys_only():
    """orders/store.py reads a page of orders4 or orders5 as keys, then the orders: exactly the
    list indexes infra/resources.py projects keys (and the kind) only (orders6, the number's,
    is read by key on its own path)."""
    from chalicelib.modules.orders import store as order_store
    from infra.resources import KEYS_AND_KIND, ORDER_INDEXES

    keys_only = {n for n, index in enumerate(ORDER_INDEXES, start=1)
                 if index.non_key_attributes == KEYS_AND_KIND}
    assert keys_only - {6} == set(order_store.BY_KEY)
