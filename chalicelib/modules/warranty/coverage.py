"""The coverage decision of a work order (保修判定), registered as the order's hooks: decided at
intake from the unit's frozen terms, the failure dates and the unit's service record (one query
of the unit's collection), decided again when the failed components change, an exclusion is
recorded or removed, or a manager overrides a line; written as the order's CoverageDecision
item in the action's own transaction, the order's `coverage` the summary of its lines. The
customer's acceptance adds a line to the unit's service record (保修卡) in its transaction.
The order's detail shows the decision, each line explained in the reader's language.
"""

from __future__ import annotations

from datetime import date, datetime

from chalicelib.kernel import hooks
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import InvalidTransition, NotFound, ValidationFailed
from chalicelib.kernel.http import reader_language
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.models import Item
from chalicelib.kernel.validation import parse_datetime
from chalicelib.modules.directory import public as directory
from chalicelib.modules.evidence.public import Attachment
from chalicelib.modules.orders import public as orders
from chalicelib.modules.warranty import store
from chalicelib.modules.warranty.domain import coverage as rules
from chalicelib.modules.warranty.explain import explain
from chalicelib.modules.warranty.models import CoverageDecision, Equipment, ServiceRecord

AREA = "warranty"
NOTE = "coverage_decision"  # what an action decided, as its event records it (ctx.data)
EVIDENCE_KINDS = ("photo", "document")
COVERAGE_ACTIONS = ("set_components", "record_exclusion", "remove_exclusion", "override_coverage")


class ExclusionRecorded(InvalidTransition):
    code = "exclusion_recorded"


class ExclusionNotRecorded(InvalidTransition):
    code = "exclusion_not_recorded"


class NoUnit(InvalidTransition):
    code = "order_has_no_unit"


# ---------------------------------------------------------------- contracts (issue 18)

def _contract_of(unit: Equipment, outlet: str, as_of: str | None,
                 order_id: str | None) -> rules.ContractLookup | None:
    """The unit's active contract on the order's day decides its lines (public.unit_contract:
    the hook the contracts area fills)."""
    from chalicelib.modules.warranty.public import unit_contract

    day = _day(keys.parse_iso(as_of), outlet) if as_of else None
    contract = unit_contract(unit, day, order_id)
    return None if contract is None else (lambda claim: contract)


# ---------------------------------------------------------------- deciding

def _day(moment: datetime, outlet: str) -> date:
    return moment.astimezone(directory.zone(outlet)).date()


def _fault_day(fault_started_at: str | None, fallback: datetime, outlet: str) -> date:
    """The whole machine's failure day: when the fault started, on the outlet's wall clock,
    else `fallback`'s day (today at intake)."""
    started = parse_datetime(fault_started_at) if fault_started_at else None
    return _day(started or fallback, outlet)


def _repairs(records: list[ServiceRecord], outlet: str) -> list[rules.Repair]:
    return [rules.Repair(order_id=r.order_id, order_number=r.order_number,
                         accepted_at=r.accepted_at,
                         accepted_on=_day(keys.parse_iso(r.accepted_at), outlet),
                         components=tuple(r.components or ()), technician=r.technician)
            for r in records]


def _unit_dates(unit: Equipment) -> dict:
    return {"invoice_date": unit.invoice_date, "delivered_on": unit.delivered_on,
            "installed_on": unit.installed_on}


def decide_for(unit: Equipment, records: list[ServiceRecord], claims: list[rules.Claim],
               exclusions: list[dict], order_type: str | None, outlet: str, as_of: str,
               overrides: dict[int, dict] | None = None, order_id: str | None = None) -> list[dict]:
    """The lines of a unit's claims, for an order recorded at `as_of` (a repair accepted
    after it is no earlier repair of it)."""
    return rules.decide(claims, terms=unit.terms, unit=_unit_dates(unit), exclusions=exclusions,
                        repairs=_repairs(records, outlet), order_type=order_type,
                        contract=_contract_of(unit, outlet, as_of, order_id),
                        overrides=overrides, order_id=order_id,
                        as_of=as_of)


