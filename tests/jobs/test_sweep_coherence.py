"""Coherent deadline notices: a clock never says 【即将超时】 and "已超时15天" at once. A warning
whose time comes only after the due time (the sweep was late) is not sent: the breach notice
stands, and the warning never comes back."""

from __future__ import annotations

from datetime import timedelta

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.models import Item
from chalicelib.modules.sla import sweep as sla_sweep
from chalicelib.modules.sla.models import SlaWatch
from tests.conftest import STEP_DATA, inbox
from tests.sla_helpers import frozen, minutes, shanghai


def _dispatched(api, new_order, moment):
    with frozen(moment):
        return api.act(new_order(), "dispatch", "sz_manager", STEP_DATA["dispatch"]).body


def _notices(api, user: str, number: str) -> list[dict]:
    items = inbox(api, user)
    return [n for n in items if n["number"] == number and n["clock"]]


def _watch(order_id: str, clock: str) -> SlaWatch:
    items = Collection(Item.query(keys.order_pk(order_id), consistent_read=True))
    return next(w for w in items.of(SlaWatch) if w.clock == clock)


def test_a_clock_found_days_late_gets_its_breach_not_a_warning(api, new_order):
    start = shanghai("2024-05-06 10:00")
    order = _dispatched(api, new_order, start)
    report = sla_sweep.sweep(start + timedelta(days=15))  # the first sweep in 15 days
    number = order["number"]
    assert _notices(api, "sz_tech1", number) == []  # no 【即将超时】 for the late contact
    [breach] = [n for n in _notices(api, "sz_manager", number) if n["clock"] == "contact"]
    assert breach["level"] == "breach" and "已超时" in breach["title"]
    assert [n["level"] for n in _notices(api, "hq_admin", number) if n["clock"] == "contact"] == [
        "escalation"]
    every = [n for user in ("sz_tech1", "sz_tech2", "sz_manager", "hq_admin")
             for n in _notices(api, user, number)]
    assert not any("即将超时" in n["title"] for n in every)
    assert report.superseded >= 1
    watch = _watch(order["id"], "contact")
    assert watch.superseded == ["warning"] and "warning" not in watch.notified

    again = sla_sweep.sweep(start + timedelta(days=16))
    assert (number, "contact", "warning") not in again.notified
    assert _notices(api, "sz_tech1", number) == []
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    contact = next(c for c in detail["clocks"] if c["name"] == "contact")
    assert contact["notified"] == ["breach", "escalation"]


def test_a_warning_in_time_is_sent_and_the_breach_follows(api, new_order):
    start = shanghai("2024-05-13 10:00")
    order = _dispatched(api, new_order, start)
    sla_sweep.sweep(start + minutes(17))
    sla_sweep.sweep(start + minutes(21))
    [warning] = _notices(api, "sz_tech1", order["number"])
    assert warning["level"] == "warning" and "剩余" in warning["body"]
    assert [n["level"] for n in _notices(api, "sz_manager", order["number"])] == ["breach"]
    assert _watch(order["id"], "contact").superseded == []


def test_a_warning_superseded_is_kept_when_the_order_changes_but_not_past_a_new_due_time(
        api, new_order):
    start = shanghai("2024-05-20 10:00")
    order = _dispatched(api, new_order, start)
    sla_sweep.sweep(start + minutes(30))  # late: breach only
    assert _notices(api, "sz_tech1", order["number"]) == []
    detail = api.get(f"/api/work-orders/{order['id']}", "sz_manager").body
    with frozen(start + minutes(31)):  # the order changes (its watches are written again)
        detail = api.act(detail, "correct_distance", "sz_manager",
                         {"distance_km": 80, "reason": "按导航距离更正"}).body
    assert _watch(order["id"], "contact").superseded == ["warning"]
    sla_sweep.sweep(start + minutes(32))
    assert _notices(api, "sz_tech1", order["number"]) == []

    with frozen(start + minutes(33)):  # a new due time: a new warning before it
        extended = api.act(detail, "extend_clock", "sz_manager", {
            "clock": "contact", "minutes": 60, "reason": "客户电话占线，改为一小时后再联系"})
    assert extended.status == 200, extended.body
    assert _watch(order["id"], "contact").superseded == []
    sla_sweep.sweep(start + minutes(20 + 60 - 3))  # the warning, moved with the due time
    [warning] = _notices(api, "sz_tech1", order["number"])
    assert warning["level"] == "warning" and "剩余" in warning["body"]
