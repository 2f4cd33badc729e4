"""What a work order costs on AWS, from every request the app makes (issue 19, check 1).

One order is walked through the API from create to archive the way the portal and the phone do
it — dispatch, contact, check-in, a hold and its resume, survey, plan, approval, three photos
through the evidence flow (the slot, the browser's presigned POST to S3, the confirm, and the S3
event's Lambda as AWS would invoke it), completion, the customer's objection and the rework,
completion again, acceptance with the customer's signature (which issues the service report),
the return visit and the archive — and every AWS request botocore sends meanwhile is captured
through `harness.watching_sends`. moto's consumed capacity is a placeholder, so the capacity
units are computed here from the items' sizes by DynamoDB's published rules:

- item size: attribute names + values (`item_size`, the rules of
  https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html);
- a write: ceil(size / 1 KB) write units per item, the larger of the item before and after (a
  delete: the item before), ×2 inside TransactWriteItems (a ConditionCheck is counted as a
  transactional write of the item it checks); plus, for each global secondary index the write
  touches, the index entry (the projection `infra/resources.py` gives the index) at 1 unit per
  KB: a put into the index, a delete and a put when its keys change, one write when a projected
  attribute changes, nothing when the item is in the index neither before nor after
  (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes;
  index updates are propagated after a transaction commits, so they are standard writes);
- a read: 4 KB per read unit, ×0.5 when eventually consistent (every index query is); a Query
  sums the sizes of the items it read (its ScannedCount, whatever a filter or a projection
  expression returned) and rounds up once; GetItem, and each item of a BatchGetItem, rounds up
  per item; TransactGetItems ×2
  (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).

The images before and after each write, and the items a Query read, come from a copy of the
table this script keeps itself: a Scan of moto before each measured part and a consistent
GetItem of every key right after each write, made with the app's botocore but left out of the
counts (they are the bench's, not the app's).

Then a list page (20 orders of the outlet, walked part way), a customer's orders (read by key)
and the archived order's detail, and the monthly bill of a stated scenario with the price table
it used. The prices are printed with their region and source; the bench machine has no network,
so they were not read live: check them in the AWS Pricing Calculator before relying on the bill.
Nothing is asserted.

Run from the repository root: python -m bench.cost [--orders 5000 --staff 200 ...]
"""

from __future__ import annotations

import argparse
import ast
import base64
import contextlib
import io
import json
import math
import re
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from bench import harness

# ---------------------------------------------------------------- the scenario's figures

# API calls a signed-in portal makes by itself per staff-hour while visible (the unread count at
# most every 5 minutes, and the session refresh), each priced as the unread-count call.
BACKGROUND_CALLS_PER_STAFF_HOUR = 13  # measured by bench/polling.py (73 before issue 19)
# Reads of the screens per order over its life (an assumption, not measured): the order's page
# opened by the agent, the manager and the technician a few times each, and the list pages it
# is looked for in.
DETAIL_VIEWS_PER_ORDER = 10
LIST_PAGES_PER_ORDER = 5
PHOTO_MB = 3.0  # what a phone's photo weighs (the SPA uploads it as taken); the bench's is smaller
# Lambda's billed time, modelled (moto cannot say): the handler's CPU time measured here, scaled
# by the vCPU share of the function's memory (1,769 MB = one vCPU,
# https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html), plus a round trip per
# AWS request; and the lines Lambda itself writes to the log (START, END, REPORT).
LAMBDA_MB_PER_VCPU = 1769
ROUND_TRIP_MS = {"dynamodb": 6, "s3": 25, "email": 40, "sqs": 15}
LAMBDA_PLATFORM_LOG_BYTES = 300
SWEEPS_PER_MONTH = 12 * 24 * 30  # the SLA sweep every 5 minutes (infra/resources.py SCHEDULES)
SPA_REQUESTS_PER_SESSION = 15  # CloudFront: the portal's files per page load (mostly cached)
SPA_KB_PER_SESSION = 250  # brotli (bench/README.md, first load)

# ---------------------------------------------------------------- prices (one place)

REGION = "ap-east-1"  # infra/cdk/config.py (the stages' region); SES in ap-southeast-1
PRICES_READ = ("not read live: the bench machine has no network. AWS list prices as the author "
               "knew them (2025); check https://calculator.aws before relying on the bill")


@dataclass(frozen=True)
class Price:
    usd: float
    unit: str
    source: str
    free: float = 0.0  # always-free tier per month in `unit`s (12-month free tiers not applied)


PRICES = {
    "dynamodb_write": Price(0.7813, "million write request units",
                            "https://aws.amazon.com/dynamodb/pricing/on-demand/"),
    "dynamodb_read": Price(0.1563, "million read request units",
                           "https://aws.amazon.com/dynamodb/pricing/on-demand/"),
    "dynamodb_storage": Price(0.3125, "GB-month", "https://aws.amazon.com/dynamodb/pricing/on-demand/",
                              free=25),
    "dynamodb_pitr": Price(0.25, "GB-month (continuous backups)",
                           "https://aws.amazon.com/dynamodb/pricing/on-demand/"),
    "lambda_requests": Price(0.28, "million requests", "https://aws.amazon.com/lambda/pricing/",
                             free=1),
    "lambda_gb_s": Price(0.0000229, "GB-second", "https://aws.amazon.com/lambda/pricing/",
                         free=400_000),
    "apigw_rest": Price(4.25, "million REST requests", "https://aws.amazon.com/api-gateway/pricing/"),
    "s3_put": Price(0.0055, "1,000 PUT/COPY/POST/LIST", "https://aws.amazon.com/s3/pricing/"),
    "s3_get": Price(0.00044, "1,000 GET/HEAD", "https://aws.amazon.com/s3/pricing/"),
    "s3_storage": Price(0.025, "GB-month (Standard)", "https://aws.amazon.com/s3/pricing/"),
    "ses": Price(0.10, "1,000 mails (ap-southeast-1)", "https://aws.amazon.com/ses/pricing/"),
    "sqs": Price(0.40, "million requests", "https://aws.amazon.com/sqs/pricing/", free=1),
    "logs_ingest": Price(0.67, "GB ingested", "https://aws.amazon.com/cloudwatch/pricing/", free=5),
    "metrics": Price(0.30, "custom metric-month", "https://aws.amazon.com/cloudwatch/pricing/",
                     free=10),
    "alarms": Price(0.10, "alarm-month (standard resolution)",
                    "https://aws.amazon.com/cloudwatch/pricing/", free=10),
    "dashboards": Price(3.0, "dashboard-month", "https://aws.amazon.com/cloudwatch/pricing/",
                        free=3),
    "cognito_plus": Price(0.02, "MAU (Plus plan: threat protection; no free tier)",
                          "https://aws.amazon.com/cognito/pricing/"),
    "cognito_essentials": Price(0.015, "MAU (Essentials; 10,000 MAU free)",
                                "https://aws.amazon.com/cognito/pricing/", free=10_000),
    "cloudfront_requests": Price(0.012, "10,000 HTTPS requests (Asia)",
                                 "https://aws.amazon.com/cloudfront/pricing/", free=1000),
    "cloudfront_out": Price(0.12, "GB out (Asia)", "https://aws.amazon.com/cloudfront/pricing/",
                            free=1024),
    "waf_acl": Price(5.0, "web ACL-month", "https://aws.amazon.com/waf/pricing/"),
    "waf_rule": Price(1.0, "rule-month", "https://aws.amazon.com/waf/pricing/"),
    "waf_requests": Price(0.60, "million requests inspected", "https://aws.amazon.com/waf/pricing/"),
    "secrets": Price(0.40, "secret-month", "https://aws.amazon.com/secrets-manager/pricing/"),
}

# ---------------------------------------------------------------- item sizes


