"""The inspection generator's items (contracts/generator.py, docs/contracts.md "Inspections and
reminders"): the occurrence marker in the contract's partition and the checklist in the
inspection order's. Both are written in the order's create transaction (contracts/inspections.py)."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class InspectionOccurrence(Item, discriminator="contract_occurrence"):
    """One occurrence of a contract's schedule generated for one covered site or unit:
    CONTRACT#<id> / OCC#<planned yyyy-mm-dd>#<site or unit id>, written only if absent with the
    order it generated, so a replay or a concurrent run never generates it twice. Immutable; the
    contract's inspections (its page, its quarterly report) and an outlet's month of them (the
    monthly report's 巡检 sheet) are these."""

    contract_id = UnicodeAttribute()
    planned = UnicodeAttribute()  # the planned date (YYYY-MM-DD): the marker's name
    due = UnicodeAttribute()  # the working day it is done on
    moved = UnicodeAttribute(null=True)  # vocabulary occurrence_moved, None: not moved
    per = UnicodeAttribute()  # site | unit
    target = UnicodeAttribute()  # the site's or unit's id
    order_id = UnicodeAttribute()
    order_number = UnicodeAttribute()
    at = UnicodeAttribute()  # when it was generated (UTC)
    # slice 2 (markers written before lack them: read as the contract's, the order's): the last
    # day it may be done on (schedule.period_end), the contract's outlet (the outlet's month
    # index: gsi1 OUTLET#<o>#INSPECTIONS / <due>#<contract>#<target>, keys.index_occurrence),
    # and what a list row names without reading the contract
    period_end = UnicodeAttribute(null=True)
    outlet = UnicodeAttribute(null=True)
    contract_number = UnicodeAttribute(null=True)
    customer_name = UnicodeAttribute(null=True)
    target_name = UnicodeAttribute(null=True)  # the site's name, or the unit's model and serial


class InspectionChecklist(Item, discriminator="inspection_checklist"):
    """An inspection order's checklist, copied from its contract's template when generated:
    ORDER#<order> / CHECKLIST, read with the order's collection. `areas`: [{area, items: [{text,
    answer (vocabulary checklist_answer, None until answered), note, photo (the attachment's
    id), repair ({order_id, number} of the repair order opened from a fault), answered_by,
    answered_by_name, answered_at}]}], answered on the phone one item at a time
    (contracts/checklists.py; versioned: two phones never overwrite each other's answers)."""

    order_id = UnicodeAttribute()
    contract_id = UnicodeAttribute()
    contract_number = UnicodeAttribute()
    occurrence = Utf8JSONAttribute()  # {planned, due, moved, period_end}
    areas = Utf8JSONAttribute(default=list)
    updated_at = UnicodeAttribute(null=True)  # the last answer or repair (UTC)
    updated_by = UnicodeAttribute(null=True)
    version = VersionAttribute()


MODELS = (InspectionOccurrence, InspectionChecklist)
