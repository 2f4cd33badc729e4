"""The history a transfer or a stock count carries (its audit trail, in the item): who took
which step when, with their note; and what may be done with a transfer or a count by whom
(the permission table, on the object's outlet)."""

from __future__ import annotations

from chalicelib.kernel import registry
from chalicelib.kernel.actor import Actor
from chalicelib.modules.directory import public as directory


def note_text(value: str | None) -> str | None:
    """A note as kept: trimmed, None when empty."""
    return (value or "").strip() or None


def entry(actor: Actor, action: str, at: str, note: str | None) -> dict:
    return {"action": action, "by": actor.username, "by_name": directory.actor_name(actor),
            "at": at, "note": note}


def history_view(history: list | None) -> list[dict]:
    return [{"action": h["action"], "by": h["by"], "by_name": h.get("by_name"), "at": h["at"],
             "note": h.get("note")} for h in history or []]


def holds(actor: Actor, permission: str, outlet: str) -> bool:
    """The actor holds the permission and works at the outlet (its keeper, its manager)."""
    return registry.permitted(actor.role, permission) and actor.outlet == outlet


def step(model, item, actor: Actor, action: str, state: str, note: str | None,
         at: str) -> tuple[list, list]:
    """The update actions that take a transfer or a count to `state` with its history entry
    (applied on the version read: PynamoDB adds the condition and bumps it), and the history
    as it will be."""
    trail = [*(item.history or []), entry(actor, action, at, note)]
    return [model.state.set(state), model.history.set(trail), model.updated_at.set(at)], trail


def save_step(item, actions: list) -> None:
    """The step alone (no stock moves with it): a stale version is the user's 409."""
    from pynamodb.exceptions import UpdateError

    from chalicelib.kernel.errors import StaleVersion

    try:
        item.update(actions=actions)
    except UpdateError:
        raise StaleVersion() from None
