"""Reads and writes of warranty templates and units (the only code that knows their keys).

    WARRANTY#TEMPLATES / DEFAULT | MODEL#<model key>        templates (one partition, tens of items)
    WARRANTY#TEMPLATES / AUDIT#<at>#<id>                   their audit trail (sorts before DEFAULT)
    CUST#<customer> / EQUIP#<unit>                          the unit; gsi1 OUTLET#<o>#UNITS / <serial>#<unit>
    CUST#<customer> / EQUIP#<unit>#EV#<at>#<id>             its audit trail
    CUST#<customer> / EQUIP#<unit>#REC#<accepted_at>#<order> its service record
    UNITSERIAL#<outlet>#<serial> / SERIAL                   a serial held by one unit of the outlet
"""

from __future__ import annotations

from pynamodb.exceptions import TransactWriteError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import (
    Page,
    cancel_code,
    cancelled_at,
    connection,
    one_page,
    refused,
)
from chalicelib.kernel.store.collection import Collection
from chalicelib.kernel.store.errors import AlreadyExists, VersionConflict
from chalicelib.kernel.store.models import Item
from chalicelib.modules.warranty.domain.units import normal_model, normal_serial
from chalicelib.modules.warranty.models import (
    Equipment,
    ServiceRecord,
    TemplateEvent,
    UnitEvent,
    UnitSerial,
    WarrantyTemplate,
)

TEMPLATES_PK = "WARRANTY#TEMPLATES"
DEFAULT_SK = "DEFAULT"

Write = tuple[Item, object]  # an item and the condition it is written under


class SerialTaken(Exception):
    """The unit's serial number is registered to another unit of the outlet already."""


# ---------------------------------------------------------------- templates

def template_sk(model: str | None) -> str:
    return DEFAULT_SK if model is None else f"MODEL#{normal_model(model)}"


def all_templates() -> tuple[WarrantyTemplate | None, list[WarrantyTemplate]]:
    """The network's default (None: never saved) and every model's template, by model key:
    one query of the templates' partition from DEFAULT on (the audit trail sorts before it)."""
    default, models = None, []
    for item in Item.query(TEMPLATES_PK, Item.sk >= DEFAULT_SK, consistent_read=True):
        if isinstance(item, WarrantyTemplate):
            if item.sk == DEFAULT_SK:
                default = item
            else:
                models.append(item)
    return default, models


def get_template(model: str | None) -> WarrantyTemplate | None:
    try:
        return WarrantyTemplate.get(TEMPLATES_PK, template_sk(model), consistent_read=True)
    except WarrantyTemplate.DoesNotExist:
        return None


def templates_for(model: str) -> tuple[WarrantyTemplate | None, WarrantyTemplate | None]:
    """The model's template and the network's default, in one BatchGetItem."""
    wanted = [(TEMPLATES_PK, template_sk(model)), (TEMPLATES_PK, DEFAULT_SK)]
    found = {item.sk: item for item in WarrantyTemplate.batch_get(wanted)}
    return found.get(template_sk(model)), found.get(DEFAULT_SK)


def index_template_event(event: TemplateEvent) -> None:
    event.pk, event.sk = TEMPLATES_PK, f"AUDIT#{event.at}#{event.id}"


def save_template(template: WarrantyTemplate, seen_version: int | None,
                  event: TemplateEvent) -> None:
    """Create (seen_version None: only if there is none) or replace the template still at the
    version the editor saw, with its audit entry, in one transaction."""
    template.pk, template.sk = TEMPLATES_PK, template_sk(template.model)
    index_template_event(event)
    condition = None
    if seen_version is None:
        condition = WarrantyTemplate.pk.does_not_exist()
    else:  # PynamoDB's version attribute: the condition (version == seen) and the raise
        template.version = seen_version
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(template, condition=condition)
            tx.save(event, condition=Item.pk.does_not_exist())
    except TransactWriteError as error:
        if seen_version is None and cancelled_at(error, 0):
            raise AlreadyExists(template.sk) from None
        if refused(error):
            raise VersionConflict() from None
        raise


def delete_template(template: WarrantyTemplate, seen_version: int, event: TemplateEvent) -> None:
    index_template_event(event)
    template.version = seen_version
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.delete(template)  # condition: version == seen
            tx.save(event, condition=Item.pk.does_not_exist())
    except TransactWriteError as error:
        if refused(error):
            raise VersionConflict() from None
        raise


# ---------------------------------------------------------------- units

def units_partition(outlet: str) -> str:
    return f"OUTLET#{outlet}#UNITS"


def unit_sk(unit_id: str) -> str:
    return f"EQUIP#{unit_id}"


