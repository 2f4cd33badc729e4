"""Request context, JSON parsing, error envelope and the endpoint registry behind OpenAPI."""

from __future__ import annotations

import json
from contextvars import ContextVar
from dataclasses import dataclass, field

from chalice import Blueprint, Response

from chalicelib.domain.lifecycle import Actor
from chalicelib.services.errors import ValidationFailed

from .messages import error_message, field_message, language

# The request being handled. Chalice keeps `app.current_request` on the shared app object,
# which threads (chalice local, the concurrency tests) would overwrite; the middleware puts
# each request here instead, per thread/context.
_request: ContextVar = ContextVar("fuwu_request")
_actor: ContextVar = ContextVar("fuwu_actor")

MAX_BODY_BYTES = 256 * 1024


def request():
    return _request.get()


def actor() -> Actor:
    return _actor.get()


def lang() -> str:
    return language(request().headers.get("accept-language"))


def query() -> dict:
    return dict(request().query_params or {})


def json_body() -> object:
    raw = request().raw_body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise ValidationFailed(fields={"body": ("maxLength", {"limit": MAX_BODY_BYTES})})
    try:
        return json.loads(raw or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ValidationFailed("bad_json", fields={"body": ("invalid", {})}) from None


def reply(body: object, status: int = 200) -> Response:
    return Response(body=json.dumps(body, ensure_ascii=False), status_code=status,
                    headers={"Content-Type": "application/json; charset=utf-8"})


def error_reply(status: int, code: str, fields: dict | None = None, language_: str = "zh",
                message_code: str | None = None, **extra) -> Response:
    body = {"error": {"code": code, "message": error_message(message_code or code, language_),
                      "fields": {k: field_message(v, language_) for k, v in (fields or {}).items()}},
            **extra}
    return reply(body, status)


@dataclass
class Endpoint:
    method: str
    path: str
    summary: str
    response: str | None  # component name of the success body
    status: int = 200
    body: dict | None = None  # JSON Schema of the request body
    query: tuple[str, ...] = ()
    public: bool = False
    roles: tuple[str, ...] = ()
    errors: tuple[int, ...] = field(default_factory=tuple)


ENDPOINTS: list[Endpoint] = []
PUBLIC_PATHS: set[tuple[str, str]] = set()


def endpoint(bp: Blueprint, path: str, method: str, *, summary: str, response: str | None,
             status: int = 200, body: dict | None = None, query: tuple[str, ...] = (),
             public: bool = False, roles: tuple[str, ...] = (), errors: tuple[int, ...] = ()):
    """Register a Chalice route and describe it for the OpenAPI document in one place."""

    def register(fn):
        ENDPOINTS.append(Endpoint(method, path, summary, response, status, body, query, public,
                                  roles, errors))
        if public:
            PUBLIC_PATHS.add((method, path))
        bp.route(path, methods=[method])(fn)
        return fn

    return register


def idempotency_key() -> str | None:
    key = request().headers.get("idempotency-key")
    if key is not None and not (1 <= len(key) <= 128 and key.isprintable()):
        raise ValidationFailed(fields={"Idempotency-Key": ("range", {"min": 1, "max": 128})})
    return key
