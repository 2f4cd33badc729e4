"""The refresh token lives only in an HttpOnly, Secure, SameSite=Strict cookie on /api/auth:
login sets it, refresh reads it, logout clears it; page scripts never see it."""

from __future__ import annotations

import boto3
import pytest

from chalicelib.kernel.config import settings
from chalicelib.modules.directory import identity
from infra import resources
from infra.local.demo_data import DEMO_PASSWORD

SESSION = {"X-Fuwu-Session": "1"}
THIRTY_DAYS = 30 * 24 * 3600


def _header(reply, name: str) -> str | None:
    return next((v for k, v in reply.headers.items() if k.lower() == name.lower()), None)


def _cookie(reply) -> dict[str, str]:
    """The refresh cookie's Set-Cookie as {attribute (lower case): value}, its value under
    "value"."""
    raw = _header(reply, "Set-Cookie")
    assert raw, f"no Set-Cookie in {reply.headers}"
    first, *attributes = [part.strip() for part in raw.split(";")]
    name, _, value = first.partition("=")
    assert name == "fuwu_refresh"
    parsed = {"value": value}
    for attribute in attributes:
        key, _, val = attribute.partition("=")
        parsed[key.lower()] = val
    return parsed


def _login(api, username: str = "sz_agent"):
    reply = api.post("/api/auth/login", body={"username": username, "password": DEMO_PASSWORD},
                     headers=SESSION)
    assert reply.status == 200
    return reply


def _refresh(api, cookie: str | None, headers: dict | None = None):
    all_headers = dict(SESSION if headers is None else headers)
    if cookie is not None:
        all_headers["Cookie"] = cookie
    return api.post("/api/auth/refresh", headers=all_headers)


def test_login_sets_the_refresh_token_as_an_httponly_secure_strict_cookie_on_api_auth(api):
    reply = _login(api)
    cookie = _cookie(reply)
    assert len(cookie["value"]) > 10
    assert "httponly" in cookie and "secure" in cookie
    assert cookie["samesite"] == "Strict" and cookie["path"] == "/api/auth"
    assert cookie["max-age"] == str(THIRTY_DAYS)


def test_login_body_carries_the_id_token_but_no_refresh_token(api):
    reply = _login(api)
    assert reply.body["refresh_token"] is None
    assert reply.body["id_token"].startswith("eyJ")
    assert _cookie(reply)["value"] not in str(reply.body)


def test_refresh_with_the_cookie_gives_an_id_token_the_api_accepts(api):
    token = _cookie(_login(api, "sz_manager"))["value"]
    reply = _refresh(api, f"fuwu_refresh={token}")
    assert reply.status == 200, reply.body
    assert reply.body["refresh_token"] is None and reply.body["user"]["username"] == "sz_manager"
    me = api.get("/api/me", token=reply.body["id_token"])
    assert me.status == 200 and me.body["username"] == "sz_manager"
    # the cookie keeps the lifetime login gave it (Cognito does not rotate it here)
    assert _header(reply, "Set-Cookie") is None


def test_refresh_finds_the_cookie_among_others_even_malformed_ones(api):
    token = _cookie(_login(api))["value"]
    header = f'theme=dark; junk="unterminated; a(b)=c; =; ;; fuwu_refresh={token}; z=1'
    assert _refresh(api, header).status == 200


def test_refresh_without_the_cookie_is_401_and_clears_it(api):
    reply = _refresh(api, None)
    assert reply.status == 401 and reply.error["code"] == "unauthenticated"
    cleared = _cookie(reply)
    assert cleared["value"] in ("", '""') and cleared["max-age"] == "0"
    assert cleared["path"] == "/api/auth"


@pytest.mark.parametrize("cookie", [
    "fuwu_refresh=garbage",
    "fuwu_refresh=",
    'fuwu_refresh=""',
    "fuwu_refresh=" + "x" * 9000,
    "fuwu_refresh=eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
    'fuwu_refresh="\\"; other',
    "fuwu_refresh=a\x7fb",
    "=; ; ;=;fuwu_refresh",
    "\x00\x01\x02",
    'fuwu_refresh="\\303\\251t\\303\\251"',
])
def test_refresh_with_a_garbage_or_malformed_cookie_is_401_never_500(api, cookie):
    reply = _refresh(api, cookie)
    assert reply.status == 401, reply.body
    assert reply.error["code"] == "unauthenticated"


def test_refresh_no_longer_takes_the_token_in_the_body(api):
    token = _cookie(_login(api))["value"]
    reply = api.post("/api/auth/refresh", body={"refresh_token": token}, headers=SESSION)
    assert reply.status == 401


def test_refresh_needs_the_session_header_so_a_cross_site_form_cannot_trigger_it(api):
    token = _cookie(_login(api))["value"]
    for headers in ({}, {"X-Fuwu-Session": "0"}):
        reply = _refresh(api, f"fuwu_refresh={token}", headers=headers)
        assert reply.status == 400 and "X-Fuwu-Session" in reply.error["fields"]
        assert "id_token" not in reply.body


def test_logout_clears_the_cookie_and_revokes_the_refresh_token(api, monkeypatch):
    token = _cookie(_login(api))["value"]
    revoked = []
    monkeypatch.setattr(identity, "revoke", lambda t: revoked.append(t) or True)
    reply = api.post("/api/auth/logout", headers={**SESSION, "Cookie": f"fuwu_refresh={token}"})
    assert reply.status == 204
    cleared = _cookie(reply)
    assert cleared["value"] in ("", '""') and cleared["max-age"] == "0"
    assert cleared["path"] == "/api/auth" and "httponly" in cleared and "secure" in cleared
    assert revoked == [token]


