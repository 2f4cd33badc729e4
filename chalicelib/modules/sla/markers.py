"""Telling people once (the exactly-once marker, `NotifyMarker`), for any area's job that tells
of something it finds again on every run (cash not handed in, a certificate about to end, a
month to sign): the marker is written only if absent, in one transaction with the notices, the
caller's guard (its subject still as read) and its extra entries, so a second run or a run
delivered twice tells no one again, and a subject changed meanwhile tells no one now."""

from __future__ import annotations

from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.modules.sla.models import NotifyMarker

Key = tuple[str, str]


def told_markers(wanted: list[Key]) -> set[Key]:
    """Which of these markers are written (BatchGetItem by key, consistent)."""
    if not wanted:
        return set()
    return {(m.pk, m.sk) for m in NotifyMarker.batch_get(wanted, consistent_read=True)}


def was_told(key: Key) -> bool:
    return bool(told_markers([key]))


def tell_once(key: Key, people: list, *, at: str, guard: list | None = None,
              extra: list | None = None, **notice) -> bool:
    """Tell `people` (notifications' `tell_entries` with `notice`: level, notice, title, body,
    link, subject…) once for `key`: the marker (recipients named), the `guard` entries (a
    kernel `Check` of the subject as read), the `extra` entries (a timeline event) and the
    notices in one transaction. False when it was cancelled — told by a parallel run, or the
    subject changed meanwhile (the next run decides); TooManyItems before trying when it
    would not fit in one."""
    from chalicelib.modules.notifications import public as notifications

    marker = NotifyMarker(*key, at=at, recipients=[p.username for p in people])
    entries = [(marker, NotifyMarker.pk.does_not_exist()), *(guard or []), *(extra or []),
               *notifications.tell_entries(people, at=at, **notice)]
    try:
        transact(entries)
    except VersionConflict:
        return False
    return True
