"""Request context, JSON parsing, error envelope and the endpoint registry behind OpenAPI."""

from __future__ import annotations

import functools
import json
from contextvars import ContextVar
from dataclasses import dataclass, field

from chalice import Blueprint, Response

from chalicelib.kernel import errors, registry
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.messages import error_message, field_message, language
from chalicelib.kernel.observability import log_failure, logger
from chalicelib.kernel.validation import MAX_DEPTH, inspect_json, nesting_depth

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
    """The request's JSON body, checked before and after parsing: size and nesting depth
    first (the parser recurses), then text and numbers that nothing could store."""
    raw = request().raw_body or b""
    if len(raw) > MAX_BODY_BYTES:
        raise errors.PayloadTooLarge(fields={"body": ("maxLength", {"limit": MAX_BODY_BYTES})})
    try:
        text = raw.decode("utf-8")  # JSON is UTF-8 (RFC 8259); json.loads would guess UTF-16/32
    except UnicodeDecodeError:
        raise ValidationFailed("bad_json", fields={"body": ("invalid", {})}) from None
    if nesting_depth(text) > MAX_DEPTH:
        raise ValidationFailed(fields={"body": ("depth", {})})
    try:
        payload = json.loads(text or "{}")
    except (ValueError, RecursionError):
        raise ValidationFailed("bad_json", fields={"body": ("invalid", {})}) from None
    problems = inspect_json(payload)
    if problems:
        raise ValidationFailed(fields=problems)
    return payload


def reply(body: object, status: int = 200) -> Response:
    return Response(body=json.dumps(body, ensure_ascii=False), status_code=status,
                    headers={"Content-Type": "application/json; charset=utf-8"})


def error_reply(status: int, code: str, fields: dict | None = None, language_: str = "zh",
                message_code: str | None = None, **extra) -> Response:
    body = {"error": {"code": code, "message": error_message(message_code or code, language_),
                      "fields": {k: field_message(v, language_) for k, v in (fields or {}).items()}},
            **extra}
    return reply(body, status)


STATUS = {
    errors.ValidationFailed: 400, errors.UnknownActionError: 400, errors.Unauthenticated: 401,
    errors.Forbidden: 403, errors.NotFound: 404, errors.StaleVersion: 409,
    errors.InvalidTransition: 409, errors.IdempotencyConflict: 409,
    errors.UploadRejected: 400, errors.UploadNotFound: 409, errors.EvidenceMissing: 409,
    errors.PayloadTooLarge: 413, errors.PasswordResetRequired: 401,
    errors.SecondFactorRequired: 403, errors.TooManyRequests: 429,
    errors.ServiceUnavailable: 503, errors.UnsupportedMediaType: 415,
}


def status_of(exc: errors.ServiceError) -> int:
    """The status of a refusal: its class's, or the nearest base class's (a refinement such as
    "password reset required" is still a 401)."""
    return next((STATUS[kind] for kind in type(exc).__mro__ if kind in STATUS), 400)
OWN_MESSAGES = ("invalid_credentials", "bad_json")


def service_error_reply(exc: errors.ServiceError, language_: str) -> Response:
    """The error envelope for a refusal of a use case."""
    status = status_of(exc)
    if status == 401:
        logger.info("unauthenticated", extra={"reason": str(exc)})
    extra = {"current": exc.extra["current"]} if "current" in exc.extra else {}
    message_code = exc.message if exc.message in OWN_MESSAGES else None
    return error_reply(status, exc.code, exc.fields, language_, message_code, **extra)


def _enforce(ep: Endpoint, params: dict) -> None:
    """The permission table decides who may call the route. A role without the permission gets
    403 — or 404 when the object the path names is not the caller's to see, so that a refusal
    never reveals that another outlet's object exists."""
    if ep.public:
        return
    key = ep.permission.format(**params)
    if key not in registry.permissions():
        return  # e.g. an unknown action: the use case names it (400 unknown_action)
    caller = actor()
    if registry.permitted(caller.role, key):
        return
    for name, value in params.items():
        visible = registry.locator(name)
        if visible is not None and not visible(caller, value):
            raise errors.NotFound()
    raise errors.Forbidden()


def _guarded(ep: Endpoint, fn):
    """Chalice turns a view's exceptions into its own 500 before middleware sees them, so each
    view converts refusals into the error envelope here, after enforcing the permission."""

    @functools.wraps(fn)
    def view(*args, **kwargs):
        try:
            _enforce(ep, kwargs)
            return fn(*args, **kwargs)
        except errors.ServiceError as exc:
            return service_error_reply(exc, lang())
        except Exception as error:
            log_failure("unhandled error", error)
            return error_reply(500, "internal_error", None, lang())

    return view


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
    permission: str = ""  # key of the permission table; "{name}" is filled from the path
    errors: tuple[int, ...] = field(default_factory=tuple)
    idempotent: bool = False  # honours an Idempotency-Key header
    extensions: dict = field(default_factory=dict)  # further x-… fields of the operation


ENDPOINTS: list[Endpoint] = []
PUBLIC_PATHS: set[tuple[str, str]] = set()


def endpoint(bp: Blueprint, path: str, method: str, *, summary: str, response: str | None,
             status: int = 200, body: dict | None = None, query: tuple[str, ...] = (),
             public: bool = False, permission: str = "", errors: tuple[int, ...] = (),
             idempotent: bool = False, extensions: dict | None = None):
    """Register a Chalice route, the permission it needs and its OpenAPI description in one
    place. Every route is public or names a permission of the table (tests/unit/test_areas.py)."""

    def register(fn):
        ep = Endpoint(method, path, summary, response, status, body, query, public, permission,
                      errors, idempotent, extensions or {})
        ENDPOINTS.append(ep)
        if public:
            PUBLIC_PATHS.add((method, path))
        bp.route(path, methods=[method])(_guarded(ep, fn))
        return fn

    return register


def idempotency_key() -> str | None:
    key = request().headers.get("idempotency-key")
    if key is not None and not (1 <= len(key) <= 128 and key.isprintable()):
        raise ValidationFailed(fields={"Idempotency-Key": ("range", {"min": 1, "max": 128})})
    return key
