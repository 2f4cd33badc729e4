"""The contracts area's part in other areas (registered in its setup; none of them imports it):

- warranty's `unit_contract` (warranty.public.register_unit_contract): the active contract
  covering a unit on a day — the unit page shows it, the coverage decision makes its lines
  `contract`;
- the work order's create (check 5): on a unit under an active contract whose period holds the
  order's day (the outlet's), the order is under that contract: coverage `contract`, the
  contract's service level as its SLA targets (sla.register_order_targets), and a repair or
  maintenance takes one call-out of the contract year — counted on the year's counter
  (CONTRACT#<id> / CALLOUTS#<year_from>, compare-and-set on `used`) with the contract's event,
  in the order's create transaction (a concurrent create counting the same year: 409
  stale_version, nothing written). The call-out past `included_callouts` is created `paid`
  with data `callout_exceeded`, unless a manager's create carries `callout_override: {reason}`
  (anyone else: 403) — then it stays under the contract. The order keeps the contract it was
  created under (ORDER#<order> / CONTRACTLINK);
- the order's detail: `contract` {id, number, state, ends_on, counted, exceeded, override,
  callouts {year_from, year_to, included, used, remaining}} (null: none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chalicelib.kernel import hooks
from chalicelib.kernel.errors import Forbidden
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.models import Item
from chalicelib.modules.contracts import keys
from chalicelib.modules.contracts.domain import contracts as rules
from chalicelib.modules.contracts.models import CalloutCounter, Contract, OrderContract
from chalicelib.modules.directory import public as directory
from chalicelib.modules.orders import public as orders

AREA = "contracts"
SCRATCH = "contracts.entitlement"
MAX_COUNTED_LISTED = 200  # the orders a year's counter lists (its `used` counts them all)
# order id -> its entitlement while its create runs (from the check until the contracts' own
# apply, which runs after warranty's): what warranty's lookup answers for the order at intake
_intake: dict[str, Entitlement] = {}


class CalloutOverrideForbidden(Forbidden):
    """Only a manager keeps a call-out beyond the contract under it (403)."""

    code = "callout_override_manager"


@dataclass
class Entitlement:
    """An order at intake under a contract: the contract, the contract year of its day, that
    year's call-outs used before it, and what its call-out is."""

    contract: Contract
    year: rules.ContractYear
    counter: CalloutCounter | None  # as read (None: no call-out counted this year yet)
    counted: bool
    exceeded: bool
    override: dict | None

    @property
    def used(self) -> int:
        return int(self.counter.used) if self.counter is not None else 0

    @property
    def under_contract(self) -> bool:
        return not self.exceeded or self.override is not None


# ---------------------------------------------------------------- finding the contract

def covering(customer_id: str, unit_id: str, site_id: str | None, day: date) -> Contract | None:
    """The active contract covering the unit on the day (one query of the customer's
    contracts; overlapping active contracts are refused, so there is at most one — except a
    renewal starting before the contract it renews ends: then the renewal, once active)."""
    from chalicelib.modules.contracts.usecases import customer_contracts

    found = [c for c in customer_contracts(customer_id) if rules.entitles(c, unit_id, site_id, day)]
    return min(found, key=lambda c: bool(c.renewal_active), default=None)


def contract_view(contract: Contract) -> dict:
    """What warranty's hook answers (the unit page's `contract`, a coverage line's)."""
    return {"id": contract.id, "number": contract.number, "state": contract.state,
            "starts_on": contract.starts_on, "ends_on": contract.ends_on,
            "free_period": bool(contract.free_period),
            "service_level": contract.service_level,
            "included_callouts": int(contract.included_callouts or 0)}


def _link_of(order_id: str) -> OrderContract | None:
    try:
        return OrderContract.get(kernel_keys.order_pk(order_id), keys.ORDER_LINK_SK)
    except OrderContract.DoesNotExist:
        return None


def unit_contract(unit, day: date | None, order_id: str | None) -> dict | None:
    """warranty.public.unit_contract: an order being created answers from its entitlement (a
    call-out beyond the contract: none); an order created under a contract keeps it (or, beyond
    it, none); an order created under none stays under none (a contract signed later does not
    reach back); without an order, the active contract covering the unit on the day (today by
    default)."""
    if order_id is not None:
        found = _intake.get(order_id)
        if found is not None:
            return contract_view(found.contract) if found.under_contract else None
        link = _link_of(order_id)
        if link is not None:
            if not link.under_contract:
                return None
            from chalicelib.modules.contracts.usecases import contract_of

            contract = contract_of(link.contract_id)
            return contract_view(contract) if contract else None
        return None
    day = day or kernel_keys.utc_now().astimezone(directory.zone(unit.outlet)).date()
    contract = covering(unit.customer_id, unit.id, unit.site_id, day)
    return contract_view(contract) if contract else None


