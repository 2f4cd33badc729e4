"""The orders area's items in the one table (see chalicelib/kernel/store/models.py)."""

from __future__ import annotations

from pynamodb.attributes import ListAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.attributes import CompressedJSONAttribute, Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class WorkOrder(Item, discriminator="work_order"):
    """工单. Index entries in the orders' own indexes (infra/resources.py ORDER_INDEXES;
    partition keys o<n>pk; o1, o2, o4, o5 and o7 share one sort key, `osk` =
    <created_at>#<id>, newest last): o1 OUTLET#<o>#ORDERS (an outlet's orders by date), o2
    OUTLET#<o>#STATE#<state>, o3 TECH#<username> / o3sk OPEN|DONE#... (a technician's jobs),
    o4 CUST#<id>, o5 EQUIP#<id> (keys only: read by key), o6 ORDERNO#<series prefix> / o6sk
    <number> (by number or its beginning; keys only), o7 NETWORK#ORDERS#<yyyy-mm> (the
    network's orders by month, head office's list). The others carry the list row
    (resources.ORDER_ROW), not the whole order.
    """

    id = UnicodeAttribute()
    number = UnicodeAttribute()
    outlet = UnicodeAttribute()
    state = UnicodeAttribute()
    type = UnicodeAttribute()
    priority = UnicodeAttribute()
    channel = UnicodeAttribute()
    coverage = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    customer_name = UnicodeAttribute()
    customer_phone = UnicodeAttribute(null=True)
    site_id = UnicodeAttribute(null=True)
    site_name = UnicodeAttribute(null=True)
    site_address = UnicodeAttribute(null=True)
    equipment_id = UnicodeAttribute(null=True)
    equipment_label = UnicodeAttribute(null=True)
    description = UnicodeAttribute()
    fault_started_at = UnicodeAttribute(null=True)
    impact = UnicodeAttribute(null=True)
    technician = UnicodeAttribute(null=True)
    technician_name = UnicodeAttribute(null=True)
    helpers = ListAttribute(of=UnicodeAttribute, default=list)
    job_class = UnicodeAttribute(null=True)  # a code of the job-class table (technicians)
    hold = Utf8JSONAttribute(null=True)
    # data recorded at each step, by step name; compressed like `clocks` (data-model.md rule 2)
    steps = CompressedJSONAttribute(default=dict)
    cancel_reason = UnicodeAttribute(null=True)
    distance_km = NumberAttribute(null=True)
    distance_source = UnicodeAttribute(null=True)  # coordinates | site | agent
    clocks = CompressedJSONAttribute(default=dict)  # SLA clocks by name (domain/sla_clock.py)
    # what the lists show of the clocks (the running and paused ones, no explanation): the list
    # row's copy, set with `clocks` by the clocks' hook (sla/work_orders.py `_apply`)
    sla = Utf8JSONAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class HelperJob(Item, discriminator="helper_job"):
    """A helper's entry among their jobs: ORDER#<id> / HELPER#<username>, in the order's
    collection, with the lead's o3 entry for the helper (o3 TECH#<username> /
    OPEN|DONE#<created_at>#<id>). Written only by orders/store.py, in the order's transactions."""

    order_id = UnicodeAttribute()
    username = UnicodeAttribute()


class OrderEvent(Item, discriminator="order_event"):
    """An immutable timeline entry: who did what, when, from which state to which."""

    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    at = UnicodeAttribute()
    action = UnicodeAttribute()
    actor_username = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    from_state = UnicodeAttribute(null=True)
    to_state = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)
    order_version = NumberAttribute()


class Counter(Item, discriminator="counter"):
    value = NumberAttribute(default=0)


class IndexMigration(Item, discriminator="order_index_migration"):
    """How far `scripts/migrate_order_indexes.py copy` (MIGRATION#order-indexes / OUTLET#<o>)
    or `compact` (MIGRATION#compact-clocks / OUTLET#<o>) got in one outlet (issue 19). Written
    only by that script."""

    last_sk = UnicodeAttribute(null=True)  # the sort key of the last order done (gsi1; orders1)
    copied = NumberAttribute(default=0)  # orders given their keys (not those changed meanwhile)
    done = NumberAttribute(default=0)  # 1: the outlet's orders are all copied
    # compact: orders left whole (their watches lack their clocks' levels)
    skipped = NumberAttribute(null=True)
