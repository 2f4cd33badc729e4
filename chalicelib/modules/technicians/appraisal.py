"""The monthly appraisal (月度考核, docs/technicians.md "Monthly appraisal"): per technician of
an outlet's month, computed from that month's facts only, through the areas' public modules —
the figures' per-technician aggregation of the KPI facts (KPI#<outlet>#<month>: completed, on
time per clock, satisfaction, repeat repairs, the allowance base), the complaint facts
(CMPFACT#<outlet>#<month>, valid ones per `staff`) and the conduct ledger's outlet-month (gsi1
OUTLET#<outlet>#CONDUCT#<month>). No order is read again and nothing is scanned.

A month is open until a manager of the outlet (or head office) signs it, once it has ended:
an open month is computed whenever it is read; the sign-off freezes the rows as they were shown
(the digest the signer saw) in an Appraisal item. After that the month reads as signed, and the
next month's appraisal lists `adjustments`: per technician, what differs between the signed
rows and the month recomputed now (a complaint judged valid later, say), so a late event of a
signed month is counted in the next month."""

from __future__ import annotations

from datetime import datetime

from chalicelib.kernel.access import outlet_scope
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import InvalidTransition, NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.validation import parse_month
from chalicelib.modules.complaints import public as complaints
from chalicelib.modules.conduct import public as conduct
from chalicelib.modules.directory import public as directory
from chalicelib.modules.figures import public as figures
from chalicelib.modules.technicians.appraisal_models import Appraisal, appraisal_pk
from chalicelib.modules.technicians.domain import appraisal as rules


class MonthOpen(InvalidTransition):
    """A month is signed once it has ended at the outlet (409)."""

    code = "appraisal_month_open"


class AlreadySigned(InvalidTransition):
    """A month is signed once (409)."""

    code = "appraisal_signed"


class Changed(InvalidTransition):
    """The figures changed since the signer read them (409: read again)."""

    code = "appraisal_changed"


# ---------------------------------------------------------------- computing a month

def _line(entry) -> dict:
    """A ledger entry as the appraisal's rules read it."""
    return {"username": entry.username, "kind": entry.entry_kind,
            "amount_fen": int(entry.amount_fen)}


def _ledger(outlet: str, month: str) -> list[dict]:
    return [_line(e) for e in conduct.outlet_month(outlet, month)]


def _people(outlet: str, leads: list[str], others: set[str]) -> dict[str, str]:
    """Who the month lists: the outlet's active technicians, whoever led an order of the month
    there, and technicians with a valid complaint or a ledger entry of the outlet's month (an
    agent's complaint or a manager's ledger entry is not appraised here)."""
    people = {p.username: p.name for p in directory.outlet_staff(outlet, "technician")
              if p.active}
    for username in leads:
        if username not in people:
            person = directory.staff(username)
            people[username] = person.name if person is not None else username
    for username in sorted(others - set(people)):
        person = directory.staff(username)
        if person is not None and person.role == "technician":
            people[username] = person.name
    return people


def compute(outlet: str, month: str) -> list[dict]:
    """An outlet's month, one row per technician, from the month's facts as they are now."""
    figure_rows = figures.technicians_of_month(outlet, month)
    valid = complaints.valid_by_staff(outlet, month)
    ledger = _ledger(outlet, month)
    people = _people(outlet, [r["username"] for r in figure_rows],
                     set(valid) | {e["username"] for e in ledger})
    return rules.rows(people, figure_rows, valid, ledger)


def person_month(person, month: str) -> dict:
    """One technician's row of their outlet's month so far (their file): the same computation,
    for them alone: the outlet-month's KPI facts (as the dashboard reads them), the month's
    complaint facts and their own ledger lines (not the whole outlet's ledger)."""
    figure_rows = figures.technicians_of_month(person.outlet, month)
    valid = complaints.valid_by_staff(person.outlet, month)
    ledger = [_line(e) for e in conduct.entries(person.username, month)
              if e.outlet == person.outlet]
    return rules.rows({person.username: person.name}, figure_rows, valid, ledger)[0]


