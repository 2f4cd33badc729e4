"""Installed base and warranty (产品档案、三包/保修、报价): term templates and price lists, units
with their frozen terms and service record, the coverage decision per line, and the quote the
customer confirms before anyone is sent."""

from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.warranty import (
    coverage_routes,
    coverage_schemas,
    import_routes,
    import_schemas,
    photo_routes,
    photo_schemas,
    quote_routes,
    quote_schemas,
    routes,
    schemas,
)
from chalicelib.modules.warranty.domain.import_rows import MESSAGES as IMPORT_MESSAGES
from chalicelib.modules.warranty.domain.units import MESSAGES as UNIT_MESSAGES
from chalicelib.modules.warranty.models import (
    CoverageDecision,
    Equipment,
    Quote,
    QuoteLink,
    ServiceRecord,
    TemplateEvent,
    UnitEvent,
    UnitImport,
    UnitPhoto,
    UnitSerial,
    WarrantyTemplate,
)
from chalicelib.modules.warranty.vocabulary import VOCABULARY


def _setup() -> None:
    """The work order's hooks and views of the warranty: its coverage decision and the unit's
    service record (coverage.py)."""
    from chalicelib.modules.warranty import coverage

    coverage.register()
    # the quote: its actions on the order, the dispatch gate of a paid order, its views
    from chalicelib.modules.warranty import quotes

    quotes.register()


AREA = Area(
    name="warranty",
    blueprints=(photo_routes.bp, routes.bp, coverage_routes.bp, import_routes.bp,
                quote_routes.bp),
    models=(Equipment, UnitSerial, UnitEvent, ServiceRecord, WarrantyTemplate, CoverageDecision,
            Quote, QuoteLink, UnitPhoto, TemplateEvent, UnitImport),
    permissions={"warranty.templates.read": EVERYONE,
                 "warranty.templates.write": ("head_office",),
                 # units (产品档案): read by the outlet's office and head office, registered by
                 # agents and managers, their terms extended (a promotion) by a manager or HQ
                 "warranty.units.read": ("agent", "manager", "support", "head_office"),
                 "warranty.units.write": ("agent", "manager"),
                 "warranty.units.terms": ("manager", "head_office"),
                 # an Excel sheet of units imported (产品档案批量导入): the outlet's own imports
                 "warranty.units.import": ("agent", "manager"),
                 # a unit's photos at registration: the unit's outlet (checked on the unit)
                 "warranty.unit_photos.upload": ("agent", "manager"),
                 "warranty.unit_photos.read": ("agent", "manager", "support", "head_office"),
                 # what intake will decide (the intake form: who records orders)
                 "warranty.coverage.preview": ("agent", "manager"),
                 # a quote link sent to the customer: the order's outlet (checked on the order)
                 "warranty.quotes.link": ("agent", "manager")},
    vocabulary=VOCABULARY,
    setup=_setup,
    schemas={**photo_schemas.SCHEMAS, **schemas.SCHEMAS, **coverage_schemas.SCHEMAS,
             **import_schemas.SCHEMAS, **quote_schemas.SCHEMAS},
    messages={**UNIT_MESSAGES, **coverage_schemas.MESSAGES, **IMPORT_MESSAGES,
              **quote_schemas.MESSAGES},
    # a template's model in the path (any text of a model name), its version to delete
    path={"model": {"type": "string", "minLength": 1, "maxLength": 1800,
                    "description": "the model's name, percent-encoded (at most 200 characters)"},
          "token": quote_schemas.TOKEN},
    query_on_path={("/api/warranty/templates/models/{model}", "version"): {
        "type": "integer", "minimum": 1, "description": "the version of the template seen"},
        ("/api/units", "q"): {"type": "string", "maxLength": 100,
                              "description": "serial number prefix (spaces ignored)"}},
)
