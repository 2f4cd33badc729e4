"""The contracts area's items in the one table (维护合同; see docs/contracts.md and
docs/data-model.md). Keys and index entries are set by contracts/keys.py `index`, nowhere else."""

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


class Contract(Item, discriminator="contract"):
    """A maintenance contract (维护合同) or a free maintenance period after delivery:
    CONTRACT#<id> / CONTRACT, versioned, with its events (EVENT#…), its call-out counters
    (CALLOUTS#<year_from>) and the generator's occurrence markers (OCC#…) in its partition.

    Index entries (contracts/keys.py): gsi1 OUTLET#<o>#CONTRACTS / <starts_on>#<id> (the outlet's
    list); gsi2 OUTLET#<o>#CONTRACTS#<state> / same (by state); gsi3 CONTRACTCUST#<customer> /
    same (a customer's contracts: intake's entitlement, the overlap check, the list's filter);
    gsi4 CONTRACTS#NETWORK / same (head office's list); gsi5 CONTRACTDUE / <next_due_on>#<id>
    (sparse: active with an occurrence left; the generator's); gsi6 CONTRACTREMIND /
    <remind_on>#<id> (sparse: active and not told yet; the reminder job's); gsi7
    OUTLET#<o>#CONTRACTS#RENEWAL / <ends_on>#<id> (sparse: while renewal_due, 待续签)."""

    id = UnicodeAttribute()
    number = UnicodeAttribute()  # WH-<outlet>-<yyyy>-<nnnn>
    outlet = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    customer_name = UnicodeAttribute(null=True)
    state = UnicodeAttribute()  # vocabulary contract_state
    starts_on = UnicodeAttribute()  # YYYY-MM-DD, the first day covered
    ends_on = UnicodeAttribute()  # YYYY-MM-DD, the last day covered
    free_period = BooleanAttribute(default=False)  # 免费维护期 after delivery: price 0
    price_fen = NumberAttribute(default=0)
    sites = Utf8JSONAttribute(default=list)  # [site_id]: the covered sites of the customer
    units = Utf8JSONAttribute(default=list)  # [unit_id]; empty: every unit at the covered sites
    # names of the covered sites and units as they were when saved (the detail's labels):
    # {"sites": {id: name}, "units": {id: {"model", "serial", "site_id"}}}
    labels = Utf8JSONAttribute(default=dict)
    service_level = Utf8JSONAttribute(null=True)  # {response_minutes?, arrival_minutes?}
    included_callouts = NumberAttribute(default=0)  # per contract year; 0: none included
    schedule = Utf8JSONAttribute()  # {kind, day, month_offset, per}
    checklist = Utf8JSONAttribute(default=list)  # [{area, items: [text]}]
    renewal_of = UnicodeAttribute(null=True)
    renewed_by = UnicodeAttribute(null=True)
    # its renewal is active: it stays `active` (covering, inspected) until its ends_on has
    # passed, and is shown `superseded` from then on (domain/contracts.py `shown_state`)
    renewal_active = BooleanAttribute(null=True)
    terminated = Utf8JSONAttribute(null=True)  # {at, by, by_name, reason}
    activated_at = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    # the inspection generator's (contracts/generator.py) and the reminder job's: kept as they
    # are by every edit of the contract's other fields
    next_due_on = UnicodeAttribute(null=True)  # the next occurrence not yet generated
    remind_on = UnicodeAttribute(null=True)  # ends_on − 3 months; cleared once told
    renewal_due = BooleanAttribute(null=True)  # 待续签: the reminder was told, not renewed yet
    version = VersionAttribute()


class ContractEvent(TimelineEvent, discriminator="contract_event"):
    """An immutable timeline entry of a contract: CONTRACT#<id> / EVENT#<at>#<event id>."""

    contract_id = UnicodeAttribute()


class CalloutCounter(Item, discriminator="contract_callouts"):
    """The call-outs counted in one contract year (year_from..year_to, dates):
    CONTRACT#<id> / CALLOUTS#<year_from>. Moved by compare-and-set on `used` in the order's
    create transaction (contracts/hooks.py), so two creates never take the same call-out."""

    contract_id = UnicodeAttribute()
    year_from = UnicodeAttribute()
    year_to = UnicodeAttribute()
    used = NumberAttribute(default=0)
    # the orders counted: [{order_id, number, at, exceeded, override}] (≤ a few dozen a year)
    orders = Utf8JSONAttribute(default=list)


class OrderContract(Item, discriminator="order_contract"):
    """The contract a work order was created under (check 5), in the order's collection:
    ORDER#<order> / CONTRACTLINK, written in the order's create transaction. Its service level
    sets the order's SLA targets for every clock started later (sla.register_order_targets);
    `exceeded` without `override`: a call-out beyond the included ones, not under the contract.
    Index entry (keys.index_link): gsi2 CONTRACTORDERS#<contract> / <created_at>#<order> (the
    contract's orders by creation: its quarterly report's repairs; links written before slice 2
    have none)."""

    order_id = UnicodeAttribute()
    contract_id = UnicodeAttribute()
    number = UnicodeAttribute()
    year_from = UnicodeAttribute()  # the contract year the order fell in (its call-out counter)
    counted = BooleanAttribute(default=False)  # took a call-out (repair, maintenance)
    exceeded = BooleanAttribute(default=False)
    override = Utf8JSONAttribute(null=True)  # the manager's {reason, by, at}
    service_level = Utf8JSONAttribute(null=True)  # as the contract said at intake
    # the order was cancelled and its call-out given back ({at, by}; `counted` then false)
    returned = Utf8JSONAttribute(null=True)
    created_at = UnicodeAttribute(null=True)  # the order's (UTC): its place among the contract's

    @property
    def under_contract(self) -> bool:
        return not self.exceeded or self.override is not None


MODELS = (Contract, ContractEvent, CalloutCounter, OrderContract)
