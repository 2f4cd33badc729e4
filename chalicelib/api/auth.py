"""Sign-in against Cognito; the tokens it returns are verified by the middleware afterwards."""

from chalice import Blueprint

from chalicelib.domain.validation import validate
from chalicelib.services import directory, identity
from chalicelib.services.errors import ValidationFailed

from .http import endpoint, json_body, reply

bp = Blueprint(__name__)

LOGIN_SCHEMA = {
    "type": "object",
    "properties": {"username": {"type": "string", "minLength": 1, "maxLength": 128},
                   "password": {"type": "string", "minLength": 1, "maxLength": 256}},
    "required": ["username", "password"], "additionalProperties": False,
}
REFRESH_SCHEMA = {
    "type": "object",
    "properties": {"refresh_token": {"type": "string", "minLength": 1, "maxLength": 8192}},
    "required": ["refresh_token"], "additionalProperties": False,
}


def _validated(schema: dict) -> dict:
    payload = json_body()
    problems = validate(payload, schema)
    if problems:
        raise ValidationFailed(fields=problems)
    return payload  # type: ignore[return-value]


@endpoint(bp, "/api/auth/login", "POST", summary="Sign in with username and password",
          response="Tokens", body=LOGIN_SCHEMA, public=True, errors=(400, 401))
def login():
    payload = _validated(LOGIN_SCHEMA)
    tokens = identity.login(payload["username"], payload["password"])
    user = directory.me(identity.verify_token(tokens["id_token"]))
    return reply({**tokens, "user": user})


@endpoint(bp, "/api/auth/refresh", "POST", summary="New ID and access tokens from a refresh token",
          response="Tokens", body=REFRESH_SCHEMA, public=True, errors=(400, 401))
def refresh():
    payload = _validated(REFRESH_SCHEMA)
    tokens = identity.refresh(payload["refresh_token"])
    user = directory.me(identity.verify_token(tokens["id_token"]))
    return reply({**tokens, "refresh_token": None, "user": user})