# ---------------------------------------------------------------- the order's create

def _counter(contract: Contract, year_from: str) -> CalloutCounter | None:
    try:
        return CalloutCounter.get(keys.contract_pk(contract.id), keys.callouts_sk(year_from),
                                  consistent_read=True)
    except CalloutCounter.DoesNotExist:
        return None


def _check_create(ctx: hooks.ActionContext) -> None:
    order = ctx.subject
    override = ctx.data.get("callout_override")
    if override is not None and ctx.actor.role != "manager":
        raise CalloutOverrideForbidden()
    if not order.equipment_id and not ctx.data.get("from_inspection"):
        return
    day = ctx.now.astimezone(directory.zone(order.outlet)).date()
    contract = None
    if order.equipment_id:
        from chalicelib.modules.warranty import public as warranty

        unit = warranty.unit_of(order.customer_id, order.equipment_id)
        if unit is None:
            return
        # the unit's own site, never the one the order names (intake refuses a site that is
        # not the unit's: 400 site_id not_unit_site)
        contract = covering(order.customer_id, unit.id, unit.site_id, day)
    elif ctx.data.get("from_inspection"):
        # a repair opened from a fault of a site's inspection (no unit): the inspection's
        # contract, when active on the day (contracts/checklists.py)
        from chalicelib.modules.contracts.checklists import inspection_contract

        contract = inspection_contract(ctx, day)
    if contract is None:
        return
    year = rules.contract_year(contract.starts_on, contract.ends_on, day)
    counted = order.type in rules.CALLOUT_TYPES
    counter = _counter(contract, year.year_from) if counted else None
    used = int(counter.used) if counter is not None else 0
    exceeded = counted and rules.exceeds(int(contract.included_callouts or 0), used)
    entitlement = Entitlement(
        contract, year, counter, counted, exceeded,
        {"reason": override["reason"], "by": ctx.actor.username, "at": ctx.at}
        if exceeded and override is not None else None)
    ctx.scratch[SCRATCH] = entitlement
    _intake[order.id] = entitlement


def _apply_create(ctx: hooks.ActionContext) -> hooks.Writes | None:
    """After warranty's decision (installed before): the coverage the contract gives, what the
    create's event records, and the order's link to its contract."""
    order = ctx.subject
    entitlement: Entitlement | None = ctx.scratch.get(SCRATCH)
    _intake.pop(order.id, None)
    if entitlement is None:
        return None
    contract = entitlement.contract
    included = int(contract.included_callouts or 0)
    if entitlement.under_contract:
        order.coverage = "contract"
    else:
        order.coverage = "paid"
        ctx.data["callout_exceeded"] = {"contract_id": contract.id, "number": contract.number,
                                        "included": included, "used": entitlement.used}
    ctx.data["contract"] = {
        "id": contract.id, "number": contract.number, "year_from": entitlement.year.year_from,
        "counted": entitlement.counted, "exceeded": entitlement.exceeded,
        "override": entitlement.override,
        "callout": entitlement.used + 1 if entitlement.counted else None}
    link = OrderContract(
        order_id=order.id, contract_id=contract.id, number=contract.number,
        year_from=entitlement.year.year_from, counted=entitlement.counted,
        exceeded=entitlement.exceeded, override=entitlement.override,
        service_level=contract.service_level, created_at=order.created_at)
    keys.index_link(link, order.created_at)  # also among the contract's orders (gsi2)
    return hooks.Writes([(link, Item.pk.does_not_exist())])


def _record_create(ctx: hooks.ActionContext) -> hooks.Writes | None:
    """The call-out counted on the contract year's counter (on the value read) with the
    contract's event; run again with the order's next number when it lost one."""
    from chalicelib.modules.contracts.usecases import CONTRACTS

    entitlement: Entitlement | None = ctx.scratch.get(SCRATCH)
    if entitlement is None or not entitlement.counted:
        return None
    order, contract, seen = ctx.subject, entitlement.contract, entitlement.counter
    listed = list(seen.orders or []) if seen is not None else []
    listed.append({"order_id": order.id, "number": order.number, "at": ctx.at,
                   "exceeded": entitlement.exceeded, "override": entitlement.override})
    counter = CalloutCounter(contract_id=contract.id, year_from=entitlement.year.year_from,
                             year_to=entitlement.year.year_to, used=entitlement.used + 1,
                             orders=listed[-MAX_COUNTED_LISTED:])
    keys.index_counter(counter)
    condition = (CalloutCounter.pk.does_not_exist() if seen is None
                 else CalloutCounter.used == entitlement.used)
    action = "callout_override" if entitlement.override is not None else "callout_counted"
    event = CONTRACTS.event(ctx.actor if ctx.actor.role != "system" else None, contract, action,
                            contract.state,
                            {"order_id": order.id, "order_number": order.number,
                             "year_from": entitlement.year.year_from,
                             "used": entitlement.used + 1,
                             "included": int(contract.included_callouts or 0),
                             "exceeded": entitlement.exceeded,
                             "override": entitlement.override}, ctx.at)
    return hooks.Writes([(counter, condition), event])


