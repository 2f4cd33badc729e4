"""The pure rules of a maintenance contract (contracts/domain/contracts.py): consistency, what
it covers, contract years and call-outs, and the actions open in each state."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from chalicelib.modules.contracts.domain import contracts as rules


def contract(**fields):
    base = {"state": "active", "starts_on": "2026-01-01", "ends_on": "2026-12-31",
            "sites": ["s1"], "units": [], "renewed_by": None}
    return SimpleNamespace(**{**base, **fields})


def test_the_end_must_come_after_the_start():
    assert rules.problems({"starts_on": "2026-01-01", "ends_on": "2026-01-01"}) == {
        "ends_on": ("after_starts_on", {})}


def test_a_free_period_costs_nothing():
    assert "price_fen" in rules.problems({"free_period": True, "price_fen": 100})
    assert rules.problems({"free_period": True, "price_fen": 0}) == {}


def test_a_quarterly_schedule_falls_in_one_of_the_quarters_three_months():
    schedule = {"kind": "quarterly", "day": 15, "month_offset": 3, "per": "site"}
    assert rules.problems({"schedule": schedule}) == {
        "schedule.month_offset": ("range", {"min": 0, "max": 2})}
    assert rules.problems({"schedule": {**schedule, "month_offset": 2}}) == {}


def test_a_site_or_unit_listed_twice_is_named():
    assert rules.problems({"sites": ["a", "a"]}) == {"sites.1": ("duplicate", {})}


def test_units_must_be_the_customers_and_at_a_covered_site():
    units = {"u1": SimpleNamespace(site_id="s1"), "u2": SimpleNamespace(site_id="s2")}
    found = rules.coverage_problems(["s1", "x"], ["u1", "u2", "u9"], {"s1": 1, "s2": 1}, units,
                                    lambda u: u.site_id)
    assert found == {"sites.1": ("not_of_customer", {}), "units.1": ("not_at_covered_site", {}),
                     "units.2": ("not_of_customer", {})}


def test_a_contract_without_named_units_covers_every_unit_at_its_sites():
    assert rules.covers(contract(), "any", "s1")
    assert not rules.covers(contract(), "any", "s2")
    assert rules.covers(contract(units=["u1"]), "u1", "s2")
    assert not rules.covers(contract(units=["u1"]), "u2", "s1")


def test_only_an_active_contract_in_its_period_entitles():
    assert rules.entitles(contract(), "u", "s1", date(2026, 6, 1))
    assert not rules.entitles(contract(), "u", "s1", date(2027, 1, 1))
    assert not rules.entitles(contract(state="draft"), "u", "s1", date(2026, 6, 1))
    assert not rules.entitles(contract(state="terminated"), "u", "s1", date(2026, 6, 1))


def test_contract_years_run_from_the_start_anniversary_and_end_with_the_contract():
    year = rules.contract_year("2026-04-01", "2028-06-30", date(2027, 5, 1))
    assert year == rules.ContractYear("2027-04-01", "2028-03-31")
    assert rules.contract_year("2026-04-01", "2028-06-30", date(2028, 5, 1)) == \
        rules.ContractYear("2028-04-01", "2028-06-30")
    assert rules.contract_year("2026-04-01", "2028-06-30", date(2026, 4, 1)).year_from == \
        "2026-04-01"


def test_the_call_out_past_the_included_ones_exceeds():
    assert not rules.exceeds(4, 3)
    assert rules.exceeds(4, 4)
    assert rules.exceeds(0, 0)  # none included
    assert rules.callouts(4, 5, rules.ContractYear("a", "b"))["remaining"] == 0


def test_the_reminder_is_due_three_months_before_the_end():
    assert rules.remind_on("2026-12-31") == "2026-09-30"
    assert rules.remind_on("2027-05-31") == "2027-02-28"


def test_the_actions_open_in_each_state():
    assert rules.may(contract(state="draft"), True) == {
        "edit": True, "activate": True, "renew": False, "terminate": True}
    assert rules.may(contract(), True) == {
        "edit": True, "activate": False, "renew": True, "terminate": True}
    assert rules.may(contract(renewed_by="ctr_x"), True)["renew"] is False
    assert not any(rules.may(contract(), False).values())
    assert not any(rules.may(contract(state="superseded"), True).values())


def test_periods_overlap_when_they_share_a_day():
    assert rules.overlaps("2026-01-01", "2026-12-31", "2026-12-31", "2027-12-31")
    assert not rules.overlaps("2026-01-01", "2026-12-31", "2027-01-01", "2027-12-31")


def test_a_contract_renewed_by_an_active_renewal_is_shown_superseded_only_after_its_end():
    renewed = contract(renewed_by="ctr_next", renewal_active=True)
    assert rules.shown_state(renewed, date(2026, 12, 31)) == "active"
    assert rules.shown_state(renewed, date(2027, 1, 1)) == "superseded"
    draft_renewal = contract(renewed_by="ctr_next", renewal_active=None)
    assert rules.shown_state(draft_renewal, date(2027, 1, 1)) == "active"


def test_two_site_wide_contracts_share_a_site_and_the_checklist_is_capped_as_stored():
    assert rules.shared_sites(["s1", "s2"], ["s3", "s2"]) == (1, "s2")
    assert rules.shared_sites(["s1"], ["s2"]) is None
    chinese = [{"area": "前端", "items": ["检" * 100] * 50}] * 3  # ≈ 45 KB as UTF-8
    assert rules.checklist_bytes(chinese) > rules.MAX_CHECKLIST_BYTES
    assert rules.problems({"checklist": chinese})["checklist"][0] == "checklist_too_large"
    assert "checklist" not in rules.problems({"checklist": chinese[:2]})
