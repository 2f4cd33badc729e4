"""The quote's rules (domain/quotes.py): lines priced from the list in integer fen, quantities
with at most 2 decimals, rounding half up, covered lines free, and what needs a manager's
approval (above 2× the list, a discount, a waiver)."""

from __future__ import annotations

import pytest

from chalicelib.modules.orders.domain import lifecycle
from chalicelib.modules.warranty.domain import quotes as q
from chalicelib.modules.warranty.domain.terms import DEFAULT_PRICES, PRICE_ITEMS

PRICES = dict(DEFAULT_PRICES)  # labour_hour 8000, call_out 10000, travel_km 200 ...


def _line(kind="labour", quantity=1, unit_price_fen=None, **extra):
    price = unit_price_fen if unit_price_fen is not None else PRICES[q.PRICE_ITEM_OF_KIND[kind]]
    return {"kind": kind, "quantity": quantity, "unit_price_fen": price, **extra}


def _price(lines, decision=(), coverage="paid"):
    return q.price(lines, PRICES, list(decision), coverage)


def test_every_kind_but_parts_takes_its_list_price_from_the_template():
    assert set(q.PRICE_ITEM_OF_KIND.values()) == set(PRICE_ITEMS)
    assert set(q.KINDS) == set(q.PRICE_ITEM_OF_KIND) | {q.PART}
    assert q.KINDS == lifecycle.QUOTE_LINE_KINDS  # the action's schema offers the same kinds
    priced = _price([_line("travel", 35, 200)])
    assert priced.lines[0]["list_price_fen"] == 200 and priced.lines[0]["amount_fen"] == 7000


def test_a_part_brings_its_list_price_and_another_kind_may_not():
    with pytest.raises(q.QuoteProblem) as missing:
        _price([_line("labour"), {"kind": "part", "quantity": 1, "unit_price_fen": 500}])
    assert (missing.value.field, missing.value.code) == ("lines.1.list_price_fen", "required")
    with pytest.raises(q.QuoteProblem) as given:
        _price([_line("labour", list_price_fen=1)])
    assert given.value.field == "lines.0.list_price_fen"
    part = _price([{"kind": "part", "quantity": 2, "unit_price_fen": 4500,
                    "list_price_fen": 4500}]).lines[0]
    assert part["amount_fen"] == 9000 and part["needs_approval"] is None


