"""The inbox and the mail outbox: their items' keys, reads and updates.

Inbox: INBOX#<username> / <notification id> (time-ordered), gsi3 UNREAD#<username> while
unread. Outbox: MAIL#<id> / MAIL, gsi4 OUTBOX#<shard> / <at>#<id> while pending. New ones are
written by their cause's transaction (`inbox_entry`, `outbox_entry`).
"""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Page, one_page
from chalicelib.kernel.store.models import Item
from chalicelib.modules.notifications.models import MailOutbox, Notification

OUTBOX_SHARDS = 4


def index_notification(note: Notification) -> None:
    # ids are time-ordered (keys.new_id), so sorting by id is sorting by time
    note.pk, note.sk = f"INBOX#{note.username}", note.id
    note.gsi3pk, note.gsi3sk = f"UNREAD#{note.username}", note.id


def index_mail(mail: MailOutbox) -> None:
    """An outbox mail's keys: its own item, in the pending index until it is sent."""
    mail.pk, mail.sk = f"MAIL#{mail.id}", "MAIL"
    mail.gsi4pk = f"OUTBOX#{keys.shard(mail.id, OUTBOX_SHARDS)}"
    mail.gsi4sk = f"{mail.at}#{mail.id}"


def inbox_entry(note: Notification):
    """A new inbox item as a transaction entry."""
    index_notification(note)
    return note, Item.pk.does_not_exist()


def outbox_entry(mail: MailOutbox):
    """A new outbox mail as a transaction entry."""
    index_mail(mail)
    return mail, Item.pk.does_not_exist()


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
