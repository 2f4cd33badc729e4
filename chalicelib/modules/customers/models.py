"""The customers area's items in the one table (see chalicelib/kernel/store/models.py)."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute, VersionAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class Customer(Item, discriminator="customer"):
    """客户档案. gsi1: OUTLET#<o>#CUSTNAME / <name>#<id>; gsi2: OUTLET#<o>#CUSTPHONE / <phone>#<id>."""

    id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    name = UnicodeAttribute()
    phone = UnicodeAttribute()
    contact_name = UnicodeAttribute(null=True)
    address = UnicodeAttribute(null=True)
    region = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    version = VersionAttribute()


class Site(Item, discriminator="site"):
    """项目/现场, in the customer's collection."""

    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    name = UnicodeAttribute()
    address = UnicodeAttribute(null=True)
    lat = NumberAttribute(null=True)
    lng = NumberAttribute(null=True)
    distance_km = NumberAttribute(null=True)
    version = VersionAttribute()


class CustomerEvent(Item, discriminator="customer_event"):
    """An immutable audit entry in a customer's collection (created, site or equipment added)."""

    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    at = UnicodeAttribute()
    action = UnicodeAttribute()
    actor_username = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)
