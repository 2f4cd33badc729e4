"""SLA clocks (时限) of a subject (a work order…): start, pause, resume, stop, extend — with the
explanation of every due time, so a dispute is settled by reading it.

Pure functions over a plain dict (the clock as stored on its subject). Times in the dict are
UTC ISO-8601 strings; the functions take and return aware datetimes at their edges.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from chalicelib.modules.sla.domain.periods import PLAIN_REASONS
from chalicelib.modules.sla.domain.policy import Target

if TYPE_CHECKING:
    from chalicelib.modules.sla.domain import calendar as cal

# The calendar (and its holiday library) is imported where a due time is computed, not with
# this module: reading a clock's status needs no calendar, and the API's cold start is measured.

RUNNING, PAUSED, STOPPED = "running", "paused", "stopped"
# (which action of a work order starts or stops which clock: domain/order_clocks.py)


def iso(moment: datetime) -> str:
    """UTC with milliseconds, like every stored time (so times compare correctly as text)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None


def _period(p: cal.SkippedPeriod) -> dict:
    return {"start": iso(p.start), "end": iso(p.end), "kind": p.kind, "reason": p.reason,
            "reason_zh": p.reason_zh}


def _add(calendar: cal.Calendar, basis: str, start: datetime, span: timedelta) -> cal.Result:
    from chalicelib.modules.sla.domain import calendar as cal

    if basis == "working":
        return cal.add_working_time(calendar, start, span)
    return cal.add_calendar_time(calendar, start, span)


def _elapsed(calendar: cal.Calendar, basis: str, start: datetime, end: datetime) -> timedelta:
    from chalicelib.modules.sla.domain import calendar as cal

    if basis == "working":
        return cal.working_time_between(calendar, start, end)
    return max(end - start, timedelta(0))


def due_for(calendar: cal.Calendar, target: Target, start: datetime) -> cal.Result:
    """The due instant of a target counted from `start`, with what was skipped."""
    if target.unit == "working_days":
        from chalicelib.modules.sla.domain import calendar as cal

        return cal.add_working_days(calendar, start, int(target.amount))
    minutes = target.amount * (60 if target.unit == "hours" else 1)
    return _add(calendar, target.basis, start, timedelta(minutes=minutes))


def start_clock(calendar: cal.Calendar, name: str, target: Target, policy_version: int,
                start_event: str, at: datetime, levels: list[dict], run: int = 1) -> dict:
    """A running clock from `at`, due by the policy's target."""
    result = due_for(calendar, target, at)
    clock = {
        "name": name, "state": RUNNING, "run": run, "basis": target.basis,
        "target": {"amount": target.amount, "unit": target.unit, "basis": target.basis,
                   "note": target.note, "rule_index": target.rule_index,
                   "cap_working_days": target.cap_working_days,
                   "policy_version": policy_version,
                   # what the rule matched on: the explanation is composed from them
                   "priority": target.priority, "type": target.type,
                   "max_distance_km": target.max_distance_km},
        "start_event": start_event, "started_at": iso(at), "due_at": iso(result.due),
        "paused_at": None, "stopped_at": None, "late_seconds": None, "outcome": None,
        "explanation": {"skipped": [_period(p) for p in result.skipped], "pauses": [],
                        "extensions": [], "adjustments": [],
                        "unconfirmed_years": sorted(result.unconfirmed_years)},
        "levels": [], "notified": [],
    }
    return schedule_levels(calendar, clock, levels)


def start_agreed_clock(calendar: cal.Calendar, name: str, due: datetime, policy_version: int,
                       start_event: str, at: datetime, levels: list[dict], run: int = 1) -> dict:
    """A running clock from `at`, due at an instant its subject agreed (an improvement measure's
    date) rather than by a rule: its target says so (`agreed_due`), its levels fall as the
    policy's levels say over that span."""
    clock = {
        "name": name, "state": RUNNING, "run": run, "basis": "calendar",
        "target": {"amount": None, "unit": None, "basis": "calendar", "note": "",
                   "rule_index": None, "cap_working_days": None,
                   "policy_version": policy_version, "agreed_due": iso(due),
                   "priority": None, "type": None, "max_distance_km": None},
        "start_event": start_event, "started_at": iso(at), "due_at": iso(max(due, at)),
        "paused_at": None, "stopped_at": None, "late_seconds": None, "outcome": None,
        "explanation": {"skipped": [], "pauses": [], "extensions": [], "adjustments": [],
                        "unconfirmed_years": []},
        "levels": [], "notified": [],
    }
    return schedule_levels(calendar, clock, levels)


