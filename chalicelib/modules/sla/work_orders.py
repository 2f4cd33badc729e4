"""The SLA rules of a work order's lifecycle, registered as the work order's hooks: which
action starts, stops, pauses, resumes or adjusts which clock (docs/sla.md), the watch items
written with the order, the refusal to extend a clock that does not run, and the order's clocks
on its views. The orders area declares the work order as an SLA subject; it knows none of this.
"""

from __future__ import annotations

from datetime import timedelta

from chalicelib.kernel import hooks
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.http import reader_language
from chalicelib.kernel.store import keys
from chalicelib.modules.orders.public import KIND
from chalicelib.modules.sla import clocks as engine
from chalicelib.modules.sla import subjects
from chalicelib.modules.sla.domain import clock as sc
from chalicelib.modules.sla.domain import order_clocks
from chalicelib.modules.sla.domain.policy import AGREED_CLOCKS

AREA = "sla"


# Clocks a hold does not pause: an inspection is due at its period's end whatever happens (the
# contract's result judges the same instant; an order on hold past it is overdue on 时限预警)
NEVER_PAUSED = ("inspection",)


def _pause(c: engine.Clocks, ctx: hooks.ActionContext) -> None:
    c.pause_all(running=NEVER_PAUSED)


def _resume(c: engine.Clocks, ctx: hooks.ActionContext) -> None:
    c.resume_all(running=NEVER_PAUSED)


def _cancel(c: engine.Clocks, ctx: hooks.ActionContext) -> None:
    c.cancel_all()


def _cap_repair_to_plan(c: engine.Clocks, ctx: hooks.ActionContext) -> None:
    """A complex repair's approved plan: the repair clock is due at its agreed finish."""
    planned = (ctx.subject.steps or {}).get("plan", {}).get("planned_finish_at")
    if planned:
        # the levels the sweep has sent (kept on the clock's watch) stay where they were
        watch = engine.watches_in(ctx.collection).get("repair")
        clock = (ctx.subject.clocks or {}).get("repair") or {}
        sent = set(watch.notified) if watch and int(watch.run) == clock.get("run") else set()
        c.cap_to_plan("repair", keys.parse_iso(planned), sent)


def _extend(c: engine.Clocks, ctx: hooks.ActionContext) -> None:
    c.extend(ctx.data["clock"], ctx.data["minutes"], ctx.data["reason"], ctx.actor.username)


def _recompute_arrival(c: engine.Clocks, ctx: hooks.ActionContext) -> None:
    """The site's distance was corrected (the order holds the new one): a running arrival clock
    takes the target of the new distance."""
    c.recompute("arrival", {"kind": "distance", "distance_km": ctx.data["distance_km"],
                            "reason": ctx.data["reason"]})


# What an action does to the clocks besides starting and stopping them (order_clocks).
ADJUSTMENTS = {"approve_plan": _cap_repair_to_plan, "hold": _pause, "resume": _resume,
               "cancel": _cancel, "extend_clock": _extend, "correct_distance": _recompute_arrival}


# Per-order targets other areas give (registered in their setup; the sla area imports none of
# them): `source(ctx) -> {clock: minutes} | None`, read from what the action already holds (its
# scratch, the order's collection) — the contracts area's service level of a covered unit. A
# clock they name starts (or is recomputed) by those minutes instead of the policy's rule.
_target_sources: list = []


def register_targets(source) -> None:
    if source not in _target_sources:
        _target_sources.append(source)


def _targets(ctx: hooks.ActionContext) -> dict[str, float]:
    found: dict[str, float] = {}
    for source in _target_sources:
        found.update(source(ctx) or {})
    return found


def _start(c: engine.Clocks, ctx: hooks.ActionContext, names: tuple[str, ...]) -> None:
    """Start the clocks the action starts: by the policy's rule or the order's own target (in
    minutes from now); a clock due at an instant its subject gives (AGREED_CLOCKS: an inspection
    by the end of its period) only with that instant, and a clock whose place another has just
    taken (order_clocks.INSTEAD_OF) not at all."""
    started: set[str] = set()
    for name in names:
        if order_clocks.replaced(name, started):
            continue
        if name in AGREED_CLOCKS:
            minutes = c.targets.get(name)
            if minutes is None:
                continue  # no instant given (an inspection entered by hand): no clock
            c.start_agreed(name, ctx.now + timedelta(minutes=max(0.0, float(minutes))),
                           ctx.action)
        else:
            c.start(name, ctx.action)
        if name in c.changed:
            started.add(name)


SCRATCH = "sla.clocks"  # the whole clocks `_apply` left for `_watches`


def _apply(ctx: hooks.ActionContext) -> None:
    """The action's changes to the order's clocks: the engine works on whole clocks (the
    compact ones the order keeps, joined with their details from its collection); the order
    keeps them compact, `_watches` writes the details that changed."""
    order = ctx.subject
    c = engine.Clocks(subjects.describe(KIND, order),
                      engine.whole_clocks(order.clocks, ctx.collection), ctx.now,
                      targets=_targets(ctx))
    c.stop(*order_clocks.stopped_by(ctx.action, order.type))
    _start(c, ctx, order_clocks.started_by(ctx.action, order.priority, order.type))
    adjust = ADJUSTMENTS.get(ctx.action)
    if adjust:
        adjust(c, ctx)
    ctx.scratch[SCRATCH] = c.clocks
    # whole, as releases before stored them, only for the deploy that brings compact in
    order.clocks = (engine.compact_clocks(c.clocks) if settings().order_clocks == "compact"
                    else c.clocks)
    order.sla = sc.list_copy(order.clocks)  # the list row's copy (orders' own indexes)
    if c.changed:
        ctx.data["clocks"] = sorted(c.changed)  # on the timeline: what the action changed


def _watches(ctx: hooks.ActionContext) -> hooks.Writes:
    """The watches of the order's clocks and the details that changed, with it."""
    clocks = ctx.scratch[SCRATCH]
    subject = subjects.describe(KIND, ctx.subject)
    details = (engine.detail_writes(subject, clocks, ctx.collection)
               if settings().order_clocks == "compact" else [])
    return hooks.Writes(engine.watch_writes(subject, clocks, ctx.collection) + details)


def _clock_must_be_open(ctx: hooks.ActionContext) -> None:
    clock = (ctx.subject.clocks or {}).get(ctx.data["clock"])
    if clock is None or clock["state"] == sc.STOPPED:
        raise ValidationFailed(fields={"data.clock": ("clock_not_running", {})})


def _summary(order) -> dict:
    """Every clock of a whole order; a list row (read from an index, without `clocks`) has the
    running and paused ones (its `sla`)."""
    if not order.clocks and order.sla is not None:
        return {"clocks": engine.row_clock_views(order.sla, keys.utc_now())}
    return {"clocks": engine.clock_views(order.clocks, {}, keys.utc_now(), detailed=False)}


def _detail(actor, order, collection) -> dict:
    return {"clocks": engine.clock_views(engine.whole_clocks(order.clocks, collection),
                                         engine.watches_in(collection),
                                         keys.utc_now(), detailed=True, lang=reader_language())}


def register() -> None:
    hooks.on(KIND, ["extend_clock"], area=AREA, check=_clock_must_be_open,
             offered=lambda order: engine.has_open_clock(order.clocks))
    hooks.on(KIND, None, area=AREA, apply=_apply, record=_watches)
    hooks.contribute(KIND, area=AREA, summary=_summary, detail=_detail)