def value_size(value: dict) -> int:
    """The size of one DynamoDB attribute value (typed JSON, as on the wire), by
    https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html:
    S its UTF-8 bytes, N 1 byte per two significant digits + 1, B its raw bytes, BOOL and NULL
    1, a List or Map 3 bytes + its elements with 1 byte each (a Map's element names count too);
    sets the sum of their elements."""
    (kind, raw), = value.items()
    if kind == "S":
        return len(raw.encode())
    if kind == "N":
        return number_size(raw)
    if kind == "B":
        return len(raw) if isinstance(raw, bytes) else len(base64.b64decode(raw))
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "SS":
        return sum(len(s.encode()) for s in raw)
    if kind == "NS":
        return sum(number_size(n) for n in raw)
    if kind == "BS":
        return sum(len(base64.b64decode(b)) for b in raw)
    if kind == "L":
        return 3 + sum(value_size(v) + 1 for v in raw)
    if kind == "M":
        return 3 + sum(len(k.encode()) + value_size(v) + 1 for k, v in raw.items())
    raise ValueError(f"unknown DynamoDB type {kind}")


def number_size(raw: str) -> int:
    digits = raw.lstrip("-+").split("e")[0].split("E")[0].replace(".", "").strip("0")
    return math.ceil(max(len(digits), 1) / 2) + 1


def attribute_size(name: str, value: dict) -> int:
    return len(name.encode()) + value_size(value)


def item_size(item: dict | None) -> int:
    return sum(attribute_size(name, value) for name, value in (item or {}).items())


def write_units(size: int) -> int:
    return max(1, math.ceil(size / 1024))


def read_units(size: int) -> int:
    return max(1, math.ceil(size / 4096))


# ---------------------------------------------------------------- the indexes, from infra/resources.py


def indexes() -> tuple:
    from infra.resources import MAIN_TABLE

    return MAIN_TABLE.indexes


def projection(index) -> str:
    return getattr(index, "projection", "ALL")


def projected(item: dict | None, index) -> dict | None:
    """The item's entry in the index (None: not in it, a key attribute missing)."""
    from infra.resources import MAIN_TABLE

    if not item or index.hash_key not in item or index.range_key not in item:
        return None
    if projection(index) == "ALL":
        return item
    keep = {MAIN_TABLE.hash_key, MAIN_TABLE.range_key, index.hash_key, index.range_key}
    if projection(index) == "INCLUDE":
        keep |= set(getattr(index, "non_key_attributes", ()))
    return {name: value for name, value in item.items() if name in keep}


def index_writes(before: dict | None, after: dict | None) -> list[tuple[str, str, int, int]]:
    """What a table write costs the indexes: (index, put|delete|update, entry bytes, units)."""
    found = []
    for index in indexes():
        old, new = projected(before, index), projected(after, index)
        if old is None and new is None:
            continue
        keys = (index.hash_key, index.range_key)
        if old is None:
            found.append((index.name, "put", item_size(new), write_units(item_size(new))))
        elif new is None:
            found.append((index.name, "delete", item_size(old), write_units(item_size(old))))
        elif any(old[k] != new[k] for k in keys):
            found.append((index.name, "delete", item_size(old), write_units(item_size(old))))
            found.append((index.name, "put", item_size(new), write_units(item_size(new))))
        elif old != new:
            size = max(item_size(old), item_size(new))
            found.append((index.name, "update", size, write_units(size)))
    return found


# ---------------------------------------------------------------- what one step made


@dataclass
class Written:
    kind: str  # the item's kind (its discriminator), or its key's prefix
    op: str  # Put / Update / Delete / Check, "tx " inside a transaction
    size: int  # the bytes counted: the larger of before and after (a delete: before)
    units: int  # table write units
    index: list[tuple[str, str, int, int]]

    @property
    def index_units(self) -> int:
        return sum(units for *_, units in self.index)


@dataclass
class Read:
    op: str
    target: str  # "table" or the index's name
    items: int
    size: int
    units: float
    consistent: bool = False
    exact: bool = True  # False: sizes of what the reply carried (the copy of the table disagreed)


@dataclass
class Step:
    name: str
    user: str = ""
    api_calls: int = 0
    lambda_invocations: int = 0
    lambda_ms: float = 0.0  # modelled billed duration
    lambda_gb_s: float = 0.0
    response_bytes: int = 0
    log_bytes: int = 0
    dynamodb: list[str] = field(default_factory=list)
    written: list[Written] = field(default_factory=list)
    reads: list[Read] = field(default_factory=list)
    s3: list[tuple[str, int, bool]] = field(default_factory=list)  # (operation, bytes, browser's)
    other: list[str] = field(default_factory=list)  # service:operation
    failed: list[str] = field(default_factory=list)

    @property
    def table_units(self) -> int:
        return sum(w.units for w in self.written)

    @property
    def index_units(self) -> int:
        return sum(w.index_units for w in self.written)

    @property
    def read_units(self) -> float:
        return sum(r.units for r in self.reads)

    def aws_other(self) -> str:
        calls = [f"s3:{op}" + (" (browser)" if browser else "") for op, _b, browser in self.s3]
        return harness.summarise(calls + self.other)


class CountingSink(io.TextIOBase):
    """Where the app's log lines and EMF metric lines go while measured: their bytes are counted."""

    def __init__(self):
        self.bytes = 0

    def write(self, text: str) -> int:
        self.bytes += len(text.encode())
        return len(text)


WRITE_OPS = {"PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems", "BatchWriteItem"}


