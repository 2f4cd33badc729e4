"""Who is told at a hand-off (chalicelib/modules/notifications/domain/handoffs.py)."""

from __future__ import annotations

from chalicelib.modules.notifications.domain.handoffs import Crew, Handoff, handoffs, low_scores

NOBODY = Crew(None)


def test_dispatch_tells_the_technician_and_each_helper_once():
    after = Crew("t1", ("t2", "t3", "t2"))
    assert handoffs("dispatch", NOBODY, after) == [
        Handoff("assigned", ("t1",)), Handoff("helper_added", ("t2",)),
        Handoff("helper_added", ("t3",))]


def test_reassign_tells_only_who_is_new_to_the_order():
    before = Crew("t1", ("t2",))
    assert handoffs("reassign", before, Crew("t1", ("t2", "t3"))) == [Handoff("helper_added", ("t3",))]
    assert handoffs("reassign", before, Crew("t2", ("t1",))) == [Handoff("reassigned", ("t2",))]
    assert handoffs("reassign", before, Crew("t3", ())) == [
        Handoff("reassigned", ("t3",)), Handoff("unassigned", ("t1", "t2"))]


def test_reassign_tells_whoever_it_takes_off_the_order():
    before = Crew("t1", ("t2", "t3"))
    assert handoffs("reassign", before, Crew("t4", ("t2",))) == [
        Handoff("reassigned", ("t4",)), Handoff("unassigned", ("t1", "t3"))]
    assert handoffs("dispatch", NOBODY, Crew("t4", ())) == [Handoff("assigned", ("t4",))]


def test_plans_go_to_the_managers_and_decisions_to_the_crew():
    crew = Crew("t1", ("t2",))
    assert handoffs("submit_plan", crew, crew) == [Handoff("plan_submitted", roles=("manager",))]
    assert handoffs("revise_plan", crew, crew) == [Handoff("plan_submitted", roles=("manager",))]
    assert handoffs("approve_plan", crew, crew) == [Handoff("plan_approved", ("t1", "t2"))]
    assert handoffs("reject_plan", crew, crew) == [Handoff("plan_rejected", ("t1", "t2"))]


def test_an_approval_handing_the_repair_over_tells_as_a_reassignment_and_who_stays():
    before = Crew("t1", ("t2",))
    assert handoffs("approve_plan", before, Crew("t3", ("t2",))) == [
        Handoff("reassigned", ("t3",)), Handoff("unassigned", ("t1",)),
        Handoff("plan_approved", ("t2",))]
    assert handoffs("approve_plan", Crew("t1"), Crew("t3")) == [
        Handoff("reassigned", ("t3",)), Handoff("unassigned", ("t1",))]
    # a helper made lead is told once, as the new lead
    assert handoffs("approve_plan", Crew("t1", ("t2",)), Crew("t2", ())) == [
        Handoff("reassigned", ("t2",)), Handoff("unassigned", ("t1",))]


def test_objection_hold_acceptance_and_other_actions():
    crew = Crew("t1", ())
    assert handoffs("object", crew, crew) == [Handoff("objected", roles=("manager",))]
    assert handoffs("hold", crew, crew) == [Handoff("on_hold", ("t1",), roles=("manager",))]
    assert handoffs("accept", crew, crew) == [Handoff("return_visit_due", roles=("agent",))]
    for action in ("contact", "check_in", "survey", "complete", "resume", "archive"):
        assert handoffs(action, crew, crew) == []


def test_a_cancellation_tells_the_crew_if_there_is_one():
    crew = Crew("t1", ("t2",))
    assert handoffs("cancel", crew, crew) == [Handoff("cancelled", ("t1", "t2"))]
    assert handoffs("cancel", NOBODY, NOBODY) == []


def test_a_return_visit_is_low_when_any_score_is_at_or_below_the_threshold():
    scores = {"attitude": 5, "skill": 4, "punctuality": 2, "result": 3, "overall": 4}
    assert low_scores(scores, 2) == {"punctuality": 2}
    assert low_scores(scores, 3) == {"punctuality": 2, "result": 3}
    crew = Crew("t1", ())
    assert handoffs("return_visit", crew, crew, scores=scores, threshold=2) == [
        Handoff("low_score", roles=("manager",))]
    assert handoffs("return_visit", crew, crew, scores=scores, threshold=1) == []
