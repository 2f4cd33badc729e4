"""The working calendar (工作日历): which instants count as working time for the SLA clocks.

A day is a working day (工作日) according to, in this order:

1. a head-office **override** for that date (`DayOverride`), which always wins;
2. the Chinese official schedule of public holidays and adjusted working weekends (调休) as the
   maintained `chinesecalendar` package has it (source ``"library"``);
3. for a year that package does not know yet, a **fallback** (source ``"fallback"``): Saturdays
   and Sundays are rest days, and so are the public holidays whose date is known without the
   State Council's yearly notice — New Year's Day (Jan 1), Labour Day (May 1–2, two days since
   the 2025 revision of 《全国年节及纪念日放假办法》), National Day (Oct 1–3) and Tomb-sweeping
   Day (清明, the day of the solar term, which the package computes for 1900–2100). The lunar
   holidays (Spring Festival, Dragon Boat, Mid-autumn), the days given in lieu (补假) and the
   adjusted working weekends are *not* guessed. Such a year is **unconfirmed** unless head office
   lists it in `Calendar.confirmed_years` (meaning: "we entered that year's whole official
   schedule as overrides"); every result says which unconfirmed years it touched, so the UI can
   warn that the deadline may move once the official schedule is known.

Working time is one daily window per outlet (`WorkingSchedule`, default 08:30–17:30,
Asia/Shanghai) on working days; everything else is non-working time.

All instants are timezone-aware. Computations run in UTC (so a zone with daylight saving time
would still count real elapsed time); returned instants are in the schedule's time zone — call
``.astimezone(UTC)`` before storing them. Naive datetimes are refused.

Pure functions over plain dataclasses: no AWS, no HTTP, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from types import MappingProxyType
from typing import Literal
from zoneinfo import ZoneInfo

import chinese_calendar

from chalicelib.modules.sla.domain.periods import PLAIN_REASONS

Source = Literal["library", "override", "fallback"]
# What kind of day (or part of a day) it is; the UI translates these codes.
DayKind = Literal["workday", "adjusted_workday", "weekend", "holiday", "override"]
PeriodKind = Literal["night", "weekend", "holiday", "override"]

# Stop scanning after this many days without finding enough working time: only a calendar whose
# overrides close every weekday for years could get there, and that is a data error.
MAX_SCAN_DAYS = 3 * 366
_ONE_DAY = timedelta(days=1)
_Window = tuple[datetime, datetime]  # a working window [opens, closes) in UTC

# The library names holidays in English; its Holiday enum carries the Chinese name.
_HOLIDAY_ZH = {h.value: h.chinese for h in chinese_calendar.Holiday}
NEW_YEARS_DAY = "New Year's Day"
TOMB_SWEEPING_DAY = "Tomb-sweeping Day"
LABOUR_DAY = "Labour Day"
NATIONAL_DAY = "National Day"
# Public holidays on fixed Gregorian dates (law as revised in 2025, in force from 2025-01-01).
_FIXED_HOLIDAYS = {
    (1, 1): NEW_YEARS_DAY,
    (5, 1): LABOUR_DAY,
    (5, 2): LABOUR_DAY,
    (10, 1): NATIONAL_DAY,
    (10, 2): NATIONAL_DAY,
    (10, 3): NATIONAL_DAY,
}


@dataclass(frozen=True)
class WorkingSchedule:
    """An outlet's daily working window (one window, no lunch break) in its time zone."""

    timezone: str = "Asia/Shanghai"
    start: time = time(8, 30)
    end: time = time(17, 30)

    def __post_init__(self) -> None:
        ZoneInfo(self.timezone)  # raises ZoneInfoNotFoundError for an unknown zone
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("working hours are wall-clock times without tzinfo")
        if not self.start < self.end:
            raise ValueError(f"working day must start before it ends: {self.start}–{self.end}")

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


