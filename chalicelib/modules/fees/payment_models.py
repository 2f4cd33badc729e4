"""The fees area's payment items in the one table (docs/fees.md, docs/data-model.md):

    ORDER#<order> / PAY#<id>   a payment (收款) on the order, in the order's collection; cash
                               not handed in yet: gsi1 CASHOUT#<outlet> / <due_at>#<id> (sparse:
                               removed at hand-in), read by the daily hand-in job
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.models import Item


class Payment(Item, discriminator="payment"):
    """收款: amount in fen, method, reference (transfer / WeChat / Alipay), receipt number (收款收
    据; cash), who collected it and when, and its hand-in to finance. Versioned."""

    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    order_number = UnicodeAttribute()
    outlet = UnicodeAttribute()
    amount_fen = NumberAttribute()
    method = UnicodeAttribute()  # payment_method
    reference = UnicodeAttribute(null=True)
    receipt_no = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    collected_by = UnicodeAttribute()
    collected_by_name = UnicodeAttribute(null=True)
    collected_at = UnicodeAttribute()
    handin_due_at = UnicodeAttribute(null=True)  # cash: collected_at + policy days
    handed_in_at = UnicodeAttribute(null=True)
    handed_in_by = UnicodeAttribute(null=True)
    handed_in_by_name = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    version = VersionAttribute()


MODELS: tuple = (Payment,)