def _check_dates(components: list[dict], now: datetime, outlet: str, prefix: str) -> None:
    """A failure is not dated after today (the outlet's day)."""
    today = _day(now, outlet)
    problems = {f"{prefix}{i}.failure_date": ("future", {}) for i, c in enumerate(components)
                if date.fromisoformat(c["failure_date"]) > today}
    if problems:
        raise ValidationFailed(fields=problems)


def _note(ctx: hooks.ActionContext, lines: list[dict], before: str) -> None:
    """What was decided, on the action's event (the timeline) and for the figures."""
    repeat = rules.repeat_in(lines)
    ctx.data[NOTE] = {
        "coverage": ctx.subject.coverage, "previous_coverage": before,
        "lines": [{"component": line["component"], "result": line["result"],
                   "reason": line["reason"], "last_day": line["last_day"]} for line in lines],
        "repeat_of": {"order_id": repeat["order_id"], "order_number": repeat["order_number"],
                      "technician": repeat.get("technician")} if repeat else None}


def _decision_item(order, existing: CoverageDecision | None) -> CoverageDecision:
    if existing is not None:
        return existing  # rewritten under its version (PynamoDB's condition)
    decision = CoverageDecision(order_id=order.id, lines=[], exclusions=[])
    decision.pk, decision.sk = keys.order_pk(order.id), "COVERAGE"
    return decision


def _save(ctx: hooks.ActionContext, decision: CoverageDecision, unit: Equipment | None,
          lines: list[dict]) -> hooks.Writes:
    order = ctx.subject
    before = order.coverage
    order.coverage = rules.summary(lines, order.coverage)
    decision.unit_id, decision.lines = (unit.id if unit else None), lines
    # the exclusions the unit's terms name (the page offers only these)
    decision.exclusions_offered = (unit.terms or {}).get("exclusions") if unit else None
    decision.decided_at, decision.decided_by = ctx.at, ctx.actor.username
    _note(ctx, lines, before)
    return hooks.Writes([(decision, None)])


# ---------------------------------------------------------------- intake

def _check_intake(ctx: hooks.ActionContext) -> None:
    components = ctx.data.get("components") or []
    if components and not ctx.subject.equipment_id:
        raise ValidationFailed(fields={"equipment_id": ("required_with_components", {})})
    _check_dates(components, ctx.now, ctx.subject.outlet, "components.")


def _decide_at_intake(ctx: hooks.ActionContext) -> hooks.Writes | None:
    """The unit read in one query; a unit without terms and without named components keeps
    the coverage entered by hand (no decision)."""
    order = ctx.subject
    if not order.equipment_id:
        return None
    unit, _events, records = store.unit_with_items(order.customer_id, order.equipment_id)
    components = ctx.data.get("components") or []
    if unit is None or (unit.terms is None and not components):
        return None
    if unit.terms is None:
        claims = rules.claims_of(components, ctx.now.date())
    else:
        claims = rules.claims_of(components, _fault_day(order.fault_started_at, ctx.now,
                                                         order.outlet))
    lines = decide_for(unit, records, claims, [], order.type, order.outlet, order.created_at,
                       order_id=order.id)
    return _save(ctx, _decision_item(order, None), unit, lines)


# ---------------------------------------------------------------- the coverage actions

def _evidence(ctx: hooks.ActionContext) -> Attachment | None:
    wanted = ctx.data.get("attachment_id")
    return next((a for a in ctx.collection.of(Attachment) if a.id == wanted
                 and a.evidence_kind in EVIDENCE_KINDS and a.status == "verified"), None)


