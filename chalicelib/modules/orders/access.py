"""Who may see an order: its outlet (head office: every outlet), and of the technicians only
those assigned to it as technician or helper. Otherwise it is not found."""

from __future__ import annotations

from chalicelib.kernel.access import ensure_outlet
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound


def assignees(order) -> set[str]:
    people = set(order.helpers or [])
    if order.technician:
        people.add(order.technician)
    return people


def ensure_order_readable(actor: Actor, order) -> None:
    ensure_outlet(actor, order.outlet)
    if actor.role == "technician" and actor.username not in assignees(order):
        raise NotFound()


def may_read_order(actor: Actor, order) -> bool:
    try:
        ensure_order_readable(actor, order)
    except NotFound:
        return False
    return True
