"""Who may see what: the outlet boundary, checked on the object itself.

Head office reads every outlet; everyone else reads only their own outlet (a technician, in
addition, only the orders they are assigned to: chalicelib/modules/orders/access.py). An object
outside the boundary is reported as not found, so its existence is not revealed. Which role may
call which route is the permission table's (chalicelib/kernel/registry.py), enforced by
`http.endpoint`.
"""

from __future__ import annotations

from chalicelib.kernel import registry
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import NotFound, ValidationFailed

# The permission of reading (and choosing) every outlet: head office's, in the directory
# area's part of the permission table.
ALL_OUTLETS = "directory.all_outlets"


def sees_all_outlets(actor: Actor) -> bool:
    return registry.permitted(actor.role, ALL_OUTLETS)


def may_read_outlet(actor: Actor, outlet: str) -> bool:
    return sees_all_outlets(actor) or actor.outlet == outlet


def ensure_outlet(actor: Actor, outlet: str) -> None:
    if not may_read_outlet(actor, outlet):
        raise NotFound()


def outlet_scope(actor: Actor, requested: str | None) -> str:
    """The one outlet a list reads: one's own, or (head office) the one asked for."""
    if sees_all_outlets(actor):
        if not requested:
            raise ValidationFailed(fields={"outlet": ("required", {})})
        return requested
    if requested and requested != actor.outlet:
        raise NotFound()
    return actor.outlet
