"""The SLA engine's use cases: the effective policy and calendar of an outlet, the clocks of a
subject (started, paused, resumed, stopped or adjusted by its owner's lifecycle), the watch
items that feed the sweep, and the views of clocks.

The engine knows a subject only as a `Subject` (chalicelib/modules/sla/subjects.py); the rules
of a work order's lifecycle are in work_orders.py.
"""

from __future__ import annotations

import time as _time
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from chalicelib.kernel.observability import logger
from chalicelib.kernel.store.collection import Collection
from chalicelib.modules.directory import public as directory
from chalicelib.modules.sla import store
from chalicelib.modules.sla.domain import clock as sc
from chalicelib.modules.sla.domain.policy import (
    CLOCKS,
    NoRule,
    Target,
    merge_outlet_override,
    resolve_target,
)
from chalicelib.modules.sla.explain import explain
from chalicelib.modules.sla.models import ClockDetail, SlaPolicy, SlaWatch
from chalicelib.modules.sla.policies import DEFAULT_POLICY
from chalicelib.modules.sla.subjects import Subject

if TYPE_CHECKING:
    from chalicelib.modules.sla.domain import calendar as cal

CACHE_SECONDS = 30  # policy and calendar change rarely; writes here clear the cache at once
_cache: dict[str, tuple[float, object]] = {}


def _cached(key: str, load):
    hit = _cache.get(key)
    if hit and hit[0] > _time.monotonic():
        return hit[1]
    value = load()
    _cache[key] = (_time.monotonic() + CACHE_SECONDS, value)
    return value


def forget_cached() -> None:
    _cache.clear()


# ---------------------------------------------------------------- policy and calendar

def load_network_policy() -> tuple[dict, int, SlaPolicy | None]:
    """The network policy, its version (0: the built-in defaults) and its item, read now."""
    item = store.get_policy("NETWORK")
    return (item.document, int(item.policy_version), item) if item else (DEFAULT_POLICY, 0, None)


def load_outlet_override(outlet: str) -> tuple[dict | None, int]:
    """An outlet's override (None when it has none or it was removed) and its version, read now."""
    item = store.get_policy(f"OUTLET#{outlet}")
    if item is None:
        return None, 0
    return (None if item.removed else item.document), int(item.policy_version)


def network_policy() -> tuple[dict, int]:
    return _cached("policy:NETWORK", lambda: load_network_policy()[:2])


def outlet_override(outlet: str) -> tuple[dict | None, int]:
    return _cached(f"policy:{outlet}", lambda: load_outlet_override(outlet))


def effective_policy(outlet: str) -> tuple[dict, dict]:
    """The policy clocks of this outlet start under, and the versions it was made of."""
    network, version = network_policy()
    override, override_version = outlet_override(outlet)
    return merge_outlet_override(network, override), {
        "network": version, "outlet": override_version if override else None}


def calendar_for(outlet: str) -> cal.Calendar:
    """The outlet's working hours with the official holidays and head office's overrides."""
    from chalicelib.modules.sla.domain import calendar as cal

    def load_overrides():
        days, years = store.calendar_items()
        return ({date.fromisoformat(d.day): cal.DayOverride(bool(d.working), d.reason) for d in days},
                frozenset(int(y.year) for y in years if y.confirmed))
    overrides, confirmed = _cached("calendar", load_overrides)
    home = directory.outlet(outlet)
    schedule = cal.WorkingSchedule(
        timezone=(home.timezone if home else None) or "Asia/Shanghai",
        start=time.fromisoformat((home.work_start if home else None) or "08:30"),
        end=time.fromisoformat((home.work_end if home else None) or "17:30"))
    return cal.Calendar(schedule=schedule, overrides=overrides, confirmed_years=confirmed)


# ---------------------------------------------------------------- the clocks of a subject
# what a clock's target says when the subject's own target set it (its rule_note)
CONTRACT_NOTE = "维护合同约定 / Maintenance contract"


