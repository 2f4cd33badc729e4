"""The inbox and the mail outbox: what the deadline sweep tells people."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.notifications import routes, schemas
from chalicelib.modules.notifications.models import MailOutbox, Notification

AREA = Area(
    name="notifications",
    blueprints=(routes.bp,),
    models=(Notification, MailOutbox),
    permissions={"notifications.read": EVERYONE},
    query={"unread": {"enum": ["1", "true", "0", "false"]}},
    schemas=schemas.SCHEMAS,
)
