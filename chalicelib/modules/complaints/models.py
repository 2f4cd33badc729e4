"""The complaints area's items in the one table (see chalicelib/kernel/store/models.py and
docs/complaints.md)."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item
from chalicelib.kernel.subjects import TimelineEvent


class Complaint(Item, discriminator="complaint"):
    """客户投诉登记表 and its handling: CMP#<id> / COMPLAINT, with its events and clock watches in
    the same collection. gsi1 OUTLET#<o>#CMP#<open|done> / <received_at>#<id> (the outlet's
    board); gsi2 CMPHQ#<open|done> / <received_at>#<id> while head office handles or judges it;
    gsi3 CMPSTAFF#<username> / <received_at>#<id> (about a person); gsi4 CMPUNIT#<unit> /
    <received_at>#<id> (about a unit). See complaints/keys.py."""

    id = UnicodeAttribute()
    number = UnicodeAttribute(null=True)  # none while a draft
    outlet = UnicodeAttribute()
    state = UnicodeAttribute()
    kind_of_complaint = UnicodeAttribute(attr_name="complaint_kind")
    channel = UnicodeAttribute()
    complainant = Utf8JSONAttribute()  # {name, phone, customer_id}
    received_at = UnicodeAttribute()  # when the customer complained
    month = UnicodeAttribute()  # of received_at in the outlet's time zone: the rate's month
    about = Utf8JSONAttribute(default=dict)  # {staff, staff_name, staff_role, order_id, …}
    content = UnicodeAttribute()
    demand = UnicodeAttribute()
    quality = Utf8JSONAttribute(null=True)  # 订单编号、料号、交运日期、数量、不良数量
    recorded_by = UnicodeAttribute()
    recorded_by_name = UnicodeAttribute(null=True)
    clocks = Utf8JSONAttribute(default=dict)
    route = Utf8JSONAttribute(null=True)  # {department, handled_by}
    judgement = Utf8JSONAttribute(null=True)
    cause = Utf8JSONAttribute(null=True)
    solution = Utf8JSONAttribute(null=True)
    notifications = Utf8JSONAttribute(default=list)
    responsibility = Utf8JSONAttribute(null=True)
    penalty = Utf8JSONAttribute(null=True)
    improvement = Utf8JSONAttribute(null=True)
    repeat_of = Utf8JSONAttribute(null=True)  # 重复反映: {id, number, received_at}
    source = Utf8JSONAttribute(null=True)  # {kind: return_visit|consultation, id, number}
    closed = Utf8JSONAttribute(null=True)
    discarded = Utf8JSONAttribute(null=True)
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class ComplaintEvent(TimelineEvent, discriminator="complaint_event"):
    """An immutable timeline entry of a complaint: CMP#<id> / EVENT#<at>#<event id> (the
    attributes of every timeline event: kernel/subjects.py)."""

    complaint_id = UnicodeAttribute()


class ComplaintFact(Item, discriminator="complaint_fact"):
    """What a complaint contributes to its month's rate: CMPFACT#<outlet>#<yyyy-mm> / <id>,
    written in the transaction of every change of the fields it copies."""

    complaint_id = UnicodeAttribute()
    number = UnicodeAttribute(null=True)
    outlet = UnicodeAttribute()
    month = UnicodeAttribute()
    complaint_kind = UnicodeAttribute()
    department = UnicodeAttribute(null=True)
    valid = BooleanAttribute(null=True)  # None: not judged yet
    state = UnicodeAttribute()
    received_at = UnicodeAttribute()
    # the staff member it is about (about.staff), for the technicians' monthly appraisal; none
    # when it is about no one, or the fact was written before it was kept
    staff = UnicodeAttribute(null=True)


class ComplaintRate(Item, discriminator="complaint_rate"):
    """A month's complaint rate of an outlet or the network: CMPRATE#<yyyy-mm> / <scope>. A
    rerun replaces it."""

    month = UnicodeAttribute()
    scope = UnicodeAttribute()
    document = Utf8JSONAttribute()
    generated_at = UnicodeAttribute()
    runs = NumberAttribute(default=1)


class ComplaintSettings(Item, discriminator="complaint_settings"):
    """Head office's routing table and numbers: CMPSET#NETWORK / SETTINGS."""

    document = Utf8JSONAttribute()
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class ComplaintSettingsChange(Item, discriminator="complaint_settings_change"):
    """One saved version of the settings, as saved (the audit trail): CMPSET#NETWORK / V#<n>."""

    document = Utf8JSONAttribute()
    version = NumberAttribute()
    by = UnicodeAttribute()
    by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()