class Clocks:
    """The clocks of one subject while one change is applied to it: its owner (or the owner's
    hooks) starts, stops, pauses, resumes or adjusts them, then stores `clocks` on the subject
    and writes `watch_writes(...)` in the subject's transaction. `changed` names the clocks that
    changed. The calendar and the policy are loaded only if a clock needs them."""

    def __init__(self, subject: Subject, clocks: dict | None, at: datetime,
                 targets: dict[str, float] | None = None):
        self.subject, self.at = subject, at
        # clock -> minutes: the subject's own targets, in place of the policy's rule (a work
        # order on a unit under a maintenance contract: the contract's service level)
        self.targets = dict(targets or {})
        self.clocks: dict = dict(clocks or {})
        self.changed: set[str] = set()
        self._calendar: cal.Calendar | None = None
        self._policy: tuple[dict, dict] | None = None

    @property
    def calendar(self) -> cal.Calendar:
        if self._calendar is None:
            self._calendar = calendar_for(self.subject.outlet)
        return self._calendar

    @property
    def policy(self) -> tuple[dict, dict]:
        if self._policy is None:
            self._policy = effective_policy(self.subject.outlet)
        return self._policy

    def _target(self, name: str):
        if name in self.targets:  # no rule of the policy: rule_index null
            return Target(clock=name, amount=float(self.targets[name]), unit="minutes",
                          basis="calendar", cap_working_days=None, rule_index=None,
                          note=CONTRACT_NOTE)
        policy, _ = self.policy
        return resolve_target(policy, name, priority=self.subject.priority,
                              order_type=self.subject.type, distance_km=self.subject.distance_km)

    def is_open(self, name: str) -> bool:
        """Whether the clock exists and runs or is paused."""
        return name in self.clocks and self.clocks[name]["state"] != sc.STOPPED

    def start(self, name: str, event: str) -> None:
        """Start the clock (again: a new run) by the policy's target; no rule, no clock."""
        policy, versions = self.policy
        previous = self.clocks.get(name)
        try:
            target = self._target(name)
        except NoRule:
            return  # the policy sets no deadline for this clock
        run = previous["run"] + 1 if previous else 1
        clock = sc.start_clock(self.calendar, name, target, versions["network"], event, self.at,
                               policy["levels"], run)
        clock["target"]["outlet_policy_version"] = versions["outlet"]
        self.clocks[name] = clock
        self.changed.add(name)

    def start_agreed(self, name: str, due: datetime, event: str) -> None:
        """Start the clock (again: a new run) due at an instant the subject agreed (an
        improvement measure's date), warned and escalated by the policy's levels."""
        policy, versions = self.policy
        previous = self.clocks.get(name)
        run = previous["run"] + 1 if previous else 1
        clock = sc.start_agreed_clock(self.calendar, name, due, versions["network"], event,
                                      self.at, policy["levels"], run)
        clock["target"]["outlet_policy_version"] = versions["outlet"]
        self.clocks[name] = clock
        self.changed.add(name)

    def stop(self, *names: str) -> None:
        """Stop the named clocks: met when on time, missed when late."""
        self._each(names, lambda clock: sc.stop(self.calendar, clock, self.at))

    def pause_all(self, running: tuple[str, ...] = ()) -> None:
        """Pause every clock but those that run on whatever happens (`running`)."""
        self._each([n for n in self.clocks if n not in running],
                   lambda clock: sc.pause(clock, self.at))

    def resume_all(self, running: tuple[str, ...] = ()) -> None:
        """Shift each paused clock's due time by the time it was paused, in its basis (those
        in `running` never paused: left as they are)."""
        self._each([n for n in self.clocks if n not in running],
                   lambda clock: sc.resume(self.calendar, clock, self.at))

    def cancel_all(self) -> None:
        """The subject was cancelled: its running clocks stop as cancelled."""
        self._each(list(self.clocks),
                   lambda clock: sc.stop(self.calendar, clock, self.at, outcome="cancelled"))

    def extend(self, name: str, minutes: int, reason: str, by: str) -> None:
        self._each([name], lambda clock: sc.extend(self.calendar, clock, minutes, reason, by,
                                                   self.at))

    def cap_to_plan(self, name: str, planned: datetime, sent: set[str] = frozenset()) -> None:
        """Due at an agreed plan's date (never beyond the rule's cap), if still open; the levels
        not `sent` yet (the sweep keeps what it sent on the clock's watch) move with it."""
        levels = self.policy[0]["levels"]
        self._each([name], lambda clock: sc.cap_to_plan(self.calendar, clock, planned, self.at,
                                                        levels, sent)
                   if clock["state"] != sc.STOPPED else clock)

    def recompute(self, name: str, adjustment: dict) -> None:
        """A new target for an open clock, from what the subject says now (e.g. a corrected
        distance); `adjustment` says why, on the clock's explanation."""
        if not self.is_open(name):
            return
        policy, _ = self.policy
        self.clocks[name] = sc.recompute(self.calendar, self.clocks[name], self._target(name),
                                         adjustment, self.at, policy["levels"])
        self.changed.add(name)

    def _each(self, names, change) -> None:
        """Apply `change` to the named clocks that exist; note the ones it changed."""
        for name in names:
            if name in self.clocks:
                updated = change(self.clocks[name])
                if updated is not self.clocks[name]:
                    self.clocks[name] = updated
                    self.changed.add(name)


