"""The notifications area's items in the one table (see chalicelib/kernel/store/models.py)."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from chalicelib.kernel.store.models import Item


class Notification(Item, discriminator="notification"):
    """An inbox message. pk INBOX#<username>, sk <id> (time-ordered); gsi3 UNREAD#<username>
    while unread."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    at = UnicodeAttribute()
    level = UnicodeAttribute()
    clock = UnicodeAttribute()
    order_id = UnicodeAttribute()
    number = UnicodeAttribute()
    title = JSONAttribute()  # {"zh": ..., "en": ...}
    body = JSONAttribute()
    read = BooleanAttribute(default=False)


class MailOutbox(Item, discriminator="mail_outbox"):
    """An e-mail to send. gsi4 OUTBOX#<shard> / <at>#<id> while pending."""

    id = UnicodeAttribute()
    to = UnicodeAttribute()
    subject = UnicodeAttribute()
    text = UnicodeAttribute()
    status = UnicodeAttribute(default="pending")  # pending | sent | failed
    at = UnicodeAttribute()
    sent_at = UnicodeAttribute(null=True)
    attempts = NumberAttribute(default=0)
