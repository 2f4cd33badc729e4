"""Units (产品档案): registration with terms copied from the model's template, the unit page
(one query: the unit, its audit trail and its service record), the search by serial number, and
a promotion that extends a unit's terms (audited, checked against the version seen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from chalicelib.kernel import registry
from chalicelib.kernel.access import ensure_outlet, outlet_scope
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.observability import count
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.modules.customers import public as customers
from chalicelib.modules.directory import public as directory
from chalicelib.modules.warranty import store, unit_photos
from chalicelib.modules.warranty.domain import terms as rules
from chalicelib.modules.warranty.domain.units import (
    REGISTRATION_DATES,
    extended_terms,
    frozen_terms,
    registration_problems,
    terms_view,
)
from chalicelib.modules.warranty.errors import DuplicateSerial, NoTerms
from chalicelib.modules.warranty.models import Equipment, ServiceRecord, UnitEvent, WarrantyTemplate

TERMS_PERMISSION = "warranty.units.terms"


# ---------------------------------------------------------------- views

def unit_view(unit: Equipment) -> dict:
    """A unit as lists show it (the customer's equipment, the search, a registration's reply)."""
    return {"id": unit.id, "customer_id": unit.customer_id, "customer_name": unit.customer_name,
            "site_id": unit.site_id, "site_name": unit.site_name, "outlet": unit.outlet,
            "model": unit.model, "serial_no": unit.serial_no, "category": unit.category,
            "invoice_no": unit.invoice_no, "invoice_date": unit.invoice_date,
            "delivered_on": unit.delivered_on, "installed_on": unit.installed_on,
            "source": unit.source, "dealer": unit.dealer, "warranty_until": unit.warranty_until,
            "terms": unit.terms, "registered_at": unit.registered_at,
            "version": int(unit.version or 0)}


def _dates(unit: Equipment) -> dict:
    return {name: getattr(unit, name) for name in REGISTRATION_DATES}


def event_view(event: UnitEvent) -> dict:
    return {"id": event.id, "at": event.at, "action": event.action,
            "actor": {"username": event.actor_username, "name": event.actor_name,
                      "role": event.actor_role},
            "data": event.data or {}}


def record_view(record: ServiceRecord) -> dict:
    return {"accepted_at": record.accepted_at, "order_id": record.order_id,
            "order_number": record.order_number, "components": list(record.components or []),
            "fault_cause": record.fault_cause, "solution": record.solution, "parts": record.parts,
            "technician": record.technician, "technician_name": record.technician_name,
            "coverage": record.coverage}


def _event(actor: Actor, unit: Equipment, action: str, data: dict, at: str) -> UnitEvent:
    return UnitEvent(id=keys.new_id("uev"), customer_id=unit.customer_id, unit_id=unit.id, at=at,
                     action=action, actor_username=actor.username,
                     actor_name=directory.actor_name(actor), actor_role=actor.role, data=data)


# ---------------------------------------------------------------- registration

@dataclass(frozen=True)
class Terms:
    """The template a model's units are registered with: its content and version (None: the
    built-in default, never saved)."""

    template: dict
    version: int | None


def template_dict(item: WarrantyTemplate) -> dict:
    return {"model": item.model, "start_basis": item.start_basis, "groups": item.groups,
            "exclusions": item.exclusions, "prices": item.prices}


def _effective(model_item: WarrantyTemplate | None, default_item: WarrantyTemplate | None) -> Terms:
    chosen = model_item or default_item
    if chosen is None:
        return Terms(rules.default_template(), None)
    return Terms(template_dict(chosen), int(chosen.version))


def terms_for(model: str) -> Terms:
    """The template a unit of `model` gets: the model's, else the network's default (one
    BatchGetItem)."""
    return _effective(*store.templates_for(model))


class TemplateBook:
    """Every template read once (one query), for registering many units (the import)."""

    def __init__(self):
        default, models = store.all_templates()
        self._default = default
        self._models = {item.sk: item for item in models}

    def terms_for(self, model: str) -> Terms:
        return _effective(self._models.get(store.template_sk(model)), self._default)


def registration_items(actor: Actor, customer, site, data: dict, now: datetime, *,
                       action: str = "register", book: TemplateBook | None = None,
                       event_data: dict | None = None) -> tuple[Equipment, list]:
    """A new unit of `customer` (at `site`, or None) from a registration body valid by
    UNIT_SCHEMA, with its terms copied from its model's template (else the network's default),
    and what to write for it in the caller's transaction: `[(item, condition)]` — the unit, the
    marker holding its serial for the outlet (position 1: when its condition fails the serial
    is taken, see `serial_refused`) and its audit entry (`action`: register | import).
    400 (ValidationFailed, fields named) for a blank model or serial or a date after tomorrow.
    `customer` and `site` are the customer archive's items (id, outlet, name)."""
    problems = registration_problems(data, now.date())
    if problems:
        raise ValidationFailed(fields=problems)
    terms = book.terms_for(data["model"]) if book else terms_for(data["model"])
    unit = Equipment(
        id=keys.new_id("eq"), customer_id=customer.id, outlet=customer.outlet,
        customer_name=customer.name, site_id=site.id if site else None,
        site_name=site.name if site else None, model=data["model"].strip(),
        serial_no=data["serial_no"].strip(), category=data.get("category"),
        invoice_no=data.get("invoice_no"), invoice_date=data.get("invoice_date"),
        delivered_on=data.get("delivered_on"), installed_on=data.get("installed_on"),
        source=data.get("source"), dealer=data.get("dealer"),
        warranty_until=data.get("warranty_until"),
        terms=frozen_terms(terms.template, terms.version),
        registered_at=keys.iso(now), registered_by=actor.username)
    recorded = event_data if event_data is not None else {
        k: v for k, v in data.items() if k != "warranty_until" or v}
    event = _event(actor, unit, action, {**recorded, "terms": unit.terms}, keys.iso(now))
    return unit, store.registration_writes(unit, event)


