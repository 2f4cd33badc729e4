"""The local stack's moto answers queries from the queried partition (infra/local/moto_stack.py
`_fast_queries`): the same items in the same order as DynamoDB's rules give, pages included."""

from __future__ import annotations

import random

import boto3
import pytest

from infra.local.moto_stack import MotoServer


@pytest.fixture(scope="module")
def table():
    server = MotoServer().start()
    ddb = boto3.client("dynamodb", endpoint_url=server.url, region_name="ap-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    ddb.create_table(
        TableName="q", BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": a, "AttributeType": "S"}
                              for a in ("pk", "sk", "gpk", "gsk")],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"},
                   {"AttributeName": "sk", "KeyType": "RANGE"}],
        GlobalSecondaryIndexes=[{"IndexName": "gsi1", "Projection": {"ProjectionType": "ALL"},
                                 "KeySchema": [{"AttributeName": "gpk", "KeyType": "HASH"},
                                               {"AttributeName": "gsk", "KeyType": "RANGE"}]}])
    shuffled = random.Random(7)
    rows = []
    for n in shuffled.sample(range(600), 600):  # written in no particular order
        row = {"pk": f"P#{n % 40}", "sk": f"S#{n:04d}", "n": n}
        if n % 3:  # a sparse index; equal index sort keys are ordered by the table's keys
            row |= {"gpk": f"G#{n % 5}", "gsk": f"{n % 17:02d}"}
        rows.append(row)
        item = {k: ({"N": str(v)} if k == "n" else {"S": v}) for k, v in row.items()}
        ddb.put_item(TableName="q", Item=item)
    yield ddb, rows
    server.stop()


def pages(ddb, **query) -> list[list[int]]:
    out, start = [], None
    while True:
        reply = ddb.query(TableName="q", Limit=7, **query,
                          **({"ExclusiveStartKey": start} if start else {}))
        out.append([int(i["n"]["N"]) for i in reply["Items"]])
        start = reply.get("LastEvaluatedKey")
        if not start:
            return out


def test_a_partition_reads_in_sort_key_order_both_ways_and_by_pages(table):
    ddb, rows = table
    want = [r["n"] for r in sorted((r for r in rows if r["pk"] == "P#13"), key=lambda r: r["sk"])]
    values = {":p": {"S": "P#13"}}
    forward = pages(ddb, KeyConditionExpression="pk = :p", ExpressionAttributeValues=values)
    backward = pages(ddb, KeyConditionExpression="pk = :p", ExpressionAttributeValues=values,
                     ScanIndexForward=False)
    assert sum(forward, []) == want and sum(backward, []) == want[::-1]
    assert len(forward) > 1
    missing = ddb.query(TableName="q", KeyConditionExpression="pk = :p",
                        ExpressionAttributeValues={":p": {"S": "P#none"}})
    assert missing["Items"] == []


def test_an_index_reads_its_entries_only_in_index_then_table_key_order(table):
    ddb, rows = table
    entries = sorted((r for r in rows if r.get("gpk") == "G#2" and "03" <= r["gsk"] <= "11"),
                     key=lambda r: (r["gsk"], r["pk"], r["sk"]))
    values = {":p": {"S": "G#2"}, ":a": {"S": "03"}, ":b": {"S": "11"}}
    got = pages(ddb, IndexName="gsi1", ExpressionAttributeValues=values,
                KeyConditionExpression="gpk = :p AND gsk BETWEEN :a AND :b",
                ScanIndexForward=False)
    assert sum(got, []) == [r["n"] for r in entries][::-1]
    assert len(got) > 1
