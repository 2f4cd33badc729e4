"""The OpenAPI 3.1 document, built from the endpoint registry and the domain's schemas."""

from __future__ import annotations

import re
from functools import lru_cache

from chalicelib.domain import enums, lifecycle
from chalicelib.domain.kpi import SLA_CLOCKS
from chalicelib.domain.validation import DATE_MAX, DATE_MIN, MULTILINE_PATTERN, ONE_LINE_PATTERN
from chalicelib.domain.validation import MULTILINE as MULTILINE_KEY
from chalicelib.services.kpi import DRILL_METRICS

from .http import ENDPOINTS, MAX_BODY_BYTES
from .middleware import MAX_PARAM_LENGTH
from .schemas import COMPONENTS, ref

STATUS_TEXT = {200: "OK", 201: "Created", 202: "Accepted", 204: "No content",
               400: "Bad request (field messages in error.fields)",
               401: "Missing, invalid or expired token", 403: "Role may not do this",
               404: "Not found (or in another outlet)", 409: "Conflict (stale version, "
               "invalid transition or idempotency key reuse)",
               413: f"Request body larger than {MAX_BODY_BYTES} bytes",
               415: "Content-Type is not application/json"}

# Refusals every operation may answer, whatever its own: 400 (the middleware checks every query
# and path parameter: plain text, bounded length) and 415 (Chalice refuses any request whose
# Content-Type is not JSON, bodiless ones too). 401 on every operation behind a token; 413 on
# every operation that reads a body. (405 is the answer for a method the path does not have,
# so it belongs to no operation of the path; it comes in the same error envelope.)
ALWAYS = (400, 415)

