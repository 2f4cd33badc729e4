"""The inbox and the mail outbox: their items' keys, reads and updates.

Inbox: INBOX#<username> / <notification id> (time-ordered), gsi3 UNREAD#<username> while
unread. Outbox: OUTBOX#<shard> / <at>#<id>, the shard's partition of mails waiting, oldest
first, each deleted once sent: a queued mail costs its transactional put and its delete, with
no index entry to write or remove. New ones are written by their cause's transaction
(`inbox_entry`, `outbox_entry`).
"""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Page, one_page
from chalicelib.kernel.store.models import Item
from chalicelib.modules.notifications.models import MailOutbox, Notification

OUTBOX_SHARDS = 4


def index_notification(note: Notification) -> None:
    # ids are time-ordered (keys.new_id), so sorting by id is sorting by time
    note.pk, note.sk = f"INBOX#{note.username}", note.id
    note.gsi3pk, note.gsi3sk = f"UNREAD#{note.username}", note.id


def outbox_pk(shard: int) -> str:
    return f"OUTBOX#{shard}"


def index_mail(mail: MailOutbox) -> None:
    """An outbox mail's keys: in its shard's outbox partition, by when it was queued."""
    mail.pk, mail.sk = outbox_pk(keys.shard(mail.id, OUTBOX_SHARDS)), f"{mail.at}#{mail.id}"


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
    """Up to `limit` mails waiting in a shard, oldest first: its outbox partition, then those
    queued before the outbox was a partition (gsi4's pending entries; the partition's query
    finds none once they are sent, and it can go in the release after)."""
    queued = one_page(Item.query(outbox_pk(shard), page_size=limit), MailOutbox).items
    earlier = one_page(Item.gsi4.query(f"OUTBOX#{shard}", page_size=limit), MailOutbox).items
    return queued + earlier


def mail_sent(mail: MailOutbox) -> None:
    """A sent mail leaves the outbox (one delete; its log line is its record)."""
    mail.delete()


def mail_failed(mail: MailOutbox) -> None:
    """A failed send: counted, and the mail stays for the next sweep (unless another sweep sent
    it meanwhile: nothing is written then)."""
    try:
        mail.update(actions=[MailOutbox.attempts.add(1)], condition=Item.pk.exists())
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
