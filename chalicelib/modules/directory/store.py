"""Outlets and the staff directory (who works where, in which role)."""

from __future__ import annotations

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import cancelled_at, connection
from chalicelib.kernel.store.errors import VersionConflict
from chalicelib.kernel.store.models import Item
from chalicelib.modules.directory.models import Outlet, Staff, StaffEvent


def save_outlet(outlet: Outlet) -> None:
    outlet.pk, outlet.sk = keys.outlet_pk(outlet.code), "OUTLET"
    outlet.gsi1pk, outlet.gsi1sk = "OUTLETS", outlet.code
    outlet.save()


def save_staff(staff: Staff) -> None:
    staff.pk, staff.sk = keys.staff_pk(staff.username), "STAFF"
    staff.gsi1pk, staff.gsi1sk = f"OUTLET#{staff.outlet}#STAFF", f"{staff.role}#{staff.username}"
    staff.save()


def get_outlet(code: str) -> Outlet | None:
    try:
        return Outlet.get(keys.outlet_pk(code), "OUTLET")
    except DoesNotExist:
        return None


def list_outlets() -> list[Outlet]:
    return [o for o in Item.gsi1.query("OUTLETS") if isinstance(o, Outlet)]


def get_staff(username: str) -> Staff | None:
    try:
        return Staff.get(keys.staff_pk(username), "STAFF")
    except DoesNotExist:
        return None


def list_staff(outlet: str, role: str | None = None) -> list[Staff]:
    sort_key = type(Item.gsi1).gsi1sk
    condition = sort_key.startswith(f"{role}#") if role else None
    return [s for s in Item.gsi1.query(f"OUTLET#{outlet}#STAFF", range_key_condition=condition)
            if isinstance(s, Staff)]


def set_staff_mfa(username: str, mfa: str) -> bool:
    """Record the staff member's second factor ("totp" | "none") on their item when it differs,
    under the item's version like any change (one retry when someone else changed the item
    meanwhile). True when it was written; False when it was so already or there is no item."""
    for _attempt in range(2):
        person = get_staff(username)
        if person is None or person.mfa == mfa:
            return False
        try:
            person.update(actions=[Staff.mfa.set(mfa)])
        except UpdateError as exc:
            if exc.cause_response_code != "ConditionalCheckFailedException":
                raise
            continue
        return True
    return False


def save_preferences(person: Staff, changes: dict, event: StaffEvent) -> None:
    """Set the member's notice preferences (`changes`: attribute -> value) only if their item is
    still at the version read, with the audit event, in one transaction. VersionConflict when
    the item changed meanwhile (nothing written)."""
    event.pk, event.sk = keys.staff_pk(event.username), f"EVENT#{event.at}#{event.id}"
    actions = [getattr(Staff, name).set(value) for name, value in changes.items()]
    try:
        with TransactWrite(connection=connection()) as tx:
            tx.update(person, actions=actions)  # PynamoDB adds `version = <read version>`, +1
            tx.save(event, condition=Item.pk.does_not_exist())
    except TransactWriteError as error:
        if cancelled_at(error, 0):
            raise VersionConflict(person.username) from None
        raise
    for name, value in changes.items():
        setattr(person, name, value)