def test_logout_succeeds_when_cognito_cannot_revoke(api):
    """moto has no RevokeToken: logout still clears the cookie."""
    token = _cookie(_login(api))["value"]
    reply = api.post("/api/auth/logout", headers={**SESSION, "Cookie": f"fuwu_refresh={token}"})
    assert reply.status == 204 and _cookie(reply)["max-age"] == "0"


def test_logout_without_a_cookie_or_with_a_malformed_one_is_still_204(api):
    for cookie in (None, "fuwu_refresh", '"; =;'):
        headers = dict(SESSION) if cookie is None else {**SESSION, "Cookie": cookie}
        reply = api.post("/api/auth/logout", headers=headers)
        assert reply.status == 204 and _cookie(reply)["max-age"] == "0"


def test_logout_needs_the_session_header(api):
    reply = api.post("/api/auth/logout", headers={"Cookie": "fuwu_refresh=abc"})
    assert reply.status == 400 and _header(reply, "Set-Cookie") is None


def test_a_rotated_refresh_token_is_set_again(api, stack, monkeypatch):
    """moto does not rotate refresh tokens (REFRESH_TOKEN_AUTH answers no RefreshToken), so
    Cognito's answer is stubbed at the boundary, the boto3 client: the real answer plus a
    RefreshToken, itself a real one of the same user (from a second sign-in), as Cognito with
    rotation on would answer. identity.refresh must pass it on and the route set it."""
    token = _cookie(_login(api))["value"]
    idp = identity._idp()
    second = boto3.client("cognito-idp", endpoint_url=stack["AWS_ENDPOINT_URL"],
                          region_name=stack["AWS_REGION"]).initiate_auth(
        ClientId=stack["FUWU_APP_CLIENT_ID"], AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "sz_agent", "PASSWORD": DEMO_PASSWORD},
    )["AuthenticationResult"]["RefreshToken"]
    assert second != token
    real_initiate_auth = idp.initiate_auth

    def rotating(**kwargs):
        answer = real_initiate_auth(**kwargs)
        if kwargs["AuthFlow"] == "REFRESH_TOKEN_AUTH":
            assert "RefreshToken" not in answer["AuthenticationResult"]  # moto: no rotation
            answer["AuthenticationResult"]["RefreshToken"] = second
        return answer

    monkeypatch.setattr(idp, "initiate_auth", rotating)
    reply = _refresh(api, f"fuwu_refresh={token}")
    assert reply.status == 200 and reply.body["refresh_token"] is None
    cookie = _cookie(reply)
    assert cookie["value"] == second and cookie["max-age"] == str(THIRTY_DAYS)
    assert "httponly" in cookie and cookie["samesite"] == "Strict"
    monkeypatch.undo()
    again = _refresh(api, f"fuwu_refresh={cookie['value']}")  # the new cookie works
    assert again.status == 200 and _header(again, "Set-Cookie") is None


def test_the_mfa_routes_set_a_rotated_refresh_token_again_too(api, stack, monkeypatch):
    """They mint an access token with the cookie: with rotation on, that spends the cookie's
    token, so the answer carries the new one."""
    login = _login(api)
    token = _cookie(login)["value"]
    idp = identity._idp()
    real_initiate_auth = idp.initiate_auth

    def rotating(**kwargs):
        answer = real_initiate_auth(**kwargs)
        if kwargs["AuthFlow"] == "REFRESH_TOKEN_AUTH":
            answer["AuthenticationResult"]["RefreshToken"] = "rotated-" + token[:20]
        return answer

    monkeypatch.setattr(idp, "initiate_auth", rotating)
    reply = api.post("/api/auth/mfa/setup", token=login.body["id_token"],
                     headers={"Cookie": f"fuwu_refresh={token}"})
    assert reply.status == 200 and _cookie(reply)["value"] == "rotated-" + token[:20]


def test_the_cookie_lives_as_long_as_the_app_clients_refresh_token(api, stack):
    """Issue 10 round 2, item 6: one source, infra/resources.py's UserPool, for the app
    client's validity (CDK stack, local bootstrap) and the cookie (FUWU_REFRESH_TOKEN_DAYS)."""
    days = resources.USER_POOL.refresh_token_days
    assert stack["FUWU_REFRESH_TOKEN_DAYS"] == str(days) and settings().refresh_token_days == days
    client = boto3.client("cognito-idp", endpoint_url=stack["AWS_ENDPOINT_URL"],
                          region_name=stack["AWS_REGION"]).describe_user_pool_client(
        UserPoolId=stack["FUWU_USER_POOL_ID"], ClientId=stack["FUWU_APP_CLIENT_ID"])["UserPoolClient"]
    assert client["RefreshTokenValidity"] == days
    assert client.get("TokenValidityUnits", {}).get("RefreshToken", "days") == "days"
    assert _cookie(_login(api))["max-age"] == str(days * 24 * 3600)


def test_the_refresh_validity_in_the_environment_sets_the_cookie(api, monkeypatch):
    monkeypatch.setenv("FUWU_REFRESH_TOKEN_DAYS", "7")
    settings.cache_clear()
    try:
        assert _cookie(_login(api))["max-age"] == str(7 * 24 * 3600)
    finally:
        monkeypatch.undo()
        settings.cache_clear()


def test_the_session_routes_are_public_and_documented(api):
    paths = api.get("/api/openapi.json").body["paths"]
    for path in ("/api/auth/login", "/api/auth/refresh", "/api/auth/logout"):
        assert "security" not in paths[path]["post"]
    assert "fuwu_refresh" in paths["/api/auth/refresh"]["post"]["summary"]
    assert "204" in paths["/api/auth/logout"]["post"]["responses"]
