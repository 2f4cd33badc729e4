"""One DynamoDB table, several item kinds told apart by a discriminator (see docs/data-model.md).

Key layout (pk / sk), one item collection per aggregate:
  OUTLET#<code>        / OUTLET                       outlet
  STAFF#<username>     / STAFF                        staff directory entry
  CUST#<id>            / CUSTOMER | SITE#<id> | EQUIP#<id> | EVENT#<at>#<id>
  ORDER#<id>           / ORDER | EVENT#<at>#<id>      order and its timeline
  COUNTER#<outlet>#<yyyymmdd> / COUNTER               order-number counter
  IDEM#<username>#<key> / IDEM                        idempotency record (expires)
  KEY#<purpose>        / KEY                          a key the app made for itself
The GSIs gsi1..gsi7 are overloaded; each model documents what it puts in them. The work orders
have their own, orders1..orders7 (infra/resources.py ORDER_INDEXES).
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


def _index(name: str, hash_key: str, range_key: str) -> type[GlobalSecondaryIndex]:
    """Index class for the GSI `name` (its projection is infra/resources.py's: the models only
    query it, and read what an entry carries)."""
    namespace = {
        "Meta": _meta(index_name=name, projection=AllProjection()),
        hash_key: UnicodeAttribute(hash_key=True),
        range_key: UnicodeAttribute(range_key=True),
    }
    return type(name.capitalize(), (GlobalSecondaryIndex,), namespace)


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
    gsi1 = _index("gsi1", "gsi1pk", "gsi1sk")()
    gsi2 = _index("gsi2", "gsi2pk", "gsi2sk")()
    gsi3 = _index("gsi3", "gsi3pk", "gsi3sk")()
    gsi4 = _index("gsi4", "gsi4pk", "gsi4sk")()
    gsi5 = _index("gsi5", "gsi5pk", "gsi5sk")()
    gsi6 = _index("gsi6", "gsi6pk", "gsi6sk")()
    gsi7 = _index("gsi7", "gsi7pk", "gsi7sk")()
    # the work orders' own indexes (infra/resources.py ORDER_INDEXES; orders/store.py): the five
    # sorted by the order's stamp <created_at>#<id> (1 by date, 2 by state, 4 a customer's, 5 a
    # unit's, 7 the network's) share one sort key, `osk`, so an order carries that value once
    o1pk = UnicodeAttribute(null=True)
    o2pk = UnicodeAttribute(null=True)
    o3pk = UnicodeAttribute(null=True)
    o3sk = UnicodeAttribute(null=True)
    o4pk = UnicodeAttribute(null=True)
    o5pk = UnicodeAttribute(null=True)
    o6pk = UnicodeAttribute(null=True)
    o6sk = UnicodeAttribute(null=True)
    o7pk = UnicodeAttribute(null=True)
    osk = UnicodeAttribute(null=True)
    orders1 = _index("orders1", "o1pk", "osk")()
    orders2 = _index("orders2", "o2pk", "osk")()
    orders3 = _index("orders3", "o3pk", "o3sk")()
    orders4 = _index("orders4", "o4pk", "osk")()
    orders5 = _index("orders5", "o5pk", "osk")()
    orders6 = _index("orders6", "o6pk", "o6sk")()
    orders7 = _index("orders7", "o7pk", "osk")()


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

