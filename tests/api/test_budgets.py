"""Outlet budgets through the API (issue 17 check 5 and the budget half of check 8): SZ's 2026
budget of 100,000元 warns the manager once at 80 % and tells head office once at 100 %; with
stop set a spend that would exceed is refused (409 budget_exceeded naming what is left) until
head office approves a 费用增加申请, and then it passes; 20 concurrent bookings near the line
never cross it and the line is told once. And who may do what, bad input, the audit trail,
idempotent bookings and the transaction-entry variant other parts book with.

Each test starts its outlet-year afresh (its budget and threshold markers deleted), so what
other tests booked (an order accepted in SZ this year) does not move its figures."""

from __future__ import annotations

from datetime import datetime

import pytest

from chalicelib.kernel import idempotency
from chalicelib.kernel.store import base as store_base
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.models import Item
from chalicelib.modules.fees import budgets, keys
from chalicelib.modules.fees import public as fees
from tests.conflict_helpers import flaky
from tests.conftest import Api, race

CATS = ("repair", "maintenance", "support", "visits", "training")
YUAN = 100  # fen


def _fresh(outlet: str, year: int) -> None:
    """The outlet-year's budget and threshold markers deleted (requests and events stay: each
    test finds its own by id)."""
    pk, sk = keys.budget_key(outlet, year)
    for item in Item.query(pk, Item.sk.startswith(sk), consistent_read=True):
        item.delete()


def _budget(api: Api, outlet: str, year: int, user: str = "hq_admin") -> dict:
    reply = api.get(f"/api/budgets?outlet={outlet}&year={year}", user)
    assert reply.status == 200, reply.body
    (budget,) = reply.body["items"]
    return budget


def _set(api: Api, outlet: str, year: int, limits_yuan: dict, stop: bool,
         version: int | None = None) -> dict:
    if version is None:
        version = _budget(api, outlet, year)["version"]
    reply = api.call("PUT", f"/api/budgets/{outlet}/{year}", "hq_admin", {
        "version": version, "stop": stop,
        "categories": {c: {"limit_fen": v * YUAN} for c, v in limits_yuan.items()}})
    assert reply.status == 200, reply.body
    return reply.body


def _spend(api: Api, outlet: str, year: int, category: str, fen: int,
           user: str = "sz_manager", **kw):
    return api.post(f"/api/budgets/{outlet}/{year}/spend", user,
                    {"category": category, "amount_fen": fen, "note": "测试支出"}, **kw)


def _notices(api: Api, user: str, notice: str, subject: str, since: str) -> list[dict]:
    items = api.get("/api/notifications?limit=100", user).body["items"]
    return [n for n in items if n["notice"] == notice and n["subject_id"] == subject
            and n["at"] >= since]


@pytest.fixture
def sz_2026():
    _fresh("SZ", 2026)
    yield "SZ", 2026
    _fresh("SZ", 2026)


