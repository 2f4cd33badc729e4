"""What other areas may use of the installed base and warranty: the unit item (the customer
archive lists a customer's units; exports print them), how a unit is registered inside another
area's transaction (a new customer with its first unit; the unit import), a unit as lists show
it, the hook that gives a unit's contract (issue 18), and the repeat-repair rule the figures
share with the coverage decision (REPAIR_WARRANTY_DAYS, repeat_decided)."""

from __future__ import annotations

from datetime import datetime

from chalicelib.modules.warranty.domain.coverage import REPAIR_WARRANTY_DAYS
from chalicelib.modules.warranty.domain.quotes import APPROVAL_REASONS as LINE_APPROVAL_REASONS
from chalicelib.modules.warranty.domain.quotes import KINDS as LINE_KINDS  # a priced line's kinds
from chalicelib.modules.warranty.domain.quotes import (  # money on documents ("1234.50")
    QuoteProblem,
    amount_fen,  # quantity (hundredths) × unit price, rounded half up: a line's amount
    yuan,
)
from chalicelib.modules.warranty.domain.units import UNIT_SCHEMA
from chalicelib.modules.warranty.errors import DuplicateSerial
from chalicelib.modules.warranty.models import Equipment

# units.py reads the customer archive's public surface, which imports this module: the use
# cases are imported when first called.


def registration_items(actor, customer, site, data: dict, now: datetime, *,
                       action: str = "register", book=None,
                       event_data: dict | None = None) -> tuple[Equipment, list]:
    """A new unit and what to write for it in the caller's one transaction, `[(item,
    condition)]`: the unit with terms copied from its model's template (else the network's
    default), the marker holding its serial for the outlet (position 1) and its audit entry.
    `customer`: the customer item (id, outlet, name); `site`: one of its sites or None; `data`:
    valid by UNIT_SCHEMA (`site_id` ignored: `site` says it). Raises ValidationFailed (400,
    fields named) for a blank model/serial or a date after tomorrow. `book`: a `template_book()`
    when registering many units (the import), else the template is read (one BatchGetItem).
    When the transaction fails, `serial_refused(error, index of the marker)` tells a taken serial
    (answer DuplicateSerial, 409 duplicate_serial)."""
    from chalicelib.modules.warranty import units

    return units.registration_items(actor, customer, site, data, now, action=action, book=book,
                                    event_data=event_data)


def template_book():
    """Every template read in one query, to register many units without reading one each."""
    from chalicelib.modules.warranty.units import TemplateBook

    return TemplateBook()


def serial_refused(error, marker_position: int) -> bool:
    """Whether a failed transaction (TransactWriteError) was refused for a taken serial: the
    marker of registration_items at `marker_position` of that transaction."""
    from chalicelib.modules.warranty import store

    return store.serial_refused(error, marker_position)


def serial_holder(outlet: str, serial_no: str):
    """The marker of the outlet's unit with this serial (customer_id, unit_id), or None."""
    from chalicelib.modules.warranty import store

    return store.get_serial(outlet, serial_no)


def unit_of(customer_id: str, unit_id: str) -> Equipment | None:
    """One unit of a customer (a GetItem), None when there is none: its own site decides what
    covers it (a maintenance contract's coverage)."""
    from chalicelib.kernel.store import keys
    from chalicelib.modules.warranty import store

    try:
        return Equipment.get(keys.customer_pk(customer_id), store.unit_sk(unit_id))
    except Equipment.DoesNotExist:
        return None


def unit_view(unit: Equipment) -> dict:
    """A unit as lists show it (the Unit schema)."""
    from chalicelib.modules.warranty import units

    return units.unit_view(unit)


# (unit, day, order_id) -> the contract covering the unit on that day, or None: registered by
# the contracts area's setup (warranty does not import it), asked in the order of registration
_contract_lookups: list = []


def register_unit_contract(lookup) -> None:
    """The contracts area's answer to "which active contract covers this unit on this day"
    (`lookup(unit, day, order_id) -> dict | None`; `day` None: today at the unit's outlet;
    `order_id`: the order being decided, whose own contract record — or a call-out beyond the
    contract — the lookup honours)."""
    if lookup not in _contract_lookups:
        _contract_lookups.append(lookup)


