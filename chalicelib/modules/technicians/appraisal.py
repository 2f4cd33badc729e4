"""The monthly appraisal (月度考核, docs/technicians.md "Monthly appraisal"): per technician of
an outlet's month, computed from that month's facts only, through the areas' public modules —
the figures' per-technician aggregation of the KPI facts (KPI#<outlet>#<month>: completed, on
time per clock, satisfaction, repeat repairs, the allowance base), the complaint facts
(CMPFACT#<outlet>#<month>, valid ones per `staff`) and the conduct ledger's outlet-month (gsi1
OUTLET#<outlet>#CONDUCT#<month>). No order is read again and nothing is scanned.

A month is open until a manager of the outlet (or head office) signs it, once it has ended:
an open month is computed whenever it is read; the sign-off freezes the rows as they were shown
(the digest the signer saw) in an Appraisal item. After that the month reads as signed.

Late events: once a month has ended only its complaints can still change (judged later; every
other fact is dated when it is recorded, domain/appraisal.py LATE_FIELD). An open month lists
`adjustments`: for each signed month of the 12 before it, per technician, how the valid
complaints the complaint facts say now differ from what the last sign-off counted for that
month. Each sign-off stores what it counted (`counted`: its own month and the signed months of
its window), so a late change is counted once, in the first month signed after it, however
many months back it lies. Reading an open month costs its own facts, one query of the outlet's
sign-offs and one small query of complaint facts per signed month of the window."""

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
from chalicelib.modules.technicians.appraisal_models import (
    HEAD,
    Appraisal,
    AppraisalHead,
    appraisal_pk,
)
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
    for them alone: their row of the figures' aggregation over the KPI facts that count for
    them (their index entries, not the outlet-month's partition), the month's complaint facts
    and their own ledger lines (not the whole outlet's ledger)."""
    mine = figures.technician_month(person.outlet, person.username, month)
    figure_rows = [mine] if mine is not None else []
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


def _window(month: str) -> str:
    """The first month a sign-off of `month` (or its open reading) looks back to."""
    first = month
    for _ in range(rules.LOOKBACK_MONTHS):
        first = figures.previous_month(first)
    return first


def signed_since(outlet: str, first: str) -> list[Appraisal]:
    """The outlet's sign-offs of `first` and every month after it (one query)."""
    return [a for a in Appraisal.query(appraisal_pk(outlet), Appraisal.sk.between(first, "9999"),
                                       consistent_read=True) if isinstance(a, Appraisal)]


def _head(outlet: str) -> AppraisalHead:
    """The outlet's sign-off head as stored (a new one when none was signed)."""
    found = [h for h in AppraisalHead.query(appraisal_pk(outlet), AppraisalHead.sk == HEAD,
                                            consistent_read=True)
             if isinstance(h, AppraisalHead)]
    return found[0] if found else AppraisalHead(outlet=outlet).place()


def _names(users: set[str], known: dict[str, str]) -> dict[str, str]:
    names = dict(known)
    for user in users - set(names):
        person = directory.staff(user)
        names[user] = person.name if person is not None else user
    return names


def _technicians(users: set[str], known: set[str]) -> set[str]:
    """Of `users` (named by complaint facts), the technicians: the ones a sign-off counted, and
    anyone else whose directory entry says technician (a complaint about an agent is not
    appraised here)."""
    found = users & known
    for user in users - known:
        person = directory.staff(user)
        if person is not None and person.role == "technician":
            found.add(user)
    return found


def _late(outlet: str, month: str) -> tuple[list[dict], dict[str, dict[str, int]]]:
    """The late changes to the signed months before `month` (within the window) and what the
    complaint facts count for each of them now."""
    docs = signed_since(outlet, _window(month))
    earlier = sorted(d.month for d in docs if d.month < month)
    if not earlier:
        return [], {}
    baseline = rules.baselines([{"month": d.month, "signed_at": d.signed_at,
                                 "rows": d.document["rows"],
                                 "counted": d.document.get("counted")} for d in docs])
    known_names = {r["username"]: r["name"] for d in docs for r in d.document["rows"]}
    changes: list[dict] = []
    now_counted: dict[str, dict[str, int]] = {}
    for signed_month in earlier:
        before = baseline.get(signed_month, {})
        valid = complaints.valid_by_staff(outlet, signed_month)
        now = {u: valid[u] for u in _technicians(set(valid), set(before) | set(known_names))}
        now_counted[signed_month] = now
        changes += rules.late_changes(signed_month, before, now,
                                      _names(set(now) | set(before), known_names))
    return changes, now_counted


def _open(outlet: str, month: str) -> dict:
    """An open month: its rows now and the late changes to the signed months before it."""
    rows = compute(outlet, month)
    adjustments, now_counted = _late(outlet, month)
    return {"rows": rows, "adjustments": adjustments,
            "digest": rules.digest(rows, adjustments),
            "counted": {**now_counted, month: rules.counted(rows)}}


def month_view(outlet: str, month: str, now: datetime | None = None) -> dict:
    """The appraisal of an outlet's month: as signed, else computed now."""
    now = now or kernel_keys.utc_now()
    base = {"outlet": outlet, "outlet_name": directory.outlet_name(outlet),
            "month": month, "ended": ended(outlet, month, now)}
    item = stored(outlet, month)
    if item is not None:
        doc = item.document
        return {**base, "state": "signed", "version": int(item.version), "digest": doc["digest"],
                "computed_at": item.signed_at, "signed_by": item.signed_by,
                "signed_by_name": item.signed_by_name, "signed_at": item.signed_at,
                "rows": doc["rows"], "adjustments": doc.get("adjustments") or []}
    current = _open(outlet, month)
    return {**base, "state": "open", "version": 0, "computed_at": kernel_keys.iso(now),
            "signed_by": None, "signed_by_name": None, "signed_at": None,
            "rows": current["rows"], "adjustments": current["adjustments"],
            "digest": current["digest"]}


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
    head = _head(outlet)  # read before the figures: a sign-off meanwhile moves it
    current = _open(outlet, month)
    if current["digest"] != body["digest"]:
        raise Changed()
    item = Appraisal(outlet=outlet, month=month, document=current, signed_by=actor.username,
                     signed_by_name=directory.actor_name(actor), signed_at=kernel_keys.iso(now))
    item.place()
    head.month, head.signed_at = month, item.signed_at
    try:
        transact([(item, Appraisal.pk.does_not_exist()), (head, None)])
    except VersionConflict:
        # this month signed meanwhile, or another month of the outlet (its baselines moved)
        raise (AlreadySigned() if stored(outlet, month) is not None else Changed()) from None
    # the outlet's report of the month shows it signed: rebuilt if made (the network's is
    # rebuilt once, by the monthly report's run on the 5th, after the sign-offs due by the 4th)
    figures.rebuild_monthly_reports(month, [outlet])
    return month_view(outlet, month, now)
