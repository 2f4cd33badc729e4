"""Deadlines: the SLA policy, the working calendar, clocks, the sweep and the at-risk board."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.sla import routes, schemas
from chalicelib.modules.sla.models import (
    CalendarDay,
    CalendarYear,
    ClockDetail,
    NotifyMarker,
    SlaAcknowledgement,
    SlaPolicy,
    SlaWatch,
)
from chalicelib.modules.sla.vocabulary import VOCABULARY

MANAGERS = ("manager", "head_office")


def _setup() -> None:
    from chalicelib.modules.sla import work_orders

    work_orders.register()


AREA = Area(
    name="sla",
    blueprints=(routes.bp,),
    models=(SlaWatch, ClockDetail, NotifyMarker, SlaAcknowledgement, SlaPolicy, CalendarDay, CalendarYear),
    permissions={"sla.at_risk": MANAGERS, "sla.acknowledge": MANAGERS, "sla.policy.read": MANAGERS,
                 "sla.policy.write": ("head_office",), "sla.calendar.read": EVERYONE,
                 "sla.calendar.write": ("head_office",)},
    query={"horizon_hours": {"type": "number", "exclusiveMinimum": 0, "maximum": 336,
                             "default": 24}},
    setup=_setup,  # the work order's clocks: its lifecycle's hooks and views
    vocabulary=VOCABULARY,
    schemas=schemas.SCHEMAS,
)
