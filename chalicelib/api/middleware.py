"""One HTTP middleware: request context, token verification, error envelope, logs, metrics."""

from __future__ import annotations

import time
import uuid

from chalice import Response

from chalicelib.domain.validation import bad_text
from chalicelib.observability import flush, logger, safe_correlation_id
from chalicelib.services import errors, identity
from chalicelib.services.errors import ValidationFailed

from .http import PUBLIC_PATHS, _actor, _request, error_reply, service_error_reply
from .messages import language

MAX_PARAM_LENGTH = 2048  # a query or path parameter (a cursor is the longest)
# Refusals that Chalice answers itself, in its own {"Code", "Message"} shape
CHALICE_REFUSALS = {405: "method_not_allowed", 415: "unsupported_media_type",
                    413: "payload_too_large"}


def check_parameters(event) -> None:
    """Query and path parameters are plain text of bounded length (400 naming the first bad)."""
    for where in (event.query_params or {}, event.uri_params or {}):
        for name, value in where.items():
            if bad_text(name, multiline=False) or len(name) > 64:
                raise ValidationFailed(fields={"query": ("invalid", {})})
            if bad_text(value, multiline=False):
                raise ValidationFailed(fields={name: ("text", {})})
            if len(value) > MAX_PARAM_LENGTH:
                raise ValidationFailed(fields={name: ("too_long", {"limit": MAX_PARAM_LENGTH})})


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
    lang = language(headers.get("accept-language"))
    resource = (event.context or {}).get("resourcePath", event.path)
    username, actor_token = None, None
    try:
        if (event.method, resource) not in PUBLIC_PATHS:
            principal = identity.verify_token(identity.bearer_token(headers.get("authorization")))
            username = principal.username
            actor_token = _actor.set(principal)
        check_parameters(event)
        response = in_envelope(get_response(event), lang)
    except errors.ServiceError as exc:  # the token and parameter checks above
        response = service_error_reply(exc, lang)
    except Exception:
        logger.exception("unhandled error")
        response = error_reply(500, "internal_error", None, lang)
    finally:
        _request.reset(request_token)
        if actor_token is not None:
            _actor.reset(actor_token)
    response.headers["X-Correlation-Id"] = correlation_id
    logger.info("request", extra={
        "method": event.method, "path": resource, "status": response.status_code,
        "user": username, "ms": round((time.perf_counter() - started) * 1000, 1)})
    flush()
    return response
