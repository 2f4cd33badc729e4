"""Installed base and warranty (产品档案、三包/保修、报价): term templates and price lists, units
with their frozen terms and service record, the coverage decision per line, and the quote the
customer confirms before anyone is sent."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.warranty.models import (
    CoverageDecision,
    Equipment,
    Quote,
    QuoteLink,
    ServiceRecord,
    UnitEvent,
    UnitSerial,
    WarrantyTemplate,
)
from chalicelib.modules.warranty.vocabulary import VOCABULARY

AREA = Area(
    name="warranty",
    blueprints=(),
    models=(Equipment, UnitSerial, UnitEvent, ServiceRecord, WarrantyTemplate, CoverageDecision,
            Quote, QuoteLink),
    permissions={"warranty.templates.read": EVERYONE,
                 "warranty.templates.write": ("head_office",)},
    vocabulary=VOCABULARY,
)
