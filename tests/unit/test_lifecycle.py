"""The state machine as a specification: every action from every state, by every role."""

from __future__ import annotations

import itertools

import pytest

from chalicelib.kernel.actor import Actor
from chalicelib.modules.orders.domain import lifecycle
from chalicelib.modules.orders.domain.lifecycle import ACTIONS, ASSIGNEE, STATES, NotAllowedInState

ROLES = ("agent", "manager", "support", "technician", "warehouse", "head_office")

# The expected table, written out independently of lifecycle.py (state, action) -> next state.
EXPECTED = {
    ("received", "dispatch"): "dispatched",
    ("dispatched", "reassign"): "dispatched",
    ("contacted", "reassign"): "dispatched",
    ("dispatched", "contact"): "contacted",
    ("contacted", "check_in"): "on_site",
    ("on_site", "survey"): "surveyed",
    ("surveyed", "submit_plan"): "plan_submitted",
    ("plan_submitted", "approve_plan"): "in_repair",
    ("plan_submitted", "reject_plan"): "surveyed",
    ("in_repair", "revise_plan"): "plan_submitted",
    ("in_repair", "complete"): "repaired",
    ("rework", "complete"): "repaired",
    ("repaired", "accept"): "accepted",
    ("repaired", "object"): "rework",
    ("accepted", "return_visit"): "visited",
    ("visited", "archive"): "archived",
}
HOLDABLE = ["received", "dispatched", "contacted", "on_site", "surveyed", "plan_submitted",
            "in_repair", "repaired", "rework", "accepted", "visited"]
for state in HOLDABLE:
    EXPECTED[(state, "hold")] = "on_hold"
for state in ["received", "dispatched", "contacted", "on_site", "surveyed", "plan_submitted",
              "on_hold"]:
    EXPECTED[(state, "cancel")] = "cancelled"
for state in [*HOLDABLE, "on_hold"]:  # corrections keep the order where it is
    EXPECTED[(state, "extend_clock")] = state
    EXPECTED[(state, "correct_distance")] = state
for state in ["accepted", "visited"]:  # a signed report is corrected by a new version
    EXPECTED[(state, "correct_report")] = state
BEFORE_COMPLETION = ["received", "dispatched", "contacted", "on_site", "surveyed",
                     "plan_submitted", "in_repair", "on_hold"]
for state in BEFORE_COMPLETION:  # the failed components change until the repair is complete
    EXPECTED[(state, "set_components")] = state
for state in [*BEFORE_COMPLETION, "repaired", "rework"]:  # the coverage until the acceptance
    for action in ("record_exclusion", "remove_exclusion", "override_coverage"):
        EXPECTED[(state, action)] = state
QUOTE_ACTIONS = ("quote", "approve_quote", "confirm_quote", "refuse_quote", "release_quote")
for state in [*BEFORE_COMPLETION, "repaired", "rework"]:  # the quote until the acceptance
    for action in QUOTE_ACTIONS:
        EXPECTED[(state, action)] = state


@pytest.mark.parametrize("state,action", list(itertools.product(STATES, ACTIONS)))
def test_every_action_from_every_state_is_allowed_exactly_as_specified(state, action):
    spec = ACTIONS[action]
    if action == "resume":
        if state == "on_hold":
            assert lifecycle.next_state(spec, state, "surveyed") == "surveyed"
        else:
            with pytest.raises(NotAllowedInState):
                lifecycle.next_state(spec, state, "surveyed")
        return
    if (state, action) in EXPECTED:
        assert lifecycle.next_state(spec, state, None) == EXPECTED[(state, action)]
    else:
        with pytest.raises(NotAllowedInState):
            lifecycle.next_state(spec, state, None)


def test_archived_and_cancelled_orders_accept_no_action():
    for state in ("archived", "cancelled"):
        for role in ROLES:
            assert lifecycle.allowed_actions(state, Actor("u", role, "SZ"), {"u"}) == []


