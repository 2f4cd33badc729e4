"""A unit (产品档案) as registered, and what its frozen terms say (seed 003 三包 第四条, 001 §17
8.1, 001 §18 五): the registration body, its date rules, the copy of the template a unit gets,
the last covered day of each group, and a promotion that extends some groups (an audited
change of the one unit). Pure: no I/O.
"""

from __future__ import annotations

from datetime import date, timedelta

from chalicelib.kernel.validation import ID, MAX_SHORT, parse_date
from chalicelib.modules.warranty.domain.terms import (
    EXCLUSIONS,
    START_BASES,
    TEMPLATE_SCHEMA,
    last_covered_day,
)

SOURCES = ("own", "agent")  # vocabulary unit_source
# the date a term's start basis names on the unit
BASIS_FIELD = {"invoice": "invoice_date", "delivery": "delivered_on", "installation": "installed_on"}
REGISTRATION_DATES = ("invoice_date", "delivered_on", "installed_on")

_TEXT = {"type": "string", "maxLength": MAX_SHORT}
_NAME = {"type": "string", "minLength": 1, "maxLength": MAX_SHORT}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

# POST /api/customers/{customer_id}/equipment (and a new customer's `equipment`, and an imported
# row): what registering a unit takes. `warranty_until` is the one date units had before terms.
UNIT_SCHEMA = {
    "type": "object",
    "properties": {
        "model": _NAME,
        "serial_no": _NAME,
        "category": _TEXT,
        "site_id": ID,
        "invoice_no": _TEXT,
        "invoice_date": _DATE,
        "delivered_on": _DATE,
        "installed_on": _DATE,
        "source": {"type": "string", "enum": list(SOURCES)},
        "dealer": _TEXT,
        "warranty_until": _DATE,
    },
    "required": ["model", "serial_no"],
    "additionalProperties": False,
}

# PUT /api/warranty/templates/default and .../models/{model}: the template and the version the
# editor saw (null: there is none yet, create it)
TEMPLATE_BODY = {
    **TEMPLATE_SCHEMA,
    "properties": {**TEMPLATE_SCHEMA["properties"],
                   "version": {"type": ["integer", "null"], "minimum": 1}},
    "required": [*TEMPLATE_SCHEMA["required"], "version"],
}

# POST /api/customers/{customer_id}/units/{unit_id}/terms: a promotion (促销) extends groups
TERMS_CHANGE_SCHEMA = {
    "type": "object",
    "properties": {
        "version": {"type": "integer", "minimum": 1},
        "groups": {"type": "array", "minItems": 1, "maxItems": 30, "items": {
            "type": "object",
            "properties": {"code": {"type": "string", "minLength": 1, "maxLength": 32},
                           "months": {"type": "integer", "minimum": 1, "maximum": 240}},
            "required": ["code", "months"], "additionalProperties": False}},
        "reason": {"type": "string", "minLength": 1, "maxLength": MAX_SHORT},
    },
    "required": ["version", "groups", "reason"],
    "additionalProperties": False,
}

# The area's own error and field codes, in both languages (kernel/messages.py shows them)
MESSAGES = {
    "duplicate_serial": {"zh": "该序列号已在本网点登记过产品档案",
                         "en": "A unit with this serial number is already registered at this outlet"},
    "template_exists": {"zh": "该型号的三包条款已存在，请刷新后编辑",
                        "en": "This model already has terms; reload and edit them"},
    "unit_has_no_terms": {"zh": "该产品登记时尚无三包条款，无法变更",
                          "en": "This unit was registered without terms; there is nothing to change"},
    "whole_group_required": {"zh": "须有且仅有一个整机组（代码 whole，不列部件）",
                             "en": "needs exactly one whole-machine group (code whole, no components)"},
    "whole_has_no_components": {"zh": "整机组不列部件（未列入其他组的部件都归整机）",
                                "en": "the whole-machine group lists no components (any component "
                                      "not listed elsewhere falls under it)"},
    "not_a_group": {"zh": "不是该产品三包条款中的组", "en": "is not a group of this unit's terms"},
    "not_longer": {"zh": "促销只能延长三包期（现为 {limit} 个月）",
                   "en": "a promotion only extends a term (now {limit} months)"},
    "unchanged": {"zh": "没有任何变化", "en": "changes nothing"},
}


def normal_serial(serial: str) -> str:
    """How serial numbers are compared and searched: inner spaces removed, upper case."""
    return "".join(serial.split()).upper()


def normal_model(model: str) -> str:
    """How a unit's model finds its template: inner spaces removed, case-folded."""
    return "".join(model.split()).casefold()


def registration_problems(data: dict, today: date) -> dict:
    """Field -> problem of a registration body valid by UNIT_SCHEMA: a model and serial that
    are more than spaces, and registration dates no later than tomorrow (a unit delivered in an
    outlet east of UTC may be dated a day ahead)."""
    problems: dict = {}
    for name in ("model", "serial_no"):
        if not "".join(str(data.get(name) or "").split()):
            problems[name] = ("minLength", {})
    for name in REGISTRATION_DATES:
        day = parse_date(data.get(name)) if data.get(name) else None
        if data.get(name) and day is None:
            problems[name] = ("format_date", {})
        elif day is not None and day > today + timedelta(days=1):
            problems[name] = ("future", {})
    return problems


def frozen_terms(template: dict, version: int | None) -> dict:
    """The copy of a template a unit keeps (no prices): what its warranty covers from now on,
    whatever the template becomes."""
    return {"model": template.get("model"), "template_version": version,
            "start_basis": template["start_basis"],
            "groups": [{"code": g["code"], "name": g["name"], "months": int(g["months"]),
                        "components": list(g["components"])} for g in template["groups"]],
            "exclusions": [e for e in template.get("exclusions", []) if e in EXCLUSIONS]}


def term_start(terms: dict, unit_dates: dict) -> date | None:
    """The day the unit's terms start: the date its start basis names, when recorded."""
    basis = terms.get("start_basis")
    field = BASIS_FIELD.get(basis) if basis in START_BASES else None
    return parse_date(unit_dates.get(field)) if field else None


def terms_view(terms: dict | None, unit_dates: dict) -> dict | None:
    """The unit's terms with each group's last covered day (None without a start date)."""
    if not terms:
        return None
    start = term_start(terms, unit_dates)
    return {"start_basis": terms["start_basis"], "start": start.isoformat() if start else None,
            "groups": [{**group, "last_day": last_covered_day(start, int(group["months"])).isoformat()
                        if start else None} for group in terms["groups"]]}


def extended_terms(terms: dict, changes: list[dict]) -> tuple[dict, dict]:
    """The terms after a promotion (months per existing group code, never shorter) and the
    problems (field -> problem) that refuse it."""
    current = {g["code"]: g for g in terms["groups"]}
    problems: dict = {}
    months: dict[str, int] = {}
    for i, change in enumerate(changes):
        group = current.get(change["code"])
        if group is None:
            problems[f"groups.{i}.code"] = ("not_a_group", {})
        elif change["code"] in months:
            problems[f"groups.{i}.code"] = ("duplicate", {})
        elif int(change["months"]) < int(group["months"]):
            problems[f"groups.{i}.months"] = ("not_longer", {"limit": int(group["months"])})
        else:
            months[change["code"]] = int(change["months"])
    if not problems and all(months[c] == int(current[c]["months"]) for c in months):
        problems["groups"] = ("unchanged", {})
    after = {**terms, "groups": [{**g, "months": months.get(g["code"], int(g["months"]))}
                                 for g in terms["groups"]]}
    return after, problems
