"""The travel claim rules (差旅费报销单, chalicelib/modules/fees/domain/claims.py), pure: the trip's
dates, transport modes and the manager's prior approval for taxi and freight, totals and the
advance netted, receipts (a file claimed twice), the linked orders' windows, filing late, the
approval chain (a manager's own claim: head office alone), what an edit's event keeps."""

from __future__ import annotations

from datetime import date

import pytest

from chalicelib.modules.fees.domain import claims as rules

TODAY = date(2026, 11, 27)


def _line(**kw) -> dict:
    return {"date": "2026-11-25", "from": "深圳", "to": "东莞", "category": "lodging",
            "amount_fen": 28000, **kw}


def _body(*lines, departed="2026-11-24", returned="2026-11-26") -> dict:
    return {"departed_on": departed, "returned_on": returned, "lines": list(lines or [_line()])}


def test_a_sound_trip_has_no_problems():
    assert rules.check_trip(_body(_line(), _line(category="transport", mode="train")),
                            TODAY, ()) == {}


def test_the_return_is_not_before_the_departure_nor_in_the_future():
    backwards = _body(_line(date="2026-11-25"), departed="2026-11-26", returned="2026-11-25")
    assert rules.check_trip(backwards, TODAY, ())["returned_on"][0] == "before_departure"
    future = _body(_line(), returned="2026-11-28")
    assert rules.check_trip(future, TODAY, ())["returned_on"][0] == "future"


def test_a_line_dated_outside_the_trip_is_named_by_its_date():
    problems = rules.check_trip(_body(_line(), _line(date="2026-11-27")), TODAY, ())
    assert list(problems) == ["lines.1.date"]
    code, params = problems["lines.1.date"]
    assert code == "outside_trip" and params == {"departed": "2026-11-24",
                                                 "returned": "2026-11-26"}


def test_a_transport_line_needs_its_mode():
    assert rules.check_trip(_body(_line(category="transport")), TODAY, ()) == {
        "lines.0.mode": ("required", {})}


@pytest.mark.parametrize("mode", ["taxi", "freight"])
def test_taxi_and_freight_need_the_prior_approval_of_a_manager_of_the_outlet(mode):
    line = _line(category="transport", mode=mode)
    assert rules.check_trip(_body(line), TODAY, ["sz_manager"]) == {
        "lines.0.prior_approval": ("prior_approval_required", {})}
    agreed_by_tech = {**line, "prior_approval": {"by": "sz_tech2", "note": "电话"}}
    assert rules.check_trip(_body(agreed_by_tech), TODAY, ["sz_manager"]) == {
        "lines.0.prior_approval.by": ("not_outlet_manager", {})}
    agreed = {**line, "prior_approval": {"by": "sz_manager", "note": "电话请示"}}
    assert rules.check_trip(_body(agreed), TODAY, ["sz_manager"]) == {}
    assert rules.check_trip(_body(agreed), TODAY, ["sz_manager"], "sz_tech1") == {}
    # the mode counts on a transport line only
    assert rules.check_trip(_body(_line(mode=mode)), TODAY, ()) == {}


def test_a_train_needs_no_prior_approval_and_a_line_keeps_only_what_applies():
    kept = rules.clean_line(_line(category="lodging", mode="taxi",
                                  prior_approval={"by": "sz_manager"}, note="  ",
                                  receipts=["rct_1", "rct_1", "rct_2"]))
    assert kept["mode"] is None and kept["prior_approval"] is None and kept["note"] is None
    assert kept["receipts"] == ["rct_1", "rct_2"]
    taxi = rules.clean_line(_line(category="transport", mode="taxi",
                                  prior_approval={"by": "sz_manager", "note": " 同意 "}))
    assert taxi["prior_approval"] == {"by": "sz_manager", "note": "同意"}
    train = rules.clean_line(_line(category="transport", mode="train",
                                   prior_approval={"by": "sz_manager"}))
    assert train["mode"] == "train" and train["prior_approval"] is None


def test_totals_by_category_and_the_advance_netted():
    sums = rules.totals([_line(category="transport", amount_fen=4550),
                         _line(category="transport", amount_fen=6800),
                         _line(amount_fen=28000), _line(category="allowance", amount_fen=10000)])
    assert sums.total_fen == 49350
    assert sums.by_category == {"transport": 11350, "lodging": 28000, "meals": 0,
                                "allowance": 10000, "other": 0}
    assert sums.net_fen(30000) == 19350
    assert sums.net_fen(60000) == -10650  # the claimant pays the rest of the advance back


