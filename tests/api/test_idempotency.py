"""A phone on a flaky connection retries: the same Idempotency-Key never makes a duplicate."""

from __future__ import annotations

import threading
import uuid

from tests.conftest import customer_of


def _payload(api, own_customer: bool = False) -> dict:
    """An intake body; `own_customer`: for a fresh customer, whose orders a test counts (the
    shared one collects orders from every test of the session, past one page)."""
    customer = (api.post("/api/customers", "sz_agent", {
        "name": f"重试测试客户{uuid.uuid4().hex[:8]}", "phone": "13900001111"}).body
        if own_customer else customer_of(api, "SZ"))
    return {"customer_id": customer["id"], "type": "repair", "priority": "urgent",
            "channel": "phone", "description": "重试测试"}


def _customer_orders(api, customer_id: str) -> list[str]:
    return [o["id"] for o in api.get(f"/api/work-orders?customer={customer_id}&limit=100",
                                     "sz_manager").body["items"]]


def test_retry_with_the_same_key_returns_the_first_order(api):
    key = str(uuid.uuid4())
    payload = _payload(api, own_customer=True)
    before = _customer_orders(api, payload["customer_id"])
    first = api.post("/api/work-orders", "sz_agent", payload, headers={"Idempotency-Key": key})
    again = api.post("/api/work-orders", "sz_agent", payload, headers={"Idempotency-Key": key})
    assert first.status == again.status == 201
    assert again.body["id"] == first.body["id"] and again.body["number"] == first.body["number"]
    after = _customer_orders(api, payload["customer_id"])
    assert len(before) == 0 and after == [first.body["id"]]


def test_concurrent_retries_make_one_order(api):
    key = str(uuid.uuid4())
    payload = _payload(api, own_customer=True)
    before = _customer_orders(api, payload["customer_id"])
    replies = []
    barrier = threading.Barrier(8)

    def send():
        barrier.wait()
        replies.append(api.post("/api/work-orders", "sz_agent", payload,
                                headers={"Idempotency-Key": key}))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {r.status for r in replies} == {201}
    assert len({r.body["id"] for r in replies}) == 1
    assert before == [] and _customer_orders(api, payload["customer_id"]) == [replies[0].body["id"]]


def test_same_key_with_a_different_body_is_409(api):
    key = str(uuid.uuid4())
    payload = _payload(api)
    assert api.post("/api/work-orders", "sz_agent", payload,
                    headers={"Idempotency-Key": key}).status == 201
    reply = api.post("/api/work-orders", "sz_agent", {**payload, "description": "别的内容"},
                     headers={"Idempotency-Key": key})
    assert reply.status == 409 and reply.error["code"] == "idempotency_conflict"


def test_keys_are_per_user(api):
    key = str(uuid.uuid4())
    payload = _payload(api)
    a = api.post("/api/work-orders", "sz_agent", payload, headers={"Idempotency-Key": key})
    b = api.post("/api/work-orders", "sz_manager", payload, headers={"Idempotency-Key": key})
    assert a.body["id"] != b.body["id"]


def test_customer_creation_is_idempotent_too(api):
    key = str(uuid.uuid4())
    body = {"name": "幂等客户", "phone": "13611112222"}
    first = api.post("/api/customers", "sz_agent", body, headers={"Idempotency-Key": key})
    again = api.post("/api/customers", "sz_agent", body, headers={"Idempotency-Key": key})
    assert first.status == again.status == 201 and first.body["id"] == again.body["id"]
    found = api.get("/api/customers?q=幂等客户", "sz_agent").body["items"]
    assert [c["id"] for c in found] == [first.body["id"]]


def test_oversized_key_is_400(api):
    reply = api.post("/api/work-orders", "sz_agent", _payload(api),
                     headers={"Idempotency-Key": "k" * 129})
    assert reply.status == 400 and "Idempotency-Key" in reply.error["fields"]