def stored(outlet: str, month: str) -> Appraisal | None:
    found = list(Appraisal.query(appraisal_pk(outlet), Appraisal.sk == month,
                                 consistent_read=True))
    return found[0] if found and isinstance(found[0], Appraisal) else None


def ended(outlet: str, month: str, now: datetime) -> bool:
    """The month is over at the outlet (its local time)."""
    return month < directory.local_month(outlet, now)


def _open(outlet: str, month: str) -> dict:
    """An open month: its rows now, and the previous month's adjustments when that one is
    signed (the previous month recomputed against its frozen rows)."""
    rows = compute(outlet, month)
    before = figures.previous_month(month)
    signed = stored(outlet, before)
    adjustments = (rules.adjustments(before, signed.document["rows"], compute(outlet, before))
                   if signed is not None else [])
    return {"rows": rows, "adjustments": adjustments,
            "adjustments_month": before if signed is not None else None,
            "digest": rules.digest(rows, adjustments)}


def month_view(outlet: str, month: str, now: datetime | None = None) -> dict:
    """The appraisal of an outlet's month: as signed, else computed now."""
    now = now or kernel_keys.utc_now()
    home = directory.outlet(outlet)
    base = {"outlet": outlet, "outlet_name": home.name if home is not None else outlet,
            "month": month, "ended": ended(outlet, month, now)}
    item = stored(outlet, month)
    if item is not None:
        doc = item.document
        return {**base, "state": "signed", "version": int(item.version), "digest": doc["digest"],
                "computed_at": item.signed_at, "signed_by": item.signed_by,
                "signed_by_name": item.signed_by_name, "signed_at": item.signed_at,
                "rows": doc["rows"], "adjustments_month": doc.get("adjustments_month"),
                "adjustments": doc.get("adjustments") or []}
    return {**base, "state": "open", "version": 0, "computed_at": kernel_keys.iso(now),
            "signed_by": None, "signed_by_name": None, "signed_at": None,
            **_open(outlet, month)}


# ---------------------------------------------------------------- the API

def _outlet(actor: Actor, requested: str | None) -> str:
    """A manager: their outlet (another: 404); head office: the one named (required)."""
    code = outlet_scope(actor, requested)
    home = directory.outlet(code)
    if home is None or home.is_head_office:
        raise NotFound()
    return home.code


def _month(value: object) -> str:
    month = parse_month(value)
    if month is None:
        raise ValidationFailed(fields={"month": ("format_month", {})})
    return month


def read(actor: Actor, params: dict) -> dict:
    """GET /api/technicians/appraisals: an outlet's month (default: this month so far)."""
    outlet = _outlet(actor, params.get("outlet"))
    now = kernel_keys.utc_now()
    month = (_month(params["month"]) if params.get("month")
             else directory.local_month(outlet, now))
    return month_view(outlet, month, now)


def sign(actor: Actor, body: dict) -> dict:
    """Sign an ended month off as the signer saw it (its version and digest): the rows are
    frozen as they are now, once (a second sign-off: 409 appraisal_signed)."""
    outlet = _outlet(actor, body["outlet"])
    month = _month(body["month"])
    now = kernel_keys.utc_now()
    if not ended(outlet, month, now):
        raise MonthOpen()
    if stored(outlet, month) is not None:
        raise AlreadySigned()
    if int(body["version"]) != 0:
        raise StaleVersion()
    current = _open(outlet, month)
    if current["digest"] != body["digest"]:
        raise Changed()
    item = Appraisal(outlet=outlet, month=month, document=current, signed_by=actor.username,
                     signed_by_name=directory.actor_name(actor), signed_at=kernel_keys.iso(now))
    item.place()
    try:
        transact([(item, Appraisal.pk.does_not_exist())])
    except VersionConflict:
        raise AlreadySigned() from None
    return month_view(outlet, month, now)
