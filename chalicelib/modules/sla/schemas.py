"""What the SLA area answers: clocks with the explanation of their due times, the at-risk
board, the policy and the working calendar (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.schemas import (
    BOOL,
    INT,
    NINT,
    NNUM,
    NSTR,
    NUM,
    STR,
    array,
    enum,
    nullable,
    obj,
    ref,
)
from chalicelib.modules.sla.domain.events import ACK_EVENT
from chalicelib.modules.sla.domain.policy import BASES, CLOCKS, LEVEL_SCHEMA, RECIPIENTS, UNITS
from chalicelib.modules.sla.policies import POLICY_SCHEMA, RULE_SCHEMA

# clock.status(): a running clock's standing, or a stopped clock's outcome
CLOCK_STATUSES = ("on_track", "at_risk", "breached", "met", "missed", "paused", "cancelled")
# calendar.PeriodKind and calendar.Source (the calendar module stays out of the API's cold
# start, so they are repeated here; tests/unit/test_openapi_document.py compares them)
PERIOD_KINDS = ("night", "weekend", "holiday", "override")
DAY_SOURCES = ("library", "override", "fallback")

_SUMMARY = {
    "name": ref("ClockName"), "status": enum(CLOCK_STATUSES), "basis": enum(BASES),
    "due_at": STR, "started_at": STR, "stopped_at": NSTR, "late_seconds": NINT,
    "warning_at": NSTR, "paused": BOOL,
}
# How a clock's due time was set: the policy rule it matched (domain/clock.py start_clock),
# the network policy's version and the outlet override's (null: none; absent on a clock
# recomputed after a correction)
# (a clock due at a date its subject agreed, a complaint's improvement, has no rule: amount,
# unit and rule_index null, `agreed_due` the instant)
_TARGET_FIELDS = {"amount": NNUM, "unit": nullable(enum(UNITS)), "basis": enum(BASES),
                  "note": STR, "rule_index": NINT, "cap_working_days": NNUM,
                  "policy_version": INT}
# `note`: the rule in words, in the reader's language (explain.py); `rule_note`: head office's
# own remark on the rule, as typed; priority, type and max_distance_km: what the rule matched
# on (null: any; absent on a clock stored whole before they were kept: a work order's clock
# stored compact has them, null when not kept, as it has `outlet_policy_version`)
_TARGET = obj({**_TARGET_FIELDS, "outlet_policy_version": NINT, "rule_note": STR,
               "priority": NSTR, "type": NSTR, "max_distance_km": NNUM, "agreed_due": NSTR},
              required=list(_TARGET_FIELDS))
# A manager's acknowledgement of a breach
_ACK = obj({"at": STR, "by": STR, "by_name": STR, "note": STR})
# One running clock on the at-risk board: time left (negative when late), the version an
# acknowledgement is checked against, its rule in words (reader's language; null for clocks
# started before rules were kept on watches), its acknowledgement
_BOARD_CLOCK = {"clock": ref("ClockSummary"), "seconds_left": INT, "version": INT,
                "explanation": NSTR, "acknowledgement": nullable(_ACK)}
_POLICY = {"rules": array(ref("SlaRule")), "levels": array(ref("SlaLevel")),
           "evidence": POLICY_SCHEMA["properties"]["evidence"],
           "notices": POLICY_SCHEMA["properties"]["notices"],  # hand-off notices' settings
           "parts": POLICY_SCHEMA["properties"]["parts"]}  # spare parts' settings

SCHEMAS: dict[str, dict] = {
    "ClockName": enum(CLOCKS),
    "ClockSummary": obj(_SUMMARY),
    "ClockTarget": _TARGET,
    "Clock": obj({
        **_SUMMARY, "target": ref("ClockTarget"),
        "start_event": STR,  # what started it: "create" or the lifecycle action
        "explanation": obj({
            # non-working stretches the due time skipped
            "skipped": array(obj({"start": STR, "end": STR, "kind": enum(PERIOD_KINDS),
                                  "reason": STR, "reason_zh": STR})),
            # holds: the due time moved by the paused span, in the clock's basis
            "pauses": array(obj({"from": STR, "to": STR, "shift_seconds": INT})),
            # a manager's extensions (extend_clock)
            "extensions": array(obj({"at": STR, "by": STR, "minutes": INT, "reason": STR})),
            # recomputations of a running clock: the site's distance corrected (distance) or
            # a complex repair's agreed finish (plan)
            "adjustments": array(obj({
                "at": STR, "kind": enum(["plan", "distance"]), "previous_due_at": STR,
                "planned_at": STR, "cap_at": NSTR,
                "distance_km": NUM, "reason": STR, "previous_target": ref("ClockTarget"),
            }, required=["at", "kind", "previous_due_at"])),
            # years the calendar does not know yet: the due time may move
            "unconfirmed_years": array(INT),
        }),
        "notified": array(STR),  # escalation levels already notified
        "levels": array(obj({"name": STR, "at": STR, "notify": array(enum(RECIPIENTS))})),
        "run": INT,
    }),
    # A clock of a subject (subjects.py); order_id, number, customer_name, technician_name and
    # state name the subject of any kind (their names are from when only work orders had
    # clocks). `state` is the subject's own, named by its kind's vocabulary (order_state,
    # complaint_state, consultation_state); only work orders have a priority.
    # One row per subject: its most urgent clock (fields of _BOARD_CLOCK) and its other
    # clocks on the board (`others`, most urgent first; acknowledged ones last)
    "AtRisk": obj({
        "order_id": STR, "number": STR, "customer_name": STR, "technician_name": NSTR,
        "priority": nullable(ref("Priority")), "state": STR,
        "subject_kind": STR,  # a registered kind: "work_order"
        "subject_id": STR, "link": STR,  # the SPA's path of the subject
        **_BOARD_CLOCK, "others": array(ref("AtRiskClock"))}),
    "AtRiskClock": obj(_BOARD_CLOCK),
    # items: rows to act on, by their most urgent clock's standing: about to breach (warned
    # of; least time left first), breached (the most recent first), due later in the horizon
    # (on_track; least time left first); acknowledged: rows whose breaches were all
    # acknowledged; totals count the rows of each; truncated: a part of the board had more than
    # one page (the longest overdue left out)
    "AtRiskList": obj({"items": array(ref("AtRisk")), "acknowledged": array(ref("AtRisk")),
                       "totals": obj({"at_risk": INT, "breached": INT, "on_track": INT,
                                      "acknowledged": INT}),
                       "now": STR, "truncated": BOOL}),
    "SlaAcknowledgementResult": obj({
        "subject_kind": STR, "subject_id": STR, "clock": ref("ClockName"), "version": INT,
        "acknowledgement": _ACK}),
    # the sla area's events on a subject's timeline
    "SlaEvent": enum([ACK_EVENT]),
    "SlaRule": RULE_SCHEMA,
    "SlaLevel": LEVEL_SCHEMA,
    "SlaPolicy": obj(_POLICY, required=["rules", "levels"]),
    # an outlet's override: any part may be absent
    "SlaPolicyOverride": obj(_POLICY, required=[]),
    "PolicyView": obj({
        "network": ref("SlaPolicy"), "override": nullable(ref("SlaPolicyOverride")),
        "effective": ref("SlaPolicy"), "version": INT, "override_version": NINT,
        "updated_at": NSTR, "updated_by": NSTR}),
    "CalendarYear": obj({
        "year": INT, "confirmed": BOOL, "library_covers": BOOL,
        "working_hours": obj({"start": STR, "end": STR, "timezone": STR}),
        "days": array(obj({
            "date": STR, "working": BOOL, "reason": STR, "reason_zh": STR,
            "source": enum(DAY_SOURCES)}))}),
    "CalendarDay": obj({"date": STR, "working": BOOL, "reason": STR}),
}
