import pytest

from chalicelib.kernel.validation import validate
from chalicelib.modules.sla.domain.policy import (
    NoRule,
    great_circle_km,
    level_timing_problems,
    merge_outlet_override,
    resolve_target,
)
from chalicelib.modules.sla.policies import DEFAULT_POLICY, POLICY_SCHEMA


def _arrival(priority: str, km: float | None):
    return resolve_target(DEFAULT_POLICY, "arrival", priority=priority, order_type="repair",
                          distance_km=km)


def test_default_policy_is_valid_against_its_schema():
    assert validate(DEFAULT_POLICY, POLICY_SCHEMA) == {}
    assert level_timing_problems(DEFAULT_POLICY["levels"]) == {}


def _level(name: str, ratio: float | None = None, offset: int | None = None) -> dict:
    return {"name": name, "elapsed_ratio": ratio, "offset_minutes": offset, "notify": ["assignee"]}


@pytest.mark.parametrize("levels", [
    [_level("warning", ratio=0.5), _level("breach", offset=0), _level("escalation", offset=60)],
    [_level("warning", offset=-30), _level("breach"), _level("escalation", ratio=1)],
    [_level("breach", ratio=1), _level("escalation", offset=0)],  # escalated at once
    [_level("warning", ratio=0.99, offset=30)],  # the ratio times it; the offset is ignored
])
def test_levels_timed_as_their_names_say_pass(levels):
    assert level_timing_problems(levels) == {}


@pytest.mark.parametrize("level,field,code", [
    # a warning after (or at) the due time would be tagged "about to breach" with "30 min late"
    (_level("warning", offset=30), "offset_minutes", "before_due"),
    (_level("warning", offset=0), "offset_minutes", "before_due"),
    (_level("warning"), "offset_minutes", "before_due"),  # no time: at the due time
    (_level("warning", ratio=1), "elapsed_ratio", "before_due"),
    # a breach before the due time would be tagged "breached" with "… left"
    (_level("breach", offset=-10), "offset_minutes", "not_before_due"),
    (_level("breach", ratio=0.9), "elapsed_ratio", "not_before_due"),
    (_level("escalation", offset=-1), "offset_minutes", "not_before_due"),
    (_level("escalation", ratio=0.5, offset=60), "elapsed_ratio", "not_before_due"),
])
def test_a_level_timed_against_its_name_is_refused_naming_the_field(level, field, code):
    levels = [_level("breach", offset=0), level] if level["name"] != "breach" else [
        _level("warning", ratio=0.8), level]
    assert level_timing_problems(levels) == {f"levels.1.{field}": (code, {})}


def test_contact_within_20_minutes_of_dispatch():
    target = resolve_target(DEFAULT_POLICY, "contact", priority="general", order_type="repair")
    assert (target.amount, target.unit, target.basis) == (20, "minutes", "calendar")


@pytest.mark.parametrize("km,hours", [(0, 24), (299.9, 24), (300, 24), (300.1, 48), (1000, 48),
                                      (1000.1, 72), (4200, 72)])
def test_general_order_arrival_by_distance_from_the_outlet(km, hours):
    assert _arrival("general", km).amount == hours


def test_urgent_order_in_the_city_must_be_on_site_within_4h_and_300km_away_within_24h():
    assert _arrival("urgent", 12).amount == 4
    assert _arrival("urgent", 280).amount == 24


def test_unknown_distance_falls_to_the_rule_without_a_distance_limit():
    assert _arrival("general", None).amount == 72


def test_complaints_are_answered_within_24_hours_by_default():
    target = resolve_target(DEFAULT_POLICY, "complaint", priority="general", order_type="repair")
    assert (target.amount, target.unit, target.basis) == (24, "hours", "calendar")


def test_repair_is_3_working_days_capped_at_10():
    target = resolve_target(DEFAULT_POLICY, "repair", priority="general", order_type="repair")
    assert (target.amount, target.unit, target.cap_working_days) == (3, "working_days", 10)


def test_outlet_override_rules_come_first_and_levels_replace():
    override = {"rules": [{"clock": "contact", "amount": 2, "unit": "hours", "basis": "calendar"}],
                "levels": [{"name": "breach", "offset_minutes": 0, "notify": ["outlet_manager"]}]}
    merged = merge_outlet_override(DEFAULT_POLICY, override)
    assert resolve_target(merged, "contact", priority="urgent", order_type="repair").amount == 2
    assert merged["levels"] == override["levels"]
    assert resolve_target(merged, "arrival", priority="general", order_type="repair",
                          distance_km=10).amount == 24


def test_a_policy_without_a_rule_for_a_clock_says_so():
    with pytest.raises(NoRule):
        resolve_target({"rules": [DEFAULT_POLICY["rules"][0]], "levels": []}, "repair",
                       priority="general", order_type="repair")


def test_bad_policy_names_the_fields():
    problems = validate({"rules": [{"clock": "lunch", "amount": -1, "unit": "hours",
                                    "basis": "calendar"}], "levels": []}, POLICY_SCHEMA)
    assert {"rules.0.clock", "rules.0.amount", "levels"} <= set(problems)


def test_great_circle_distance_shenzhen_to_chengdu_is_about_1350_km():
    assert 1300 < great_circle_km(22.5431, 114.0579, 30.5728, 104.0668) < 1400
    assert great_circle_km(22.5, 114.0, 22.5, 114.0) == 0
