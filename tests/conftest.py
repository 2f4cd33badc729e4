"""Shared fixtures: one moto server per test session, with the real tables, bucket and user pool
created by the bootstrap, the demo outlets and staff, and real Cognito tokens.

The stack starts when this module is imported so that every `chalicelib` import (PynamoDB reads
its table name at class creation) sees the local endpoint.
"""

from __future__ import annotations

import io
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import jwt
import pytest
import requests

os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")

from infra.local.demo_data import DEMO_PASSWORD  # noqa: E402
from infra.local.stack import start_local_aws  # noqa: E402

# chalicelib reads its settings when first imported: start the local AWS before that.
MOTO, ENV = start_local_aws(seed_orders=None)

from infra.local import seed as demo  # noqa: E402
from infra.local import streams  # noqa: E402

demo.create_outlets()
demo.create_users(ENV["FUWU_USER_POOL_ID"])
# What every test file starts from: the tables as they are now (outlets, staff, the bootstrap's
# reference items). `fresh_tables` puts them back after each file, so that no file reads what
# another left (a board full of other files' orders, their future-dated orders on a list's first
# page) and no file pays for the items of the files before it.
FRESH_TABLES = MOTO.snapshot_tables()

from chalice.test import Client  # noqa: E402

from app import app  # noqa: E402
from tests.openapi_check import check_response  # noqa: E402


@pytest.fixture(scope="session")
def stack():
    return ENV


@pytest.fixture(scope="session")
def local_server():
    """The app over real HTTP on a free loopback port, as `make run` serves it (API and SPA)."""
    from infra.local.moto_stack import free_port
    from infra.local.server import start_in_thread

    port = free_port()
    server = start_in_thread(app, "127.0.0.1", port)
    yield f"http://127.0.0.1:{port}"
    server.shutdown()


def race(n: int, attempt) -> list:
    """Start n threads together on `attempt()` and return their replies."""
    import threading

    replies, barrier, lock = [], threading.Barrier(n), threading.Lock()

    def run():
        barrier.wait()
        reply = attempt()
        with lock:
            replies.append(reply)

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return replies


@pytest.fixture(scope="session")
def client():
    with Client(app) as test_client:
        yield test_client


@pytest.fixture
def real_codes(monkeypatch):
    """moto checks TOTP codes (it accepts any code otherwise)."""
    monkeypatch.setenv("MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP", "true")


@pytest.fixture
def hq_mfa_required(monkeypatch):
    """FUWU_REQUIRE_HQ_MFA on, as on AWS (infra/local turns it off for the demo)."""
    from chalicelib.kernel.config import settings

    with monkeypatch.context() as patch:
        patch.setenv("FUWU_REQUIRE_HQ_MFA", "1")
        settings.cache_clear()
        assert settings().require_hq_mfa
        yield
    settings.cache_clear()
    assert not settings().require_hq_mfa


_tokens: dict[str, tuple[str, float]] = {}


def token_for(username: str) -> str:
    """The user's ID token, signed in again when it has less than 10 minutes left: Cognito's
    tokens last an hour, and a worker's session on a slow machine can last longer."""
    token, expires = _tokens.get(username, ("", 0.0))
    if expires - time.time() < 600:
        with Client(app) as c:
            response = c.http.post("/api/auth/login", body=json.dumps(
                {"username": username, "password": DEMO_PASSWORD}),
                headers={"Content-Type": "application/json", "X-Fuwu-Session": "1"})
        assert response.status_code == 200, response.body
        token = json.loads(response.body)["id_token"]
        expires = jwt.decode(token, options={"verify_signature": False})["exp"]
        _tokens[username] = (token, expires)
    return token


@dataclass
class Reply:
    status: int
    body: dict
    headers: dict

    @property
    def error(self) -> dict:
        return self.body["error"]


class Api:
    """Calls the API like the SPA does and checks every reply against the OpenAPI document."""

    def __init__(self, test_client: Client):
        self.client = test_client

    def call(self, method: str, path: str, user: str | None = None, body: object = None,
             headers: dict | None = None, token: str | None = None, raw: bytes | None = None) -> Reply:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if user:
            all_headers["Authorization"] = f"Bearer {token_for(user)}"
        elif token:
            all_headers["Authorization"] = f"Bearer {token}"
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        response = getattr(self.client.http, method.lower())(path, body=payload, headers=all_headers)
        parsed = json.loads(response.body) if response.body else {}
        check_response(method, path, response.status_code, parsed)
        return Reply(response.status_code, parsed, dict(response.headers))

    def get(self, path: str, user: str | None = None, **kw) -> Reply:
        return self.call("GET", path, user, **kw)

    def post(self, path: str, user: str | None = None, body: object = None, **kw) -> Reply:
        return self.call("POST", path, user, body, **kw)

    def act_on(self, base: str, subject: dict, action: str, user: str, data: dict | None = None,
               version: int | None = None) -> Reply:
        """POST <base>/<id>/actions/<action> on a versioned subject (a work order, a complaint,
        a consultation…) with the version it was read at (or `version`) and the action's data."""
        return self.post(f"{base}/{subject['id']}/actions/{action}", user,
                         {"version": version if version is not None else subject["version"],
                          "data": data or {}})

    def act(self, order: dict, action: str, user: str, data: dict | None = None,
            version: int | None = None) -> Reply:
        return self.act_on("/api/work-orders", order, action, user, data, version)


