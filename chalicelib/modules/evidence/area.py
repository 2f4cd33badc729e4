"""Field evidence: photos, documents, signatures and the service report (现场证据)."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.evidence import routes, schemas
from chalicelib.modules.evidence.models import Attachment, ServiceReport
from chalicelib.modules.evidence.vocabulary import VOCABULARY


def _setup() -> None:
    from chalicelib.modules.evidence import hooks

    hooks.register()


AREA = Area(
    name="evidence",
    blueprints=(routes.bp,),
    models=(Attachment, ServiceReport),
    permissions={
        "evidence.read": EVERYONE,  # of the orders one may read
        # the outlet's staff and the order's technicians; head office only reads
        "evidence.upload": ("agent", "manager", "support", "technician", "warehouse"),
        # whoever holds the upload form (anyone else's slot is not found)
        "evidence.confirm": EVERYONE,
    },
    path={"version": {"type": "integer", "minimum": 1}},
    vocabulary=VOCABULARY,
    schemas=schemas.SCHEMAS,
    setup=_setup,  # checks and the service report of a work order's lifecycle
)