def _check_action(ctx: hooks.ActionContext) -> None:
    decision = ctx.collection.one(CoverageDecision)
    recorded = {e["key"] for e in (decision.exclusions if decision else [])}
    if ctx.action == "set_components":
        if not ctx.subject.equipment_id:
            raise NoUnit()
        _check_dates(ctx.data["components"], ctx.now, ctx.subject.outlet, "data.components.")
    elif ctx.action == "record_exclusion":
        if _evidence(ctx) is None:
            raise ValidationFailed(fields={"data.attachment_id": ("not_evidence", {})})
        if ctx.data["exclusion"] in recorded:
            raise ExclusionRecorded()
    elif ctx.action == "remove_exclusion":
        if ctx.data["exclusion"] not in recorded:
            raise ExclusionNotRecorded()
    elif ctx.action == "override_coverage":
        if decision is None or ctx.data["line"] >= len(decision.lines):
            raise ValidationFailed(fields={"data.line": ("no_such_line", {})})


def _claims_now(order, decision: CoverageDecision | None, unit: Equipment | None) -> list:
    """The order's claims as decided so far; an order recorded before decisions existed asks
    about the whole machine (when its unit has terms)."""
    if decision is not None and decision.lines:
        return rules.claims_from_lines(decision.lines)
    if unit is None or unit.terms is None:
        return []
    return rules.claims_of([], _fault_day(order.fault_started_at,
                                          keys.parse_iso(order.created_at), order.outlet))


def _decide_again(ctx: hooks.ActionContext) -> hooks.Writes:
    """Re-decide every line from the unit as it is now (one query) and the decision's
    exclusions and overrides, after this action changed them."""
    order = ctx.subject
    decision = _decision_item(order, ctx.collection.one(CoverageDecision))
    unit, records = None, []
    if order.equipment_id:
        unit, _events, records = store.unit_with_items(order.customer_id, order.equipment_id)
    exclusions = list(decision.exclusions or [])
    overrides = rules.overrides_of(decision.lines or [])
    who = {"by": ctx.actor.username, "by_name": directory.actor_name(ctx.actor), "at": ctx.at}
    if ctx.action == "set_components":
        claims = rules.claims_of(ctx.data["components"], _fault_day(
            order.fault_started_at, keys.parse_iso(order.created_at), order.outlet))
        overrides = {}  # other lines now: a manager decides them again if need be
    else:
        claims = _claims_now(order, decision, unit)
    if ctx.action == "record_exclusion":
        offered = (unit.terms or {}).get("exclusions") if unit is not None else None
        if offered is not None and ctx.data["exclusion"] not in offered:
            # the unit's terms name the exclusions that apply to it (its model's template)
            raise ValidationFailed(fields={"data.exclusion": ("enum", {
                "choices": ", ".join(offered)})})
        exclusions.append({"key": ctx.data["exclusion"], "note": ctx.data.get("note"),
                           "attachment_id": ctx.data["attachment_id"], **who})
    elif ctx.action == "remove_exclusion":
        exclusions = [e for e in exclusions if e["key"] != ctx.data["exclusion"]]
    elif ctx.action == "override_coverage":
        overrides[ctx.data["line"]] = {"result": ctx.data["result"],
                                       "reason": ctx.data["reason"], **who}
    decision.exclusions = exclusions
    lines = [] if unit is None else decide_for(unit, records, claims, exclusions, order.type,
                                               order.outlet, order.created_at, overrides,
                                               order.id)
    return _save(ctx, decision, unit, lines)


# ---------------------------------------------------------------- acceptance: the service record

def _parts(completion: dict) -> str | None:
    parts = completion.get("parts_replaced") or []
    return "、".join(f"{p['name']} ×{p['quantity']}" for p in parts) or None