class Meter:
    """Keeps a copy of the table, and while a step is measured, what each AWS request cost."""

    def __init__(self):
        import boto3

        from chalicelib.kernel.config import settings
        from infra.resources import MAIN_TABLE

        cfg = settings()
        self.table_name = cfg.table_name
        self.hash_key, self.range_key = MAIN_TABLE.hash_key, MAIN_TABLE.range_key
        self.raw = boto3.client("dynamodb", **{**cfg.aws_kwargs, "region_name": cfg.region})
        self.shadow: dict[tuple[str, str], dict] = {}
        self.step: Step | None = None
        self.sink = CountingSink()
        self._own = False  # the bench's own requests (the copy of the table) are not counted
        self.own_cpu = 0.0  # CPU time spent in the watch (taken off the handler's)
        self.fallbacks = 0
        self.created: set[tuple[str, str]] = set()  # keys first written while measured

    # -- the copy of the table

    def key(self, item: dict) -> tuple[str, str]:
        return item[self.hash_key]["S"], item[self.range_key]["S"]

    def refresh(self) -> None:
        """The whole table again (a Scan of moto: the bench's, not the app's)."""
        self._own = True
        try:
            self.shadow.clear()
            for page in self.raw.get_paginator("scan").paginate(TableName=self.table_name):
                for item in page["Items"]:
                    self.shadow[self.key(item)] = item
        finally:
            self._own = False

    @contextlib.contextmanager
    def own(self, is_own: bool = True) -> Iterator[None]:
        """Requests inside are the bench's own, or AWS's machinery's (not billed to the app),
        unless `is_own` is False: then they count again."""
        was, self._own = self._own, is_own
        try:
            yield
        finally:
            self._own = was

    def _fetch(self, key: dict) -> dict | None:
        self._own = True
        try:
            return self.raw.get_item(TableName=self.table_name, Key=key,
                                     ConsistentRead=True).get("Item")
        finally:
            self._own = False

    def order_item(self, order_id: str) -> dict | None:
        """The order's own item (ORDER#<id>, kind work_order) as the table holds it now."""
        from chalicelib.kernel.store import keys

        pk = keys.order_pk(order_id)
        return next((item for (hash_value, _sk), item in self.shadow.items()
                     if hash_value == pk and item.get("kind", {}).get("S") == "work_order"), None)

    # -- a measured step

    @contextlib.contextmanager
    def measuring(self, name: str, user: str = "") -> Iterator[Step]:
        from chalicelib.kernel.observability import logger

        step = Step(name, user)
        self.step = step
        self.sink.bytes = 0
        logger.registered_handler.setStream(self.sink)
        devnull, harness._DEVNULL = harness._DEVNULL, self.sink  # EMF lines (stdout) too
        try:
            with harness.watching_sends(self.watch):
                yield step
        finally:
            harness._DEVNULL = devnull
            logger.registered_handler.setStream(devnull)
            step.log_bytes += self.sink.bytes
            self.step = None

    @contextlib.contextmanager
    def invoked(self, memory_mb: int) -> Iterator[None]:
        """What runs inside is one Lambda invocation of the measured step (an API call, the S3
        event's handler, a sweep): its CPU time, less the bench's own, and its AWS requests."""
        step = self.step
        if step is None:
            yield
            return
        cpu, own = time.thread_time(), self.own_cpu
        before = Counter(self.services(step))
        try:
            yield
        finally:
            spent = time.thread_time() - cpu - (self.own_cpu - own)
            calls = Counter(self.services(step)) - before
            self.invocation(spent, list(calls.items()), memory_mb)

    @staticmethod
    def services(step: Step) -> list[str]:
        return (["dynamodb"] * len(step.dynamodb) + ["s3" for *_x, browser in step.s3 if not browser]
                + [call.split(":")[0] for call in step.other])

    def invocation(self, cpu_s: float, calls: list[tuple[str, int]], memory_mb: int) -> None:
        """One Lambda invocation of the step: its modelled billed time."""
        step = self.step
        if step is None:
            return
        step.lambda_invocations += 1
        waits = sum(ROUND_TRIP_MS.get(service, 20) * n for service, n in calls)
        billed = cpu_s * 1000 * LAMBDA_MB_PER_VCPU / memory_mb + waits
        step.lambda_ms += billed
        step.lambda_gb_s += billed / 1000 * memory_mb / 1024
        step.log_bytes += LAMBDA_PLATFORM_LOG_BYTES

    def watch(self, endpoint, request, response) -> None:
        if self._own or self.step is None:
            return
        started = time.thread_time()
        try:
            op = harness.dynamodb_operation(request)
            if op is not None:
                self._dynamodb(op, request, response)
            else:
                self._other(endpoint, request)
        finally:
            self.own_cpu += time.thread_time() - started

    def _other(self, endpoint, request) -> None:
        service = getattr(endpoint, "_endpoint_prefix", "?")
        if service == "s3":
            self.step.s3.append((s3_operation(request), int(request.headers.get(
                "Content-Length", 0) or 0), False))
            return
        target = request.headers.get("X-Amz-Target", b"")
        target = target.decode() if isinstance(target, bytes) else target
        body = request.body.decode() if isinstance(request.body, bytes) else (request.body or "")
        action = (target.rpartition(".")[2] or parse_qs(body).get("Action", [""])[0]
                  or request.method)
        self.step.other.append(f"{service}:{action}")

    def _dynamodb(self, op: str, request, response) -> None:
        step = self.step
        step.dynamodb.append(op)
        body = json.loads(request.body or b"{}")
        if response.status_code != 200:
            step.failed.append(op)
            return
        if op in WRITE_OPS:
            for verb, key, in_tx in write_targets(op, body):
                self._write(verb, key, in_tx)
            return
        reply = json.loads(response.content or b"{}")
        if op == "Query" or op == "Scan":
            self._query(op, body, reply)
        elif op == "GetItem":
            self._get(op, [body["Key"]], body.get("ConsistentRead", False), 1)
        elif op == "BatchGetItem":
            for request_items in body["RequestItems"].values():
                self._get(op, request_items["Keys"], request_items.get("ConsistentRead", False), 1)
        elif op == "TransactGetItems":
            self._get(op, [entry["Get"]["Key"] for entry in body["TransactItems"]], True, 2)

    def _write(self, verb: str, key: dict, in_tx: bool) -> None:
        pk_sk = self.key(key)
        before = self.shadow.get(pk_sk)
        after = before if verb == "Check" else self._fetch(key)
        if after is None:
            self.shadow.pop(pk_sk, None)
        else:
            self.shadow[pk_sk] = after
            if before is None:
                self.created.add(pk_sk)
        size = item_size(before) if verb in ("Delete", "Check") else max(item_size(before),
                                                                         item_size(after))
        units = write_units(size) * (2 if in_tx else 1)
        item = after or before or key
        kind = item.get("kind", {}).get("S") or (  # an item that is not there: its key's kinds
            f"{pk_sk[0].split('#')[0]}/{pk_sk[1].split('#')[0]} (absent)".lower())
        self.step.written.append(Written(kind, ("tx " if in_tx else "") + verb, size, units,
                                         [] if verb == "Check" else index_writes(before, after)))

    def _get(self, op: str, keys: list[dict], consistent: bool, factor: int) -> None:
        for key in keys:
            size = item_size(self.shadow.get(self.key(key)))
            units = read_units(size) * factor * (1 if consistent or factor == 2 else 0.5)
            self.step.reads.append(Read(op, "table", 1, size, units, consistent or factor == 2))

    def _query(self, op: str, body: dict, reply: dict) -> None:
        index = next((i for i in indexes() if i.name == body.get("IndexName")), None)
        read = reply.get("ScannedCount", reply.get("Count", len(reply.get("Items", []))))
        found = None if op == "Scan" else self.query_items(body, index)
        exact = found is not None and len(found) >= read
        if exact:
            entries = [projected(item, index) if index else item for item in found[:read]]
            returned = {self.key(i) for i in reply.get("Items", [])}
            exact = returned <= {self.key(e) for e in entries}
        if not exact:
            self.fallbacks += 1
            entries = reply.get("Items", [])
        size = sum(item_size(e) for e in entries)
        consistent = bool(body.get("ConsistentRead")) and index is None
        units = read_units(size) * (1 if consistent else 0.5)
        self.step.reads.append(Read(op, index.name if index else "table", read, size, units,
                                    consistent, exact))

    def query_items(self, body: dict, index) -> list[dict] | None:
        """The items a Query reads in order, from the copy of the table (None: a key condition
        this parser does not know)."""
        condition = key_condition(body)
        if condition is None:
            return None
        hash_name, hash_value, range_test = condition
        range_name = index.range_key if index else self.range_key
        candidates = [item for item in self.shadow.values()
                      if (index is None or projected(item, index) is not None)
                      and item.get(hash_name) == hash_value
                      and (range_test is None or range_test(item.get(range_name)))]

        def order(item: dict) -> tuple:
            return (sortable(item.get(range_name)), *self.key(item))

        forward = body.get("ScanIndexForward", True)
        candidates.sort(key=order, reverse=not forward)
        start = body.get("ExclusiveStartKey")
        if start:
            mark = (sortable(start.get(range_name)), *self.key(start))
            candidates = [c for c in candidates if (order(c) > mark if forward else order(c) < mark)]
        return candidates


def write_targets(op: str, body: dict) -> Iterator[tuple[str, dict, bool]]:
    """(Put|Update|Delete|Check, key, in a transaction) for each item a write request names."""
    from infra.resources import MAIN_TABLE

    def key_of(item: dict) -> dict:
        return {k: item[k] for k in (MAIN_TABLE.hash_key, MAIN_TABLE.range_key)}

    if op == "PutItem":
        yield "Put", key_of(body["Item"]), False
    elif op == "UpdateItem":
        yield "Update", body["Key"], False
    elif op == "DeleteItem":
        yield "Delete", body["Key"], False
    elif op == "BatchWriteItem":
        for requests in body["RequestItems"].values():
            for entry in requests:
                if "PutRequest" in entry:
                    yield "Put", key_of(entry["PutRequest"]["Item"]), False
                else:
                    yield "Delete", entry["DeleteRequest"]["Key"], False
    else:
        for entry in body["TransactItems"]:
            (verb, spec), = entry.items()
            name = {"ConditionCheck": "Check"}.get(verb, verb)
            yield name, key_of(spec["Item"]) if verb == "Put" else spec["Key"], True


def sortable(value: dict | None) -> tuple:
    if not value:
        return (0, "")
    (kind, raw), = value.items()
    return (1, Decimal(raw)) if kind == "N" else (1, raw)


_COMPARE = re.compile(r"^\(?\s*(#?\w+)\s*(=|<=|<|>=|>)\s*(:\w+)\s*\)?$")
_BETWEEN = re.compile(r"^\(?\s*(#?\w+)\s+BETWEEN\s+(:\w+)\s+AND\s+(:\w+)\s*\)?$", re.IGNORECASE)
_BEGINS = re.compile(r"^\(?\s*begins_with\s*\(\s*(#?\w+)\s*,\s*(:\w+)\s*\)\s*\)?$", re.IGNORECASE)


