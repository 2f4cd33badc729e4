"""Head office's complaint settings: the departments a valid complaint can be routed to, the
routing table (kind → department; 001 §10 一(三) 确定投诉处理责任: contract disputes to head
office, transport to the freight department, quality to quality management; staff behaviour to
the outlet's manager), the repeat window and multiplier (001 §7 5: 乐捐 doubled for a repeated
problem) and the base penalty per kind group (001 §5: fines of 30–200元 per act). Every number a
default, none a constant of the code.

Pure: validated by SETTINGS_SCHEMA and `problems`.
"""

from __future__ import annotations

from chalicelib.modules.complaints.domain.lifecycle import GROUPS, HANDLERS, KINDS

OUTLET_DEPARTMENT = "outlet"  # the outlet's manager handles it (staff behaviour)
MAX_DEPARTMENTS = 30

DEFAULT_SETTINGS: dict = {
    "departments": [
        {"code": "quality", "name_zh": "质量部", "name_en": "Quality department",
         "handled_by": "head_office"},
        {"code": "logistics", "name_zh": "物流部", "name_en": "Logistics",
         "handled_by": "head_office"},
        {"code": "technical", "name_zh": "技术部", "name_en": "Technical department",
         "handled_by": "head_office"},
        {"code": "head_office", "name_zh": "总部", "name_en": "Head office",
         "handled_by": "head_office"},
        {"code": OUTLET_DEPARTMENT, "name_zh": "网点经理", "name_en": "Outlet manager",
         "handled_by": "outlet"},
    ],
    "routes": {"quality": "quality", "transport": "logistics", "contract": "head_office",
               **{k: OUTLET_DEPARTMENT for k in KINDS if k.startswith("service_")},
               "suggestion": OUTLET_DEPARTMENT},
    "repeat_days": 90,
    "repeat_multiplier": 2,
    "penalty_fen": {"quality": 0, "service": 20000, "transport": 0, "contract": 0,
                    "suggestion": 0},
}

_NAME = {"type": "string", "minLength": 1, "maxLength": 40}
SETTINGS_SCHEMA = {
    "type": "object",
    "properties": {
        "departments": {"type": "array", "minItems": 1, "maxItems": MAX_DEPARTMENTS, "items": {
            "type": "object",
            "properties": {"code": {"type": "string", "pattern": r"^[a-z][a-z0-9_]{1,30}$"},
                           "name_zh": _NAME, "name_en": _NAME,
                           "handled_by": {"enum": list(HANDLERS)}},
            "required": ["code", "name_zh", "name_en", "handled_by"],
            "additionalProperties": False}},
        "routes": {"type": "object",
                   "properties": {k: {"type": "string", "pattern": r"^[a-z][a-z0-9_]{1,30}$"}
                                  for k in KINDS},
                   "required": list(KINDS), "additionalProperties": False},
        "repeat_days": {"type": "integer", "minimum": 1, "maximum": 365},
        "repeat_multiplier": {"type": "number", "minimum": 1, "maximum": 10,
                              "multipleOf": 0.1},
        "penalty_fen": {"type": "object",
                        "properties": {g: {"type": "integer", "minimum": 0,
                                           "maximum": 1_000_000_000} for g in GROUPS},
                        "required": list(GROUPS), "additionalProperties": False},
    },
    "required": ["departments", "routes", "repeat_days", "repeat_multiplier", "penalty_fen"],
    "additionalProperties": False,
}


def problems(settings: dict) -> dict[str, tuple[str, dict]]:
    """What the schema cannot say: department codes unique, the outlet's own department kept
    (handled by the outlet), every route to a department of the list."""
    found: dict[str, tuple[str, dict]] = {}
    codes: dict[str, dict] = {}
    for index, department in enumerate(settings["departments"]):
        if department["code"] in codes:
            found[f"settings.departments.{index}.code"] = ("duplicate", {})
        codes[department["code"]] = department
    outlet = codes.get(OUTLET_DEPARTMENT)
    if outlet is None or outlet["handled_by"] != "outlet":
        found["settings.departments"] = ("outlet_department_required", {})
    for kind, code in settings["routes"].items():
        if code not in codes:
            found[f"settings.routes.{kind}"] = ("unknown_department", {})
    return found


def department(settings: dict, code: str | None) -> dict | None:
    return next((d for d in settings["departments"] if d["code"] == code), None)


def route(settings: dict, kind: str) -> dict:
    """Where a valid complaint of this kind goes: {department, handled_by}."""
    found = department(settings, settings["routes"].get(kind)) or department(
        settings, OUTLET_DEPARTMENT) or DEFAULT_SETTINGS["departments"][-1]
    return {"department": found["code"], "handled_by": found["handled_by"]}