def test_check_5_warning_notice_stop_and_request(api: Api, sz_2026):
    outlet, year = sz_2026
    since = kernel_keys.iso(kernel_keys.utc_now())
    empty = _budget(api, outlet, year)
    assert empty["version"] == 0 and empty["total"]["limit_fen"] == 0
    assert empty["total"]["used_rate"] is None and not empty["warned_80"]
    budget = _set(api, outlet, year, {"repair": 60_000, "maintenance": 20_000,
                                      "support": 10_000, "visits": 5_000, "training": 5_000},
                  stop=False, version=0)
    assert budget["total"]["limit_fen"] == 100_000 * YUAN and budget["version"] == 1

    def warnings():
        return _notices(api, "sz_manager", "budget_warning", f"{outlet}#{year}", since)

    def used_up():
        return _notices(api, "hq_admin", "budget_used_up", f"{outlet}#{year}", since)

    assert _spend(api, outlet, year, "repair", 60_000 * YUAN).status == 200
    below = _spend(api, outlet, year, "maintenance", 19_999 * YUAN + 99)  # 79.99999 %
    assert below.status == 200 and not below.body["warned_80"] and warnings() == []
    at_80 = _spend(api, outlet, year, "maintenance", 1)  # 80.000 % exactly
    assert at_80.status == 200 and at_80.body["warned_80"] and not at_80.body["told_100"]
    assert _spend(api, outlet, year, "support", 10_000 * YUAN).status == 200  # 90 %
    (warning,) = warnings()
    assert "80%" in warning["title"] and used_up() == []

    budget = _set(api, outlet, year, {}, stop=True)  # head office stops the budget
    assert budget["stop"] and budget["version"] == 2
    refused = _spend(api, outlet, year, "visits", 5_000 * YUAN + 1)
    assert refused.status == 409 and refused.error["code"] == "budget_exceeded"
    assert refused.error["details"] == {"category": "visits", "remaining_fen": 5_000 * YUAN}
    assert "5000.00" in refused.error["message"] and "客户回访费用" in refused.error["message"]
    english = _spend(api, outlet, year, "visits", 5_000 * YUAN + 1,
                     headers={"Accept-Language": "en"})
    assert "5000.00" in english.error["message"] and "Customer visits" in english.error["message"]
    assert _spend(api, outlet, year, "visits", 5_000 * YUAN).status == 200  # exactly its budget
    full = _spend(api, outlet, year, "training", 5_000 * YUAN)  # 100 %
    assert full.status == 200 and full.body["told_100"]
    assert full.body["total"]["remaining_fen"] == 0 and full.body["total"]["used_rate"] == 1
    over = _spend(api, outlet, year, "training", 1)
    assert over.status == 409 and over.error["details"] == {"category": "training",
                                                            "remaining_fen": 0}
    assert len(warnings()) == 1 and len(used_up()) == 1  # once each, however many bookings

    # the manager asks for more training budget; head office approves; the spend passes
    filed = api.post(f"/api/budgets/{outlet}/{year}/requests", "sz_manager", {
        "category": "training", "amount_fen": 1_000 * YUAN, "reason": "新增一期技术员培训"})
    assert filed.status == 201 and filed.body["state"] == "pending"
    listed = api.get(f"/api/budgets/{outlet}/{year}/requests", "hq_admin").body["items"]
    assert listed[0]["id"] == filed.body["id"]
    assert _spend(api, outlet, year, "training", 1).status == 409  # not yet approved
    decided = api.post(f"/api/budgets/{outlet}/{year}/requests/{filed.body['id']}/decide",
                       "hq_admin", {"decision": "approve", "note": "同意",
                                    "version": filed.body["version"]})
    assert decided.status == 200, decided.body
    assert decided.body["state"] == "approved" and decided.body["decided_by"] == "hq_admin"
    again = api.post(f"/api/budgets/{outlet}/{year}/requests/{filed.body['id']}/decide",
                     "hq_admin", {"decision": "approve", "version": decided.body["version"]})
    assert again.status == 409 and again.error["code"] == "budget_request_decided"
    passed = _spend(api, outlet, year, "training", 300 * YUAN)
    assert passed.status == 200, passed.body

    # the remaining budget per category, as the manager reads it
    mine = api.get(f"/api/budgets?year={year}", "sz_manager").body["items"]
    assert [b["outlet"] for b in mine] == [outlet]
    categories = mine[0]["categories"]
    assert {c: categories[c]["remaining_fen"] for c in CATS} == {
        "repair": 0, "maintenance": 0, "support": 0, "visits": 0, "training": 700 * YUAN}
    assert categories["training"]["raised_fen"] == 1_000 * YUAN
    assert mine[0]["version"] == 3  # set, set, approved request: bookings do not move it
    assert len(warnings()) == 1 and len(used_up()) == 1

    # the audit trail: every change, booking and decision
    trail = api.get(f"/api/budgets/{outlet}/{year}/events", "sz_manager").body["items"]
    actions = [e["action"] for e in trail if e["at"] >= since]
    assert actions.count("set") == 2 and actions.count("spend") == 7
    assert actions.count("request") == 1 and actions.count("decide") == 1
    assert trail[0]["action"] == "spend" and trail[0]["data"]["amount_fen"] == 300 * YUAN