# ---------------------------------------------------------------- the order's cancel

def _apply_cancel(ctx: hooks.ActionContext) -> hooks.Writes | None:
    """A cancelled order gives its call-out back, in the cancel's transaction: the year's
    counter `used − 1` (compare-and-set on the value read; the order off its list), the link
    marked not counted (on the condition it still was: never given back twice) and the
    contract's `callout_returned` event."""
    from chalicelib.modules.contracts.usecases import CONTRACTS

    link = ctx.collection.one(OrderContract) if ctx.collection is not None else None
    if link is None or not link.counted:
        return None
    try:
        contract = Contract.get(keys.contract_pk(link.contract_id), keys.SK, consistent_read=True)
    except Contract.DoesNotExist:
        return None
    seen = _counter(contract, link.year_from)
    if seen is None:
        return None
    order, used = ctx.subject, int(seen.used)
    seen.used = max(0, used - 1)
    seen.orders = [o for o in seen.orders or [] if o.get("order_id") != order.id]
    link.counted, link.returned = False, {"at": ctx.at, "by": ctx.actor.username}
    ctx.data["callout_returned"] = {"contract_id": contract.id, "number": contract.number,
                                    "year_from": link.year_from, "used": int(seen.used)}
    event = CONTRACTS.event(ctx.actor if ctx.actor.role != "system" else None, contract,
                            "callout_returned", contract.state,
                            {"order_id": order.id, "order_number": order.number,
                             "year_from": link.year_from, "used": int(seen.used),
                             "included": int(contract.included_callouts or 0)}, ctx.at)
    return hooks.Writes([(seen, CalloutCounter.used == used),
                         (link, OrderContract.counted == True),  # noqa: E712 - a condition
                         event])


# ---------------------------------------------------------------- SLA targets, the detail

def _service_level_targets(ctx: hooks.ActionContext) -> dict[str, float] | None:
    """The contract's service level as the order's SLA targets (a call-out beyond the contract
    keeps the policy's): at create from the entitlement, later from the order's link."""
    if ctx.action == "create":
        entitlement: Entitlement | None = ctx.scratch.get(SCRATCH)
        level = (entitlement.contract.service_level
                 if entitlement is not None and entitlement.under_contract else None)
    else:
        link = ctx.collection.one(OrderContract) if ctx.collection is not None else None
        level = link.service_level if link is not None and link.under_contract else None
    if not level:
        return None
    return {clock: float(level[name]) for name, clock in rules.SERVICE_LEVEL_CLOCKS.items()
            if level.get(name)}


def order_contract(order, collection) -> dict | None:
    """The order's `contract` field: the contract it was created under and that contract
    year's call-outs now (one query of the contract's partition: the contract and its
    counters)."""
    link = collection.one(OrderContract)
    if link is None:
        return None
    found = list(Item.query(keys.contract_pk(link.contract_id),
                            Item.sk.between("CALLOUTS#", keys.SK), consistent_read=True))
    contract = next((i for i in found if isinstance(i, Contract)), None)
    if contract is None:
        return None
    counter = next((i for i in found if isinstance(i, CalloutCounter)
                    and i.year_from == link.year_from), None)
    year_to = counter.year_to if counter is not None else rules.contract_year(
        contract.starts_on, contract.ends_on, rules.parse(link.year_from)).year_to
    return {"id": contract.id, "number": contract.number, "state": contract.state,
            "ends_on": contract.ends_on, "counted": bool(link.counted),
            "exceeded": bool(link.exceeded), "override": link.override,
            "callouts": rules.callouts(int(contract.included_callouts or 0),
                                       int(counter.used) if counter else 0,
                                       rules.ContractYear(link.year_from, year_to))}


def _detail(actor, order, collection) -> dict:
    return {"contract": order_contract(order, collection)}


def register() -> None:
    from chalicelib.modules.sla import public as sla
    from chalicelib.modules.warranty import public as warranty

    warranty.register_unit_contract(unit_contract)
    sla.register_order_targets(_service_level_targets)
    hooks.on(orders.KIND, ["create"], area=AREA, check=_check_create, apply=_apply_create,
             record=_record_create)
    hooks.on(orders.KIND, ["cancel"], area=AREA, apply=_apply_cancel)
    hooks.contribute(orders.KIND, area=AREA, detail=_detail)
