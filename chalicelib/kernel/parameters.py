"""Query and path parameters: what each one accepts, in one table that the middleware enforces
and the OpenAPI document publishes. A value outside it is a 400 naming the parameter, before
any use case runs (so no id longer than a DynamoDB key can hold reaches a read)."""

from __future__ import annotations

from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.validation import DATE_MAX, DATE_MIN, validate
from chalicelib.modules.figures.domain import SLA_CLOCKS
from chalicelib.modules.figures.kpi import DRILL_METRICS
from chalicelib.modules.orders import enums, lifecycle
from chalicelib.modules.orders.domain import ID

MAX_PARAM_LENGTH = 2048  # any query or path parameter (a cursor is the longest)

LIMIT = {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
CURSOR = {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,2048}$",
          "description": "next_cursor of the previous page, as is"}
CODE = {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,32}$", "description": "outlet code"}
USERNAME = {"type": "string", "pattern": r"^[A-Za-z0-9_.@-]{1,64}$", "description": "username"}
MONTH = {"type": "string", "pattern": r"^\d{4}-\d{2}$",
         "description": f"YYYY-MM, {DATE_MIN:%Y-%m}..{DATE_MAX:%Y-%m}"}
DATE = {"type": "string", "format": "date", "description": f"YYYY-MM-DD, {DATE_MIN}..{DATE_MAX}"}
YEAR = {"type": "integer", "minimum": DATE_MIN.year, "maximum": DATE_MAX.year}
ORDER_NUMBER = {"type": "string", "pattern": r"^[A-Z]+-\d{8}-\d{4,}$"}

QUERY: dict[str, dict] = {
    "limit": LIMIT, "cursor": CURSOR, "outlet": CODE,
    "role": {"enum": list(enums.ROLES)},
    "q": {"type": "string", "maxLength": 100, "description": "name prefix or phone prefix (digits)"},
    "state": {"enum": list(lifecycle.STATES)}, "priority": {"enum": list(enums.PRIORITIES)},
    "type": {"enum": list(enums.ORDER_TYPES)},
    "technician": USERNAME, "number": ORDER_NUMBER, "customer": ID, "equipment": ID,
    "mine": {"enum": ["1", "true"], "description": "technician: my open jobs"},
    "scope": {**CODE, "description": "outlet code, or NETWORK (head office)"},
    "month": MONTH, "metric": {"enum": list(DRILL_METRICS)},
    "clock": {"enum": list(SLA_CLOCKS)},
    "year": YEAR, "horizon_hours": {"type": "number", "exclusiveMinimum": 0, "maximum": 336,
                                    "default": 24},
    "unread": {"enum": ["1", "true", "0", "false"]},
}
# the same name means another thing on some paths
QUERY_ON_PATH: dict[tuple[str, str], dict] = {
    ("/api/work-orders", "from"): DATE, ("/api/work-orders", "to"): DATE,
    ("/api/kpi/summary", "from"): MONTH, ("/api/kpi/summary", "to"): MONTH,
}
# Path parameters; any other name is an id.
PATH: dict[str, dict] = {
    "action": {"enum": list(lifecycle.ACTIONS)}, "number": ORDER_NUMBER,
    "version": {"type": "integer", "minimum": 1}, "month": MONTH, "day": DATE, "year": YEAR,
    "code": CODE,
}


# the lifecycle answers an unknown action with its own code, `unknown_action` (400)
CHECKED_BY_USE_CASE = {"action"}


def query_schema(path: str, name: str) -> dict | None:
    return QUERY_ON_PATH.get((path, name), QUERY.get(name))


def path_schema(name: str) -> dict:
    return PATH.get(name, ID)


def _typed(value: str, schema: dict) -> object:
    """The parameter as its schema's type, or the text itself when it does not convert (the
    schema then names the problem)."""
    kind = schema.get("type")
    if kind == "integer" and value.isascii() and value.lstrip("-").isdigit() and len(value) < 12:
        return int(value)
    if kind == "number" and value.isascii():
        try:
            number = float(value)
        except ValueError:
            return value
        return number if number == number and abs(number) != float("inf") else value
    return value


def check(route: str, query: dict, path: dict) -> None:
    """400 naming the first parameter its schema refuses."""
    for name, value in path.items():
        if name in CHECKED_BY_USE_CASE:
            continue
        schema = path_schema(name)
        if validate({name: _typed(value, schema)}, _one(name, schema)):
            raise ValidationFailed(fields={name: ("invalid", {})})
    for name, value in query.items():
        schema = query_schema(route, name)
        if schema is not None:
            problems = validate({name: _typed(value, schema)}, _one(name, schema))
            if problems:
                raise ValidationFailed(fields=problems)


def _one(name: str, schema: dict) -> dict:
    return {"type": "object", "properties": {name: schema}}
