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


def local_time(value: str | None, tz: ZoneInfo, empty: str = "") -> str:
    """An ISO time as 'YYYY-MM-DD HH:MM' on the outlet's wall clock (a time without an offset,
    such as a camera's EXIF time, is shown as it is)."""
    if not value:
        return empty
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")
