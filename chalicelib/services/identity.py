"""Who is calling: Cognito login, and verification of the ID token on every request.

`chalice local` and `chalice.test.Client` decode Cognito tokens without checking signatures,
so the API verifies tokens itself, identically locally and on AWS: signature against the pool's
JWKS, issuer, audience (the app client), expiry and `token_use`, with PyJWT.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import boto3
from botocore.exceptions import ClientError

from chalicelib.config import settings
from chalicelib.domain.enums import ROLES
from chalicelib.domain.lifecycle import Actor

from .errors import Unauthenticated

if TYPE_CHECKING:
    import jwt

# PyJWT (with `cryptography`) is imported on the first token check, not with the app: the
# scheduled and S3-event handlers share app.py and never verify a token.

# When a user is in several groups, the broadest role decides.
ROLE_PRECEDENCE = ("head_office", "manager", "support", "agent", "technician", "warehouse")
assert set(ROLE_PRECEDENCE) == set(ROLES)

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
    groups = claims.get("cognito:groups") or []
    role = next((r for r in ROLE_PRECEDENCE if r in groups), None)
    outlet = claims.get("custom:outlet")
    username = claims.get("cognito:username")
    if not role or not outlet or not username:
        raise Unauthenticated("token lacks role, outlet or username")
    return Actor(username=username, role=role, outlet=outlet)


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
