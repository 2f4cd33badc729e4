"""Input validation: what the API accepts, checked before anything is stored.

Two layers, both pure:
- `inspect_json` walks a parsed body once, whatever its schema: every string valid Unicode
  with no control characters but newline, carriage return and tab; every number finite and
  storable in DynamoDB (magnitude 1e-130 ..< 1e126, at most 38 digits). `nesting_depth` is
  measured on the raw text *before* parsing (`json.loads` recurses).
- `validate` checks JSON Schema, one problem per bad field as a code with parameters. On top of
  Draft 2020-12: the `date` and `date-time` formats are enforced (RFC 3339, inside the
  window below), and a string is one line unless its schema says `"x-multiline": true`.

Dates and times are bounded to the window 2000-01-01 .. 2099-12-31 (UTC): anything outside is
a typing error, and Python's `datetime` arithmetic near years 1 and 9999 would overflow.
The API turns the codes into zh-CN or English messages (`kernel/messages.py`). `jsonschema` is
imported on first use to keep it out of the API's cold start.

Also the schemas many request bodies share (`text()`, SHORT, TEXT, ID, PHONE, USERNAME, DATETIME,
ACTION_BODY) and
`Action`, a lifecycle action as data with the schema of its `data` (an area's domain extends it).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

Problem = tuple[str, dict]  # (code, parameters), e.g. ("maxLength", {"limit": 2000})

DATE_MIN, DATE_MAX = date(2000, 1, 1), date(2099, 12, 31)
MAX_DEPTH = 16  # nesting of arrays and objects in a request body
MAX_ITEMS = 1000  # items of any one array (no schema allows more than a few hundred)
MAX_TEXT = 2000  # longest free text accepted in one field
MAX_SHORT = 200
ID = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"^[A-Za-z0-9_-]+$"}  # ids we made
MULTILINE = "x-multiline"  # schema keyword: this string may hold newlines and tabs

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
_MONTH = re.compile(r"^\d{4}-\d{2}$", re.ASCII)
_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([Zz]|[+-]\d{2}:\d{2})$", re.ASCII)
# C0 and C1 controls and DEL are never text; newline, carriage return, tab and the Unicode line
# separators only in multi-line text. Written as regex classes that Python and JSON Schema's
# ECMA-262 patterns read alike, so the OpenAPI document publishes the same rule.
CONTROL_CHARS = r"\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f"
LINE_BREAKS = r"\u0009\u000a\u000d\u2028\u2029"
ONE_LINE_PATTERN = f"^[^{CONTROL_CHARS}{LINE_BREAKS}]*$"
MULTILINE_PATTERN = f"^[^{CONTROL_CHARS}]*$"
_BAD_CHARS = re.compile(f"[{CONTROL_CHARS}\\ud800-\\udfff]")  # and lone surrogates
_LINE_BREAKS = re.compile(f"[{LINE_BREAKS}]")
_STRUCTURE = re.compile(r'[\[\]{}"\\]')  # the only characters that can change the nesting
DYNAMO_MIN, DYNAMO_MAX, DYNAMO_DIGITS = 1e-130, 1e126, 38


# ---------------------------------------------------------------- schemas bodies share

def text(max_length: int = MAX_TEXT, multiline: bool | None = None) -> dict:
    """Free text of 1..max_length characters: one line, unless longer than a short text (or
    `multiline` says)."""
    schema = {"type": "string", "minLength": 1, "maxLength": max_length}
    spans = max_length > MAX_SHORT if multiline is None else multiline
    return {**schema, MULTILINE: True} if spans else schema


SHORT, TEXT = text(MAX_SHORT), text()
# a phone number as people write it (digits, +, brackets, dashes, spaces)
PHONE = {"type": "string", "minLength": 3, "maxLength": 30, "pattern": r"^[0-9+()\- ]+$"}
# a staff member's username (a person named in an action's data: technician, owner…)
USERNAME = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"^[A-Za-z0-9_.@-]+$"}
DATETIME = {"type": "string", "format": "date-time", "maxLength": 40}  # RFC 3339, in the window
# an action on a versioned subject: the version the user saw and the action's data, whose schema
# the operation publishes (x-action-data-schemas: each Action's `schema`)
ACTION_BODY = {
    "type": "object",
    "properties": {"version": {"type": "integer", "minimum": 1},
                   "data": {"type": "object", "description": "the action's data (see "
                            "x-action-data-schemas)"}},
    "required": ["version"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Action:
    """An action of a subject's lifecycle: the states it may start from, the state it leads to
    (None: the area says), the permission table's roles, and what its `data` takes. An area's
    domain extends it with its own rule as a keyword field (complaints: `who=`; consultations:
    `stops=`)."""

    name: str
    sources: tuple[str, ...]
    target: str | None
    roles: tuple[str, ...]
    properties: dict = field(default_factory=dict)
    required: tuple[str, ...] = ()

    @property
    def schema(self) -> dict:
        """JSON Schema of the action's `data` (validated, and published in the operation's
        x-action-data-schemas)."""
        return {"type": "object", "properties": self.properties,
                "required": list(self.required), "additionalProperties": False}


def in_window(day: date) -> bool:
    return DATE_MIN <= day <= DATE_MAX


def parse_datetime(value: object) -> datetime | None:
    """An aware datetime from RFC 3339 text inside the window, or None when it is not one."""
    if not isinstance(value, str) or not _DATETIME.match(value):
        return None
    try:
        parsed = datetime.fromisoformat(value.upper().replace("Z", "+00:00"))
        if not in_window(parsed.date()) or not in_window(parsed.astimezone(UTC).date()):
            return None
    except (ValueError, OverflowError):
        return None
    return parsed


def parse_date(value: object) -> date | None:
    """A calendar date from YYYY-MM-DD inside the window, or None."""
    if not isinstance(value, str) or not _DATE.match(value):
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return day if in_window(day) else None


def parse_year(value: object) -> int | None:
    """A year of four ASCII digits inside the window, or None (`int` would take "２０２６" or
    fail on "²²")."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}", value, re.ASCII):
        return None
    year = int(value)
    return year if DATE_MIN.year <= year <= DATE_MAX.year else None


