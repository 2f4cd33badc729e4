"""Issue 10, item 4: every refusal — Chalice's own and the gateway's too — comes in the error
envelope `{"error": {"code", "message", "fields"}}`, in the caller's language."""

from __future__ import annotations

import json

import pytest
import requests

from tests.conftest import token_for


def _envelope(body: dict, code: str) -> dict:
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code and body["error"]["message"], body
    return body["error"]


def test_a_non_json_content_type_is_415_in_the_envelope(api):
    reply = api.post("/api/customers", "sz_agent", raw=b"name=x",
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 415
    assert "JSON" in _envelope(reply.body, "unsupported_media_type")["message"]


def test_an_unsupported_method_is_405_in_the_envelope_in_english(client):
    # not through `api`: an operation the document does not have cannot be checked against it
    reply = client.http.delete("/api/work-orders", headers={
        "Authorization": f"Bearer {token_for('sz_agent')}", "Accept-Language": "en"})
    assert reply.status_code == 405
    body = json.loads(reply.body)
    assert _envelope(body, "method_not_allowed")["message"].startswith("This address")
    assert "GET" in reply.headers.get("allow", reply.headers.get("Allow", ""))


@pytest.fixture(scope="module")
def server(local_server):
    return local_server


@pytest.mark.parametrize("method", ["GET", "POST", "DELETE"])
def test_an_unknown_api_path_is_404_in_the_envelope(server, method):
    reply = requests.request(method, f"{server}/api/no-such-thing", timeout=10,
                             headers={"Authorization": f"Bearer {token_for('sz_agent')}"})
    assert reply.status_code == 404
    assert reply.headers["Content-Type"].startswith("application/json")
    assert _envelope(reply.json(), "not_found")["message"] == "不存在的接口地址"
    english = requests.request(method, f"{server}/api/no-such-thing", timeout=10,
                               headers={"Accept-Language": "en-GB,en;q=0.8"})
    assert _envelope(english.json(), "not_found")["message"] == "No such API address"


def test_chalice_refusals_over_real_http_use_the_envelope(server):
    token = token_for("sz_agent")
    reply = requests.post(f"{server}/api/customers", data="x", timeout=10, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "text/plain"})
    assert reply.status_code == 415
    _envelope(reply.json(), "unsupported_media_type")
    reply = requests.put(f"{server}/api/work-orders", json={}, timeout=10,
                         headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code == 405
    _envelope(reply.json(), "method_not_allowed")