def every_page(api: Api, path: str, user: str, headers: dict | None = None) -> list[dict]:
    """Every item of a cursor-paged list (pages of 100): on the shared stack other tests' items
    may come first."""
    items, cursor = [], None
    joiner = "&" if "?" in path else "?"
    while True:
        reply = api.get(f"{path}{joiner}limit=100" + (f"&cursor={cursor}" if cursor else ""),
                        user, headers=headers)
        assert reply.status == 200, reply.body
        items += reply.body["items"]
        cursor = reply.body["next_cursor"]
        if not cursor:
            return items


def inbox(api: Api, user: str, lang: str | None = None) -> list[dict]:
    """Every item of the user's inbox, newest first (a sweep on the shared stack may have told
    them of hundreds of other tests' clocks since)."""
    return every_page(api, "/api/notifications", user,
                      {"Accept-Language": lang} if lang else None)


@pytest.fixture(scope="session")
def api(client) -> Api:
    return Api(client)


_customers: dict[str, dict] = {}


@pytest.fixture(scope="module", autouse=True)
def fresh_tables():
    """After each test file (its own module fixtures' teardown included): the DynamoDB tables
    back to FRESH_TABLES, and what this process remembered of them forgotten — the customers
    made by `customer_of`, the app's directory, clock-policy and network-list caches. Cognito's
    users, S3's objects and the session's tokens stay."""
    yield
    MOTO.restore_tables(FRESH_TABLES)
    streams.skip_to_latest()  # the next file's mails are its own
    _customers.clear()
    from chalicelib.modules.directory import usecases as directory
    from chalicelib.modules.orders import usecases as orders
    from chalicelib.modules.sla import clocks

    directory.forget_all()
    clocks.forget_cached()
    orders.forget_network_floor()


def new_customer(api: Api, name: str, phone: str, serial: str, outlet: str = "SZ") -> dict:
    """A customer recorded through the API (as the outlet's agent) with one site and one unit."""
    reply = api.post("/api/customers", f"{outlet.lower()}_agent", {
        "name": name, "phone": phone, "address": "测试地址",
        "site": {"name": "一号厂区", "address": "测试路 1 号"},
        "equipment": {"model": "冷水机组 LS-500", "serial_no": serial}})
    assert reply.status == 201, reply.body
    return reply.body


def customer_of(api: Api, outlet: str) -> dict:
    if outlet not in _customers:
        _customers[outlet] = new_customer(
            api, f"测试客户{outlet}", "13512345678" if outlet == "SZ" else "02887654321",
            f"T-{outlet}-001", outlet)
    return _customers[outlet]


@pytest.fixture
def new_order(api):
    """Record a fresh order through the API (as the outlet's agent) and return its detail."""

    def make(outlet: str = "SZ", **fields) -> dict:
        customer = customer_of(api, outlet)
        payload = {"customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
                   "equipment_id": customer["equipment"][0]["id"], "type": "repair",
                   "priority": "general", "channel": "phone", "description": "空调不制冷",
                   **fields}
        reply = api.post("/api/work-orders", f"{outlet.lower()}_agent", payload)
        assert reply.status == 201, reply.body
        return reply.body

    return make


# Data each action needs (valid), and who takes it in the happy path.
NOW = "2026-01-01T08:00:00Z"
STEP_DATA = {
    "dispatch": {"technician": "sz_tech1", "helpers": ["sz_tech2"]},
    "reassign": {"technician": "sz_tech2", "reason": "原工程师请假"},
    "contact": {"contacted_at": NOW, "visit_at": "2026-01-01T10:00:00Z"},
    "check_in": {"arrived_at": NOW, "geo": {"lat": 22.5, "lng": 114.0}},
    "survey": {"findings": "压缩机不启动", "cause": "接触器烧蚀", "impact": "一号车间停产"},
    "submit_plan": {"measures": "更换接触器", "parts_tools": "接触器、万用表",
                    "estimated_hours": 2.5, "staff": ["张伟"]},
    "revise_plan": {"measures": "更换接触器和过载继电器", "parts_tools": "接触器、继电器",
                    "estimated_hours": 4, "staff": ["张伟", "刘洋"]},
    "approve_plan": {"comment": "同意"},
    "reject_plan": {"comment": "补充安全措施"},
    "complete": {"fault_cause": "接触器烧蚀", "solution": "更换接触器",
                 "parts_replaced": [{"name": "接触器 CJX2-25", "quantity": 1}]},
    "accept": {"customer_name": "陈先生", "opinion": "满意", "satisfied": True},
    "object": {"reason": "仍有异响"},
    "return_visit": {"channel": "phone", "scores": {"attitude": 5, "skill": 4, "punctuality": 5,
                                                    "result": 5, "overall": 5},
                     "comments": "很好"},
    "archive": {"summary": "归档"},
    "hold": {"reason": "等待配件", "kind": "parts"},
    "resume": {"reason": "配件到货"},
    "cancel": {"reason": "客户取消"},
}
ACTOR = {"dispatch": "sz_manager", "reassign": "sz_manager", "approve_plan": "sz_manager",
         "reject_plan": "sz_manager", "archive": "sz_manager", "cancel": "sz_manager",
         "return_visit": "sz_agent"}