@dataclass(frozen=True)
class DayOverride:
    """Head office's word on one date: working or not, and why (shown to users)."""

    working: bool
    reason: str


@dataclass(frozen=True)
class DayInfo:
    """Whether `day` is a working day, why, and who says so.

    `reason` is English (library holiday names such as "National Day", "weekend", "workday",
    "adjusted working day: National Day", "override: <reason>"); `reason_zh` the same in Chinese.
    `confirmed` is False on a fallback day of a year head office has not confirmed.
    """

    day: date
    working: bool
    kind: DayKind
    reason: str
    reason_zh: str
    source: Source
    confirmed: bool


@dataclass(frozen=True)
class SkippedPeriod:
    """A non-working stretch [start, end) inside a computation, with the reason it is skipped.

    `kind` is "night" (outside the working window of a working day), "weekend", "holiday" or
    "override"; `reason` is e.g. "night", "weekend", "National Day", "override: stocktaking".
    """

    start: datetime
    end: datetime
    kind: PeriodKind
    reason: str
    reason_zh: str


@dataclass(frozen=True)
class Result:
    """A computed due instant with its explanation.

    `due` is aware, in the schedule's time zone. `skipped` lists the non-working periods between
    the start and `due`, in order (adjacent periods with the same reason merged).
    `unconfirmed_years` are the years of the days examined whose schedule is a fallback guess.
    """

    due: datetime
    skipped: tuple[SkippedPeriod, ...] = ()
    unconfirmed_years: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Calendar:
    """An outlet's working calendar: schedule, head-office overrides and confirmed years.

    `confirmed_years`: years outside the library's data for which head office has entered the
    whole official schedule as overrides; they are no longer reported as unconfirmed (the fallback
    rule still applies to their days without an override).
    """

    schedule: WorkingSchedule = field(default_factory=WorkingSchedule)
    overrides: Mapping[date, DayOverride] = field(default_factory=dict)
    confirmed_years: AbstractSet[int] = frozenset()

    def __post_init__(self) -> None:
        # Copy so that later changes to the caller's dict or set cannot change this calendar.
        object.__setattr__(self, "overrides", MappingProxyType(dict(self.overrides)))
        object.__setattr__(self, "confirmed_years", frozenset(self.confirmed_years))

    def day_info(self, day: date) -> DayInfo:
        """Working or not, why, and the source ("override" > "library" > "fallback")."""
        override = self.overrides.get(day)
        confirmed = self.is_year_confirmed(day.year)
        if override is not None:
            return DayInfo(day, override.working, "override", f"override: {override.reason}",
                           f"调整：{override.reason}", "override", confirmed)
        if day.year in library_years():
            return _library_day(day)
        return _fallback_day(day, confirmed)

    def is_working_day(self, day: date) -> bool:
        return self.day_info(day).working

    def is_year_confirmed(self, year: int) -> bool:
        """True when the library knows the year or head office confirmed it."""
        return year in library_years() or year in self.confirmed_years

    def unconfirmed_years(self, start: date, end: date) -> set[int]:
        """The years in [start.year, end.year] (dates inclusive) whose holidays are a guess."""
        return {y for y in range(start.year, end.year + 1) if not self.is_year_confirmed(y)}


@cache
def library_years() -> range:
    """The years the installed `chinesecalendar` has official data for (2004–2026 in 1.11.0)."""
    known = chinese_calendar.holidays
    return range(min(known).year, max(known).year + 1)


def _library_day(day: date) -> DayInfo:
    is_rest, name = chinese_calendar.get_holiday_detail(day)
    if name is None:
        if is_rest:
            return DayInfo(day, False, "weekend", *PLAIN_REASONS["weekend"], "library", True)
        return DayInfo(day, True, "workday", "workday", "工作日", "library", True)
    zh = _HOLIDAY_ZH.get(name, name)
    if is_rest:
        return DayInfo(day, False, "holiday", name, zh, "library", True)
    return DayInfo(day, True, "adjusted_workday", f"adjusted working day: {name}",
                   f"{zh}调休上班", "library", True)


