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

import boto3
from botocore.exceptions import ClientError

from chalicelib.config import settings
from chalicelib.domain.lifecycle import Actor

from . import directory
from .errors import Unauthenticated

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


def login(username: str, password: str) -> dict:
    """Tokens from Cognito for a username and password (USER_PASSWORD_AUTH)."""
    try:
        result = _idp().initiate_auth(
            ClientId=settings().app_client_id, AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": username, "PASSWORD": password},
        )
    except ClientError as exc:
        if exc.response["Error"]["Code"] in ("NotAuthorizedException", "UserNotFoundException"):
            raise Unauthenticated("invalid_credentials") from None
        raise
    if "AuthenticationResult" not in result:
        raise Unauthenticated(f"challenge {result.get('ChallengeName')} must be completed first")
    tokens = result["AuthenticationResult"]
    return {"id_token": tokens["IdToken"], "access_token": tokens["AccessToken"],
            "refresh_token": tokens.get("RefreshToken"), "expires_in": tokens["ExpiresIn"]}


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
