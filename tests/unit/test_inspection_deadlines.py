"""An inspection's period end and result (contracts/domain: schedule.period_end,
inspections.result), and the clocks a generated inspection runs (sla/domain/order_clocks)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from chalicelib.modules.contracts.domain import inspections as rules
from chalicelib.modules.contracts.domain import schedule
from chalicelib.modules.contracts.vocabulary import VOCABULARY
from chalicelib.modules.sla.domain import order_clocks

BEIJING = ZoneInfo("Asia/Shanghai")
MONTHLY = {"kind": "monthly", "day": 15, "month_offset": 0, "per": "site"}
QUARTERLY = {"kind": "quarterly", "day": 10, "month_offset": 1, "per": "site"}


def occurrence(planned: str, due: str | None = None) -> schedule.Occurrence:
    return schedule.Occurrence(date.fromisoformat(planned), date.fromisoformat(due or planned))


def test_the_period_end_is_the_periods_last_day_within_the_contract_and_never_before_its_day():
    start, end = date(2026, 1, 1), date(2026, 12, 31)
    assert schedule.period_end(MONTHLY, start, end, occurrence("2026-02-15", "2026-02-24")) \
        == date(2026, 2, 28)
    # a quarterly schedule from March: March–May, the occurrence in April
    assert schedule.period_end(QUARTERLY, date(2026, 3, 10), date(2027, 3, 9),
                               occurrence("2026-04-10")) == date(2026, 5, 31)
    # the contract ends first
    assert schedule.period_end(QUARTERLY, date(2026, 3, 10), date(2026, 5, 20),
                               occurrence("2026-04-10")) == date(2026, 5, 20)
    # moved past its period's end (a 28th before National Day): due by the day it moved to
    assert schedule.period_end({**MONTHLY, "day": 28}, start, end,
                               occurrence("2026-09-28", "2026-10-08")) == date(2026, 10, 8)


def test_the_result_by_the_end_of_the_period():
    ends = rules.end_of_day(date(2026, 2, 28), BEIJING)
    assert ends == datetime(2026, 3, 1, 0, 0, tzinfo=BEIJING)
    before, after = ends - timedelta(hours=1), ends + timedelta(days=2)
    assert rules.result(ends, before, False, after) == "done"
    assert rules.result(ends, ends + timedelta(hours=1), False, after) == "late"
    assert rules.result(ends, None, False, before) == "open"
    assert rules.result(ends, None, False, ends) == "overdue"
    assert rules.result(ends, before, True, after) == "cancelled"
    # a completion after `as_of` is not counted yet; with completions_until it is
    assert rules.result(ends, after, False, before) == "open"
    assert rules.result(ends, after - timedelta(hours=1), False, ends, after) == "late"
    assert set(rules.RESULTS) == set(VOCABULARY["inspection_result"])


def test_a_generated_inspection_starts_its_periods_clock_in_place_of_the_answers():
    started = order_clocks.started_by("create", "general", "inspection")
    assert started == ("inspection", "response")
    assert order_clocks.replaced("response", {"inspection"})
    assert not order_clocks.replaced("response", set())
    assert order_clocks.started_by("create", "general", "repair") == ("response",)
    assert order_clocks.stopped_by("complete", "inspection") == ("repair", "inspection")
    assert order_clocks.stopped_by("complete", "repair") == ("repair",)
    assert order_clocks.started_by("dispatch", "general", "inspection") == ("contact", "arrival")
