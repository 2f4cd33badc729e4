"""The fees area's fact items in the one table (docs/fees.md "Fee facts", docs/data-model.md):

    FEEFACT#<outlet>#<yyyy-mm> / ORDER|PAY|CLAIM|BOOK#<source id>
        what one event contributes to its outlet-month's cost figures (domain/facts.py), written
        in the event's own transaction; a repeated event replaces its own fact. No index: a
        month's cost sheet of an outlet is one Query of its partition.
"""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class FeeFact(Item, discriminator="fee_fact"):
    """费用事实: `fact` order | payment | claim | booking, the source's id, when (ISO UTC) and the
    figures (`data`, domain/facts.py). Immutable once its event is written."""

    outlet = UnicodeAttribute()
    month = UnicodeAttribute()  # yyyy-mm in the outlet's time zone
    fact = UnicodeAttribute()
    source_id = UnicodeAttribute()
    at = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)


MODELS: tuple = (FeeFact,)
