"""Sign-in against Cognito, and the session cookie.

The ID token goes to the SPA, which keeps it in memory only; the middleware verifies it on
every call. The refresh token never reaches page scripts: login sets it as an HttpOnly, Secure,
SameSite=Strict cookie scoped to `/api/auth`, `POST /api/auth/refresh` reads it from there, and
`POST /api/auth/logout` revokes it and clears the cookie. Nor does Cognito's access token: with
it a script could call Cognito directly (turn TOTP off, change the e-mail address used for
password recovery, delete the user), so `access_token` is always null in the bodies and the API
mints one from the cookie only for its own calls.

Against cross-site requests: SameSite=Strict keeps the cookie off requests started by another
site, and login, challenge, refresh and logout also require the `X-Fuwu-Session` header, which
no HTML form can send and a script on another origin cannot send without a CORS preflight the
API never grants (so no other site can sign a browser in to an account of its choosing).

A sign-in Cognito wants one more step for (a TOTP code, or a new password in place of a
temporary one) answers `{"challenge", "session", "user": null}` instead of tokens; the SPA sends
the step to `POST /api/auth/challenge`, which ends like a login. Setting up TOTP needs the user's
Cognito access token: the SPA does not keep one; the two TOTP routes mint it here from the
refresh cookie (which is scoped to /api/auth, so the browser sends it to them) and never return
it.
"""

from __future__ import annotations

from chalice import Blueprint, Response

from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import Unauthenticated
from chalicelib.kernel.http import actor, endpoint, json_body, lang, reply, request, service_error_reply
from chalicelib.kernel.lazy import lazy
from chalicelib.kernel.observability import logger
from chalicelib.modules.directory.domain.signin import CHALLENGES

bp = Blueprint(__name__)

identity = lazy("chalicelib.modules.directory.identity")
directory = lazy("chalicelib.modules.directory.usecases")
REFRESH_COOKIE = "fuwu_refresh"
COOKIE_PATH = "/api/auth"
MAX_TOKEN_CHARS = 8192
SESSION_HEADER = "X-Fuwu-Session"
# Only the SPA's own scripts can send this header (see the module docstring); the kernel
# refuses a request of these routes without it (400 naming it), after checking the body.
SESSION = {SESSION_HEADER: {"type": "string", "enum": ["1"],
                            "description": "the SPA's own request (login CSRF defence)"}}

LOGIN_SCHEMA = {
    "type": "object",
    "properties": {"username": {"type": "string", "minLength": 1, "maxLength": 128},
                   "password": {"type": "string", "minLength": 1, "maxLength": 256}},
    "required": ["username", "password"], "additionalProperties": False,
}
TOTP_CODE = {"type": "string", "pattern": "^[0-9]{6}$", "description": "6 digits"}
CHALLENGE_SCHEMA = {
    "type": "object",
    "properties": {
        "username": LOGIN_SCHEMA["properties"]["username"],
        # Cognito's session: 20–2048 characters, valid for the app client's auth session
        # validity (3 minutes by default)
        "session": {"type": "string", "minLength": 20, "maxLength": 2048},
        "challenge": {"enum": list(CHALLENGES.values())},
        "code": TOTP_CODE,
        "new_password": {"type": "string", "minLength": 8, "maxLength": 256},
    },
    "required": ["username", "session", "challenge"], "additionalProperties": False,
    "allOf": [
        {"if": {"properties": {"challenge": {"const": "totp"}}, "required": ["challenge"]},
         "then": {"required": ["code"]}},
        {"if": {"properties": {"challenge": {"const": "new_password"}}, "required": ["challenge"]},
         "then": {"required": ["new_password"]}},
    ],
}
MFA_VERIFY_SCHEMA = {"type": "object", "properties": {"code": TOTP_CODE}, "required": ["code"],
                     "additionalProperties": False}
# `code`: a current code of the authenticator in force, required when TOTP is on already.
MFA_SETUP_SCHEMA = {"type": "object", "properties": {"code": TOTP_CODE},
                    "additionalProperties": False}