def parse_month(value: object) -> str | None:
    """YYYY-MM inside the window, or None."""
    if not isinstance(value, str) or not _MONTH.match(value):
        return None
    day = parse_date(f"{value}-01")
    return value if day else None


def bad_text(value: str, multiline: bool = True) -> bool:
    """Invalid Unicode (lone surrogates) or control characters (line breaks unless allowed)."""
    return bool(_BAD_CHARS.search(value)) or (not multiline and bool(_LINE_BREAKS.search(value)))


def nesting_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in JSON text, without parsing it: one pass
    over the structural characters (linear in the text, whatever it holds)."""
    depth = deepest = 0
    in_string = False
    escaped_at = -1  # the position of a character a backslash escapes
    for match in _STRUCTURE.finditer(text):
        at, char = match.start(), match.group()
        if in_string:
            if at == escaped_at:
                continue
            if char == "\\":
                escaped_at = at + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def storable_number(value: int | float) -> bool:
    if isinstance(value, bool):
        return True
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if value == 0:
        return True
    if isinstance(value, int) and len(str(abs(value)).rstrip("0")) > DYNAMO_DIGITS:
        return False
    return DYNAMO_MIN <= abs(value) < DYNAMO_MAX


def inspect_json(value: object, path: str = "") -> dict[str, Problem]:
    """Problems that no schema may allow: bad text and numbers DynamoDB cannot store."""
    problems: dict[str, Problem] = {}

    def walk(node: object, where: str) -> None:
        if isinstance(node, str):
            if bad_text(node):
                problems.setdefault(where or "body", ("text", {}))
        elif isinstance(node, (int, float)):
            if not storable_number(node):
                problems.setdefault(where or "body", ("number", {}))
        elif isinstance(node, list):
            if len(node) > MAX_ITEMS:
                problems.setdefault(where or "body", ("maxItems", {"limit": MAX_ITEMS}))
                return
            for i, item in enumerate(node):
                walk(item, f"{where}.{i}" if where else str(i))
        elif isinstance(node, dict):
            for key, item in node.items():
                name = f"{where}.{key}" if where else str(key)
                if bad_text(key) or len(key) > 200:
                    problems.setdefault(where or "body", ("additionalProperties", {}))
                    continue
                walk(item, name)

    walk(value, path)
    return problems


@lru_cache(maxsize=256)
def _validator(schema_json: str):
    import jsonschema
    from jsonschema import ValidationError
    from jsonschema._keywords import type as type_keyword

    def typed(validator, types, instance, schema):
        yield from type_keyword(validator, types, instance, schema)
        if isinstance(instance, str) and bad_text(instance, bool(schema.get(MULTILINE))):
            yield ValidationError("control characters", validator="text", validator_value=None)

    def unique(validator, unique_items, instance, schema):
        """Linear, by canonical JSON (jsonschema's own compares every pair when the items do
        not sort: seconds for a few thousand objects)."""
        if not unique_items or not validator.is_type(instance, "array"):
            return
        seen = set()
        for item in instance:
            canonical = json.dumps(item, sort_keys=True)
            if canonical in seen:
                yield ValidationError("duplicate items", validator="uniqueItems")
                return
            seen.add(canonical)

    checker = jsonschema.FormatChecker(formats=())
    checker.checks("date-time")(lambda v: not isinstance(v, str) or parse_datetime(v) is not None)
    checker.checks("date")(lambda v: not isinstance(v, str) or parse_date(v) is not None)
    cls = jsonschema.validators.extend(jsonschema.Draft202012Validator,
                                       {"type": typed, "uniqueItems": unique})
    return cls(json.loads(schema_json), format_checker=checker)


def with_text_rules(schema: object) -> object:
    """A copy of a request schema whose free-text strings also say the server's text rule as a
    `pattern` (no control characters; no line breaks or tabs unless `"x-multiline": true`).
    The OpenAPI document publishes this copy and the kernel validates request bodies against
    it (chalicelib/kernel/http.py), so that clients (and the fuzzer) know the rule."""
    if isinstance(schema, list):
        return [with_text_rules(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copy = {key: value if key in ("enum", "const", "default", "examples")
            else with_text_rules(value) for key, value in schema.items()}
    types = copy.get("type")
    if (types == "string" or (isinstance(types, list) and "string" in types)) \
            and not {"pattern", "format", "enum", "const"} & set(copy):
        copy["pattern"] = MULTILINE_PATTERN if copy.get(MULTILINE) else ONE_LINE_PATTERN
    return copy


TEXT_RULES = (ONE_LINE_PATTERN, MULTILINE_PATTERN)


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
        problems.setdefault(name, _problem(kind, error.validator_value, error.schema))
    return problems


def _problem(kind: str, value: object, schema: object) -> Problem:
    if kind == "type":
        return "type", {"expected": value if isinstance(value, str) else "/".join(value)}
    if kind == "enum":
        return "enum", {"choices": ", ".join(map(str, value))}
    if kind == "pattern" and value in TEXT_RULES:  # the text rule, said as a pattern
        return "text", {}
    if kind in ("maxLength", "maximum", "minimum", "exclusiveMinimum", "maxItems"):
        return kind, {"limit": value}
    if kind == "format" and value in ("date", "date-time"):
        return f"format_{value.replace('-', '')}", {"min": DATE_MIN.isoformat(),
                                                    "max": DATE_MAX.isoformat()}
    if kind in ("required", "minLength", "format", "pattern", "additionalProperties", "text"):
        return kind, {}
    return "invalid", {}