def test_every_line_but_an_allowance_needs_a_verified_receipt_at_submit():
    lines = [_line(receipts=["rct_a"]), _line(category="allowance"), _line(),
             _line(receipts=["rct_b"]), _line(receipts=["rct_x"])]
    statuses = {"rct_a": "verified", "rct_b": "pending"}
    assert rules.receipt_problems(lines, statuses, True) == {
        "lines.2.receipts": ("receipt_required", {}),
        "lines.3.receipts": ("receipt_not_verified", {"receipt": "rct_b"}),
        "lines.4.receipts": ("receipt_unknown", {"receipt": "rct_x"})}
    # while a draft is edited only receipts that are not the claim's are refused
    assert rules.receipt_problems(lines, statuses, False) == {
        "lines.4.receipts": ("receipt_unknown", {"receipt": "rct_x"})}
    assert rules.receipt_problems([_line(receipts=["rct_r"])], {"rct_r": "rejected"}, False)


def test_a_line_outside_every_linked_orders_window_is_flagged():
    closed = rules.Window(date(2026, 11, 24), date(2026, 11, 25))
    open_ = rules.Window(date(2026, 11, 26), None)
    assert rules.line_flags(date(2026, 11, 25), [closed], True) == []
    assert rules.line_flags(date(2026, 11, 23), [closed], True) == ["outside_window"]
    assert rules.line_flags(date(2026, 11, 26), [closed], True) == ["outside_window"]
    assert rules.line_flags(date(2026, 11, 30), [closed, open_], True) == []
    assert rules.line_flags(date(2026, 11, 30), [None], True) == ["outside_window"]
    assert rules.line_flags(date(2026, 11, 30), [], False) == []  # no orders: nothing to check


def test_installation_and_contract_guidance_need_every_linked_order():
    assert rules.order_kinds([]) == (False, False)
    assert rules.order_kinds([("installation", "contract")]) == (True, True)
    assert rules.order_kinds([("installation", "contract"), ("installation", "paid")]) == (
        True, False)
    assert rules.order_kinds([("installation", "contract"), ("repair", "contract")]) == (
        False, False)


def test_submitted_after_the_filing_due_date_is_late():
    due = date(2026, 12, 2)  # returned Friday 27 November: Mon, Tue, Wed
    assert not rules.is_late(date(2026, 12, 2), due)
    assert rules.is_late(date(2026, 12, 3), due)


@pytest.mark.parametrize("claimant", ["technician", "support"])
def test_the_manager_decides_first_then_head_office(claimant):
    assert not rules.wrong_step("manager", "submitted", claimant)
    assert rules.wrong_step("head_office", "submitted", claimant)
    assert not rules.wrong_step("head_office", "manager_approved", claimant)
    assert rules.wrong_step("manager", "manager_approved", claimant)
    for state in ("draft", "approved", "rejected"):
        assert rules.wrong_step("manager", state, claimant)
        assert rules.wrong_step("head_office", state, claimant)
        assert rules.waits_for(state, claimant) is None
    assert rules.waits_for("submitted", claimant) == "manager"
    assert rules.after_decision("submitted", "approve", claimant) == "manager_approved"
    assert rules.after_decision("manager_approved", "approve", claimant) == "approved"
    assert rules.after_decision("submitted", "reject", claimant) == "rejected"
    assert rules.after_decision("manager_approved", "reject", claimant) == "rejected"


def test_a_managers_own_claim_skips_the_managers_step_head_office_decides_it_submitted():
    assert rules.waits_for("submitted", "manager") == "head_office"
    assert rules.wrong_step("manager", "submitted", "manager")  # no manager decides it
    assert not rules.wrong_step("head_office", "submitted", "manager")
    assert rules.after_decision("submitted", "approve", "manager") == "approved"
    assert rules.after_decision("submitted", "reject", "manager") == "rejected"
    for state in ("draft", "approved", "rejected"):
        assert rules.wrong_step("head_office", state, "manager")


