"""The SLA sweep (时限巡检): every 5 minutes, notify each level of each clock that is due.

Reads only the watches whose next check has come (a sparse, sharded index), so its cost grows
with what is due, not with the table. Subjects of every kind (work orders, complaints…) share
the index. Exactly once per (subject, clock, run, level): the marker
item is written with `attribute_not_exists` in the same transaction as the inbox items (each
mailed from the table's stream once committed), so overlapping sweeps, retries, replays or a
sweep that died half-way never notify twice. A sweep that runs short of time stops between
pages; the next run resumes because the due index holds only what is still due.

Notices stay coherent: a level due before the clock's due time (the warning) that comes due
only at or after it (the sweep was late, the clock started late) is not sent — the breach
notice says what there is to say — and is marked superseded so it never comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.kernel.observability import count, log_failure, logger
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.sla import store, subjects
from chalicelib.modules.sla.models import SlaWatch

PAGE_SIZE = 100
RESERVE_SECONDS = 20  # stop taking pages when less than this is left of the Lambda's time


@dataclass
class SweepReport:
    read: int = 0
    notified: list[tuple[str, str, str]] = field(default_factory=list)  # (reference, clock, level)
    already_done: int = 0
    superseded: int = 0  # warnings not sent because the clock was already due
    changed_meanwhile: int = 0
    mails_sent: int = 0  # from an earlier release's outbox (this one's go out from the stream)
    complete: bool = True

    def as_dict(self) -> dict:
        return {"read": self.read, "notified": len(self.notified),
                "already_done": self.already_done, "superseded": self.superseded,
                "changed_meanwhile": self.changed_meanwhile,
                "mails_sent": self.mails_sent, "complete": self.complete}


def _pending(watch: SlaWatch, done: set[str]) -> list[dict]:
    return [lv for lv in sorted(watch.levels, key=lambda lv: lv["at"]) if lv["name"] not in done]


def deadline(watch: SlaWatch) -> notifications.Deadline:
    """What the messages about this watch's clock name (a watch written before subject kinds
    is a work order's)."""
    kind = subjects.kind(watch.subject_kind)
    return notifications.Deadline(
        kind=kind.kind, subject_id=watch.subject_id,
        link=subjects.link_of(kind.kind, watch.subject_id, watch.link), noun=kind.noun,
        reference=watch.reference, title=watch.title, outlet=watch.outlet,
        assignee=watch.assignee, clock=watch.clock, due_at=watch.due_at)


def _supersede(watch: SlaWatch, stamp: str, done: set[str], report: SweepReport) -> bool:
    """Mark the levels due before the due time as superseded once the due time has passed
    without them being sent. False when the clock changed meanwhile (read again next time)."""
    if stamp < watch.due_at:
        return True
    late = [lv["name"] for lv in _pending(watch, done) if lv["at"] < watch.due_at]
    if not late:
        return True
    later = [lv["at"] for lv in _pending(watch, done | set(late))]
    if not store.supersede_levels(watch, late, min(later) if later else None):
        report.changed_meanwhile += 1
        return False
    report.superseded += len(late)
    done.update(late)
    watch.superseded = sorted(set(watch.superseded or []) | set(late))
    return True


def process(watch: SlaWatch, now: datetime, report: SweepReport) -> None:
    """Notify every level of this clock that has come, oldest first (a warning whose time
    came only after the due time is superseded by the breach, not sent)."""
    stamp = keys.iso(now)
    done = set(watch.notified) | set(watch.superseded or [])
    if not _supersede(watch, stamp, done, report):
        return
    for level in _pending(watch, done):
        if level["at"] > stamp:
            break
        later = [lv["at"] for lv in _pending(watch, done | {level["name"]})]
        next_check = min(later) if later else None
        breached = level["at"] >= watch.due_at and watch.breached_at is None
        notes = notifications.build(deadline(watch), level["name"], level["notify"], now)
        try:
            store.record_level(watch, level["name"], stamp, next_check, breached, notes)
        except AlreadyExists:
            store.skip_level(watch, level["name"], next_check)
            report.already_done += 1
        except VersionConflict:
            report.changed_meanwhile += 1
            return
        else:
            report.notified.append((watch.reference, watch.clock, level["name"]))
            count("SlaNotifications")
            if breached:
                count("SlaBreaches")
                watch.breached_at = stamp
        done.add(level["name"])
        watch.notified = sorted(done - set(watch.superseded or []))


def sweep(now: datetime, seconds_left: Callable[[], float] | None = None,
          page_size: int = PAGE_SIZE) -> SweepReport:
    report = SweepReport()
    stamp = keys.iso(now)
    for shard in range(store.SHARDS):
        start = None
        while True:
            if seconds_left is not None and seconds_left() < RESERVE_SECONDS:
                report.complete = False
                logger.warning("sweep stopped for time", extra=report.as_dict())
                return report
            page = store.due_watches(shard, stamp, page_size, start)
            report.read += len(page.items)
            for watch in page.items:
                try:
                    process(watch, now, report)
                except subjects.UnknownKind as error:  # the others are still notified
                    log_failure("sla subject kind unknown", error, clock=watch.clock)
            if not page.last_key:
                break
            start = page.last_key
    report.mails_sent = notifications.send_pending_mail()  # an earlier release's outbox
    logger.info("sweep done", extra=report.as_dict())
    return report
