"""One vocabulary: every value a screen, an export, a PDF or a mail can show has one name in
Chinese and one in English, owned by the area the value belongs to."""

from __future__ import annotations

import pytest

import app  # noqa: F401  (installs the areas)
from chalicelib.kernel import registry
from chalicelib.kernel.actor import ROLES
from chalicelib.kernel.labels import label
from chalicelib.modules.evidence.domain.rules import CATEGORIES
from chalicelib.modules.orders.domain import enums, lifecycle
from chalicelib.modules.sla.domain.policy import CLOCKS

ENUMERATED = {
    "type": enums.ORDER_TYPES, "priority": enums.PRIORITIES,
    "channel": enums.CHANNELS + enums.VISIT_CHANNELS, "coverage": enums.COVERAGE,
    "state": lifecycle.STATES, "action": tuple(lifecycle.ACTIONS),
    "event": ("create", *lifecycle.ACTIONS, "attachment_added", "attachment_rejected",
              "report_issued"),
    "clock": CLOCKS, "category": CATEGORIES, "role": (*ROLES, "system"),
    "visit_score": lifecycle.VISIT_SCORES,
}


@pytest.mark.parametrize("group", sorted(ENUMERATED))
def test_every_value_has_a_chinese_and_an_english_name(group):
    names = registry.vocabulary()[group]
    missing = [v for v in ENUMERATED[group] if v not in names]
    assert not missing, f"{group}: no names for {missing}"
    for value in ENUMERATED[group]:
        assert names[value]["zh"].strip() and names[value]["en"].strip(), (group, value)


def test_label_names_a_value_in_the_language_asked_for():
    assert label("state", "repaired") == "待验收"
    assert label("state", "repaired", "en") == "Awaiting acceptance"
    assert label("action", "reject_plan") == label("event", "reject_plan") == "驳回方案"
    assert label("state", None) == "" and label("state", "no_such_state") == "no_such_state"


def test_two_areas_cannot_name_the_same_value():
    area = registry.areas()[0]
    clash = registry.Area(name="clash", vocabulary={"state": {"received": {"zh": "x", "en": "x"}}})
    saved = list(registry._areas)
    registry._areas.clear()
    try:
        with pytest.raises(ValueError, match="state.received"):
            registry.install((*saved, clash))
    finally:
        registry._areas[:] = saved
    assert registry.areas()[0] is area


def test_the_clock_names_agree_wherever_a_domain_must_list_them():
    """An area's domain imports no other area, so three of them list clocks: the SLA policy
    (every clock), the lifecycle (the clocks an order's deadline can be extended on) and the
    figures (the clocks reported). They must name the same clocks a work order runs."""
    from chalicelib.modules.figures.domain.kpi import SLA_CLOCKS
    from chalicelib.modules.sla.domain import order_clocks

    run = {c for table in (order_clocks.STARTS, order_clocks.STOPS) for cs in table.values()
           for c in cs} | {"arrival"}
    assert set(lifecycle.CLOCK_NAMES) == set(SLA_CLOCKS) == run
    assert run <= set(CLOCKS)


def test_the_return_visit_scores_agree_wherever_they_are_listed():
    """The lifecycle's return visit records the scores; the figures (a domain of their own)
    report the same ones; the vocabulary names exactly these."""
    from chalicelib.modules.figures.domain.kpi import SCORES

    assert set(SCORES) == set(lifecycle.VISIT_SCORES) == set(registry.vocabulary()["visit_score"])
    visit = lifecycle.ACTIONS["return_visit"].properties["scores"]
    assert tuple(visit["properties"]) == tuple(visit["required"]) == lifecycle.VISIT_SCORES
