"""SLA use cases: the effective policy and calendar of an outlet, the clocks that each
lifecycle action starts, pauses, resumes, stops or adjusts, and the views of them."""

from __future__ import annotations

import time as _time
from datetime import date, datetime, time
from typing import TYPE_CHECKING

from chalicelib.kernel.errors import ValidationFailed
from chalicelib.modules.directory import usecases as directory
from chalicelib.modules.orders.models import WorkOrder
from chalicelib.modules.sla import store
from chalicelib.modules.sla.domain import clock as sc
from chalicelib.modules.sla.domain.policy import DEFAULT_POLICY, NoRule, merge_outlet_override, resolve_target
from chalicelib.modules.sla.models import SlaPolicy, SlaWatch

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


# ---------------------------------------------------------------- clocks and the lifecycle

class _Clocks:
    """The clocks of one order while one action is applied to it."""

    def __init__(self, order: WorkOrder, at: datetime):
        self.order, self.at = order, at
        self.clocks: dict = dict(order.clocks or {})
        self.changed: set[str] = set()
        self._calendar: cal.Calendar | None = None
        self._policy: tuple[dict, dict] | None = None

    @property
    def calendar(self) -> cal.Calendar:
        if self._calendar is None:
            self._calendar = calendar_for(self.order.outlet)
        return self._calendar

    @property
    def policy(self) -> tuple[dict, dict]:
        if self._policy is None:
            self._policy = effective_policy(self.order.outlet)
        return self._policy

    def _target(self, name: str):
        policy, _ = self.policy
        return resolve_target(policy, name, priority=self.order.priority,
                              order_type=self.order.type, distance_km=self.order.distance_km)

    def start(self, name: str, event: str) -> None:
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

    def each(self, names, change) -> None:
        """Apply `change` to the named clocks that exist; note the ones it changed."""
        for name in names:
            if name in self.clocks:
                updated = change(self.clocks[name])
                if updated is not self.clocks[name]:
                    self.clocks[name] = updated
                    self.changed.add(name)


def apply(order: WorkOrder, action: str, data: dict, at: datetime, actor: str) -> set[str]:
    """Start, stop, pause, resume or adjust the order's clocks for one action.

    Updates `order.clocks` (and the distance for a correction); returns the names changed.
    """
    c = _Clocks(order, at)  # the calendar and policy are loaded only if a clock needs them
    if action == "create":
        c.start("response", "create")  # general orders: answer the customer (no rule: no clock)
        if sc.arrival_starts_at(order.priority) == "create":
            c.start("arrival", "create")
    if action == "dispatch":
        c.start("contact", "dispatch")
        if sc.arrival_starts_at(order.priority) == "dispatch":
            c.start("arrival", "dispatch")
    for name in sc.STOPS.get(action, ()):
        c.each([name], lambda clock: sc.stop(c.calendar, clock, at))
    for name in sc.STARTS.get(action, ()):
        c.start(name, action)
    if action == "approve_plan":
        planned = (order.steps or {}).get("plan", {}).get("planned_finish_at")
        if planned:
            c.each(["repair"], lambda clock: sc.cap_to_plan(c.calendar, clock, sc.parse(planned), at)
                   if clock["state"] != sc.STOPPED else clock)
    if action == "hold":
        c.each(list(c.clocks), lambda clock: sc.pause(clock, at))
    if action == "resume":
        c.each(list(c.clocks), lambda clock: sc.resume(c.calendar, clock, at))
    if action == "cancel":
        c.each(list(c.clocks), lambda clock: sc.stop(c.calendar, clock, at, outcome="cancelled"))
    if action == "extend_clock":
        clock = c.clocks.get(data["clock"])
        if clock is None or clock["state"] == sc.STOPPED:
            raise ValidationFailed(fields={"data.clock": ("clock_not_running", {})})
        c.each([data["clock"]], lambda clock: sc.extend(c.calendar, clock, data["minutes"],
                                                        data["reason"], actor, at))
    if action == "correct_distance":
        order.distance_km, order.distance_source = data["distance_km"], "agent"
        arrival = c.clocks.get("arrival")
        if arrival and arrival["state"] != sc.STOPPED:
            policy, _ = c.policy
            c.clocks["arrival"] = sc.recompute(
                c.calendar, arrival, c._target("arrival"),
                {"kind": "distance", "distance_km": data["distance_km"], "reason": data["reason"]},
                at, policy["levels"])
            c.changed.add("arrival")
    order.clocks = c.clocks
    return c.changed


def watches_for(order: WorkOrder, known: dict[str, SlaWatch]) -> list[SlaWatch]:
    """The sweep's watch items for the order's clocks (kept current with the order)."""
    watches = []
    for name, clock in (order.clocks or {}).items():
        previous = known.get(name)
        if clock["state"] == sc.STOPPED and previous is not None and previous.state == "stopped":
            continue
        same_run = previous is not None and int(previous.run) == clock["run"]
        notified = sorted(set(clock["notified"]) | (set(previous.notified) if same_run else set()))
        clock = {**clock, "notified": notified}
        watches.append(SlaWatch(
            order_id=order.id, clock=name, run=clock["run"], outlet=order.outlet,
            number=order.number, customer_name=order.customer_name, priority=order.priority,
            order_state=order.state, technician=order.technician,
            technician_name=order.technician_name, state=clock["state"], basis=clock["basis"],
            started_at=clock["started_at"], due_at=clock["due_at"],
            warning_at=sc.warning_at(clock), next_check=sc.next_check(clock),
            levels=clock["levels"], notified=notified,
            breached_at=previous.breached_at if same_run else None))
    return watches


def has_open_clock(order: WorkOrder) -> bool:
    """Whether any clock runs or is paused (something a manager could extend)."""
    return any(c["state"] != sc.STOPPED for c in (order.clocks or {}).values())


def clock_views(order: WorkOrder, watches: dict[str, SlaWatch], now: datetime,
                detailed: bool) -> list[dict]:
    """Clocks of an order for the API, in lifecycle order."""
    views = []
    for name in ("response", "contact", "arrival", "repair", "return_visit"):
        clock = (order.clocks or {}).get(name)
        if not clock:
            continue
        view = sc.summary(clock, now)
        if detailed:
            watch = watches.get(name)
            notified = sorted(set(clock["notified"]) | (
                set(watch.notified) if watch and int(watch.run) == clock["run"] else set()))
            view.update(target=clock["target"], start_event=clock["start_event"],
                        explanation=clock["explanation"], notified=notified,
                        levels=clock["levels"], run=clock["run"])
        views.append(view)
    return views
