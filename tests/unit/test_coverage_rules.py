"""The coverage decision per line (issue 13, acceptance checks 1, 2, 3, 7 at the domain level):
terms from the start basis date, a component in no group under the whole machine, the last
covered day included, exclusions, the 30-day repair warranty, and the explanation in both
languages."""

from __future__ import annotations

from datetime import date

import pytest

import app  # noqa: F401  (installs the areas: the explanation names things from the vocabulary)
from chalicelib.modules.warranty.domain import coverage as cov
from chalicelib.modules.warranty.domain.terms import default_template
from chalicelib.modules.warranty.explain import explain

TERMS = {k: v for k, v in default_template().items() if k != "prices"}
HARVESTER = {"model": "4LZ-6", "delivered_on": "2025-12-01", "invoice_date": "2025-11-20"}
APRIL_1 = date(2026, 4, 1)


def line(component, failed=APRIL_1, *, unit=HARVESTER, terms=TERMS, exclusions=(),
         repairs=(), order_type="repair", override=None, contract=None):
    return cov.decide_line(cov.Claim(component, failed), terms=terms, unit=unit,
                           exclusions=list(exclusions), repairs=repairs,
                           order_type=order_type, override=override, contract=contract)


def test_starter_out_gearbox_housing_in_header_under_the_whole_machine():
    starter, housing, header = line("启动机"), line("变速箱壳体"), line("割台")
    assert (starter["result"], starter["reason"], starter["last_day"]) == \
        ("paid", "out_of_term", "2026-02-28")
    assert (housing["result"], housing["reason"], housing["last_day"]) == \
        ("warranty", "in_term", "2027-11-30")
    assert (header["result"], header["group_code"], header["last_day"]) == \
        ("warranty", "whole", "2026-11-30")
    assert starter["start"] == housing["start"] == header["start"] == "2025-12-01"
    assert starter["start_basis"] == "delivery" and starter["months"] == 3


def test_the_last_covered_day_is_covered_and_the_next_is_not():
    assert line("启动机", date(2026, 2, 28))["result"] == "warranty"
    assert line("启动机", date(2026, 3, 1))["result"] == "paid"


def test_component_names_compare_without_spaces_and_case():
    assert line(" 变速箱 壳体 ")["group_code"] == "major"


def test_no_component_is_the_whole_machine():
    whole = line(None)
    assert (whole["group_code"], whole["group_name"], whole["result"]) == ("whole", "整机", "warranty")


def test_the_start_basis_of_the_terms_picks_the_date():
    by_invoice = {**TERMS, "start_basis": "invoice"}
    assert line("启动机", date(2026, 2, 20), terms=by_invoice)["last_day"] == "2026-02-19"
    missing = line("启动机", terms={**TERMS, "start_basis": "installation"})
    assert (missing["result"], missing["reason"], missing["start"]) == \
        ("unknown", "no_start_date", None)


def test_any_exclusion_turns_in_term_lines_paid_and_leaves_out_of_term_lines_as_they_are():
    excluded = [{"key": "no_invoice", "note": "发票丢失"}]
    housing = line("变速箱壳体", exclusions=excluded)
    assert (housing["result"], housing["reason"], housing["exclusion"]) == \
        ("paid", "excluded", "no_invoice")
    starter = line("启动机", exclusions=excluded)
    assert (starter["result"], starter["reason"], starter["exclusion"]) == \
        ("paid", "out_of_term", None)


def _repair(accepted_on: date, components=("启动机",), number="SZ-20260301-001"):
    return cov.Repair(order_id="wo_prev", order_number=number,
                      accepted_at=f"{accepted_on.isoformat()}T02:00:00Z",
                      accepted_on=accepted_on, components=tuple(components), technician="sz_tech1")


def test_repair_warranty_holds_30_days_after_acceptance_even_after_the_term():
    accepted = date(2026, 3, 2)
    day_30, day_31 = date(2026, 4, 1), date(2026, 4, 2)
    again = line("启动机", day_30, repairs=[_repair(accepted)])
    assert (again["result"], again["reason"]) == ("warranty", "repair_warranty")
    assert again["repeat_of"]["order_number"] == "SZ-20260301-001"
    assert again["repeat_of"]["accepted_on"] == "2026-03-02"
    late = line("启动机", day_31, repairs=[_repair(accepted)])
    assert (late["result"], late["reason"], late["repeat_of"]) == ("paid", "out_of_term", None)


def test_repair_warranty_needs_the_same_component():
    other = line("发电机", date(2026, 3, 10), repairs=[_repair(date(2026, 3, 2))])
    assert other["repeat_of"] is None and other["result"] == "paid"
    whole = line(None, repairs=[_repair(date(2026, 3, 20), components=())])
    assert whole["reason"] == "repair_warranty"
    named_whole = line(None, repairs=[_repair(date(2026, 3, 20), components=("整机",))])
    assert named_whole["reason"] == "repair_warranty"
    assert line("启动机", repairs=[_repair(date(2026, 3, 20), components=())])["repeat_of"] is None