def test_20_concurrent_bookings_never_cross_the_stop_line(api: Api):
    outlet, year = "SZ", 2035
    _fresh(outlet, year)
    since = kernel_keys.iso(kernel_keys.utc_now())
    _set(api, outlet, year, {"repair": 500}, stop=True)  # room for exactly 5 of 100元
    replies = race(20, lambda: _spend(api, outlet, year, "repair", 100 * YUAN))
    assert sorted(r.status for r in replies) == [200] * 5 + [409] * 15
    assert all(r.error["code"] == "budget_exceeded" for r in replies if r.status == 409)
    budget = _budget(api, outlet, year)
    assert budget["categories"]["repair"]["spent_fen"] == 500 * YUAN
    assert budget["categories"]["repair"]["remaining_fen"] == 0
    assert budget["warned_80"] and budget["told_100"]
    subject = f"{outlet}#{year}"
    assert len(_notices(api, "sz_manager", "budget_warning", subject, since)) == 1
    assert len(_notices(api, "hq_admin", "budget_used_up", subject, since)) == 1
    _fresh(outlet, year)


def test_without_stop_spending_goes_on_and_shows_the_overrun(api: Api):
    outlet, year = "SZ", 2036
    _fresh(outlet, year)
    _set(api, outlet, year, {"repair": 100}, stop=False, version=0)
    over = _spend(api, outlet, year, "repair", 150 * YUAN)
    assert over.status == 200
    repair = over.body["categories"]["repair"]
    assert repair["remaining_fen"] == -50 * YUAN and repair["used_rate"] == 1.5
    # a spend before any budget was set is kept: the budget counts it when head office sets one
    _fresh(outlet, 2037)
    assert _spend(api, outlet, 2037, "visits", 30 * YUAN).status == 200
    budget = _set(api, outlet, 2037, {"visits": 100}, stop=True, version=0)
    assert budget["categories"]["visits"]["remaining_fen"] == 70 * YUAN
    assert _spend(api, outlet, 2037, "visits", 70 * YUAN + 1).status == 409
    _fresh(outlet, year)
    _fresh(outlet, 2037)


def test_who_may_read_set_book_and_decide(api: Api):
    year = 2038
    _fresh("SZ", year)
    # a manager reads their outlet only (another outlet's: 404, not 403)
    assert api.get(f"/api/budgets?outlet=CD&year={year}", "sz_manager").status == 404
    assert api.get(f"/api/budgets/CD/{year}/requests", "sz_manager").status == 404
    assert _spend(api, "CD", year, "repair", 100).status == 404
    assert api.post(f"/api/budgets/CD/{year}/requests", "sz_manager", {
        "category": "repair", "amount_fen": 100, "reason": "x"}).status == 404
    # roles without the permission: 403 on their own outlet, 404 on another's
    assert api.get(f"/api/budgets/SZ/{year}/requests", "sz_agent").status == 403
    assert api.get(f"/api/budgets/CD/{year}/requests", "sz_agent").status == 404
    assert api.call("PUT", f"/api/budgets/SZ/{year}", "sz_manager", {
        "version": 0, "stop": True, "categories": {}}).status == 403
    assert api.post(f"/api/budgets/SZ/{year}/requests", "hq_admin", {
        "category": "repair", "amount_fen": 100, "reason": "x"}).status == 403
    assert _spend(api, "SZ", year, "repair", 100, user="sz_tech1").status == 403
    # head office: every service outlet without one named, unknown or head office itself: 404
    network = api.get(f"/api/budgets?year={year}", "hq_admin").body["items"]
    assert {"SZ", "CD"} <= {b["outlet"] for b in network}
    assert "HQ" not in {b["outlet"] for b in network}
    assert api.get(f"/api/budgets?outlet=HQ&year={year}", "hq_admin").status == 404
    assert api.get(f"/api/budgets?outlet=XX&year={year}", "hq_admin").status == 404
    filed = api.post(f"/api/budgets/SZ/{year}/requests", "sz_manager", {
        "category": "repair", "amount_fen": 100, "reason": "测试"}).body
    path = f"/api/budgets/SZ/{year}/requests/{filed['id']}/decide"
    assert api.post(path, "sz_manager", {"decision": "approve", "version": 1}).status == 403
    rejected = api.post(path, "hq_admin", {"decision": "reject", "note": "不批", "version": 1})
    assert rejected.status == 200 and rejected.body["state"] == "rejected"
    assert _budget(api, "SZ", year)["categories"]["repair"]["raised_fen"] == 0
    _fresh("SZ", year)


