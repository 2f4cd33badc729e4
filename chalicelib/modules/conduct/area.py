"""The conduct ledger (奖惩台账): each person's penalties and rewards by month, and a person's
record (the ledger and the complaints about them). The technicians' appraisal reads it."""

from chalicelib.kernel.parameters import USERNAME
from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.conduct import routes, schemas
from chalicelib.modules.conduct.errors import MESSAGES
from chalicelib.modules.conduct.models import ConductEntry
from chalicelib.modules.conduct.vocabulary import VOCABULARY

AREA = Area(
    name="conduct",
    blueprints=(routes.bp,),
    models=(ConductEntry,),
    permissions={
        # the person themself, their outlet's managers and head office (checked on the person:
        # anyone else gets 404)
        "conduct.record.read": EVERYONE,
        # a manager of the person's outlet, head office; never in one's own ledger
        "conduct.ledger.write": ("manager", "head_office"),
    },
    path={"username": USERNAME},
    vocabulary=VOCABULARY,
    schemas=schemas.SCHEMAS,
    messages=MESSAGES,
)
