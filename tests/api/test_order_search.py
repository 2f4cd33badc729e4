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


# ---------------------------------------------------------------- pages that the filters thin out

@pytest.fixture(scope="module")
def busy_day(api):
    """On 2 May 2013 (no other test uses that month): sz_tech2's one job, then 21 newer orders of
    the same outlet that are not theirs, all of one customer."""
    customer = _customer(api, "SZ", "繁忙网点客户", "13355550004")
    moment = datetime(2013, 5, 2, 1, tzinfo=UTC)
    mine = _order(api, "SZ", customer, moment)
    mine = api.act(mine, "dispatch", "sz_manager", {"technician": "sz_tech2"}).body
    others = [_order(api, "SZ", customer, moment.replace(minute=n + 1)) for n in range(21)]
    yield {"mine": mine, "others": others, "customer": customer}
    for order in [mine, *others]:
        current = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
        api.act(current, "cancel", "sz_manager", STEP_DATA["cancel"])


def test_a_technician_finds_their_job_behind_a_page_of_other_peoples(api, busy_day):
    """The first 20 numbers of the day are not the technician's: the page reads on."""
    reply = api.get("/api/work-orders?q=SZ-20130502", "sz_tech2")
    assert reply.status == 200, reply.body
    assert [o["number"] for o in reply.body["items"]] == [busy_day["mine"]["number"]]


def test_a_page_short_of_matches_after_its_reads_answers_with_a_cursor(api, busy_day):
    """Reading at most 5 requests of `limit` numbers: with limit=2 the technician's job is
    beyond the first page's reads; the cursor leads on to it, the list is never wrongly empty."""
    seen, cursor, pages = [], None, 0
    while True:
        more = f"&cursor={cursor}" if cursor else ""
        reply = api.get(f"/api/work-orders?q=SZ-20130502&limit=2{more}", "sz_tech2")
        assert reply.status == 200, reply.body
        pages += 1
        seen += [o["number"] for o in reply.body["items"]]
        cursor = reply.body["next_cursor"]
        if not cursor:
            break
        assert pages < 10
    assert seen == [busy_day["mine"]["number"]] and pages > 1


def test_a_name_search_says_when_it_shows_only_the_newest(api, busy_day):
    cut = api.get("/api/work-orders?q=繁忙网点客户&limit=5", "sz_agent").body
    assert len(cut["items"]) == 5 and cut["truncated"] is True and cut["next_cursor"] is None
    assert [o["number"] for o in cut["items"]] == [o["number"] for o in busy_day["others"][::-1][:5]]
    whole = api.get("/api/work-orders?q=繁忙网点客户&limit=22", "sz_agent").body
    assert len(whole["items"]) == 22 and whole["truncated"] is False
    # the technician sees their one job of the customer's 22: the rest were read, none left out
    assert api.get("/api/work-orders?q=繁忙网点客户&limit=22", "sz_tech2").body["truncated"] is False


def test_an_order_view_carries_the_agreed_visit(api, busy_day):
    found = api.get(f"/api/work-orders?q={busy_day['mine']['number']}", "sz_tech2").body["items"]
    assert [row["id"] for row in found] == [busy_day["mine"]["id"]]
    mine = api.get(f"/api/work-orders/{busy_day['mine']['id']}", "sz_tech2").body
    assert mine["agreed_visit_at"] is None  # not contacted yet


def test_the_network_lists_oldest_month_is_kept_only_once_found(monkeypatch):
    """No orders yet is not kept: the first order shows in the network list at once."""
    from chalicelib.modules.orders import usecases

    first = {"month": None}
    monkeypatch.setattr(usecases, "_network_floor", (0.0, None))
    monkeypatch.setattr(usecases.store, "first_order_month", lambda outlet: first["month"])
    assert usecases._first_month() is None
    first["month"] = "2026-01"
    assert usecases._first_month() == "2026-01"
    first["month"] = "2025-01"
    assert usecases._first_month() == "2026-01"  # found: kept for a minute
