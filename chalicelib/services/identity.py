"""Who is calling: Cognito login, and verification of the ID token on every request.

`chalice local` and `chalice.test.Client` decode Cognito tokens without checking signatures,
so the API verifies tokens itself, identically locally and on AWS: signature against the pool's
JWKS, issuer, audience (the app client), expiry and `token_use`, with PyJWT.

The token proves only *who* is calling (`cognito:username`). What they may do — role, outlet,
whether the account is active — comes from the staff directory in DynamoDB, which users cannot
write: a Cognito custom attribute can be changed by its user with their own access token
(`UpdateUserAttributes`), and groups are managed beside the directory, so neither is trusted.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING
from urllib.parse import quote, urlencode

import boto3
from botocore.exceptions import ClientError

from chalicelib.config import settings
from chalicelib.domain.lifecycle import Actor
from chalicelib.observability import logger

from . import directory
from .errors import ServiceError, Unauthenticated, ValidationFailed

if TYPE_CHECKING:
    import jwt

# PyJWT (with `cryptography`) is imported on the first token check, not with the app: the
# scheduled and S3-event handlers share app.py and never verify a token.

_lock = threading.Lock()
_jwks_client: jwt.PyJWKClient | None = None
_cognito = None


def _jwks() -> jwt.PyJWKClient:
    import jwt

    global _jwks_client
    with _lock:
        if _jwks_client is None:
            _jwks_client = jwt.PyJWKClient(settings().jwks_url, cache_keys=True, lifespan=3600)
        return _jwks_client


def _idp():
    global _cognito
    if _cognito is None:
        _cognito = boto3.client("cognito-idp", **settings().aws_kwargs)
    return _cognito


def verify_token(token: str) -> Actor:
    """The actor of a valid Cognito ID token; raises Unauthenticated otherwise."""
    import jwt

    cfg = settings()
    try:
        signing_key = _jwks().get_signing_key_from_jwt(token)
        claims = jwt.decode(
            token, signing_key.key, algorithms=["RS256"], audience=cfg.app_client_id,
            issuer=cfg.issuer, options={"require": ["exp", "iat", "iss", "aud", "token_use"]},
        )
    except jwt.PyJWKClientError as exc:
        raise Unauthenticated(f"unknown signing key: {exc}") from None
    except jwt.ExpiredSignatureError:
        raise Unauthenticated("token expired") from None
    except jwt.InvalidTokenError as exc:
        raise Unauthenticated(f"invalid token: {exc}") from None
    if claims.get("token_use") != "id":
        raise Unauthenticated("an ID token is required")
    groups = claims.get("cognito:groups", [])
    if not isinstance(groups, list) or not all(isinstance(g, str) for g in groups):
        raise Unauthenticated("cognito:groups is not a list of names")
    username = claims.get("cognito:username")
    if not isinstance(username, str) or not username:
        raise Unauthenticated("token lacks a username")
    return actor_of(username)


def actor_of(username: str) -> Actor:
    """The caller as the staff directory knows them; 401 when unknown or deactivated (within
    the directory cache's lifetime, `directory.CACHE_SECONDS`)."""
    person = directory.staff(username)
    if person is None or not person.active:
        raise Unauthenticated("not an active member of staff")
    return Actor(username=person.username, role=person.role, outlet=person.outlet)


def bearer_token(authorization: str | None) -> str:
    if not authorization or not authorization.lower().startswith("bearer "):
        raise Unauthenticated("missing bearer token")
    return authorization[7:].strip()


# The Cognito challenges the portal answers, by the name the API gives them. Any other (SMS,
# MFA_SETUP, which a pool with MFA OPTIONAL does not send, custom flows) is a 401.
CHALLENGES = {"SOFTWARE_TOKEN_MFA": "totp", "NEW_PASSWORD_REQUIRED": "new_password"}
_COGNITO_CHALLENGE = {name: cognito for cognito, name in CHALLENGES.items()}
# A wrong TOTP code: CodeMismatchException answering the challenge; VerifySoftwareToken says
# EnableSoftwareTokenMFAException on AWS (moto: CodeMismatchException).
_WRONG_CODE = ("CodeMismatchException", "EnableSoftwareTokenMFAException")
ISSUER = "Fuwu"  # the account's name in authenticator apps


class InvalidCode(ServiceError):
    """A TOTP code that does not match (400 when signed in, 401 while signing in)."""

    code = "invalid_code"


def _outcome(result: dict) -> dict:
    """Tokens, or `{"challenge", "session"}` when Cognito asks for one more step first."""
    if "AuthenticationResult" in result:
        tokens = result["AuthenticationResult"]
        return {"id_token": tokens["IdToken"], "access_token": tokens["AccessToken"],
                "refresh_token": tokens.get("RefreshToken"), "expires_in": tokens["ExpiresIn"]}
    name = result.get("ChallengeName")
    if name not in CHALLENGES:
        raise Unauthenticated(f"challenge {name} is not supported")
    return {"challenge": CHALLENGES[name], "session": result["Session"]}


def login(username: str, password: str) -> dict:
    """Tokens from Cognito for a username and password (USER_PASSWORD_AUTH), or the challenge
    to answer with `answer_challenge` (a TOTP code, or a new password instead of a temporary
    one)."""
    try:
        result = _idp().initiate_auth(
            ClientId=settings().app_client_id, AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
    except ClientError as exc:
        if exc.response["Error"]["Code"] in ("NotAuthorizedException", "UserNotFoundException"):
            raise Unauthenticated("invalid_credentials") from None
        raise
    return _outcome(result)


def answer_challenge(username: str, session: str, challenge: str, code: str | None = None,
                     new_password: str | None = None) -> dict:
    """RespondToAuthChallenge: tokens, or the next challenge. A wrong code is InvalidCode (the
    session stays usable for another try within its lifetime); a new password the pool's policy
    refuses is a ValidationFailed on `new_password`; an expired or unknown session, Unauthenticated."""
    responses = {"USERNAME": username}
    if challenge == "totp":
        responses["SOFTWARE_TOKEN_MFA_CODE"] = code or ""
    else:
        responses["NEW_PASSWORD"] = new_password or ""
    try:
        result = _idp().respond_to_auth_challenge(
            ClientId=settings().app_client_id, ChallengeName=_COGNITO_CHALLENGE[challenge],
            Session=session, ChallengeResponses=responses)
    except ClientError as exc:
        error = exc.response["Error"]["Code"]
        if error in _WRONG_CODE:
            raise InvalidCode(fields={"code": ("invalid_code", {})}) from None
        if error == "InvalidPasswordException":
            raise ValidationFailed(fields={"new_password": ("password_policy", {})}) from None
        if error in ("NotAuthorizedException", "ExpiredCodeException", "UserNotFoundException",
                     "ResourceNotFoundException"):  # moto: an unknown session is "not found"
            raise Unauthenticated(f"challenge refused: {error}") from None
        raise
    return _outcome(result)


def second_factor(actor: Actor, access_token: str) -> dict:
    """`mfa`: "totp" when the user's TOTP is enabled (Cognito then asks for the code at every
    sign-in), else None; `mfa_required`: head office without it, where configured
    (`FUWU_REQUIRE_HQ_MFA`). One GetUser per sign-in or refresh; when Cognito does not answer,
    the status is unknown and nothing is required."""
    try:
        user = _idp().get_user(AccessToken=access_token)
    except ClientError as exc:
        logger.warning("second factor unknown", extra={"error": exc.response["Error"]["Code"]})
        return {"mfa": None, "mfa_required": False}
    mfa = "totp" if "SOFTWARE_TOKEN_MFA" in (user.get("UserMFASettingList") or []) else None
    required = settings().require_hq_mfa and actor.role == "head_office" and mfa is None
    return {"mfa": mfa, "mfa_required": required}


def access_token_for(actor: Actor, refresh_token: str) -> str:
    """A fresh Cognito access token of the caller, minted with their refresh token (the cookie),
    for the self-service calls that need one (TOTP set-up). Used here and never sent to the
    browser. Unauthenticated when the refresh token is refused or belongs to someone else."""
    import jwt

    access = refresh(refresh_token)["access_token"]
    # Straight from Cognito over TLS: its claims need no second check of the signature.
    claims = jwt.decode(access, options={"verify_signature": False})
    if claims.get("token_use") != "access" or claims.get("username") != actor.username:
        raise Unauthenticated("the refresh cookie is of another user")
    return access


def totp_setup(actor: Actor, access_token: str) -> dict:
    """A new TOTP secret for the caller's authenticator app (AssociateSoftwareToken); it becomes
    their second factor once `totp_verify` checked a code of it."""
    try:
        secret = _idp().associate_software_token(AccessToken=access_token)["SecretCode"]
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "NotAuthorizedException":
            raise Unauthenticated("access token refused") from None
        raise
    label = f"{quote(ISSUER)}:{quote(actor.username, safe='@')}"  # Google's Key URI format
    uri = f"otpauth://totp/{label}?" + urlencode({"secret": secret, "issuer": ISSUER})
    return {"secret": secret, "otpauth_uri": uri}


def totp_verify(access_token: str, code: str) -> dict:
    """Check a code of the new authenticator (VerifySoftwareToken), then make TOTP the caller's
    enabled and preferred second factor (SetUserMFAPreference): from the next sign-in on,
    Cognito asks for a code every time."""
    try:
        result = _idp().verify_software_token(AccessToken=access_token, UserCode=code,
                                              FriendlyDeviceName=ISSUER)
    except ClientError as exc:
        error = exc.response["Error"]["Code"]
        if error in _WRONG_CODE or error == "InvalidParameterException":  # nothing to verify
            raise InvalidCode(fields={"code": ("invalid_code", {})}) from None
        if error == "NotAuthorizedException":
            raise Unauthenticated("access token refused") from None
        raise
    if result.get("Status") != "SUCCESS":
        raise InvalidCode(fields={"code": ("invalid_code", {})})
    _idp().set_user_mfa_preference(
        AccessToken=access_token,
        SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    return {"mfa": "totp"}


def refresh(refresh_token: str) -> dict:
    try:
        result = _idp().initiate_auth(
            ClientId=settings().app_client_id, AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh_token},
        )
    except ClientError:
        raise Unauthenticated("invalid refresh token") from None
    tokens = result["AuthenticationResult"]
    return {"id_token": tokens["IdToken"], "access_token": tokens["AccessToken"],
            "expires_in": tokens["ExpiresIn"]}


def revoke(refresh_token: str) -> bool:
    """Revoke a refresh token, and the access tokens minted from it, at sign-out (Cognito's
    RevokeToken). Best effort: False when Cognito refused or cannot — moto does not implement
    RevokeToken, so locally the token stays valid until it expires."""
    try:
        _idp().revoke_token(Token=refresh_token, ClientId=settings().app_client_id)
    except ClientError:
        return False
    return True
