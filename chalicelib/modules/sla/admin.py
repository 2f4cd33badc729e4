"""Head office's SLA settings (policy, calendar, working hours) and the at-risk view."""

from __future__ import annotations

from datetime import date, timedelta

from chalicelib.kernel.access import may_read_outlet, outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import InvalidTransition, NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.validation import DATE_MAX, DATE_MIN, parse_date, parse_year
from chalicelib.modules.directory import public as directory
from chalicelib.modules.sla import clocks as sla
from chalicelib.modules.sla import store, subjects
from chalicelib.modules.sla.domain import clock as sc
from chalicelib.modules.sla.domain.events import ACK_EVENT  # the acknowledgement's event
from chalicelib.modules.sla.domain.policy import (
    level_timing_problems,
    merge_outlet_override,
    parts_problems,
    parts_settings,
)
from chalicelib.modules.sla.explain import explain
from chalicelib.modules.sla.models import SlaWatch

# ---------------------------------------------------------------- at risk

# The board's order of a clock's standing: about to breach (its warning has come), breached,
# then due within the horizon but not yet warned of
_STANDING = {"at_risk": 0, "breached": 1, "on_track": 2}


def _urgency(entry: dict) -> tuple[int, int]:
    """The board's order: what is about to breach first (least time left first), then the
    breaches, the most recent first (the longest overdue last), then what is due later."""
    left = entry["seconds_left"]
    return _STANDING.get(entry["clock"]["status"], 2), abs(left)


def _acknowledgement(watch: SlaWatch) -> dict | None:
    if not store.acknowledged(watch):
        return None
    return {k: watch.ack.get(k) for k in ("at", "by", "by_name", "note")}


def _clock_entry(watch: SlaWatch, now, lang: str) -> dict:
    """One running clock of the board: its summary, time left, the version an acknowledgement
    is checked against, its rule in words and its acknowledgement."""
    clock = {"name": watch.clock, "state": sc.RUNNING, "basis": watch.basis or "calendar",
             "due_at": watch.due_at, "started_at": watch.started_at, "stopped_at": None,
             "late_seconds": None, "levels": watch.levels, "outcome": None}
    return {"clock": sc.summary(clock, now),
            "seconds_left": int((sc.parse(watch.due_at) - now).total_seconds()),
            "version": int(watch.watch_version or 0),
            "explanation": explain(watch.clock, watch.target, lang),
            "acknowledgement": _acknowledgement(watch)}


def _states(by_subject: dict[str, list[SlaWatch]]) -> dict[str, str]:
    """The board's subjects' states now, by id: one batch read per kind, from the subjects
    themselves (a watch is not rewritten when only its subject's state changes)."""
    ids_by_kind: dict[str, list[str]] = {}
    for subject_id, watches in by_subject.items():
        ids_by_kind.setdefault(watches[0].subject_kind or subjects.LEGACY_KIND, []).append(subject_id)
    found: dict[str, str] = {}
    for kind, ids in ids_by_kind.items():
        try:
            found.update(subjects.states_of(kind, ids))
        except subjects.UnknownKind:  # its rows are left out by `_row`
            continue
    return found


def _row(watches: list[SlaWatch], state: str | None, now, lang: str) -> dict | None:
    """One subject's row: its most urgent clock not acknowledged (else its most recent
    acknowledged breach) and its other clocks on the board; `state`, the subject's now."""
    first = watches[0]
    kind = first.subject_kind or subjects.LEGACY_KIND
    try:
        link = subjects.link_of(kind, first.subject_id, first.link)
    except subjects.UnknownKind:  # a kind no area registers (any more): not on the board
        logger.warning("unknown SLA subject kind", extra={"kind": kind})
        return None
    state = state or first.subject_state  # (a watch of an earlier release kept it)
    if state is None:  # the subject is gone: its watches are left over
        logger.warning("SLA watch without its subject", extra={"kind": kind})
        return None
    entries = [_clock_entry(w, now, lang) for w in watches]
    entries.sort(key=lambda e: (e["acknowledgement"] is not None, _urgency(e)))
    main, others = entries[0], entries[1:]
    # order_id, number, customer_name, technician_name and state name the subject of any
    # kind (their names are from when only work orders had clocks)
    return {"order_id": first.subject_id, "number": first.reference,
            "customer_name": first.title, "technician_name": first.assignee_name,
            "priority": first.priority, "state": state,
            "subject_kind": kind, "subject_id": first.subject_id, "link": link,
            **main, "others": others}


