"""Head office's job-class table (the rules: domain/job_classes.py): read by every staff member
(intake, dispatch, plans), replaced whole by head office against the version it saw; every
version kept as it was saved (kernel/store/documents.py: TECHSET#NETWORK / JOB_CLASSES and
V#<n>)."""

from __future__ import annotations

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import StaleVersion, ValidationFailed
from chalicelib.kernel.store import documents
from chalicelib.modules.directory import public as directory
from chalicelib.modules.technicians.domain import job_classes as table

PK, SK = "TECHSET#NETWORK", "JOB_CLASSES"


def settings_now() -> tuple[dict, int]:
    """The table and its version (0: the defaults, never saved); one consistent read."""
    document, version = documents.read(PK, SK, table.DEFAULT_SETTINGS)
    return table.with_defaults(document), version


current = settings_now  # (document, version): the name the people's side reads it by


def warn_days() -> int:
    """Days before its last valid day a certificate is listed as expiring (and its holder
    told)."""
    return int(settings_now()[0]["warn_days"])


def view(document: dict, version: int) -> dict:
    return {"settings": document, "version": version}


def settings_view(actor: Actor) -> dict:
    return view(*settings_now())


def save_settings(actor: Actor, body: dict) -> dict:
    """Head office replaces the table, checked against the version it saw (0: the defaults);
    a save by someone else since is 409 `stale_version`."""
    document, seen = table.with_defaults(body["settings"]), int(body["version"])
    problems = table.problems(document)
    if problems:
        raise ValidationFailed(fields=problems)
    if settings_now()[1] != seen:
        raise StaleVersion()
    version = documents.save(actor, PK, SK, document, seen, by_name=directory.actor_name(actor))
    return view(document, version)


def history(actor: Actor) -> dict:
    """Every saved version, newest first (the audit trail of the table)."""
    return {"items": [{"version": int(c.version), "settings": c.document, "by": c.by,
                       "by_name": c.by_name, "at": c.at} for c in documents.history(PK)]}


def unknown_class(settings: dict, code: str | None) -> bool:
    return code is not None and table.job_class(settings, code) is None
