"""Reading a contract's inspections (巡检记录) and what became of them: the occurrence markers
(`InspectionOccurrence`, CONTRACT#<id> / OCC#<planned>#<target>, written with each generated
order) and their orders (one BatchGetItem), each with its result (domain/inspections.py) — for
the contract's page (its newest 50), its quarterly report (a quarter's planned dates) and the
monthly report (an outlet's month by working day, gsi1 OUTLET#<o>#INSPECTIONS).

Every read is a key or an index range: it grows with the rows shown, never with the contract's
life or the table."""

from __future__ import annotations

from datetime import date, datetime

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.contracts import inspections, keys
from chalicelib.modules.contracts.domain import inspections as rules
from chalicelib.modules.contracts.domain import schedule
from chalicelib.modules.contracts.inspection_models import InspectionOccurrence
from chalicelib.modules.directory import public as directory
from chalicelib.modules.orders import public as orders

SHOWN = 50  # the contract page's inspections: the newest occurrences (older ones stay stored)


def newest(contract_id: str, limit: int = SHOWN) -> tuple[list[InspectionOccurrence], bool]:
    """The contract's newest `limit` occurrences, newest planned first, and whether older ones
    exist (one query of the OCC# prefix, limit + 1 items)."""
    found = [m for m in Item.query(keys.contract_pk(contract_id),
                                   Item.sk.startswith(keys.OCC_PREFIX), scan_index_forward=False,
                                   limit=limit + 1, page_size=limit + 1, consistent_read=True)
             if isinstance(m, InspectionOccurrence)]
    return found[:limit], len(found) > limit


def planned_between(contract_id: str, first: date, last: date) -> list[InspectionOccurrence]:
    """The contract's occurrences planned from `first` to `last` (both included), oldest first:
    one range query (every page)."""
    low = keys.occurrence_sk(first.isoformat(), "")
    high = keys.occurrence_sk(last.isoformat(), "\uffff")
    return [m for m in Item.query(keys.contract_pk(contract_id), Item.sk.between(low, high),
                                  consistent_read=True)
            if isinstance(m, InspectionOccurrence)]


def due_in_month(outlet: str, month: str) -> list[InspectionOccurrence]:
    """An outlet's occurrences whose working day falls in `month` (YYYY-MM), by day: one range
    query of gsi1 (every page)."""
    index_sk = type(Item.gsi1).gsi1sk
    return [m for m in Item.gsi1.query(keys.outlet_inspections_pk(outlet),
                                       index_sk.between(f"{month}-01#", f"{month}-31#\uffff"))
            if isinstance(m, InspectionOccurrence)]


def ending_in_month(outlet: str, month: str) -> list[InspectionOccurrence]:
    """An outlet's occurrences whose period ends in `month` (YYYY-MM), by that day: one range
    query of gsi2 OUTLET#<o>#INSPECTIONENDS (every page)."""
    index_sk = type(Item.gsi2).gsi2sk
    return [m for m in Item.gsi2.query(keys.outlet_inspection_ends_pk(outlet),
                                       index_sk.between(f"{month}-01#", f"{month}-31#\uffff"))
            if isinstance(m, InspectionOccurrence)]


def orders_of(markers: list[InspectionOccurrence]) -> dict:
    """Their orders by id (one BatchGetItem)."""
    return orders.orders_by_id(m.order_id for m in markers)


def period_end(marker: InspectionOccurrence, contract=None) -> str:
    """The marker's last day; a marker written before slice 2 has none: its period as the
    contract's schedule cuts it now (else its working day)."""
    if marker.period_end:
        return marker.period_end
    if contract is not None and contract.schedule:
        found = schedule.period_end(
            contract.schedule, date.fromisoformat(contract.starts_on),
            date.fromisoformat(contract.ends_on),
            schedule.Occurrence(date.fromisoformat(marker.planned),
                                date.fromisoformat(marker.due), marker.moved))
        return found.isoformat()
    return marker.due


def completed_at(order) -> str | None:
    """When the order was completed (its completion step, UTC), None before."""
    if order is None:
        return None
    return ((order.steps or {}).get("completion") or {}).get("at")


def result(marker: InspectionOccurrence, order, outlet: str, as_of: datetime,
           contract=None, completions_until: datetime | None = None) -> str:
    """The occurrence's result at `as_of` (vocabulary inspection_result; completions counted
    until `completions_until`, default `as_of`)."""
    ends = rules.end_of_day(date.fromisoformat(period_end(marker, contract)),
                            directory.zone(outlet))
    done = completed_at(order)
    return rules.result(ends, kernel_keys.parse_iso(done) if done else None,
                        order is not None and order.state == "cancelled", as_of,
                        completions_until)


def target_name(marker: InspectionOccurrence, order, contract=None) -> str | None:
    """The inspected site's or unit's name: the marker's, else the order's, else the
    contract's labels."""
    if marker.target_name:
        return marker.target_name
    if order is not None:
        named = order.site_name if marker.per == "site" else order.equipment_label
        if named:
            return named
    if contract is None:
        return None
    return inspections.target_name(contract, marker.per, marker.target)


def view(marker: InspectionOccurrence, order, outlet: str, as_of: datetime,
         contract=None) -> dict:
    """An occurrence as the contract's page lists it."""
    return {"planned": marker.planned, "due": marker.due, "moved": marker.moved,
            "period_end": period_end(marker, contract), "per": marker.per,
            "target": marker.target, "target_name": target_name(marker, order, contract),
            "order_id": marker.order_id, "order_number": marker.order_number,
            "order_state": order.state if order is not None else None,
            "completed_at": completed_at(order),
            "result": result(marker, order, outlet, as_of, contract)}


def contract_inspections(contract, as_of: datetime | None = None) -> dict:
    """The contract page's `inspections` (newest 50, newest first), `inspections_more` and
    `inspections_overdue` (of those read): two requests."""
    as_of = as_of or kernel_keys.utc_now()
    markers, more = newest(contract.id)
    found = orders_of(markers)
    rows = [view(m, found.get(m.order_id), contract.outlet, as_of, contract) for m in markers]
    return {"inspections": rows, "inspections_more": more,
            "inspections_overdue": sum(1 for r in rows if r["result"] == "overdue")}
