"""Customer complaints (客户投诉): the complaint process with its clock, routing table, penalty
into the conduct ledger, improvement measures and the monthly complaint rate."""

from chalicelib.kernel.parameters import USERNAME
from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.complaints import rate_routes, rate_schemas, routes, schemas
from chalicelib.modules.complaints.domain import lifecycle as rules
from chalicelib.modules.complaints.errors import MESSAGES
from chalicelib.modules.complaints.models import (
    Complaint,
    ComplaintEvent,
    ComplaintFact,
    ComplaintRate,
    ComplaintSettings,
    ComplaintSettingsChange,
)
from chalicelib.modules.complaints.vocabulary import VOCABULARY

OFFICE = ("agent", "manager", "support", "head_office")


def _visible(actor, complaint_id: str) -> bool:
    from chalicelib.modules.complaints.usecases import COMPLAINTS

    return COMPLAINTS.visible(actor, complaint_id)


def _setup() -> None:
    """The complaint is an SLA subject; a return visit may draft one (complaints/visit_hook.py)."""
    from chalicelib.modules.complaints import keys, rate, usecases, visit_hook
    from chalicelib.modules.sla import public as sla

    sla.register_subject(sla.SubjectKind(
        usecases.KIND, link=usecases.link, noun={"zh": "投诉", "en": "complaint"},
        describe=usecases.subject, partition=keys.complaint_pk,
        timeline=usecases.COMPLAINTS.timeline_entry, states=usecases.COMPLAINTS.states))
    rate.register()  # the complaint sheets of the monthly report
    visit_hook.register()


AREA = Area(
    name="complaints",
    blueprints=(routes.bp, rate_routes.bp),
    models=(Complaint, ComplaintEvent, ComplaintFact, ComplaintRate, ComplaintSettings,
            ComplaintSettingsChange),
    permissions={
        "complaints.create": EVERYONE,  # any staff member records a complaint
        "complaints.read": OFFICE,  # an outlet's complaints (boards), head office's all
        # a complaint's page: the readers' (their outlet's) and anyone's they recorded
        "complaints.view": EVERYONE,
        "complaints.settings.write": ("head_office",),
        "complaints.rate.read": ("manager", "head_office"),
        "complaints.rate.run": ("head_office",),
        **{f"complaints.action.{a.name}": a.roles for a in rules.ACTIONS.values()},
    },
    locators={"complaint_id": _visible},
    query_on_path={
        ("/api/complaints", "status"): {"enum": list(rules.STATUSES),
                                         "description": "open (default) or done"},
        ("/api/complaints", "queue"): {"enum": ["head_office"],
                                        "description": "head office's own queue"},
        ("/api/complaints", "about_staff"): USERNAME,
    },
    path={"complaint_action": {"enum": list(rules.ACTIONS),
                               "description": "a step of the complaint process"}},
    vocabulary=VOCABULARY,
    schemas={**schemas.SCHEMAS, **rate_schemas.SCHEMAS},
    messages=MESSAGES,
    setup=_setup,
)
