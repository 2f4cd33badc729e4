"""The fees area's charge items in the one table (docs/fees.md, docs/data-model.md):

    ORDER#<order> / FEES      the order's fee sheet (费用明细): its lines with the charge to the
                              customer and the internal cost, the totals, where it stands
                              (pending_approval, approved, final) and the manager's approval;
                              in the order's collection (the order's one query reads it)
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class FeeSheet(Item, discriminator="fee_sheet"):
    """An order's fee lines (费用明细) as the server priced them; versioned (edited, approved and
    settled on the version seen; settled in the acceptance's transaction)."""

    order_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    state = UnicodeAttribute()  # fee_state: pending_approval, approved, final
    lines = Utf8JSONAttribute(default=list)
    charge_fen = NumberAttribute()  # what the customer pays
    cost_fen = NumberAttribute()  # what the work cost the company
    quote_revision = NumberAttribute(null=True)  # the confirmed quote it was compared with
    # the parts used on the order when it was saved, {code: quantity} (None: saved before
    # this was kept; its coded part lines stand for it): a change since makes it outdated
    parts_used = Utf8JSONAttribute(null=True)
    approval = Utf8JSONAttribute(null=True)  # {by, by_name, at, reasons}
    settled_at = UnicodeAttribute(null=True)  # the acceptance that made it final
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute(null=True)  # None: settled from the quote at acceptance
    version = VersionAttribute()


MODELS: tuple = (FeeSheet,)
