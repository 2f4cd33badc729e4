"""Sign-in against Cognito, and the session cookie.

The ID token goes to the SPA, which keeps it in memory only; the middleware verifies it on
every call. The refresh token never reaches page scripts: login sets it as an HttpOnly, Secure,
SameSite=Strict cookie scoped to `/api/auth`, `POST /api/auth/refresh` reads it from there, and
`POST /api/auth/logout` revokes it and clears the cookie.

Against cross-site requests: SameSite=Strict keeps the cookie off requests started by another
site, and refresh and logout also require the `X-Fuwu-Session` header, which no HTML form can
send and a script on another origin cannot send without a CORS preflight the API never grants.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie

from chalice import Blueprint, Response

from chalicelib.domain.validation import validate
from chalicelib.observability import logger
from chalicelib.services import directory, identity
from chalicelib.services.errors import Unauthenticated, ValidationFailed

from .http import endpoint, json_body, lang, reply, request, service_error_reply

bp = Blueprint(__name__)

REFRESH_COOKIE = "fuwu_refresh"
COOKIE_PATH = "/api/auth"
# The user pool client's refresh token validity: Cognito's default of 30 days (neither
# infra/cdk/stack.py nor infra/local/bootstrap.py sets `refresh_token_validity`); keep in step.
REFRESH_TOKEN_SECONDS = 30 * 24 * 3600
MAX_TOKEN_CHARS = 8192
SESSION_HEADER = "X-Fuwu-Session"

LOGIN_SCHEMA = {
    "type": "object",
    "properties": {"username": {"type": "string", "minLength": 1, "maxLength": 128},
                   "password": {"type": "string", "minLength": 1, "maxLength": 256}},
    "required": ["username", "password"], "additionalProperties": False,
}


def _validated(schema: dict) -> dict:
    payload = json_body()
    problems = validate(payload, schema)
    if problems:
        raise ValidationFailed(fields=problems)
    return payload  # type: ignore[return-value]


def refresh_cookie(value: str, max_age: int) -> str:
    """The Set-Cookie value carrying a refresh token (an empty value and 0 clear it)."""
    jar: SimpleCookie = SimpleCookie()
    jar[REFRESH_COOKIE] = value
    morsel = jar[REFRESH_COOKIE]
    morsel["path"] = COOKIE_PATH
    morsel["max-age"] = max_age
    morsel["httponly"] = True
    morsel["secure"] = True
    morsel["samesite"] = "Strict"
    return morsel.OutputString()


def _cookie_token() -> str | None:
    """The refresh token from the Cookie header, or None. Each `name=value` pair is parsed on
    its own, so that a malformed cookie of someone else on the same host (SimpleCookie stops at
    the first one it cannot read) neither hides ours nor fails the request."""
    header = request().headers.get("cookie") or ""
    for pair in header.split(";"):
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(pair.strip())
        except CookieError:
            continue
        morsel = jar.get(REFRESH_COOKIE)
        if morsel is None:
            continue
        value = morsel.value
        if 0 < len(value) <= MAX_TOKEN_CHARS and value.isascii() and value.isprintable():
            return value
    return None


def _require_session_header() -> None:
    """Only the SPA's own scripts can send this header (see the module docstring)."""
    if request().headers.get(SESSION_HEADER.lower()) != "1":
        raise ValidationFailed(fields={SESSION_HEADER: ("required", {})})


def _with_cookie(response: Response, value: str, max_age: int) -> Response:
    response.headers["Set-Cookie"] = refresh_cookie(value, max_age)
    return response


@endpoint(bp, "/api/auth/login", "POST", summary="Sign in with username and password. The "
          "body carries the ID token (refresh_token is always null); the refresh token is set "
          f"as the HttpOnly, Secure, SameSite=Strict cookie `{REFRESH_COOKIE}` (Path="
          f"{COOKIE_PATH}, {REFRESH_TOKEN_SECONDS // 86400} days)",
          response="Tokens", body=LOGIN_SCHEMA, public=True, errors=(400, 401))
def login():
    payload = _validated(LOGIN_SCHEMA)
    tokens = identity.login(payload["username"], payload["password"])
    user = directory.me(identity.verify_token(tokens["id_token"]))
    response = reply({**tokens, "refresh_token": None, "user": user})
    if tokens.get("refresh_token"):
        _with_cookie(response, tokens["refresh_token"], REFRESH_TOKEN_SECONDS)
    return response


@endpoint(bp, "/api/auth/refresh", "POST", summary=f"A new ID token from the `{REFRESH_COOKIE}` "
          f"cookie set by login; requires the header `{SESSION_HEADER}: 1` (400 without it); "
          "401 (and the cookie cleared) when the cookie is missing, invalid or revoked",
          response="Tokens", public=True, errors=(400, 401))
def refresh():
    _require_session_header()
    try:
        token = _cookie_token()
        if token is None:
            raise Unauthenticated("no refresh cookie")
        tokens = identity.refresh(token)
        user = directory.me(identity.verify_token(tokens["id_token"]))
    except Unauthenticated as exc:
        return _with_cookie(service_error_reply(exc, lang()), "", 0)
    response = reply({**tokens, "refresh_token": None, "user": user})
    rotated = tokens.get("refresh_token")  # only if the app client rotates refresh tokens
    if rotated and rotated != token:
        _with_cookie(response, rotated, REFRESH_TOKEN_SECONDS)
    return response


@endpoint(bp, "/api/auth/logout", "POST", summary=f"Sign out: revokes the refresh token of the "
          f"`{REFRESH_COOKIE}` cookie with Cognito (best effort) and clears the cookie; "
          f"requires the header `{SESSION_HEADER}: 1`. 204, also without a cookie",
          response=None, status=204, public=True, errors=(400,))
def logout():
    _require_session_header()
    token = _cookie_token()
    if token is not None and not identity.revoke(token):
        # The cookie is cleared anyway; the token then lives until its own expiry.
        logger.info("refresh token not revoked")
    return _with_cookie(Response(body="", status_code=204), "", 0)
