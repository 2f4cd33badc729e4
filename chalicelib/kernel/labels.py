"""Names of the vocabularies in Chinese and English for what the server writes (service reports,
exports, monthly reports, mails). Each area owns its names (chalicelib/modules/<area>/
vocabulary.py); the SPA's copy is generated from the same registry (make api-types)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from chalicelib.kernel import registry


def label(group: str, value: str | None, lang: str = "zh") -> str:
    if value is None:
        return ""
    names = registry.vocabulary().get(group, {}).get(value)
    if names is None:
        return value
    return names.get(lang) or names["zh"]


def wall_clock(value: str, tz: ZoneInfo) -> datetime:
    """An ISO time on the outlet's wall clock, without an offset (a time that has none, such as
    a camera's EXIF time, is taken as it is). ValueError when the text is no time."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment if moment.tzinfo is None else moment.astimezone(tz).replace(tzinfo=None)


def local_time(value: str | None, tz: ZoneInfo, empty: str = "") -> str:
    """An ISO time as 'YYYY-MM-DD HH:MM' on the outlet's wall clock (a text that is no time is
    shown as it is)."""
    if not value:
        return empty
    try:
        return wall_clock(value, tz).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value
