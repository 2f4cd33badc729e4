"""Who may see what: the outlet boundary, checked on the object itself.

Head office reads every outlet; everyone else reads only their own outlet; a technician reads
only the orders they are assigned to (as technician or helper). An object outside the boundary
is reported as not found, so its existence is not revealed.
"""

from __future__ import annotations

from chalicelib.kernel.errors import Forbidden, NotFound, ValidationFailed
from chalicelib.modules.orders.lifecycle import Actor


def may_read_outlet(actor: Actor, outlet: str) -> bool:
    return actor.role == "head_office" or actor.outlet == outlet


def ensure_outlet(actor: Actor, outlet: str) -> None:
    if not may_read_outlet(actor, outlet):
        raise NotFound()


def ensure_order_readable(actor: Actor, order) -> None:
    ensure_outlet(actor, order.outlet)
    if actor.role == "technician" and actor.username not in assignees(order):
        raise NotFound()


def assignees(order) -> set[str]:
    people = set(order.helpers or [])
    if order.technician:
        people.add(order.technician)
    return people


def require_role(actor: Actor, *roles: str) -> None:
    if actor.role not in roles:
        raise Forbidden()


def outlet_scope(actor: Actor, requested: str | None) -> str:
    """The one outlet a list reads: one's own, or (head office) the one asked for."""
    if actor.role == "head_office":
        if not requested:
            raise ValidationFailed(fields={"outlet": ("required", {})})
        return requested
    if requested and requested != actor.outlet:
        raise NotFound()
    return actor.outlet
