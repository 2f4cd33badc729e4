"""The working calendar against the real official schedules (chinesecalendar's data).

Every expected date below was checked with `chinese_calendar.get_holiday_detail`:
- 2022 National Day: Oct 1 (Sat)–7 holiday, Oct 8 (Sat) and 9 (Sun) adjusted working days.
- 2025 Spring Festival: Jan 28 (Tue)–Feb 4 holiday, Jan 26 (Sun) and Feb 8 (Sat) working.
- 2025 Dragon Boat: May 31 (Sat)–Jun 2 (Mon) holiday.
- 2025 National Day + Mid-autumn: Oct 1–8 (Oct 6 named Mid-autumn), Sep 28 (Sun), Oct 11 (Sat) working.
- 2026 Mid-autumn Sep 25–27; National Day Oct 1 (Thu)–7, Sep 20 (Sun) and Oct 10 (Sat) working.
- 2026-03-09 … 2026-03-13 is an ordinary Monday–Friday week.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest

from chalicelib.modules.sla.domain.calendar import (
    Calendar,
    DayOverride,
    WorkingSchedule,
    add_calendar_time,
    add_working_days,
    add_working_time,
    day_info,
    is_working_day,
    library_years,
    non_working_periods,
    working_time_between,
)

SH = ZoneInfo("Asia/Shanghai")
CAL = Calendar()
H = timedelta(hours=1)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SH)


def reasons(result) -> list[tuple[datetime, datetime, str]]:
    return [(p.start, p.end, p.reason) for p in result.skipped]


# --- holidays and adjusted working days from the library ------------------------------------


def test_friday_evening_order_before_national_day_is_due_after_the_holiday():
    # Friday 2022-09-30 18:00; Oct 1–7 off; Saturday Oct 8 is an adjusted working day.
    assert chinese_calendar.get_holiday_detail(date(2022, 10, 8)) == (False, "National Day")
    result = add_working_time(CAL, at(2022, 9, 30, 18), 8 * H)
    assert result.due == at(2022, 10, 8, 16, 30)
    assert reasons(result) == [
        (at(2022, 9, 30, 18), at(2022, 10, 1), "night"),
        (at(2022, 10, 1), at(2022, 10, 8), "National Day"),
        (at(2022, 10, 8), at(2022, 10, 8, 8, 30), "night"),
    ]
    holiday = result.skipped[1]
    assert (holiday.kind, holiday.reason_zh) == ("holiday", "国庆节")
    assert result.unconfirmed_years == frozenset()


def test_evening_order_on_last_working_day_before_national_day_2026_is_due_on_october_8():
    result = add_working_time(CAL, at(2026, 9, 30, 18), 8 * H)
    assert result.due == at(2026, 10, 8, 16, 30)
    assert [p.reason for p in result.skipped] == ["night", "National Day", "night"]
    assert (result.skipped[1].start, result.skipped[1].end) == (at(2026, 10, 1), at(2026, 10, 8))


def test_golden_week_2025_explanation_names_mid_autumn_inside_national_day():
    result = add_working_time(CAL, at(2025, 9, 30, 18), 8 * H)
    assert result.due == at(2025, 10, 9, 16, 30)
    assert reasons(result) == [
        (at(2025, 9, 30, 18), at(2025, 10, 1), "night"),
        (at(2025, 10, 1), at(2025, 10, 6), "National Day"),
        (at(2025, 10, 6), at(2025, 10, 7), "Mid-autumn Festival"),
        (at(2025, 10, 7), at(2025, 10, 9), "National Day"),
        (at(2025, 10, 9), at(2025, 10, 9, 8, 30), "night"),
    ]


@pytest.mark.parametrize("day", [
    date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28), date(2025, 10, 11),
    date(2026, 1, 4), date(2026, 2, 14), date(2026, 2, 28), date(2026, 5, 9), date(2026, 9, 20),
    date(2026, 10, 10),
])
def test_adjusted_working_weekend_day_counts_as_working_day(day):
    assert day.weekday() >= 5
    info = day_info(CAL, day)
    assert info.working and info.kind == "adjusted_workday" and info.source == "library"
    assert is_working_day(CAL, day)


def test_order_on_saturday_before_adjusted_working_sunday_is_due_that_sunday():
    # 2025-09-27 is an ordinary Saturday, 2025-09-28 a Sunday worked for National Day.
    info = day_info(CAL, date(2025, 9, 28))
    assert info.reason == "adjusted working day: National Day"
    result = add_working_time(CAL, at(2025, 9, 27, 10), 2 * H)
    assert result.due == at(2025, 9, 28, 10, 30)
    assert reasons(result)[0] == (at(2025, 9, 27, 10), at(2025, 9, 28), "weekend")


def test_spring_festival_2025_spanning_january_and_february_is_skipped_whole():
    result = add_working_time(CAL, at(2025, 1, 27, 16, 30), 2 * H)
    assert result.due == at(2025, 2, 5, 9, 30)
    assert (at(2025, 1, 28), at(2025, 2, 5), "Spring Festival") in reasons(result)
    assert result.skipped[1].reason_zh == "春节"


def test_dragon_boat_2025_spanning_may_and_june_is_skipped_whole():
    result = add_working_time(CAL, at(2025, 5, 30, 17), H)
    assert result.due == at(2025, 6, 3, 9)
    assert reasons(result) == [
        (at(2025, 5, 30, 17, 30), at(2025, 5, 31), "night"),
        (at(2025, 5, 31), at(2025, 6, 3), "Dragon Boat Festival"),
        (at(2025, 6, 3), at(2025, 6, 3, 8, 30), "night"),
    ]


def test_holiday_and_weekend_days_come_from_the_library():
    assert day_info(CAL, date(2026, 10, 1)).reason == "National Day"
    assert day_info(CAL, date(2026, 10, 1)).source == "library"
    assert day_info(CAL, date(2026, 3, 14)).kind == "weekend"
    assert day_info(CAL, date(2026, 3, 11)).kind == "workday"
    assert not is_working_day(CAL, date(2026, 2, 23))  # Spring Festival day in lieu


# --- working-hour edges ---------------------------------------------------------------------


def test_start_at_opening_counts_from_opening():
    assert add_working_time(CAL, at(2026, 3, 9, 8, 30), H).due == at(2026, 3, 9, 9, 30)


def test_a_full_working_day_from_opening_is_due_at_closing_not_next_morning():
    result = add_working_time(CAL, at(2026, 3, 9, 8, 30), 9 * H)
    assert result.due == at(2026, 3, 9, 17, 30)
    assert result.skipped == ()


def test_start_at_closing_counts_from_next_working_morning():
    result = add_working_time(CAL, at(2026, 3, 9, 17, 30), H)
    assert result.due == at(2026, 3, 10, 9, 30)
    assert reasons(result) == [(at(2026, 3, 9, 17, 30), at(2026, 3, 10, 8, 30), "night")]


def test_start_one_minute_before_closing_uses_that_minute():
    assert add_working_time(CAL, at(2026, 3, 9, 17, 29), H).due == at(2026, 3, 10, 9, 29)


def test_start_before_opening_waits_for_opening():
    result = add_working_time(CAL, at(2026, 3, 9, 7), H)
    assert result.due == at(2026, 3, 9, 9, 30)
    assert reasons(result) == [(at(2026, 3, 9, 7), at(2026, 3, 9, 8, 30), "night")]


def test_working_day_has_no_lunch_break():
    assert add_working_time(CAL, at(2026, 3, 9, 12), 2 * H).due == at(2026, 3, 9, 14)


@pytest.mark.parametrize("start", [at(2026, 3, 9, 10), at(2026, 3, 9, 22), at(2026, 3, 14, 10)])
def test_zero_duration_is_due_at_the_start_itself(start):
    result = add_working_time(CAL, start, timedelta(0))
    assert result.due == start and result.skipped == ()


def test_friday_afternoon_order_continues_on_monday_after_the_weekend():
    result = add_working_time(CAL, at(2026, 3, 13, 16, 30), 2 * H)
    assert result.due == at(2026, 3, 16, 9, 30)
    assert [p.reason for p in result.skipped] == ["night", "weekend", "night"]


def test_thirty_working_days_of_hours_spans_six_calendar_weeks():
    result = add_working_time(CAL, at(2026, 3, 9, 8, 30), 30 * 9 * H)
    # 20 working days to Apr 3; Apr 4-6 Tomb-sweeping (Sat-Mon); Apr 7-10, 13-17 and Apr 20 make 30
    assert result.due == at(2026, 4, 20, 17, 30)
    assert (at(2026, 4, 4), at(2026, 4, 7), "Tomb-sweeping Day") in reasons(result)
    assert working_time_between(CAL, at(2026, 3, 9, 8, 30), result.due) == 270 * H


def test_utc_input_gives_due_in_the_schedule_zone():
    result = add_working_time(CAL, datetime(2026, 3, 9, 0, 30, tzinfo=UTC), H)  # 08:30 Shanghai
    assert result.due == at(2026, 3, 9, 9, 30)
    assert result.due.tzinfo == SH


def test_custom_schedule_and_zone_are_respected():
    urumqi = ZoneInfo("Asia/Urumqi")
    cal = Calendar(WorkingSchedule(timezone="Asia/Urumqi", start=time(10), end=time(19)))
    start = datetime(2026, 3, 9, 18, tzinfo=urumqi)
    assert add_working_time(cal, start, 2 * H).due == datetime(2026, 3, 10, 11, tzinfo=urumqi)


def test_invalid_inputs_are_refused():
    with pytest.raises(ValueError):
        add_working_time(CAL, datetime(2026, 3, 9, 9), H)  # naive
    with pytest.raises(ValueError):
        add_working_time(CAL, at(2026, 3, 9, 9), -H)
    with pytest.raises(ValueError):
        add_working_days(CAL, at(2026, 3, 9, 9), -1)
    with pytest.raises(ValueError):
        WorkingSchedule(start=time(18), end=time(9))


# --- working time between two instants ------------------------------------------------------


def test_working_time_between_skips_the_weekend():
    assert working_time_between(CAL, at(2026, 3, 13, 16, 30), at(2026, 3, 16, 9, 30)) == 2 * H


def test_working_time_between_skips_the_national_day_holiday():
    assert working_time_between(CAL, at(2026, 9, 30, 16, 30), at(2026, 10, 8, 9, 30)) == 2 * H
    assert working_time_between(CAL, at(2026, 10, 1, 9), at(2026, 10, 7, 17)) == timedelta(0)


def test_working_time_between_counts_an_adjusted_working_sunday():
    assert working_time_between(CAL, at(2025, 9, 27), at(2025, 9, 29)) == 9 * H


def test_working_time_between_is_zero_for_an_empty_or_reversed_interval():
    assert working_time_between(CAL, at(2026, 3, 9, 10), at(2026, 3, 9, 10)) == timedelta(0)
    assert working_time_between(CAL, at(2026, 3, 9, 11), at(2026, 3, 9, 10)) == timedelta(0)


STARTS = [
    at(2026, 3, 9, 8, 30), at(2026, 3, 9, 17, 29), at(2026, 3, 13, 20), at(2026, 9, 30, 12, 15),
    at(2025, 1, 24, 9), at(2025, 9, 26, 23, 59), at(2026, 12, 30, 15), at(2034, 12, 29, 16),
]
DURATIONS = [timedelta(minutes=1), H, 4 * H, 9 * H, 24 * H, 100 * H]


@pytest.mark.parametrize("start", STARTS)
def test_working_time_between_is_the_inverse_of_add_working_time(start):
    for duration in DURATIONS:
        due = add_working_time(CAL, start, duration).due
        assert working_time_between(CAL, start, due) == duration
        # and the due instant is the earliest one: a second before, the time was not yet used up
        assert working_time_between(CAL, start, due - timedelta(seconds=1)) < duration


def test_non_working_periods_cover_exactly_what_working_time_leaves_out():
    start, end = at(2025, 9, 26, 12), at(2025, 10, 13, 12)
    skipped = sum((p.end - p.start for p in non_working_periods(CAL, start, end)), timedelta(0))
    assert skipped + working_time_between(CAL, start, end) == end - start


# --- years the library does not know --------------------------------------------------------


@pytest.mark.parametrize(("day", "reason"), [
    (date(2035, 1, 1), "New Year's Day"),
    (date(2035, 4, 5), "Tomb-sweeping Day"),  # the 清明 solar term, computed by the library
    (date(2035, 5, 1), "Labour Day"),
    (date(2035, 5, 2), "Labour Day"),
    (date(2035, 10, 1), "National Day"),
    (date(2035, 10, 2), "National Day"),
    (date(2035, 10, 3), "National Day"),
])
def test_unknown_year_rests_on_the_fixed_date_public_holidays(day, reason):
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(day)  # the library really does not know 2035
    info = day_info(CAL, day)
    assert (info.working, info.reason, info.source, info.confirmed) == (False, reason, "fallback", False)


def test_unknown_year_rests_on_weekends_and_works_on_ordinary_weekdays():
    assert not is_working_day(CAL, date(2035, 3, 17))  # Saturday
    assert not is_working_day(CAL, date(2035, 3, 18))  # Sunday
    assert is_working_day(CAL, date(2035, 3, 14))  # Wednesday
    assert day_info(CAL, date(2035, 3, 14)).source == "fallback"


def test_deadline_running_into_an_unknown_year_is_reported_unconfirmed():
    result = add_working_time(CAL, at(2034, 12, 29, 17), H)  # Friday; Jan 1 2035 is a Monday
    assert result.due == at(2035, 1, 2, 9)
    assert (at(2035, 1, 1), at(2035, 1, 2), "New Year's Day") in reasons(result)
    assert result.unconfirmed_years == {2034, 2035}
    assert CAL.unconfirmed_years(date(2026, 12, 1), date(2027, 2, 1)) == {2027}


def test_first_year_after_the_library_range_does_not_crash_and_is_unconfirmed():
    year = library_years().stop
    result = add_working_days(CAL, at(year - 1, 12, 31, 10), 1)
    assert result.due.year == year
    assert not is_working_day(CAL, date(year, 1, 1))
    assert result.unconfirmed_years == {year}


def test_years_confirmed_by_head_office_are_not_reported():
    cal = Calendar(confirmed_years={2034, 2035})
    result = add_working_time(cal, at(2034, 12, 29, 17), H)
    assert result.due == at(2035, 1, 2, 9)
    assert result.unconfirmed_years == frozenset()
    assert day_info(cal, date(2035, 3, 14)).confirmed


def test_override_closes_a_weekday_and_opens_a_saturday_in_an_unknown_year():
    cal = Calendar(overrides={
        date(2035, 3, 14): DayOverride(working=False, reason="Outlet relocation"),
        date(2035, 3, 17): DayOverride(working=True, reason="Make-up day"),
    })
    closed = day_info(cal, date(2035, 3, 14))
    assert (closed.working, closed.source) == (False, "override")
    assert closed.reason == "override: Outlet relocation"
    assert is_working_day(cal, date(2035, 3, 17))
    result = add_working_time(cal, at(2035, 3, 13, 17), 2 * H)  # Tuesday
    assert result.due == at(2035, 3, 15, 10)
    assert (at(2035, 3, 14), at(2035, 3, 15), "override: Outlet relocation") in reasons(result)
    assert result.skipped[1].kind == "override"
    assert add_working_time(cal, at(2035, 3, 16, 17), 2 * H).due == at(2035, 3, 17, 10)


def test_override_wins_over_the_library_and_the_fallback_holidays():
    cal = Calendar(overrides={
        date(2026, 10, 8): DayOverride(working=False, reason="Stocktaking"),
        date(2026, 10, 7): DayOverride(working=True, reason="Urgent campaign"),
        date(2035, 1, 1): DayOverride(working=True, reason="Year-end closing"),
    })
    assert not is_working_day(cal, date(2026, 10, 8))
    assert is_working_day(cal, date(2026, 10, 7))
    assert is_working_day(cal, date(2035, 1, 1))


def test_calendar_copies_its_overrides():
    overrides = {date(2026, 3, 11): DayOverride(working=False, reason="Training")}
    cal = Calendar(overrides=overrides)
    overrides.clear()
    assert not is_working_day(cal, date(2026, 3, 11))


# --- working days ---------------------------------------------------------------------------


def test_one_working_day_from_friday_is_monday_same_time():
    result = add_working_days(CAL, at(2026, 3, 13, 10), 1)
    assert result.due == at(2026, 3, 16, 10)
    assert [p.reason for p in result.skipped] == ["night", "weekend", "night"]


def test_working_days_skip_national_day_and_count_the_adjusted_saturday():
    assert add_working_days(CAL, at(2026, 9, 30, 10), 1).due == at(2026, 10, 8, 10)
    result = add_working_days(CAL, at(2026, 9, 30, 10), 3)
    assert result.due == at(2026, 10, 10, 10)  # Oct 8, Oct 9, Saturday Oct 10 (worked)
    assert "National Day" in [p.reason for p in result.skipped]


def test_working_days_from_after_closing_count_from_the_next_working_morning():
    assert add_working_days(CAL, at(2026, 3, 13, 18), 1).due == at(2026, 3, 17, 8, 30)
    assert add_working_days(CAL, at(2026, 3, 13, 17, 30), 1).due == at(2026, 3, 17, 8, 30)
    assert add_working_days(CAL, at(2026, 3, 9, 7), 1).due == at(2026, 3, 10, 8, 30)


def test_zero_working_days_is_the_start_or_the_next_opening():
    assert add_working_days(CAL, at(2026, 3, 9, 10), 0).due == at(2026, 3, 9, 10)
    assert add_working_days(CAL, at(2026, 3, 14, 10), 0).due == at(2026, 3, 16, 8, 30)


# --- calendar time --------------------------------------------------------------------------


def test_calendar_time_is_plain_elapsed_time():
    result = add_calendar_time(CAL, at(2026, 9, 30, 18), 24 * H)
    assert result.due == at(2026, 10, 1, 18)
    assert result.skipped == () and result.unconfirmed_years == frozenset()