def key_condition(body: dict):
    """(hash attribute, its value, a test of the range key or None) of a Query's
    KeyConditionExpression (the shapes PynamoDB and boto3 write); None when not understood."""
    text = body.get("KeyConditionExpression", "").strip()
    while text.startswith("(") and text.endswith(")") and text.count("(") == 1:
        text = text[1:-1].strip()
    names, values = body.get("ExpressionAttributeNames", {}), body.get("ExpressionAttributeValues", {})
    parts = re.split(r"\s+AND\s+", text, maxsplit=1, flags=re.IGNORECASE)
    first, rest = parts[0], parts[1] if len(parts) > 1 else None
    match = _COMPARE.match(first.strip())
    if not match or match.group(2) != "=":
        return None
    hash_name, hash_value = names.get(match.group(1), match.group(1)), values[match.group(3)]
    if rest is None:
        return hash_name, hash_value, None
    rest = rest.strip()
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        rest = rest[1:-1].strip()
    if found := _BETWEEN.match(rest):
        low, high = sortable(values[found.group(2)]), sortable(values[found.group(3)])
        return hash_name, hash_value, lambda v: v is not None and low <= sortable(v) <= high
    if found := _BEGINS.match(rest):
        prefix = next(iter(values[found.group(2)].values()))
        return hash_name, hash_value, lambda v: v is not None and next(
            iter(v.values())).startswith(prefix)
    if found := _COMPARE.match(rest):
        bound, sign = sortable(values[found.group(3)]), found.group(2)
        tests = {"=": lambda a: a == bound, "<": lambda a: a < bound, "<=": lambda a: a <= bound,
                 ">": lambda a: a > bound, ">=": lambda a: a >= bound}
        return hash_name, hash_value, lambda v: v is not None and tests[sign](sortable(v))
    return None


def s3_operation(request) -> str:
    """PutObject, GetObject, HeadObject, DeleteObject(s), List…, from the method and the URL
    (path-style, as botocore addresses moto)."""
    parts = urlsplit(request.url)
    query = parse_qs(parts.query, keep_blank_values=True)
    has_key = "/" in parts.path.strip("/")
    if request.method == "PUT":
        return "CopyObject" if "x-amz-copy-source" in request.headers else "PutObject"
    if request.method == "DELETE":
        return "DeleteObject"
    if request.method == "POST":
        return "DeleteObjects" if "delete" in query else "PostObject"
    if request.method == "HEAD":
        return "HeadObject"
    return "GetObject" if has_key and not query.keys() & {"versions", "list-type", "uploads"} \
        else "ListObjects"


S3_PUT_TIER = {"PutObject", "CopyObject", "PostObject", "ListObjects"}
S3_FREE = {"DeleteObject", "DeleteObjects"}


# ---------------------------------------------------------------- the app, called as the portal calls it


class MeteredApi(harness.Api):
    """harness.Api whose calls are Lambda invocations of the measured step (the reply's bytes,
    the handler's CPU time), with the headers the SPA sends (an Idempotency-Key on a create)."""

    def __init__(self, meter: Meter, memory_mb: int):
        super().__init__()
        self.meter, self.memory_mb = meter, memory_mb

    def call(self, method: str, path: str, user: str | None = None, body: object = None,
             headers: dict | None = None) -> harness.Reply:
        sent = {"Content-Type": "application/json", "X-Fuwu-Session": "1", **(headers or {})}
        if user:
            sent["Authorization"] = f"Bearer {self.login(user)}"
        payload = json.dumps(body) if body is not None else None
        with self.meter.invoked(self.memory_mb), harness.app_output_discarded():
            response = getattr(self.client.http, method.lower())(path, body=payload, headers=sent)
        if self.meter.step is not None:
            self.meter.step.api_calls += 1
            self.meter.step.response_bytes += len(response.body or b"")
        return harness.Reply(response.status_code, json.loads(response.body) if response.body else {})

    def ok(self, method: str, path: str, user: str | None = None, body: object = None,
           status: int = 200, headers: dict | None = None) -> dict:
        reply = self.call(method, path, user, body, headers)
        if reply.status != status:
            raise RuntimeError(f"{method} {path}: {reply.status} {reply.body}")
        return reply.body


PHOTO = (Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "site_photo.jpg").read_bytes()


def signature_png() -> bytes:
    """A customer's signature as the SPA's pad exports it: ink strokes on white, PNG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 240), "white")
    ImageDraw.Draw(image).line([(40, 180), (120, 60), (200, 170), (300, 70), (420, 160),
                                (560, 90)], fill="black", width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def now_iso() -> str:
    from chalicelib.kernel.store import keys

    return keys.iso(keys.utc_now())


def step_data(action: str) -> dict:
    """What the screens send for each step (valid data of realistic length)."""
    at = now_iso()
    return {
        "dispatch": {"technician": "sz_tech1", "helpers": ["sz_tech2"]},
        "contact": {"contacted_at": at, "visit_at": at, "note": "客户约定今天上午到场"},
        "check_in": {"arrived_at": at, "geo": {"lat": 22.5431, "lng": 114.0579}},
        "hold": {"reason": "等待压缩机配件到货", "kind": "parts"},
        "resume": {"reason": "配件已到货"},
        "survey": {"findings": "压缩机不启动，接触器触点烧蚀", "cause": "接触器烧蚀",
                   "impact": "一号车间空调停机"},
        "submit_plan": {"measures": "更换接触器，检查过载继电器", "parts_tools": "接触器 CJX2-25、万用表",
                        "estimated_hours": 2.5, "staff": ["张伟"]},
        "approve_plan": {"comment": "同意"},
        "complete": {"fault_cause": "接触器烧蚀", "solution": "更换接触器",
                     "parts_replaced": [{"name": "接触器 CJX2-25", "quantity": 1}]},
        "object": {"reason": "运行仍有异响，客户要求复修"},
        "accept": {"customer_name": "陈先生", "opinion": "修好了，满意", "satisfied": True,
                   "satisfaction": 5},
        "return_visit": {"channel": "phone", "scores": {"attitude": 5, "skill": 4, "punctuality": 5,
                                                        "result": 5, "overall": 5},
                         "comments": "服务及时", "suggestions": "无"},
        "archive": {"summary": "复修后客户验收，回访满意，归档"},
    }[action]


ACTOR = {"dispatch": "sz_manager", "approve_plan": "sz_manager", "archive": "sz_manager",
         "return_visit": "sz_agent"}  # the others: the technician on site


class Walker:
    """Walks orders through the API; each call, upload and job is a measured step when wanted."""

    def __init__(self, api: MeteredApi, meter: Meter, job_mb: int, customer: dict):
        self.api, self.meter, self.job_mb, self.customer = api, meter, job_mb, customer
        self.steps: list[Step] = []

    @contextlib.contextmanager
    def step(self, name: str, user: str, measured: bool) -> Iterator[None]:
        """One measured step: what runs inside, then the table's stream's mail sender, which
        AWS invokes once the step wrote what its filter takes (new inbox messages, mailed)."""
        from infra.local import streams

        if not measured:
            yield
            streams.drain()
            return
        with self.meter.measuring(name, user) as step:
            yield
            with self.meter.own():  # the event source mapping's reads of the stream are free
                streams.drain(invoke=self.mail_sender)
        self.steps.append(step)

    def mail_sender(self, handle, event: dict) -> dict:
        """One invocation of the mail sender, as the stream's event source mapping makes it."""
        with self.meter.own(False), self.meter.invoked(self.job_mb), \
                harness.app_output_discarded():
            return handle(event)

    def create(self, measured: bool = False) -> dict:
        body = {"customer_id": self.customer["id"], "site_id": self.customer["sites"][0]["id"],
                "equipment_id": self.customer["equipment"][0]["id"], "type": "repair",
                "priority": "general", "channel": "phone",
                "description": "一号车间冷水机组不制冷，压缩机不启动，车间温度持续上升"}
        with self.step("create", "sz_agent", measured):
            return self.api.ok("POST", "/api/work-orders", "sz_agent", body, status=201,
                               headers={"Idempotency-Key": str(uuid.uuid4())})

    def act(self, order: dict, action: str, measured: bool = False, data: dict | None = None,
            name: str | None = None) -> dict:
        user = ACTOR.get(action, "sz_tech1")
        with self.step(name or action, user, measured):
            return self.api.ok("POST", f"/api/work-orders/{order['id']}/actions/{action}", user,
                               {"version": order["version"], "data": data or step_data(action)})

    def upload(self, order: dict, category: str, measured: bool = False, kind: str = "photo",
               body: bytes = PHOTO, content_type: str = "image/jpeg") -> dict:
        """The slot, the browser's POST straight to S3, the confirm, and the S3 event's Lambda
        (which AWS invokes for every object under uploads/: it finds the upload verified)."""
        import requests

        from chalicelib.modules.evidence import upload_job

        base = f"/api/work-orders/{order['id']}/attachments"
        name = kind if kind == category else f"{kind} ({category})"
        with self.step(name, "sz_tech1", measured):
            slot = self.api.ok("POST", base, "sz_tech1", {"kind": kind, "category": category,
                                                         "content_type": content_type,
                                                         "size": len(body)}, status=201)
            form = slot["upload"]
            sent = requests.post(form["url"], data=form["fields"],
                                 files={"file": ("upload", body, content_type)}, timeout=60)
            if sent.status_code not in (200, 201, 204):
                raise RuntimeError(f"upload to S3: {sent.status_code} {sent.text[:200]}")
            if self.meter.step is not None:
                self.meter.step.s3.append(("PostObject", len(body), True))
            confirmed = self.api.ok("POST", f"{base}/{slot['attachment']['id']}/confirm", "sz_tech1")
            event = {"Records": [{"s3": {"object": {
                "key": form["fields"]["key"], "versionId": sent.headers.get("x-amz-version-id")}}}]}
            with self.meter.invoked(self.job_mb), harness.app_output_discarded():
                upload_job.handle(event)
        return confirmed

    def sweep(self, name: str, measured: bool = True) -> None:
        from chalicelib.modules.sla import sweep_job

        with self.step(name, "job", measured), self.meter.invoked(self.job_mb), \
                harness.app_output_discarded():
            sweep_job.run({}, None)

    def lifecycle(self) -> tuple[dict, dict]:
        """One order from create to archive; returns it, and its raw item at create."""
        order = self.create(measured=True)
        at_create = self.meter.order_item(order["id"])
        for action in ("dispatch", "contact", "check_in"):
            order = self.act(order, action, True)
        self.upload(order, "before", True)
        for action in ("hold", "resume", "survey"):
            order = self.act(order, action, True)
        self.upload(order, "fault", True)
        for action in ("submit_plan", "approve_plan"):
            order = self.act(order, action, True)
        for category in order["evidence"]["missing"] or ["after"]:  # what completion needs
            self.upload(order, category, True)
        order = self.act(order, "complete", True)
        order = self.act(order, "object", True, name="object (customer rejects)")
        order = self.act(order, "complete", True, name="complete (rework)")
        signed = self.upload(order, "signature", True, "signature", signature_png(), "image/png")
        order = self.act(order, "accept", True, {**step_data("accept"), "signature_id": signed["id"]},
                         name="accept + signature (report)")
        for action in ("return_visit", "archive"):
            order = self.act(order, action, True)
        return order, at_create

    def part_way(self, stage: int) -> dict:
        """An order walked `stage` steps along the happy path (for the list page)."""
        order = self.create()
        path = ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
                "complete", "accept"][:stage]
        for action in path:
            if action == "complete":
                for category in order.get("evidence", {}).get("missing", []):
                    self.upload(order, category)
                order = self.api.ok("GET", f"/api/work-orders/{order['id']}", "sz_tech1")
            data = None
            if action == "accept":
                signed = self.upload(order, "signature", kind="signature", body=signature_png(),
                                     content_type="image/png")
                data = {**step_data("accept"), "signature_id": signed["id"]}
            order = self.act(order, action, data=data)
        return order


