"""The inbox and the mail outbox: their items' keys, reads and updates.

Inbox: INBOX#<username> / <notification id> (time-ordered), gsi3 UNREAD#<username> while
unread. A job's mail: MAIL#<id> / MAIL, sent from the table's stream (usecases.mail_record)
and expired by the table's TTL: no index entry to write, update and clear. Both are written by
their cause's transaction (`inbox_entry`, `outbox_entry`). A mail SES refused waits in gsi4
OUTBOX#<shard> / <at>#<id> (`queue_for_retry`, `pending_mail`), as those an earlier release
queued, until the SLA sweep sends and deletes it.
"""

from __future__ import annotations

from datetime import timedelta

from pynamodb.exceptions import DoesNotExist, UpdateError

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import Page, condition_failed, one_page
from chalicelib.kernel.store.models import Item
from chalicelib.modules.notifications.models import MailOutbox, Notification

OUTBOX_SHARDS = 4


def index_notification(note: Notification) -> None:
    # ids are time-ordered (keys.new_id), so sorting by id is sorting by time
    note.pk, note.sk = f"INBOX#{note.username}", note.id
    note.gsi3pk, note.gsi3sk = f"UNREAD#{note.username}", note.id


MAIL_KEPT = timedelta(days=30)  # a job's mail item, after it was queued (the TTL's)


def index_mail(mail: MailOutbox) -> None:
    """A job's mail: its own item (no index: the stream sends it), expiring after MAIL_KEPT."""
    mail.pk, mail.sk = f"MAIL#{mail.id}", "MAIL"
    mail.expires_at = int((keys.parse_iso(mail.at) + MAIL_KEPT).timestamp())


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


def queue_for_retry(mail: MailOutbox) -> None:
    """A mail SES refused, into the outbox index for the SLA sweep (its own item, MAIL#<id>:
    a job's mail is put again with its index keys; an inbox message's gets one). Written as is,
    so a record handed over twice leaves one mail waiting."""
    index_mail(mail)
    mail.gsi4pk = f"OUTBOX#{keys.shard(mail.id, OUTBOX_SHARDS)}"
    mail.gsi4sk = f"{mail.at}#{mail.id}"
    mail.attempts = (mail.attempts or 0) + 1
    mail.save()


def pending_mail(shard: int, limit: int) -> list[MailOutbox]:
    """Up to `limit` mails waiting in a shard of the outbox index, oldest first: those SES
    refused when the stream handed them over, and those an earlier release queued."""
    return one_page(Item.gsi4.query(f"OUTBOX#{shard}", page_size=limit), MailOutbox).items


def mail_sent(mail: MailOutbox) -> None:
    """A sent mail leaves the outbox index, and the table (its log line is its record)."""
    mail.delete()


def mail_failed(mail: MailOutbox) -> None:
    """A failed send: counted, and the mail stays for the next sweep (unless another sweep sent
    it meanwhile: nothing is written then)."""
    try:
        mail.update(actions=[MailOutbox.attempts.add(1)], condition=Item.pk.exists())
    except UpdateError as error:
        if not condition_failed(error):
            raise
