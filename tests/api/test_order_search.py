"""The order list's search (GET /api/work-orders?q=...): the beginning of an order number, or
of the customer's name or phone; nothing of another outlet; head office across outlets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib.kernel.store import keys
from tests.conftest import STEP_DATA


def _customer(api, outlet: str, name: str, phone: str) -> dict:
    reply = api.post("/api/customers", f"{outlet.lower()}_agent", {
        "name": name, "phone": phone, "site": {"name": "总厂", "address": "测试路 9 号"}})
    assert reply.status == 201, reply.body
    return reply.body


def _order(api, outlet: str, customer: dict, moment: datetime | None = None) -> dict:
    keys.set_clock((lambda: moment) if moment else None)
    try:
        reply = api.post("/api/work-orders", f"{outlet.lower()}_agent", {
            "customer_id": customer["id"], "type": "repair", "priority": "general",
            "channel": "phone", "description": "搜索测试"})
    finally:
        keys.set_clock(None)
    assert reply.status == 201, reply.body
    return reply.body


@pytest.fixture(scope="module")
def found(api):
    """Two customers of the same name beginning in SZ and CD, one in SZ with a distinct phone;
    orders on 7 and 8 March 2013 (no other test uses that month) for the number searches."""
    sz = _customer(api, "SZ", "寻源精工 深圳厂", "13377770001")
    cd = _customer(api, "CD", "寻源精工 成都厂", "02877770002")
    other = _customer(api, "SZ", "另一家公司", "13466660003")
    orders = {
        "sz1": _order(api, "SZ", sz, datetime(2013, 3, 7, 3, tzinfo=UTC)),
        "sz2": _order(api, "SZ", sz, datetime(2013, 3, 8, 3, tzinfo=UTC)),
        "cd1": _order(api, "CD", cd, datetime(2013, 3, 7, 5, tzinfo=UTC)),
        "other": _order(api, "SZ", other, datetime(2013, 3, 8, 5, tzinfo=UTC)),
    }
    yield orders
    for order in orders.values():
        manager = f"{order['outlet'].lower()}_manager"
        api.act(order, "cancel", manager, STEP_DATA["cancel"])


def _search(api, user: str, q: str, extra: str = "") -> list[str]:
    reply = api.get(f"/api/work-orders?q={q}{extra}", user)
    assert reply.status == 200, reply.body
    return [o["number"] for o in reply.body["items"]]


def test_search_by_customer_name_finds_their_orders_newest_first(api, found):
    assert _search(api, "sz_agent", "寻源精工") == [found["sz2"]["number"], found["sz1"]["number"]]
    # inner spaces and case do not matter, as in the customer lookup
    assert _search(api, "sz_agent", "寻源 精工深圳") == [found["sz2"]["number"],
                                                       found["sz1"]["number"]]


def test_search_by_phone_finds_the_customers_orders(api, found):
    assert _search(api, "sz_manager", "1346666") == [found["other"]["number"]]
    assert _search(api, "cd_agent", "0287777") == [found["cd1"]["number"]]


def test_search_by_the_beginning_of_an_order_number(api, found):
    assert _search(api, "sz_agent", "SZ-20130308") == [found["other"]["number"],
                                                       found["sz2"]["number"]]
    assert _search(api, "sz_agent", "sz-201303") == [found["other"]["number"],
                                                     found["sz2"]["number"], found["sz1"]["number"]]
    exact = found["sz1"]["number"]
    assert _search(api, "sz_agent", exact) == [exact]


def test_a_search_with_no_match_answers_an_empty_list(api, found):
    assert _search(api, "sz_agent", "没有这个客户") == []
    assert _search(api, "sz_agent", "SZ-19990101") == []
    assert _search(api, "sz_agent", "1999999") == []


def test_another_outlets_orders_are_never_found(api, found):
    assert found["cd1"]["number"] not in _search(api, "sz_agent", "寻源精工")
    assert _search(api, "sz_agent", "CD-201303") == []
    assert _search(api, "sz_manager", "0287777") == []
    assert api.get("/api/work-orders?q=寻源&outlet=CD", "sz_agent").status == 404


def test_head_office_searches_across_outlets_or_in_one(api, found):
    both = _search(api, "hq_admin", "寻源精工")
    assert set(both) == {found[n]["number"] for n in ("sz1", "sz2", "cd1")}
    assert both == sorted(both, key=lambda n: {found[k]["number"]: found[k]["created_at"]
                                               for k in found}[n], reverse=True)
    assert _search(api, "hq_admin", "寻源精工", "&outlet=CD") == [found["cd1"]["number"]]
    assert _search(api, "hq_admin", "CD-201303") == [found["cd1"]["number"]]


def test_a_technician_finds_only_their_own_jobs(api, found):
    assert _search(api, "sz_tech3", "寻源精工") == []
    mine = api.act(found["sz1"], "dispatch", "sz_manager", {"technician": "sz_tech3"}).body
    found["sz1"] = mine
    assert _search(api, "sz_tech3", "寻源精工") == [mine["number"]]
    assert _search(api, "sz_tech3", "SZ-201303") == [mine["number"]]


def test_the_lists_filters_narrow_a_search(api, found):
    assert _search(api, "hq_admin", "寻源精工", "&outlet=SZ&from=2013-03-08&to=2013-03-08") == [
        found["sz2"]["number"]]
    assert _search(api, "sz_agent", "SZ-201303", "&state=cancelled") == []


def test_an_empty_search_is_refused_naming_q(api):
    for q in ("%20%20", ""):
        reply = api.get(f"/api/work-orders?q={q}", "sz_agent")
        assert reply.status == 400 and "q" in reply.error["fields"]
