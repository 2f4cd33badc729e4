"""The conduct ledger (奖惩台账): each person's penalties and rewards by month, which the
technicians' appraisal reads. A complaint's penalty decision writes its entry in the complaint's
own transaction (`entry_write`); a manager of the person's outlet or head office enters a reward
(a valuable suggestion) or a penalty by hand. Entries are immutable: each records who entered it
and when, and is the audit trail of itself.

A person's record: their month's entries with the totals, and the complaints about them; read by
the person themself, the managers of their outlet and head office (anyone else: 404).
"""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel import idempotency
from chalicelib.kernel.actor import HEAD_OFFICE, Actor
from chalicelib.kernel.errors import Forbidden, IdempotencyConflict, NotFound, ValidationFailed
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.validation import parse_month
from chalicelib.modules.conduct import keys
from chalicelib.modules.conduct.models import ConductEntry
from chalicelib.modules.conduct.vocabulary import KINDS
from chalicelib.modules.directory import public as directory

RESOURCE = "conduct_entry"  # what an Idempotency-Key of the ledger's POST names
COMPLAINTS_SHOWN = 50


# ---------------------------------------------------------------- writing

def entry_write(person, kind: str, amount_fen: int, reason: str, source: dict, by: Actor,
                at: datetime, penalty_kind: str | None = None) -> tuple[ConductEntry, object]:
    """A ledger entry for `person` (a directory Staff) as a transaction entry of the caller's
    transaction: written only if absent (never overwritten), in the month `at` falls in at the
    person's outlet."""
    if kind not in KINDS:
        raise ValueError(f"conduct kind {kind!r}")
    stamp = kernel_keys.iso(at)
    entry = ConductEntry(
        id=kernel_keys.new_id("cd"), username=person.username, name=person.name,
        outlet=person.outlet, month=directory.local_month(person.outlet, at), entry_kind=kind,
        penalty_kind=penalty_kind if kind == "penalty" else None,
        amount_fen=int(amount_fen or 0), reason=reason, source=dict(source),
        by=by.username, by_name=directory.actor_name(by), at=stamp)
    keys.index(entry)
    return entry, ConductEntry.pk.does_not_exist()


# ---------------------------------------------------------------- reading

def entries(username: str, month: str) -> list[ConductEntry]:
    """A person's entries of a month, oldest first (one query of their partition)."""
    return list(ConductEntry.query(keys.person_pk(username),
                                   ConductEntry.sk.startswith(keys.month_prefix(month)),
                                   consistent_read=True))


def outlet_month(outlet: str, month: str) -> list[ConductEntry]:
    """Every entry of an outlet's month, by person then time (one index query)."""
    return [e for e in ConductEntry.gsi1.query(keys.outlet_month_pk(outlet, month))
            if isinstance(e, ConductEntry)]


def totals(found: list[ConductEntry]) -> dict:
    return {"penalty_fen": sum(int(e.amount_fen) for e in found if e.entry_kind == "penalty"),
            "reward_fen": sum(int(e.amount_fen) for e in found if e.entry_kind == "reward")}


def entry_view(entry: ConductEntry) -> dict:
    source = entry.source or {}
    return {"id": entry.id, "username": entry.username, "name": entry.name,
            "outlet": entry.outlet, "month": entry.month, "kind": entry.entry_kind,
            "penalty_kind": entry.penalty_kind, "amount_fen": int(entry.amount_fen),
            "reason": entry.reason,
            "source": {"kind": source.get("kind") or "manual", "id": source.get("id"),
                       "number": source.get("number")},
            "by": entry.by, "by_name": entry.by_name, "at": entry.at}


def _reads(actor: Actor, person) -> bool:
    """The person themself, the managers of their outlet, head office."""
    return (actor.username == person.username or actor.role == HEAD_OFFICE
            or (actor.role == "manager" and actor.outlet == person.outlet))