def test_an_exclusion_also_takes_away_the_repair_warranty():
    repeat = line("启动机", date(2026, 3, 10), repairs=[_repair(date(2026, 3, 2))],
                  exclusions=[{"key": "misuse"}])
    assert (repeat["result"], repeat["reason"]) == ("paid", "excluded")
    assert repeat["repeat_of"] is not None  # still a repeat repair


def test_phone_guidance_is_free_and_a_contract_decides_before_the_term():
    assert line("启动机", order_type="consultation")[("reason")] == "phone_guidance"
    assert line("启动机", order_type="consultation")["result"] == "warranty"
    under = line("启动机", contract=lambda claim: {"contract_id": "c1"})
    assert (under["result"], under["reason"]) == ("contract", "contract")
    assert line("启动机", contract=lambda claim: None)["result"] == "paid"


def test_an_override_decides_and_keeps_the_rule_beside_it():
    changed = line("启动机", override={"result": "warranty", "reason": "goodwill", "by": "m"})
    assert (changed["result"], changed["reason"]) == ("warranty", "override")
    assert changed["rule"] == {"result": "paid", "reason": "out_of_term"}


def test_a_unit_without_terms_decides_nothing():
    legacy = line("启动机", terms=None)
    assert (legacy["result"], legacy["reason"], legacy["last_day"]) == ("unknown", "no_terms", None)


@pytest.mark.parametrize("results, fallback, expected", [
    ([], "paid", "paid"),
    (["warranty", "warranty"], "unknown", "warranty"),
    (["paid"], "unknown", "paid"),
    (["paid", "warranty"], "unknown", "mixed"),
    (["contract", "paid"], "unknown", "mixed"),
    (["contract", "warranty"], "unknown", "contract"),
    (["unknown", "warranty"], "warranty", "unknown"),
])
def test_the_order_coverage_sums_the_lines(results, fallback, expected):
    assert cov.summary([{"result": r} for r in results], fallback) == expected


def test_claims_without_components_are_the_whole_machine_on_the_fault_day():
    assert cov.claims_of([], date(2026, 4, 1)) == [cov.Claim(None, date(2026, 4, 1))]
    assert cov.claims_of([{"component": "启动机", "failure_date": "2026-03-01"}],
                         date(2026, 4, 1)) == [cov.Claim("启动机", date(2026, 3, 1))]


def test_the_explanation_names_the_term_the_start_and_the_last_covered_day():
    starter = line("启动机")
    assert explain(starter, "zh") == ("启动机: 三包期 3 个月, 自交付 2025-12-01 起, "
                                      "最后保修日 2026-02-28; 故障日 2026-04-01 → 有偿")
    assert explain(starter, "en") == ("启动机: 3-month term from delivery on 2025-12-01, "
                                      "last covered day 2026-02-28; failed 2026-04-01 → Paid")
    header = explain(line("割台"), "zh")
    assert header.startswith("割台 (整机): 三包期 12 个月") and "最后保修日 2026-11-30" in header
    assert explain(line(None), "en").startswith("整机: 12-month term from delivery on 2025-12-01")


def test_the_explanation_says_why_when_not_the_term_alone_decided():
    repeat = line("启动机", date(2026, 3, 10), repairs=[_repair(date(2026, 3, 2))])
    assert "SZ-20260301-001" in explain(repeat, "zh") and "30 日内返修保证" in explain(repeat, "zh")
    assert "repair warranty within 30 days" in explain(repeat, "en")
    excluded = line("变速箱壳体", exclusions=[{"key": "no_invoice"}])
    assert "不属三包范围: 无三包凭证及有效发票 → 有偿" in explain(excluded, "zh")
    assert "excluded: No warranty card or valid invoice → Paid" in explain(excluded, "en")
    missing = line("启动机", terms={**TERMS, "start_basis": "installation"})
    assert "未登记安装日期" in explain(missing, "zh")
    assert "no installation date is recorded" in explain(missing, "en")
    changed = line("启动机", override={"result": "warranty", "reason": "老客户",
                                       "by": "sz_manager", "by_name": "王经理"})
    assert explain(changed, "zh").endswith("→ 有偿; 王经理 人工改判 → 保修(免费): 老客户")
    assert "overridden by 王经理 → Warranty (free): 老客户" in explain(changed, "en")


def test_the_exclusions_agree_wherever_a_domain_must_list_them():
    """The lifecycle's record_exclusion action (orders) names the exclusions of the terms
    (warranty); neither domain imports the other."""
    from chalicelib.modules.orders.domain import lifecycle
    from chalicelib.modules.warranty.domain.terms import EXCLUSIONS

    assert lifecycle.EXCLUSION_KEYS == EXCLUSIONS
