"""SLA policy as data (服务时限): targets per clock, priority, order type and distance, the
warning threshold and the escalation chain. Head office edits it; an outlet may override it.

Every number here is a default from `shared/domain.md`; none is a constant of the code. A
policy is a plain JSON document validated by `policy_schema(...)` (built with the work orders'
priorities and types and the evidence section in chalicelib/modules/sla/policies.py); clocks
keep the version of the policy they were started under, so a change applies to new clocks and
never rewrites history.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import asin, cos, radians, sin, sqrt

# complaint: answering a customer's complaint (投诉), started when it is recorded; improvement:
# a complaint's improvement measure (改善对策), due at the date its owner agreed (no rule);
# handover and answer: a customer's question or information taken by any staff member reaches
# the service desk (信息交接) and a question is answered (咨询答复), on working hours (001 §17 6.1-6.2);
# inspection: a maintenance contract's generated inspection, due at the end of its period (巡检期限:
# the contracts area gives the instant, docs/sla.md).
CLOCKS = ("response", "contact", "arrival", "repair", "return_visit", "complaint", "improvement",
          "handover", "answer", "inspection")
# clocks due at a date their subject agreed rather than by a rule of the policy
AGREED_CLOCKS = ("improvement", "inspection")
BASES = ("calendar", "working")
UNITS = ("minutes", "hours", "working_days")
RECIPIENTS = ("assignee", "outlet_manager", "head_office")
# The escalation levels a policy may name (their names: the sla area's vocabulary `level`):
# a warning before the due time, the breach at it, escalations after it. Chosen from this list,
# never typed, so every level has a name in both languages and a notice tag.
LEVELS = ("warning", "breach", "escalation")

def rule_schema(priorities: tuple[str, ...], order_types: tuple[str, ...]) -> dict:
    """A rule of the policy; which priorities and order types it may name are the work
    orders' (passed in: the domain imports no other area)."""
    return {
        "type": "object",
        "properties": {
            "clock": {"enum": [c for c in CLOCKS if c not in AGREED_CLOCKS]},
            "priority": {"anyOf": [{"enum": list(priorities)}, {"type": "null"}]},
            "type": {"anyOf": [{"enum": list(order_types)}, {"type": "null"}]},
            "max_distance_km": {"anyOf": [{"type": "number", "minimum": 0}, {"type": "null"}]},
            "amount": {"type": "number", "exclusiveMinimum": 0, "maximum": 10000},
            "unit": {"enum": list(UNITS)},
            "basis": {"enum": list(BASES)},
            "cap_working_days": {"anyOf": [{"type": "number", "exclusiveMinimum": 0}, {"type": "null"}]},
            "note": {"type": "string", "maxLength": 200},
        },
        "required": ["clock", "amount", "unit", "basis"],
        "additionalProperties": False,
    }


LEVEL_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"enum": list(LEVELS)},
        "elapsed_ratio": {"anyOf": [{"type": "number", "exclusiveMinimum": 0, "maximum": 1},
                                    {"type": "null"}]},
        "offset_minutes": {"anyOf": [{"type": "integer", "minimum": -100000, "maximum": 100000},
                                     {"type": "null"}]},
        "notify": {"type": "array", "items": {"enum": list(RECIPIENTS)}, "minItems": 1},
    },
    "required": ["name", "notify"],
    "additionalProperties": False,
}
# A level's name says when it comes, and its notice says so (【即将超时】 "剩余…" before the due
# time, 【已超时】 "已超时…" at or after it): a warning must come before the due time, a breach
# and an escalation at it or after it.
BEFORE_DUE = ("warning",)


def level_timing_problems(levels: list[dict]) -> dict[str, tuple[str, dict]]:
    """The levels whose time contradicts their name, by field (`levels.<i>.elapsed_ratio` when
    the level is timed by a ratio of the target, else `levels.<i>.offset_minutes`). A ratio
    (0–1] times a level before the due time, or at it when 1; an offset (none: 0) times it
    from the due time."""
    problems: dict[str, tuple[str, dict]] = {}
    for index, level in enumerate(levels or []):
        ratio, offset = level.get("elapsed_ratio"), level.get("offset_minutes")
        field = "elapsed_ratio" if ratio is not None else "offset_minutes"
        before_due = ratio < 1 if ratio is not None else (offset or 0) < 0
        if level.get("name") in BEFORE_DUE and not before_due:
            problems[f"levels.{index}.{field}"] = ("before_due", {})
        elif level.get("name") not in BEFORE_DUE and before_due:
            problems[f"levels.{index}.{field}"] = ("not_before_due", {})
    return problems


