"""Head office's network list (GET /api/work-orders without an outlet): every outlet's orders,
newest first, paged across the month partitions of orders7; filters by outlet, state, priority,
technician and dates; an outlet's people stay within their outlet; no request scans."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pynamodb.connection.base import Connection

from chalicelib.kernel.store import keys
from chalicelib.modules.orders import usecases
from tests.conftest import STEP_DATA, customer_of

# The orders of this module live in January and February 2012 (no other test uses those
# months), so the network's pages can be asserted exactly.
WINDOW = "from=2012-01-01&to=2012-02-29"


def _record(api, outlet: str, moment: datetime, priority: str = "general") -> dict:
    customer = customer_of(api, outlet)
    keys.set_clock(lambda: moment)
    try:
        reply = api.post("/api/work-orders", f"{outlet.lower()}_agent", {
            "customer_id": customer["id"], "type": "repair", "priority": priority,
            "channel": "phone", "description": "网络列表测试"})
    finally:
        keys.set_clock(None)
    assert reply.status == 201, reply.body
    return reply.body


@pytest.fixture(scope="module")
def network(api):
    """A (SZ, 10 Jan), B (CD, 20 Jan, urgent), C (SZ, 5 Feb, urgent, dispatched to sz_tech1),
    D (CD, 15 Feb); cancelled afterwards so that their clocks stop."""
    a = _record(api, "SZ", datetime(2012, 1, 10, 4, tzinfo=UTC))
    b = _record(api, "CD", datetime(2012, 1, 20, 4, tzinfo=UTC), "urgent")
    c = _record(api, "SZ", datetime(2012, 2, 5, 4, tzinfo=UTC), "urgent")
    d = _record(api, "CD", datetime(2012, 2, 15, 4, tzinfo=UTC))
    c = api.act(c, "dispatch", "sz_manager", STEP_DATA["dispatch"]).body
    yield {"A": a, "B": b, "C": c, "D": d}
    for order, manager in ((a, "sz_manager"), (b, "cd_manager"), (c, "sz_manager"),
                           (d, "cd_manager")):
        current = api.get(f"/api/work-orders/{order['id']}", manager).body
        api.act(current, "cancel", manager, STEP_DATA["cancel"])


@pytest.fixture(autouse=True)
def fresh_floor(monkeypatch):
    """The network's oldest month is kept a minute; these orders were backdated meanwhile."""
    monkeypatch.setattr(usecases, "_network_floor", (0.0, None))


def _walk(api, user: str, query: str, limit: int) -> tuple[list[str], list[int]]:
    """Every page of a list: the numbers in order, and each page's size."""
    numbers, sizes, cursor = [], [], None
    for _ in range(50):
        path = f"/api/work-orders?{query}&limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        reply = api.get(path, user)
        assert reply.status == 200, reply.body
        numbers += [o["number"] for o in reply.body["items"]]
        sizes.append(len(reply.body["items"]))
        cursor = reply.body["next_cursor"]
        if cursor is None:
            return numbers, sizes
    raise AssertionError("the list never ended")


def _numbers(network, *names) -> list[str]:
    return [network[n]["number"] for n in names]


def test_head_office_sees_every_outlets_orders_newest_first_page_by_page(api, network):
    first = api.get(f"/api/work-orders?{WINDOW}&limit=3", "hq_admin")
    assert first.status == 200
    assert [o["number"] for o in first.body["items"]] == _numbers(network, "D", "C", "B")
    assert {o["outlet"] for o in first.body["items"]} == {"SZ", "CD"}
    assert first.body["next_cursor"]
    numbers, _ = _walk(api, "hq_admin", WINDOW, 3)
    assert numbers == _numbers(network, "D", "C", "B", "A")
    # one by one, across the month boundary, without gaps or repeats
    numbers, sizes = _walk(api, "hq_admin", WINDOW, 1)
    assert numbers == _numbers(network, "D", "C", "B", "A") and max(sizes) == 1


def test_without_dates_the_network_list_reaches_back_to_the_oldest_order(api, network):
    numbers, _ = _walk(api, "hq_admin", "priority=urgent", 100)
    assert numbers.index(network["C"]["number"]) < numbers.index(network["B"]["number"])
    assert network["A"]["number"] not in numbers  # general, filtered out


@pytest.mark.parametrize("query,expected", [
    ("outlet=CD", ("D", "B")),
    ("state=dispatched", ("C",)),
    ("priority=urgent", ("C", "B")),
    ("technician=sz_tech1", ("C",)),
    ("outlet=SZ&state=received", ("A",)),
])
def test_the_network_list_filters_by_outlet_state_priority_and_technician(
        api, network, query, expected):
    numbers, _ = _walk(api, "hq_admin", f"{WINDOW}&{query}", 20)
    assert numbers == _numbers(network, *expected)


