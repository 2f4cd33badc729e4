"""Versioned documents: a table an office keeps as one JSON document (head office's job-class
table, the complaint settings), replaced whole, checked against the version the editor saw,
every version kept as it was saved (the audit trail).

One partition per document: `<pk> / <sk>` is the document now (with its PynamoDB version),
`<pk> / V#<n>` (zero-padded) each saved version, written in the same transaction as the
document, only if absent. Version 0 is "never saved": the owner's defaults.

The items are the kernel's `Document` and `DocumentChange`; an area that kept its own models
before this helper existed (complaints) passes them (`models=`), with the same attributes.
"""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute
from pynamodb.exceptions import DoesNotExist

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import StaleVersion
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.base import transact
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import Item


class Document(Item, discriminator="document"):
    """A versioned document now: <pk> / <sk> (the owner's keys)."""

    document = Utf8JSONAttribute()
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class DocumentChange(Item, discriminator="document_change"):
    """One saved version of a document, as saved: <pk> / V#<n>."""

    document = Utf8JSONAttribute()
    version = NumberAttribute()
    by = UnicodeAttribute()
    by_name = UnicodeAttribute(null=True)
    at = UnicodeAttribute()


MODELS = (Document, DocumentChange)


def change_sk(version: int) -> str:
    return f"V#{version:08d}"


def read(pk: str, sk: str, default: dict, *, models: tuple[type, type] = MODELS
         ) -> tuple[dict, int]:
    """The document and its version (one consistent GetItem); `default` at version 0."""
    try:
        item = models[0].get(pk, sk, consistent_read=True)
    except DoesNotExist:
        return default, 0
    return item.document, int(item.version)


def save(actor: Actor, pk: str, sk: str, document: dict, seen: int, *, by_name: str | None = None,
         models: tuple[type, type] = MODELS) -> int:
    """Replace the document if it is still at the version `seen` (0: never saved), with the
    change item of the new version, in one transaction; returns the new version. Someone
    else's save since (or at the same time) is 409 `stale_version`."""
    model, change_model = models
    at = keys.iso(keys.utc_now())
    item = model(pk, sk, document=document, updated_by=actor.username, updated_at=at)
    if seen:
        item.version = seen  # PynamoDB writes only if still at the version seen
    change = change_model(pk, change_sk(seen + 1), document=document, version=seen + 1,
                          by=actor.username, by_name=by_name, at=at)
    try:
        transact([(item, None if seen else model.pk.does_not_exist()),
                  (change, change_model.pk.does_not_exist())])
    except VersionConflict:
        raise StaleVersion() from None
    return seen + 1


def history(pk: str, *, models: tuple[type, type] = MODELS, limit: int = 50) -> list:
    """The saved versions, newest first (one query of the document's partition)."""
    change_model = models[1]
    return list(change_model.query(pk, change_model.sk.startswith("V#"), scan_index_forward=False,
                                   limit=limit))
