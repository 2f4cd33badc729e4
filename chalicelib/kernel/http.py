"""Request context, JSON parsing, error envelope and the endpoint registry behind OpenAPI."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field

from chalice import Blueprint, Response

from chalicelib.kernel import errors, parameters, registry
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.messages import error_message, field_message, language
from chalicelib.kernel.observability import log_failure, logger
from chalicelib.kernel.validation import (
    MAX_DEPTH,
    inspect_json,
    nesting_depth,
    validate,
    with_text_rules,
)

# The request being handled. Chalice keeps `app.current_request` on the shared app object,
# which threads (chalice local, the concurrency tests) would overwrite; the middleware puts
# each request here instead, per thread/context.
_request: ContextVar = ContextVar("fuwu_request")
_actor: ContextVar = ContextVar("fuwu_actor")
_body: ContextVar = ContextVar("fuwu_body")  # the request body the kernel validated
_correlation: ContextVar = ContextVar("fuwu_correlation_id", default=None)  # the request's id

MAX_BODY_BYTES = 256 * 1024


def request():
    return _request.get()


def actor() -> Actor:
    return _actor.get()


def lang() -> str:
    return language(request().headers.get("accept-language"))


def reader_language() -> str:
    """The language of the request being answered; Chinese outside one (a job, a seed)."""
    try:
        return lang()
    except LookupError:
        return "zh"


def query() -> dict:
    return dict(request().query_params or {})


def json_body() -> object:
    """The request's body, validated by the kernel before the view runs against the schema
    the route declares (`endpoint(body=...)`) and the OpenAPI document publishes."""
    try:
        return _body.get()
    except LookupError:
        raise RuntimeError("json_body() in a route that declares no body") from None


def _parsed_body() -> object:
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
                message_code: str | None = None, details: dict | None = None,
                params: dict | None = None, **extra) -> Response:
    """The envelope: a message made from the code (never an exception's text; `params` fill
    its template, a value given in both languages shown in the reader's); `details`: what the
    refusal is about, as data (the gate's missing stars); a server error names the request
    (its correlation id, in the logs too) for the user to quote."""
    own = registry.merged("messages") if registry.areas() else {}  # the areas' codes
    error = {"code": code, "message": error_message(message_code or code, language_, own, params),
             "fields": {k: field_message(v, language_, own) for k, v in (fields or {}).items()}}
    if details:
        error["details"] = details
    request_id = _correlation.get() if status >= 500 else None
    if request_id:
        error["request_id"] = request_id
    return reply({"error": error, **extra}, status)


STATUS = {
    errors.ValidationFailed: 400, errors.UnknownActionError: 400, errors.Unauthenticated: 401,
    errors.Forbidden: 403, errors.NotFound: 404, errors.StaleVersion: 409,
    errors.InvalidTransition: 409, errors.IdempotencyConflict: 409,
    errors.UploadRejected: 400, errors.UploadNotFound: 409, errors.EvidenceMissing: 409,
    errors.TooManyChanges: 409,
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
    return error_reply(status, exc.code, exc.fields, language_, message_code,
                       details=exc.extra.get("details"), params=exc.extra.get("params"), **extra)


def _enforce(ep: Endpoint, params: dict) -> None:
    """The permission table decides who may call the route. A role without the permission gets
    403 — or 404 when the object the path names is not the caller's to see, so that a refusal
    never reveals that another outlet's object exists."""
    if ep.public:
        return
    key = ep.permission.format(**params)
    if key not in registry.permissions():
        if "{" in ep.permission:
            return  # an unknown action (say): the use case names it (400 unknown_action)
        raise errors.Forbidden()  # a route naming no permission of the table: closed
    caller = actor()
    if registry.permitted(caller.role, key):
        return
    for name, value in params.items():
        visible = registry.locator(name)
        if visible is not None and not visible(caller, value):
            raise errors.NotFound()
    raise errors.Forbidden()


def _checked_request(ep: Endpoint, params: dict) -> object:
    """The body and headers the route declares, checked before its view runs (after the
    permission): the body parsed (size, depth, text, numbers) and then validated against
    exactly the schema the OpenAPI document publishes (`ep.request_schema`), then each declared
    header. A path parameter with its own refusal (an unknown action) is named between the two
    body checks, as the lifecycle always did. Returns the validated body (None without one)."""
    payload = _parsed_body() if ep.body is not None else None
    parameters.refuse_own(params)
    if ep.body is not None:
        problems = validate(payload, ep.request_schema)
        if problems:
            raise ValidationFailed(fields=_named(ep, payload, problems))
    for name, schema in ep.headers.items():
        value = request().headers.get(name.lower())
        if value is None or validate({name: value}, {"type": "object", "properties": {name: schema}}):
            raise ValidationFailed(fields={name: ("required", {})})
    return payload


def _named(ep: Endpoint, payload: object, problems: dict) -> dict:
    """The fields of a refused body. With `fields_within`, a bad object under that member is
    named from inside it (the SLA policy form names its fields `rules.0.amount`, not
    `policy.rules.0.amount`): the problems of that member's own published schema, when it has
    any, else those of the whole body."""
    root = ep.fields_within
    if not root or not isinstance(payload, dict) or not isinstance(payload.get(root), dict):
        return problems
    member = ep.request_schema["properties"][root]
    branches = member.get("anyOf", [member])
    inner = next((b for b in branches if b.get("type") == "object"), None)
    return (validate(payload[root], inner) if inner else {}) or problems


def _guarded(ep: Endpoint, fn):
    """Chalice turns a view's exceptions into its own 500 before middleware sees them, so each
    view converts refusals into the error envelope here, after enforcing the permission and
    checking the declared body and headers (401 in the middleware, then 403/404, then 400)."""

    @functools.wraps(fn)
    def view(*args, **kwargs):
        token = None
        try:
            _enforce(ep, kwargs)
            token = _body.set(_checked_request(ep, kwargs))
            return fn(*args, **kwargs)
        except errors.ServiceError as exc:
            return service_error_reply(exc, lang())
        except Exception as error:
            log_failure("unhandled error", error)
            return error_reply(500, "internal_error", None, lang())
        finally:
            if token is not None:
                _body.reset(token)

    return view


@dataclass
class Endpoint:
    method: str
    path: str
    summary: str
    response: str | None  # component name of the success body
    status: int = 200
    body: dict | None = None  # JSON Schema of the request body (the kernel validates it)
    query: tuple[str, ...] = ()  # query parameters (their schemas: chalicelib/kernel/parameters.py)
    public: bool = False
    permission: str = ""  # key of the permission table; "{name}" is filled from the path
    errors: tuple[int, ...] = field(default_factory=tuple)
    idempotent: bool = False  # honours an Idempotency-Key header
    # further x-… fields of the operation (or a function making them when the document is built)
    extensions: dict | Callable[[], dict] = field(default_factory=dict)
    blueprint: object = None  # the area's (or the kernel's) blueprint the route belongs to
    required: tuple[str, ...] = ()  # query parameters the route cannot do without
    headers: dict = field(default_factory=dict)  # required header -> JSON Schema of its value
    fields_within: str | None = None  # see _named
    # the body's schema as published and enforced: `body` with the text rules (set below)
    request_schema: dict | None = field(init=False, default=None)

    def __post_init__(self):
        if self.body is not None:
            self.request_schema = with_text_rules(self.body)


ENDPOINTS: list[Endpoint] = []
PUBLIC_PATHS: set[tuple[str, str]] = set()


def endpoint(bp: Blueprint, path: str, method: str, *, summary: str, response: str | None,
             status: int = 200, body: dict | None = None, query: tuple[str, ...] = (),
             public: bool = False, permission: str = "", errors: tuple[int, ...] = (),
             idempotent: bool = False, extensions: dict | Callable[[], dict] | None = None,
             required: tuple[str, ...] = (), headers: dict | None = None,
             fields_within: str | None = None):
    """Register a Chalice route, the permission it needs and its OpenAPI description in one
    place. Every route is public or names a permission of the table (tests/unit/test_areas.py).

    `body`: the JSON Schema of the request body; the kernel validates every request against it
    (as published, text rules included) before the view, which reads it with `json_body()`.
    `headers`: headers the route requires (name -> schema of the value; 400 naming the header
    when it is missing or another value), checked after the body. `required`: the query
    parameters of `query` that the route cannot do without (published as required; the use case
    names a missing one). `fields_within`: see `_named`."""

    if not public and not permission:
        raise ValueError(f"{method} {path}: a route is public or names a permission")

    def register(fn):
        ep = Endpoint(method, path, summary, response, status, body, query, public, permission,
                      errors, idempotent, extensions or {}, bp, required=required,
                      headers=dict(headers or {}), fields_within=fields_within)
        assert set(required) <= set(query), f"{method} {path}: required {required} not in query"
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
