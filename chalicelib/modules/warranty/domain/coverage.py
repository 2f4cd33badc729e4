"""The coverage decision (保修判定), line by line: which failed component of a unit is repaired
under warranty, for a charge or under contract, and why (seed 003 三包 第一、四、五条; 001 §9 3.2,
§17 4.2.1.2 and 6.2.2).

A line is one failed component (or the whole machine) with its failure date. In order of
precedence:
  - an order of type consultation is phone guidance: free (phone_guidance);
  - a manager's override decides (override; the rule's own result is kept beside it);
  - an active contract covering the unit decides (contract; the contracts area's hook);
  - a fault on the same component within REPAIR_WARRANTY_DAYS after an accepted repair is
    free, even after the term (repair_warranty, 003 三包 第一条), and is a repeat repair;
  - without a start basis date the result is unknown (no_start_date);
  - else the component's group term: in term up to its last covered day (in_term), paid after
    it (out_of_term).
A recorded exclusion (003 三包 第五条) turns what would be free by the warranty (in term, a
repair warranty, an unknown term) into paid (excluded). A unit registered without terms
decides nothing (no_terms, unknown).

Pure: no I/O; dates are calendar days on the outlet's wall clock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from chalicelib.modules.warranty.domain.terms import (
    WHOLE,
    group_of,
    last_covered_day,
    normal_component,
)

REPAIR_WARRANTY_DAYS = 30  # 003 三包 第一条: a repair holds 30 days; also the repeat-repair window
RESULTS = ("warranty", "paid", "contract", "unknown")
OVERRIDE_RESULTS = ("warranty", "paid", "contract")
FREE = ("warranty", "contract")
MAX_LINES = 20
START_FIELDS = {"invoice": "invoice_date", "delivery": "delivered_on",
                "installation": "installed_on"}
CONSULTATION = "consultation"


@dataclass(frozen=True)
class Claim:
    """One failed component (None: the whole machine) and the day it failed."""

    component: str | None
    failure_date: date


@dataclass(frozen=True)
class Repair:
    """An accepted repair of the unit (a line of its service record)."""

    order_id: str
    order_number: str
    accepted_at: str  # ISO time, as recorded
    accepted_on: date  # its day on the outlet's wall clock
    components: tuple[str, ...]  # () or the whole group's name: the whole machine
    technician: str | None = None


ContractLookup = Callable[[Claim], dict | None]


def start_date(unit: dict, basis: str) -> date | None:
    """The unit's date the term counts from (its invoice, delivery or installation day)."""
    value = unit.get(START_FIELDS.get(basis, ""))
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _key(component: str | None, whole_name: str) -> str:
    return normal_component(component or whole_name)


def _previous_repair(claim: Claim, repairs: Iterable[Repair], whole_name: str,
                     order_id: str | None, as_of: str | None) -> Repair | None:
    """The latest repair of the same component (the whole machine matches a repair of the
    whole machine) accepted within REPAIR_WARRANTY_DAYS before the failure (day 30 included)
    and before the order was recorded (`as_of`, ISO)."""
    wanted = _key(claim.component, whole_name)
    found = None
    for repair in repairs:
        if repair.order_id == order_id or (as_of is not None and repair.accepted_at > as_of):
            continue
        names = {_key(c, whole_name) for c in repair.components} or {_key(None, whole_name)}
        days = (claim.failure_date - repair.accepted_on).days
        if wanted in names and 0 <= days <= REPAIR_WARRANTY_DAYS and \
                (found is None or repair.accepted_at > found.accepted_at):
            found = repair
    return found


