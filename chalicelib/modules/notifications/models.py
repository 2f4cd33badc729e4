"""The notifications area's items in the one table (see chalicelib/kernel/store/models.py)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class Notification(Item, discriminator="notification"):
    """An inbox message about a subject (a work order, a complaint…): a deadline's level (the
    SLA sweep: `level` the policy's level name, `clock` the clock) or a hand-off of the work
    (`level` "handoff", `notice` what happened: assigned, plan_submitted…; no clock).
    pk INBOX#<username>, sk <id> (time-ordered); gsi3 UNREAD#<username> while unread.

    The subject's id and reference keep the names they were stored under when only work orders
    had deadlines; without `subject_kind` a message is about a work order, without `link` its
    link is the kind's link for its id."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    at = UnicodeAttribute()
    level = UnicodeAttribute()
    clock = UnicodeAttribute(null=True)  # a deadline's clock; none on a hand-off notice
    notice = UnicodeAttribute(null=True)  # a hand-off notice's kind (vocabulary "notice")
    subject_kind = UnicodeAttribute(null=True)
    subject_id = UnicodeAttribute(attr_name="order_id")
    reference = UnicodeAttribute(attr_name="number")
    link = UnicodeAttribute(null=True)  # the SPA's path of the subject
    title = Utf8JSONAttribute()  # {"zh": ..., "en": ...}
    body = Utf8JSONAttribute()
    read = BooleanAttribute(default=False)


class MailOutbox(Item, discriminator="mail_outbox"):
    """An e-mail a job queued (the monthly reports'): MAIL#<id> / MAIL, sent from the table's
    stream once its transaction committed (the log line "email sent" is its record) and left to
    expire (`expires_at`, the table's TTL). An inbox message's e-mail has no item: the stream
    makes it from the message. A mail SES refused, and those an earlier release queued, carry
    gsi4 OUTBOX#<shard> / <at>#<id> while they wait; the SLA sweep sends and deletes them,
    `attempts` counting the failed sends."""

    id = UnicodeAttribute()
    to = UnicodeAttribute()
    subject = UnicodeAttribute()
    text = UnicodeAttribute()
    status = UnicodeAttribute(null=True)  # the earlier release's outbox: "pending" until sent
    at = UnicodeAttribute()
    attempts = NumberAttribute(null=True)
    expires_at = NumberAttribute(null=True)  # epoch seconds: the table's TTL removes it
