"""The consultations area's items in the one table (docs/consultations.md, docs/data-model.md)."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item
from chalicelib.kernel.subjects import TimelineEvent


class Consultation(Item, discriminator="consultation"):
    """A customer's question or information taken by any staff member (信息处理单):
    CON#<id> / CONSULTATION, with its events and clock watches in the same collection.
    gsi1 OUTLET#<o>#CON#<open|done> / <received_at>#<id>: the outlet's board (keys.py)."""

    id = UnicodeAttribute()
    number = UnicodeAttribute()  # ZX-<outlet>-<yyyymmdd>-<nnnn>
    outlet = UnicodeAttribute()
    state = UnicodeAttribute()  # open | taken_over | answered | converted | closed
    consultation_kind = UnicodeAttribute()  # question | information
    channel = UnicodeAttribute()  # the complaint channels but a return visit
    customer_id = UnicodeAttribute(null=True)
    customer_name = UnicodeAttribute()
    phone = UnicodeAttribute()
    content = UnicodeAttribute()
    received_at = UnicodeAttribute()  # when the customer reached the staff member (clocks start)
    recorded_by = UnicodeAttribute()
    recorded_by_name = UnicodeAttribute(null=True)
    recorded_role = UnicodeAttribute()
    taken_over = Utf8JSONAttribute(null=True)  # {by, by_name, at, note}
    answer = Utf8JSONAttribute(null=True)  # {text, by, by_name, at}
    converted = Utf8JSONAttribute(null=True)  # {to: order|complaint, id, number, by, by_name, at}
    closed = Utf8JSONAttribute(null=True)  # {note, by, by_name, at}
    clocks = Utf8JSONAttribute(default=dict)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class ConsultationEvent(TimelineEvent, discriminator="consultation_event"):
    """An immutable timeline entry of a consultation: CON#<id> / EVENT#<at>#<event id> (the
    attributes of every timeline event: kernel/subjects.py)."""

    consultation_id = UnicodeAttribute()
