"""Warranty terms (三包期) per component group, as a template head office keeps per product
model and as the copy a unit gets when it is registered (seed 003 三包 第四条; 001 §18 五).

A term covers its group's components for `months` from the start basis date; the last covered
day is the day before the same calendar day `months` later (delivered 2025-12-01, 3 months →
2026-02-28). A component in no group falls under the whole machine (`whole`, the group without
components). Pure: no I/O.
"""

from __future__ import annotations

from datetime import date

from chalicelib.kernel.validation import MAX_SHORT

WHOLE = "whole"  # the group every component not named elsewhere falls under (整机)
START_BASES = ("invoice", "delivery", "installation")
DEFAULT_START_BASIS = "delivery"
# 003 三包 第五条: not under the three guarantees, repaired for a charge
EXCLUSIONS = ("misuse", "unauthorised_repair", "no_invoice", "model_mismatch", "force_majeure")
# 维修项目与收费标准表: what a quote line may price from the list (fen per unit)
PRICE_ITEMS = ("labour_hour", "call_out", "travel_km", "lodging_night", "meals_day",
               "allowance_day")

DEFAULT_GROUPS = (
    {"code": WHOLE, "name": "整机", "months": 12, "components": []},
    {"code": "major", "name": "主要部件", "months": 24,
     "components": ["内燃机机体", "气缸盖", "飞轮", "机架", "变速箱壳体", "离合器壳体"]},
    {"code": "electrics", "name": "启动机、发电机、电瓶", "months": 3,
     "components": ["启动机", "发电机", "电瓶"]},
)
DEFAULT_PRICES = {"labour_hour": 8000, "call_out": 10000, "travel_km": 200,
                  "lodging_night": 20000, "meals_day": 8000, "allowance_day": 5000}


def default_template() -> dict:
    """The network's default template until head office saves its own."""
    return {"model": None, "start_basis": DEFAULT_START_BASIS,
            "groups": [dict(g, components=list(g["components"])) for g in DEFAULT_GROUPS],
            "exclusions": list(EXCLUSIONS), "prices": dict(DEFAULT_PRICES)}


_NAME = {"type": "string", "minLength": 1, "maxLength": MAX_SHORT}
_FEN = {"type": "integer", "minimum": 0, "maximum": 10_000_000_000}
GROUP_SCHEMA = {
    "type": "object",
    "properties": {
        "code": {"type": "string", "pattern": r"^[a-z][a-z0-9_]{0,31}$"},
        "name": _NAME,
        "months": {"type": "integer", "minimum": 1, "maximum": 240},
        "components": {"type": "array", "items": _NAME, "maxItems": 100},
    },
    "required": ["code", "name", "months", "components"],
    "additionalProperties": False,
}
# what a template holds (PUT body) and what a unit's frozen terms hold (without prices)
TEMPLATE_SCHEMA = {
    "type": "object",
    "properties": {
        "start_basis": {"type": "string", "enum": list(START_BASES)},
        "groups": {"type": "array", "items": GROUP_SCHEMA, "minItems": 1, "maxItems": 30},
        "exclusions": {"type": "array", "items": {"type": "string", "enum": list(EXCLUSIONS)},
                       "maxItems": len(EXCLUSIONS), "uniqueItems": True},
        "prices": {"type": "object",
                   "properties": {item: _FEN for item in PRICE_ITEMS},
                   "required": list(PRICE_ITEMS), "additionalProperties": False},
    },
    "required": ["start_basis", "groups", "exclusions", "prices"],
    "additionalProperties": False,
}


class TermsProblem(ValueError):
    """A template that cannot decide coverage: (field path, code)."""

    def __init__(self, field: str, code: str):
        super().__init__(field, code)
        self.field, self.code = field, code


def check_groups(groups: list[dict]) -> None:
    """Exactly one whole-machine group (without components); codes unique; a component named
    in one group only."""
    codes = [g["code"] for g in groups]
    if codes.count(WHOLE) != 1:
        raise TermsProblem("groups", "whole_group_required")
    seen: set[str] = set()
    for i, group in enumerate(groups):
        if codes.count(group["code"]) > 1:
            raise TermsProblem(f"groups.{i}.code", "duplicate")
        if group["code"] == WHOLE and group["components"]:
            raise TermsProblem(f"groups.{i}.components", "whole_has_no_components")
        for j, component in enumerate(group["components"]):
            key = normal_component(component)
            if key in seen:
                raise TermsProblem(f"groups.{i}.components.{j}", "duplicate")
            seen.add(key)


def normal_component(name: str) -> str:
    """How component names are compared: trimmed, inner spaces removed, case-folded."""
    return "".join(name.split()).casefold()


def group_of(groups: list[dict], component: str | None) -> dict:
    """The group a component falls under: the one naming it, else the whole machine."""
    if component:
        key = normal_component(component)
        for group in groups:
            if any(normal_component(c) == key for c in group["components"]):
                return group
    return next(g for g in groups if g["code"] == WHOLE)


def last_covered_day(start: date, months: int) -> date:
    """The last day a term of `months` from `start` covers (the start day counts): the day
    before the same calendar day `months` later, or that month's last day when it has no such
    day (from 2025-11-30, 3 months: 2026-02-28)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    try:
        return date.fromordinal(date(year, month, start.day).toordinal() - 1)
    except ValueError:  # no such day in that month: the term runs to its end
        following = date(year + month // 12, month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