def schedule_levels(calendar: cal.Calendar, clock: dict, levels: list[dict]) -> dict:
    """When each escalation level falls: a share of the target's span, or minutes from due."""
    start, due = parse(clock["started_at"]), parse(clock["due_at"])
    span = _elapsed(calendar, clock["basis"], start, due)
    planned = []
    for level in levels:
        if level.get("elapsed_ratio") is not None:
            at = _add(calendar, clock["basis"], start, span * level["elapsed_ratio"]).due
        else:
            at = due + timedelta(minutes=level.get("offset_minutes") or 0)
        planned.append({"name": level["name"], "at": iso(at), "notify": list(level["notify"])})
    return {**clock, "levels": sorted(planned, key=lambda lv: lv["at"])}


def _shift(calendar: cal.Calendar, clock: dict, span: timedelta) -> dict:
    """Move the due time and the levels not yet notified by `span` in the clock's basis."""
    due = _add(calendar, clock["basis"], parse(clock["due_at"]), span)
    explanation = dict(clock["explanation"])
    explanation["skipped"] = [*explanation["skipped"], *(_period(p) for p in due.skipped)]
    explanation["unconfirmed_years"] = sorted(set(explanation["unconfirmed_years"])
                                              | set(due.unconfirmed_years))
    levels = [lv if lv["name"] in clock["notified"]
              else {**lv, "at": iso(_add(calendar, clock["basis"], parse(lv["at"]), span).due)}
              for lv in clock["levels"]]
    return {**clock, "due_at": iso(due.due), "explanation": explanation, "levels": levels}


def next_check(clock: dict) -> str | None:
    """The next level instant not yet notified (None: nothing left to watch)."""
    if clock["state"] != RUNNING:
        return None
    pending = [lv["at"] for lv in clock["levels"] if lv["name"] not in clock["notified"]]
    return min(pending) if pending else None


def warning_at(clock: dict) -> str | None:
    """The first level due before the due time (a compact clock keeps it as it was)."""
    if "levels" not in clock:
        return clock.get("warning_at")
    first = [lv["at"] for lv in clock["levels"] if lv["at"] < clock["due_at"]]
    return min(first) if first else None


def pause(clock: dict, at: datetime) -> dict:
    if clock["state"] != RUNNING:
        return clock
    return {**clock, "state": PAUSED, "paused_at": iso(at)}


def resume(calendar: cal.Calendar, clock: dict, at: datetime) -> dict:
    """Shift the due time by the paused duration, counted in the clock's own basis."""
    if clock["state"] != PAUSED:
        return clock
    shift = _elapsed(calendar, clock["basis"], parse(clock["paused_at"]), at)
    shifted = _shift(calendar, clock, shift)
    explanation = dict(shifted["explanation"])
    explanation["pauses"] = [*explanation["pauses"], {
        "from": clock["paused_at"], "to": iso(at), "shift_seconds": int(shift.total_seconds())}]
    return {**shifted, "state": RUNNING, "paused_at": None, "explanation": explanation}


def stop(calendar: cal.Calendar, clock: dict, at: datetime, outcome: str | None = None) -> dict:
    """Stop the clock: met when on time, missed when late (lateness in the clock's basis)."""
    if clock["state"] == STOPPED:
        return clock
    end = parse(clock["paused_at"]) if clock["state"] == PAUSED else at
    due = parse(clock["due_at"])
    late = _elapsed(calendar, clock["basis"], due, end) if end > due else timedelta(0)
    result = outcome or ("missed" if late > timedelta(0) else "met")
    return {**clock, "state": STOPPED, "stopped_at": iso(at), "paused_at": None,
            "late_seconds": int(late.total_seconds()), "outcome": result}


def extend(calendar: cal.Calendar, clock: dict, minutes: int, reason: str, by: str,
           at: datetime) -> dict:
    """A manager's extension: the due time moves by `minutes` in the clock's basis."""
    shifted = _shift(calendar, clock, timedelta(minutes=minutes))
    explanation = dict(shifted["explanation"])
    explanation["extensions"] = [*explanation["extensions"], {
        "at": iso(at), "by": by, "minutes": minutes, "reason": reason}]
    return {**shifted, "explanation": explanation}


