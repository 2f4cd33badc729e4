"""Star level changes (星级调整): only a manager of the person's outlet or head office, never
one's own, resting on an exam or an appraisal; the history item and the Staff item's
star_level written in one transaction, on the staff version the changer saw. The history item
is the audit trail (from, to, reference, reason, who, when). docs/technicians.md."""

from __future__ import annotations

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, StaleVersion, ValidationFailed
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.modules.directory import public as directory
from chalicelib.modules.technicians import keys
from chalicelib.modules.technicians.certificates import blank, person_to_manage
from chalicelib.modules.technicians.models import StarChange
from chalicelib.modules.technicians.people_errors import OwnStars


def history(username: str) -> list[StarChange]:
    """A person's star changes, newest first (one key query of their TECH# collection)."""
    return list(StarChange.query(keys.person_pk(username),
                                 StarChange.sk.startswith(keys.STAR_PREFIX),
                                 scan_index_forward=False, consistent_read=True))


def view(change: StarChange) -> dict:
    return {"id": change.id, "from": int(change.from_level) if change.from_level else None,
            "to": int(change.to_level),
            "reference": {"kind": change.reference.get("kind"), "ref": change.reference.get("ref")},
            "reason": change.reason, "by": change.by, "by_name": change.by_name, "at": change.at}


def change(actor: Actor, username: str, body: dict) -> None:
    """Set a technician's star level (409 when their directory entry changed since it was
    read: its version is the file's `version`)."""
    if actor.username == username:
        raise OwnStars()
    directory.forget(username)  # the level changed from: as stored now, not as cached
    person = person_to_manage(actor, username)
    problems = blank({"reason": body["reason"], "reference.ref": body["reference"]["ref"]})
    if problems:
        raise ValidationFailed(fields=problems)
    seen = int(body["version"])
    if int(person.version) != seen:
        raise StaleVersion()
    if person.star_level is not None and int(person.star_level) == int(body["to"]):
        raise ValidationFailed(fields={"to": ("same_star_level", {})})
    entry = directory.star_level_entry(person.username, int(body["to"]), seen)
    if entry is None:
        raise NotFound()
    record = StarChange(
        id=kernel_keys.new_id("star"), username=person.username, outlet=person.outlet,
        from_level=person.star_level, to_level=int(body["to"]),
        reference={"kind": body["reference"]["kind"], "ref": body["reference"]["ref"].strip()},
        reason=body["reason"].strip(), by=actor.username, by_name=directory.actor_name(actor),
        at=kernel_keys.iso(kernel_keys.utc_now()))
    keys.index_star_change(record)
    try:
        transact([entry, (record, StarChange.pk.does_not_exist())])
    except VersionConflict:
        raise StaleVersion() from None
    finally:
        directory.forget(username)
