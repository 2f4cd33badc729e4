"""Head office's job-class table (工种/作业类别): for each class of work the least star level
and the certificates it needs; the certificate types; how many days before its end a
certificate is listed as expiring (and its holder told).

The defaults follow seed 003's star meanings (1★ simple repairs, 2★ routine repairs, 3★ hard
faults, 4★ engines, gearboxes and control valves, 5★ everything, commissioning, trains
others) and the certificates the law asks for power work and welding; every number is head
office's to change, none a constant of the code.

Pure: SETTINGS_SCHEMA (the shape) and `problems` (what a schema cannot say).
"""

from __future__ import annotations

CODE_PATTERN = r"^[a-z][a-z0-9_]{1,31}$"
MAX_NAME = 60
MAX_CLASSES = 60
MAX_CERTIFICATE_TYPES = 30

DEFAULT_SETTINGS: dict = {
    "job_classes": [
        {"code": "simple_repair", "name_zh": "简单维修", "name_en": "Simple repair",
         "min_stars": 1, "certificates": []},
        {"code": "general_repair", "name_zh": "常规维修", "name_en": "Routine repair",
         "min_stars": 2, "certificates": []},
        {"code": "complex_fault", "name_zh": "疑难故障诊断", "name_en": "Difficult fault diagnosis",
         "min_stars": 3, "certificates": []},
        {"code": "major_assembly", "name_zh": "发动机/变速箱/控制阀维修",
         "name_en": "Engine, gearbox and control-valve repair", "min_stars": 4,
         "certificates": []},
        {"code": "commissioning", "name_zh": "调试", "name_en": "Commissioning",
         "min_stars": 5, "certificates": []},
        {"code": "electrical", "name_zh": "电气改装", "name_en": "Electrical modification",
         "min_stars": 3, "certificates": ["electrician"]},
        {"code": "welding", "name_zh": "焊接", "name_en": "Welding",
         "min_stars": 2, "certificates": ["welder"]},
        {"code": "installation", "name_zh": "设备安装", "name_en": "Equipment installation",
         "min_stars": 2, "certificates": []},
    ],
    "certificate_types": [
        {"code": "electrician", "name_zh": "电工证", "name_en": "Electrician's licence"},
        {"code": "welder", "name_zh": "焊工证", "name_en": "Welder's licence"},
        {"code": "height", "name_zh": "高处作业证", "name_en": "Work-at-height licence"},
        {"code": "refrigeration", "name_zh": "制冷与空调作业证",
         "name_en": "Refrigeration and air-conditioning licence"},
    ],
    "warn_days": 30,
    # training (docs/technicians.md "Training"): the least exam score that passes (seeds name
    # none: 60 proposed), and the fine proposed for missing a session (001 §5 第十章: 50元)
    "pass_mark": 60,
    "absence_fine_fen": 5000,
}
# added with training: a table saved before them reads with these (with_defaults)
TRAINING_DEFAULTS = {"pass_mark": 60, "absence_fine_fen": 5000}
MAX_FINE_FEN = 100_000  # 1000元, above the largest fine of 001 §5

_CODE = {"type": "string", "pattern": CODE_PATTERN}
_NAME = {"type": "string", "minLength": 1, "maxLength": MAX_NAME, "pattern": r"\S"}
SETTINGS_SCHEMA = {
    "type": "object",
    "properties": {
        "job_classes": {"type": "array", "minItems": 1, "maxItems": MAX_CLASSES, "items": {
            "type": "object",
            "properties": {"code": _CODE, "name_zh": _NAME, "name_en": _NAME,
                           "min_stars": {"type": "integer", "minimum": 1, "maximum": 5},
                           "certificates": {"type": "array", "items": _CODE,
                                            "maxItems": MAX_CERTIFICATE_TYPES}},
            "required": ["code", "name_zh", "name_en", "min_stars", "certificates"],
            "additionalProperties": False}},
        "certificate_types": {"type": "array", "maxItems": MAX_CERTIFICATE_TYPES, "items": {
            "type": "object",
            "properties": {"code": _CODE, "name_zh": _NAME, "name_en": _NAME},
            "required": ["code", "name_zh", "name_en"],
            "additionalProperties": False}},
        "warn_days": {"type": "integer", "minimum": 1, "maximum": 180},
        # optional in a saved body (a table saved before them): read with TRAINING_DEFAULTS
        "pass_mark": {"type": "integer", "minimum": 0, "maximum": 100},
        "absence_fine_fen": {"type": "integer", "minimum": 1, "maximum": MAX_FINE_FEN},
    },
    "required": ["job_classes", "certificate_types", "warn_days"],
    "additionalProperties": False,
}


def with_defaults(settings: dict) -> dict:
    """The table with the training numbers filled in when it was saved without them."""
    return {**TRAINING_DEFAULTS, **settings}


def problems(settings: dict) -> dict[str, tuple[str, dict]]:
    """What the schema cannot say: codes unique within each list, a class's certificates
    among the certificate types (each named once). Field paths as the kernel names them
    (`settings.job_classes.2.certificates.0`)."""
    found: dict[str, tuple[str, dict]] = {}
    types: set[str] = set()
    for i, kind in enumerate(settings["certificate_types"]):
        if kind["code"] in types:
            found[f"settings.certificate_types.{i}.code"] = ("duplicate", {})
        types.add(kind["code"])
    classes: set[str] = set()
    for i, job_class in enumerate(settings["job_classes"]):
        if job_class["code"] in classes:
            found[f"settings.job_classes.{i}.code"] = ("duplicate", {})
        classes.add(job_class["code"])
        named: set[str] = set()
        for j, code in enumerate(job_class["certificates"]):
            if code not in types:
                found[f"settings.job_classes.{i}.certificates.{j}"] = (
                    "unknown_certificate_type", {"code": code})
            elif code in named:
                found[f"settings.job_classes.{i}.certificates.{j}"] = ("duplicate", {})
            named.add(code)
    return found


def job_class(settings: dict, code: str | None) -> dict | None:
    return next((c for c in settings["job_classes"] if c["code"] == code), None)


def certificate_type(settings: dict, code: str | None) -> dict | None:
    return next((t for t in settings["certificate_types"] if t["code"] == code), None)


def names(entry: dict | None, code: str) -> dict[str, str]:
    """An entry's name in both languages (its code when the table no longer has it)."""
    if entry is None:
        return {"zh": code, "en": code}
    return {"zh": entry["name_zh"], "en": entry["name_en"]}
