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
    model_indexes = {name for name in vars(Item) if name.startswith("gsi") and name[3:].isdigit()}
    assert model_indexes == {i.name for i in resources.MAIN_TABLE.indexes}


def test_bootstrapped_table_matches_the_definition(stack):
    import boto3

    ddb = boto3.client("dynamodb", endpoint_url=stack["AWS_ENDPOINT_URL"],
                       region_name=stack["AWS_REGION"])
    described = ddb.describe_table(TableName=stack["FUWU_TABLE"])["Table"]
    assert {i["IndexName"] for i in described["GlobalSecondaryIndexes"]} == {
        i.name for i in resources.MAIN_TABLE.indexes}


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