def _fallback_day(day: date, confirmed: bool) -> DayInfo:
    name = _fixed_holiday_name(day)
    if name is not None:
        return DayInfo(day, False, "holiday", name, _HOLIDAY_ZH[name], "fallback", confirmed)
    if day.weekday() >= 5:
        return DayInfo(day, False, "weekend", *PLAIN_REASONS["weekend"], "fallback", confirmed)
    return DayInfo(day, True, "workday", "workday", "工作日", "fallback", confirmed)


def _fixed_holiday_name(day: date) -> str | None:
    name = _FIXED_HOLIDAYS.get((day.month, day.day))
    if name is None and day.month == 4 and day == _tomb_sweeping_day(day.year):
        name = TOMB_SWEEPING_DAY
    return name


@cache
def _tomb_sweeping_day(year: int) -> date | None:
    """清明 is the day of the solar term, which the library computes (matches its 2008–2026 data)."""
    try:
        terms = chinese_calendar.get_solar_terms(date(year, 4, 1), date(year, 4, 30))
    except NotImplementedError:  # outside 1900–2100
        return None
    return next((d for d, term in terms if term == "清明"), None)


# --- module-level API -------------------------------------------------------------------------


def day_info(calendar: Calendar, day: date) -> DayInfo:
    """Whether `day` is a working day, the reason and the source; see `Calendar.day_info`."""
    return calendar.day_info(day)


def is_working_day(calendar: Calendar, day: date) -> bool:
    return calendar.day_info(day).working


def add_working_time(calendar: Calendar, start: datetime, duration: timedelta) -> Result:
    """The instant when `duration` of working time has elapsed since `start`.

    Only time inside the working window of working days counts. The due instant is the earliest
    `t >= start` with ``working_time_between(calendar, start, t) == duration``: a clock that runs
    out exactly at closing time is due at closing (17:30), not the next morning; a zero duration
    is due at `start` itself, even outside working hours.
    """
    start_utc = _to_utc(start)
    if duration < timedelta(0):
        raise ValueError("duration must not be negative")
    if duration == timedelta(0):
        return Result(start.astimezone(calendar.schedule.tz))
    remaining = duration
    for _day, (opens, closes) in _working_windows(calendar, start_utc):
        begin = max(start_utc, opens)
        if begin >= closes:
            continue
        available = closes - begin
        if remaining <= available:
            return _result(calendar, start_utc, begin + remaining)
        remaining -= available
    raise AssertionError("unreachable")  # _working_windows raises when it runs out


def add_working_days(calendar: Calendar, start: datetime, days: int) -> Result:
    """Due at the same wall-clock time on the `days`-th working day after the start.

    Exact rule: if `start` lies inside a working window ([08:30, 17:30) of a working day), the
    anchor is `start`; otherwise the anchor is the opening of the next working window (so a start
    at 17:30 sharp or at night counts from the next working morning). The result is the anchor's
    wall-clock time on the `days`-th working day after the anchor's day; ``days == 0`` gives the
    anchor itself. E.g. Friday 10:00 + 1 working day = Monday 10:00; Friday 18:00 + 1 = Tuesday
    08:30 (anchor Monday 08:30).
    """
    start_utc = _to_utc(start)
    if days < 0:
        raise ValueError("days must not be negative")
    windows = _working_windows(calendar, start_utc)
    target, (opens, closes) = next(windows)
    while start_utc >= closes:  # after closing: the next working window
        target, (opens, closes) = next(windows)
    anchor = max(start_utc, opens)
    wall_clock = anchor.astimezone(calendar.schedule.tz).time()
    for _ in range(days):
        target, _window = next(windows)
    due = _at(target, wall_clock, calendar.schedule.tz)
    return _result(calendar, start_utc, due)


