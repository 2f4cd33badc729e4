"""Technicians (技术员): the job-class table that gates dispatch and plan approval by star level
and certificate, each technician's certificates and star history, the expiry list, and the
technician's own file (docs/technicians.md)."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.technicians import (
    appraisal_routes,
    appraisal_schemas,
    policy_routes,
    policy_schemas,
    routes,
    schemas,
    training_routes,
    training_schemas,
)
from chalicelib.modules.technicians.appraisal_models import APPRAISAL_MODELS
from chalicelib.modules.technicians.errors import MESSAGES
from chalicelib.modules.technicians.models import MODELS
from chalicelib.modules.technicians.training_models import MODELS as TRAINING_MODELS
from chalicelib.modules.technicians.training_vocabulary import VOCABULARY as TRAINING_VOCABULARY
from chalicelib.modules.technicians.vocabulary import VOCABULARY

STAFF = ("agent", "manager", "support", "technician", "head_office")


def _setup() -> None:
    """The gate: dispatch, reassignment and plan approval checked against the job classes."""
    from chalicelib.modules.technicians import gate

    gate.register()
    from chalicelib.modules.technicians import appraisal_report

    appraisal_report.register()  # the 考核 sheet of the monthly report


AREA = Area(
    name="technicians",
    blueprints=(policy_routes.bp, training_routes.bp, appraisal_routes.bp, routes.bp),
    models=MODELS + TRAINING_MODELS + APPRAISAL_MODELS,
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
        # (and a certificate's scan, scans.py: uploaded by them, read on the file by the
        # holder too)
        "technicians.certificates.write": ("manager", "head_office"),
        # training (training.py): plans, sessions and results, proposed fines — a manager for
        # their outlet (checked on the object: another outlet's is 404), head office any;
        # approving a plan and deciding a proposed fine is leadership's
        "technicians.training.read": ("manager", "head_office"),
        "technicians.training.write": ("manager", "head_office"),
        "technicians.training.approve": ("manager", "head_office"),
        # the monthly appraisal: a manager of the outlet reads and signs it off (another
        # outlet's: 404), head office any; a technician sees their own month on their file
        "technicians.appraisal.read": ("manager", "head_office"),
        "technicians.appraisal.sign": ("manager", "head_office"),
    },
    # `username` is the conduct area's (one source per path parameter)
    path={"certificate_id": {"type": "string", "pattern": r"^crt_[0-9a-f]{8,40}$"},
          "scan_id": {"type": "string", "pattern": r"^csc_[0-9a-f]{8,40}$"},
          "plan_id": {"type": "string", "pattern": r"^tp_[0-9a-f]{8,40}$"},
          "session_id": {"type": "string", "pattern": r"^ts_[0-9a-f]{8,40}$"},
          "proposal_id": {"type": "string", "pattern": r"^pp_[0-9a-f]{8,40}$"}},
    query_on_path={("/api/technicians/training/proposals", "state"): {
        "enum": ["proposed", "decided"]}},
    vocabulary={**VOCABULARY, **TRAINING_VOCABULARY},
    schemas={**policy_schemas.SCHEMAS, **schemas.SCHEMAS, **training_schemas.SCHEMAS,
             **appraisal_schemas.SCHEMAS},
    messages={**MESSAGES, **training_schemas.MESSAGES, **appraisal_schemas.MESSAGES},
    setup=_setup,
)