# ---------------------------------------------------------------- facts read from the code


def published_metrics() -> tuple[list[str], str]:
    """The custom metric names the app publishes (Powertools EMF, namespace Fuwu, one dimension
    set): `observability.PUBLISHED_METRICS` when the kernel lists them, else found in the code
    (calls of observability.count with a literal, a module-level dict's values, or an f-string
    whose placeholder is a parameter given literals by its callers; any other is counted once)."""
    from chalicelib.kernel import observability

    listed = getattr(observability, "PUBLISHED_METRICS", None)
    if listed:
        return sorted(listed), "chalicelib.kernel.observability.PUBLISHED_METRICS"
    root = Path(__file__).resolve().parent.parent / "chalicelib"
    trees = {path: ast.parse(path.read_text()) for path in root.rglob("*.py")}
    names, unresolved = set(), set()
    for path, tree in trees.items():
        local = {alias.asname or alias.name for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module == "chalicelib.kernel.observability"
                 for alias in node.names if alias.name == "count"}
        dicts = {target.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                 for target in node.targets
                 if isinstance(target, ast.Name) and isinstance(node.value, ast.Dict)}
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            params = [a.arg for a in function.args.args]
            for call in ast.walk(function):
                if not (isinstance(call, ast.Call) and call.args and (
                        isinstance(call.func, ast.Name) and call.func.id in local
                        or isinstance(call.func, ast.Attribute) and call.func.attr == "count"
                        and isinstance(call.func.value, ast.Name)
                        and call.func.value.id == "observability")):
                    continue
                arg = call.args[0]
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    names.add(arg.value)
                elif isinstance(arg, ast.Subscript) and isinstance(arg.value, ast.Name) \
                        and arg.value.id in dicts:
                    names |= {v.value for v in dicts[arg.value.id].values
                              if isinstance(v, ast.Constant)}
                elif isinstance(arg, ast.JoinedStr):
                    found = _expand(arg, function.name, params, trees)
                    if found:
                        names |= found
                    else:
                        unresolved.add(f"{path.relative_to(root.parent)}:{call.lineno}")
    how = "found in chalicelib/ by this script (no PUBLISHED_METRICS in the kernel yet)"
    if unresolved:
        how += (f"; {len(unresolved)} f-string name(s) counted once each "
                f"({', '.join(sorted(unresolved))})")
    return sorted(names) + [f"<{u}>" for u in sorted(unresolved)], how


def _expand(text: ast.JoinedStr, function: str, params: list[str], trees: dict) -> set[str]:
    """An f-string `{param}Suffix` with the literals the function's callers pass as `param`."""
    pieces = text.values
    holes = [p for p in pieces if isinstance(p, ast.FormattedValue)]
    if len(holes) != 1 or not isinstance(holes[0].value, ast.Name) or holes[0].value.id not in params:
        return set()
    position, name = params.index(holes[0].value.id), holes[0].value.id
    given = set()
    for tree in trees.values():
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            callee = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(
                call.func, "id", None)
            if callee != function:
                continue
            arg = next((k.value for k in call.keywords if k.arg == name), None)
            if arg is None and len(call.args) > position:
                arg = call.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                given.add(arg.value)
    return {"".join(arg if isinstance(p, ast.FormattedValue) else p.value for p in pieces)
            for arg in given}


def alarms_and_dashboards() -> tuple[int, int]:
    """The stack's alarms and dashboards: those on the business metrics, as the kernel's
    registry (observability.EVENTS, from which infra/cdk/stack.py builds them) says, and one on
    each stream consumer's failure queue (infra/resources.py STREAM_CONSUMERS)."""
    from chalicelib.kernel import observability
    from infra.resources import STREAM_CONSUMERS

    uses = [use for use in (getattr(observability, "EVENTS", None) or {}).values() if use]
    alarms = sum(1 for use in uses if getattr(use, "alarm", None)) + len(STREAM_CONSUMERS)
    return alarms, 1 if any(getattr(use, "widget", None) for use in uses) else 0


def waf_and_secrets() -> tuple[int, int, int]:
    """(web ACLs, their rules, origin secrets) as infra/cdk/protection.py builds them (read
    from its source: importing it would start the CDK's node runtime)."""
    tree = ast.parse((Path(__file__).resolve().parent.parent / "infra" / "cdk" / "protection.py")
                     .read_text())
    rules = next(node for node in ast.walk(tree)
                 if isinstance(node, ast.FunctionDef) and node.name == "_rules")
    acls = [len(node.value.elts) for node in ast.walk(rules)
            if isinstance(node, ast.Return) and isinstance(node.value, ast.List)]
    slots = next(node.value for node in tree.body if isinstance(node, ast.Assign)
                 and any(getattr(t, "id", "") == "ORIGIN_SLOTS" for t in node.targets))
    return len(acls), sum(acls), len(slots.elts)


