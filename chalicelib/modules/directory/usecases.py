"""Outlets and staff, with a short in-process cache (they change rarely, are read often)."""

from __future__ import annotations

import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

from chalicelib.kernel import registry
from chalicelib.kernel.access import outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import NotFound, StaleVersion
from chalicelib.kernel.observability import logger
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.modules.directory import store
from chalicelib.modules.directory.domain import clock
from chalicelib.modules.directory.domain.preferences import language_of, wants_email
from chalicelib.modules.directory.models import Outlet, Staff, StaffEvent

# How long a Lambda container trusts what it read: a deactivation or a move to another outlet
# takes effect everywhere within this time (at once in the container that made the change).
CACHE_SECONDS = 60
_cache: dict[tuple[str, str], tuple[float, object]] = {}
monotonic = time.monotonic  # the cache's clock (tests advance it)


def _cached(kind: str, key: str, load):
    hit = _cache.get((kind, key))
    if hit and hit[0] > monotonic():
        return hit[1]
    value = load(key)
    if value is not None:
        _cache[(kind, key)] = (monotonic() + CACHE_SECONDS, value)
    return value


def forget(key: str) -> None:
    """Drop a cached outlet or staff entry after it changed here."""
    _cache.pop(("outlet", key), None)
    _cache.pop(("staff", key), None)


def forget_all() -> None:
    """Drop every cached entry (the test stack's tables were put back as they were)."""
    _cache.clear()


# The second factor in a staff item (`Staff.mfa`); null (never known yet) counts as "none".
MFA_TOTP, MFA_NONE = "totp", "none"


def record_mfa(username: str, mfa: str) -> None:
    """Keep Cognito's answer on the user's second factor ("totp" | "none") in their directory
    item (one read; a write only when it changed, which also drops the cached copy so that this
    container's next check sees it at once)."""
    if store.set_staff_mfa(username, mfa):
        forget(username)


def recorded_mfa(username: str, fresh: bool = False) -> str | None:
    """The second factor the directory holds for the user ("totp" | "none" | None); `fresh`
    reads past the cache (another container may have recorded it within the cache's life)."""
    if fresh:
        forget(username)
    person = staff(username)
    return person.mfa if person is not None else None


def outlet(code: str) -> Outlet | None:
    return _cached("outlet", code, store.get_outlet)


def staff(username: str) -> Staff | None:
    return _cached("staff", username, store.get_staff)


def timezone(code: str) -> str:
    """The outlet's time zone name (the configured default for an outlet not in the directory)."""
    home = outlet(code)
    return home.timezone if home else settings().default_timezone


def zone(code: str) -> ZoneInfo:
    """The outlet's time zone, for local days and wall-clock times."""
    return ZoneInfo(timezone(code))


def local_date(code: str, at: datetime | str) -> date:
    """The calendar date an instant (a datetime or a stored ISO time) falls on at the outlet."""
    return clock.local_date(at, zone(code))


def local_month(code: str, at: datetime | str) -> str:
    """The month (YYYY-MM) an instant (a datetime or a stored ISO time) falls in at the outlet:
    a complaint's rate month, a ledger entry's month, a fee or KPI fact's month."""
    return clock.local_month(at, zone(code))


def local_day(code: str, at: datetime | str) -> str:
    """The day (YYYYMMDD, as record numbers spell it) an instant falls in at the outlet."""
    return local_date(code, at).strftime("%Y%m%d")


def outlet_name(code: str | None, lang: str = "zh") -> str:
    """An outlet as people read it: its name in the language ("en": its English name, else its
    Chinese one); the code for an outlet the directory does not have ("" for no outlet)."""
    home = outlet(code) if code else None
    if home is None:
        return code or ""
    return (home.name_en if lang == "en" and home.name_en else home.name) or code


def actor_name(actor: Actor) -> str:
    """The actor's display name for the audit trail (the username when not in the directory)."""
    return display_name(actor.username)