def test_bad_input_and_stale_versions(api: Api):
    year = 2039
    _fresh("SZ", year)
    put = f"/api/budgets/SZ/{year}"

    def fields(reply):
        assert reply.status == 400, reply.body
        return set(reply.error["fields"])

    assert "stop" in fields(api.call("PUT", put, "hq_admin", {"version": 0, "categories": {}}))
    assert any(f.startswith("categories") for f in fields(api.call("PUT", put, "hq_admin", {
        "version": 0, "stop": False, "categories": {"repair": {"limit_fen": -1}}})))
    assert any(f.startswith("categories") for f in fields(api.call("PUT", put, "hq_admin", {
        "version": 0, "stop": False, "categories": {"fuel": {"limit_fen": 1}}})))
    assert "total" in fields(api.call("PUT", put, "hq_admin", {
        "version": 0, "stop": False, "categories": {}, "total": 5}))
    assert "amount_fen" in fields(_spend(api, "SZ", year, "repair", 0))
    assert "year" in fields(api.get("/api/budgets/SZ/1999/requests", "hq_admin"))
    assert "reason" in fields(api.post(f"/api/budgets/SZ/{year}/requests", "sz_manager", {
        "category": "repair", "amount_fen": 100}))
    assert "request_id" in fields(api.post(f"/api/budgets/SZ/{year}/requests/nope/decide",
                                           "hq_admin", {"decision": "approve", "version": 1}))
    missing = api.post(f"/api/budgets/SZ/{year}/requests/brq_00000000deadbeef/decide",
                       "hq_admin", {"decision": "approve", "version": 1})
    assert missing.status == 404
    _set(api, "SZ", year, {"repair": 10}, stop=False, version=0)
    stale = api.call("PUT", put, "hq_admin", {"version": 0, "stop": True, "categories": {}})
    assert stale.status == 409 and stale.error["code"] == "stale_version"
    assert _budget(api, "SZ", year)["stop"] is False
    _fresh("SZ", year)


def test_a_retried_booking_books_once(api: Api):
    year = 2040
    _fresh("SZ", year)
    headers = {"Idempotency-Key": f"spend-{kernel_keys.new_id('t')}"}
    first = _spend(api, "SZ", year, "visits", 123, headers=headers)
    second = _spend(api, "SZ", year, "visits", 123, headers=headers)
    assert first.status == second.status == 200
    assert second.body["categories"]["visits"]["spent_fen"] == 123
    _fresh("SZ", year)


def test_booking_inside_a_callers_transaction():
    """What the order's acceptance and the claims use: the booking's entries in the caller's
    own transaction; a refused one is named by `refusal()`."""
    year = 2041
    _fresh("CD", year)
    booking = fees.Booking("CD", year, "support", 250, {"kind": "test"})
    transact(booking.entries())  # the kernel's transaction writes its Update entry
    stored = booking.after_commit(datetime.now().astimezone())
    assert stored.figures()["support"].spent_fen == 250
    fees.book_spend("CD", year, "support", 250, {"kind": "test"})
    assert budgets.read("CD", year).figures()["support"].spent_fen == 500
    stored.budget.update(actions=[budgets.Budget.stop.set(True)])  # stopped, no room
    refused = fees.Booking("CD", year, "support", 1, {"kind": "test"})
    assert isinstance(refused.refusal(), fees.BudgetExceeded)
    with pytest.raises(fees.BudgetExceeded) as caught:
        fees.book_spend("CD", year, "support", 1, {"kind": "test"})
    assert caught.value.extra["details"] == {"category": "support", "remaining_fen": 0}
    assert fees.category_for_order("maintenance") == "maintenance"
    assert fees.category_for_order("repair") == "repair"
    _fresh("CD", year)


