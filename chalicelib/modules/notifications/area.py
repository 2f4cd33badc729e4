"""The inbox and the mail outbox: deadline notices (the SLA sweep) and hand-off notices of the
work (the work order's action hooks)."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.notifications import routes, schemas
from chalicelib.modules.notifications.models import MailOutbox, Notification
from chalicelib.modules.notifications.vocabulary import VOCABULARY


def _setup() -> None:
    from chalicelib.modules.notifications import handoffs

    handoffs.register()


AREA = Area(
    name="notifications",
    blueprints=(routes.bp,),
    models=(Notification, MailOutbox),
    permissions={"notifications.read": EVERYONE},
    query={"unread": {"enum": ["1", "true", "0", "false"]}},
    schemas=schemas.SCHEMAS,
    vocabulary=VOCABULARY,
    setup=_setup,  # the hand-off notices: the work order's action hooks
)
