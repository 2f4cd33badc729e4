"""Query and path parameters: what each one accepts, in one table that the middleware enforces
and the OpenAPI document publishes. A value outside it is a 400 naming the parameter, before
any use case runs (so no id longer than a DynamoDB key can hold reaches a read)."""

from __future__ import annotations

from chalicelib.kernel import registry
from chalicelib.kernel.errors import UnknownActionError, ValidationFailed
from chalicelib.kernel.validation import DATE_MAX, DATE_MIN, ID, validate

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

# Parameters every area may use; the areas register their own (chalicelib/kernel/registry.py).
QUERY: dict[str, dict] = {"limit": LIMIT, "cursor": CURSOR, "outlet": CODE, "year": YEAR,
                          "month": MONTH}
PATH: dict[str, dict] = {"month": MONTH, "day": DATE, "year": YEAR, "code": CODE}


# Path parameters whose refusal has a code of its own (an unknown action is 400
# `unknown_action`, as the lifecycle answers it): the middleware leaves them to the view's
# guard, which names them after the permission check (chalicelib/kernel/http.py).
OWN_REFUSALS = {"action": UnknownActionError}


def query_schema(path: str, name: str) -> dict | None:
    on_path = registry.merged("query_on_path")
    return on_path.get((path, name)) or registry.merged("query").get(name) or QUERY.get(name)


def path_schema(name: str) -> dict:
    return registry.merged("path").get(name) or PATH.get(name, ID)


def refuse_own(path: dict) -> None:
    """The refusal of its own for a path parameter of OWN_REFUSALS its schema does not take."""
    for name, refusal in OWN_REFUSALS.items():
        if name in path:
            schema = path_schema(name)
            problems = validate({name: _typed(path[name], schema)}, _one(name, schema))
            if problems:
                raise refusal(fields=problems)


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
        if name in OWN_REFUSALS:
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
