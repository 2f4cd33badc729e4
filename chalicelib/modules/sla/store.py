"""SLA persistence: policies with history, calendar overrides, the sweep's watch items and
the exactly-once notification of each level (marker, inbox and watch in one
transaction)."""

from __future__ import annotations

from pynamodb.exceptions import DeleteError, DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Page, cancelled_at, connection, one_page, refused
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.store.models import Item
from chalicelib.modules.notifications import public as notifications
from chalicelib.modules.sla.models import (
    CalendarDay,
    CalendarYear,
    ClockDetail,
    NotifyMarker,
    SlaAcknowledgement,
    SlaPolicy,
    SlaWatch,
)

SHARDS = 16  # the sweep's due index is spread over SLA#00..SLA#15 so no partition is hot


def shard_of(subject_id: str, shards: int = SHARDS) -> int:
    return keys.shard(subject_id, shards)


# ---------------------------------------------------------------- policies

def policy_pk(scope: str) -> str:
    return f"POLICY#{scope}"


def get_policy(scope: str) -> SlaPolicy | None:
    try:
        return SlaPolicy.get(policy_pk(scope), "CURRENT", consistent_read=True)
    except DoesNotExist:
        return None


def save_policy(scope: str, document: dict | None, seen_version: int, by: str, at: str) -> SlaPolicy:
    """Replace the scope's policy if it is still at `seen_version`; keep the old one as history."""
    version = seen_version + 1
    current = SlaPolicy(policy_pk(scope), "CURRENT", scope=scope, document=document or {},
                        policy_version=version, updated_at=at, updated_by=by,
                        removed=document is None)
    history = SlaPolicy(policy_pk(scope), f"V#{version:06d}", scope=scope,
                        document=document or {}, policy_version=version, updated_at=at,
                        updated_by=by, removed=document is None)
    condition = (SlaPolicy.pk.does_not_exist() if seen_version == 0
                 else SlaPolicy.policy_version == seen_version)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(current, condition=condition)
            tx.save(history, condition=SlaPolicy.pk.does_not_exist())
    except TransactWriteError as error:
        if cancelled_at(error, 0):
            raise VersionConflict(scope) from None
        raise
    return current


# ---------------------------------------------------------------- calendar

def calendar_items() -> tuple[list[CalendarDay], list[CalendarYear]]:
    """Every override and confirmed year: one query (they are few: tens a year)."""
    days, years = [], []
    for item in Item.query("CALENDAR"):
        if isinstance(item, CalendarDay):
            days.append(item)
        elif isinstance(item, CalendarYear):
            years.append(item)
    return days, years


def save_calendar_day(day: str, working: bool, reason: str, by: str, at: str) -> CalendarDay:
    item = CalendarDay("CALENDAR", f"DAY#{day}", day=day, working=working, reason=reason,
                       updated_by=by, updated_at=at)
    item.save()
    return item


def delete_calendar_day(day: str) -> bool:
    try:
        CalendarDay("CALENDAR", f"DAY#{day}").delete(condition=CalendarDay.pk.exists())
    except DeleteError:  # it was not there
        return False
    return True


def save_calendar_year(year: int, confirmed: bool, by: str, at: str) -> CalendarYear:
    item = CalendarYear("CALENDAR", f"YEAR#{year}", year=year, confirmed=confirmed,
                        updated_by=by, updated_at=at)
    item.save()
    return item


# ---------------------------------------------------------------- watch items

def index_watch(watch: SlaWatch, partition: str) -> None:
    """A watch's keys: in its subject's collection; in the due index while a level is pending;
    on its outlet's at-risk board while its clock runs."""
    watch.pk, watch.sk = partition, f"WATCH#{watch.clock}"
    key = f"{watch.subject_id}#{watch.clock}"
    if watch.next_check and watch.state == "running":
        watch.gsi1pk = f"SLA#{shard_of(watch.subject_id):02d}"
        watch.gsi1sk = f"{watch.next_check}#{key}"
    else:
        watch.gsi1pk = watch.gsi1sk = None
    if watch.state == "running":
        watch.gsi2pk = board_partition(watch.outlet, acknowledged(watch))
        watch.gsi2sk = f"{watch.due_at}#{key}"
    else:
        watch.gsi2pk = watch.gsi2sk = None


def acknowledged(watch: SlaWatch) -> bool:
    """A manager acknowledged the breach of this due time."""
    return bool(watch.ack) and watch.ack.get("due_at") == watch.due_at