# ---------------------------------------------------------------- figures


def kb(size: float) -> str:
    return f"{size:,.0f}"


def units(value: float) -> str:
    return f"{value:g}" if value < 10 else f"{value:,.1f}".rstrip("0").rstrip(".")


def index_cell(written: Written) -> str:
    by_index: dict[str, list[str]] = defaultdict(list)
    for name, what, _size, n in written.index:
        by_index[name].append(f"{what[0]}{n}")
    return " ".join(f"{name}:{'+'.join(parts)}" for name, parts in by_index.items()) or "-"


def print_steps(steps: list[Step]) -> None:
    rows = [[s.name, s.user, str(s.api_calls), harness.summarise(s.dynamodb),
             str(sum(1 for w in s.written if w.op != "tx Check")), str(s.table_units),
             str(s.index_units), units(s.read_units), s.aws_other(), kb(s.log_bytes)]
            for s in steps]
    rows.append(["total", "", str(sum(s.api_calls for s in steps)),
                 str(sum(len(s.dynamodb) for s in steps)),
                 str(sum(1 for s in steps for w in s.written if w.op != "tx Check")),
                 str(sum(s.table_units for s in steps)), str(sum(s.index_units for s in steps)),
                 units(sum(s.read_units for s in steps)),
                 str(sum(len(s.s3) + len(s.other) for s in steps)),
                 kb(sum(s.log_bytes for s in steps))])
    print(harness.table(["step", "user", "API", "DynamoDB requests", "items written",
                         "table WCU", "index WCU", "RCU", "other AWS", "log B"], rows))
    failed = [f"{s.name}: {', '.join(s.failed)}" for s in steps if s.failed]
    if failed:
        print("requests DynamoDB refused (not counted in the units): " + "; ".join(failed))


def print_items(steps: list[Step]) -> None:
    rows = [[s.name if n == 0 else "", w.kind, w.op, kb(w.size), str(w.units), str(w.index_units),
             index_cell(w)]
            for s in steps for n, w in enumerate(s.written)]
    print(harness.table(["step", "item", "write", "bytes", "table WCU", "index WCU",
                         "index writes (p put, d delete, u update: units)"], rows))


def print_reads(reads: list[tuple[Step, str]]) -> None:
    rows = [[s.name, s.user, harness.summarise(s.dynamodb),
             ", ".join(sorted({r.target for r in s.reads})) or "-",
             "/".join(sorted({"strong" if r.consistent else "eventual ×0.5" for r in s.reads})) or "-",
             str(sum(r.items for r in s.reads)), kb(sum(r.size for r in s.reads)),
             units(s.read_units), kb(s.response_bytes), note]
            for s, note in reads]
    print(harness.table(["read", "user", "DynamoDB requests", "from", "reads", "items read", "bytes read",
                         "RCU", "reply B", ""], rows))


# The steps this walk adds to the one issue 19 measured its 743 write units on (create to
# archive, one photo, the signature, the report): printed apart as well, so the two compare.
BEYOND_THE_PLAIN_WALK = frozenset({"hold", "resume", "photo (before)", "photo (fault)",
                                   "object (customer rejects)", "complete (rework)"})


def print_totals(steps: list[Step], at_create: dict | None, at_archive: dict | None,
                 meter: Meter) -> None:
    written = [w for s in steps for w in s.written if w.op != "tx Check"]
    table_units = sum(s.table_units for s in steps)
    index_units = sum(s.index_units for s in steps)
    print(f"API calls {sum(s.api_calls for s in steps)}, Lambda invocations "
          f"{sum(s.lambda_invocations for s in steps)}, DynamoDB requests "
          f"{sum(len(s.dynamodb) for s in steps)} "
          f"({harness.summarise([op for s in steps for op in s.dynamodb])})")
    s3 = [op + (" (browser)" if browser else "") for s in steps for op, _b, browser in s.s3]
    print(f"other AWS: {harness.summarise(s3 + [o for s in steps for o in s.other])}")
    print(f"items written {len(written)} ({harness.summarise([w.op for w in written])}); "
          f"write units {table_units + index_units}: table {table_units}, indexes {index_units} "
          f"({index_units / max(table_units + index_units, 1):.0%}); read units "
          f"{units(sum(s.read_units for s in steps))}")
    plain = [s for s in steps if s.name not in BEYOND_THE_PLAIN_WALK]
    plain_table, plain_index = sum(s.table_units for s in plain), sum(s.index_units for s in plain)
    print(f"the plain walk issue 19 measured (create to archive with the plan, one photo, the "
          f"signature and the report; without {', '.join(sorted(BEYOND_THE_PLAIN_WALK))}): "
          f"write units {plain_table + plain_index}: table {plain_table}, indexes {plain_index}")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for w in written:
        row = by_kind[w.kind]
        row[0] += 1
        row[1] += w.size
        row[2] += w.units
        row[3] += w.index_units
    print("\nwritten per item kind:")
    print(harness.table(["item", "writes", "bytes", "table WCU", "index WCU"],
                        [[k, str(n), kb(b), str(t), str(i)] for k, (n, b, t, i)
                         in sorted(by_kind.items(), key=lambda kv: -kv[1][2] - kv[1][3])]))
    by_index: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for w in written:
        for name, _what, size, n in w.index:
            row = by_index[name]
            row[0] += 1
            row[1] += size
            row[2] += n
    print("\nwritten per index (projection from infra/resources.py):")
    print(harness.table(["index", "projection", "entry writes", "bytes", "WCU"],
                        [[i.name, _projection_text(i), *(
                            [str(by_index[i.name][0]), kb(by_index[i.name][1]),
                             str(by_index[i.name][2])] if i.name in by_index else ["0", "0", "0"])]
                         for i in indexes()]))
    for label, item in (("at create", at_create), ("at archive", at_archive)):
        if item is None:
            continue
        biggest = sorted(item.items(), key=lambda kv: -attribute_size(*kv))[:6]
        escapes = sum(len(re.findall(r"\\u[0-9a-fA-F]{4}", v["S"])) for v in item.values() if "S" in v)
        print(f"\norder item {label}: {item_size(item):,} B ({write_units(item_size(item))} WCU a "
              f"write, x2 in a transaction); biggest attributes: "
              + ", ".join(f"{name} {attribute_size(name, value):,} B" for name, value in biggest)
              + (f"; {escapes:,} characters stored as 6-byte \\uXXXX escapes" if escapes else ""))
    calls = sum(s.api_calls for s in steps)
    api_ms = sum(s.lambda_ms for s in steps if s.api_calls and s.lambda_invocations == s.api_calls)
    api_steps = sum(s.api_calls for s in steps if s.api_calls and s.lambda_invocations == s.api_calls)
    print(f"\nLambda billed time (modelled): {api_ms / max(api_steps, 1):.0f} ms per API call on "
          f"average; {sum(s.lambda_gb_s for s in steps):.2f} GB-s for the {calls} API calls and "
          f"the jobs of the lifecycle")
    print(f"\nreads sized from the bench's copy of the table; {meter.fallbacks} read(s) sized "
          f"from the reply instead (a key condition the bench does not parse, or a Scan)")


def _projection_text(index) -> str:
    kind = projection(index)
    extra = getattr(index, "non_key_attributes", ())
    return f"{kind} ({len(extra)} attributes)" if kind == "INCLUDE" else kind


# ---------------------------------------------------------------- the monthly bill


