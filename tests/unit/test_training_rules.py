"""Training's pure rules (technicians/domain/training.py): the result against the pass mark, a
certificate's last valid day, whole results, and which 补考 a later pass clears."""

from __future__ import annotations

from datetime import date

from chalicelib.modules.technicians.domain import training as rules


def test_the_result_follows_attendance_and_the_pass_mark():
    assert rules.result_of(True, 60, 60) == "passed"
    assert rules.result_of(True, 59, 60) == "retake"
    assert rules.result_of(False, None, 60) == "absent"
    assert rules.result_of(True, 0, 0) == "passed"


def test_a_certificate_runs_to_the_day_before_the_same_date_months_later():
    assert rules.valid_to(date(2026, 11, 20), 36) == date(2029, 11, 19)
    assert rules.valid_to(date(2026, 1, 31), 1) == date(2026, 2, 27)  # 28 Feb is the day after
    assert rules.valid_to(date(2024, 2, 29), 12) == date(2025, 2, 27)
    assert rules.valid_to(date(2026, 12, 1), 1) == date(2026, 12, 31)


def test_results_name_each_attendee_once_with_a_score_only_when_there():
    whole = [{"username": "a", "attended": True, "score": 70},
             {"username": "b", "attended": False, "score": None}]
    assert rules.results_problems(["a", "b"], whole) == {}
    assert rules.results_problems(["a", "b"], whole[:1]) == {
        "results": ("results_incomplete", {"missing": "b"})}
    assert rules.results_problems(["a"], [{"username": "a", "attended": True}]) == {
        "results.0.score": ("required", {})}
    assert rules.results_problems(["a"], [{"username": "a", "attended": False, "score": 3}]) == {
        "results.0.score": ("score_when_absent", {})}
    assert "results.1.username" in rules.results_problems(["a"], [whole[0], whole[0]])
    assert "results.0.username" in rules.results_problems(["b"], [whole[0], whole[1]])


def _record(session, held_on, result, certificate_type=None, plan_id=None, title="培训"):
    return {"session_id": session, "held_on": held_on, "result": result,
            "certificate_type": certificate_type, "plan_id": plan_id, "title": title}


def test_a_later_pass_on_the_same_subject_clears_the_retake():
    failed = _record("s1", "2026-03-01", "retake", certificate_type="welder")
    assert rules.retakes_pending([failed]) == [failed]
    other = _record("s2", "2026-04-01", "passed", certificate_type="electrician")
    assert rules.retakes_pending([failed, other]) == [failed]
    passed = _record("s3", "2026-04-02", "passed", certificate_type="welder")
    assert rules.retakes_pending([passed, failed]) == []
    # a pass before the failure clears nothing
    earlier = _record("s0", "2026-01-01", "passed", certificate_type="welder")
    assert rules.retakes_pending([earlier, failed]) == [failed]
    # without a certificate type: the plan, else the title
    by_plan = _record("s4", "2026-05-01", "retake", plan_id="tp_1", title="A")
    assert rules.retakes_pending([by_plan, _record("s5", "2026-06-01", "passed",
                                                   plan_id="tp_1", title="B")]) == []
    by_title = _record("s6", "2026-05-01", "retake", title="安全培训")
    assert rules.retakes_pending([by_title, _record("s7", "2026-06-01", "passed",
                                                    title="安全培训 ")]) == []
    assert rules.retakes_pending([by_title, _record("s8", "2026-06-01", "absent",
                                                    title="安全培训")]) == [by_title]
