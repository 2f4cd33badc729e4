"""The sla area's items in the one table (see chalicelib/kernel/store/models.py)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, ListAttribute, NumberAttribute, UnicodeAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class SlaWatch(Item, discriminator="sla_watch"):
    """What the sweep watches of one clock of one subject (a work order, a complaint…), in the
    subject's item collection (pk = the subject's partition, sk WATCH#<clock>).

    gsi1 SLA#<shard> / <next check>#<subject id>#<clock>: sparse, present while a level is
    pending; gsi2 OUTLET#<o>#SLA / <due>#<subject id>#<clock>: present while the clock runs
    (the at-risk board), OUTLET#<o>#SLA#ACK once a manager acknowledged its breach (the
    board's "acknowledged" section).

    The subject's fields keep the names they were stored under when only work orders had
    clocks (`attr_name`), so watches written before subject kinds existed read as they are:
    without `subject_kind` a watch is a work order's (`kind_of`), without `link` its link is the
    kind's link for its id (`chalicelib/modules/sla/subjects.py`).
    """

    subject_kind = UnicodeAttribute(null=True)  # None: written before kinds, a work order
    subject_id = UnicodeAttribute(attr_name="order_id")
    # the SPA's path of the subject, e.g. /work-orders/<id>: written by earlier releases only;
    # it is always its kind's link for its id, which readers derive (subjects.link_of)
    link = UnicodeAttribute(null=True)
    clock = UnicodeAttribute()
    run = NumberAttribute()
    outlet = UnicodeAttribute()
    reference = UnicodeAttribute(attr_name="number")  # what people call it: the order number
    title = UnicodeAttribute(attr_name="customer_name")  # whom it is for: the customer
    priority = UnicodeAttribute(null=True)
    # the subject's state: written by earlier releases only; the at-risk board reads it from the
    # subject (its kind's `states`), so a change of that state alone rewrites no watch
    subject_state = UnicodeAttribute(attr_name="order_state", null=True)
    assignee = UnicodeAttribute(attr_name="technician", null=True)
    assignee_name = UnicodeAttribute(attr_name="technician_name", null=True)
    state = UnicodeAttribute()  # running | paused | stopped
    basis = UnicodeAttribute(null=True)  # calendar | working
    started_at = UnicodeAttribute()
    due_at = UnicodeAttribute()
    warning_at = UnicodeAttribute(null=True)
    next_check = UnicodeAttribute(null=True)
    levels = Utf8JSONAttribute(default=list)
    notified = ListAttribute(of=UnicodeAttribute, default=list)
    # levels due before the due time that came due only after it (the sweep was late, the
    # clock started late): never sent, the breach notice says it (for this run and due time)
    superseded = ListAttribute(of=UnicodeAttribute, default=list)
    breached_at = UnicodeAttribute(null=True)
    # the rule the clock follows (amount, unit, basis, cap, what it matched on): the board
    # composes its explanation in the reader's language
    target = Utf8JSONAttribute(null=True)
    # a manager's acknowledgement of this breach {at, by, by_name, note, due_at}: kept while
    # the run and the due time stay the same
    ack = Utf8JSONAttribute(null=True)
    # the version a manager's acknowledgement is checked against, and the subject's own
    # transaction too (it replaces the watch only if still at the version it read); not
    # PynamoDB's VersionAttribute: the subject's change keeps it while the due time stays, an
    # acknowledgement raises it
    watch_version = NumberAttribute(default=0)


class ClockDetail(Item, discriminator="sla_clock"):
    """The detail of one clock of a work order, in the order's collection (sk SLACLOCK#<clock>,
    after the order's: sla/store.py): the target it follows, what started it, the explanation
    of its due time. The order keeps the clock compact (sla/domain/clock.py `compact`); this
    item is written in the order's transaction when the detail changes, and is in no index.
    Its levels are its watch's."""

    clock = UnicodeAttribute()
    run = NumberAttribute()
    detail = Utf8JSONAttribute()  # sla/domain/clock.py `detail`


class NotifyMarker(Item, discriminator="notify_marker"):
    """(subject, clock, run, level) has been notified: written once, with attribute_not_exists,
    in the subject's collection (sk NOTIFIED#<clock>#<run>#<level>)."""

    at = UnicodeAttribute()
    recipients = ListAttribute(of=UnicodeAttribute, default=list)


class SlaAcknowledgement(Item, discriminator="sla_ack"):
    """A manager acknowledged a clock's breach (immutable audit record), in the subject's
    collection: sk SLAACK#<clock>#<run>#<at>."""

    subject_kind = UnicodeAttribute(null=True)
    subject_id = UnicodeAttribute()
    clock = UnicodeAttribute()
    run = NumberAttribute()
    due_at = UnicodeAttribute()
    at = UnicodeAttribute()
    by = UnicodeAttribute()
    by_name = UnicodeAttribute()
    note = UnicodeAttribute()


class SlaPolicy(Item, discriminator="sla_policy"):
    """The current policy of a scope: POLICY#NETWORK or POLICY#OUTLET#<code> / CURRENT;
    each saved version is also kept as POLICY#... / V#<nnnnnn> (history, immutable)."""

    scope = UnicodeAttribute()
    document = Utf8JSONAttribute()
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