def recompute(calendar: cal.Calendar, clock: dict, target: Target, adjustment: dict,
              at: datetime, levels: list[dict]) -> dict:
    """A new target for a clock that is still running (e.g. the site's distance was corrected):
    due again from the original start, with the earlier pauses and extensions re-applied."""
    fresh = start_clock(calendar, clock["name"], target, clock["target"]["policy_version"],
                        clock["start_event"], parse(clock["started_at"]), levels, clock["run"])
    fresh["notified"] = list(clock["notified"])
    old = clock["explanation"]
    for span in [p["shift_seconds"] for p in old["pauses"]] + [e["minutes"] * 60 for e in old["extensions"]]:
        fresh = _shift(calendar, fresh, timedelta(seconds=span))
    explanation = {**fresh["explanation"], "pauses": old["pauses"], "extensions": old["extensions"],
                   "adjustments": [*old["adjustments"], {
                       **adjustment, "at": iso(at), "previous_due_at": clock["due_at"],
                       "previous_target": clock["target"]}]}
    return {**fresh, "explanation": explanation, "state": clock["state"],
            "paused_at": clock["paused_at"]}


def cap_to_plan(calendar: cal.Calendar, clock: dict, planned: datetime, at: datetime,
                levels: list[dict] | None = None, sent: set[str] | frozenset = frozenset()) -> dict:
    """A complex repair: due at the planned date, never beyond the cap in working days. With the
    policy's `levels`, the levels not sent yet (`sent`: the sweep's, kept on the clock's watch;
    or noted on the clock) fall again by the new due time (a warning at 80 % of the new span,
    the breach at the planned date); the sent ones stay as they were."""
    from chalicelib.modules.sla.domain import calendar as cal

    cap = clock["target"].get("cap_working_days")
    limit = cal.add_working_days(calendar, parse(clock["started_at"]), int(cap)).due if cap else None
    due = min(planned, limit) if limit else planned
    explanation = {**clock["explanation"], "adjustments": [
        *clock["explanation"]["adjustments"],
        {"at": iso(at), "kind": "plan", "planned_at": iso(planned),
         "cap_at": iso(limit) if limit else None, "previous_due_at": clock["due_at"]}]}
    capped = {**clock, "due_at": iso(due), "explanation": explanation}
    if levels is None:
        return capped
    fresh = {lv["name"]: lv for lv in schedule_levels(calendar, capped, levels)["levels"]}
    done = set(clock["notified"]) | set(sent)
    kept = [lv if lv["name"] in done or lv["name"] not in fresh
            else fresh[lv["name"]] for lv in clock["levels"]]
    return {**capped, "levels": sorted(kept, key=lambda lv: lv["at"])}


def _status(state: str, outcome: str | None, due_at: str, warning: str | None,
            now: datetime) -> str:
    if state == STOPPED:
        return outcome or "met"
    if state == PAUSED:
        return "paused"
    if now >= parse(due_at):
        return "breached"
    return "at_risk" if warning and now >= parse(warning) else "on_track"


def status(clock: dict, now: datetime) -> str:
    """on_track | at_risk | breached | met | missed | paused | cancelled."""
    return _status(clock["state"], clock["outcome"], clock["due_at"], warning_at(clock), now)


def _view(clock: dict, warning: str | None, now: datetime) -> dict:
    return {"name": clock["name"],
            "status": _status(clock["state"], clock.get("outcome"), clock["due_at"], warning, now),
            "basis": clock["basis"], "due_at": clock["due_at"], "started_at": clock["started_at"],
            "stopped_at": clock.get("stopped_at"), "late_seconds": clock.get("late_seconds"),
            "warning_at": warning, "paused": clock["state"] == PAUSED}


def summary(clock: dict, now: datetime) -> dict:
    return _view(clock, warning_at(clock), now)


# ---------------------------------------------------------------- compact clocks and their detail
# A work order keeps each clock compact: what its summaries, its list row and the other areas'
# readers use (state, due time, outcome…) plus the warning instant its levels give. The rest is
# the clock's detail, an item of its own in the order's collection (sla/models.py ClockDetail),
# written only when the clock changes; its levels are its watch's (written with every change of
# the clock). The engine works on whole clocks: `whole` joins them on read, `compact` and
# `detail` split them on write (issue 19: the order item is rewritten by every action).
COMPACT = ("state", "run", "basis", "started_at", "due_at", "paused_at", "stopped_at",
           "late_seconds", "outcome")