# Cognito throttled (429) or failed (503): the session stays, try again later.
COGNITO_FAULTS = (429, 503)


def refresh_token_seconds() -> int:
    """The refresh cookie's Max-Age: the app client's refresh token validity
    (FUWU_REFRESH_TOKEN_DAYS, from infra/resources.py's UserPool through the stack)."""
    return settings().refresh_token_days * 24 * 3600


def refresh_cookie(value: str, max_age: int) -> str:
    """The Set-Cookie value carrying a refresh token (an empty value and 0 clear it)."""
    from http.cookies import SimpleCookie  # on the session routes only: not in every cold start

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
    from http.cookies import CookieError, SimpleCookie

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


def _with_cookie(response: Response, value: str, max_age: int) -> Response:
    response.headers["Set-Cookie"] = refresh_cookie(value, max_age)
    return response


def _session_body(tokens: dict) -> dict:
    """The body of a signed-in answer (login, challenge, refresh): the ID token, the user, and
    the state of their second factor (recorded in the directory on the way). Never the refresh
    token nor the access token (see the module docstring)."""
    person = identity.verify_token(tokens["id_token"])
    return {"id_token": tokens["id_token"], "access_token": None, "refresh_token": None,
            "expires_in": tokens["expires_in"], "user": directory.me(person),
            **identity.second_factor(person, tokens["access_token"], tokens.get("proven_mfa"))}


def _signed_in_or_challenge(outcome: dict) -> Response:
    """What login and challenge answer: the challenge to take next (no token, no cookie), or
    the session with the refresh token set as the cookie."""
    if "challenge" in outcome:
        return reply({"challenge": outcome["challenge"], "session": outcome["session"],
                      "user": None})
    response = reply(_session_body(outcome))
    if outcome.get("refresh_token"):
        _with_cookie(response, outcome["refresh_token"], refresh_token_seconds())
    return response


SIGNED_IN = ("the body carries the ID token (access_token and refresh_token are always null) "
             "and `mfa`/`mfa_required`; the refresh token is set as the HttpOnly, Secure, "
             f"SameSite=Strict cookie `{REFRESH_COOKIE}` (Path={COOKIE_PATH}, Max-Age the app "
             "client's refresh token validity). When Cognito asks for one more step, the answer "
             "is a LoginChallenge (`challenge`: totp | new_password, `session`) without token "
             "or cookie: send it to POST /api/auth/challenge")
FAULTS = ("429 `too_many_requests` when Cognito throttles, 503 `service_unavailable` when it "
          "fails or does not answer")


@endpoint(bp, "/api/auth/login", "POST", summary=f"Sign in with username and password; requires "
          f"the header `{SESSION_HEADER}: 1` (400 without it): {SIGNED_IN}. 401 "
          "`unauthenticated` for a wrong username or password, 401 `password_reset_required` "
          f"after an administrator reset the password; {FAULTS}",
          response="LoginResult", body=LOGIN_SCHEMA, headers=SESSION, public=True,
          errors=(400, 401) + COGNITO_FAULTS)
def login():
    payload = json_body()
    return _signed_in_or_challenge(identity.login(payload["username"], payload["password"]))


@endpoint(bp, "/api/auth/challenge", "POST", summary="Answer the challenge of a sign-in: "
          "`code` (6 digits of the authenticator app) for totp, `new_password` for new_password, "
          f"with the `session` of the LoginChallenge. Ends like a login: {SIGNED_IN}. 401 "
          "`invalid_code` for a wrong code (the session may be tried again while it lasts), 401 "
          "`unauthenticated` for an expired or unknown session (sign in again), 400 naming "
          f"`new_password` when Cognito refuses it (its policy, a leading space); requires the "
          f"header `{SESSION_HEADER}: 1` like login; {FAULTS}",
          response="LoginResult", body=CHALLENGE_SCHEMA, headers=SESSION, public=True,
          errors=(400, 401) + COGNITO_FAULTS)
def challenge():
    payload = json_body()
    return _signed_in_or_challenge(identity.answer_challenge(
        payload["username"], payload["session"], payload["challenge"],
        code=payload.get("code"), new_password=payload.get("new_password")))