def test_the_network_list_filters_by_dates_in_head_offices_days(api, network):
    numbers, _ = _walk(api, "hq_admin", "from=2012-02-01&to=2012-02-10", 20)
    assert numbers == _numbers(network, "C")
    numbers, _ = _walk(api, "hq_admin", "from=2012-01-15&to=2012-02-29&outlet=CD", 20)
    assert numbers == _numbers(network, "D", "B")


def test_an_unknown_technician_or_customer_lists_nothing_and_a_unit_needs_its_outlet(api, network):
    assert api.get("/api/work-orders?technician=nobody", "hq_admin").body["items"] == []
    assert api.get("/api/work-orders?customer=cust_unknown", "hq_admin").body["items"] == []
    unit = api.get("/api/work-orders?equipment=eq_1", "hq_admin")
    assert unit.status == 400 and "outlet" in unit.error["fields"]


def test_an_outlet_manager_sees_only_their_outlet_and_cannot_name_another(api, network):
    numbers, _ = _walk(api, "sz_manager", WINDOW, 20)
    assert numbers == _numbers(network, "C", "A")
    assert api.get(f"/api/work-orders?{WINDOW}&outlet=CD", "sz_manager").status == 404
    numbers, _ = _walk(api, "cd_agent", WINDOW, 20)
    assert numbers == _numbers(network, "D", "B")


def test_a_network_cursor_is_refused_for_another_filter(api, network):
    cursor = api.get(f"/api/work-orders?{WINDOW}&limit=1", "hq_admin").body["next_cursor"]
    reply = api.get(f"/api/work-orders?{WINDOW}&outlet=SZ&limit=1&cursor={cursor}", "hq_admin")
    assert reply.status == 400 and "cursor" in reply.error["fields"]


@pytest.fixture
def requests_made(monkeypatch):
    """Every Query the app sends (index and partition); a Scan fails the test."""
    made: list[tuple[str | None, str]] = []
    query = Connection.query

    def spy(self, table_name, hash_key, *args, **kwargs):
        made.append((kwargs.get("index_name"), hash_key))
        return query(self, table_name, hash_key, *args, **kwargs)

    def no_scan(*_args, **_kwargs):
        raise AssertionError("a Scan was sent")

    monkeypatch.setattr(Connection, "query", spy)
    monkeypatch.setattr(Connection, "scan", no_scan)
    return made


def test_a_network_page_is_a_query_of_the_month_partitions_not_of_every_outlet(
        api, network, requests_made):
    reply = api.get(f"/api/work-orders?{WINDOW}&limit=3", "hq_admin")
    assert [o["number"] for o in reply.body["items"]] == _numbers(network, "D", "C", "B")
    months = [("orders7", "NETWORK#ORDERS#2012-02"), ("orders7", "NETWORK#ORDERS#2012-01")]
    # where the network's list ends: one order of each outlet (then kept for a minute)
    floor = [("orders1", f"OUTLET#{code}#ORDERS") for code in ("CD", "HQ", "SZ")]
    directory = ("gsi1", "OUTLETS")  # the list of outlets (cached like every directory read)
    assert sorted(r for r in requests_made if r != directory) == sorted(floor + months)
    requests_made.clear()
    api.get(f"/api/work-orders?{WINDOW}&limit=3", "hq_admin")
    assert requests_made == months


def test_a_state_filter_on_one_outlet_still_reads_its_state_partition(api, network, requests_made):
    api.get(f"/api/work-orders?{WINDOW}&outlet=SZ&state=dispatched", "hq_admin")
    assert ("orders2", "OUTLET#SZ#STATE#dispatched") in requests_made
    assert not [r for r in requests_made if r[0] == "orders7"]


def test_an_export_without_outlets_covers_every_outlet_the_caller_may_see(api):
    body = {"kind": "orders", "format": "csv", "from": "2012-01-01", "to": "2012-02-29"}
    network = api.post("/api/exports", "hq_admin", body)
    assert network.status == 202, network.body
    assert network.body["filters"]["outlets"] == ["CD", "SZ"]  # every outlet, not head office's
    own = api.post("/api/exports", "sz_manager", body)
    assert own.status == 202 and own.body["filters"]["outlets"] == ["SZ"]
    empty = api.post("/api/exports", "hq_admin", {**body, "outlets": []})
    assert empty.status == 400 and "outlets" in empty.error["fields"]