def working_time_between(calendar: Calendar, start: datetime, end: datetime) -> timedelta:
    """Working time inside [start, end); zero when `end <= start`."""
    start_utc, end_utc = _to_utc(start), _to_utc(end)
    total = timedelta(0)
    if end_utc <= start_utc:
        return total
    tz = calendar.schedule.tz
    for day in _days(start_utc.astimezone(tz).date(), end_utc.astimezone(tz).date()):
        if calendar.is_working_day(day):
            opens, closes = _window(calendar.schedule, day)
            overlap = min(closes, end_utc) - max(opens, start_utc)
            if overlap > timedelta(0):
                total += overlap
    return total


def add_calendar_time(calendar: Calendar, start: datetime, duration: timedelta) -> Result:
    """Plain elapsed time (for clocks in natural hours): `start + duration`, nothing skipped."""
    due = _to_utc(start) + duration
    return Result(due.astimezone(calendar.schedule.tz))


def non_working_periods(calendar: Calendar, start: datetime, end: datetime) -> tuple[SkippedPeriod, ...]:
    """The non-working stretches inside [start, end), in order, each with its reason.

    Outside the window of a working day is "night"; a whole non-working day is one period named
    after its reason (weekend, the holiday, or the override); adjacent equal reasons are merged.
    """
    start_utc, end_utc = _to_utc(start), _to_utc(end)
    tz = calendar.schedule.tz
    periods: list[SkippedPeriod] = []  # in UTC while merging
    for day in _days(start_utc.astimezone(tz).date(), end_utc.astimezone(tz).date()):
        midnight, next_midnight = _at(day, time(0), tz), _at(day + _ONE_DAY, time(0), tz)
        info = calendar.day_info(day)
        if info.working:
            opens, closes = _window(calendar.schedule, day)
            pieces = [(midnight, opens), (closes, next_midnight)]
            kind, (reason, reason_zh) = "night", PLAIN_REASONS["night"]
        else:
            pieces = [(midnight, next_midnight)]
            kind, reason, reason_zh = info.kind, info.reason, info.reason_zh
        for piece_start, piece_end in pieces:
            a, b = max(piece_start, start_utc), min(piece_end, end_utc)
            if a >= b:
                continue
            if periods and periods[-1].end == a and periods[-1].reason == reason:
                periods[-1] = replace(periods[-1], end=b)
            else:
                periods.append(SkippedPeriod(a, b, kind, reason, reason_zh))
    return tuple(replace(p, start=p.start.astimezone(tz), end=p.end.astimezone(tz)) for p in periods)


# --- helpers ----------------------------------------------------------------------------------


def _to_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment.isoformat()}: pass a timezone-aware instant")
    return moment.astimezone(UTC)


def _at(day: date, wall_clock: time, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, wall_clock, tzinfo=tz).astimezone(UTC)


def _window(schedule: WorkingSchedule, day: date) -> _Window:
    tz = schedule.tz
    return _at(day, schedule.start, tz), _at(day, schedule.end, tz)


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += _ONE_DAY


def _working_windows(calendar: Calendar, start_utc: datetime) -> Iterator[tuple[date, _Window]]:
    """Working days from the start's local date on, with their windows in UTC."""
    first = start_utc.astimezone(calendar.schedule.tz).date()
    for offset in range(MAX_SCAN_DAYS):
        day = first + timedelta(days=offset)
        if calendar.is_working_day(day):
            yield day, _window(calendar.schedule, day)
    raise ValueError(f"no working day within {MAX_SCAN_DAYS} days of {first}: check the overrides")


def _result(calendar: Calendar, start_utc: datetime, due_utc: datetime) -> Result:
    tz = calendar.schedule.tz
    years = calendar.unconfirmed_years(start_utc.astimezone(tz).date(), due_utc.astimezone(tz).date())
    return Result(due_utc.astimezone(tz), non_working_periods(calendar, start_utc, due_utc), frozenset(years))