def board_partition(outlet: str, acknowledged_: bool = False) -> str:
    """The at-risk board's index partition of an outlet: its running clocks; the ones whose
    breach a manager acknowledged apart, so the board's top never reads them."""
    return f"OUTLET#{outlet}#SLA#ACK" if acknowledged_ else f"OUTLET#{outlet}#SLA"


# A clock detail's sort key sorts after its order's (`ORDER`): a Query reads a collection in
# sort-key order with read-committed isolation, so a detail newer than the order it read comes
# with a newer version (the action's condition refuses it) — never a new order with old details.
DETAIL_PREFIX = "SLACLOCK#"


def detail_write(partition: str, name: str, run: int, detail: dict):
    """A clock's detail as an entry of its subject's transaction (the subject's own version
    condition covers it)."""
    return ClockDetail(partition, f"{DETAIL_PREFIX}{name}", clock=name, run=run,
                       detail=detail), None


def watch_write(watch: SlaWatch, partition: str, seen_version: int | None):
    """A watch as an entry of its subject's transaction: it replaces the one stored only if
    that is still at the version its subject's change read (`seen_version`; None: there was
    none). A manager's acknowledgement raises the version, so a change that read the watch
    before it fails (the subject's transaction with it) instead of undoing it; the sweep's
    updates leave the version alone (its markers keep each notice exactly once)."""
    index_watch(watch, partition)
    if seen_version is None:
        return watch, SlaWatch.pk.does_not_exist()
    seen = SlaWatch.watch_version == seen_version
    if seen_version == 0:  # written before watches had versions
        seen = seen | SlaWatch.watch_version.does_not_exist()
    return watch, seen


def due_watches(shard: int, now: str, limit: int, start: dict | None) -> Page:
    """Watches of one shard whose next check is due: reads grow with what is due."""
    sort_key = type(Item.gsi1).gsi1sk
    return one_page(Item.gsi1.query(f"SLA#{shard:02d}", range_key_condition=sort_key <= f"{now}#~",
                                    last_evaluated_key=start, page_size=limit), SlaWatch)


BOARD_LIMIT = 200  # clocks read for each part of the at-risk board (one page each)


def _board_page(partition: str, condition, newest_first: bool, limit: int) -> Page:
    return one_page(Item.gsi2.query(partition, range_key_condition=condition,
                                    scan_index_forward=not newest_first, limit=limit,
                                    page_size=limit), SlaWatch)


def due_soon(outlet: str, now: str, until: str, limit: int = BOARD_LIMIT) -> Page:
    """Running, unacknowledged clocks of an outlet's subjects (of every kind) due from `now`
    until `until`, soonest first."""
    sort_key = type(Item.gsi2).gsi2sk
    return _board_page(board_partition(outlet), sort_key.between(f"{now}#", f"{until}#~"),
                       False, limit)


def breached(outlet: str, now: str, limit: int = BOARD_LIMIT) -> Page:
    """Running, unacknowledged clocks already past due, the most recently breached first (a
    page cut short leaves out the longest overdue)."""
    sort_key = type(Item.gsi2).gsi2sk
    return _board_page(board_partition(outlet), sort_key < f"{now}#", True, limit)


def acknowledged_breaches(outlet: str, limit: int = BOARD_LIMIT) -> Page:
    """Running clocks whose breach a manager acknowledged, the most recently breached first."""
    sort_key = type(Item.gsi2).gsi2sk
    return _board_page(board_partition(outlet, True), sort_key <= "~", True, limit)


def get_watch(partition: str, clock: str) -> SlaWatch | None:
    try:
        return SlaWatch.get(partition, f"WATCH#{clock}", consistent_read=True)
    except DoesNotExist:
        return None


def acknowledge(watch: SlaWatch, seen_version: int, ack: dict, audit: list) -> None:
    """Record a manager's acknowledgement of the watch's breach if the watch is still at the
    version, run and due time seen and still runs; with its audit entries `(item, condition)`
    in the same transaction. VersionConflict otherwise."""
    seen = SlaWatch.watch_version == seen_version
    if seen_version == 0:
        seen = seen | SlaWatch.watch_version.does_not_exist()
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.update(watch, actions=[
                SlaWatch.ack.set(ack), SlaWatch.watch_version.set(seen_version + 1),
                SlaWatch.gsi2pk.set(board_partition(watch.outlet, True))],
                condition=seen & (SlaWatch.run == watch.run) & (SlaWatch.due_at == watch.due_at)
                & (SlaWatch.state == "running"))
            for item, condition in audit:
                tx.save(item, condition=condition)
    except TransactWriteError as error:
        if refused(error):  # the watch changed, or was being changed, meanwhile
            raise VersionConflict(watch.subject_id) from None
        raise
    watch.ack, watch.watch_version = ack, seen_version + 1


