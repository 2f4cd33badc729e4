"""A maintenance contract's inspection schedule (contracts/domain/schedule.py) on the official
calendar (the SLA engine's, chinesecalendar's 2026 data: National Day Oct 1–7 with Oct 10 (Sat)
an adjusted working day; the Spring Festival holiday Feb 15 (Sun)–Feb 23 (Mon), Feb 14 (Sat) and
Feb 28 (Sat) adjusted working days)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from chalicelib.modules.contracts.domain import schedule as rules
from chalicelib.modules.sla.domain.calendar import Calendar, DayOverride

OFFICIAL = Calendar()


def official(calendar: Calendar = OFFICIAL):
    """The calendar as the generator sees it (sla.public.day_off), without the store."""
    def day_off(day: date) -> str | None:
        info = calendar.day_info(day)
        if info.working:
            return None
        return "weekend" if info.kind == "weekend" else "holiday"
    return day_off


MONTHLY_15 = {"kind": "monthly", "day": 15, "month_offset": 0, "per": "site"}
YEAR_2026 = {"starts_on": "2026-01-01", "ends_on": "2026-12-31", "schedule": MONTHLY_15}


def test_national_day_occurrence_moves_to_the_8th_and_says_holiday():
    moved = rules.occurrence(date(2026, 10, 1), official())
    assert moved == rules.Occurrence(date(2026, 10, 1), date(2026, 10, 8), "holiday")
    assert moved.view() == {"planned": "2026-10-01", "due": "2026-10-08", "moved": "holiday"}


def test_spring_festival_sunday_moves_to_the_first_working_day_after_the_holiday():
    moved = rules.occurrence(date(2026, 2, 15), official())
    assert moved.due == date(2026, 2, 24)  # Feb 15 (Sun) … Feb 23 (Mon) are the holiday
    assert moved.moved == "holiday"  # a Sunday, but inside the holiday: the holiday is why
    assert OFFICIAL.is_working_day(moved.due)


def test_a_plain_weekend_moves_to_monday_and_says_weekend():
    assert rules.occurrence(date(2026, 3, 15), official()) == rules.Occurrence(
        date(2026, 3, 15), date(2026, 3, 16), "weekend")


def test_an_adjusted_working_saturday_does_not_move():
    assert rules.occurrence(date(2026, 10, 10), official()) == rules.Occurrence(
        date(2026, 10, 10), date(2026, 10, 10))


def test_a_working_day_does_not_move():
    assert rules.occurrence(date(2026, 6, 15), official()).moved is None


def test_a_weekend_before_a_holiday_says_holiday():
    # 2026-09-26 (Sat) and 27 (Sun) are Mid-autumn; planned on a day off running into it
    moved = rules.occurrence(date(2026, 9, 26), official())
    assert moved.moved == "holiday" and OFFICIAL.is_working_day(moved.due)


def test_head_office_closing_a_day_moves_the_occurrence_as_a_holiday():
    closed = Calendar(overrides={date(2026, 6, 15): DayOverride(False, "盘点")})
    assert rules.occurrence(date(2026, 6, 15), official(closed)) == rules.Occurrence(
        date(2026, 6, 15), date(2026, 6, 16), "holiday")


def test_monthly_on_the_15th_over_2026_is_twelve_occurrences_with_their_working_days():
    found = rules.occurrences(MONTHLY_15, date(2026, 1, 1), date(2026, 12, 31), official())
    assert [o.planned for o in found] == [date(2026, m, 15) for m in range(1, 13)]
    assert all(OFFICIAL.is_working_day(o.due) and o.due >= o.planned for o in found)
    moved = {o.planned.month: (o.due, o.moved) for o in found if o.moved}
    assert moved[2] == (date(2026, 2, 24), "holiday")
    assert moved[3] == (date(2026, 3, 16), "weekend")  # Sunday
    assert moved[11] == (date(2026, 11, 16), "weekend")  # Sunday


def test_national_day_inspection_on_the_first():
    found = rules.occurrences({"kind": "monthly", "day": 1}, date(2026, 9, 1),
                              date(2026, 11, 30), official())
    assert [(o.planned, o.due, o.moved) for o in found] == [
        (date(2026, 9, 1), date(2026, 9, 1), None),
        (date(2026, 10, 1), date(2026, 10, 8), "holiday"),
        (date(2026, 11, 1), date(2026, 11, 2), "weekend")]


@pytest.mark.parametrize(("kind", "offset", "expected"), [
    # periods Mar–May, Jun–Aug, …; the first quarter's 10th is before the start (the 12th)
    ("quarterly", 0, ["2027-06-10", "2027-09-10", "2027-12-10", "2028-03-10"]),
    ("quarterly", 2, ["2027-05-10", "2027-08-10", "2027-11-10", "2028-02-10"]),
    ("half_yearly", 1, ["2027-04-10", "2027-10-10"]),
    ("yearly", 0, ["2028-03-10"]),  # the second contract year's March, before the end (11th)
    ("yearly", 11, ["2028-02-10"]),
])
def test_longer_periods_count_from_the_month_the_contract_starts(kind, offset, expected):
    planned = rules.planned_dates({"kind": kind, "day": 10, "month_offset": offset},
                                  date(2027, 3, 12), date(2028, 3, 11))
    assert [d.isoformat() for d in planned] == expected


def test_first_due_is_the_next_planned_date_from_today_within_the_period():
    assert rules.first_due(YEAR_2026, date(2025, 12, 1)) == date(2026, 1, 15)
    assert rules.first_due(YEAR_2026, date(2026, 3, 15)) == date(2026, 3, 15)
    assert rules.first_due(YEAR_2026, date(2026, 3, 16)) == date(2026, 4, 15)
    assert rules.first_due(YEAR_2026, date(2026, 12, 16)) is None
    assert rules.first_due({**YEAR_2026, "schedule": None}, date(2026, 1, 1)) is None


def test_first_due_takes_dates_or_strings_and_an_item_as_well_as_a_mapping():
    class Item:
        starts_on, ends_on, schedule = date(2026, 5, 20), date(2027, 5, 19), MONTHLY_15
    assert rules.first_due(Item(), date(2026, 1, 1)) == date(2026, 6, 15)


def test_next_due_walks_the_occurrences_one_by_one():
    walked, current = [], rules.first_due(YEAR_2026, date(2025, 12, 1))
    while current is not None:
        walked.append(current)
        current = rules.next_due(YEAR_2026, current)
    assert walked == [date(2026, m, 15) for m in range(1, 13)]


@pytest.mark.parametrize("kind,offset,expected", [
    ("quarterly", 1, [(2, 10), (5, 10), (8, 10), (11, 10)]),
    ("half_yearly", 2, [(3, 10), (9, 10)])])
def test_next_due_keeps_the_periods_of_the_contracts_start(kind, offset, expected):
    # the day after an occurrence is no period's start: the next is a whole period later
    contract = {**YEAR_2026, "schedule": {"kind": kind, "day": 10, "month_offset": offset}}
    walked, current = [], rules.first_due(contract, date(2025, 12, 1))
    while current is not None:
        walked.append(current)
        current = rules.next_due(contract, current)
    assert walked == [date(2026, m, d) for m, d in expected]
    assert rules.first_due(contract, walked[0] + timedelta(days=1)) == walked[1]


def test_reminder_falls_three_months_before_the_last_day():
    assert rules.remind_on({"ends_on": "2026-12-31"}) == date(2026, 9, 30)
    assert rules.remind_on({"ends_on": "2027-05-31"}) == date(2027, 2, 28)


def test_the_period_an_occurrence_inspects_is_named():
    assert rules.describe_period(MONTHLY_15, date(2026, 1, 1), date(2026, 10, 15)) == {
        "zh": "2026年10月", "en": "2026-10"}
    quarterly = {"kind": "quarterly", "day": 10, "month_offset": 1}
    assert rules.describe_period(quarterly, date(2026, 11, 1), date(2026, 12, 10)) == {
        "zh": "2026年11月至2027年1月", "en": "2026-11 to 2027-01"}
