"""One DynamoDB table, several item kinds told apart by a discriminator (see docs/data-model.md).

Key layout (pk / sk), one item collection per aggregate:
  OUTLET#<code>        / OUTLET                       outlet
  STAFF#<username>     / STAFF                        staff directory entry
  CUST#<id>            / CUSTOMER | SITE#<id> | EQUIP#<id> | EVENT#<at>#<id>
  ORDER#<id>           / ORDER | EVENT#<at>#<id>      order and its timeline
  COUNTER#<outlet>#<yyyymmdd> / COUNTER               order-number counter
  IDEM#<username>#<key> / IDEM                        idempotency record (expires)
  KEY#<purpose>        / KEY                          a key the app made for itself
The GSIs are overloaded; each model documents what it puts in them.
"""

from __future__ import annotations

from pynamodb.attributes import (
    DiscriminatorAttribute,
    NumberAttribute,
    UnicodeAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.kernel.config import settings


def _meta(**extra):
    cfg = settings()
    attrs = {"table_name": cfg.table_name, "region": cfg.region}
    if cfg.endpoint_url:
        attrs["host"] = cfg.endpoint_url
    attrs.update(extra)
    return type("Meta", (), attrs)


def _index(number: int) -> type[GlobalSecondaryIndex]:
    """Index class for the overloaded GSI `gsi<number>` (keys gsi<n>pk / gsi<n>sk)."""
    namespace = {
        "Meta": _meta(index_name=f"gsi{number}", projection=AllProjection()),
        f"gsi{number}pk": UnicodeAttribute(hash_key=True),
        f"gsi{number}sk": UnicodeAttribute(range_key=True),
    }
    return type(f"Gsi{number}", (GlobalSecondaryIndex,), namespace)


class Item(Model):
    """Base of every item in the main table."""

    Meta = _meta()
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = DiscriminatorAttribute()
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    gsi3pk = UnicodeAttribute(null=True)
    gsi3sk = UnicodeAttribute(null=True)
    gsi4pk = UnicodeAttribute(null=True)
    gsi4sk = UnicodeAttribute(null=True)
    gsi5pk = UnicodeAttribute(null=True)
    gsi5sk = UnicodeAttribute(null=True)
    gsi6pk = UnicodeAttribute(null=True)
    gsi6sk = UnicodeAttribute(null=True)
    gsi7pk = UnicodeAttribute(null=True)
    gsi7sk = UnicodeAttribute(null=True)
    gsi1 = _index(1)()
    gsi2 = _index(2)()
    gsi3 = _index(3)()
    gsi4 = _index(4)()
    gsi5 = _index(5)()
    gsi6 = _index(6)()
    gsi7 = _index(7)()


class AppKey(Item, discriminator="app_key"):
    """A key the app generates once for itself: KEY#<purpose> / KEY (e.g. the cursor key).
    Only the app's role writes the table: users can neither read nor set it."""

    secret = UnicodeAttribute()  # hex
    created_at = UnicodeAttribute()


class IdempotencyRecord(Item, discriminator="idempotency"):
    """The first result of a request made with an Idempotency-Key (kept 24 h)."""

    request_hash = UnicodeAttribute()
    resource = UnicodeAttribute()  # "work_order" | "customer"
    resource_id = UnicodeAttribute()
    expires_at = NumberAttribute()