def register(actor: Actor, customer_id: str, payload: dict) -> dict:
    """POST /api/customers/{customer_id}/equipment: a unit of the customer, at one of its sites
    or none (UNIT_SCHEMA); on the customer's audit trail too. 409 duplicate_serial when the
    outlet has a unit with this serial number."""
    customer, sites, _ = customers.get_customer_with_parts(customer_id)
    if customer is None:
        raise NotFound()
    ensure_outlet(actor, customer.outlet)
    site_id = payload.get("site_id")
    site = next((s for s in sites if s.id == site_id), None)
    if site_id and site is None:
        raise ValidationFailed(fields={"site_id": ("not_found", {})})
    now = keys.utc_now()
    unit, entries = registration_items(actor, customer, site, payload, now)
    audit = customers.audit_write(actor, customer.id, "add_equipment",
                                  {**payload, "equipment_id": unit.id})
    try:
        store.write([*entries, audit])
    except store.SerialTaken:
        raise DuplicateSerial(fields={"serial_no": ("duplicate", {})}) from None
    count("UnitsRegistered")
    return unit_view(unit)


# ---------------------------------------------------------------- reading

def _readable(actor: Actor, customer_id: str, unit_id: str) -> Collection:
    """The unit's collection (one query); 404 for a unit the actor's outlet may not see."""
    found = store.unit_collection(customer_id, unit_id)
    unit = found.one(Equipment)
    if unit is None:
        raise NotFound()
    ensure_outlet(actor, unit.outlet)
    return found


def _names(unit: Equipment) -> tuple[str | None, str | None]:
    """The customer's and site's names: on the unit since registration; a unit registered
    before (not back-filled by scripts/reindex_units.py) reads its customer."""
    if unit.customer_name:
        return unit.customer_name, unit.site_name
    customer, sites, _ = customers.get_customer_with_parts(unit.customer_id)
    site = next((s for s in sites if s.id == unit.site_id), None)
    return (customer.name if customer else None), (site.name if site else None)


def detail_view(actor: Actor, found: Collection) -> dict:
    """The unit page from the unit's collection."""
    from chalicelib.modules.warranty.public import unit_contract

    unit = found.one(Equipment)
    customer_name, site_name = _names(unit)
    return {**unit_view(unit), "customer_name": customer_name, "site_name": site_name,
            "terms_view": terms_view(unit.terms, _dates(unit)),
            "contract": unit_contract(unit),
            "service_record": [record_view(r) for r in reversed(found.of(ServiceRecord))],
            "events": [event_view(e) for e in found.of(UnitEvent)],
            "photos": unit_photos.photo_views(found),  # verified, newest first
            "can_change_terms": bool(unit.terms) and registry.permitted(actor.role,
                                                                        TERMS_PERMISSION)}


def detail(actor: Actor, customer_id: str, unit_id: str) -> dict:
    """The unit page: the unit with its terms and last covered days, its contract, its service
    record (newest first) and its audit trail. One query; another outlet's unit is 404."""
    return detail_view(actor, _readable(actor, customer_id, unit_id))


def search(actor: Actor, params: dict) -> dict:
    """An outlet's units by serial number prefix (all of them, by serial, without one)."""
    outlet = outlet_scope(actor, params.get("outlet"))
    limit = limit_of(params)
    text = (params.get("q") or "").strip()  # at most 100 characters: the route's query rule
    return read_page("units", actor, params,
                     lambda start: store.search_units(outlet, text, limit, start), unit_view)


# ---------------------------------------------------------------- promotion

def change_terms(actor: Actor, customer_id: str, unit_id: str, body: dict) -> dict:
    """A promotion (促销) that extends some of the unit's groups (TERMS_CHANGE_SCHEMA): months
    per existing group code, never shorter, with a reason; checked against the unit's version
    the user saw; on the unit's audit trail with the groups before and after."""
    found = _readable(actor, customer_id, unit_id)
    unit = found.one(Equipment)
    if not unit.terms:
        raise NoTerms()
    reason = body["reason"].strip()
    if not reason:
        raise ValidationFailed(fields={"reason": ("minLength", {})})
    if int(body["version"]) != int(unit.version or 0):
        raise StaleVersion()
    after, problems = extended_terms(unit.terms, body["groups"])
    if problems:
        raise ValidationFailed(fields=problems)
    before = unit.terms
    event = _event(actor, unit, "change_terms", {
        "reason": reason,
        "before": [{"code": g["code"], "months": g["months"]} for g in before["groups"]],
        "after": [{"code": g["code"], "months": g["months"]} for g in after["groups"]]},
        keys.iso(keys.utc_now()))
    try:
        store.change_terms(unit, int(body["version"]), after, event)
    except VersionConflict:
        raise StaleVersion() from None
    count("UnitTermsChanged")
    found.add(event)
    return detail_view(actor, found)
