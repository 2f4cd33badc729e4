"""The budget's rules (chalicelib/modules/fees/domain/budgets.py): figures, the thresholds on
the year's total, the booking's condition and the limits' changes."""

from __future__ import annotations

from chalicelib.modules.fees.domain import budgets as rules
from chalicelib.modules.fees.vocabulary import BUDGET_CATEGORIES


def test_the_categories_are_the_vocabularys():
    assert rules.CATEGORIES == BUDGET_CATEGORIES


def test_figures_from_stored_amounts():
    stored = {"repair_limit_fen": 1000, "repair_raised_fen": 200, "repair_spent_fen": 1500,
              "visits_limit_fen": 400, "visits_spent_fen": 100}
    figures = rules.figures(stored)
    assert figures["repair"].remaining_fen == -300 and figures["repair"].used_rate == 1.25
    assert figures["visits"].remaining_fen == 300 and figures["visits"].used_rate == 0.25
    assert figures["training"] == rules.Figures() and figures["training"].used_rate is None
    total = rules.total(figures)
    assert (total.limit_fen, total.raised_fen, total.spent_fen) == (1400, 200, 1600)
    assert total.view() == {"limit_fen": 1400, "raised_fen": 200, "spent_fen": 1600,
                            "remaining_fen": 0, "used_rate": 1.0}


def test_the_used_rate_never_shows_a_threshold_not_reached():
    almost = rules.Figures(10_000_000, 0, 7_999_960)  # 79.9996 %: not yet 80 %
    assert rules.reached(almost) == () and almost.used_rate == 0.7999  # rounded down, not 0.8
    assert rules.Figures(10_000_000, 0, 8_000_000).used_rate == 0.8
    assert rules.Figures(3, 0, 2).used_rate == 0.6666
    assert rules.Figures(10_000_000, 0, 9_999_999).used_rate == 0.9999  # not 1.0 (told at 100)


def test_thresholds_on_the_years_total():
    assert rules.reached(rules.Figures(10_000_000, 0, 7_999_999)) == ()
    assert rules.reached(rules.Figures(10_000_000, 0, 8_000_000)) == (80,)
    assert rules.reached(rules.Figures(10_000_000, 0, 9_999_999)) == (80,)
    assert rules.reached(rules.Figures(8_000_000, 2_000_000, 10_000_000)) == (80, 100)
    assert rules.reached(rules.Figures(0, 0, 5)) == ()  # no budget: nothing to warn of
    assert rules.percent(rules.Figures(10_000_000, 0, 7_999_999)) == 79
    assert rules.percent(rules.Figures(3, 0, 1)) == 33


def test_the_booking_condition():
    assert rules.may_book(stop=False, room_fen=-5, amount_fen=100)
    assert rules.may_book(stop=True, room_fen=100, amount_fen=100)
    assert not rules.may_book(stop=True, room_fen=99, amount_fen=100)
    assert rules.bookable_fen(True, -30) == 0 and rules.bookable_fen(True, 30) == 30
    assert rules.bookable_fen(False, 30) is None


def test_limit_changes_keep_what_is_not_sent():
    deltas = rules.limit_deltas({"repair": 500, "visits": 100}, {"repair": 300, "support": 50})
    assert deltas == {"repair": -200, "maintenance": 0, "support": 50, "visits": 0,
                      "training": 0}


def test_the_category_of_an_orders_cost():
    assert rules.category_for_order("maintenance") == "maintenance"
    assert rules.category_for_order("inspection") == "maintenance"
    assert rules.category_for_order("tech_support") == "support"
    assert rules.category_for_order("repair") == "repair"
    assert rules.category_for_order(None) == "repair"
