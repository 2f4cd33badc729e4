"""Head office's SLA settings (policy, calendar, working hours) and the at-risk view."""

from __future__ import annotations

from datetime import date, timedelta

from chalicelib.kernel.access import outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.observability import logger
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.validation import DATE_MAX, DATE_MIN, parse_date, parse_year
from chalicelib.modules.directory import public as directory
from chalicelib.modules.sla import clocks as sla
from chalicelib.modules.sla import store, subjects
from chalicelib.modules.sla.domain import clock as sc
from chalicelib.modules.sla.domain.policy import merge_outlet_override

# ---------------------------------------------------------------- at risk

def at_risk(actor: Actor, params: dict) -> dict:
    """Running clocks of an outlet's subjects (work orders, complaints…) that are breached or
    due within the horizon, soonest first."""
    outlet = outlet_scope(actor, params.get("outlet"))
    try:
        horizon = float(params.get("horizon_hours") or 24)
    except ValueError:
        horizon = -1
    if not 0 < horizon <= 24 * 14:
        raise ValidationFailed(fields={"horizon_hours": ("range", {"min": 1, "max": 336})})
    now = keys.utc_now()
    until = sc.iso(now + timedelta(hours=horizon))
    items = []
    for watch in store.running_watches(outlet, until):
        clock = {"name": watch.clock, "state": sc.RUNNING, "basis": watch.basis or "calendar",
                 "due_at": watch.due_at, "started_at": watch.started_at, "stopped_at": None,
                 "late_seconds": None, "levels": watch.levels, "outcome": None}
        kind = watch.subject_kind or subjects.LEGACY_KIND
        try:
            link = subjects.link_of(kind, watch.subject_id, watch.link)
        except subjects.UnknownKind:  # a kind no area registers (any more): not on the board
            logger.warning("unknown SLA subject kind", extra={"kind": kind})
            continue
        # order_id, number, customer_name, technician_name and state name the subject of any
        # kind (their names are from when only work orders had clocks)
        items.append({"order_id": watch.subject_id, "number": watch.reference,
                      "customer_name": watch.title, "technician_name": watch.assignee_name,
                      "priority": watch.priority, "state": watch.subject_state,
                      "subject_kind": kind, "subject_id": watch.subject_id,
                      "link": link,
                      "clock": sc.summary(clock, now),
                      "seconds_left": int((sc.parse(watch.due_at) - now).total_seconds())})
    return {"items": items, "now": keys.iso(now)}


# ---------------------------------------------------------------- policy

def policy_view(actor: Actor, outlet: str | None) -> dict:
    if outlet:
        outlet = outlet_scope(actor, outlet)
    elif not sees_all_outlets(actor):
        outlet = actor.outlet
    # the page edits what is stored now, so it reads it fresh (not the clocks' short cache)
    network, version, current = sla.load_network_policy()
    override, override_version = sla.load_outlet_override(outlet) if outlet else (None, None)
    return {"network": network, "override": override,
            "effective": merge_outlet_override(network, override),
            "version": version, "override_version": override_version,
            "updated_at": current.updated_at if current else None,
            "updated_by": current.updated_by if current else None}


def _seen(body: dict) -> tuple[int, dict | None]:
    """The version the editor saw and the policy (NETWORK_POLICY_BODY or OUTLET_POLICY_BODY;
    an outlet's policy None removes its override)."""
    return int(body.get("version") or 0), body["policy"]


def save_network_policy(actor: Actor, body: dict) -> dict:
    version, document = _seen(body)
    try:
        store.save_policy("NETWORK", document, version, actor.username, keys.iso(keys.utc_now()))
    except VersionConflict:
        raise StaleVersion(current=None) from None
    sla.forget_cached()
    return policy_view(actor, None)


def save_outlet_policy(actor: Actor, code: str, body: dict) -> dict:
    if directory.outlet(code) is None:
        raise NotFound()
    version, document = _seen(body)
    try:
        store.save_policy(f"OUTLET#{code}", document, version, actor.username,
                          keys.iso(keys.utc_now()))
    except VersionConflict:
        raise StaleVersion(current=None) from None
    sla.forget_cached()
    return policy_view(actor, code)


# ---------------------------------------------------------------- calendar

def calendar_view(actor: Actor, year: str | None, outlet: str | None) -> dict:
    from chalicelib.modules.sla.domain.calendar import library_years

    year_number = parse_year(year or str(keys.utc_now().year))
    if year_number is None:
        raise ValidationFailed(fields={"year": ("range", {"min": DATE_MIN.year, "max": DATE_MAX.year})})
    code = outlet_scope(actor, outlet) if outlet else actor.outlet
    calendar = sla.calendar_for(code)
    days = []
    day = date(year_number, 1, 1)
    while day.year == year_number:
        info = calendar.day_info(day)
        weekend = day.weekday() >= 5
        if info.source == "override" or info.working == weekend:
            days.append({"date": day.isoformat(), "working": info.working, "reason": info.reason,
                         "reason_zh": info.reason_zh, "source": info.source})
        day += timedelta(days=1)
    schedule = calendar.schedule
    return {"year": year_number, "confirmed": calendar.is_year_confirmed(year_number),
            "library_covers": year_number in library_years(),
            "working_hours": {"start": schedule.start.strftime("%H:%M"),
                              "end": schedule.end.strftime("%H:%M"), "timezone": schedule.timezone},
            "days": days}


def _date(value: str) -> str:
    day = parse_date(value)
    if day is None:
        raise ValidationFailed(fields={"date": ("format_date", {})})
    return day.isoformat()


def save_day(actor: Actor, day: str, body: dict) -> dict:
    """An override of one date (DAY_SCHEMA)."""
    day = _date(day)
    item = store.save_calendar_day(day, body["working"], body["reason"], actor.username,
                                   keys.iso(keys.utc_now()))
    sla.forget_cached()
    return {"date": item.day, "working": bool(item.working), "reason": item.reason}


def delete_day(actor: Actor, day: str) -> dict:
    if not store.delete_calendar_day(_date(day)):
        raise NotFound()
    sla.forget_cached()
    return {"date": day, "working": True, "reason": ""}


def confirm_year(actor: Actor, year: str, body: dict) -> dict:
    """Mark a year's schedule entered, or not (YEAR_BODY)."""
    year_number = parse_year(year)
    if year_number is None:
        raise ValidationFailed(fields={"year": ("range", {"min": DATE_MIN.year,
                                                          "max": DATE_MAX.year})})
    store.save_calendar_year(year_number, body["confirmed"], actor.username,
                             keys.iso(keys.utc_now()))
    sla.forget_cached()
    return calendar_view(actor, year, None)


def save_working_hours(actor: Actor, code: str, body: dict) -> dict:
    """An outlet's working hours (WORKING_HOURS_BODY), the start before the end."""
    if directory.outlet(code) is None:
        raise NotFound()
    if body["start"] >= body["end"]:
        raise ValidationFailed(fields={"end": ("after_start", {})})
    if directory.set_working_hours(code, body["start"], body["end"]) is None:
        raise NotFound()
    sla.forget_cached()
    return calendar_view(actor, str(keys.utc_now().year), code)
