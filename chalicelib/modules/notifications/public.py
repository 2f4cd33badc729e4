"""What other areas may use of the inbox and the outbox: tell people about a deadline (the SLA
sweep), queue mail in their own transaction, and send what waits in the outbox."""

from __future__ import annotations

from chalicelib.modules.notifications.models import MailOutbox, Notification
from chalicelib.modules.notifications.store import inbox_entry, index_mail, outbox_entry
from chalicelib.modules.notifications.usecases import (
    Deadline,
    build,
    notice_texts,
    send_pending_mail,
    tell_entries,
)

__all__ = ["Deadline", "MailOutbox", "Notification", "build", "inbox_entry", "index_mail",
           "notice_texts", "outbox_entry", "send_pending_mail", "tell_entries"]
