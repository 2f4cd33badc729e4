"""Technicians (技术员): the job-class table that gates dispatch and plan approval by star level
and certificate, each technician's certificates and star history, the expiry list, and the
technician's own file (docs/technicians.md)."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.technicians import policy_routes, policy_schemas, routes, schemas
from chalicelib.modules.technicians.errors import MESSAGES
from chalicelib.modules.technicians.models import MODELS
from chalicelib.modules.technicians.vocabulary import VOCABULARY

STAFF = ("agent", "manager", "support", "technician", "head_office")


def _setup() -> None:
    """The gate: dispatch, reassignment and plan approval checked against the job classes."""
    from chalicelib.modules.technicians import gate

    gate.register()


AREA = Area(
    name="technicians",
    blueprints=(policy_routes.bp, routes.bp),
    models=MODELS,
    permissions={
        # the job-class table: every staff member reads it (intake, dispatch, plans, the names
        # on an order's timeline), head office changes it
        "technicians.job_classes.read": EVERYONE,
        "technicians.job_classes.write": ("head_office",),
        # a technician's file: the person themself, a manager of their outlet, head office
        # (checked on the person: anyone else of these roles gets 404)
        "technicians.read": ("manager", "head_office", "technician", "support"),
        # an outlet's technicians and its expiry list: a manager of the outlet, head office
        "technicians.list": ("manager", "head_office"),
        # star changes and certificates: a manager of the person's outlet, head office; never
        # one's own stars
        "technicians.stars.write": ("manager", "head_office"),
        "technicians.certificates.write": ("manager", "head_office"),
    },
    # `username` is the conduct area's (one source per path parameter)
    path={"certificate_id": {"type": "string", "pattern": r"^crt_[0-9a-f]{8,40}$"}},
    vocabulary=VOCABULARY,
    schemas={**policy_schemas.SCHEMAS, **schemas.SCHEMAS},
    messages=MESSAGES,
    setup=_setup,
)