def test_resume_returns_to_the_state_before_the_hold():
    for state in HOLDABLE:
        assert lifecycle.next_state(ACTIONS["resume"], "on_hold", state) == state


def test_resume_without_a_remembered_state_is_refused():
    with pytest.raises(NotAllowedInState):
        lifecycle.next_state(ACTIONS["resume"], "on_hold", None)


EXPECTED_ROLES = {
    "dispatch": {"manager"}, "reassign": {"manager"}, "contact": {ASSIGNEE},
    "check_in": {ASSIGNEE}, "survey": {ASSIGNEE, "support"}, "submit_plan": {ASSIGNEE, "support"},
    "approve_plan": {"manager"}, "reject_plan": {"manager"}, "revise_plan": {ASSIGNEE, "support"},
    "complete": {ASSIGNEE}, "accept": {ASSIGNEE, "agent"}, "object": {ASSIGNEE, "agent"},
    "return_visit": {"agent"}, "archive": {"manager"}, "hold": {"manager", ASSIGNEE},
    "resume": {"manager", ASSIGNEE}, "cancel": {"manager", "agent"},
    "extend_clock": {"manager"}, "correct_distance": {"agent", "manager"},
    "correct_report": {"manager", "support"},
    "set_components": {"agent", "manager"},
    "record_exclusion": {"agent", "manager", "support", ASSIGNEE},
    "remove_exclusion": {"manager"}, "override_coverage": {"manager"},
    "quote": {"agent", "manager", "support"}, "approve_quote": {"manager"},
    "confirm_quote": {"agent", "manager", ASSIGNEE}, "refuse_quote": {"agent", "manager", ASSIGNEE},
    "release_quote": {"head_office"},
}


@pytest.mark.parametrize("action,role", list(itertools.product(ACTIONS, ROLES)))
def test_who_may_take_each_action(action, role):
    spec = ACTIONS[action]
    allowed = EXPECTED_ROLES[action]
    me = Actor("me", role, "SZ")
    # as an assignee of the order (only technicians can be assignees)
    expected_assigned = role in allowed or (role == "technician" and ASSIGNEE in allowed)
    assert lifecycle.may_act(spec, me, {"me"}) is expected_assigned
    # not assigned: a technician needs the assignment; roles act by role
    assert lifecycle.may_act(spec, me, {"someone_else"}) is (role in allowed)


def test_head_office_reads_and_takes_no_lifecycle_action_but_releasing_a_refused_quote():
    head = Actor("hq", "head_office", "HQ")
    for state in STATES:  # 总经理: lets the job go ahead although the customer refused the quote
        expected = ["release_quote"] if (state, "release_quote") in EXPECTED else []
        assert lifecycle.allowed_actions(state, head, set()) == expected


def test_only_the_customers_decisions_may_be_taken_by_the_system_through_a_link():
    system = Actor("customer", lifecycle.SYSTEM, "SZ")
    assert {name for name, spec in ACTIONS.items() if lifecycle.may_act(spec, system, set())} == {
        "confirm_quote", "refuse_quote"}


def test_assigned_technician_sees_only_the_next_steps_of_the_order():
    tech = Actor("t1", "technician", "SZ")
    assert lifecycle.allowed_actions("dispatched", tech, {"t1"}) == [
        "contact", "hold", "record_exclusion", "confirm_quote", "refuse_quote"]
    assert lifecycle.allowed_actions("repaired", tech, {"t1"}) == [
        "accept", "object", "hold", "record_exclusion", "confirm_quote", "refuse_quote"]
    assert lifecycle.allowed_actions("dispatched", tech, {"t2"}) == []


def test_every_required_field_is_described_and_schemas_are_closed():
    for spec in ACTIONS.values():
        schema = spec.schema
        assert set(schema["required"]) <= set(schema["properties"])
        assert schema["additionalProperties"] is False


def test_describe_publishes_every_state_and_action():
    described = lifecycle.describe()
    assert described["states"] == list(STATES)
    assert {a["name"] for a in described["actions"]} == set(ACTIONS)
