"""Deadlines: the SLA policy, the working calendar, clocks, the sweep and the at-risk board."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.sla import routes
from chalicelib.modules.sla.models import CalendarDay, CalendarYear, NotifyMarker, SlaPolicy, SlaWatch

MANAGERS = ("manager", "head_office")

AREA = Area(
    name="sla",
    blueprints=(routes.bp,),
    models=(SlaWatch, NotifyMarker, SlaPolicy, CalendarDay, CalendarYear),
    permissions={"sla.at_risk": MANAGERS, "sla.policy.read": MANAGERS,
                 "sla.policy.write": ("head_office",), "sla.calendar.read": EVERYONE,
                 "sla.calendar.write": ("head_office",)},
    query={"horizon_hours": {"type": "number", "exclusiveMinimum": 0, "maximum": 336,
                             "default": 24}},
)
