"""The caller's inbox: deadline warnings, breaches and escalations."""

from chalice import Blueprint

from chalicelib.kernel.http import actor, endpoint, lang, query, reply
from chalicelib.kernel.lazy import lazy

notifications = lazy("chalicelib.modules.notifications.usecases")
bp = Blueprint(__name__)


@endpoint(bp, "/api/notifications", "GET", summary="My notifications, newest first",
          response="NotificationPage", query=("unread", "limit", "cursor"), errors=(400, 401),
          permission="notifications.read")
def list_notifications():
    return reply(notifications.list_inbox(actor(), query(), lang()))


@endpoint(bp, "/api/notifications/unread-count", "GET", summary="How many are unread",
          response="UnreadCount", errors=(401,), permission="notifications.read")
def unread_count():
    return reply(notifications.unread(actor()))


@endpoint(bp, "/api/notifications/{notification_id}/read", "POST", summary="Mark one read",
          response="Notification", errors=(401, 404), permission="notifications.read")
def mark_read(notification_id):
    return reply(notifications.mark_read(actor(), notification_id, lang()))


@endpoint(bp, "/api/notifications/read-all", "POST", summary="Mark all read",
          response="UnreadCount", errors=(401,), permission="notifications.read")
def mark_all_read():
    return reply(notifications.mark_all_read(actor()))