@endpoint(bp, "/api/auth/refresh", "POST", summary=f"A new ID token from the `{REFRESH_COOKIE}` "
          f"cookie set by login; requires the header `{SESSION_HEADER}: 1` (400 without it); "
          "401 (and the cookie cleared) when the cookie is missing, invalid or revoked; the "
          "cookie is set again when Cognito rotated the refresh token; "
          f"{FAULTS} (the cookie stays: keep the session and try again)",
          response="Tokens", headers=SESSION, public=True, errors=(400, 401) + COGNITO_FAULTS)
def refresh():
    try:
        token = _cookie_token()
        if token is None:
            raise Unauthenticated("no_refresh_cookie")
        tokens = identity.refresh(token)
        body = _session_body(tokens)
    except Unauthenticated as exc:
        return _with_cookie(service_error_reply(exc, lang()), "", 0)
    return _with_rotated(reply(body), token, tokens)


def _with_rotated(response: Response, sent: str, tokens: dict) -> Response:
    """Set the cookie again when Cognito answered a new refresh token (rotation on)."""
    rotated = tokens.get("refresh_token")
    if rotated and rotated != sent:
        _with_cookie(response, rotated, refresh_token_seconds())
    return response


@endpoint(bp, "/api/auth/logout", "POST", summary=f"Sign out: revokes the refresh token of the "
          f"`{REFRESH_COOKIE}` cookie with Cognito (best effort) and clears the cookie; "
          f"requires the header `{SESSION_HEADER}: 1`. 204, also without a cookie",
          response=None, status=204, headers=SESSION, public=True, errors=(400,))
def logout():
    token = _cookie_token()
    if token is not None and not identity.revoke(token):
        # The cookie is cleared anyway; the token then lives until its own expiry.
        logger.info("refresh token not revoked")
    return _with_cookie(Response(body="", status_code=204), "", 0)


def _minted() -> tuple[str, dict]:
    """The caller's refresh cookie and the Cognito tokens minted with it (the access token for
    the TOTP calls, see the module docstring); 401 without the cookie or when it is of someone
    else."""
    token = _cookie_token()
    if token is None:
        raise Unauthenticated("no_refresh_cookie")
    return token, identity.access_token_for(actor(), token)


@endpoint(bp, "/api/auth/mfa/setup", "POST", summary="Start setting up TOTP (any signed-in user; "
          "head office must): a new secret for an authenticator app, as text and as an "
          "otpauth:// URI for a QR code. When TOTP is on already, replacing the authenticator "
          "needs `code`, a current code of the one in force (400 naming `code` without it, 400 "
          "`invalid_code` when wrong). Needs the refresh cookie besides the bearer token (the "
          "API gets the Cognito access token with it); 401 without. Nothing changes at sign-in "
          f"until POST /api/auth/mfa/verify; {FAULTS}", response="TotpSetup",
          body=MFA_SETUP_SCHEMA, errors=(400, 401) + COGNITO_FAULTS, permission="directory.mfa")
def mfa_setup():
    payload = json_body()
    sent, tokens = _minted()
    response = reply(identity.totp_setup(actor(), tokens["access_token"], payload.get("code")))
    response.headers["Cache-Control"] = "no-store"
    return _with_rotated(response, sent, tokens)


@endpoint(bp, "/api/auth/mfa/verify", "POST", summary="Finish setting up TOTP with a current "
          "`code` of the authenticator: TOTP becomes the user's enabled and preferred second "
          "factor, so Cognito asks for a code at every sign-in from now on. 400 `invalid_code` "
          f"for a wrong code; needs the refresh cookie like setup; {FAULTS}",
          response="MfaStatus", body=MFA_VERIFY_SCHEMA, errors=(400, 401) + COGNITO_FAULTS,
          permission="directory.mfa")
def mfa_verify():
    payload = json_body()
    sent, tokens = _minted()
    result = identity.totp_verify(actor(), tokens["access_token"], payload["code"])
    return _with_rotated(reply(result), sent, tokens)
