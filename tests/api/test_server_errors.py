"""Issue 12, item 9: a server error says what happened in plain words and names the request, and
never carries the exception's text (which may quote a customer's data or the code's insides)."""

from __future__ import annotations

import json

import pytest

from chalicelib.modules.orders import usecases as orders
from tests.conftest import token_for

LEAK = 'Traceback (most recent call last):\n  File "usecases.py", line 1\nKeyError: \'张三 13800000000\''


@pytest.fixture
def broken_orders(monkeypatch):
    def fail(*_args, **_kwargs):
        raise KeyError(LEAK)

    monkeypatch.setattr(orders, "list_orders", fail)


def _call(client, method: str, lang: str, headers: dict | None = None):
    reply = getattr(client.http, method)("/api/work-orders", headers={
        "Authorization": f"Bearer {token_for('sz_agent')}", "Accept-Language": lang,
        **(headers or {})})
    return reply.status_code, json.loads(reply.body), reply.headers


@pytest.mark.parametrize(("lang", "message"), [("zh-CN", "服务器内部错误，请稍后重试"),
                                               ("en", "Internal error; please try again later")])
def test_an_unexpected_failure_is_a_500_without_the_exception_text(client, broken_orders, lang, message):
    status, body, headers = _call(client, "get", lang)
    assert status == 500
    assert set(body) == {"error"}
    error = body["error"]
    assert error["code"] == "internal_error" and error["message"] == message and error["fields"] == {}
    text = json.dumps(body, ensure_ascii=False)
    for leaked in ("Traceback", "KeyError", "张三", "13800000000", "usecases.py"):
        assert leaked not in text


def test_a_server_error_names_the_request_it_failed_in(client, broken_orders):
    status, body, headers = _call(client, "get", "zh-CN", {"X-Correlation-Id": "spa-req-42"})
    assert status == 500
    assert body["error"]["request_id"] == "spa-req-42" == headers["X-Correlation-Id"]
    status, body, headers = _call(client, "get", "zh-CN")
    assert status == 500
    assert body["error"]["request_id"] == headers["X-Correlation-Id"] and body["error"]["request_id"]


def test_a_refusal_names_no_request(client):
    """Only a server error carries the id: a refusal says what to fix instead."""
    reply = client.http.get("/api/work-orders/nope", headers={
        "Authorization": f"Bearer {token_for('sz_agent')}"})
    assert reply.status_code == 404
    assert "request_id" not in json.loads(reply.body)["error"]
