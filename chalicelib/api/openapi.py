"""The OpenAPI 3.1 document, built from the endpoint registry and the domain's schemas."""

from __future__ import annotations

import re
from functools import lru_cache

from chalicelib.domain import lifecycle

from .http import ENDPOINTS
from .schemas import COMPONENTS, ref

STATUS_TEXT = {200: "OK", 201: "Created", 400: "Bad request (field messages in error.fields)",
               401: "Missing, invalid or expired token", 403: "Role may not do this",
               404: "Not found (or in another outlet)", 409: "Conflict (stale version, "
               "invalid transition or idempotency key reuse)"}


def _error_response(status: int) -> dict:
    schema = {"anyOf": [ref("StaleVersionError"), ref("Error")]} if status == 409 else ref("Error")
    return {"description": STATUS_TEXT[status], "content": {"application/json": {"schema": schema}}}


@lru_cache(maxsize=1)
def document() -> dict:
    paths: dict = {}
    for ep in ENDPOINTS:
        operation: dict = {
            "summary": ep.summary,
            "operationId": re.sub(r"\W+", "_", f"{ep.method.lower()}{ep.path}").strip("_"),
            "responses": {str(ep.status): {
                "description": STATUS_TEXT.get(ep.status, "OK"),
                "content": {"application/json": {
                    "schema": ref(ep.response) if ep.response else {"type": "object"}}},
            }},
        }
        if ep.roles:
            operation["x-roles"] = list(ep.roles)
        for status in ep.errors:
            operation["responses"][str(status)] = _error_response(status)
        if not ep.public:
            operation["security"] = [{"cognito": []}]
        parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                      for name in re.findall(r"{(\w+)}", ep.path)]
        parameters += [{"name": name, "in": "query", "required": False,
                        "schema": {"type": "string"}} for name in ep.query]
        if ep.method == "POST" and ep.path in ("/api/work-orders", "/api/customers"):
            parameters.append({"name": "Idempotency-Key", "in": "header", "required": False,
                               "schema": {"type": "string", "maxLength": 128}})
        if parameters:
            operation["parameters"] = parameters
        if ep.body is not None:
            operation["requestBody"] = {"required": True, "content": {
                "application/json": {"schema": ep.body}}}
        if ep.path.endswith("/actions/{action}"):
            operation["x-action-data-schemas"] = {a.name: a.schema
                                                  for a in lifecycle.ACTIONS.values()}
        paths.setdefault(ep.path, {})[ep.method.lower()] = operation
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
