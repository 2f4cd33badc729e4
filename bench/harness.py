"""Shared by the benchmarks: the local stack, signed-in API calls and an AWS request counter.

Import order matters as in the tests: `chalicelib` reads its settings (table name, endpoint)
when first imported, so `start_stack()` must run before anything imports `app` or `chalicelib`.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import statistics
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

import botocore.endpoint

from infra.local.demo_data import DEMO_PASSWORD

DYNAMODB_TARGET = "DynamoDB_20120810."
_DEVNULL = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process


# ---------------------------------------------------------------- the stack and the API

def start_stack(seed_orders: int = 10) -> dict:
    """moto + tables + user pool + demo data (a few orders only: moto's queries are O(table))."""
    from infra.local.stack import start_local_aws

    started = time.perf_counter()
    with app_output_discarded():
        _moto, env = start_local_aws(seed_orders=seed_orders)
        from chalicelib.kernel.observability import logger

        # The app still formats its log lines (part of a handler's cost); they go nowhere.
        logger.registered_handler.setStream(_DEVNULL)
    print(f"# local stack up in {time.perf_counter() - started:.1f}s, demo data {env['summary']}",
          flush=True)
    return env


@contextlib.contextmanager
def app_output_discarded():
    """Drop what the app prints (Powertools metrics are EMF lines printed to stdout)."""
    with contextlib.redirect_stdout(_DEVNULL):
        yield


@dataclass
class Reply:
    status: int
    body: dict


class Api:
    """The app through `chalice.test.Client`, with real Cognito ID tokens as Bearer."""

    def __init__(self):
        from chalice.test import Client

        from app import app

        self.client = Client(app)
        self.tokens: dict[str, str] = {}

    def login(self, username: str) -> str:
        if username not in self.tokens:
            reply = self.call("POST", "/api/auth/login",
                              body={"username": username, "password": DEMO_PASSWORD})
            if reply.status != 200:
                raise RuntimeError(f"login {username}: {reply.status} {reply.body}")
            self.tokens[username] = reply.body["id_token"]
        return self.tokens[username]

    def call(self, method: str, path: str, user: str | None = None, body: object = None) -> Reply:
        # X-Fuwu-Session: what the SPA sends to the session routes (refused without it)
        headers = {"Content-Type": "application/json", "X-Fuwu-Session": "1"}
        if user:
            headers["Authorization"] = f"Bearer {self.login(user)}"
        payload = json.dumps(body) if body is not None else None
        with app_output_discarded():
            response = getattr(self.client.http, method.lower())(path, body=payload, headers=headers)
        return Reply(response.status_code, json.loads(response.body) if response.body else {})

    def ok(self, method: str, path: str, user: str | None = None, body: object = None,
           status: int = 200) -> dict:
        reply = self.call(method, path, user, body)
        if reply.status != status:
            raise RuntimeError(f"{method} {path}: {reply.status} {reply.body}")
        return reply.body


def bench_customer(api: Api) -> dict:
    """A customer of SZ (with a site and equipment) for the benchmark's own orders."""
    return api.ok("POST", "/api/customers", "sz_agent", {
        "name": "基准测试客户", "phone": "13500000000", "address": "深圳市南山区测试路 1 号",
        "site": {"name": "测试厂区", "address": "测试路 1 号"},
        "equipment": {"model": "冷水机组 LS-500", "serial_no": "BENCH-001"}}, status=201)


def new_order(api: Api, customer: dict) -> dict:
    """A fresh order in state `received` (recorded by the SZ agent)."""
    return api.ok("POST", "/api/work-orders", "sz_agent", {
        "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
        "equipment_id": customer["equipment"][0]["id"], "type": "repair",
        "priority": "general", "channel": "phone", "description": "空调不制冷"}, status=201)


# ---------------------------------------------------------------- counting requests

@dataclass
class Requests:
    """The HTTP requests made while counting: AWS ones by service/operation, and other URLs."""

    aws: list[tuple[str, str]] = field(default_factory=list)  # (service, operation)
    other: list[str] = field(default_factory=list)  # e.g. the JWKS fetch (urllib)

    @property
    def dynamodb(self) -> list[str]:
        return [op for service, op in self.aws if service == "dynamodb"]

    @property
    def non_dynamodb(self) -> list[str]:
        return [f"{service}:{op}" for service, op in self.aws if service != "dynamodb"] + self.other


def summarise(operations: list[str]) -> str:
    """'Query, GetItem×2' in first-seen order; '-' when empty."""
    counts = Counter(operations)
    return ", ".join(f"{op}×{n}" if n > 1 else op for op, n in counts.items()) or "-"


def dynamodb_operation(request) -> str | None:
    """The DynamoDB operation a botocore request is (`Query`, `TransactWriteItems`…), from its
    X-Amz-Target header; None for any other service's request."""
    target = request.headers.get("X-Amz-Target", b"")
    target = target.decode() if isinstance(target, bytes) else target
    return target[len(DYNAMODB_TARGET):] if target.startswith(DYNAMODB_TARGET) else None


@contextlib.contextmanager
def watching_sends(watch):
    """Call `watch(endpoint, request, response)` after each HTTP request botocore sends meanwhile
    (at class level: boto3 and PynamoDB clients alike; `Endpoint._send` runs once per attempt,
    so retries show too). The one place that patches botocore for the counters below, the
    benchmarks' own and the tests that count what a request reads."""
    original = botocore.endpoint.Endpoint._send

    def send(endpoint, request):
        response = original(endpoint, request)
        watch(endpoint, request, response)
        return response

    botocore.endpoint.Endpoint._send = send
    try:
        yield
    finally:
        botocore.endpoint.Endpoint._send = original


@contextlib.contextmanager
def counting_requests():
    """Count every HTTP request botocore sends (`watching_sends`) and every other URL opened.
    DynamoDB is told apart by its X-Amz-Target header (`DynamoDB_20120810.<Operation>`)."""
    seen = Requests()
    original_open = urllib.request.OpenerDirector.open

    def watch(endpoint, request, _response):
        op = dynamodb_operation(request)
        if op is not None:
            seen.aws.append(("dynamodb", op))
        else:
            target = request.headers.get("X-Amz-Target", b"")
            target = target.decode() if isinstance(target, bytes) else target
            prefix = getattr(endpoint, "_endpoint_prefix", "?")
            seen.aws.append((prefix, target.rpartition(".")[2] or request.method))

    def open_(opener, url, *args, **kwargs):
        seen.other.append(getattr(url, "full_url", url))
        return original_open(opener, url, *args, **kwargs)

    urllib.request.OpenerDirector.open = open_
    try:
        with watching_sends(watch):
            yield seen
    finally:
        urllib.request.OpenerDirector.open = original_open


# ---------------------------------------------------------------- figures

def start_bare() -> None:
    """moto with the tables, the outlets and the staff only (the bench makes its own data)."""
    from infra.local.stack import start_local_aws

    with app_output_discarded():
        _moto, env = start_local_aws(seed_orders=None)
        from infra.local import seed as demo

        demo.create_outlets()
        demo.create_users(env["FUWU_USER_POOL_ID"])
        from chalicelib.kernel.observability import logger

        logger.registered_handler.setStream(_DEVNULL)


@contextlib.contextmanager
def reading():
    """DynamoDB requests by operation (`ops`), the items their replies carried (`items`) and
    the items DynamoDB read for them (`read`: a Query's ScannedCount, filtered or not, and a
    counting Query's too; one per item got)."""
    seen = {"ops": Counter(), "items": Counter(), "read": Counter()}

    def watch(_endpoint, request, response):
        op = dynamodb_operation(request)
        if op is None:
            return
        seen["ops"][op] += 1
        with contextlib.suppress(ValueError):
            body = json.loads(response.content or b"{}")
            got = (len(body["Items"]) if "Items" in body
                   else sum(len(v) for v in body["Responses"].values())
                   if "Responses" in body and op == "BatchGetItem"
                   else 1 if "Item" in body else 0)
            seen["items"][op] += got
            seen["read"][op] += body.get("ScannedCount", got)

    with watching_sends(watch):
        yield seen


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile (with 50 samples, p99 is the slowest one)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def median(values: list[float]) -> float:
    return statistics.median(values)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        with open("/proc/cpuinfo") as info:
            cpu = next((line.split(":", 1)[1].strip() for line in info
                        if line.startswith("model name")), cpu)
    load = ", load avg {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()) if hasattr(os, "getloadavg") else ""
    return (f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores ({cpu}), "
            f"Python {sys.version.split()[0]}, {platform.system()} {platform.release()}{load}")


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain-text table, columns padded to their widest cell."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in [headers, ["-" * w for w in widths], *rows]]
    return "\n".join(lines)