# Hand-off notices (the notifications area reads them through sla.public): a return visit with
# any score at or below the threshold tells the outlet's managers.
SCORE_MIN, SCORE_MAX = 1, 5
DEFAULT_NOTICES = {"low_score_threshold": 2}
NOTICES_SCHEMA = {
    "type": "object",
    "properties": {
        "low_score_threshold": {"type": "integer", "minimum": SCORE_MIN, "maximum": SCORE_MAX},
    },
    "additionalProperties": False,
}


# Spare parts (the parts area reads them through sla.public): a requisition line at or above
# expensive_line_fen (list price × quantity) also needs head office; parts issued and neither
# used nor returned unreturned_days after completion are flagged; the ABC classes' cut-offs.
DEFAULT_PARTS = {"expensive_line_fen": 200000, "unreturned_days": 3, "abc_a_percent": 80,
                 "abc_b_percent": 15}
PARTS_SCHEMA = {
    "type": "object",
    "properties": {
        "expensive_line_fen": {"type": "integer", "minimum": 0, "maximum": 10**12},
        "unreturned_days": {"type": "integer", "minimum": 1, "maximum": 30},
        "abc_a_percent": {"type": "integer", "minimum": 1, "maximum": 99},
        "abc_b_percent": {"type": "integer", "minimum": 0, "maximum": 99},
    },
    "additionalProperties": False,
}


def parts_problems(policy: dict | None) -> dict[str, tuple[str, dict]]:
    """The A and B classes together take at most 100 % of the value (C gets the rest)."""
    parts = (policy or {}).get("parts") or {}
    a = parts.get("abc_a_percent", DEFAULT_PARTS["abc_a_percent"])
    b = parts.get("abc_b_percent", DEFAULT_PARTS["abc_b_percent"])
    if a + b > 100:
        return {"parts.abc_b_percent": ("maximum", {"limit": 100 - a})}
    return {}


def parts_settings(policy: dict) -> dict:
    """The parts section of an effective policy, every setting present (defaults filled in)."""
    return {**DEFAULT_PARTS, **(policy.get("parts") or {})}


def policy_schema(rule: dict, evidence_schema: dict) -> dict:
    """The policy document: rules, levels, (the field evidence area's) evidence section and
    the hand-off notices' settings."""
    return {
        "type": "object",
        "properties": {
            "rules": {"type": "array", "items": rule, "minItems": 1, "maxItems": 200},
            "levels": {"type": "array", "items": LEVEL_SCHEMA, "minItems": 1,
                       "maxItems": len(LEVELS)},  # each level once
            # what completion and acceptance need as field evidence
            "evidence": evidence_schema,
            "notices": NOTICES_SCHEMA,
            "parts": PARTS_SCHEMA,  # spare parts: approval threshold, return days, ABC
        },
        "required": ["rules", "levels"],
        "additionalProperties": False,
    }


def override_schema(policy: dict) -> dict:
    """An outlet's override: its own rules (tried first), levels or evidence rules; any may be
    absent."""
    return {**policy, "properties": {
        **policy["properties"],
        "rules": {"type": "array", "items": policy["properties"]["rules"]["items"],
                  "maxItems": 200}}, "required": []}