def test_a_manager_does_not_agree_to_their_own_taxi():
    taxi = _line(category="transport", mode="taxi",
                 prior_approval={"by": "sz_manager", "note": "自己同意"})
    assert rules.check_trip(_body(taxi), TODAY, ["sz_manager", "sz_manager2"], "sz_manager") == {
        "lines.0.prior_approval.by": ("prior_approval_self", {})}
    other = {**taxi, "prior_approval": {"by": "sz_manager2"}}
    assert rules.check_trip(_body(other), TODAY, ["sz_manager", "sz_manager2"],
                            "sz_manager") == {}


def test_a_receipt_file_is_held_only_by_another_claim_submitted_or_further_on():
    holders = {"sha_a": {"clm_me", "clm_draft"}, "sha_b": {"clm_me", "clm_sent", "clm_done"},
               "sha_c": {"clm_me", "clm_rejected"}, "sha_d": {"clm_me"},
               "sha_e": {"clm_gone"}}
    claims = {"clm_me": ("submitted", "BX-SZ-2026-0001"),
              "clm_draft": ("draft", "BX-SZ-2026-0002"),
              "clm_sent": ("submitted", "BX-SZ-2026-0009"),
              "clm_done": ("approved", "BX-SZ-2026-0003"),
              "clm_rejected": ("rejected", "BX-SZ-2026-0004")}
    # a draft holds nothing yet, a rejected claim no longer; the claim itself never counts
    assert rules.held_elsewhere(holders, claims, "clm_me") == {"sha_b": "BX-SZ-2026-0003"}
    lines = [_line(receipts=["rct_1"]), _line(receipts=["rct_2", "rct_3"]),
             _line(category="allowance"), _line(receipts=["rct_4"])]
    shas = {"rct_1": "sha_a", "rct_2": "sha_d", "rct_3": "sha_b", "rct_4": "sha_b"}
    found = rules.duplicates(lines, shas, {"sha_b": "BX-SZ-2026-0003"})
    assert found == {1: [("rct_3", "BX-SZ-2026-0003")], 3: [("rct_4", "BX-SZ-2026-0003")]}
    assert rules.duplicate_problems(found) == {
        "lines.1.receipts": ("receipt_duplicate", {"receipt": "rct_3",
                                                   "number": "BX-SZ-2026-0003"}),
        "lines.3.receipts": ("receipt_duplicate", {"receipt": "rct_4",
                                                   "number": "BX-SZ-2026-0003"})}
    assert rules.line_flags(date(2026, 11, 25), [], False, duplicate=True) == [
        "duplicate_receipt"]
    assert rules.line_flags(date(2026, 11, 23), [rules.Window(date(2026, 11, 24), None)], True,
                            duplicate=True) == ["outside_window", "duplicate_receipt"]


def test_an_edits_event_keeps_what_changed_compactly_not_the_lines():
    before_lines = [_line(amount_fen=100), _line(amount_fen=200), _line(amount_fen=300)]
    after_lines = [_line(amount_fen=100), _line(amount_fen=250)]
    before = {"reason": "维修", "advance_fen": 0, "orders": [{"id": "wo_1", "number": "N1"}],
              "lines": before_lines, "total_fen": 600}
    after = {"reason": "维修（改）", "advance_fen": 0, "orders": [],
             "lines": after_lines, "total_fen": 350}
    record = rules.change_record(before, after, {"orders": lambda o: [x["number"] for x in o]})
    assert record == {
        "changed": ["reason", "orders", "lines", "total_fen"],
        "before": {"reason": "维修", "orders": ["N1"], "total_fen": 600},
        "after": {"reason": "维修（改）", "orders": [], "total_fen": 350},
        "lines": {"before": {"count": 3, "total_fen": 600},
                  "after": {"count": 2, "total_fen": 350}, "changed": [1, 2]}}
    assert rules.change_record(before, before, {})["changed"] == []
    assert rules.changed_lines([], after_lines) == [0, 1]
    assert rules.line_dates([_line(date="2026-11-26"), _line(), _line()]) == [
        "2026-11-25", "2026-11-26"]


def test_grade_and_the_budget_would_be_exceeded():
    assert rules.grade(4, "维修工程师") == "4★"
    assert rules.grade(None, "售后经理") == "售后经理"
    assert rules.would_exceed(True, 10000, 15000)
    assert not rules.would_exceed(True, 15000, 15000)
    assert rules.would_exceed(True, -500, 1)  # overspent: nothing left
    assert not rules.would_exceed(False, -500, 15000)  # not stopped: booked anyway
