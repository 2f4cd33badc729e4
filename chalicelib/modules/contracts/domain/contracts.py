"""The rules of a maintenance contract (维护合同), pure: what a valid contract is, which units it
covers, its contract years and their call-outs, its states and what each allows, and the
overlap of two contracts on a unit (docs/contracts.md)."""

from __future__ import annotations

import json
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

STATES = ("draft", "active", "ended", "terminated", "superseded")
EDITABLE = ("draft", "active")  # PUT
CREATE_STATES = ("draft", "active")
SCHEDULE_KINDS = ("monthly", "quarterly", "half_yearly", "yearly")
PERIOD_MONTHS = {"monthly": 1, "quarterly": 3, "half_yearly": 6, "yearly": 12}
PER = ("site", "unit")
REMIND_MONTHS = 3  # the expiry reminder: this many months before ends_on (reminder_job.py)
# the order types that take one of the contract's included call-outs (an inspection is the
# contract's own visit; installation, support and phone guidance are no call-out)
CALLOUT_TYPES = ("repair", "maintenance")
SERVICE_LEVEL_CLOCKS = {"response_minutes": "response", "arrival_minutes": "arrival"}
MAX_SITES, MAX_UNITS = 50, 200
MAX_AREAS, MAX_ITEMS = 20, 50
# the checklist as stored (UTF-8 JSON without spaces) at most: the contract item, and each
# inspection order's copy of it, stay far below DynamoDB's 400 KB an item
MAX_CHECKLIST_BYTES = 32 * 1024


def parse(day: str | None) -> date | None:
    return date.fromisoformat(day) if day else None


def add_months(day: date, months: int) -> date:
    """The same day `months` later (earlier when negative), the month's last day when it has
    no such day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def remind_on(ends_on: str) -> str:
    """The day the expiry reminder is due: REMIND_MONTHS before the last covered day
    (2026-12-31 → 2026-09-30)."""
    return add_months(date.fromisoformat(ends_on), -REMIND_MONTHS).isoformat()


# ---------------------------------------------------------------- validation

def problems(fields: dict) -> dict[str, tuple[str, dict]]:
    """What makes the contract's own fields inconsistent (the schema checked their shapes),
    by field: ends_on after starts_on, a free period at price 0, the schedule's day and month
    offset, the checklist within MAX_CHECKLIST_BYTES, no duplicate site or unit."""
    found: dict[str, tuple[str, dict]] = {}
    starts, ends = parse(fields.get("starts_on")), parse(fields.get("ends_on"))
    if starts and ends and ends <= starts:
        found["ends_on"] = ("after_starts_on", {})
    if fields.get("free_period") and int(fields.get("price_fen") or 0) != 0:
        found["price_fen"] = ("free_period_price", {})
    schedule = fields.get("schedule") or {}
    kind = schedule.get("kind")
    if kind in PERIOD_MONTHS:
        offset = int(schedule.get("month_offset") or 0)
        if not 0 <= offset < PERIOD_MONTHS[kind]:
            found["schedule.month_offset"] = ("range", {"min": 0, "max": PERIOD_MONTHS[kind] - 1})
    if checklist_bytes(fields.get("checklist")) > MAX_CHECKLIST_BYTES:
        found["checklist"] = ("checklist_too_large", {"limit_kb": MAX_CHECKLIST_BYTES // 1024})
    for name in ("sites", "units"):
        seen: set[str] = set()
        for i, value in enumerate(fields.get(name) or []):
            if value in seen:
                found[f"{name}.{i}"] = ("duplicate", {})
            seen.add(value)
    return found


def checklist_bytes(checklist) -> int:
    """The checklist's size as stored (UTF-8 JSON without spaces: a Chinese character is 3
    bytes)."""
    return len(json.dumps(checklist or [], ensure_ascii=False, separators=(",", ":"))
               .encode("utf-8"))


def coverage_problems(sites: list[str], units: list[str], customer_sites: dict[str, object],
                      customer_units: dict[str, object], unit_site) -> dict[str, tuple[str, dict]]:
    """Sites and units that are not the customer's, or a unit at none of the covered sites
    (`unit_site(unit) -> site id | None`)."""
    found: dict[str, tuple[str, dict]] = {}
    for i, site in enumerate(sites):
        if site not in customer_sites:
            found[f"sites.{i}"] = ("not_of_customer", {})
    for i, unit_id in enumerate(units):
        unit = customer_units.get(unit_id)
        if unit is None:
            found[f"units.{i}"] = ("not_of_customer", {})
        elif unit_site(unit) not in sites:
            found[f"units.{i}"] = ("not_at_covered_site", {})
    return found


# ---------------------------------------------------------------- coverage

def covers(contract, unit_id: str, site_id: str | None) -> bool:
    """Whether the contract covers the unit (at its site): a named unit, or any unit at a
    covered site when it names none."""
    units = list(contract.units or [])
    if units:
        return unit_id in units
    return site_id is not None and site_id in list(contract.sites or [])


def in_period(contract, day: date) -> bool:
    return parse(contract.starts_on) <= day <= parse(contract.ends_on)


def entitles(contract, unit_id: str, site_id: str | None, day: date) -> bool:
    """An active contract whose period holds the day, covering the unit."""
    return contract.state == "active" and in_period(contract, day) and covers(
        contract, unit_id, site_id)


def covered_units(contract_units: list[str], sites: list[str],
                  customer_units: Iterable[tuple[str, str | None]]) -> set[str]:
    """The unit ids a contract covers among the customer's units ((id, site id) pairs)."""
    if contract_units:
        return set(contract_units)
    return {unit_id for unit_id, site in customer_units if site in sites}


