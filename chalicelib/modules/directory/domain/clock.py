"""An instant's local date and month in a time zone (an outlet's: directory.public's
`local_date` / `local_month` give the outlet's zone), pure. An instant is a datetime with its
zone or a stored ISO-8601 time ('2026-10-31T16:30:00.000Z')."""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from zoneinfo import ZoneInfo


def _instant(at: datetime | str) -> datetime:
    return datetime.fromisoformat(at.replace("Z", "+00:00")) if isinstance(at, str) else at


def local_date(at: datetime | str, tz: tzinfo | str) -> date:
    """The calendar date an instant falls on in the zone (a name or a tzinfo)."""
    zone = ZoneInfo(tz) if isinstance(tz, str) else tz
    return _instant(at).astimezone(zone).date()


def local_month(at: datetime | str, tz: tzinfo | str) -> str:
    """The month (YYYY-MM) an instant falls in in the zone: '2026-11' for
    2026-10-31T16:30Z in Asia/Shanghai."""
    return local_date(at, tz).strftime("%Y-%m")