@dataclass
class Usage:
    """What one thing (an order's lifecycle, a screen read, a background call, a sweep) uses."""

    api_calls: float = 0
    invocations: float = 0
    gb_s: float = 0
    wcu: float = 0
    rcu: float = 0
    log_bytes: float = 0
    reply_bytes: float = 0
    s3_put: float = 0
    s3_get: float = 0
    mails: float = 0
    sqs: float = 0

    @classmethod
    def of(cls, steps: list[Step]) -> Usage:
        s3 = [op for s in steps for op, _b, _br in s.s3]
        other = [o for s in steps for o in s.other]
        return cls(
            api_calls=sum(s.api_calls for s in steps),
            invocations=sum(s.lambda_invocations for s in steps),
            gb_s=sum(s.lambda_gb_s for s in steps),
            wcu=sum(s.table_units + s.index_units for s in steps),
            rcu=sum(s.read_units for s in steps),
            log_bytes=sum(s.log_bytes for s in steps),
            reply_bytes=sum(s.response_bytes for s in steps),
            s3_put=sum(op in S3_PUT_TIER for op in s3),
            s3_get=sum(op not in S3_PUT_TIER and op not in S3_FREE for op in s3),
            mails=sum(o.startswith("email:") and "Send" in o for o in other),
            sqs=sum(o.startswith("sqs:") for o in other))

    def __mul__(self, factor: float) -> Usage:
        return Usage(**{k: v * factor for k, v in self.__dict__.items()})

    def __add__(self, other: Usage) -> Usage:
        return Usage(**{k: v + other.__dict__[k] for k, v in self.__dict__.items()})


def storage_per_order(meter: Meter, steps: list[Step]) -> tuple[float, float, int, float]:
    """(table bytes, index bytes, items, S3 bytes) one order leaves: the items its lifecycle
    created that stay (not those with a TTL), each with DynamoDB's 100 bytes of overhead, and
    their index entries; in S3 the browser's uploads (photos at PHOTO_MB) and the app's files."""
    from infra.resources import MAIN_TABLE

    table = index = count = 0
    for key in meter.created:
        item = meter.shadow.get(key)
        if item is None or MAIN_TABLE.ttl_attribute in item:
            continue
        count += 1
        table += item_size(item) + 100
        index += sum(item_size(entry) + 100 for i in indexes()
                     if (entry := projected(item, i)) is not None)
    uploads = [(size, browser) for s in steps for op, size, browser in s.s3
               if op in ("PostObject", "PutObject", "CopyObject")]
    photos = sum(1 for size, browser in uploads if browser and size == len(PHOTO))
    s3 = (photos * PHOTO_MB * 2**20
          + sum(size for size, browser in uploads if not (browser and size == len(PHOTO))))
    return table, index, count, s3


def bill(args, lifecycle: Usage, detail: Usage, page: Usage, background: Usage, sweep: Usage,
         storage: tuple[float, float, int, float], thumbs: int, metrics: int,
         month: int) -> list[tuple[str, str, float, float]]:
    """(service, how it is reckoned, USD at list price, USD after the always-free tiers)."""
    from infra.cdk.config import STAGES

    orders = args.orders
    staff_hours = args.staff * args.visible_hours * args.working_days
    sessions = args.staff * args.working_days
    calls = BACKGROUND_CALLS_PER_STAFF_HOUR * staff_hours
    per_order = lifecycle + detail * DETAIL_VIEWS_PER_ORDER + page * LIST_PAGES_PER_ORDER
    total = per_order * orders + background * calls + sweep * SWEEPS_PER_MONTH
    table_b, index_b, _items, s3_b = storage
    gb = 2 ** 30
    lines = []

    def line(service: str, how: str, amount: float, price: str) -> None:
        p = PRICES[price]
        lines.append((service, how, amount * p.usd, max(0.0, amount - p.free) * p.usd))

    line("API Gateway (REST)", f"{total.api_calls:,.0f} requests × ${PRICES['apigw_rest'].usd}/M",
         total.api_calls / 1e6, "apigw_rest")
    line("Lambda requests", f"{total.invocations:,.0f} invocations × ${PRICES['lambda_requests'].usd}/M",
         total.invocations / 1e6, "lambda_requests")
    line("Lambda duration", f"{total.gb_s:,.0f} GB-s (modelled) × ${PRICES['lambda_gb_s'].usd}",
         total.gb_s, "lambda_gb_s")
    line("DynamoDB writes", f"{total.wcu:,.0f} write units × ${PRICES['dynamodb_write'].usd}/M",
         total.wcu / 1e6, "dynamodb_write")
    line("DynamoDB reads", f"{total.rcu:,.0f} read units × ${PRICES['dynamodb_read'].usd}/M",
         total.rcu / 1e6, "dynamodb_read")
    stored = month * orders * (table_b + index_b) / gb
    line("DynamoDB storage", f"{stored:.2f} GB after {month} month(s) × "
         f"${PRICES['dynamodb_storage'].usd}", stored, "dynamodb_storage")
    backed = month * orders * table_b / gb
    line("DynamoDB PITR", f"{backed:.2f} GB × ${PRICES['dynamodb_pitr'].usd}", backed, "dynamodb_pitr")
    put, get = total.s3_put, total.s3_get + orders * DETAIL_VIEWS_PER_ORDER * thumbs
    line("S3 PUT/POST", f"{put:,.0f} × ${PRICES['s3_put'].usd}/1,000", put / 1000, "s3_put")
    line("S3 GET/HEAD", f"{get:,.0f} (thumbnails in {DETAIL_VIEWS_PER_ORDER} views an order) × "
         f"${PRICES['s3_get'].usd}/1,000", get / 1000, "s3_get")
    s3_gb = month * orders * s3_b / gb
    line("S3 storage", f"{s3_gb:,.0f} GB after {month} month(s) (photos at {PHOTO_MB:g} MB) × "
         f"${PRICES['s3_storage'].usd}", s3_gb, "s3_storage")
    line("SES", f"{total.mails:,.0f} mails × ${PRICES['ses'].usd}/1,000", total.mails / 1000, "ses")
    line("SQS", f"{total.sqs:,.0f} requests × ${PRICES['sqs'].usd}/M", total.sqs / 1e6, "sqs")
    logs = total.log_bytes / gb
    line("CloudWatch Logs", f"{logs:.2f} GB ingested × ${PRICES['logs_ingest'].usd}", logs,
         "logs_ingest")
    line("CloudWatch metrics", f"{metrics} custom metric names × ${PRICES['metrics'].usd} (each a "
         f"whole month: an upper bound, metrics are billed by the hour they are sent)", metrics,
         "metrics")
    alarms, dashboards = alarms_and_dashboards()
    line("CloudWatch alarms", f"{alarms} × ${PRICES['alarms'].usd}", alarms, "alarms")
    line("CloudWatch dashboards", f"{dashboards} × ${PRICES['dashboards'].usd}", dashboards,
         "dashboards")
    plus = bool(STAGES["prod"].threat_protection)
    plan = "cognito_plus" if plus else "cognito_essentials"
    line("Cognito", f"{args.staff} MAU × ${PRICES[plan].usd} ({'Plus' if plus else 'Essentials'} "
         f"plan, infra/cdk/config.py)", args.staff, plan)
    requests = total.api_calls + sessions * SPA_REQUESTS_PER_SESSION
    out_gb = (total.reply_bytes + sessions * SPA_KB_PER_SESSION * 1024) / gb
    line("CloudFront requests", f"{requests:,.0f} × ${PRICES['cloudfront_requests'].usd}/10,000",
         requests / 1e4, "cloudfront_requests")
    line("CloudFront data out", f"{out_gb:.1f} GB × ${PRICES['cloudfront_out'].usd}", out_gb,
         "cloudfront_out")
    acls, rules, secrets = waf_and_secrets()
    line("WAF web ACLs", f"{acls} × ${PRICES['waf_acl'].usd}", acls, "waf_acl")
    line("WAF rules", f"{rules} × ${PRICES['waf_rule'].usd}", rules, "waf_rule")
    inspected = requests + total.api_calls  # the portal's ACL sees all, the API's the API calls
    line("WAF requests", f"{inspected:,.0f} inspected × ${PRICES['waf_requests'].usd}/M",
         inspected / 1e6, "waf_requests")
    line("Secrets Manager", f"{secrets} origin secrets × ${PRICES['secrets'].usd}", secrets, "secrets")
    return lines


