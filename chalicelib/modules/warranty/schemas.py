"""What the warranty area answers about templates and units (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.schemas import (
    BOOL,
    INT,
    NINT,
    NSTR,
    STR,
    array,
    enum,
    free_form,
    nullable,
    obj,
    page_of,
    ref,
)
from chalicelib.modules.warranty.domain.terms import EXCLUSIONS, PRICE_ITEMS, START_BASES
from chalicelib.modules.warranty.domain.units import SOURCES
from chalicelib.modules.warranty.vocabulary import VOCABULARY

# a unit's audit trail: registered, imported, terms changed, a photo verified / refused
# (unit_photos.py); the names are the vocabulary's, so a new action is added there once
UNIT_ACTIONS = tuple(VOCABULARY["unit_action"])

_GROUP = {"code": STR, "name": STR, "months": INT, "components": array(STR)}
_UNIT = {
    "id": STR, "customer_id": STR, "customer_name": NSTR, "site_id": NSTR, "site_name": NSTR,
    "outlet": STR, "model": STR, "serial_no": STR, "category": NSTR, "invoice_no": NSTR,
    "invoice_date": NSTR, "delivered_on": NSTR, "installed_on": NSTR,
    "source": nullable(enum(SOURCES)), "dealer": NSTR,
    "warranty_until": NSTR,  # the one date units had before terms (legacy)
    "terms": nullable(ref("UnitTerms")), "registered_at": NSTR, "version": INT,
}

SCHEMAS: dict[str, dict] = {
    "TermGroup": obj(_GROUP),
    "Template": obj({
        "model": NSTR,  # null: the network's default
        "start_basis": enum(START_BASES), "groups": array(ref("TermGroup")),
        "exclusions": array(enum(EXCLUSIONS)),
        "prices": obj({item: INT for item in PRICE_ITEMS}),  # fen
        "updated_at": NSTR, "updated_by": NSTR, "updated_by_name": NSTR,
        "version": NINT}),  # null: the built-in default, never saved
    "Templates": obj({"default": ref("Template"), "models": array(ref("Template"))}),
    "UnitTerms": obj({"model": NSTR, "template_version": NINT, "start_basis": enum(START_BASES),
                      "groups": array(ref("TermGroup")), "exclusions": array(enum(EXCLUSIONS))}),
    "Unit": obj(_UNIT),
    "UnitPage": page_of("Unit"),
    "UnitEvent": obj({
        "id": STR, "at": STR, "action": enum(UNIT_ACTIONS),
        "actor": obj({"username": STR, "name": STR, "role": ref("Role")}),
        "data": free_form("the registration or the import row as recorded with the terms it "
                          "got, or a terms change's reason with the groups before and after")}),
    "ServiceRecordLine": obj({
        "accepted_at": STR, "order_id": STR, "order_number": STR, "components": array(STR),
        "fault_cause": NSTR, "solution": NSTR, "parts": NSTR, "technician": NSTR,
        "technician_name": NSTR, "coverage": NSTR}),
    "TermsView": obj({"start_basis": enum(START_BASES), "start": NSTR,
                      "groups": array(obj({**_GROUP, "last_day": NSTR}))}),
    "UnitDetail": obj({
        **_UNIT,
        "terms_view": nullable(ref("TermsView")),
        "contract": nullable(free_form("the unit's maintenance contract (issue 18)")),
        "service_record": array(ref("ServiceRecordLine")),  # newest first
        "events": array(ref("UnitEvent")),
        "photos": array(ref("UnitPhoto")),  # verified, newest first (photo_schemas.py)
        "can_change_terms": BOOL}),
}
