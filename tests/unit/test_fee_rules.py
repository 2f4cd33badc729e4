"""The fee lines' and payments' own rules (fees domain/charges.py, domain/payments.py): internal
cost per line, matching the confirmed quote, when a reason and an approval are needed, what is
outstanding, the cash hand-in due time and the archive guard. Pure: no stack."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.modules.fees.domain import charges as rules
from chalicelib.modules.fees.domain import payments as pay
from chalicelib.modules.warranty.public import amount_fen


def _priced(kind="travel", quantity=100, unit=200, listed=200, charge=None, needs=None,
            waive=False, component=None, description=None, coverage="paid"):
    return {"kind": kind, "description": description, "component": component,
            "quantity_hundredths": quantity, "unit_price_fen": unit, "list_price_fen": listed,
            "waive": waive, "coverage": coverage,
            "charge_fen": amount_fen(quantity, unit) if charge is None else charge,
            "needs_approval": needs}


def _quoted(kind="travel", quantity=100, unit=200, listed=200, component=None,
            description=None, waive=False):
    return {"kind": kind, "description": description, "component": component,
            "quantity_hundredths": quantity, "unit_price_fen": unit, "list_price_fen": listed,
            "waive": waive}


def _cost(kind, quantity, listed, part_cost):
    return amount_fen(quantity, rules.unit_cost(kind, listed, part_cost))


def test_labour_costs_hours_at_the_internal_rate_whatever_the_customer_pays():
    assert _cost("labour", 200, 8000, None) == 2 * rules.INTERNAL_LABOUR_FEN_PER_HOUR
    assert _cost("labour", 150, 8000, None) == 9000


def test_a_catalogue_part_costs_its_cost_price_and_a_free_text_part_its_list_price():
    assert _cost("part", 200, 45000, 30000) == 60000
    assert _cost("part", 100, 120000, None) == 120000


def test_a_trips_lines_cost_nothing_on_the_sheet_their_travel_claim_books_the_cost():
    # the decision of slice 2: an approved travel claim is the one source of a trip's cost
    # (slice 1 costed them at list price: 12000 and 6000 here)
    assert _cost("travel", 6000, 200, None) == 0
    assert _cost("meals", 75, 8000, None) == 0
    for kind in rules.TRIP_KINDS:
        assert rules.unit_cost(kind, 5000, None) == 0 and rules.cost_source(kind) == "claim"
    for kind in ("labour", "part"):
        assert rules.cost_source(kind) == "sheet"


def test_a_sheets_cost_is_labour_and_parts_while_trip_lines_still_charge_the_customer():
    kinds = [("labour", 200, 8000), ("part", 100, 35000), ("travel", 6000, 200),
             ("lodging", 100, 20000), ("allowance", 200, 5000)]
    priced = [_priced(kind, quantity, unit, unit) for kind, quantity, unit in kinds]
    costs = [_cost(kind, quantity, unit, 21000 if kind == "part" else None)
             for kind, quantity, unit in kinds]
    sheet = rules.settle(priced, [{} for _ in kinds], None, [None] * len(kinds), costs)
    assert sheet.charge_fen == 16000 + 35000 + 12000 + 20000 + 10000
    assert sheet.cost_fen == 2 * rules.INTERNAL_LABOUR_FEN_PER_HOUR + 21000
    assert [line["cost_source"] for line in sheet.lines] == [
        "sheet", "sheet", "claim", "claim", "claim"]


def _used(code, name, quantity=1):
    return {"code": code, "name": name, "quantity": quantity}


def test_a_quote_part_line_stands_for_the_part_issued_its_text_names():
    quote = [_quoted("part", description="启动机 QD1315"), _quoted("part", description="接触器")]
    used = [_used("JC-7", "接触器"), _used("QD1315", "启动机总成")]
    assert rules.match_parts(quote, used) == ({0: 1, 1: 0}, False)


def test_parts_and_quote_lines_not_matched_by_guess_need_a_review():
    # "变速箱壳体" quoted, "变速箱壳体总成 GH-100" issued: the same part? someone decides
    quote = [_quoted("part", description="变速箱壳体")]
    assert rules.match_parts(quote, [_used("GH-100", "变速箱壳体总成")]) == ({}, True)
    # a part issued beyond the quote, every quote line matched: a new line, no review
    assert rules.match_parts([], [_used("GH-100", "变速箱壳体总成")]) == ({}, False)
    # a quoted part not issued (bought elsewhere): nothing to review
    assert rules.match_parts(quote, []) == ({}, False)
    # two used where one was quoted: the quote's quantity would undercharge
    assert rules.match_parts([_quoted("part", description="GH-100")],
                             [_used("GH-100", "壳体", 2)]) == ({0: 0}, True)


def test_a_saved_sheet_priced_again_names_what_changed():
    old = {"kind": "part", "coverage": "paid", "list_price_fen": 100, "unit_price_fen": 100,
           "charge_fen": 100, "cost_fen": 60}
    assert rules.repriced([old], [dict(old)]) == set()
    assert rules.repriced([old], [{**old, "coverage": "warranty", "charge_fen": 0}]) == {
        "coverage_changed"}
    assert rules.repriced([old], [{**old, "list_price_fen": 120}]) == {"prices_changed"}
    assert rules.parts_snapshot([_used("A", "a", 1), _used("A", "a", 2)]) == {"A": 3}
    assert rules.lines_parts([{"kind": "part", "part_code": "A", "quantity_hundredths": 300},
                              {"kind": "part", "part_code": None,
                               "quantity_hundredths": 100}]) == {"A": 3}


def test_lines_match_the_quote_by_kind_and_component_description_first():
    quote = [_quoted("part", description="启动机"), _quoted("part", description="接触器"),
             _quoted("labour")]
    lines = [{"kind": "part", "description": "接触器"}, {"kind": "labour"},
             {"kind": "part", "description": "另一个"}, {"kind": "travel"}]
    assert rules.match_quote(lines, quote) == [1, 2, 0, None]


def test_an_unchanged_quote_line_needs_no_reason_and_no_new_approval():
    quote = [_quoted(unit=100, listed=200)]  # a discount the manager approved on the quote
    sheet = rules.settle([_priced(unit=100, needs="discount")], [{}], quote, [0], [0])
    line = sheet.lines[0]
    assert line["from_quote"] and not line["changed_from_quote"]
    assert line["needs_approval"] is None and sheet.state == "approved"


def test_a_changed_line_without_a_reason_is_named():
    quote = [_quoted(), _quoted("labour", unit=8000, listed=8000)]
    priced = [_priced(), _priced("labour", quantity=300, unit=8000, listed=8000)]
    with pytest.raises(rules.FeeProblems) as refused:
        rules.settle(priced, [{}, {}], quote, [0, 1], [0, 0])
    assert [(p.field, p.code) for p in refused.value.problems] == [
        ("lines.1.reason", "reason_required")]
    sheet = rules.settle(priced, [{}, {"reason": "实际工时 3 小时"}], quote, [0, 1], [0, 0])
    assert sheet.lines[1]["changed_from_quote"] and sheet.lines[1]["reason"] == "实际工时 3 小时"


def test_a_new_charged_line_needs_a_reason_a_free_one_does_not():
    quote = [_quoted()]
    free = _priced("part", unit=120000, listed=120000, charge=0, coverage="warranty")
    sheet = rules.settle([_priced(), free], [{}, {}], quote, [0, None], [0, 120000])
    assert sheet.cost_fen == 120000
    assert sheet.charge_fen == 200
    with pytest.raises(rules.FeeProblems) as refused:
        rules.settle([_priced(), _priced("meals")], [{}, {}], quote, [0, None], [0, 0])
    assert refused.value.problems[0].field == "lines.1.reason"


def test_a_quote_line_cannot_be_dropped():
    with pytest.raises(rules.FeeProblems) as refused:
        rules.settle([_priced()], [{}], [_quoted(), _quoted("lodging")], [0], [0])
    problem = refused.value.problems[0]
    assert (problem.field, problem.code, problem.params["kind"]) == (
        "lines", "quote_line_missing", "lodging")


def test_without_a_confirmed_quote_no_reason_is_asked():
    sheet = rules.settle([_priced()], [{}], None, [None], [0])
    assert sheet.lines[0]["from_quote"] is False and sheet.state == "approved"


def test_a_changed_line_above_twice_the_list_waits_for_the_manager():
    priced = [_priced(unit=401, listed=200, needs="above_limit")]
    sheet = rules.settle(priced, [{"reason": "夜间加急"}], [_quoted()], [0], [0])
    assert sheet.state == "pending_approval" and sheet.approval_reasons == ["above_limit"]


def test_totals_are_the_sum_of_the_lines_charge_and_cost():
    priced = [_priced("labour", 200, 8000, 8000), _priced("part", 100, 35000, 35000),
              _priced("travel", 6000, 200, 200), _priced("lodging", 100, 20000, 20000),
              _priced("meals", 75, 8000, 8000), _priced("allowance", 200, 5000, 5000)]
    costs = [12000, 20000, 12000, 20000, 6000, 10000]
    sheet = rules.settle(priced, [{}] * 6, None, [None] * 6, costs)
    assert sheet.charge_fen == 99000
    assert sheet.cost_fen == 12000 + 20000 + 12000 + 20000 + 6000 + 10000


def test_settled_fees_are_final_and_a_cancelled_order_takes_no_changes():
    assert rules.editable("in_repair", "approved") is None
    assert rules.editable("in_repair", "final") == "fees_final"
    assert rules.editable("accepted", None) == "fees_final"
    assert rules.editable("cancelled", None) == "invalid_transition"


def test_outstanding_is_never_negative():
    assert rules.outstanding(99000, 50000) == 49000
    assert rules.outstanding(99000, 120000) == 0


def test_cash_needs_its_receipt_and_is_due_with_finance_in_three_days():
    now = datetime(2026, 11, 26, 8, tzinfo=UTC)
    with pytest.raises(pay.PaymentProblem) as refused:
        pay.check({"method": "cash", "receipt_no": " "}, now, now)
    assert refused.value.field == "receipt_no"
    pay.check({"method": "transfer"}, now, now)
    with pytest.raises(pay.PaymentProblem):
        pay.check({"method": "transfer"}, now + timedelta(hours=1), now)
    assert pay.handin_due("cash", now) == now + timedelta(days=3)
    assert pay.handin_due("wechat", now) is None


def test_an_unpaid_order_is_archived_only_with_a_reason():
    assert pay.archive_refused(100, None) and pay.archive_refused(100, "  ")
    assert not pay.archive_refused(100, "客户破产，经理确认核销")
    assert not pay.archive_refused(0, None)