# Query and path parameters: what each one accepts, so clients (and the fuzzer) know the
# values. The server checks them itself; a value outside these is a 400 (or a 404 for an id).
_LIMIT = {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
_CURSOR = {"type": "string", "minLength": 1, "maxLength": MAX_PARAM_LENGTH,
           "description": "next_cursor of the previous page, as is"}
_TEXT = {"type": "string", "minLength": 1, "maxLength": MAX_PARAM_LENGTH}
_OUTLET = {**_TEXT, "description": "outlet code"}
_MONTH = {"type": "string", "pattern": r"^\d{4}-\d{2}$",
          "description": f"YYYY-MM, {DATE_MIN:%Y-%m}..{DATE_MAX:%Y-%m}"}
_DATE = {"type": "string", "format": "date", "description": f"YYYY-MM-DD, {DATE_MIN}..{DATE_MAX}"}
_YEAR = {"type": "integer", "minimum": DATE_MIN.year, "maximum": DATE_MAX.year}
_ORDER_NUMBER = {"type": "string", "pattern": r"^[A-Z]+-\d{8}-\d{4,}$"}
_ID = _TEXT
QUERY: dict[str, dict] = {
    "limit": _LIMIT, "cursor": _CURSOR, "outlet": _OUTLET,
    "role": {"enum": list(enums.ROLES)},
    "q": {"type": "string", "maxLength": 100, "description": "name prefix or phone prefix (digits)"},
    "state": {"enum": list(lifecycle.STATES)}, "priority": {"enum": list(enums.PRIORITIES)},
    "type": {"enum": list(enums.ORDER_TYPES)},
    "technician": {**_TEXT, "description": "username"},
    "number": _ORDER_NUMBER, "customer": _ID, "equipment": _ID,
    "mine": {"enum": ["1", "true"], "description": "technician: my open jobs"},
    "scope": {**_TEXT, "description": "outlet code, or NETWORK (head office)"},
    "month": _MONTH, "metric": {"enum": list(DRILL_METRICS)},
    "clock": {"enum": list(SLA_CLOCKS)},
    "year": _YEAR, "horizon_hours": {"type": "number", "exclusiveMinimum": 0, "maximum": 336,
                                     "default": 24},
    "unread": {"enum": ["1", "true", "0", "false"]},
}
# the same name means another thing on some paths
QUERY_ON_PATH: dict[tuple[str, str], dict] = {
    ("/api/work-orders", "from"): _DATE, ("/api/work-orders", "to"): _DATE,
    ("/api/kpi/summary", "from"): _MONTH, ("/api/kpi/summary", "to"): _MONTH,
    ("/api/monthly-reports", "year"): {"type": "string", "pattern": r"^\d{4}$"},
}
PATH: dict[str, dict] = {
    "action": {"enum": list(lifecycle.ACTIONS)}, "number": _ORDER_NUMBER,
    "version": {"type": "integer", "minimum": 1}, "month": _MONTH, "day": _DATE, "year": _YEAR,
    "code": _OUTLET,
}

# Text the server accepts (chalicelib/domain/validation.py): no control characters, and no line
# breaks or tabs unless the field says "x-multiline". Said as a pattern on each free-text string
# of a request body, so that clients (and the fuzzer) know it.


def _with_text_rules(schema: object) -> object:
    """A copy of a request schema whose free-text strings carry the server's text rule."""
    if isinstance(schema, list):
        return [_with_text_rules(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    copy = {key: value if key in ("enum", "const", "default", "examples")
            else _with_text_rules(value) for key, value in schema.items()}
    types = copy.get("type")
    if (types == "string" or (isinstance(types, list) and "string" in types)) \
            and not {"pattern", "format", "enum", "const"} & set(copy):
        copy["pattern"] = MULTILINE_PATTERN if copy.get(MULTILINE_KEY) else ONE_LINE_PATTERN
    return copy


def _error_response(status: int) -> dict:
    schema = {"anyOf": [ref("StaleVersionError"), ref("Error")]} if status == 409 else ref("Error")
    return {"description": STATUS_TEXT[status], "content": {"application/json": {"schema": schema}}}


def _success_response(ep) -> dict:
    if ep.status == 204:
        return {"description": STATUS_TEXT[204]}
    schema = ref(ep.response) if ep.response else {"type": "object"}
    return {"description": STATUS_TEXT.get(ep.status, "OK"),
            "content": {"application/json": {"schema": schema}}}


def _parameters(ep) -> list[dict]:
    parameters = [{"name": name, "in": "path", "required": True,
                   "schema": PATH.get(name, _ID)} for name in re.findall(r"{(\w+)}", ep.path)]
    parameters += [{"name": name, "in": "query", "required": False,
                    "schema": QUERY_ON_PATH.get((ep.path, name), QUERY.get(name, {"type": "string"}))}
                   for name in ep.query]
    if ep.method == "POST" and ep.path in ("/api/work-orders", "/api/customers"):
        parameters.append({"name": "Idempotency-Key", "in": "header", "required": False,
                           "schema": {"type": "string", "minLength": 1, "maxLength": 128}})
    return parameters


def _operation(ep) -> dict:
    operation: dict = {
        "summary": ep.summary,
        "operationId": re.sub(r"\W+", "_", f"{ep.method.lower()}{ep.path}").strip("_"),
        "responses": {str(ep.status): _success_response(ep)},
    }
    if ep.roles:
        operation["x-roles"] = list(ep.roles)
    body = ep.body
    refusals = set(ep.errors) | set(ALWAYS)
    if not ep.public:
        refusals.add(401)
        operation["security"] = [{"cognito": []}]
    if body is not None:
        refusals.add(413)
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": _with_text_rules(body)}}}
    for status in sorted(refusals):
        operation["responses"][str(status)] = _error_response(status)
    parameters = _parameters(ep)
    if parameters:
        operation["parameters"] = parameters
    if ep.path.endswith("/actions/{action}"):
        operation["x-action-data-schemas"] = {a.name: a.schema
                                              for a in lifecycle.ACTIONS.values()}
    return operation


@lru_cache(maxsize=1)
def document() -> dict:
    paths: dict = {}
    for ep in ENDPOINTS:
        paths.setdefault(ep.path, {})[ep.method.lower()] = _operation(ep)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Fuwu 服务 — after-sales service API", "version": "1.0.0"},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": COMPONENTS,
            "securitySchemes": {"cognito": {"type": "http", "scheme": "bearer",
                                            "bearerFormat": "Cognito ID token (JWT)"}},
        },
    }
