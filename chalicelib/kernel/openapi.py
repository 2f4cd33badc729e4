"""The OpenAPI 3.1 document, built from the endpoint registry and the areas' schemas."""

from __future__ import annotations

import re
from functools import lru_cache

from chalicelib.kernel import registry
from chalicelib.kernel.http import ENDPOINTS, MAX_BODY_BYTES
from chalicelib.kernel.parameters import path_schema, query_schema
from chalicelib.kernel.schemas import CONFLICT, components, free_form, ref

STATUS_TEXT = {200: "OK", 201: "Created", 202: "Accepted", 204: "No content",
               400: "Bad request (field messages in error.fields)",
               401: "Missing, invalid or expired token",
               403: "Role may not do this (or head office without TOTP where it is required)",
               404: "Not found (or in another outlet)", 409: "Conflict (stale version, "
               "invalid transition or idempotency key reuse)",
               413: f"Request body larger than {MAX_BODY_BYTES} bytes",
               415: "Content-Type is not application/json",
               429: "Too many requests (Cognito throttled the call)",
               503: "Service unavailable (Cognito failed or did not answer)"}

# Refusals every operation may answer, whatever its own: 400 (the middleware checks every query
# and path parameter: plain text, bounded length) and 415 (Chalice refuses any request whose
# Content-Type is not JSON, bodiless ones too). 401 on every operation behind a token; 413 on
# every operation that reads a body. (405 is the answer for a method the path does not have,
# so it belongs to no operation of the path; it comes in the same error envelope.)
ALWAYS = (400, 415)

# A request body's schema is published as the kernel enforces it: `Endpoint.request_schema`,
# the route's schema with the server's text rule said as a pattern on each free-text string
# (chalicelib/kernel/validation.py: with_text_rules).


def _error_response(status: int, schemas: dict) -> dict:
    schema = {"anyOf": [ref(CONFLICT), ref("Error")]} if status == 409 and CONFLICT in schemas \
        else ref("Error")
    return {"description": STATUS_TEXT[status], "content": {"application/json": {"schema": schema}}}


def _success_response(ep) -> dict:
    if ep.status == 204:
        return {"description": STATUS_TEXT[204]}
    schema = ref(ep.response) if ep.response else free_form(
        "the answer of a route without a response component (this document itself)")
    return {"description": STATUS_TEXT.get(ep.status, "OK"),
            "content": {"application/json": {"schema": schema}}}


def _parameters(ep) -> list[dict]:
    parameters = [{"name": name, "in": "path", "required": True,
                   "schema": path_schema(name)} for name in re.findall(r"{(\w+)}", ep.path)]
    parameters += [{"name": name, "in": "query", "required": name in ep.required,
                    "schema": query_schema(ep.path, name) or {"type": "string"}}
                   for name in ep.query]
    parameters += [{"name": name, "in": "header", "required": True, "schema": schema}
                   for name, schema in ep.headers.items()]
    if ep.idempotent:
        parameters.append({"name": "Idempotency-Key", "in": "header", "required": False,
                           "schema": {"type": "string", "minLength": 1, "maxLength": 128}})
    return parameters


def _operation(ep, schemas: dict) -> dict:
    operation: dict = {
        "summary": ep.summary,
        "operationId": re.sub(r"\W+", "_", f"{ep.method.lower()}{ep.path}").strip("_"),
        "responses": {str(ep.status): _success_response(ep)},
    }
    if ep.permission:
        operation["x-permission"] = ep.permission
        roles = registry.permissions().get(ep.permission)
        if roles is not None:
            operation["x-roles"] = list(roles)
    refusals = set(ep.errors) | set(ALWAYS)
    if not ep.public:
        refusals |= {401, 403}  # 403 also for head office without TOTP where it is required
        operation["security"] = [{"cognito": []}]
    if ep.body is not None:
        refusals.add(413)
        operation["requestBody"] = {"required": True, "content": {
            "application/json": {"schema": ep.request_schema}}}
    for status in sorted(refusals):
        operation["responses"][str(status)] = _error_response(status, schemas)
    parameters = _parameters(ep)
    if parameters:
        operation["parameters"] = parameters
    operation.update(ep.extensions() if callable(ep.extensions) else ep.extensions)
    return operation


@lru_cache(maxsize=1)
def document() -> dict:
    """Built once, on first use: after the areas are installed (their routes and schemas)."""
    schemas = components()
    paths: dict = {}
    for ep in ENDPOINTS:
        paths.setdefault(ep.path, {})[ep.method.lower()] = _operation(ep, schemas)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Fuwu 服务 — after-sales service API", "version": "1.0.0"},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"cognito": {"type": "http", "scheme": "bearer",
                                            "bearerFormat": "Cognito ID token (JWT)"}},
        },
    }
