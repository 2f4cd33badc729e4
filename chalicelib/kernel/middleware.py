"""One HTTP middleware: request context, token verification, error envelope, logs, metrics."""

from __future__ import annotations

import time
import uuid

from chalice import Response

from chalicelib.kernel import errors, parameters, registry
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.http import (
    PUBLIC_PATHS,
    _actor,
    _correlation,
    _request,
    error_reply,
    service_error_reply,
)
from chalicelib.kernel.messages import language
from chalicelib.kernel.observability import flush, log_failure, logger, safe_correlation_id
from chalicelib.kernel.parameters import MAX_PARAM_LENGTH
from chalicelib.kernel.validation import bad_text

# Refusals that Chalice answers itself, in its own {"Code", "Message"} shape
CHALICE_REFUSALS = {405: "method_not_allowed", 415: "unsupported_media_type",
                    413: "payload_too_large"}


def check_parameters(event, route: str) -> None:
    """Query and path parameters are plain text of bounded length, and what the parameter
    table says (400 naming the first bad)."""
    query, path = dict(event.query_params or {}), dict(event.uri_params or {})
    for where in (query, path):
        for name, value in where.items():
            if bad_text(name, multiline=False) or len(name) > 64:
                raise ValidationFailed(fields={"query": ("invalid", {})})
            if bad_text(value, multiline=False):
                raise ValidationFailed(fields={name: ("text", {})})
            if len(value) > MAX_PARAM_LENGTH:
                raise ValidationFailed(fields={name: ("too_long", {"limit": MAX_PARAM_LENGTH})})
    parameters.check(route, query, path)


def check_media_type(event) -> None:
    """A body must be declared exactly `application/json` (parameters such as charset aside):
    Chalice's own check takes `text/plain; application/json`, which a form on another site can
    send without a CORS preflight."""
    declared = (event.headers or {}).get("content-type")
    if declared is None and not event.raw_body:
        return
    media_type = (declared or "").split(";", 1)[0].strip().lower()
    if media_type != "application/json":
        raise errors.UnsupportedMediaType()


def in_envelope(response: Response, lang: str) -> Response:
    """Chalice's own refusals (415 for a non-JSON body, 405, ...) in the API's error envelope."""
    body = response.body
    if response.status_code >= 400 and isinstance(body, dict) and "Code" in body:
        code = CHALICE_REFUSALS.get(response.status_code, "internal_error")
        status = response.status_code if code != "internal_error" else 500
        envelope = error_reply(status, code, None, lang)
        if "Allow" in (response.headers or {}):
            envelope.headers["Allow"] = response.headers["Allow"]
        return envelope
    return response


def http_middleware(event, get_response):
    request_token = _request.set(event)
    started = time.perf_counter()
    headers = event.headers or {}
    correlation_id = safe_correlation_id(headers.get("x-correlation-id")) \
        or (event.context or {}).get("requestId") or uuid.uuid4().hex
    logger.set_correlation_id(correlation_id)
    correlation_token = _correlation.set(correlation_id)
    lang = language(headers.get("accept-language"))
    resource = (event.context or {}).get("resourcePath", event.path)
    username, actor_token = None, None
    try:
        if (event.method, resource) not in PUBLIC_PATHS:
            principal = registry.authenticate(headers.get("authorization"), event.method,
                                              resource)
            username = principal.username
            actor_token = _actor.set(principal)
        check_parameters(event, resource)
        if event.method in ("POST", "PUT", "PATCH", "DELETE"):
            check_media_type(event)
        response = in_envelope(get_response(event), lang)
    except errors.ServiceError as exc:  # the token and parameter checks above
        response = service_error_reply(exc, lang)
    except Exception as error:
        log_failure("unhandled error", error)
        response = error_reply(500, "internal_error", None, lang)
    finally:
        _request.reset(request_token)
        _correlation.reset(correlation_token)
        if actor_token is not None:
            _actor.reset(actor_token)
    response.headers["X-Correlation-Id"] = correlation_id
    logger.info("request", extra={
        "method": event.method, "path": resource, "status": response.status_code,
        "user": username, "ms": round((time.perf_counter() - started) * 1000, 1)})
    flush()
    return response
