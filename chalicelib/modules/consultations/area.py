"""Consultations and information hand-over (咨询与信息交接, 001 §17 6.1–6.2): any staff member
records a customer's question or information; the service desk takes it over within 4 working
hours and answers a question within 8 (SLA clocks); it may become a work order or a complaint."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.consultations import routes, schemas
from chalicelib.modules.consultations.domain import rules
from chalicelib.modules.consultations.errors import MESSAGES
from chalicelib.modules.consultations.models import Consultation, ConsultationEvent
from chalicelib.modules.consultations.vocabulary import VOCABULARY

OFFICE = ("agent", "manager", "support", "head_office")


def _visible(actor, consultation_id: str) -> bool:
    from chalicelib.modules.consultations.usecases import CONSULTATIONS

    return CONSULTATIONS.visible(actor, consultation_id)


def _setup() -> None:
    """The consultation is an SLA subject; an order's create may name one (hooks on create)."""
    from chalicelib.kernel import hooks
    from chalicelib.modules.consultations import keys, usecases
    from chalicelib.modules.orders import public as orders
    from chalicelib.modules.sla import public as sla

    sla.register_subject(sla.SubjectKind(
        usecases.KIND, link=usecases.link, noun={"zh": "咨询", "en": "consultation"},
        describe=usecases.subject, partition=keys.consultation_pk,
        timeline=usecases.CONSULTATIONS.timeline_entry, states=usecases.CONSULTATIONS.states))
    hooks.on(orders.KIND, ("create",), area="consultations", check=usecases.order_check,
             apply=usecases.order_apply, record=usecases.order_record)


AREA = Area(
    name="consultations",
    blueprints=(routes.bp,),
    models=(Consultation, ConsultationEvent),
    permissions={
        "consultations.create": EVERYONE,  # whoever takes the customer's call records it
        "consultations.read": OFFICE,  # an outlet's board; head office's every outlet
        # a consultation's page: its outlet's office, head office, and whoever recorded it
        "consultations.view": EVERYONE,
        **{f"consultations.action.{a.name}": a.roles for a in rules.ACTIONS.values()},
    },
    locators={"consultation_id": _visible},
    query_on_path={
        ("/api/consultations", "status"): {"enum": list(rules.STATUSES),
                                            "description": "open (default) or done"},
    },
    path={"consultation_action": {"enum": list(rules.ACTIONS),
                                  "description": "an action of the service desk"}},
    vocabulary=VOCABULARY,
    schemas=schemas.SCHEMAS,
    messages=MESSAGES,
    setup=_setup,
)