def unit_contract(unit: Equipment, day=None, order_id: str | None = None) -> dict | None:
    """The unit's active maintenance contract on `day` (today when None), shown on the unit page
    and deciding contract coverage: {id, number, state, starts_on, ends_on, service_level,
    included_callouts, …}; None when no contract covers it (the contracts area's lookup)."""
    from chalicelib.kernel import registry

    registry.ready()  # the areas' setup registers the lookup
    for lookup in _contract_lookups:
        found = lookup(unit, day, order_id)
        if found is not None:
            return found
    return None


def repeat_decided(data: dict) -> dict | None:
    """The repeat repair an order's coverage decision found, as the figures count it
    ({"repeat_of": <order number>, "repeat_technician": <username>}, {} for none), from the
    data of the action's event (the create's); None when no coverage was decided for it."""
    from chalicelib.modules.warranty import coverage

    return coverage.repeat_decided(data)


def quote_charges(collection) -> dict | None:
    """The order's quote as the service report prints it, line by line free or charged (None
    when the order has none): {"heading", "columns", "rows", "total"}; texts in Chinese like
    the report. `collection`: the order's items as read."""
    from chalicelib.modules.warranty import quote_pdf
    from chalicelib.modules.warranty.models import Quote

    quote = collection.one(Quote)
    return quote_pdf.report_charges(quote) if quote is not None else None


def part_coverage(collection, component: str | None, order_coverage: str | None) -> tuple[
        str | None, bool]:
    """What covers a part used on an order (the coverage decision's line of its component, else
    the whole machine's, else the order's coverage) and whether that makes it free (warranty,
    contract). `collection`: the order's items as read."""
    from chalicelib.modules.warranty.domain.quotes import FREE_COVERAGE, line_coverage
    from chalicelib.modules.warranty.models import CoverageDecision

    decision = collection.one(CoverageDecision)
    coverage = line_coverage(component, list(decision.lines or []) if decision else [],
                             order_coverage)
    return coverage, coverage in FREE_COVERAGE


def price_list(order) -> dict:
    """The prices an order's lines take (the quote's and the fee sheet's): its unit's model
    template, else the network's default. {model, prices}: prices by item (labour_hour…)."""
    from chalicelib.modules.warranty import quotes

    return quotes.price_list(order)


def confirmed_quote(collection) -> dict | None:
    """The order's quote the customer confirmed (or head office released), as priced:
    {revision, lines: [{kind, description, component, quantity_hundredths, unit_price_fen,
    list_price_fen, waive, …}], charge_fen}; None when there is none. `collection`: the
    order's items as read."""
    from chalicelib.modules.warranty.domain.quotes import GO_AHEAD
    from chalicelib.modules.warranty.models import Quote

    quote = collection.one(Quote)
    if quote is None or quote.state not in GO_AHEAD:
        return None
    return {"revision": int(quote.revision), "lines": [dict(line) for line in quote.lines or []],
            "charge_fen": int(quote.charge_fen)}


def price_lines(lines: list[dict], prices: dict, collection, order_coverage: str | None):
    """Lines priced by the quote's rules (warranty domain/quotes.py `price`): each line
    {kind, quantity, unit_price_fen, list_price_fen (parts only), waive, component,
    description} gets its list price, amount, coverage (the order's coverage decision, read
    from `collection`), charge and approval reason. Raises QuoteProblem naming
    `lines.<i>.<field>`. A line without `unit_price_fen` is priced at its list price."""
    from chalicelib.modules.warranty.domain.quotes import PART, PRICE_ITEM_OF_KIND, price
    from chalicelib.modules.warranty.models import CoverageDecision

    listed = []
    for line in lines:
        if line.get("unit_price_fen") is None and line.get("kind") in (*PRICE_ITEM_OF_KIND, PART):
            default = (line.get("list_price_fen") if line["kind"] == PART
                       else prices[PRICE_ITEM_OF_KIND[line["kind"]]])
            line = {**line, "unit_price_fen": int(default or 0)}
        listed.append(line)
    decision = collection.one(CoverageDecision)
    return price(listed, prices, list(decision.lines or []) if decision else [], order_coverage)


__all__ = ["REPAIR_WARRANTY_DAYS", "UNIT_SCHEMA", "DuplicateSerial", "Equipment",
           "LINE_APPROVAL_REASONS", "LINE_KINDS", "QuoteProblem", "amount_fen", "confirmed_quote",
           "part_coverage",
           "price_lines", "price_list",
           "quote_charges", "registration_items", "repeat_decided",
           "serial_holder", "serial_refused", "template_book", "unit_contract", "unit_of", "unit_view",
           "yuan"]