def index_unit(unit: Equipment) -> None:
    unit.pk, unit.sk = keys.customer_pk(unit.customer_id), unit_sk(unit.id)
    unit.gsi1pk = units_partition(unit.outlet)
    unit.gsi1sk = f"{normal_serial(unit.serial_no)}#{unit.id}"


def serial_marker(unit: Equipment) -> UnitSerial:
    return UnitSerial(f"UNITSERIAL#{unit.outlet}#{normal_serial(unit.serial_no)}", "SERIAL",
                      outlet=unit.outlet, serial_no=unit.serial_no, customer_id=unit.customer_id,
                      unit_id=unit.id)


def get_serial(outlet: str, serial_no: str) -> UnitSerial | None:
    try:
        return UnitSerial.get(f"UNITSERIAL#{outlet}#{normal_serial(serial_no)}", "SERIAL")
    except UnitSerial.DoesNotExist:
        return None


def index_unit_event(event: UnitEvent) -> None:
    event.pk = keys.customer_pk(event.customer_id)
    event.sk = f"{unit_sk(event.unit_id)}#EV#{event.at}#{event.id}"


def index_service_record(record: ServiceRecord) -> None:
    """CUST#<c> / EQUIP#<u>#REC#<accepted_at>#<order>: in the unit's query, oldest first."""
    record.pk = keys.customer_pk(record.customer_id)
    record.sk = f"{unit_sk(record.unit_id)}#REC#{record.accepted_at}#{record.order_id}"


def registration_writes(unit: Equipment, event: UnitEvent) -> list[Write]:
    """A new unit, the marker holding its serial for the outlet, and its first audit entry:
    the unit first, the marker second (a refused marker is a duplicate serial)."""
    index_unit(unit)
    index_unit_event(event)
    return [(unit, Item.pk.does_not_exist()),
            (serial_marker(unit), UnitSerial.pk.does_not_exist()),
            (event, Item.pk.does_not_exist())]


def serial_refused(error: TransactWriteError, marker_position: int) -> bool:
    """Whether a transaction holding registration_writes (its marker at that position) failed
    because the serial is taken: its condition failed, or another registration of the same
    serial was being written at the same moment (the marker is the only key two registrations
    share)."""
    return cancel_code(error, marker_position) in ("ConditionalCheckFailed", "TransactionConflict")


def write(entries: list[Write]) -> None:
    """Items with their conditions in one transaction; a taken serial is SerialTaken."""
    try:
        with TransactWrite(connection=connection()) as tx:
            for item, condition in entries:
                tx.save(item, condition=condition)
    except TransactWriteError as error:
        markers = [i for i, (item, _) in enumerate(entries) if isinstance(item, UnitSerial)]
        if any(serial_refused(error, i) for i in markers):
            raise SerialTaken() from None
        raise


def unit_collection(customer_id: str, unit_id: str, consistent: bool = False) -> Collection:
    """The unit and everything under its sort key (audit trail, service record, photos; each
    kind oldest first): one query of the customer's partition, sort keys EQUIP#<unit>…"""
    own = unit_sk(unit_id)
    return Collection(item for item in Item.query(keys.customer_pk(customer_id),
                                                  Item.sk.startswith(own),
                                                  consistent_read=consistent)
                      if item.sk == own or item.sk.startswith(f"{own}#"))


def unit_with_items(customer_id: str, unit_id: str
                    ) -> tuple[Equipment | None, list[UnitEvent], list[ServiceRecord]]:
    """The unit, its audit trail and its service record (one query, unit_collection)."""
    found = unit_collection(customer_id, unit_id)
    return found.one(Equipment), found.of(UnitEvent), found.of(ServiceRecord)


def change_terms(unit: Equipment, seen_version: int, terms: dict, event: UnitEvent) -> None:
    """The unit's new terms if it is still at the version the user saw, with the audit entry."""
    index_unit_event(event)
    unit.terms = terms
    unit.version = seen_version
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.save(unit)  # condition: version == seen (PynamoDB's version attribute)
            tx.save(event, condition=Item.pk.does_not_exist())
    except TransactWriteError as error:
        if refused(error):
            raise VersionConflict() from None
        raise


def search_units(outlet: str, serial_prefix: str, limit: int, start: dict | None) -> Page:
    """An outlet's units by serial number (prefix), one page of gsi1."""
    prefix = normal_serial(serial_prefix)
    condition = type(Item.gsi1).gsi1sk.startswith(prefix) if prefix else None
    return one_page(Item.gsi1.query(units_partition(outlet), range_key_condition=condition,
                                    last_evaluated_key=start, page_size=limit), Equipment)
