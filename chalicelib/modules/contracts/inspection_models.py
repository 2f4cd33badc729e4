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
    contract's inspections (slice 2's list on the contract) are these."""

    contract_id = UnicodeAttribute()
    planned = UnicodeAttribute()  # the planned date (YYYY-MM-DD): the marker's name
    due = UnicodeAttribute()  # the working day it is done on
    moved = UnicodeAttribute(null=True)  # vocabulary occurrence_moved, None: not moved
    per = UnicodeAttribute()  # site | unit
    target = UnicodeAttribute()  # the site's or unit's id
    order_id = UnicodeAttribute()
    order_number = UnicodeAttribute()
    at = UnicodeAttribute()  # when it was generated (UTC)


class InspectionChecklist(Item, discriminator="inspection_checklist"):
    """An inspection order's checklist, copied from its contract's template when generated:
    ORDER#<order> / CHECKLIST, read with the order's collection. `areas`: [{area, items: [{text,
    answer (vocabulary checklist_answer, None until answered), note, photo}]}]; slice 2 answers
    it on the phone (versioned: two phones never overwrite each other's answers)."""

    order_id = UnicodeAttribute()
    contract_id = UnicodeAttribute()
    contract_number = UnicodeAttribute()
    occurrence = Utf8JSONAttribute()  # {planned, due, moved}
    areas = Utf8JSONAttribute(default=list)
    version = VersionAttribute()


MODELS = (InspectionOccurrence, InspectionChecklist)
