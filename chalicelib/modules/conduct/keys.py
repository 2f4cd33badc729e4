"""Every key and index entry of the conduct ledger, spelled once (docs/data-model.md)."""

from __future__ import annotations

from chalicelib.modules.conduct.models import ConductEntry


def person_pk(username: str) -> str:
    return f"CONDUCT#{username}"


def month_prefix(month: str) -> str:
    """The sort keys of a person's month begin with it."""
    return f"{month}#"


def outlet_month_pk(outlet: str, month: str) -> str:
    return f"OUTLET#{outlet}#CONDUCT#{month}"


def index(entry: ConductEntry) -> None:
    entry.pk = person_pk(entry.username)
    entry.sk = f"{month_prefix(entry.month)}{entry.at}#{entry.id}"
    entry.gsi1pk = outlet_month_pk(entry.outlet, entry.month)
    entry.gsi1sk = f"{entry.username}#{entry.at}#{entry.id}"