def at_risk(actor: Actor, params: dict, lang: str = "zh") -> dict:
    """The outlet's subjects (work orders, complaints…) with a running clock breached or due
    within the horizon, one row per subject with its most urgent clock: about to breach first
    (warned of, least time left first), then breached (the most recent first), then due later
    in the horizon; apart, the ones whose breaches a manager acknowledged. Three index queries,
    each one page, and the subjects' states (one batch read per kind)."""
    outlet = outlet_scope(actor, params.get("outlet"))
    try:
        horizon = float(params.get("horizon_hours") or 24)
    except ValueError:
        horizon = -1
    if not 0 < horizon <= 24 * 14:
        raise ValidationFailed(fields={"horizon_hours": ("range", {"min": 1, "max": 336})})
    now = keys.utc_now()
    stamp = keys.iso(now)
    pages = (store.due_soon(outlet, stamp, sc.iso(now + timedelta(hours=horizon))),
             store.breached(outlet, stamp), store.acknowledged_breaches(outlet))
    by_subject: dict[str, list[SlaWatch]] = {}
    for page in pages:
        for watch in page.items:
            by_subject.setdefault(watch.subject_id, []).append(watch)
    states = _states(by_subject)
    rows = [row for row in (_row(w, states.get(i), now, lang) for i, w in by_subject.items())
            if row]
    items = sorted((r for r in rows if r["acknowledgement"] is None), key=_urgency)
    acknowledged = sorted((r for r in rows if r["acknowledgement"] is not None), key=_urgency)
    totals = {status: sum(1 for r in items if r["clock"]["status"] == status)
              for status in ("at_risk", "breached", "on_track")}
    totals["acknowledged"] = len(acknowledged)
    return {"items": items, "acknowledged": acknowledged, "totals": totals, "now": stamp,
            "truncated": any(page.last_key for page in pages)}


def acknowledge(actor: Actor, body: dict) -> dict:
    """A manager acknowledges a clock's breach with a note (ACKNOWLEDGE_BODY): checked against
    the version the board showed; the watch leaves the board's top for its "acknowledged"
    part; the audit record (and, for a work order, a timeline event) in the same transaction."""
    kind = body.get("subject_kind") or subjects.LEGACY_KIND
    try:
        partition = subjects.partition_of(kind, body["subject_id"])
    except LookupError:
        raise NotFound() from None
    watch = store.get_watch(partition, body["clock"])
    if watch is None or watch.subject_id != body["subject_id"] or not may_read_outlet(actor, watch.outlet):
        raise NotFound()
    now = keys.utc_now()
    stamp = keys.iso(now)
    if watch.state != sc.RUNNING or watch.due_at > stamp:
        raise InvalidTransition(fields={"clock": ("clock_not_breached", {})})
    seen = int(body["version"])
    if seen != int(watch.watch_version or 0):
        raise StaleVersion(current=None)
    person = directory.staff(actor.username)
    name = person.name if person else actor.username
    note = body["note"].strip()
    if not note:
        raise ValidationFailed(fields={"note": ("minLength", {})})
    ack = {"at": stamp, "by": actor.username, "by_name": name, "note": note,
           "due_at": watch.due_at}
    audit = [store.acknowledgement_write(watch, ack)]
    on_timeline = subjects.timeline_entry(kind, actor, watch.subject_id, ACK_EVENT,
                                          {"clock": watch.clock, "note": note}, stamp)
    if on_timeline is not None:  # on the subject's own timeline too (a work order's)
        audit.append(on_timeline)
    try:
        store.acknowledge(watch, seen, ack, audit)
    except VersionConflict:
        raise StaleVersion(current=None) from None
    count("SlaBreachesAcknowledged")
    return {"subject_kind": kind, "subject_id": watch.subject_id, "clock": watch.clock,
            "version": int(watch.watch_version), "acknowledgement": _acknowledgement(watch)}


# ---------------------------------------------------------------- policy

def policy_view(actor: Actor, outlet: str | None) -> dict:
    if outlet:
        outlet = outlet_scope(actor, outlet)
    elif not sees_all_outlets(actor):
        outlet = actor.outlet
    # the page edits what is stored now, so it reads it fresh (not the clocks' short cache)
    network, version, current = sla.load_network_policy()
    override, override_version = sla.load_outlet_override(outlet) if outlet else (None, None)
    effective = merge_outlet_override(network, override)
    # the settings the parts area reads, with the defaults of those nobody set
    effective = {**effective, "parts": parts_settings(effective)}
    return {"network": network, "override": override, "effective": effective,
            "version": version, "override_version": override_version,
            "updated_at": current.updated_at if current else None,
            "updated_by": current.updated_by if current else None}


def _seen(body: dict) -> tuple[int, dict | None]:
    """The version the editor saw and the policy (NETWORK_POLICY_BODY or OUTLET_POLICY_BODY;
    an outlet's policy None removes its override). Each level at most once (its name marks
    what was notified), at a time that fits its name (a warning before the due time)."""
    policy = body["policy"]
    names: set[str] = set()
    for index, level in enumerate((policy or {}).get("levels") or []):
        if level["name"] in names:
            raise ValidationFailed(fields={f"levels.{index}.name": ("duplicate", {})})
        names.add(level["name"])
    problems = {**level_timing_problems((policy or {}).get("levels") or []),
                **parts_problems(policy)}
    if problems:
        raise ValidationFailed(fields=problems)
    return int(body.get("version") or 0), policy


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
