"""The directory area's items in the one table (see chalicelib/kernel/store/models.py)."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class Outlet(Item, discriminator="outlet"):
    """服务网点. gsi1: OUTLETS / <code> (the list of outlets)."""

    code = UnicodeAttribute()
    name = UnicodeAttribute()
    name_en = UnicodeAttribute()
    city = UnicodeAttribute()
    lat = NumberAttribute(null=True)
    lng = NumberAttribute(null=True)
    timezone = UnicodeAttribute(default="Asia/Shanghai")
    is_head_office = BooleanAttribute(default=False)
    number_prefix = UnicodeAttribute()
    work_start = UnicodeAttribute(null=True)  # working hours (wall clock in `timezone`), "08:30"
    work_end = UnicodeAttribute(null=True)
    # how customers reach the outlet: printed in the service report's header
    phone = UnicodeAttribute(null=True)
    address = UnicodeAttribute(null=True)
    version = VersionAttribute()


class Staff(Item, discriminator="staff"):
    """A staff member. gsi1: OUTLET#<o>#STAFF / <role>#<username> (staff of an outlet by role)."""

    username = UnicodeAttribute()
    name = UnicodeAttribute()
    role = UnicodeAttribute()
    outlet = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    star_level = NumberAttribute(null=True)
    active = BooleanAttribute(default=True)
    # The second factor as Cognito last said (written by the API at sign-in, refresh and TOTP
    # set-up): "totp" | "none"; null until first known, which counts as "none".
    mfa = UnicodeAttribute(null=True)
    # How the member wants work notices (PATCH /api/me/preferences, only by themselves): in the
    # app always; by e-mail unless `notify_email` is false (null: never chosen, counts as on);
    # in `language` ("zh" | "en"; null counts as "zh").
    notify_email = BooleanAttribute(null=True)
    language = UnicodeAttribute(null=True)
    version = VersionAttribute()


class StaffEvent(Item, discriminator="staff_event"):
    """An immutable audit entry of a staff member's own changes (their notice preferences):
    STAFF#<username> / EVENT#<at>#<id>, beside the staff item."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    at = UnicodeAttribute()
    action = UnicodeAttribute()
    actor_username = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)  # {"before": {...}, "after": {...}}
