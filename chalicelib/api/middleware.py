"""One HTTP middleware: request context, token verification, error envelope, logs, metrics."""

from __future__ import annotations

import time
import uuid

from chalicelib.observability import flush, logger
from chalicelib.services import errors, identity

from .http import PUBLIC_PATHS, _actor, _request, error_reply, service_error_reply
from .messages import language


def http_middleware(event, get_response):
    request_token = _request.set(event)
    started = time.perf_counter()
    headers = event.headers or {}
    correlation_id = headers.get("x-correlation-id") or (event.context or {}).get("requestId") \
        or uuid.uuid4().hex
    logger.set_correlation_id(correlation_id)
    lang = language(headers.get("accept-language"))
    resource = (event.context or {}).get("resourcePath", event.path)
    username, actor_token = None, None
    try:
        if (event.method, resource) not in PUBLIC_PATHS:
            principal = identity.verify_token(identity.bearer_token(headers.get("authorization")))
            username = principal.username
            actor_token = _actor.set(principal)
        response = get_response(event)
    except errors.ServiceError as exc:  # the token check above
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
        "method": event.method, "path": event.path, "status": response.status_code,
        "user": username, "ms": round((time.perf_counter() - started) * 1000, 1)})
    flush()
    return response