def test_the_price_limit_is_twice_the_list_exactly():
    at_limit = _price([_line("labour", 1, 2 * PRICES["labour_hour"])])
    above = _price([_line("labour", 1, 2 * PRICES["labour_hour"] + 1)])
    at_2_1 = _price([_line("labour", 1, PRICES["labour_hour"] * 21 // 10)])  # 2.1× the list
    assert at_limit.state == "approved" and at_limit.approval_reasons == []
    assert above.state == "pending_approval" and above.approval_reasons == ["above_limit"]
    assert at_2_1.lines[0]["needs_approval"] == "above_limit"


def test_a_discount_or_a_waiver_needs_approval_and_a_waived_line_is_free():
    discount = _price([_line("call_out", 1, PRICES["call_out"] - 1)])
    assert discount.state == "pending_approval" and discount.approval_reasons == ["discount"]
    waived = _price([_line("call_out", 1, waive=True), _line("labour", 2)])
    assert waived.approval_reasons == ["waived"]
    assert waived.lines[0]["charge_fen"] == 0 and waived.lines[0]["amount_fen"] == 10000
    assert waived.total_fen == 10000 + 16000 and waived.charge_fen == 16000
    both = _price([_line("labour", 1, 1), _line("travel", 1, 100000), _line("meals", 1, waive=True)])
    assert both.approval_reasons == ["above_limit", "discount", "waived"]  # strongest first


@pytest.mark.parametrize(("quantity", "hundredths"), [
    (1, 100), (2.5, 250), (0.01, 1), (1.1, 110), (1.15, 115), (99999.99, 9999999), (3.10, 310),
])
def test_a_quantity_is_kept_exactly_in_hundredths(quantity, hundredths):
    assert q.hundredths(quantity) == hundredths


@pytest.mark.parametrize("quantity", [1.005, 0.001, 2.125, 1e-7])
def test_more_than_two_decimals_is_refused_naming_the_line(quantity):
    with pytest.raises(q.QuoteProblem) as refused:
        _price([_line("labour", 1), _line("labour", quantity)])
    assert (refused.value.field, refused.value.code) == ("lines.1.quantity", "decimals")


def test_amounts_round_half_up_to_the_fen():
    assert q.amount_fen(150, 333) == 500  # 1.5 × 3.33 = 4.995 → 5.00
    assert q.amount_fen(125, 2) == 3  # 1.25 × 0.02 = 0.025 → 0.03
    assert q.amount_fen(133, 1) == 1  # 0.0133 → 0.01
    assert q.amount_fen(33, 3) == 1  # 0.0099 → 0.01
    assert q.amount_fen(10, 5) == 1  # exactly half a fen → up
    assert q.amount_fen(10, 4) == 0
    # 0.1 + 0.2 hours at 0.10 each: floats would give 0.30000000000000004
    priced = _price([_line("labour", 0.1, 10), _line("labour", 0.2, 10)])
    assert [line["amount_fen"] for line in priced.lines] == [1, 2]


def test_every_amount_and_total_is_an_integer():
    priced = _price([_line("labour", 2.75, 8123), _line("travel", 123.45, 199),
                     {"kind": "part", "quantity": 3, "unit_price_fen": 1999, "list_price_fen": 1999},
                     _line("lodging", 1.5, 20000, waive=True)])
    money = [priced.total_fen, priced.charge_fen] + [
        line[k] for line in priced.lines for k in
        ("unit_price_fen", "list_price_fen", "amount_fen", "charge_fen", "quantity_hundredths")]
    assert all(type(value) is int for value in money)
    assert priced.total_fen == sum(line["amount_fen"] for line in priced.lines)
    assert priced.total_fen == 22338 + 24567 + 5997 + 30000  # 22338.25, 24566.55 → half up
    assert priced.charge_fen == priced.total_fen - 30000  # the waived lodging


def test_a_line_covered_by_warranty_or_contract_is_free():
    decision = [
        {"component": "启动机", "result": "paid"},
        {"component": "变速箱壳体", "result": "warranty"},
        {"component": None, "result": "contract"},
    ]
    priced = _price([_line("labour", 1, component="启动机"),
                     _line("labour", 1, component=" 变速箱 壳体 "),  # compared like the terms
                     _line("labour", 1, component="割台"),  # no line of its own: whole machine
                     _line("call_out", 1)], decision)
    assert [line["coverage"] for line in priced.lines] == ["paid", "warranty", "contract",
                                                          "contract"]
    assert [line["charge_fen"] for line in priced.lines] == [8000, 0, 0, 0]
    assert priced.charge_fen == 8000 and priced.total_fen == 3 * 8000 + 10000


def test_without_a_whole_machine_line_the_orders_coverage_decides_and_overrides_count():
    decision = [{"component": "启动机", "result": "paid",
                 "override": {"result": "warranty", "reason": "促销", "by": "m", "at": "x"}}]
    priced = _price([_line("labour", 1, component="启动机"), _line("call_out", 1)], decision,
                    coverage="mixed")
    assert [line["coverage"] for line in priced.lines] == ["warranty", "mixed"]
    assert priced.charge_fen == PRICES["call_out"]
    assert _price([_line("labour", 1)], (), coverage="warranty").charge_fen == 0


def test_repricing_follows_a_coverage_decision_made_later():
    priced = _price([_line("labour", 1, component="启动机")])
    lines, charge = q.reprice_coverage(priced.lines, [{"component": "启动机",
                                                       "result": "warranty"}], "mixed")
    assert charge == 0 and lines[0]["covered"] and priced.charge_fen == 8000


def test_where_a_quote_stands_decides_what_may_happen():
    assert q.may_go_ahead("warranty", None) and q.may_go_ahead("unknown", None)
    assert not q.may_go_ahead("paid", None) and not q.may_go_ahead("mixed", "approved")
    assert q.may_go_ahead("paid", "confirmed") and q.may_go_ahead("mixed", "released")
    assert not q.may_go_ahead("paid", "refused")

    def code(check, state):
        with pytest.raises(q.QuoteConflict) as refused:
            check(state)
        return refused.value.code

    assert code(q.check_approve, None) == "no_quote"
    assert code(q.check_approve, "approved") == "quote_not_pending"
    assert code(q.check_confirm, "pending_approval") == "quote_needs_approval"
    assert code(q.check_refuse, "pending_approval") == "quote_needs_approval"
    assert code(q.check_confirm, "confirmed") == "quote_decided"
    assert code(q.check_release, "approved") == "quote_not_refused"
    assert code(q.check_link, "pending_approval") == "quote_needs_approval"
    q.check_approve("pending_approval")
    q.check_confirm("approved")
    q.check_confirm("refused")  # the customer may change their mind
    q.check_release("refused")


def test_money_prints_as_yuan_without_floats():
    assert q.yuan(123456) == "1234.56" and q.yuan(5) == "0.05" and q.yuan(0) == "0.00"
    assert str(q.quantity_value(125)) == "1.25" and q.quantity_value(300) == 3
    assert q.expired("2026-03-31", "2026-04-01") and not q.expired("2026-04-01", "2026-04-01")
    assert not q.expired(None, "2026-04-01")
