"""The SLA sweep (时限巡检): every 5 minutes, notify each level of each clock that is due.

Reads only the watches whose next check has come (a sparse, sharded index), so its cost grows
with what is due, not with the table. Exactly once per (order, clock, run, level): the marker
item is written with `attribute_not_exists` in the same transaction as the inbox items and
the e-mail outbox, so overlapping sweeps, retries, replays or a sweep that died half-way
never notify twice. A sweep that runs short of time stops between pages; the next run resumes
because the due index holds only what is still due.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.modules.notifications import usecases as notifications
from chalicelib.modules.sla import store
from chalicelib.modules.sla.models import SlaWatch

PAGE_SIZE = 100
RESERVE_SECONDS = 20  # stop taking pages when less than this is left of the Lambda's time


@dataclass
class SweepReport:
    read: int = 0
    notified: list[tuple[str, str, str]] = field(default_factory=list)  # (number, clock, level)
    already_done: int = 0
    changed_meanwhile: int = 0
    mails_sent: int = 0
    complete: bool = True

    def as_dict(self) -> dict:
        return {"read": self.read, "notified": len(self.notified),
                "already_done": self.already_done, "changed_meanwhile": self.changed_meanwhile,
                "mails_sent": self.mails_sent, "complete": self.complete}


def _pending(watch: SlaWatch, done: set[str]) -> list[dict]:
    return [lv for lv in sorted(watch.levels, key=lambda lv: lv["at"]) if lv["name"] not in done]


def process(watch: SlaWatch, now: datetime, report: SweepReport) -> None:
    """Notify every level of this clock that has come, oldest first."""
    stamp = keys.iso(now)
    done = set(watch.notified)
    for level in _pending(watch, done):
        if level["at"] > stamp:
            break
        later = [lv["at"] for lv in _pending(watch, done | {level["name"]})]
        next_check = min(later) if later else None
        breached = level["at"] >= watch.due_at and watch.breached_at is None
        notes, mails = notifications.build(watch, level["name"], level["notify"], now)
        try:
            store.record_level(watch, level["name"], stamp, next_check, breached, notes, mails)
        except AlreadyExists:
            store.skip_level(watch, level["name"], next_check)
            report.already_done += 1
        except VersionConflict:
            report.changed_meanwhile += 1
            return
        else:
            report.notified.append((watch.number, watch.clock, level["name"]))
            count("SlaNotifications")
            if breached:
                count("SlaBreaches")
                watch.breached_at = stamp
        done.add(level["name"])
        watch.notified = sorted(done)


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
                process(watch, now, report)
            if not page.last_key:
                break
            start = page.last_key
    report.mails_sent = notifications.send_pending_mail()
    logger.info("sweep done", extra=report.as_dict())
    return report