def watches_in(collection: Collection | None) -> dict[str, SlaWatch]:
    """The subject's watch items by clock, from its item collection."""
    return {w.clock: w for w in collection.of(SlaWatch)} if collection is not None else {}


def watch_writes(subject: Subject, clocks: dict, collection: Collection | None = None) -> list:
    """The sweep's watch items for the subject's clocks (kept current with the subject: its
    display fields too, not its state), as transaction entries: only those that differ from
    the watch stored (an action that changes nothing of a clock, its levels or the subject's
    reference, title, priority and assignee writes none). `collection` holds the watches read
    with the subject (what was notified of a clock's run stays notified)."""
    known = watches_in(collection)
    entries = []
    for name, clock in (clocks or {}).items():
        previous = known.get(name)
        assignee, assignee_name = (subject.clock_assignees or {}).get(
            name, (subject.assignee, subject.assignee_name))
        if (clock["state"] == sc.STOPPED and previous is not None and previous.state == "stopped"
                and previous.levels == clock["levels"]):  # (a work order's levels are its watch's)
            continue
        same_run = previous is not None and int(previous.run) == clock["run"]
        notified = sorted(set(clock["notified"]) | (set(previous.notified) if same_run else set()))
        # a level skipped and a breach acknowledged stand while the run and due time do; a new
        # due time is a new question (and a new version to acknowledge against)
        same_due = same_run and previous.due_at == clock["due_at"]
        superseded = sorted(set(previous.superseded or [])) if same_due else []
        version = (int(previous.watch_version or 0) + (0 if same_due else 1)) if previous else 0
        watch = SlaWatch(
            # no `link`: it is the kind's link for the id, which readers derive (link_of)
            subject_kind=subject.kind, subject_id=subject.id, clock=name,
            run=clock["run"], outlet=subject.outlet, reference=subject.reference,
            title=subject.title, priority=subject.priority,
            assignee=assignee, assignee_name=assignee_name,
            state=clock["state"], basis=clock["basis"], started_at=clock["started_at"],
            due_at=clock["due_at"], warning_at=sc.warning_at(clock),
            next_check=sc.next_check({**clock, "notified": [*notified, *superseded]}),
            levels=clock["levels"], notified=notified, superseded=superseded,
            breached_at=previous.breached_at if same_run else None,
            target=rule_of(clock), ack=previous.ack if same_due else None,
            watch_version=version)
        store.index_watch(watch, subject.partition)
        if previous is not None and watch.serialize() == previous.serialize():
            continue  # the watch stored is this one already
        entries.append(store.watch_write(
            watch, subject.partition,
            int(previous.watch_version or 0) if previous is not None else None))
    return entries


