"""Clocks as specifications: due times, pauses in business time, lateness, levels."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from chalicelib.modules.sla.domain import clock as sc
from chalicelib.modules.sla.domain.calendar import Calendar
from chalicelib.modules.sla.domain.policy import resolve_target
from chalicelib.modules.sla.policies import DEFAULT_POLICY

SH = ZoneInfo("Asia/Shanghai")
CAL = Calendar()
LEVELS = DEFAULT_POLICY["levels"]


def at(text: str) -> datetime:
    """A Shanghai wall-clock time."""
    return datetime.fromisoformat(text).replace(tzinfo=SH)


def utc(text: str) -> str:
    return sc.iso(at(text))


def target(clock: str, priority: str = "general", km: float | None = 10):
    return resolve_target(DEFAULT_POLICY, clock, priority=priority, order_type="repair",
                          distance_km=km)


def test_contact_clock_is_due_20_minutes_after_dispatch_even_at_night():
    clock = sc.start_clock(CAL, "contact", target("contact"), 1, "dispatch",
                           at("2026-11-21 22:00"), LEVELS)  # a Saturday night
    assert clock["due_at"] == utc("2026-11-21 22:20")
    assert clock["explanation"]["skipped"] == []


def test_levels_warn_at_80_percent_breach_at_due_escalate_4h_later():
    clock = sc.start_clock(CAL, "contact", target("contact"), 1, "dispatch",
                           at("2026-11-23 10:00"), LEVELS)
    assert [(lv["name"], lv["at"]) for lv in clock["levels"]] == [
        ("warning", utc("2026-11-23 10:16")), ("breach", utc("2026-11-23 10:20")),
        ("escalation", utc("2026-11-23 14:20"))]
    assert sc.next_check(clock) == utc("2026-11-23 10:16")
    assert sc.next_check({**clock, "notified": ["warning"]}) == utc("2026-11-23 10:20")
    assert sc.warning_at(clock) == utc("2026-11-23 10:16")


def test_status_follows_the_time():
    clock = sc.start_clock(CAL, "contact", target("contact"), 1, "dispatch",
                           at("2026-11-23 10:00"), LEVELS)
    assert sc.status(clock, at("2026-11-23 10:05")) == "on_track"
    assert sc.status(clock, at("2026-11-23 10:17")) == "at_risk"
    assert sc.status(clock, at("2026-11-23 10:21")) == "breached"


def test_arrival_300km_away_is_due_24_calendar_hours_after_dispatch():
    clock = sc.start_clock(CAL, "arrival", target("arrival", km=280), 1, "dispatch",
                           at("2026-11-20 16:00"), LEVELS)
    assert clock["due_at"] == utc("2026-11-21 16:00")


def test_repair_checked_in_on_friday_is_due_on_the_third_working_day():
    clock = sc.start_clock(CAL, "repair", target("repair"), 1, "check_in",
                           at("2026-11-20 10:00"), LEVELS)  # Friday
    assert clock["due_at"] == utc("2026-11-25 10:00")  # Wednesday
    reasons = [p["reason"] for p in clock["explanation"]["skipped"]]
    assert "weekend" in reasons and "night" in reasons


def test_working_clock_paused_over_a_weekend_is_shifted_by_working_time_only():
    clock = sc.start_clock(CAL, "repair", target("repair"), 1, "check_in",
                           at("2026-11-16 10:00"), LEVELS)  # Monday, due Thursday 10:00
    assert clock["due_at"] == utc("2026-11-19 10:00")
    paused = sc.pause(clock, at("2026-11-20 16:00"))  # Friday 16:00 (already late, still paused)
    assert sc.status(paused, at("2026-11-21 12:00")) == "paused"
    resumed = sc.resume(CAL, paused, at("2026-11-23 09:30"))  # Monday 09:30
    # paused working time: Fri 16:00–17:30 (1.5 h) + Mon 08:30–09:30 (1 h) = 2.5 h
    assert resumed["explanation"]["pauses"] == [{"from": utc("2026-11-20 16:00"),
                                                 "to": utc("2026-11-23 09:30"),
                                                 "shift_seconds": 9000}]
    assert resumed["due_at"] == utc("2026-11-19 12:30")
    assert resumed["state"] == "running"


def test_calendar_clock_is_shifted_by_the_wall_clock_pause():
    clock = sc.start_clock(CAL, "arrival", target("arrival", km=280), 1, "dispatch",
                           at("2026-11-20 16:00"), LEVELS)
    resumed = sc.resume(CAL, sc.pause(clock, at("2026-11-20 18:00")), at("2026-11-21 06:00"))
    assert resumed["due_at"] == utc("2026-11-22 04:00")
    assert resumed["levels"][0]["at"] > clock["levels"][0]["at"]


def test_stop_on_time_is_met_and_late_counts_working_time():
    clock = sc.start_clock(CAL, "repair", target("repair"), 1, "check_in",
                           at("2026-11-16 10:00"), LEVELS)  # due Thu 10:00
    assert sc.stop(CAL, clock, at("2026-11-18 15:00"))["outcome"] == "met"
    late = sc.stop(CAL, clock, at("2026-11-20 09:30"))  # Thu 10:00–17:30 + Fri 08:30–09:30
    assert late["outcome"] == "missed" and late["late_seconds"] == int(8.5 * 3600)
    assert sc.status(late, at("2026-11-30 00:00")) == "missed"
    assert sc.next_check(late) is None


def test_extension_moves_the_due_time_and_is_explained():
    clock = sc.start_clock(CAL, "contact", target("contact"), 1, "dispatch",
                           at("2026-11-23 10:00"), LEVELS)
    longer = sc.extend(CAL, clock, 60, "客户要求下午联系", "sz_manager", at("2026-11-23 10:05"))
    assert longer["due_at"] == utc("2026-11-23 11:20")
    assert longer["explanation"]["extensions"][0]["reason"] == "客户要求下午联系"
    assert [lv["at"] for lv in longer["levels"]][1] == utc("2026-11-23 11:20")


def test_notified_levels_are_not_moved_by_an_extension():
    clock = sc.start_clock(CAL, "contact", target("contact"), 1, "dispatch",
                           at("2026-11-23 10:00"), LEVELS)
    clock["notified"] = ["warning"]
    longer = sc.extend(CAL, clock, 60, "x", "m", at("2026-11-23 10:17"))
    assert longer["levels"][0] == clock["levels"][0]


def test_corrected_distance_recomputes_a_running_arrival_clock():
    clock = sc.start_clock(CAL, "arrival", target("arrival", km=None), 1, "dispatch",
                           at("2026-11-20 16:00"), LEVELS)
    assert clock["due_at"] == utc("2026-11-23 16:00")  # unknown distance: 72 h
    fixed = sc.recompute(CAL, clock, target("arrival", km=120),
                         {"kind": "distance", "distance_km": 120, "reason": "客户更正地址"},
                         at("2026-11-20 17:00"), LEVELS)
    assert fixed["due_at"] == utc("2026-11-21 16:00")
    adjustment = fixed["explanation"]["adjustments"][0]
    assert adjustment["previous_due_at"] == clock["due_at"] and adjustment["distance_km"] == 120


def test_complex_repair_is_due_at_the_planned_date_but_never_beyond_10_working_days():
    clock = sc.start_clock(CAL, "repair", target("repair"), 1, "check_in",
                           at("2026-11-16 10:00"), LEVELS)
    planned = sc.cap_to_plan(CAL, clock, at("2026-11-24 17:00"), at("2026-11-17 09:00"))
    assert planned["due_at"] == utc("2026-11-24 17:00")
    too_late = sc.cap_to_plan(CAL, clock, at("2027-01-20 17:00"), at("2026-11-17 09:00"))
    assert too_late["due_at"] == utc("2026-11-30 10:00")  # 10 working days after Mon 16th


def test_a_planned_finish_moves_the_warning_and_the_breach_with_the_due_time():
    clock = sc.start_clock(CAL, "repair", target("repair"), 1, "check_in",
                           at("2026-11-16 10:00"), LEVELS)  # due Thu 19th 10:00 by the rule
    planned = sc.cap_to_plan(CAL, clock, at("2026-11-24 17:00"), at("2026-11-17 09:00"), LEVELS)
    when = {lv["name"]: lv["at"] for lv in planned["levels"]}
    assert when["breach"] == utc("2026-11-24 17:00")  # not at the rule's due time
    assert when["escalation"] == utc("2026-11-24 21:00")
    assert utc("2026-11-19 10:00") < when["warning"] < when["breach"]
    # a level the sweep sent already (it keeps them on the clock's watch) stays where it was
    kept = sc.cap_to_plan(CAL, clock, at("2026-11-24 17:00"), at("2026-11-17 09:00"), LEVELS,
                          sent={"warning"})
    assert {lv["name"]: lv["at"] for lv in kept["levels"]}["warning"] == next(
        lv["at"] for lv in clock["levels"] if lv["name"] == "warning")


def test_a_year_the_library_does_not_know_is_reported_unconfirmed():
    clock = sc.start_clock(CAL, "return_visit", target("return_visit"), 1, "accept",
                           at("2026-12-30 10:00"), LEVELS)
    assert clock["explanation"]["unconfirmed_years"] == [2027]
    assert clock["due_at"] == utc("2027-01-05 10:00")  # Jan 1 is kept as a fixed holiday


def test_summary_has_what_the_badges_need():
    clock = sc.start_clock(CAL, "contact", target("contact"), 1, "dispatch",
                           datetime(2026, 11, 23, 2, 0, tzinfo=UTC), LEVELS)
    summary = sc.summary(clock, datetime(2026, 11, 23, 2, 17, tzinfo=UTC))
    assert summary == {"name": "contact", "status": "at_risk", "basis": "calendar",
                       "due_at": "2026-11-23T02:20:00.000Z", "started_at": "2026-11-23T02:00:00.000Z",
                       "stopped_at": None, "late_seconds": None,
                       "warning_at": "2026-11-23T02:16:00.000Z", "paused": False}


def _clocks_through_a_life() -> list[dict]:
    """Whole clocks in every shape a work order's life gives them: running over a weekend and
    nights (working basis), paused, resumed, extended, recomputed, capped to a plan, stopped."""
    repair = sc.start_clock(CAL, "repair", target("repair"), 3, "check_in",
                            at("2026-11-20 16:00"), LEVELS)  # a Friday afternoon
    paused = sc.pause(repair, at("2026-11-23 09:00"))
    resumed = sc.resume(CAL, paused, at("2026-11-23 11:00"))
    extended = sc.extend(CAL, resumed, 90, "客户要求改期", "sz_manager", at("2026-11-23 11:05"))
    capped = sc.cap_to_plan(CAL, extended, at("2026-11-25 15:00"), at("2026-11-23 12:00"),
                            LEVELS, {"warning"})
    arrival = sc.start_clock(CAL, "arrival", target("arrival", km=80), 3, "dispatch",
                             at("2026-11-20 16:00"), LEVELS)
    recomputed = sc.recompute(CAL, arrival, target("arrival", km=280),
                              {"kind": "distance", "distance_km": 280, "reason": "地址更正"},
                              at("2026-11-20 17:00"), LEVELS)
    stopped = sc.stop(CAL, recomputed, at("2026-11-24 09:00"))
    agreed = sc.start_agreed_clock(CAL, "inspection", at("2026-11-30 23:59"), 3, "create",
                                   at("2026-11-20 16:00"), LEVELS)
    # as the engine keeps them: it notes the outlet policy's version on the target (Clocks.start)
    return [{**c, "target": {**c["target"], "outlet_policy_version": None}}
            for c in (repair, paused, resumed, extended, capped, recomputed, stopped, agreed)]


def test_a_whole_clock_is_its_compact_part_its_detail_and_its_watch_levels_joined():
    for clock in _clocks_through_a_life():
        kept, found = sc.compact(clock), sc.detail(clock)
        assert sc.is_compact(kept) and set(kept) <= {*sc.COMPACT, "warning_at"}
        assert kept.get("warning_at") == sc.warning_at(clock)
        assert sc.whole(clock["name"], kept, found, clock["levels"]) == clock
        # what the order keeps is what the summaries and the list copy need, unchanged
        now = at("2026-11-24 10:00")
        assert sc.summary({**kept, "name": clock["name"]}, now) == sc.summary(clock, now)
        assert sc.list_copy({clock["name"]: kept}) == sc.list_copy({clock["name"]: clock})


def test_a_clock_detail_leaves_out_the_reasons_a_skipped_periods_kind_gives():
    repair = _clocks_through_a_life()[0]
    skipped = repair["explanation"]["skipped"]
    assert {p["kind"] for p in skipped} == {"night", "weekend"}
    stored = sc.detail(repair)["explanation"]["skipped"]
    assert all("reason" not in p and "reason_zh" not in p for p in stored)
    holiday = {**skipped[0], "kind": "holiday", "reason": "National Day", "reason_zh": "国庆节"}
    kept = sc.detail({**repair, "explanation": {**repair["explanation"], "skipped": [holiday]}})
    assert kept["explanation"]["skipped"] == [holiday]  # its own name, kept


def test_a_clock_stored_whole_reads_as_it_is():
    clock = _clocks_through_a_life()[3]
    stored = {k: v for k, v in clock.items() if k != "name"}
    assert not sc.is_compact(stored)
    assert sc.whole("repair", stored, None, None) == clock