EXPLANATION = ("skipped", "pauses", "extensions", "adjustments", "unconfirmed_years")
_TARGET_DEFAULTS = {"amount": None, "unit": None, "note": "", "rule_index": None,
                    "cap_working_days": None, "policy_version": 0, "priority": None,
                    "type": None, "max_distance_km": None, "outlet_policy_version": None}


def compact(clock: dict) -> dict:
    """What the order keeps of a whole clock (no null fields)."""
    kept = {k: clock[k] for k in COMPACT if clock.get(k) is not None}
    warning = warning_at(clock)
    if warning:
        kept["warning_at"] = warning
    return kept


def is_compact(clock: dict) -> bool:
    """A compact clock (clocks stored before issue 19 are whole: they carry their target)."""
    return "target" not in clock


def _plain(period: dict) -> dict:
    """A skipped period without the reasons its kind gives (periods.PLAIN_REASONS)."""
    if PLAIN_REASONS.get(period.get("kind")) == (period.get("reason"), period.get("reason_zh")):
        return {k: v for k, v in period.items() if k not in ("reason", "reason_zh")}
    return period


def _named(period: dict) -> dict:
    """A skipped period with its reasons (`_plain` undone)."""
    if "reason" in period or period.get("kind") not in PLAIN_REASONS:
        return period
    reason, reason_zh = PLAIN_REASONS[period["kind"]]
    return {**period, "reason": reason, "reason_zh": reason_zh}


def detail(clock: dict) -> dict:
    """What a whole clock's detail item keeps: its target (without null fields), start event,
    explanation (without its empty lists, nor the reasons a skipped period's kind gives) and
    the levels noted as sent on the clock itself."""
    explanation = {k: v for k, v in clock["explanation"].items() if v}
    if "skipped" in explanation:
        explanation["skipped"] = [_plain(p) for p in explanation["skipped"]]
    return {"target": {k: v for k, v in clock["target"].items() if v is not None},
            "start_event": clock["start_event"], "explanation": explanation,
            "notified": list(clock["notified"])}


def whole(name: str, kept: dict, found: dict | None, levels: list[dict] | None) -> dict:
    """A whole clock from its compact part, its detail (None: not found) and its watch's levels
    (None: no watch). A clock stored whole is returned as it is. (A compact clock always has
    both, written in one transaction with it; without them it reads with the target's
    defaults and no levels: `clocks.whole_clocks` logs it.)"""
    if not is_compact(kept):
        return {"name": name, **kept}
    found = found or {}
    explanation = found.get("explanation") or {}
    clock = {"name": name, "paused_at": None, "stopped_at": None, "late_seconds": None,
             "outcome": None, **{k: v for k, v in kept.items() if k != "warning_at"},
             "target": {**_TARGET_DEFAULTS, "basis": kept.get("basis") or "calendar",
                        **(found.get("target") or {})},
             "start_event": found.get("start_event") or "",
             "explanation": {k: list(explanation.get(k) or []) for k in EXPLANATION},
             "levels": list(levels or []), "notified": list(found.get("notified") or [])}
    clock["explanation"]["skipped"] = [_named(p) for p in clock["explanation"]["skipped"]]
    return clock


def list_copy(clocks: dict | None) -> list[dict]:
    """What a list shows of a subject's clocks: the running and paused ones, each with what its
    badge needs (its countdown, its warning, whether it is paused), in `clocks`' order. Kept on
    the subject beside `clocks` for its list rows, which carry no explanations."""
    copy = []
    for name, clock in (clocks or {}).items():
        if clock["state"] == STOPPED:
            continue
        entry = {"name": name, "basis": clock["basis"], "started_at": clock["started_at"],
                 "due_at": clock["due_at"], "warning_at": warning_at(clock)}
        if clock["state"] == PAUSED:
            entry["paused"] = True
        copy.append(entry)
    return copy


def copy_summary(entry: dict, now: datetime) -> dict:
    """`summary` of a clock from its list copy (`list_copy`): the same fields, the same status."""
    return _view({**entry, "state": PAUSED if entry.get("paused") else RUNNING},
                 entry.get("warning_at"), now)