def whole_clocks(clocks: dict | None, collection: Collection | None) -> dict:
    """A subject's whole clocks from the compact ones it keeps, with their detail items and
    their watches' levels from its collection (clocks stored whole are taken as they are)."""
    if collection is None:
        collection = Collection()
    found = {d.clock: d.detail for d in collection.of(ClockDetail)}
    watches = watches_in(collection)
    whole = {}
    for name, kept in (clocks or {}).items():
        if sc.is_compact(kept) and (name not in found or name not in watches):
            logger.warning("compact clock without its detail or watch",
                           extra={"clock": name, "detail": name in found,
                                  "watch": name in watches})
        whole[name] = sc.whole(name, kept, found.get(name),
                               watches[name].levels if name in watches else None)
    return whole


def compact_clocks(clocks: dict) -> dict:
    """What the subject keeps of its whole clocks (`sc.compact`)."""
    return {name: sc.compact(clock) for name, clock in clocks.items()}


def detail_writes(subject: Subject, clocks: dict, collection: Collection | None) -> list:
    """The detail items of the clocks whose stored detail is not theirs (none yet: a new clock,
    or one stored whole before its subject kept it compact; another run; another target or
    explanation), as transaction entries. A stop, a pause or a resume of a calendar clock
    changes only what the subject keeps: no detail is written."""
    stored = {d.clock: d for d in collection.of(ClockDetail)} if collection is not None else {}
    entries = []
    for name, clock in clocks.items():
        found, detail = stored.get(name), sc.detail(clock)
        if found is None or int(found.run) != clock["run"] or found.detail != detail:
            entries.append(store.detail_write(subject.partition, name, clock["run"], detail))
    return entries


def rule_of(clock: dict) -> dict:
    """What a watch keeps of its clock's target: enough to explain the rule in words (the
    keys it has a value for: `explain` reads each with .get)."""
    target = clock.get("target") or {}
    return {k: target[k] for k in ("amount", "unit", "basis", "cap_working_days", "priority",
                                   "type", "max_distance_km", "agreed_due")
            if target.get(k) is not None}


def has_open_clock(clocks: dict | None) -> bool:
    """Whether any clock runs or is paused (something a manager could extend)."""
    return any(c["state"] != sc.STOPPED for c in (clocks or {}).values())


def row_clock_views(copy: list[dict] | None, now: datetime) -> list[dict]:
    """The running and paused clocks of a list row (its `sla`: `sc.list_copy`), as
    `clock_views` shows them undetailed, in the policy's order of clocks."""
    by_name = {entry["name"]: entry for entry in copy or []}
    return [sc.copy_summary(by_name[name], now) for name in CLOCKS if name in by_name]


def clock_views(clocks: dict | None, watches: dict[str, SlaWatch], now: datetime,
                detailed: bool, lang: str = "zh") -> list[dict]:
    """A subject's clocks for the API, in the order of the policy's clocks (a work order's:
    response, contact, arrival, repair, return visit). A detailed clock's `target.note` is its
    rule in words, in the reader's language (`lang`); `target.rule_note` what head office wrote
    on the rule, as written."""
    views = []
    for name in CLOCKS:
        clock = (clocks or {}).get(name)
        if not clock:
            continue
        view = sc.summary({**clock, "name": name}, now)  # a compact clock has no `name`
        if detailed:
            watch = watches.get(name)
            notified = sorted(set(clock["notified"]) | (
                set(watch.notified) if watch and int(watch.run) == clock["run"] else set()))
            target = {**clock["target"], "rule_note": clock["target"].get("note") or "",
                      "note": explain(name, clock["target"], lang) or ""}
            view.update(target=target, start_event=clock["start_event"],
                        explanation=clock["explanation"], notified=notified,
                        levels=clock["levels"], run=clock["run"])
        views.append(view)
    return views
