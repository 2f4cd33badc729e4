"""SLA persistence: policies with history, calendar overrides, the sweep's watch items,
exactly-once notification markers, inboxes and the e-mail outbox."""

from __future__ import annotations

from pynamodb.exceptions import DeleteError, DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Page, cancelled_at, connection, one_page
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.store.models import Item
from chalicelib.modules.notifications.models import MailOutbox, Notification
from chalicelib.modules.orders.store import SHARDS as SHARDS
from chalicelib.modules.orders.store import shard_of
from chalicelib.modules.sla.models import CalendarDay, CalendarYear, NotifyMarker, SlaPolicy, SlaWatch

OUTBOX_SHARDS = 4


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

def due_watches(shard: int, now: str, limit: int, start: dict | None) -> Page:
    """Watches of one shard whose next check is due: reads grow with what is due."""
    sort_key = type(Item.gsi1).gsi1sk
    return one_page(Item.gsi1.query(f"SLA#{shard:02d}", range_key_condition=sort_key <= f"{now}#~",
                                    last_evaluated_key=start, page_size=limit), SlaWatch)


def running_watches(outlet: str, due_before: str, limit: int = 200) -> list[SlaWatch]:
    """Running clocks of an outlet due before an instant, soonest (most overdue) first."""
    sort_key = type(Item.gsi2).gsi2sk
    return one_page(Item.gsi2.query(f"OUTLET#{outlet}#SLA", range_key_condition=sort_key <= f"{due_before}#~",
                                    page_size=limit), SlaWatch).items


def marker_key(order_id: str, clock: str, run: int, level: str) -> tuple[str, str]:
    return keys.order_pk(order_id), f"NOTIFIED#{clock}#{run}#{level}"


def index_mail(mail: MailOutbox) -> None:
    """An outbox mail's keys: its own item, in the pending index until it is sent."""
    mail.pk, mail.sk = f"MAIL#{mail.id}", "MAIL"
    mail.gsi4pk = f"OUTBOX#{shard_of(mail.id, OUTBOX_SHARDS)}"
    mail.gsi4sk = f"{mail.at}#{mail.id}"


def record_level(watch: SlaWatch, level: str, at: str, next_check: str | None, breached: bool,
                 notifications: list[Notification], mails: list[MailOutbox]) -> None:
    """Notify one level of one clock exactly once: marker, inbox items, outbox items and the
    watch's next check in one transaction. AlreadyExists when another sweep did it first;
    VersionConflict when the clock changed since it was read (it is read again next time)."""
    pk, sk = marker_key(watch.order_id, watch.clock, int(watch.run), level)
    marker = NotifyMarker(pk, sk, at=at, recipients=[n.username for n in notifications])
    updates = _advance(watch, level, next_check)
    if breached:
        updates.append(SlaWatch.breached_at.set(at))
    for n in notifications:
        # ids are time-ordered (keys.new_id), so sorting by id is sorting by time
        n.pk, n.sk = f"INBOX#{n.username}", n.id
        n.gsi3pk, n.gsi3sk = f"UNREAD#{n.username}", n.id
    for m in mails:
        index_mail(m)
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(marker, condition=NotifyMarker.pk.does_not_exist())
            tx.update(watch, actions=updates, condition=(
                (SlaWatch.run == watch.run) & (SlaWatch.due_at == watch.due_at)
                & (SlaWatch.state == "running")))
            for item in [*notifications, *mails]:
                tx.save(item, condition=Item.pk.does_not_exist())
    except TransactWriteError as error:
        if cancelled_at(error, 0):
            raise AlreadyExists(sk) from None
        if cancelled_at(error, 1):
            raise VersionConflict(watch.order_id) from None
        raise


def _advance(watch: SlaWatch, level: str, next_check: str | None) -> list:
    """Update actions: the level is notified, the watch waits for its next check (or leaves the
    due index when nothing is left to watch)."""
    actions = [SlaWatch.notified.set(SlaWatch.notified.append([level]))]
    if next_check:
        return [*actions, SlaWatch.next_check.set(next_check),
                SlaWatch.gsi1sk.set(f"{next_check}#{watch.order_id}#{watch.clock}")]
    return [*actions, SlaWatch.next_check.remove(), SlaWatch.gsi1pk.remove(),
            SlaWatch.gsi1sk.remove()]


def skip_level(watch: SlaWatch, level: str, next_check: str | None) -> None:
    """Another sweep notified this level: only move this watch's next check on."""
    try:
        watch.update(actions=_advance(watch, level, next_check),
                     condition=(SlaWatch.run == watch.run) & (SlaWatch.due_at == watch.due_at))
    except UpdateError:
        pass  # the clock changed meanwhile; the next sweep reads it again


# ---------------------------------------------------------------- inbox and outbox

def inbox(username: str, unread_only: bool, limit: int, start: dict | None) -> Page:
    if unread_only:
        return one_page(Item.gsi3.query(f"UNREAD#{username}", scan_index_forward=False,
                                        last_evaluated_key=start, page_size=limit), Notification)
    return one_page(Item.query(f"INBOX#{username}", scan_index_forward=False,
                               last_evaluated_key=start, page_size=limit), Notification)


def unread_count(username: str) -> int:
    return Item.gsi3.count(f"UNREAD#{username}")


def get_notification(username: str, sort_key: str) -> Notification | None:
    try:
        return Notification.get(f"INBOX#{username}", sort_key)
    except DoesNotExist:
        return None


def mark_read(notification: Notification) -> None:
    notification.update(actions=[Notification.read.set(True), Notification.gsi3pk.remove(),
                                 Notification.gsi3sk.remove()])


def pending_mail(shard: int, limit: int) -> list[MailOutbox]:
    return one_page(Item.gsi4.query(f"OUTBOX#{shard}", page_size=limit), MailOutbox).items


def mark_mail(mail: MailOutbox, status: str, at: str) -> None:
    actions = [MailOutbox.status.set(status), MailOutbox.attempts.add(1)]
    if status == "sent":
        actions += [MailOutbox.sent_at.set(at), MailOutbox.gsi4pk.remove(), MailOutbox.gsi4sk.remove()]
    mail.update(actions=actions)

