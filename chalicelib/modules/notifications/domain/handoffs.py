"""Who is told at a hand-off of a work order's work (交接通知): pure rules, no I/O.

| action | notice | told |
|---|---|---|
| dispatch | assigned; helper_added | the technician; each helper |
| reassign | reassigned; helper_added; unassigned | the new technician (unless they had it already); |
| | | helpers newly added; whoever it takes off the order |
| submit_plan, revise_plan | plan_submitted | the outlet's managers |
| approve_plan / reject_plan | plan_approved / plan_rejected | the technician and helpers |
| approve_plan, handed over | reassigned; helper_added; unassigned; | as a reassignment; |
| | plan_approved | who stays on the order |
| object | objected | the outlet's managers |
| hold | on_hold | the outlet's managers, and the technician and helpers |
| accept | return_visit_due | the outlet's agents |
| return_visit with a score ≤ threshold | low_score | the outlet's managers |
| cancel | cancelled | the technician and helpers (if any) |

The one who acted is never told about their own action (the use case drops them).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

HANDOFF = "handoff"  # the `level` of a hand-off notice (a deadline's is the policy's level)
NOTICES = ("assigned", "reassigned", "helper_added", "unassigned", "plan_submitted", "plan_approved",
           "plan_rejected", "objected", "on_hold", "return_visit_due", "low_score", "cancelled")
MANAGERS, AGENTS = "manager", "agent"  # roles of the outlet's staff who are told
ACTIONS = ("dispatch", "reassign", "submit_plan", "revise_plan", "approve_plan", "reject_plan",
           "object", "hold", "accept", "return_visit", "cancel")


@dataclass(frozen=True)
class Handoff:
    """One notice to send: to named people and/or the outlet's staff of some roles."""

    notice: str
    people: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Crew:
    """Who works on the order: the technician and the helpers."""

    technician: str | None
    helpers: tuple[str, ...] = ()

    @property
    def everyone(self) -> tuple[str, ...]:
        lead = (self.technician,) if self.technician else ()
        return lead + tuple(h for h in self.helpers if h != self.technician)


def low_scores(scores: Mapping[str, int] | None, threshold: int) -> dict[str, int]:
    """The return visit's scores at or below the threshold."""
    return {name: int(value) for name, value in (scores or {}).items() if int(value) <= threshold}


def handoffs(action: str, before: Crew, after: Crew, *, scores: Mapping[str, int] | None = None,
             threshold: int | None = None) -> list[Handoff]:
    """The notices an action on a work order sends (`before`/`after`: its crew as read and as
    it will be saved)."""
    if action in ("dispatch", "reassign"):
        # a reassignment tells only who is new to the order (a helper made lead is told too)
        lead_is_new = after.technician and after.technician != before.technician
        lead = [Handoff("reassigned" if action == "reassign" else "assigned",
                        (after.technician,))] if lead_is_new else []
        known = before.everyone if action == "reassign" else ()
        helpers = [Handoff("helper_added", (h,)) for h in _new(after.helpers, known)
                   if h != after.technician]
        # whoever the reassignment took off the order stops going there
        gone = tuple(p for p in before.everyone if p not in after.everyone)
        return lead + helpers + ([Handoff("unassigned", gone)] if gone else [])
    if action in ("submit_plan", "revise_plan"):
        return [Handoff("plan_submitted", roles=(MANAGERS,))]
    if action == "approve_plan" and after.technician != before.technician:
        # approved and handed over: the new lead and new helpers as on a reassignment, the
        # ones who stay are told of the approval
        staying = tuple(p for p in after.everyone
                        if p in before.everyone and p != after.technician)
        return ([*handoffs("reassign", before, after)]
                + ([Handoff("plan_approved", staying)] if staying else []))
    if action in ("approve_plan", "reject_plan"):
        notice = "plan_approved" if action == "approve_plan" else "plan_rejected"
        return [Handoff(notice, after.everyone)]
    if action == "object":
        return [Handoff("objected", roles=(MANAGERS,))]
    if action == "hold":
        return [Handoff("on_hold", after.everyone, roles=(MANAGERS,))]
    if action == "accept":
        return [Handoff("return_visit_due", roles=(AGENTS,))]
    if action == "return_visit" and threshold is not None and low_scores(scores, threshold):
        return [Handoff("low_score", roles=(MANAGERS,))]
    if action == "cancel" and after.everyone:  # the crew stops going there
        return [Handoff("cancelled", after.everyone)]
    return []


def _new(names: Iterable[str], known: Iterable[str]) -> list[str]:
    seen = set(known)
    out = []
    for name in names:
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out
