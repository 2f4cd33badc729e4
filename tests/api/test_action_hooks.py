"""Action hooks: an area's hook may refuse a work order's action (the API's error envelope) or
add items to the action's one transaction; an action whose items would exceed DynamoDB's 100
per transaction is refused whole — nothing written, the hooks' side effects undone — never a
500 or half an action."""

from __future__ import annotations

import pytest

from chalicelib.kernel import hooks
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.store import keys
from chalicelib.kernel.store.base import MAX_TRANSACTION_ITEMS
from chalicelib.kernel.store.models import AppKey
from chalicelib.modules.orders import store as order_store

CORRECTION = {"distance_km": 12, "reason": "客户告知在南山区"}


@pytest.fixture
def extra_items():
    """A test-only hook on correct_distance that writes `count[0]` items of its own and notes
    its undo; unregistered afterwards."""
    state = {"count": 0, "written": [], "undone": 0}

    def record(ctx: hooks.ActionContext) -> hooks.Writes:
        items = [AppKey(f"TESTHOOK#{keys.new_id('k')}", "KEY", secret="00", created_at=ctx.at)
                 for _ in range(state["count"])]
        state["written"] = items
        return hooks.Writes([(item, AppKey.pk.does_not_exist()) for item in items],
                            undo=[lambda: state.__setitem__("undone", state["undone"] + 1)])

    hook = hooks.on("work_order", ["correct_distance"], area="tests", record=record)
    yield state
    hooks.off(hook)


def _exists(item: AppKey) -> bool:
    return AppKey.count(item.pk) > 0


def test_items_up_to_the_limit_are_written_with_the_action_and_beyond_it_nothing_is(
        api, new_order, extra_items, monkeypatch):
    sizes = []
    real_save = order_store.save_transition
    monkeypatch.setattr(order_store, "save_transition", lambda order, event, read, extra=():
                        sizes.append(2 + len(extra)) or real_save(order, event, read, extra))
    order = new_order()
    first = api.act(order, "correct_distance", "sz_agent", CORRECTION)
    assert first.status == 200
    others = sizes[-1]  # the order, its event and the other areas' items (its clock watches)

    extra_items["count"] = MAX_TRANSACTION_ITEMS - others  # exactly DynamoDB's limit
    at_limit = api.act(first.body, "correct_distance", "sz_agent", CORRECTION)
    assert at_limit.status == 200 and sizes[-1] == MAX_TRANSACTION_ITEMS
    assert all(_exists(item) for item in extra_items["written"][:3])
    assert extra_items["undone"] == 0

    extra_items["count"] += 1  # one more than one transaction holds
    beyond = api.act(at_limit.body, "correct_distance", "sz_agent", CORRECTION)
    assert beyond.status == 409 and beyond.error["code"] == "too_many_changes"
    assert not any(_exists(item) for item in extra_items["written"][:3])
    assert extra_items["undone"] == 1  # what the hooks did outside DynamoDB is taken back
    now = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert now["version"] == at_limit.body["version"]
    assert len(now["events"]) == len(at_limit.body["events"])


def test_a_hook_may_refuse_an_action_with_the_error_envelope(api, new_order):
    def refuse(ctx: hooks.ActionContext) -> None:
        raise ValidationFailed(fields={"data.reason": ("not_accepted", {})})

    hook = hooks.on("work_order", ["correct_distance"], area="tests", check=refuse)
    try:
        order = new_order()
        reply = api.act(order, "correct_distance", "sz_agent", CORRECTION)
    finally:
        hooks.off(hook)
    assert reply.status == 400 and "data.reason" in reply.error["fields"]
    again = api.get(f"/api/work-orders/{order['id']}", "sz_agent").body
    assert again["version"] == order["version"] and again["distance_km"] is None