HAPPY_PATH = ["dispatch", "contact", "check_in", "survey", "submit_plan", "approve_plan",
              "complete", "accept", "return_visit", "archive"]


def actor_for(action: str) -> str:
    return ACTOR.get(action, "sz_tech1")


FIXTURES = Path(__file__).with_name("fixtures")
PHOTO = (FIXTURES / "site_photo.jpg").read_bytes()


def signature_png() -> bytes:
    """A customer's signature as the SPA's pad exports it: ink strokes on white, PNG."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 240), "white")
    ImageDraw.Draw(image).line([(40, 180), (120, 60), (200, 170), (300, 70), (420, 160),
                                (560, 90)], fill="black", width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def slot(api: Api, order: dict, user: str, kind: str = "photo", category: str = "after",
         content_type: str = "image/jpeg", size: int | None = None) -> Reply:
    return api.post(f"/api/work-orders/{order['id']}/attachments", user,
                    {"kind": kind, "category": category, "content_type": content_type,
                     "size": size if size is not None else len(PHOTO)})


def post_form(upload: dict, body: bytes, content_type: str, fields: dict | None = None):
    """What the browser does: a multipart POST of the presigned form straight to S3 (moto)."""
    return requests.post(upload["url"], data={**upload["fields"], **(fields or {})},
                         files={"file": ("upload", body, content_type)}, timeout=30)


def upload(api: Api, order: dict, user: str, body: bytes = PHOTO, kind: str = "photo",
           category: str = "after", content_type: str = "image/jpeg") -> dict:
    """Slot, real HTTP upload to S3, confirm: a verified attachment."""
    granted = slot(api, order, user, kind, category, content_type, len(body))
    assert granted.status == 201, granted.body
    sent = post_form(granted.body["upload"], body, content_type)
    assert sent.status_code in (200, 201, 204), sent.text
    confirmed = api.post(f"/api/work-orders/{order['id']}/attachments/"
                         f"{granted.body['attachment']['id']}/confirm", user)
    assert confirmed.status == 200, confirmed.body
    return confirmed.body


def evidence_for(api: Api, order: dict, action: str, user: str, data: dict) -> dict:
    """What the happy path needs besides the step data: the required photos before
    completion, the customer's signature at an on-site acceptance."""
    if action == "complete":
        for category in order.get("evidence", {}).get("missing", []):
            upload(api, order, user, category=category)
    if action == "accept" and user.split("_")[-1].startswith("tech") and "signature_id" not in data:
        signed = upload(api, order, user, signature_png(), "signature", "signature", "image/png")
        data = {**data, "signature_id": signed["id"]}
    return data


@pytest.fixture
def walk(api):
    """Apply actions in order with their happy-path actors (uploading the evidence they need);
    return the final detail."""

    def run(order: dict, actions: list[str]) -> dict:
        for action in actions:
            data = evidence_for(api, order, action, actor_for(action), STEP_DATA[action])
            reply = api.act(order, action, actor_for(action), data)
            assert reply.status == 200, (action, reply.body)
            order = reply.body
        return order

    return run


def walk_at(api: Api, order: dict, at, actions: list[str], gaps: dict | None = None):
    """The happy-path actors take `actions` at controlled times, each 10 minutes after the
    previous one (or as `gaps` says); returns the order and the time of the last action."""
    from datetime import timedelta

    from chalicelib.kernel.store import keys

    for action in actions:
        at += (gaps or {}).get(action, timedelta(minutes=10))
        keys.set_clock(lambda at=at: at)
        try:
            data = evidence_for(api, order, action, actor_for(action), STEP_DATA[action])
            reply = api.act(order, action, actor_for(action), data)
        finally:
            keys.set_clock(None)
        assert reply.status == 200, (action, reply.body)
        order = reply.body
    return order, at