# Defaults from the brief (seed 001 §17, ch.3 §7; seed 004): the first matching rule wins, so
# the specific ones come first.
DEFAULT_RULES_AND_LEVELS: dict = {
    "rules": [
        {"clock": "response", "priority": "general", "amount": 24, "unit": "hours",
         "basis": "calendar"},
        {"clock": "contact", "amount": 20, "unit": "minutes", "basis": "calendar"},
        {"clock": "arrival", "priority": "urgent", "max_distance_km": 50, "amount": 4,
         "unit": "hours", "basis": "calendar"},
        {"clock": "arrival", "max_distance_km": 300, "amount": 24, "unit": "hours",
         "basis": "calendar"},
        {"clock": "arrival", "max_distance_km": 1000, "amount": 48, "unit": "hours",
         "basis": "calendar"},
        {"clock": "arrival", "amount": 72, "unit": "hours", "basis": "calendar"},
        {"clock": "repair", "amount": 3, "unit": "working_days", "basis": "working",
         "cap_working_days": 10},
        {"clock": "return_visit", "amount": 3, "unit": "working_days", "basis": "working"},
        {"clock": "complaint", "amount": 24, "unit": "hours", "basis": "calendar"},
        {"clock": "handover", "amount": 4, "unit": "hours", "basis": "working"},
        {"clock": "answer", "amount": 8, "unit": "hours", "basis": "working"},
    ],
    "levels": [
        {"name": "warning", "elapsed_ratio": 0.8, "notify": ["assignee"]},
        {"name": "breach", "offset_minutes": 0, "notify": ["outlet_manager"]},
        {"name": "escalation", "offset_minutes": 240, "notify": ["head_office"]},
    ],
    "notices": DEFAULT_NOTICES,
}


@dataclass(frozen=True)
class Target:
    """What a clock must meet: an amount of calendar or working time."""

    clock: str
    amount: float
    unit: str  # minutes | hours | working_days
    basis: str  # calendar | working
    cap_working_days: float | None
    rule_index: int
    note: str  # head office's own remark on the rule, as typed (may be empty)
    # what the rule matched on (None: any): the explanation is composed from these
    priority: str | None = None
    type: str | None = None
    max_distance_km: float | None = None


class NoRule(LookupError):
    """The policy has no rule for this clock and order."""


def _matches(rule: dict, clock: str, priority: str, order_type: str, distance_km: float | None) -> bool:
    if rule["clock"] != clock:
        return False
    if rule.get("priority") not in (None, priority) or rule.get("type") not in (None, order_type):
        return False
    limit = rule.get("max_distance_km")
    # An unknown distance cannot prove "within N km": only rules without a limit apply.
    return limit is None or (distance_km is not None and distance_km <= limit)


def resolve_target(policy: dict, clock: str, *, priority: str, order_type: str,
                   distance_km: float | None = None) -> Target:
    """The first rule of the policy that matches this clock and order."""
    for index, rule in enumerate(policy["rules"]):
        if _matches(rule, clock, priority, order_type, distance_km):
            return Target(clock=clock, amount=float(rule["amount"]), unit=rule["unit"],
                          basis=rule["basis"], cap_working_days=rule.get("cap_working_days"),
                          rule_index=index, note=rule.get("note", ""),
                          priority=rule.get("priority"), type=rule.get("type"),
                          max_distance_km=rule.get("max_distance_km"))
    raise NoRule(f"no SLA rule for clock {clock} ({priority}, {order_type}, {distance_km} km)")


def merge_outlet_override(network: dict, override: dict | None) -> dict:
    """An outlet's override: its rules are tried before the network's, its levels replace them."""
    if not override:
        return network
    merged = {"rules": [*override.get("rules", []), *network["rules"]],
              "levels": override.get("levels") or network["levels"]}
    evidence = override.get("evidence") or network.get("evidence")
    if evidence:
        merged["evidence"] = evidence
    notices = override.get("notices") or network.get("notices")
    if notices:
        merged["notices"] = notices
    parts = {**(network.get("parts") or {}), **(override.get("parts") or {})}
    if parts:
        merged["parts"] = parts
    return merged


def low_score_threshold(policy: dict) -> int:
    """A return-visit score at or below this is a low score (the policy's, else the default)."""
    return int((policy.get("notices") or {}).get("low_score_threshold")
               or DEFAULT_NOTICES["low_score_threshold"])


EARTH_RADIUS_KM = 6371.0088


def great_circle_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Distance along the earth's surface (haversine), in km, rounded to 0.1."""
    p1, p2 = radians(lat1), radians(lat2)
    dp, dl = p2 - p1, radians(lng2 - lng1)
    h = sin(dp / 2) ** 2 + cos(p1) * cos(p2) * sin(dl / 2) ** 2
    return round(2 * EARTH_RADIUS_KM * asin(sqrt(h)), 1)
