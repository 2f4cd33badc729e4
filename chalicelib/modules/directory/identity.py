"""Who is calling: Cognito login, and verification of the ID token on every request.

`chalice local` and `chalice.test.Client` decode Cognito tokens without checking signatures,
so the API verifies tokens itself, identically locally and on AWS: signature against the pool's
JWKS, issuer, audience (the app client), expiry and `token_use`, with PyJWT.

The token proves only *who* is calling (`cognito:username`). What they may do — role, outlet,
whether the account is active — comes from the staff directory in DynamoDB, which users cannot
write: a Cognito custom attribute can be changed by its user with their own access token
(`UpdateUserAttributes`), and groups are managed beside the directory, so neither is trusted.
The directory also keeps each user's second factor as Cognito last said it, which
`require_second_factor` checks on every request (head office must have TOTP where required).

Every refusal carries a fixed reason code (`REASONS`), never text of the token or of a library;
Cognito's faults map to 401 / 429 / 503 / 400 by `_refusal`, so that a Cognito hiccup never
ends a session (only a 401 does).
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import (
    PasswordResetRequired,
    SecondFactorRequired,
    ServiceError,
    ServiceUnavailable,
    TooManyRequests,
    Unauthenticated,
    ValidationFailed,
)
from chalicelib.kernel.observability import logger
from chalicelib.modules.directory import usecases as directory
from chalicelib.modules.directory.domain.signin import CHALLENGES

if TYPE_CHECKING:
    import jwt

# PyJWT (with `cryptography`) is imported on the first token check, not with the app: the
# scheduled and S3-event handlers share app.py and never verify a token.

# Why a request was refused, as logged (chalicelib/api/http.py logs the reason of every 401).
# Fixed codes only: never text of the token (a `kid`, a claim) or of a library's message.
REASONS = frozenset({
    "missing_bearer_token", "token_expired", "unknown_signing_key", "invalid_token",
    "not_id_token", "groups_not_a_list", "no_username", "not_active_staff",
    "invalid_credentials", "password_reset_required", "unsupported_challenge",
    "challenge_refused", "invalid_refresh_token", "not_own_refresh_token",
    "access_token_refused", "no_refresh_cookie",  # the last one raised by chalicelib/api/auth.py
})

_cognito = None


def _idp():
    global _cognito
    if _cognito is None:
        _cognito = boto3.client("cognito-idp", **settings().aws_kwargs)
    return _cognito


class SigningKeys:
    """The user pool's public keys (JWKS), fetched at most once per `REFETCH_SECONDS` for a key
    id it does not know: every forged token with a made-up `kid` would otherwise cost an
    outbound HTTP call (PyJWKClient fetches again for each unknown kid). The set is kept for
    `LIFESPAN_SECONDS`; Cognito rotates keys rarely and publishes the new one before using it,
    so a real new key is found within `REFETCH_SECONDS` at worst."""

    REFETCH_SECONDS = 300
    LIFESPAN_SECONDS = 3600

    def __init__(self, url: str):
        import jwt

        # PyJWKClient only for its HTTP fetch (`fetch_data`, the I/O boundary); caching here.
        self._client = jwt.PyJWKClient(url, cache_jwk_set=False, timeout=5)
        self._lock = threading.Lock()
        self._keys: dict[str, jwt.PyJWK] | None = None
        self._fetched_at = 0.0  # monotonic time of the last fetch attempt

    def _load(self) -> None:
        import jwt

        self._fetched_at = time.monotonic()
        try:
            key_set = jwt.PyJWKSet.from_dict(self._client.fetch_data())
        except jwt.PyJWTError as exc:  # unreachable, not JSON, no usable key
            logger.warning("jwks unavailable", extra={"error": type(exc).__name__})
            if self._keys is None:
                raise ServiceUnavailable() from None
            return  # keep the keys we have
        self._keys = {k.key_id: k for k in key_set.keys
                      if k.key_id and k.public_key_use in ("sig", None)}

    def key(self, kid: object) -> jwt.PyJWK:
        with self._lock:
            age = time.monotonic() - self._fetched_at
            if self._keys is None or age >= self.LIFESPAN_SECONDS:
                self._load()
            elif isinstance(kid, str) and kid not in self._keys and age >= self.REFETCH_SECONDS:
                self._load()
            found = self._keys.get(kid) if isinstance(kid, str) and self._keys else None
        if found is None:
            raise Unauthenticated("unknown_signing_key")
        return found


_keys_lock = threading.Lock()
_signing_keys: SigningKeys | None = None


def _jwks() -> SigningKeys:
    global _signing_keys
    with _keys_lock:
        if _signing_keys is None:
            _signing_keys = SigningKeys(settings().jwks_url)
        return _signing_keys


def verify_token(token: str) -> Actor:
    """The actor of a valid Cognito ID token; raises Unauthenticated (with one of `REASONS`)
    otherwise."""
    import jwt

    cfg = settings()
    try:
        kid = jwt.get_unverified_header(token).get("kid")
    except jwt.InvalidTokenError:
        raise Unauthenticated("invalid_token") from None
    signing_key = _jwks().key(kid)
    try:
        claims = jwt.decode(
            token, signing_key.key, algorithms=["RS256"], audience=cfg.app_client_id,
            issuer=cfg.issuer, options={"require": ["exp", "iat", "iss", "aud", "token_use"]},
        )
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("token_expired") from None
    except jwt.InvalidTokenError:
        raise Unauthenticated("invalid_token") from None
    if claims.get("token_use") != "id":
        raise Unauthenticated("not_id_token")
    groups = claims.get("cognito:groups", [])
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        raise Unauthenticated("groups_not_a_list")
    username = claims.get("cognito:username")
    if not isinstance(username, str) or not username:
        raise Unauthenticated("no_username")
    return actor_of(username)


def actor_of(username: str) -> Actor:
    """The caller as the staff directory knows them; 401 when unknown or deactivated (within
    the directory cache's lifetime, `directory.CACHE_SECONDS`)."""
    person = directory.staff(username)
    if person is None or not person.active:
        raise Unauthenticated("not_active_staff")
    return Actor(username=person.username, role=person.role, outlet=person.outlet)


def bearer_token(authorization: str | None) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise Unauthenticated("missing_bearer_token")
    return authorization[7:].strip()


# Routes a head-office user without TOTP may still call where it is required: who they are,
# and the session and TOTP set-up routes.
SECOND_FACTOR_EXEMPT = (("GET", "/api/me"),)
SECOND_FACTOR_EXEMPT_PREFIX = "/api/auth/"


def authenticate(authorization: str | None, method: str, route: str) -> Actor:
    """Who is calling (registered with the kernel by the directory area): the verified token's
    user as the directory knows them, refused where head office still lacks its second factor."""
    actor = verify_token(bearer_token(authorization))
    require_second_factor(actor, method, route)
    return actor


def require_second_factor(actor: Actor, method: str, route: str) -> None:
    """Refuse (403 `mfa_required`) a head-office user whose directory item does not say TOTP,
    where `FUWU_REQUIRE_HQ_MFA` is on, on every route but GET /api/me and /api/auth/*.
    `route` is the route as registered (`/api/work-orders/{order_id}`) or the request path.
    No Cognito call: the directory item says (recorded at sign-in, refresh and set-up); a
    refusal reads it past the cache first, since another container may have just recorded it."""
    if not settings().require_hq_mfa or actor.role != "head_office":
        return
    if (method.upper(), route) in SECOND_FACTOR_EXEMPT or route.startswith(SECOND_FACTOR_EXEMPT_PREFIX):
        return
    if directory.recorded_mfa(actor.username) == directory.MFA_TOTP:
        return
    if directory.recorded_mfa(actor.username, fresh=True) == directory.MFA_TOTP:
        return
    raise SecondFactorRequired("mfa_required")


# What a Cognito refusal means for the caller (item by item in docs/api.md "Session").
_NOT_SIGNED_IN = ("NotAuthorizedException", "UserNotFoundException", "UserNotConfirmedException")
_THROTTLED = ("TooManyRequestsException", "LimitExceededException",
              "TooManyFailedAttemptsException")
_BAD_INPUT = ("InvalidParameterException", "InvalidPasswordException")


def _refusal(exc: ClientError | BotoCoreError, operation: str, reason: str,
             field: str | None = None) -> ServiceError:
    """The refusal for a failed Cognito call: 401 `reason` when Cognito does not know the
    credentials (or token), 401 `password_reset_required`, 429 when throttled, 400 naming
    `field` for a value Cognito refuses (401 `reason` when the value is not the user's own
    input), and 503 for anything on Cognito's side (an internal error, no answer, an error we
    do not know), which keeps the caller's session."""
    if isinstance(exc, BotoCoreError):  # no answer: connection, timeout
        logger.warning("cognito unavailable", extra={"operation": operation,
                                                     "error": type(exc).__name__})
        return ServiceUnavailable()
    error = exc.response.get("Error", {}).get("Code", "")
    if error in _NOT_SIGNED_IN:
        return Unauthenticated(reason)
    if error == "PasswordResetRequiredException":
        return PasswordResetRequired("password_reset_required")
    if error in _THROTTLED:
        logger.warning("cognito throttled", extra={"operation": operation, "error": error})
        return TooManyRequests()
    if error in _BAD_INPUT:
        if field is None:
            return Unauthenticated(reason)
        problem = "password_policy" if error == "InvalidPasswordException" else "not_accepted"
        return ValidationFailed(fields={field: (problem, {})})
    logger.warning("cognito failed", extra={"operation": operation, "error": error[:64]})
    return ServiceUnavailable()


# The Cognito challenges the portal answers, by the name the API gives them. Any other (SMS,
# MFA_SETUP, which a pool with MFA OPTIONAL does not send, custom flows) is a 401.

_COGNITO_CHALLENGE = {name: cognito for cognito, name in CHALLENGES.items()}
# A wrong TOTP code: CodeMismatchException answering the challenge; VerifySoftwareToken says
# EnableSoftwareTokenMFAException on AWS (moto: CodeMismatchException).
_WRONG_CODE = ("CodeMismatchException", "EnableSoftwareTokenMFAException")
ISSUER = "Fuwu"  # the account's name in authenticator apps


class InvalidCode(ServiceError):
    """A TOTP code that does not match, from a signed-in user (400)."""

    code = "invalid_code"


class InvalidSignInCode(Unauthenticated):
    """A TOTP code that does not match while signing in: not signed in yet (401)."""

    code = "invalid_code"


def _tokens(result: dict, proven_mfa: str | None = None) -> dict:
    """Cognito's AuthenticationResult as the API passes it on inside (the access token never
    leaves the API: see chalicelib/api/auth.py). `refresh_token` is None unless Cognito issued
    one (a sign-in, or a refresh with rotation on); `proven_mfa` is "totp" when this sign-in
    itself was completed with a TOTP code."""
    tokens = result["AuthenticationResult"]
    return {"id_token": tokens["IdToken"], "access_token": tokens["AccessToken"],
            "refresh_token": tokens.get("RefreshToken"), "expires_in": tokens["ExpiresIn"],
            "proven_mfa": proven_mfa}


def _outcome(result: dict, proven_mfa: str | None = None) -> dict:
    """Tokens, or `{"challenge", "session"}` when Cognito asks for one more step first."""
    if "AuthenticationResult" in result:
        return _tokens(result, proven_mfa)
    name = result.get("ChallengeName")
    if name not in CHALLENGES:
        raise Unauthenticated("unsupported_challenge")
    return {"challenge": CHALLENGES[name], "session": result["Session"]}


def login(username: str, password: str) -> dict:
    """Tokens from Cognito for a username and password (USER_PASSWORD_AUTH), or the challenge
    to answer with `answer_challenge` (a TOTP code, or a new password instead of a temporary
    one). Cognito's refusals as `_refusal` says (a username Cognito refuses is 400 naming
    `username`)."""
    try:
        result = _idp().initiate_auth(
            ClientId=settings().app_client_id, AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
    except (ClientError, BotoCoreError) as exc:
        raise _refusal(exc, "InitiateAuth", "invalid_credentials", "username") from None
    return _outcome(result)


def answer_challenge(username: str, session: str, challenge: str, code: str | None = None,
                     new_password: str | None = None) -> dict:
    """RespondToAuthChallenge: tokens, or the next challenge. A wrong code is InvalidSignInCode (the
    session stays usable for another try within its lifetime); a new password Cognito refuses
    (its policy, or a value it does not take, such as one with a leading space) is a
    ValidationFailed on `new_password`; an expired or unknown session, Unauthenticated."""
    responses = {"USERNAME": username}
    if challenge == "totp":
        responses["SOFTWARE_TOKEN_MFA_CODE"] = code or ""
    else:
        responses["NEW_PASSWORD"] = new_password or ""
    try:
        result = _idp().respond_to_auth_challenge(
            ClientId=settings().app_client_id, ChallengeName=_COGNITO_CHALLENGE[challenge],
            Session=session, ChallengeResponses=responses)
    except (ClientError, BotoCoreError) as exc:
        error = exc.response["Error"]["Code"] if isinstance(exc, ClientError) else ""
        if error in _WRONG_CODE:
            raise InvalidSignInCode(fields={"code": ("invalid_code", {})}) from None
        if error in ("ExpiredCodeException", "ResourceNotFoundException"):
            # moto: an unknown session is "not found"; AWS: NotAuthorized
            raise Unauthenticated("challenge_refused") from None
        field = "code" if challenge == "totp" else "new_password"
        raise _refusal(exc, "RespondToAuthChallenge", "challenge_refused", field) from None
    return _outcome(result, directory.MFA_TOTP if challenge == "totp" else None)


def _cognito_mfa(access_token: str) -> str | None:
    """The user's second factor as Cognito says it now (GetUser): "totp" | "none", or None when
    Cognito does not answer."""
    try:
        user = _idp().get_user(AccessToken=access_token)
    except (ClientError, BotoCoreError) as exc:
        error = exc.response["Error"]["Code"] if isinstance(exc, ClientError) else type(exc).__name__
        logger.warning("second factor unknown", extra={"error": error[:64]})
        return None
    enabled = "SOFTWARE_TOKEN_MFA" in (user.get("UserMFASettingList") or [])
    return directory.MFA_TOTP if enabled else directory.MFA_NONE


def second_factor(actor: Actor, access_token: str, proven_mfa: str | None = None) -> dict:
    """The second factor of a user who just signed in or refreshed, recorded in their directory
    item (which `require_second_factor` reads on every request), and the session's answer:
    `mfa` "totp" or None, `mfa_required` for head office without it where configured.

    Cognito's answer is known when the sign-in was completed with a TOTP code (`proven_mfa`)
    or GetUser answers; then it is recorded. When GetUser fails nothing is recorded and the
    directory's last recorded answer stands: never known counts as no TOTP (fail closed: a
    head-office user Cognito has never confirmed TOTP for is refused), while one whose TOTP was
    recorded keeps working through a Cognito outage (which would otherwise lock every
    head-office user out at once)."""
    known = proven_mfa or _cognito_mfa(access_token)
    if known is not None:
        directory.record_mfa(actor.username, known)
    else:
        known = directory.recorded_mfa(actor.username, fresh=True)
    mfa = "totp" if known == directory.MFA_TOTP else None
    required = settings().require_hq_mfa and actor.role == "head_office" and mfa is None
    return {"mfa": mfa, "mfa_required": required}


def access_token_for(actor: Actor, refresh_token: str) -> dict:
    """Fresh Cognito tokens of the caller, minted with their refresh token (the cookie), for
    the self-service calls that need the access token (TOTP set-up). The access token is used
    here and never sent to the browser; `refresh_token` is set when Cognito rotated it.
    Unauthenticated when the refresh token is refused or belongs to someone else."""
    import jwt

    tokens = refresh(refresh_token)
    # Straight from Cognito over TLS: its claims need no second check of the signature.
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    if claims.get("token_use") != "access" or claims.get("username") != actor.username:
        raise Unauthenticated("not_own_refresh_token")
    return tokens


def _check_code(access_token: str, code: str) -> None:
    """VerifySoftwareToken: the code must be one of the authenticator Cognito holds for the
    user (the one being set up, or with no set-up pending the one in force); InvalidCode
    otherwise."""
    try:
        result = _idp().verify_software_token(AccessToken=access_token, UserCode=code,
                                              FriendlyDeviceName=ISSUER)
    except (ClientError, BotoCoreError) as exc:
        error = exc.response["Error"]["Code"] if isinstance(exc, ClientError) else ""
        if error in _WRONG_CODE or error == "InvalidParameterException":  # nothing to verify
            raise InvalidCode(fields={"code": ("invalid_code", {})}) from None
        raise _refusal(exc, "VerifySoftwareToken", "access_token_refused") from None
    if result.get("Status") != "SUCCESS":
        raise InvalidCode(fields={"code": ("invalid_code", {})})


def totp_setup(actor: Actor, access_token: str, current_code: str | None = None) -> dict:
    """A new TOTP secret for the caller's authenticator app (AssociateSoftwareToken); it becomes
    their second factor once `totp_verify` checked a code of it. When TOTP is on already (as
    Cognito says now), replacing it needs a current code of the authenticator in force: 400
    naming `code` without one, 400 `invalid_code` for a wrong one — so that whoever holds a
    session cannot swap in their own authenticator. 503 when Cognito cannot say."""
    status = _cognito_mfa(access_token)
    if status is None:
        raise ServiceUnavailable()
    directory.record_mfa(actor.username, status)
    if status == directory.MFA_TOTP:
        if current_code is None:
            raise ValidationFailed(fields={"code": ("current_code_required", {})})
        _check_code(access_token, current_code)
    try:
        secret = _idp().associate_software_token(AccessToken=access_token)["SecretCode"]
    except (ClientError, BotoCoreError) as exc:
        raise _refusal(exc, "AssociateSoftwareToken", "access_token_refused") from None
    label = f"{quote(ISSUER)}:{quote(actor.username, safe='@')}"  # Google's Key URI format
    uri = f"otpauth://totp/{label}?" + urlencode({"secret": secret, "issuer": ISSUER})
    return {"secret": secret, "otpauth_uri": uri}


def totp_verify(actor: Actor, access_token: str, code: str) -> dict:
    """Check a code of the new authenticator (VerifySoftwareToken), then make TOTP the caller's
    enabled and preferred second factor (SetUserMFAPreference): from the next sign-in on,
    Cognito asks for a code every time. Recorded in the directory at once."""
    _check_code(access_token, code)
    try:
        _idp().set_user_mfa_preference(
            AccessToken=access_token,
            SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    except (ClientError, BotoCoreError) as exc:
        raise _refusal(exc, "SetUserMFAPreference", "access_token_refused") from None
    directory.record_mfa(actor.username, directory.MFA_TOTP)
    return {"mfa": "totp"}


def refresh(refresh_token: str) -> dict:
    """New tokens for a refresh token (REFRESH_TOKEN_AUTH), with `refresh_token` set when
    Cognito rotated it (None otherwise). 401 only when Cognito refuses the token itself; 429
    when throttled and 503 when Cognito fails, so that a hiccup does not end the session."""
    try:
        result = _idp().initiate_auth(
            ClientId=settings().app_client_id, AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh_token},
        )
    except (ClientError, BotoCoreError) as exc:
        raise _refusal(exc, "InitiateAuth", "invalid_refresh_token") from None
    return _tokens(result)


def revoke(refresh_token: str) -> bool:
    """Revoke a refresh token, and the access tokens minted from it, at sign-out (Cognito's
    RevokeToken). Best effort: False when Cognito refused or cannot — moto does not implement
    RevokeToken, so locally the token stays valid until it expires."""
    try:
        _idp().revoke_token(Token=refresh_token, ClientId=settings().app_client_id)
    except (ClientError, BotoCoreError):
        return False
    return True
