"""Maintenance contracts (维护合同): create (numbered WH-<outlet>-<yyyy>-<nnnn>), list, read, edit,
activate, terminate and renew. Every change is one transaction: the contract on the version the
user saw with its event (and, for a renewal or an activation of one, the contract it renews).
The rules are domain/contracts.py; the inspection schedule's dates domain/schedule.py (H2's);
keys are keys.py (docs/contracts.md)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from chalicelib.kernel import idempotency, registry
from chalicelib.kernel.access import may_read_outlet, outlet_scope, sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import (
    InvalidTransition,
    NotFound,
    StaleVersion,
    ValidationFailed,
)
from chalicelib.kernel.paging import limit_of, read_page
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import one_page, transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import Item
from chalicelib.kernel.store.numbering import counter_pk, write_numbered
from chalicelib.kernel.subjects import Subjects, event_view
from chalicelib.modules.contracts import keys, occurrences
from chalicelib.modules.contracts.domain import contracts as rules
from chalicelib.modules.contracts.models import CalloutCounter, Contract, ContractEvent
from chalicelib.modules.customers import public as customers
from chalicelib.modules.directory import public as directory

KIND = "contract"
WRITE = "contracts.write"
# the fields a create, an edit or a renewal may set (besides state and version)
FIELDS = ("starts_on", "ends_on", "free_period", "price_fen", "sites", "units",
          "service_level", "included_callouts", "schedule", "checklist")
MAX_CUSTOMER_CONTRACTS = 200  # a customer's contracts read at once (overlap, entitlement)
# the contract page's timeline: its newest events (the partition grows with every inspection
# generated and call-out counted; older events stay stored, `events_more` says there are)
EVENTS_SHOWN = 50


class ContractOverlap(InvalidTransition):
    """A unit the contract covers is under another active contract over an overlapping period
    (409; `details`: the unit and the other contract)."""

    code = "contract_overlap"


class ContractState(InvalidTransition):
    """The action is not open to the contract in its state (409)."""

    code = "contract_state"


def may_read(actor: Actor, contract: Contract) -> bool:
    return may_read_outlet(actor, contract.outlet)


CONTRACTS: Subjects[Contract] = Subjects(
    model=Contract, partition=keys.contract_pk, may_read=may_read, event_model=ContractEvent,
    event_prefix=keys.EVENT_PREFIX, subject_field="contract_id",
    actor_name=directory.actor_name)


def link(contract_id: str) -> str:
    return f"/contracts/{contract_id}"


def _today(outlet: str, now: datetime | None = None) -> date:
    return (now or kernel_keys.utc_now()).astimezone(directory.zone(outlet)).date()


# ---------------------------------------------------------------- reading
# The contract's partition grows (events, occurrence markers, counters): each read takes only
# the items it needs — the contract by GetItem, a year's counter by its key, the newest events
# by their sort-key prefix — never the whole partition.

def contract_of(contract_id: str) -> Contract | None:
    """The contract item alone (a consistent GetItem)."""
    try:
        return Contract.get(keys.contract_pk(contract_id), keys.SK, consistent_read=True)
    except Contract.DoesNotExist:
        return None


def readable(actor: Actor, contract_id: str) -> Contract:
    """The contract for a reader who may see it; anyone else (or none there): 404."""
    contract = contract_of(contract_id)
    if contract is None or not may_read(actor, contract):
        raise NotFound()
    return contract


def visible(actor: Actor, contract_id: str) -> bool:
    """The locator of `contract_id` (one GetItem)."""
    contract = contract_of(contract_id)
    return contract is not None and may_read(actor, contract)


def newest_events(contract_id: str, limit: int = EVENTS_SHOWN) -> tuple[list[dict], bool]:
    """The contract's newest `limit` events, oldest first, and whether there are older ones
    (one query of the EVENT# prefix, newest first, limit + 1 items)."""
    found = [e for e in Item.query(keys.contract_pk(contract_id),
                                   Item.sk.startswith("EVENT#"), scan_index_forward=False,
                                   limit=limit + 1, page_size=limit + 1, consistent_read=True)
             if isinstance(e, ContractEvent)]
    return [event_view(e) for e in reversed(found[:limit])], len(found) > limit

def customer_contracts(customer_id: str) -> list[Contract]:
    """A customer's contracts (one query of gsi3; a customer has a handful)."""
    found = Item.gsi3.query(keys.customer_pk(customer_id), limit=MAX_CUSTOMER_CONTRACTS,
                            page_size=MAX_CUSTOMER_CONTRACTS)
    return [c for c in found if isinstance(c, Contract)]


def counter_of(contract_id: str, year: rules.ContractYear) -> CalloutCounter | None:
    """The contract year's call-out counter (GetItem by its key), None before its first."""
    try:
        return CalloutCounter.get(keys.contract_pk(contract_id), keys.callouts_sk(year.year_from),
                                  consistent_read=True)
    except CalloutCounter.DoesNotExist:
        return None


def current_year(contract: Contract, today: date) -> rules.ContractYear:
    """The contract year of today, held within the period (before it: the first year; after
    it: the last)."""
    day = min(max(today, rules.parse(contract.starts_on)), rules.parse(contract.ends_on))
    return rules.contract_year(contract.starts_on, contract.ends_on, day)


def callouts_view(contract: Contract, today: date) -> dict:
    year = current_year(contract, today)
    counter = counter_of(contract.id, year)
    return rules.callouts(int(contract.included_callouts or 0),
                          int(counter.used) if counter else 0, year)


def summary(contract: Contract) -> dict:
    state = rules.shown_state(contract, _today(contract.outlet))
    return {"id": contract.id, "number": contract.number, "outlet": contract.outlet,
            "customer_id": contract.customer_id, "customer_name": contract.customer_name,
            "state": state, "starts_on": contract.starts_on,
            "ends_on": contract.ends_on, "free_period": bool(contract.free_period),
            "price_fen": int(contract.price_fen or 0), "sites": list(contract.sites or []),
            "units": list(contract.units or []),
            "included_callouts": int(contract.included_callouts or 0),
            "schedule_kind": (contract.schedule or {}).get("kind"),
            "next_due_on": contract.next_due_on, "renewal_due": bool(contract.renewal_due),
            "renewal_of": contract.renewal_of, "renewed_by": contract.renewed_by,
            "updated_at": contract.updated_at}


def detail(actor: Actor, contract: Contract) -> dict:
    writer = registry.permitted(actor.role, WRITE) and may_read(actor, contract)
    labels = contract.labels or {}
    shown = summary(contract)
    events, more = newest_events(contract.id)
    return {**shown, "version": int(contract.version),
            "service_level": contract.service_level, "schedule": contract.schedule,
            "checklist": list(contract.checklist or []),
            "site_names": labels.get("sites") or {}, "unit_labels": labels.get("units") or {},
            "remind_on": contract.remind_on, "terminated": contract.terminated,
            "activated_at": contract.activated_at,
            "created_at": contract.created_at, "created_by": contract.created_by,
            "updated_by": contract.updated_by,
            "callouts": callouts_view(contract, _today(contract.outlet)),
            # the newest 50 occurrences with their orders' results (contracts/occurrences.py)
            **occurrences.contract_inspections(contract),
            "events": events, "events_more": more,
            "may": rules.may(contract, writer, shown["state"])}


def get(actor: Actor, contract_id: str) -> dict:
    return detail(actor, readable(actor, contract_id))


def _flag(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true")


def list_contracts(actor: Actor, params: dict) -> dict:
    """Index queries only: a customer's (gsi3), an outlet's to renew (gsi7), in one state
    (gsi2), all (gsi1); head office without an outlet: the network's (gsi4, state and renewal
    as filters). Newest start first."""
    limit = limit_of(params)
    state, renewal = params.get("state"), _flag(params.get("renewal_due"))
    condition = None
    if params.get("customer_id"):
        customer = customers.get_customer(params["customer_id"])
        if customer is None or not may_read_outlet(actor, customer.outlet):
            raise NotFound()
        partition, index = keys.customer_pk(customer.id), Item.gsi3
        condition = _filters(state, renewal)
    elif sees_all_outlets(actor) and not params.get("outlet"):
        partition, index = keys.NETWORK_PK, Item.gsi4
        condition = _filters(state, renewal)
    else:
        outlet = outlet_scope(actor, params.get("outlet"))
        if renewal:
            partition, index = keys.renewal_pk(outlet), Item.gsi7
            condition = _filters(state, False)
        elif state:
            partition, index = keys.outlet_state_pk(outlet, state), Item.gsi2
        else:
            partition, index = keys.outlet_pk(outlet), Item.gsi1

    def read(start):
        page = one_page(index.query(partition, scan_index_forward=False, limit=limit,
                                    page_size=limit, last_evaluated_key=start,
                                    filter_condition=condition), Contract)
        page.items = [c for c in page.items if may_read(actor, c)]
        return page

    return read_page("contracts", actor, params, read, summary)


def _filters(state: str | None, renewal: bool):
    condition = None
    if state:
        condition = Contract.state == state
    if renewal:
        due = Contract.renewal_due == True  # noqa: E712 - a PynamoDB condition
        condition = due if condition is None else condition & due
    return condition


# ---------------------------------------------------------------- checking a contract

def _customer(actor: Actor, customer_id: str):
    customer, sites, units = customers.get_customer_with_parts(customer_id)
    if customer is None or not may_read_outlet(actor, customer.outlet):
        raise ValidationFailed(fields={"customer_id": ("not_found", {})})
    return customer, {s.id: s for s in sites}, {u.id: u for u in units}


def _checked(fields: dict, sites: dict, units: dict) -> None:
    """400 naming each field that is not consistent (domain rules, the customer's sites and
    units)."""
    found = rules.problems(fields)
    found.update(rules.coverage_problems(list(fields.get("sites") or []),
                                         list(fields.get("units") or []), sites, units,
                                         lambda unit: unit.site_id))
    if found:
        raise ValidationFailed(fields=found)


def _labels(fields: dict, sites: dict, units: dict) -> dict:
    covered = rules.covered_units(list(fields.get("units") or []), list(fields["sites"]),
                                  [(u.id, u.site_id) for u in units.values()])
    return {"sites": {s: sites[s].name for s in fields["sites"] if s in sites},
            "units": {u: {"model": units[u].model, "serial": units[u].serial_no,
                          "site_id": units[u].site_id} for u in sorted(covered) if u in units}}


def _no_overlap(contract: Contract, units: dict, ignore: tuple[str, ...] = ()) -> None:
    """409 contract_overlap naming the first covered unit another active contract of the
    customer covers over an overlapping period — or, for two site-wide contracts (no units
    named: every unit at their sites, now and later), the first site both cover (`ignore`: the
    contract it renews)."""
    pairs = [(u.id, u.site_id) for u in units.values()]
    mine = rules.covered_units(list(contract.units or []), list(contract.sites or []), pairs)
    site_wide = not contract.units
    if not mine and not site_wide:
        return
    for other in customer_contracts(contract.customer_id):
        if other.id == contract.id or other.id in ignore or other.state != "active":
            continue
        if not rules.overlaps(contract.starts_on, contract.ends_on, other.starts_on,
                              other.ends_on):
            continue
        theirs = rules.covered_units(list(other.units or []), list(other.sites or []), pairs)
        both = sorted(mine & theirs)
        if both:
            unit = units.get(both[0])
            listed = list(contract.units or [])
            field = f"units.{listed.index(both[0])}" if both[0] in listed else "sites"
            raise ContractOverlap(fields={field: ("contract_overlap", {"number": other.number})},
                                  details={"unit_id": both[0],
                                           "unit_serial": unit.serial_no if unit else None,
                                           "contract_id": other.id,
                                           "contract_number": other.number})
        if site_wide and not other.units:
            shared = rules.shared_sites(list(contract.sites or []), list(other.sites or []))
            if shared is not None:
                index, site = shared
                raise ContractOverlap(
                    fields={f"sites.{index}": ("contract_overlap_site", {"number": other.number})},
                    details={"site_id": site, "contract_id": other.id,
                             "contract_number": other.number})


def _schedule_dates(contract: Contract, today: date) -> None:
    """next_due_on and remind_on from the period and schedule (H2's domain/schedule.py): set
    when the contract becomes active or its period or schedule changes."""
    try:
        from chalicelib.modules.contracts.domain import schedule
    except ImportError:  # the generator's rules are not there: the generator sets it
        contract.next_due_on = None
        contract.remind_on = rules.remind_on(contract.ends_on)
        return
    first = schedule.first_due(contract, today)
    contract.next_due_on = first.isoformat() if first else None
    told = getattr(schedule, "remind_on", None)
    remind = told(contract) if told else None
    contract.remind_on = remind.isoformat() if remind else rules.remind_on(contract.ends_on)


def _after_generated(contract_id: str, schedule_was: dict | None, starts_was: str) -> date | None:
    """The day after the period of the contract's last generated occurrence (its newest OCC#
    marker, one item read; the period as the schedule then cut it), None when none was
    generated: a changed schedule starts from there, so one period never gets two
    inspections."""
    from chalicelib.modules.contracts.domain import schedule
    from chalicelib.modules.contracts.inspection_models import InspectionOccurrence

    newest = next(iter(InspectionOccurrence.query(
        keys.contract_pk(contract_id), InspectionOccurrence.sk.startswith("OCC#"),
        scan_index_forward=False, limit=1, consistent_read=True)), None)
    if newest is None or not schedule_was:
        return None
    _first, last = schedule.period_of(schedule_was, rules.parse(starts_was),
                                      rules.parse(newest.planned))
    return last + timedelta(days=1)


def _fields_of(body: dict) -> dict:
    fields = {k: body[k] for k in FIELDS if k in body}
    if "units" in fields and fields["units"] is None:
        fields["units"] = []
    return fields


# ---------------------------------------------------------------- create

def _new_contract(actor: Actor, customer, fields: dict, sites: dict, units: dict, state: str,
                  now: datetime, renewal_of: str | None = None) -> Contract:
    at = kernel_keys.iso(now)
    contract = Contract(
        id=kernel_keys.new_id(keys.ID_PREFIX), number="", outlet=customer.outlet,
        customer_id=customer.id, customer_name=customer.name, state=state,
        starts_on=fields["starts_on"], ends_on=fields["ends_on"],
        free_period=bool(fields.get("free_period")), price_fen=int(fields.get("price_fen") or 0),
        sites=list(fields["sites"]), units=list(fields.get("units") or []),
        labels=_labels(fields, sites, units), service_level=fields.get("service_level") or None,
        included_callouts=int(fields.get("included_callouts") or 0),
        schedule=fields["schedule"], checklist=list(fields.get("checklist") or []),
        renewal_of=renewal_of, renewed_by=None, created_at=at, created_by=actor.username,
        updated_at=at, updated_by=actor.username,
        activated_at=at if state == "active" else None)
    if state == "active":
        _schedule_dates(contract, _today(contract.outlet, now))
    else:
        contract.remind_on = None
    return contract


def _write_numbered(actor: Actor, contract: Contract, action: str, data: dict, at: str,
                    extra=None, idem=None) -> None:
    """The contract under the outlet-year's next number, with its event (and `extra()`'s
    entries), in one transaction."""
    year = contract.starts_on[:4]

    def build(value: int) -> list:
        contract.number = keys.number(contract.outlet, year, value)
        keys.index(contract)
        event = CONTRACTS.event(actor, contract, action, None,
                                {**data, "number": contract.number}, at)
        entries = [(contract, Contract.pk.does_not_exist())]
        if idem is not None:
            entries.append((idem, idem.__class__.pk.does_not_exist()))
        entries.append(event)
        return entries + (list(extra(contract)) if extra else [])

    write_numbered(counter_pk(keys.NUMBER_SERIES, contract.outlet, keys.counter_day(year)),
                   build)


def create(actor: Actor, body: dict, idempotency_key: str | None = None) -> dict:
    """A new contract (draft by default, or active at once), numbered; a retried request with
    the same Idempotency-Key returns the first."""
    first = idempotency.earlier(actor, idempotency_key, body)
    if first is not None:
        return get(actor, first)
    customer, sites, units = _customer(actor, body["customer_id"])
    fields = _fields_of(body)
    _checked(fields, sites, units)
    now = kernel_keys.utc_now()
    state = body.get("state") or "draft"
    contract = _new_contract(actor, customer, fields, sites, units, state, now)
    if state == "active":
        _no_overlap(contract, units)
    idem = idempotency.new_record(actor, idempotency_key, body, KIND, contract.id)
    won = idempotency.created_once(actor, idempotency_key, body, lambda: _write_numbered(
        actor, contract, "contract_created", {"state": state}, kernel_keys.iso(now), idem=idem))
    return get(actor, won or contract.id)


# ---------------------------------------------------------------- changes

def _writable(actor: Actor, contract_id: str, version: int) -> Contract:
    contract = readable(actor, contract_id)
    if int(contract.version) != int(version):
        raise StaleVersion()
    return contract


def _write(entries: list) -> None:
    try:
        transact(entries)
    except VersionConflict:
        raise StaleVersion() from None


def _fields_now(contract: Contract) -> dict:
    return {k: getattr(contract, k) for k in FIELDS}


def update(actor: Actor, contract_id: str, body: dict) -> dict:
    """Edit a draft or active contract at the version seen; a change of period, coverage or
    schedule recomputes next_due_on (from today, or from the day after the period of the last
    occurrence generated when that is later) and remind_on (the generator's fields are kept
    otherwise)."""
    contract = _writable(actor, contract_id, body["version"])
    if contract.state not in rules.EDITABLE:
        raise ContractState(details={"state": contract.state})
    before = _fields_now(contract)
    fields = {**before, **_fields_of(body)}
    _, sites, units = _customer(actor, contract.customer_id)
    _checked(fields, sites, units)
    changed = sorted(k for k in FIELDS if fields.get(k) != before.get(k))
    if not changed:
        return get(actor, contract_id)
    now = kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    for name in FIELDS:
        setattr(contract, name, fields[name])
    contract.units = list(fields.get("units") or [])
    contract.labels = _labels(fields, sites, units)
    contract.updated_at, contract.updated_by = at, actor.username
    if contract.state == "active":
        # neither the contract it renews nor its own renewal (both may run over its last days)
        _no_overlap(contract, units,
                    ignore=tuple(c for c in (contract.renewal_of, contract.renewed_by) if c))
        if {"starts_on", "ends_on", "schedule", "sites", "units"} & set(changed):
            today = _today(contract.outlet, now)
            after = _after_generated(contract.id, before.get("schedule"), before["starts_on"])
            _schedule_dates(contract, max(today, after) if after else today)
    keys.index(contract)
    event = CONTRACTS.event(actor, contract, "contract_changed", contract.state,
                            {"changed": changed}, at)
    _write([(contract, None), event])
    return get(actor, contract_id)


def _renewed(actor: Actor, old: Contract, new: Contract, at: str) -> list:
    """The renewed contract names its renewal (its 待续签 task is done): its entries of the
    renewal's (or the activation's) transaction, on the version read. It stays `active` — it
    covers and is inspected until its own ends_on; once the renewal is active
    (`renewal_active`), it is shown `superseded` after that day (rules.shown_state) and its
    expiry is not told any more (out of the reminder index)."""
    active = new.state == "active"
    old.renewed_by, old.renewal_due = new.id, None
    if active:
        old.renewal_active, old.remind_on = True, None
    old.updated_at, old.updated_by = at, actor.username
    keys.index(old)
    return [(old, None), CONTRACTS.event(actor, old, "contract_renewed", old.state,
                                         {"renewed_by": new.id, "number": new.number,
                                          "renewal_active": active}, at)]


def activate(actor: Actor, contract_id: str, body: dict) -> dict:
    """A draft becomes active (its schedule's first date and its reminder set); a renewal's
    activation marks the contract it renews `renewal_active` in the same transaction (that one
    stays active until its own end, then is shown superseded)."""
    contract = _writable(actor, contract_id, body["version"])
    if contract.state != "draft":
        raise ContractState(details={"state": contract.state})
    _, _sites, units = _customer(actor, contract.customer_id)
    _no_overlap(contract, units, ignore=(contract.renewal_of,) if contract.renewal_of else ())
    now = kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    contract.state, contract.activated_at = "active", at
    contract.updated_at, contract.updated_by = at, actor.username
    _schedule_dates(contract, _today(contract.outlet, now))
    keys.index(contract)
    entries = [(contract, None),
               CONTRACTS.event(actor, contract, "contract_activated", "draft", {}, at)]
    if contract.renewal_of:
        old = contract_of(contract.renewal_of)
        if old is not None and old.state in ("active", "ended"):
            entries += _renewed(actor, old, contract, at)
    _write(entries)
    return get(actor, contract_id)


def _renewal_withdrawn(actor: Actor, renewal: Contract, at: str) -> list:
    """A renewal terminated gives the contract it renews its renewal task back: renewed_by and
    renewal_active cleared, `renewal_due` (待续签) again when its expiry was told (its marker),
    else its reminder again — entries of the termination's transaction ([] when that contract
    names another renewal, or is gone)."""
    from chalicelib.modules.contracts import reminder_job
    from chalicelib.modules.sla import public as sla

    old = contract_of(renewal.renewal_of) if renewal.renewal_of else None
    if old is None or old.renewed_by != renewal.id:
        return []
    old.renewed_by, old.renewal_active = None, None
    if sla.told_markers([reminder_job.marker_key(old)]):
        old.renewal_due = True
    elif old.state == "active":
        old.remind_on = rules.remind_on(old.ends_on)
    old.updated_at, old.updated_by = at, actor.username
    keys.index(old)
    return [(old, None), CONTRACTS.event(actor, old, "renewal_withdrawn", old.state,
                                         {"renewal_id": renewal.id, "number": renewal.number,
                                          "renewal_due": bool(old.renewal_due)}, at)]


def terminate(actor: Actor, contract_id: str, body: dict) -> dict:
    """A draft or active contract ends early (its inspections and reminder stop: the sparse
    entries go); a renewal's termination gives the contract it renews its renewal task back,
    in the same transaction."""
    contract = _writable(actor, contract_id, body["version"])
    if contract.state not in ("draft", "active"):
        raise ContractState(details={"state": contract.state})
    at = kernel_keys.iso(kernel_keys.utc_now())
    before = contract.state
    contract.state = "terminated"
    contract.terminated = {"at": at, "by": actor.username,
                           "by_name": directory.actor_name(actor), "reason": body["reason"]}
    contract.updated_at, contract.updated_by = at, actor.username
    keys.index(contract)
    _write([(contract, None), CONTRACTS.event(actor, contract, "contract_terminated", before,
                                              {"reason": body["reason"]}, at),
            *_renewal_withdrawn(actor, contract, at)])
    return get(actor, contract_id)


def renew(actor: Actor, contract_id: str, body: dict,
          idempotency_key: str | None = None) -> dict:
    """A new contract continuing this one (its fields, with the changes given; from the day
    after it ends unless starts_on says otherwise), draft or active. The old one names its
    renewal at once (the renewal task is done), in the same transaction; it stays active until
    its own end (shown superseded after it when the renewal is active)."""
    first = idempotency.earlier(actor, idempotency_key, body)
    if first is not None:
        return get(actor, first)
    old = _writable(actor, contract_id, body["version"])
    if old.state not in ("active", "ended") or old.renewed_by:
        raise ContractState(details={"state": old.state})
    customer, sites, units = _customer(actor, old.customer_id)
    starts = body.get("starts_on") or (rules.parse(old.ends_on) + timedelta(days=1)).isoformat()
    fields = {**_fields_now(old), **_fields_of(body), "starts_on": starts}
    _checked(fields, sites, units)
    now = kernel_keys.utc_now()
    at = kernel_keys.iso(now)
    state = body.get("state") or "draft"
    new = _new_contract(actor, customer, fields, sites, units, state, now, renewal_of=old.id)
    if state == "active":
        _no_overlap(new, units, ignore=(old.id,))

    def extra(contract: Contract) -> list:
        return _renewed(actor, old, contract, at)

    idem = idempotency.new_record(actor, idempotency_key, body, KIND, new.id)
    won = idempotency.created_once(actor, idempotency_key, body, lambda: _write_numbered(
        actor, new, "contract_created", {"state": state, "renewal_of": old.id,
                                         "renewal_of_number": old.number}, at,
        extra=extra, idem=idem))
    return get(actor, won or new.id)
