"""The sla area's items in the one table (see chalicelib/kernel/store/models.py)."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from chalicelib.kernel.store.models import Item


class SlaWatch(Item, discriminator="sla_watch"):
    """What the sweep watches of one clock of one order (in the order's collection).

    gsi1 SLA#<shard> / <next check>#<order>#<clock>: sparse, present while a level is pending;
    gsi2 OUTLET#<o>#SLA / <due>#<order>#<clock>: present while the clock runs (at-risk view).
    """

    order_id = UnicodeAttribute()
    clock = UnicodeAttribute()
    run = NumberAttribute()
    outlet = UnicodeAttribute()
    number = UnicodeAttribute()
    customer_name = UnicodeAttribute()
    priority = UnicodeAttribute()
    order_state = UnicodeAttribute()
    technician = UnicodeAttribute(null=True)
    technician_name = UnicodeAttribute(null=True)
    state = UnicodeAttribute()  # running | paused | stopped
    basis = UnicodeAttribute(null=True)  # calendar | working
    started_at = UnicodeAttribute()
    due_at = UnicodeAttribute()
    warning_at = UnicodeAttribute(null=True)
    next_check = UnicodeAttribute(null=True)
    levels = JSONAttribute(default=list)
    notified = ListAttribute(of=UnicodeAttribute, default=list)
    breached_at = UnicodeAttribute(null=True)


class NotifyMarker(Item, discriminator="notify_marker"):
    """(order, clock, run, level) has been notified: written once, with attribute_not_exists."""

    at = UnicodeAttribute()
    recipients = ListAttribute(of=UnicodeAttribute, default=list)


class SlaPolicy(Item, discriminator="sla_policy"):
    """The current policy of a scope: POLICY#NETWORK or POLICY#OUTLET#<code> / CURRENT;
    each saved version is also kept as POLICY#... / V#<nnnnnn> (history, immutable)."""

    scope = UnicodeAttribute()
    document = JSONAttribute()
    policy_version = NumberAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    removed = BooleanAttribute(default=False)


class CalendarDay(Item, discriminator="calendar_day"):
    """Head office's override of one date: CALENDAR / DAY#<yyyy-mm-dd>."""

    day = UnicodeAttribute()
    working = BooleanAttribute()
    reason = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class CalendarYear(Item, discriminator="calendar_year"):
    """A year whose official schedule head office has entered: CALENDAR / YEAR#<yyyy>."""

    year = NumberAttribute()
    confirmed = BooleanAttribute()
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
