"""Input validation against JSON Schema: one problem per bad field, as a code with parameters.

The schemas are the ones published in the OpenAPI document, so what the API documents is what
it enforces. The API turns the codes into zh-CN or English messages (`api/messages.py`).
`jsonschema` is imported on first use to keep it out of the API's cold start.
"""

from __future__ import annotations

import json
from datetime import datetime
from functools import lru_cache

Problem = tuple[str, dict]  # (code, parameters), e.g. ("maxLength", {"limit": 2000})


def parse_datetime(value: str) -> datetime | None:
    """An aware datetime from ISO-8601 text, or None when it is not one."""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except (TypeError, ValueError, AttributeError):
        return None
    return parsed if parsed.tzinfo is not None else None


@lru_cache(maxsize=256)
def _validator(schema_json: str):
    import jsonschema

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date-time")(lambda v: not isinstance(v, str) or parse_datetime(v) is not None)
    return jsonschema.Draft202012Validator(json.loads(schema_json), format_checker=checker)


def validate(instance: object, schema: dict, prefix: str = "") -> dict[str, Problem]:
    """Field path → problem for every bad field; empty when the instance is valid."""
    validator = _validator(json.dumps(schema, sort_keys=True))
    problems: dict[str, Problem] = {}
    for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.path))):
        path = [str(p) for p in error.absolute_path]
        kind = error.validator
        if kind == "required":
            path.append(error.message.split("'")[1] if "'" in error.message else "?")
        elif kind == "additionalProperties":
            extras = [p for p in (error.instance or {}) if p not in error.schema.get("properties", {})]
            path.append(extras[0] if extras else "?")
        name = ".".join(([prefix] if prefix else []) + path) or prefix or "body"
        problems.setdefault(name, _problem(kind, error.validator_value))
    return problems


def _problem(kind: str, value: object) -> Problem:
    if kind == "type":
        return "type", {"expected": value if isinstance(value, str) else "/".join(value)}
    if kind == "enum":
        return "enum", {"choices": ", ".join(map(str, value))}
    if kind in ("maxLength", "maximum", "minimum", "exclusiveMinimum", "maxItems"):
        return kind, {"limit": value}
    if kind in ("required", "minLength", "format", "pattern", "additionalProperties"):
        return kind, {}
    return "invalid", {}
