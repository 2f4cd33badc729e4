"""The conduct area's item in the one table (see chalicelib/kernel/store/models.py and
docs/conduct.md)."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class ConductEntry(Item, discriminator="conduct_entry"):
    """One immutable line of a person's ledger of penalties and rewards (奖惩台账):
    CONDUCT#<username> / <yyyy-mm>#<at>#<id>; gsi1 OUTLET#<outlet>#CONDUCT#<yyyy-mm> /
    <username>#<at>#<id> (an outlet's month, for the appraisal). Written once, never changed:
    it records who entered it and when (its audit trail). See conduct/keys.py."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    name = UnicodeAttribute()
    outlet = UnicodeAttribute()  # the person's outlet when it was entered
    month = UnicodeAttribute()  # of `at` in that outlet's time zone
    entry_kind = UnicodeAttribute(attr_name="conduct_kind")  # penalty | reward
    penalty_kind = UnicodeAttribute(null=True)  # the complaints' penalty_kind
    amount_fen = NumberAttribute()  # ≥ 0 (0: a warning, a demerit)
    reason = UnicodeAttribute()
    source = Utf8JSONAttribute()  # {kind: complaint | manual, id, number}
    by = UnicodeAttribute()
    by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()