def decide_line(claim: Claim, *, terms: dict | None, unit: dict, exclusions: list[dict],
                repairs: Iterable[Repair] = (), order_type: str | None = None,
                contract: ContractLookup | None = None, override: dict | None = None,
                order_id: str | None = None, as_of: str | None = None) -> dict:
    """One line of the decision (without its explanation, composed for each reader)."""
    line: dict = {"component": claim.component, "failure_date": claim.failure_date.isoformat(),
                  "group_code": None, "group_name": None, "months": None, "start_basis": None,
                  "start": None, "last_day": None, "exclusion": None, "repeat_of": None,
                  "override": None, "contract": None}
    if terms is None:
        result, reason = "unknown", "no_terms"
    else:
        group = group_of(terms["groups"], claim.component)
        basis = terms.get("start_basis")
        start = start_date(unit, basis)
        last = last_covered_day(start, int(group["months"])) if start else None
        line.update(group_code=group["code"], group_name=group["name"],
                    months=int(group["months"]), start_basis=basis,
                    start=start.isoformat() if start else None,
                    last_day=last.isoformat() if last else None)
        whole = next(g["name"] for g in terms["groups"] if g["code"] == WHOLE)
        previous = _previous_repair(claim, repairs, whole, order_id, as_of)
        if previous is not None:
            line["repeat_of"] = {"order_id": previous.order_id,
                                 "order_number": previous.order_number,
                                 "accepted_at": previous.accepted_at,
                                 "accepted_on": previous.accepted_on.isoformat(),
                                 "technician": previous.technician}
        found = contract(claim) if contract else None
        if found is not None:
            result, reason = "contract", "contract"
            line["contract"] = found
        elif previous is not None:
            result, reason = "warranty", "repair_warranty"
        elif last is None:
            result, reason = "unknown", "no_start_date"
        elif claim.failure_date <= last:
            result, reason = "warranty", "in_term"
        else:
            result, reason = "paid", "out_of_term"
        if exclusions and reason in ("in_term", "repair_warranty", "no_start_date"):
            result, reason = "paid", "excluded"
            line["exclusion"] = exclusions[0]["key"]
    if order_type == CONSULTATION:
        result, reason = "warranty", "phone_guidance"
    line["rule"] = {"result": result, "reason": reason}
    if override is not None:
        line["override"] = dict(override)
        result, reason = override["result"], "override"
    line.update(result=result, reason=reason)
    return line


def decide(claims: list[Claim], *, terms: dict | None, unit: dict, exclusions: list[dict],
           repairs: Iterable[Repair] = (), order_type: str | None = None,
           contract: ContractLookup | None = None, overrides: dict[int, dict] | None = None,
           order_id: str | None = None, as_of: str | None = None) -> list[dict]:
    """Every line, in the order the components were named."""
    repairs = list(repairs)
    return [decide_line(claim, terms=terms, unit=unit, exclusions=exclusions, repairs=repairs,
                        order_type=order_type, contract=contract,
                        override=(overrides or {}).get(i), order_id=order_id, as_of=as_of)
            for i, claim in enumerate(claims)]


def summary(lines: list[dict], fallback: str) -> str:
    """The order's coverage from its lines: all free by warranty → warranty, all under
    contract → contract, free and contract → contract, all paid → paid, paid beside free →
    mixed (部分有偿); a line not yet decidable → unknown; no lines → `fallback` (as entered)."""
    results = {line["result"] for line in lines}
    if not results:
        return fallback
    if "unknown" in results:
        return "unknown"
    if results == {"paid"}:
        return "paid"
    if "paid" in results:
        return "mixed"
    return "contract" if "contract" in results else "warranty"


def claims_of(components: list[dict], whole_day: date) -> list[Claim]:
    """The lines an order asks about: each named component on its failure date, or (none
    named) the whole machine on `whole_day`."""
    if not components:
        return [Claim(None, whole_day)]
    return [Claim(c.get("component") or None, date.fromisoformat(c["failure_date"]))
            for c in components]


def claims_from_lines(lines: list[dict]) -> list[Claim]:
    return [Claim(line["component"], date.fromisoformat(line["failure_date"])) for line in lines]


def overrides_of(lines: list[dict]) -> dict[int, dict]:
    return {i: line["override"] for i, line in enumerate(lines) if line.get("override")}


def repeat_in(lines: list[dict]) -> dict | None:
    """The accepted repair this order repeats (the first line that repeats one), or None."""
    return next((line["repeat_of"] for line in lines if line.get("repeat_of")), None)


def record_components(lines: list[dict]) -> list[str]:
    """What the service record names as repaired: the lines' components, the whole machine by
    its group's name."""
    names: list[str] = []
    for line in lines:
        name = line["component"] or line.get("group_name")
        if name and name not in names:
            names.append(name)
    return names