def _service_record(ctx: hooks.ActionContext) -> hooks.Writes | None:
    """The unit's service record line (保修卡: date, cause, solution, parts, technician, order),
    written with the acceptance."""
    order = ctx.subject
    if not order.equipment_id:
        return None
    decision = ctx.collection.one(CoverageDecision)
    completion = (order.steps or {}).get("completion") or {}
    record = ServiceRecord(
        customer_id=order.customer_id, unit_id=order.equipment_id, order_id=order.id,
        order_number=order.number, accepted_at=ctx.at,
        components=rules.record_components(decision.lines if decision else []),
        fault_cause=completion.get("fault_cause"), solution=completion.get("solution"),
        parts=_parts(completion), technician=order.technician,
        technician_name=order.technician_name, coverage=order.coverage)
    store.index_service_record(record)
    return hooks.Writes([(record, Item.pk.does_not_exist())])


# ---------------------------------------------------------------- views

def line_view(line: dict, lang: str) -> dict:
    return {**line, "explanation": explain(line, lang)}


def decision_view(decision: CoverageDecision | None, lang: str) -> dict | None:
    if decision is None:
        return None
    return {"unit_id": decision.unit_id,
            "lines": [line_view(line, lang) for line in decision.lines or []],
            "exclusions": list(decision.exclusions or []),
            "exclusions_offered": decision.exclusions_offered, "decided_at": decision.decided_at,
            "decided_by": decision.decided_by, "version": int(decision.version or 0)}


def _detail(actor, order, items) -> dict:
    return {"coverage_decision": decision_view(items.one(CoverageDecision), reader_language())}


def repeat_decided(data: dict) -> dict | None:
    """What the figures count as a repeat repair of an order whose coverage was decided (the
    decision's rule: the same component within 30 days of an acceptance); None when nothing
    was decided (the figures' own rule applies)."""
    noted = data.get(NOTE)
    if not noted or not noted.get("lines"):
        return None
    repeat = noted.get("repeat_of")
    return {"repeat_of": repeat["order_number"], "repeat_technician": repeat.get("technician")} \
        if repeat else {}


# ---------------------------------------------------------------- preview (the intake form)

def preview(actor: Actor, body: dict) -> dict:
    """What intake will decide for the unit and the named components (one query)."""
    unit, _events, records = store.unit_with_items(body["customer_id"], body["equipment_id"])
    if unit is None or unit.outlet != actor.outlet:
        raise NotFound()
    components = body.get("components") or []
    now = keys.utc_now()
    _check_dates(components, now, unit.outlet, "components.")
    if unit.terms is None and not components:
        return {"lines": [], "coverage": None, "has_terms": False}
    claims = rules.claims_of(components, _fault_day(body.get("fault_started_at"), now,
                                                     unit.outlet))
    lines = decide_for(unit, records, claims, [], body.get("type"), unit.outlet, keys.iso(now))
    lang = reader_language()
    return {"lines": [line_view(line, lang) for line in lines],
            "coverage": rules.summary(lines, "unknown") if lines else None,
            "has_terms": unit.terms is not None}


def _recorded(order, collection) -> list[dict]:
    decision = collection.one(CoverageDecision)
    return list(decision.exclusions or []) if decision is not None else []


def _lines(order, collection) -> list[dict]:
    decision = collection.one(CoverageDecision)
    return list(decision.lines or []) if decision is not None else []


_OFFERED = {
    "set_components": lambda order, collection: bool(order.equipment_id),
    "record_exclusion": lambda order, collection: bool(order.equipment_id),
    "remove_exclusion": lambda order, collection: bool(_recorded(order, collection)),
    "override_coverage": lambda order, collection: bool(_lines(order, collection)),
}


def register() -> None:
    hooks.on(orders.KIND, ["create"], area=AREA, check=_check_intake, apply=_decide_at_intake)
    hooks.on(orders.KIND, COVERAGE_ACTIONS, area=AREA, check=_check_action, apply=_decide_again)
    # offered on the page only where they can do something: a unit to decide from, an exclusion
    # to remove, a line to override
    for action, offered in _OFFERED.items():
        hooks.on(orders.KIND, [action], area=AREA, offered_in=offered)
    hooks.on(orders.KIND, ["accept"], area=AREA, record=_service_record)
    hooks.contribute(orders.KIND, area=AREA, detail=_detail)