def display_name(username: str) -> str:
    """A person's name from the directory, or the username when there is none."""
    person = staff(username) if username else None
    return person.name if person else username


def outlet_view(o: Outlet) -> dict:
    return {"code": o.code, "name": o.name, "name_en": o.name_en, "city": o.city,
            "lat": o.lat, "lng": o.lng, "timezone": o.timezone,
            "is_head_office": bool(o.is_head_office)}


def staff_view(s: Staff) -> dict:
    return {"username": s.username, "name": s.name, "role": s.role, "outlet": s.outlet,
            "star_level": int(s.star_level) if s.star_level is not None else None,
            "phone": s.phone}


def me(actor: Actor) -> dict:
    home = outlet(actor.outlet)
    return {"username": actor.username, "name": actor_name(actor),
            "role": actor.role, "outlet": actor.outlet,
            "outlet_name": home.name if home else actor.outlet,
            "outlet_name_en": home.name_en if home else actor.outlet,
            "permissions": registry.permissions_of(actor.role)}


def all_outlets() -> list[Outlet]:
    """Every outlet, head office included (cached like single outlets)."""
    return _cached("outlets", "*", lambda _key: store.list_outlets())


def outlet_staff(code: str, role: str | None = None) -> list[Staff]:
    return _cached("outlet_staff", f"{code}#{role}", lambda _key: store.list_staff(code, role))


def list_outlets(actor: Actor) -> list[dict]:
    return [outlet_view(o) for o in store.list_outlets()
            if sees_all_outlets(actor) or o.code == actor.outlet]


def list_staff(actor: Actor, outlet_code: str | None, role: str | None) -> list[dict]:
    code = outlet_scope(actor, outlet_code or (None if sees_all_outlets(actor) else actor.outlet))
    return [staff_view(s) for s in store.list_staff(code, role) if s.active]


# ---------------------------------------------------------------- notice preferences

def notice_language(person: Staff) -> str:
    """The language the member reads work notices in ("zh" | "en")."""
    return language_of(person.language)


def wants_email_notices(person: Staff) -> bool:
    """Whether the member wants work notices by e-mail too (and has an address)."""
    return bool(person.email) and wants_email(person.notify_email)


def preferences_view(person: Staff) -> dict:
    return {"email": wants_email(person.notify_email), "language": notice_language(person),
            "email_address": person.email or None, "version": int(person.version or 0)}


def _own_item(actor: Actor) -> Staff:
    person = store.get_staff(actor.username)  # fresh: the version the change is checked against
    if person is None:
        raise NotFound()
    return person


def preferences(actor: Actor) -> dict:
    """The caller's notice preferences (GET /api/me/preferences)."""
    return preferences_view(_own_item(actor))


def update_preferences(actor: Actor, body: dict) -> dict:
    """Change the caller's own notice preferences (PREFERENCES_BODY) if their item is still at
    the version they saw (else 409), with an audit event in the same transaction."""
    person = _own_item(actor)
    if body["version"] != int(person.version or 0):
        raise StaleVersion()
    wanted = {"notify_email": body.get("email"), "language": body.get("language")}
    before = preferences_view(person)
    changes = {name: value for name, value in wanted.items()
               if value is not None and value != getattr(person, name)}
    if not changes:
        return before
    at = keys.iso(keys.utc_now())
    event = StaffEvent(id=keys.new_id("se"), username=person.username, at=at,
                       action="preferences_changed", actor_username=actor.username, data={})
    event.data = {"before": {"email": before["email"], "language": before["language"]},
                  "after": {"email": wants_email(changes.get("notify_email", person.notify_email)),
                            "language": language_of(changes.get("language", person.language))}}
    try:
        store.save_preferences(person, changes, event)
    except VersionConflict:
        raise StaleVersion() from None
    forget(person.username)  # this container's next notice reads the new choice at once
    logger.info("preferences changed", extra={"changed": sorted(changes)})
    return preferences_view(person)
