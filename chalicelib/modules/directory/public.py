"""What other areas may use of the directory: outlets, staff, names, time zones (and the local
month or day of an instant at an outlet), the second factor on record (cached reads), an
outlet's working hours, and how a member wants work notices (e-mail on or off, language)."""

from __future__ import annotations

from chalicelib.modules.directory import store as _store
from chalicelib.modules.directory.models import Outlet, Staff
from chalicelib.modules.directory.usecases import (
    CACHE_SECONDS,
    MFA_NONE,
    MFA_TOTP,
    actor_name,
    all_outlets,
    display_name,
    forget,
    local_date,
    local_day,
    local_month,
    notice_language,
    outlet,
    outlet_name,
    outlet_staff,
    staff,
    timezone,
    wants_email_notices,
    zone,
)

__all__ = ["CACHE_SECONDS", "MFA_NONE", "MFA_TOTP", "Outlet", "Staff", "actor_name",
           "all_outlets", "display_name", "forget", "head_office_staff", "local_date",
           "local_day", "local_month", "notice_language",
           "outlet", "outlet_name", "outlet_staff", "set_working_hours", "staff", "staff_now",
           "star_level_entry", "timezone", "wants_email_notices", "zone"]


def staff_now(outlet_code: str, role: str | None = None) -> list[Staff]:
    """An outlet's staff as stored now (not cached): who is told about a breach."""
    return _store.list_staff(outlet_code, role)


def head_office_staff() -> list[Staff]:
    """Head office's people as stored now, of every head-office outlet."""
    return [s for o in _store.list_outlets() if o.is_head_office
            for s in _store.list_staff(o.code, "head_office")]


def star_level_entry(username: str, level: int, seen_version: int) -> tuple[Staff, None] | None:
    """A transaction entry setting a staff member's star level, written only if their item is
    still at the version the caller saw (the technicians' star change writes it with the
    history item; call `forget(username)` after the transaction). None when there is no such
    member; VersionConflict (kernel store) from the transaction when the item changed."""
    person = _store.get_staff(username)
    if person is None:
        return None
    person.star_level = level
    person.version = seen_version  # PynamoDB's condition: still at the version seen; then +1
    return person, None


def set_working_hours(code: str, start: str, end: str) -> Outlet | None:
    """An outlet's working hours (wall clock in its time zone); None when there is no such
    outlet."""
    found = _store.get_outlet(code)
    if found is None:
        return None
    found.work_start, found.work_end = start, end
    _store.save_outlet(found)
    forget(code)
    return found