def print_bill(args, lines_1: list, lines_12: list, calls: dict[str, float]) -> None:
    rows = [[service, how, f"{usd:.2f}", f"{free:.2f}"] for service, how, usd, free in lines_1]
    first, first_free = sum(x[2] for x in lines_1), sum(x[3] for x in lines_1)
    twelfth, twelfth_free = sum(x[2] for x in lines_12), sum(x[3] for x in lines_12)
    rows.append(["total, month 1", "", f"{first:.2f}", f"{first_free:.2f}"])
    rows.append(["total, month 12", "(storage of 12 months of orders)", f"{twelfth:.2f}",
                 f"{twelfth_free:.2f}"])
    print(harness.table(["service", "units × price", "USD list", "USD after always-free"], rows))
    per = 1000 / args.orders
    print(f"\ncost per 1,000 orders: ${first * per:.2f} (month 1), ${twelfth * per:.2f} (month 12) "
          f"at list prices; ${first_free * per:.2f} / ${twelfth_free * per:.2f} after the "
          f"always-free tiers (account-wide: only if nothing else uses them)")
    whole = sum(calls.values())
    print("API calls a month: " + ", ".join(f"{name} {n:,.0f} ({n / whole:.0%})"
                                             for name, n in calls.items()))


def print_prices() -> None:
    print(f"prices: region {REGION}; read: {PRICES_READ}")
    print(harness.table(["price", "USD", "per", "always free", "source"],
                        [[name, f"{p.usd:g}", p.unit, f"{p.free:g}" if p.free else "-", p.source]
                         for name, p in PRICES.items()]))


# ---------------------------------------------------------------- the run


def production_logging(level: str) -> None:
    """The app's logger as on Lambda: Powertools' one handler, at the stage's level. (Chalice
    names its logger after the app, `fuwu` like Powertools', and configures it — a stdout
    handler, level ERROR — unless a handler already writes to stdout: on Lambda Powertools'
    does; here harness.start_stack had pointed it at /dev/null before the app was imported.)"""
    from app import app
    from chalicelib.kernel.observability import logger

    for handler in list(app.log.handlers):
        if handler is not logger.registered_handler:
            app.log.removeHandler(handler)
    logger.setLevel(level)


LIST_ORDERS = 20


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--outlets", type=int, default=20,
                        help="outlets (the scenario's size; cost follows orders and staff)")
    parser.add_argument("--orders", type=int, default=5000, help="orders a month")
    parser.add_argument("--staff", type=int, default=200, help="staff with a portal account")
    parser.add_argument("--visible-hours", type=float, default=6,
                        help="hours a working day each one has the portal visible")
    parser.add_argument("--working-days", type=int, default=22, help="working days a month")
    return parser.parse_args()


def main() -> None:
    args = arguments()
    print("# bench.cost — one work order's AWS requests, item sizes and capacity units "
          "(computed, moto's are placeholders), and the monthly bill")
    print(f"# {harness.machine()}")
    started = time.perf_counter()
    harness.start_stack(seed_orders=0)
    from infra.cdk.config import STAGES

    prod = STAGES["prod"]
    meter = Meter()
    api = MeteredApi(meter, prod.api_memory_mb)
    production_logging(prod.log_level)  # (the app is imported by now)
    for user in ("sz_agent", "sz_manager", "sz_tech1"):
        api.ok("GET", "/api/me", user)  # the token, the JWKS and the directory's cache
    walker = Walker(api, meter, prod.job_memory_mb, harness.bench_customer(api))
    seeded = time.perf_counter()
    for n in range(LIST_ORDERS):
        walker.part_way(n % 9)
    print(f"# {LIST_ORDERS} orders for the list page, walked 0–8 steps along the happy path "
          f"(not counted) in {time.perf_counter() - seeded:.0f}s")
    walker.sweep("", measured=False)  # the levels the seeding reached: the next one is idle
    meter.refresh()
    walker.sweep("an SLA sweep (every 5 min)")
    idle, walker.steps = walker.steps[0], []
    meter.created.clear()
    order, at_create = walker.lifecycle()
    steps, at_archive = walker.steps, meter.order_item(order["id"])

    meter.refresh()  # as the warm-up calls below left it

    def screen(name: str, user: str, path: str) -> tuple[Step, dict]:
        api.ok("GET", path, user)  # warm: what a second look costs
        with meter.measuring(name, user) as step:
            reply = api.ok("GET", path, user)
        return step, reply

    page, listed = screen("list page", "sz_manager", "/api/work-orders")
    detail, shown = screen("order detail (archived)", "sz_manager", f"/api/work-orders/{order['id']}")
    # a customer's orders: its index carries keys only (read less often than an order changes),
    # so the page reads its 20 orders by key
    by_key, by_key_listed = screen("a customer's orders", "sz_manager",
                                   f"/api/work-orders?customer={walker.customer['id']}")
    unread = [screen(f"unread count ({user})", user, "/api/notifications/unread-count")
              for user in ("sz_manager", "sz_tech1")]
    thumbs = sum(1 for a in shown.get("attachments", []) if a.get("thumb_url"))
    indexes_text = ", ".join(f"{i.name} {_projection_text(i)}" for i in indexes())
    print(f"# indexes (infra/resources.py): {indexes_text}; Lambda {prod.api_memory_mb} MB (API), "
          f"{prod.job_memory_mb} MB (jobs), logs at {prod.log_level} (infra/cdk/config.py prod)")

    print("\n## One order's lifecycle, step by step (WCU/RCU computed from item sizes)\n")
    print_steps(steps)
    print("\n## Every item written, with its size and its index writes\n")
    print_items(steps)
    print("\n## Screens and background\n")
    print_reads([(page, f"{len(listed.get('items', []))} orders shown"),
                 (detail, f"{len(shown.get('events', []))} events, "
                          f"{len(shown.get('attachments', []))} attachments"),
                 (by_key, f"{len(by_key_listed.get('items', []))} orders shown (keys, then the orders)"),
                 *[(step, f"count {reply.get('count')}") for step, reply in unread],
                 (idle, "the background sweep, per run")])
    print("\n## The lifecycle in total\n")
    print_totals(steps, at_create, at_archive, meter)

    metric_names, how = published_metrics()
    storage = storage_per_order(meter, steps)
    lifecycle, read_page, read_detail = Usage.of(steps), Usage.of([page]), Usage.of([detail])
    background = Usage.of([s for s, _r in unread]) * (1 / len(unread))
    sweep = Usage.of([idle])
    parts = (args, lifecycle, read_detail, read_page, background, sweep, storage, thumbs,
             len(metric_names))
    lines_1, lines_12 = bill(*parts, month=1), bill(*parts, month=12)
    staff_hours = args.staff * args.visible_hours * args.working_days
    print(f"\nan order leaves {storage[2]} items: {storage[0]:,.0f} B in the table and "
          f"{storage[1]:,.0f} B of index entries (100 B overhead each included), "
          f"{storage[3] / 2**20:.1f} MB in S3")
    print(f"custom metric names: {len(metric_names)} ({how})")

    print(f"\n## The monthly bill: {args.outlets} outlets, {args.orders:,} orders a month, "
          f"{args.staff} staff with the portal visible {args.visible_hours:g} h a day on "
          f"{args.working_days} working days\n")
    print(f"assumptions: each order's page opened {DETAIL_VIEWS_PER_ORDER} times and "
          f"{LIST_PAGES_PER_ORDER} list pages loaded per order; "
          f"{BACKGROUND_CALLS_PER_STAFF_HOUR} background calls per visible staff-hour (as the "
          f"unread count above; bench/polling.py); the SLA sweep {SWEEPS_PER_MONTH:,} times a month "
          f"as measured idle; Lambda time = CPU measured × {LAMBDA_MB_PER_VCPU}/memory MB + "
          f"{ROUND_TRIP_MS} ms per request; other cron jobs (a few runs a day) left out\n")
    print_prices()
    print()
    print_bill(args, lines_1, lines_12, {
        "lifecycle": lifecycle.api_calls * args.orders,
        "screens": (read_detail.api_calls * DETAIL_VIEWS_PER_ORDER
                    + read_page.api_calls * LIST_PAGES_PER_ORDER) * args.orders,
        "background": BACKGROUND_CALLS_PER_STAFF_HOUR * staff_hours})
    print(f"\nmeasured in {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