def _person(actor: Actor, username: str):
    """The person the path names, if the caller may read their record (else 404: whether they
    exist stays hidden)."""
    person = directory.staff(username)
    if person is None or not _reads(actor, person):
        raise NotFound()
    return person


def _month(params: dict, person) -> str:
    if not params.get("month"):
        return directory.local_month(person.outlet, kernel_keys.utc_now())
    month = parse_month(params["month"])
    if month is None:
        raise ValidationFailed(fields={"month": ("format_month", {})})
    return month


def record(actor: Actor, username: str, params: dict) -> dict:
    """A person's record (个人奖惩记录): their month's ledger with totals, and the complaints about
    them, newest first (each whole only to who may open it; drafts from return visits only to
    their readers)."""
    from chalicelib.modules.complaints import public as complaints

    person = _person(actor, username)
    month = _month(params, person)
    found = entries(person.username, month)
    about = complaints.about_staff(actor, person.username, COMPLAINTS_SHOWN)
    return {"person": {"username": person.username, "name": person.name,
                       "outlet": person.outlet, "role": person.role},
            "month": month, "entries": [entry_view(e) for e in found],
            "totals": totals(found), "complaints": about}


# ---------------------------------------------------------------- entering by hand

def _problems(body: dict) -> dict:
    """A reward or a money penalty needs an amount of at least 1 fen; a penalty needs its kind;
    a penalty that is not money (a warning, a demerit) carries no amount."""
    from chalicelib.modules.complaints import public as complaints

    problems: dict = {}
    amount = body.get("amount_fen")
    if body["kind"] == "reward":
        if body.get("penalty_kind"):
            problems["penalty_kind"] = ("conduct_reward_has_no_kind", {})
        if not amount:
            problems["amount_fen"] = ("conduct_amount_required", {})
    else:
        kind = body.get("penalty_kind")
        if not kind:
            problems["penalty_kind"] = ("required", {})
        elif kind not in complaints.PENALTY_KINDS:
            problems["penalty_kind"] = ("enum", {"choices": ", ".join(complaints.PENALTY_KINDS)})
        elif complaints.amount_problem(kind, amount):  # one rule with the complaints' penalties
            problems["amount_fen"] = (complaints.amount_problem(kind, amount), {})
    return problems


def _earlier(username: str, sort_key: str) -> dict:
    try:
        return entry_view(ConductEntry.get(keys.person_pk(username), sort_key,
                                           consistent_read=True))
    except DoesNotExist:
        raise NotFound() from None


def add(actor: Actor, username: str, body: dict, idempotency_key: str | None = None) -> dict:
    """A manager of the person's outlet, or head office, enters a reward or a penalty by hand;
    nobody enters one in their own ledger. A retried request with the same Idempotency-Key
    answers the first entry and writes nothing."""
    person = _person(actor, username)
    if actor.username == person.username or actor.role not in ("manager", HEAD_OFFICE):
        raise Forbidden()
    if person.role in ("manager", HEAD_OFFICE) and actor.role != HEAD_OFFICE:
        raise Forbidden()  # a manager's (or head office's) ledger is head office's to write
    first = idempotency.earlier(actor, idempotency_key, body)
    if first is not None:
        return _earlier(person.username, first)
    problems = _problems(body)
    if problems:
        raise ValidationFailed(fields=problems)
    entry, condition = entry_write(
        person, body["kind"], int(body.get("amount_fen") or 0), body["reason"],
        {"kind": "manual", "id": None, "number": None}, actor, kernel_keys.utc_now(),
        penalty_kind=body.get("penalty_kind"))
    idem = idempotency.new_record(actor, idempotency_key, body, RESOURCE, entry.sk)
    try:
        transact([(entry, condition),
                  *([(idem, idem.__class__.pk.does_not_exist())] if idem is not None else [])])
    except VersionConflict:
        if idem is None:
            raise
        first = idempotency.earlier(actor, idempotency_key, body)  # a parallel retry won
        if first is not None:
            return _earlier(person.username, first)
        raise IdempotencyConflict() from None
    return entry_view(entry)
