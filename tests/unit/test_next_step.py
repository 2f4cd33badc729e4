"""The next step first: each open state names the action expected of it, which the order's page
shows as the primary button; destructive actions are never that step, corrections sit under
"more" (lifecycle.NEXT_ACTIONS and the action groups)."""

from __future__ import annotations

import pytest

from chalicelib.kernel.actor import Actor
from chalicelib.modules.orders.domain import lifecycle
from chalicelib.modules.orders.domain.lifecycle import ACTIONS, OPEN_STATES, TERMINAL_STATES

# Written out independently of lifecycle.py: the step each state waits for.
EXPECTED_NEXT = {
    "received": "dispatch", "dispatched": "contact", "contacted": "check_in",
    "on_site": "survey", "surveyed": "submit_plan", "plan_submitted": "approve_plan",
    "in_repair": "complete", "rework": "complete", "repaired": "accept",
    "accepted": "return_visit", "visited": "archive", "on_hold": "resume",
}


@pytest.mark.parametrize("state", OPEN_STATES)
def test_every_open_state_names_a_next_action_the_state_allows(state):
    names = lifecycle.NEXT_ACTIONS[state]
    assert names and names[0] == EXPECTED_NEXT[state]
    for name in names:
        assert state in ACTIONS[name].sources, (state, name)
        assert not ACTIONS[name].keeps_state  # a step moves the order on, a correction does not


def test_closed_orders_have_no_next_action():
    for state in TERMINAL_STATES:
        assert lifecycle.NEXT_ACTIONS.get(state, ()) == ()
        assert lifecycle.describe()["next_actions"][state] == []


def test_a_next_action_is_never_destructive_a_decision_or_under_more():
    for state, names in lifecycle.NEXT_ACTIONS.items():
        for name in names:
            assert lifecycle.action_group(name) == "step", (state, name)


def test_groups_cancel_is_destructive_decisions_and_corrections_are_apart():
    groups = {name: lifecycle.action_group(name) for name in ACTIONS}
    assert {n for n, g in groups.items() if g == "destructive"} == {"cancel"}
    assert {n for n, g in groups.items() if g == "decision"} == {"reject_plan", "object"}
    assert {n for n, g in groups.items() if g == "more"} == {
        "correct_distance", "correct_report", "extend_clock", "hold", "reassign"}
    # the warranty's: taken from its own panels of the page (coverage, quote)
    assert {n for n, g in groups.items() if g == "panel"} == {
        "set_components", "record_exclusion", "remove_exclusion", "override_coverage",
        "quote", "approve_quote", "confirm_quote", "refuse_quote", "release_quote"}
    assert set(groups.values()) <= set(lifecycle.ACTION_GROUPS)
    # every group name is one the table knows (no typo leaves an action in the wrong place)
    for group in (lifecycle.DECISIONS, lifecycle.MORE_ACTIONS, lifecycle.DESTRUCTIVE,
                  lifecycle.PANEL_ACTIONS):
        assert group <= set(ACTIONS)


def test_next_actions_are_only_those_the_user_may_take_now():
    tech = Actor("t1", "technician", "SZ")
    manager = Actor("m", "manager", "SZ")
    agent = Actor("a", "agent", "SZ")

    def nxt(state, actor, assignees=frozenset({"t1"})):
        return lifecycle.next_actions(state, lifecycle.allowed_actions(state, actor, set(assignees)))

    assert nxt("dispatched", tech) == ["contact"]
    assert nxt("dispatched", manager) == []  # the manager can reassign or cancel, not contact
    assert nxt("dispatched", tech, {"t2"}) == []  # not the assignee
    assert nxt("plan_submitted", manager) == ["approve_plan"]
    assert nxt("repaired", agent) == ["accept"]
    assert nxt("accepted", agent) == ["return_visit"]
    assert nxt("on_hold", manager) == ["resume"]


def test_describe_publishes_the_groups_and_the_next_steps():
    described = lifecycle.describe()
    groups = {a["name"]: a["group"] for a in described["actions"]}
    assert groups["cancel"] == "destructive" and groups["dispatch"] == "step"
    assert described["next_actions"]["received"] == ["dispatch"]
    assert set(described["next_actions"]) == set(lifecycle.STATES)