def test_a_busy_budget_is_tried_again_then_answers_budget_busy(api: Api, monkeypatch):
    """On DynamoDB, bookings of one budget at the same moment cancel each other
    (TransactionConflict; moto never does): tried again, then a 409 to try again, never a
    500, and nothing booked."""
    year = 2042
    _fresh("SZ", year)
    monkeypatch.setattr(budgets, "PAUSE", 0.001)
    twice, commits = flaky(failures=2)
    monkeypatch.setattr(store_base, "TransactWrite", twice)
    passed = _spend(api, "SZ", year, "repair", 100)
    assert passed.status == 200, passed.body
    assert len(commits) == 3 and passed.body["categories"]["repair"]["spent_fen"] == 100
    always, tries = flaky(failures=10**6)
    monkeypatch.setattr(store_base, "TransactWrite", always)
    busy = _spend(api, "SZ", year, "repair", 100)
    assert busy.status == 409 and busy.error["code"] == "budget_busy"
    assert busy.error["message"] == "预算正被同时更新，请稍后重试"
    assert len(tries) == budgets.ATTEMPTS  # then given up: nothing booked
    english = _spend(api, "SZ", year, "repair", 100, headers={"Accept-Language": "en"})
    assert english.status == 409 and "try again" in english.error["message"]
    assert _budget(api, "SZ", year)["categories"]["repair"]["spent_fen"] == 100
    _fresh("SZ", year)


def test_a_racing_retry_answers_its_booking_not_budget_exceeded(api: Api, monkeypatch):
    """Two requests with one Idempotency-Key both pass the key's check before either is
    written; the first books the last room; the second's transaction fails on the key's record
    (and on the budget): it answers the first's booking, not budget_exceeded."""
    year = 2043
    _fresh("SZ", year)
    _set(api, "SZ", year, {"repair": 100}, stop=True, version=0)  # room for one 100元 spend
    key = {"Idempotency-Key": f"race-{kernel_keys.new_id('t')}"}
    first = _spend(api, "SZ", year, "repair", 100 * YUAN, headers=key)
    assert first.status == 200, first.body
    real = idempotency.earlier
    checks: list[int] = []

    def as_if_before_the_first(actor, key_, payload):
        checks.append(1)
        return None if len(checks) == 1 else real(actor, key_, payload)

    monkeypatch.setattr(idempotency, "earlier", as_if_before_the_first)
    retry = _spend(api, "SZ", year, "repair", 100 * YUAN, headers=key)
    assert retry.status == 200, retry.body
    assert retry.body["categories"]["repair"]["spent_fen"] == 100 * YUAN and len(checks) == 2
    _fresh("SZ", year)


def test_a_key_reused_on_another_outlet_or_year_is_another_request(api: Api):
    year = 2044
    for outlet, y in (("SZ", year), ("CD", year), ("SZ", year + 1)):
        _fresh(outlet, y)
    key = {"Idempotency-Key": f"spend-{kernel_keys.new_id('t')}"}
    assert _spend(api, "SZ", year, "visits", 500, user="hq_admin", headers=key).status == 200
    other = _spend(api, "CD", year, "visits", 500, user="hq_admin", headers=key)
    assert other.status == 409 and other.error["code"] == "idempotency_conflict"
    later = _spend(api, "SZ", year + 1, "visits", 500, user="hq_admin", headers=key)
    assert later.status == 409 and later.error["code"] == "idempotency_conflict"
    assert _budget(api, "CD", year)["categories"]["visits"]["spent_fen"] == 0
    assert _budget(api, "SZ", year + 1)["categories"]["visits"]["spent_fen"] == 0
    assert _budget(api, "SZ", year)["categories"]["visits"]["spent_fen"] == 500

    body = {"category": "repair", "amount_fen": 100, "reason": "同一个键"}
    key = {"Idempotency-Key": f"request-{kernel_keys.new_id('t')}"}
    filed = api.post(f"/api/budgets/SZ/{year}/requests", "sz_manager", body, headers=key)
    again = api.post(f"/api/budgets/SZ/{year}/requests", "sz_manager", body, headers=key)
    assert filed.status == again.status == 201 and filed.body["id"] == again.body["id"]
    elsewhere = api.post(f"/api/budgets/SZ/{year + 1}/requests", "sz_manager", body,
                         headers=key)
    assert elsewhere.status == 409 and elsewhere.error["code"] == "idempotency_conflict"
    assert api.get(f"/api/budgets/SZ/{year + 1}/requests", "sz_manager").body["items"] == []
    for outlet, y in (("SZ", year), ("CD", year), ("SZ", year + 1)):
        _fresh(outlet, y)
