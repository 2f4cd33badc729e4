"""Issue 10, item 3: cursors reveal nothing and cannot be forged; a filter never reads another
outlet's partition for a caller who may not see it."""

from __future__ import annotations

import base64
import json

import pytest

from tests.conftest import customer_of


def _decodes_to_json(cursor: str) -> bool:
    try:
        json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return True
    except ValueError:
        return False


def test_a_cursor_is_opaque(api, new_order):
    orders = [new_order() for _ in range(3)]
    page = api.get("/api/work-orders?limit=1", "sz_manager")
    cursor = page.body["next_cursor"]
    assert cursor and not _decodes_to_json(cursor)
    raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
    # the plain key would name the order and its outlet's partition; two random bytes can spell
    # "SZ" (about one cursor in 300), so the check looks for the markers no chance produces
    for order in orders:
        assert order["id"].encode() not in raw and b"OUTLET#SZ" not in raw and b"OUTLET" not in raw
    following = api.get(f"/api/work-orders?limit=1&cursor={cursor}", "sz_manager")
    assert following.status == 200 and following.body["items"]
    assert following.body["items"][0]["id"] != page.body["items"][0]["id"]


def test_another_outlets_technician_filter_reads_nothing_of_that_outlet(api, new_order, walk):
    walk(new_order("SZ"), ["dispatch"])
    walk(new_order("SZ"), ["dispatch"])
    reply = api.get("/api/work-orders?technician=sz_tech1&limit=1", "cd_manager")
    assert reply.status == 200
    assert reply.body == {"items": [], "next_cursor": None}


def test_another_outlets_customer_filter_reads_nothing_of_that_outlet(api, new_order):
    new_order("SZ")
    sz_customer = customer_of(api, "SZ")
    for name in ("customer", "equipment"):
        value = sz_customer["id"] if name == "customer" else sz_customer["equipment"][0]["id"]
        reply = api.get(f"/api/work-orders?{name}={value}&limit=1", "cd_manager")
        assert reply.body == {"items": [], "next_cursor": None}


@pytest.mark.parametrize("path", ["/api/work-orders", "/api/customers", "/api/notifications"])
@pytest.mark.parametrize("cursor", ["eyJhIjoiYiJ9", "AQ", "not base64!", "%00", "A" * 200])
def test_a_forged_cursor_is_400(api, path, cursor):
    reply = api.get(f"{path}?cursor={cursor}", "sz_manager")
    assert reply.status == 400 and "cursor" in reply.error["fields"], reply.body


def test_a_tampered_cursor_is_400(api, new_order):
    new_order(), new_order()
    cursor = api.get("/api/work-orders?limit=1", "sz_manager").body["next_cursor"]
    raw = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[-1] ^= 1
    tampered = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    reply = api.get(f"/api/work-orders?limit=1&cursor={tampered}", "sz_manager")
    assert reply.status == 400 and "cursor" in reply.error["fields"]


def test_a_cursor_works_only_for_its_caller_and_its_query(api, new_order):
    new_order(), new_order()
    cursor = api.get("/api/work-orders?limit=1", "sz_manager").body["next_cursor"]
    assert api.get(f"/api/work-orders?limit=1&cursor={cursor}", "sz_manager").status == 200
    # the same cursor from another user, or with another filter, is refused
    assert api.get(f"/api/work-orders?limit=1&cursor={cursor}", "sz_agent").status == 400
    assert api.get(f"/api/work-orders?limit=1&cursor={cursor}", "hq_admin").status == 400
    assert api.get(f"/api/work-orders?limit=1&priority=urgent&cursor={cursor}",
                   "sz_manager").status == 400
    # the page size may change from one page to the next
    assert api.get(f"/api/work-orders?limit=5&cursor={cursor}", "sz_manager").status == 200


def test_a_cursor_of_one_list_is_refused_by_another(api, new_order):
    new_order(), new_order()
    cursor = api.get("/api/work-orders?limit=1", "sz_manager").body["next_cursor"]
    assert api.get(f"/api/customers?limit=1&cursor={cursor}", "sz_manager").status == 400
    assert api.get(f"/api/notifications?limit=1&cursor={cursor}", "sz_manager").status == 400
