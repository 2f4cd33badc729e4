"""SLA subjects: the things with deadlines. The engine (clocks, watches, the sweep, the inbox,
the at-risk board) knows a subject only by what its owner declares here, so a work order, a
complaint or a consultation have clocks without any change to the engine.

An owning area registers its kind once (in its `Area.setup`) with `register(SubjectKind(…))`
and describes each of its objects as a `Subject` when it starts, pauses or stops their clocks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from chalicelib.kernel import registry
from chalicelib.modules.orders import public as orders

# Watches and notifications written before subjects had kinds are work orders'.
LEGACY_KIND = orders.KIND  # the kind of watches written before kinds were


@dataclass(frozen=True)
class Subject:
    """One thing with deadlines, as its owner describes it to the SLA engine."""

    kind: str  # a registered SubjectKind
    id: str
    partition: str  # pk of its item collection: its clock watches and notification markers
    outlet: str  # whose calendar, policy, managers and at-risk board
    reference: str  # what people call it (an order number)
    title: str  # whom it is for (the customer's name)
    priority: str | None = None  # the policy's rules match on priority, type and distance
    type: str | None = None
    distance_km: float | None = None
    # told at the levels that notify "assignee" (with no assignee: the outlet's managers);
    # "outlet_manager" levels tell the outlet's managers, "head_office" levels head office
    assignee: str | None = None
    assignee_name: str | None = None
    # clock -> (username, name): who that clock's "assignee" levels tell instead (a complaint's
    # improvement measure tells its owner)
    clock_assignees: Mapping[str, tuple[str, str | None]] | None = None


@dataclass(frozen=True)
class SubjectKind:
    kind: str
    link: Callable[[str], str]  # id -> the SPA's path of a subject, e.g. /work-orders/<id>
    noun: Mapping[str, str]  # what messages call one: {"zh": "工单", "en": "order"}
    describe: Callable[[object], Subject] | None = None  # the owner's object -> its Subject
    # id -> the pk of its item collection (where its watches are): needed to acknowledge a
    # breach from the at-risk board, which names a subject by kind and id
    partition: Callable[[str], str] | None = None
    # (actor, id, action, data, at) -> an entry of the engine's transaction that records what
    # the engine did on the subject's own timeline (an acknowledged breach), or None when the
    # subject is gone; a kind without a timeline keeps only the engine's audit record
    timeline: Callable[[object, str, str, dict, str], object | None] | None = None
    # ids -> each one's state now, in one batch read (an id gone left out): the at-risk board
    # shows it. Watches do not keep it, so a change of the subject's state alone writes none.
    states: Callable[[list[str]], Mapping[str, str]] | None = None


_kinds: dict[str, SubjectKind] = {}


class UnknownKind(LookupError):
    """No area declares this kind of subject (any more)."""


def register(kind: SubjectKind) -> None:
    """Declare a kind of subject (once; registering the same declaration again is harmless)."""
    known = _kinds.setdefault(kind.kind, kind)
    if known is not kind:
        raise ValueError(f"SLA subject kind {kind.kind!r} is registered twice")


def kind(name: str | None) -> SubjectKind:
    registry.ready()  # the owners register their kinds in their area's setup
    try:
        return _kinds[name or LEGACY_KIND]
    except KeyError:
        raise UnknownKind(name) from None


def describe(name: str, thing: object) -> Subject:
    """The Subject of one of the owner's objects (by the description its kind registered)."""
    found = kind(name)
    if found.describe is None:
        raise LookupError(f"SLA subject kind {name!r} registered no description")
    return found.describe(thing)


def link_of(name: str | None, subject_id: str, stored: str | None = None) -> str:
    """The SPA's path of a subject: as stored with it, else (written before links were) its
    kind's link for its id."""
    return stored or kind(name).link(subject_id)


def timeline_entry(name: str | None, actor, subject_id: str, action: str, data: dict,
                   at: str):
    """The subject's own timeline event of something the engine did to it (None: its kind
    keeps no timeline, or the subject is gone)."""
    found = kind(name)
    return found.timeline(actor, subject_id, action, data, at) if found.timeline else None


def partition_of(name: str | None, subject_id: str) -> str:
    """The pk of a subject's item collection, by its kind's declaration (LookupError when the
    kind declares none)."""
    found = kind(name)
    if found.partition is None:
        raise LookupError(f"SLA subject kind {found.kind!r} declares no partition")
    return found.partition(subject_id)


def states_of(name: str | None, subject_ids: list[str]) -> Mapping[str, str]:
    """The subjects' states now, by id (its kind's `states`; none declared: none known)."""
    found = kind(name)
    return found.states(subject_ids) if found.states and subject_ids else {}