def marker_key(watch: SlaWatch, level: str) -> tuple[str, str]:
    """In the subject's collection, next to its watch (a work order's: ORDER#<id>)."""
    return watch.pk, f"NOTIFIED#{watch.clock}#{int(watch.run)}#{level}"


def record_level(watch: SlaWatch, level: str, at: str, next_check: str | None, breached: bool,
                 notes: list) -> None:
    """Notify one level of one clock exactly once: marker, inbox items (mailed from the stream)
    and the watch's next check in one transaction. AlreadyExists when another sweep did it first;
    VersionConflict when the clock changed since it was read (it is read again next time)."""
    pk, sk = marker_key(watch, level)
    marker = NotifyMarker(pk, sk, at=at, recipients=[n.username for n in notes])
    updates = _advance(watch, level, next_check)
    if breached:
        updates.append(SlaWatch.breached_at.set(at))
    entries = [notifications.inbox_entry(n) for n in notes]
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(marker, condition=NotifyMarker.pk.does_not_exist())
            tx.update(watch, actions=updates, condition=(
                (SlaWatch.run == watch.run) & (SlaWatch.due_at == watch.due_at)
                & (SlaWatch.state == "running")))
            for item, condition in entries:
                tx.save(item, condition=condition)
    except TransactWriteError as error:
        if cancelled_at(error, 0):
            raise AlreadyExists(sk) from None
        if cancelled_at(error, 1):
            raise VersionConflict(watch.subject_id) from None
        raise


def _advance(watch: SlaWatch, level: str, next_check: str | None) -> list:
    """Update actions: the level is notified, the watch waits for its next check (or leaves the
    due index when nothing is left to watch)."""
    actions = [SlaWatch.notified.set(SlaWatch.notified.append([level]))]
    if next_check:
        return [*actions, SlaWatch.next_check.set(next_check),
                SlaWatch.gsi1sk.set(f"{next_check}#{watch.subject_id}#{watch.clock}")]
    return [*actions, SlaWatch.next_check.remove(), SlaWatch.gsi1pk.remove(),
            SlaWatch.gsi1sk.remove()]


def supersede_levels(watch: SlaWatch, levels: list[str], next_check: str | None) -> bool:
    """Levels due before the due time that came due only after it: never sent, marked so they
    do not come back (for this run and due time). False when the clock changed meanwhile."""
    superseded = sorted(set(watch.superseded or []) | set(levels))
    actions = [SlaWatch.superseded.set(superseded)]
    if next_check:
        actions += [SlaWatch.next_check.set(next_check),
                    SlaWatch.gsi1sk.set(f"{next_check}#{watch.subject_id}#{watch.clock}")]
    else:
        actions += [SlaWatch.next_check.remove(), SlaWatch.gsi1pk.remove(), SlaWatch.gsi1sk.remove()]
    try:
        watch.update(actions=actions, condition=(SlaWatch.run == watch.run)
                     & (SlaWatch.due_at == watch.due_at) & (SlaWatch.state == "running"))
    except UpdateError:
        return False
    return True


def skip_level(watch: SlaWatch, level: str, next_check: str | None) -> None:
    """Another sweep notified this level: only move this watch's next check on."""
    try:
        watch.update(actions=_advance(watch, level, next_check),
                     condition=(SlaWatch.run == watch.run) & (SlaWatch.due_at == watch.due_at))
    except UpdateError:
        pass  # the clock changed meanwhile; the next sweep reads it again


def acknowledgement_write(watch: SlaWatch, ack: dict):
    """The immutable audit record of an acknowledgement, in the subject's collection, as a
    transaction entry."""
    item = SlaAcknowledgement(
        watch.pk, f"SLAACK#{watch.clock}#{int(watch.run)}#{ack['at']}",
        subject_kind=watch.subject_kind, subject_id=watch.subject_id, clock=watch.clock,
        run=watch.run, due_at=watch.due_at, at=ack["at"], by=ack["by"], by_name=ack["by_name"],
        note=ack["note"])
    return item, SlaAcknowledgement.pk.does_not_exist()