def shared_sites(mine: list[str], theirs: list[str]) -> tuple[int, str] | None:
    """The first of `mine` (its index, its id) that `theirs` also covers: two site-wide
    contracts over one site overlap even before a unit is registered there."""
    return next(((i, site) for i, site in enumerate(mine) if site in set(theirs)), None)


def overlaps(a_from: str, a_to: str, b_from: str, b_to: str) -> bool:
    return a_from <= b_to and b_from <= a_to


# ---------------------------------------------------------------- contract years, call-outs

@dataclass(frozen=True)
class ContractYear:
    year_from: str
    year_to: str


def contract_year(starts_on: str, ends_on: str, day: date) -> ContractYear:
    """The contract year holding `day`: from starts_on's anniversary to the day before the
    next one (the last one ends with the contract)."""
    start, end = date.fromisoformat(starts_on), date.fromisoformat(ends_on)
    years = max(0, day.year - start.year - (1 if (day.month, day.day) < (start.month, start.day)
                                             else 0))
    year_from = add_months(start, 12 * years)
    if year_from > day:  # 29 Feb anniversaries
        years -= 1
        year_from = add_months(start, 12 * years)
    year_to = min(add_months(start, 12 * (years + 1)) - timedelta(days=1), end)
    return ContractYear(year_from.isoformat(), year_to.isoformat())


def callouts(included: int, used: int, year: ContractYear) -> dict:
    return {"year_from": year.year_from, "year_to": year.year_to, "included": included,
            "used": used, "remaining": max(0, included - used)}


def exceeds(included: int, used: int) -> bool:
    """The call-out about to be counted is past the included ones (0 included: every one)."""
    return used >= included


# ---------------------------------------------------------------- what may be done

def shown_state(contract, today: date) -> str:
    """The state the API answers: a contract renewed by an active renewal stays `active`
    (stored: it covers and is inspected until its end) and is shown `superseded` once its
    ends_on has passed (computed on read: no job has to move it)."""
    if (contract.state == "active" and contract.renewed_by and contract.renewal_active
            and parse(contract.ends_on) < today):
        return "superseded"
    return contract.state


def may(contract, writer: bool, state: str | None = None) -> dict:
    """The actions the reader may take on the contract now (the page's buttons; `state`: the
    shown one)."""
    state = state or contract.state
    return {"edit": writer and state in EDITABLE,
            "activate": writer and state == "draft",
            "renew": writer and state in ("active", "ended") and not contract.renewed_by,
            "terminate": writer and state in ("draft", "active")}
