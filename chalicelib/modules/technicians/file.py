"""An outlet's technicians and a technician's file (技术员档案): stars with their history,
certificates with their status today, and this month's figures so far — from the KPI facts
(the figures' own per-technician aggregation), the complaints judged valid and the conduct
ledger, through their public modules (no order is read again). docs/technicians.md."""

from __future__ import annotations

from chalicelib.kernel.access import outlet_scope
from chalicelib.kernel.actor import HEAD_OFFICE, Actor
from chalicelib.kernel.errors import Forbidden, NotFound
from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.directory import public as directory
from chalicelib.modules.technicians import certificates, stars


def _reads(actor: Actor, person) -> bool:
    """The person themself, the managers of their outlet, head office."""
    return (actor.username == person.username or actor.role == HEAD_OFFICE
            or (actor.role == "manager" and actor.outlet == person.outlet))


def month_figures(person, month: str | None = None) -> dict:
    """A technician's month (default: this month so far at their outlet): their row of the
    monthly appraisal, computed the same way (appraisal.person_month, one source)."""
    from chalicelib.modules.technicians import appraisal

    month = month or directory.local_month(person.outlet, kernel_keys.utc_now())
    row = appraisal.person_month(person, month)
    return {"month": month, **{k: row[k] for k in (
        "completed", "on_time_rate", "satisfaction", "valid_complaints", "penalties_fen",
        "rewards_fen")}}


def technician_file(actor: Actor, username: str, lang: str = "zh") -> dict:
    """The person themself, their outlet's managers and head office (anyone else: 404)."""
    directory.forget(username)  # the version a star change needs: as stored now
    person = directory.staff(username)
    if person is None or person.role != "technician" or not _reads(actor, person):
        raise NotFound()
    return {"username": person.username, "name": person.name, "outlet": person.outlet,
            "role": person.role, "star_level": _level(person), "version": int(person.version),
            "stars_history": [stars.view(c) for c in stars.history(person.username)],
            "certificates": certificates.views(person.username, person.outlet, lang,
                                               links=True),
            "month": month_figures(person), **_trainings(person.username, lang)}


def _trainings(username: str, lang: str) -> dict:
    """trainings and retakes_pending (training.py: one query of their TECH# collection)."""
    from chalicelib.modules.technicians import training

    return training.of_person(username, lang)


def _level(person) -> int | None:
    return int(person.star_level) if person.star_level is not None else None


def listing(actor: Actor, params: dict, lang: str = "zh") -> dict:
    """An outlet's technicians with their stars and certificates (a manager: their outlet;
    head office: the outlet asked for). One directory query, then one query of each person's
    TECH# collection (an outlet has some twenty)."""
    if actor.role not in ("manager", HEAD_OFFICE):
        raise Forbidden()
    outlet = outlet_scope(actor, params.get("outlet"))
    found = directory.outlet(outlet)
    if found is None or found.is_head_office:
        raise NotFound()
    viewer = certificates.Viewer(outlet, lang)
    items = []
    for person in sorted(directory.staff_now(outlet, "technician"), key=lambda p: p.username):
        if not person.active:
            continue
        views = [viewer.view(c) for c in sorted(certificates.held(person.username),
                                                key=lambda c: (c.valid_to, c.id))]
        items.append({"username": person.username, "name": person.name, "outlet": outlet,
                      "star_level": _level(person), "certificates": views,
                      "expiring": sum(v["status"] == "expiring" for v in views),
                      "expired": sum(v["status"] == "expired" for v in views)})
    return {"outlet": outlet, "items": items}
