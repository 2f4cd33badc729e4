"""Issue 10, second round: what Cognito's faults mean for the session (item 3), fixed reasons in
the logs of every refusal of a token (item 7), and no outbound call per forged key id (item 8).

Cognito's throttling and internal errors cannot be provoked on moto: they are raised at the
boundary, the boto3 client's method, as botocore raises them (an external fault, not app
logic). Everything else is moto's own answer.
"""

from __future__ import annotations

import base64
import json
import time
import uuid

import jwt
import pytest
from botocore.exceptions import ClientError, EndpointConnectionError
from cryptography.hazmat.primitives.asymmetric import rsa

from chalicelib.kernel.errors import Unauthenticated
from chalicelib.modules.directory import identity
from infra.local.demo_data import DEMO_PASSWORD
from tests.conftest import token_for
from tests.log_capture import captured_logs, json_lines

SESSION = {"X-Fuwu-Session": "1"}


def cognito_error(code: str, operation: str = "InitiateAuth", status: int = 400) -> ClientError:
    return ClientError({"Error": {"Code": code, "Message": f"{code} (simulated)"},
                        "ResponseMetadata": {"HTTPStatusCode": status}}, operation)


def login(api, username: str = "sz_agent", password: str = DEMO_PASSWORD, lang: str = "zh-CN"):
    return api.post("/api/auth/login", body={"username": username, "password": password},
                    headers={**SESSION, "Accept-Language": lang})


def refresh(api, cookie: str):
    return api.post("/api/auth/refresh", headers={**SESSION, "Cookie": cookie})


def set_cookie(reply) -> str | None:
    return next((v for k, v in reply.headers.items() if k.lower() == "set-cookie"), None)


@pytest.fixture
def cognito_fails(monkeypatch):
    """Make one method of the app's Cognito client raise (for some calls only, if `when`)."""

    def fail(method: str, error: Exception, when=lambda kwargs: True):
        client = identity._idp()
        real = getattr(client, method)

        def failing(**kwargs):
            if when(kwargs):
                raise error
            return real(**kwargs)

        monkeypatch.setattr(client, method, failing)

    return fail


def refreshing(kwargs) -> bool:
    return kwargs.get("AuthFlow") == "REFRESH_TOKEN_AUTH"


# ---- item 3: Cognito's faults -------------------------------------------------------------

@pytest.mark.parametrize("code", ["TooManyRequestsException", "LimitExceededException"])
def test_a_throttled_sign_in_is_429_not_500(api, cognito_fails, code):
    cognito_fails("initiate_auth", cognito_error(code))
    reply = login(api)
    assert reply.status == 429 and reply.error["code"] == "too_many_requests"
    assert reply.error["message"] == "请求过于频繁，请稍后再试"
    assert set_cookie(reply) is None


@pytest.mark.parametrize("error", [cognito_error("InternalErrorException", status=500),
                                   cognito_error("ServiceUnavailable", status=503),
                                   cognito_error("SomethingNewException"),
                                   EndpointConnectionError(endpoint_url="https://cognito-idp")])
def test_a_cognito_fault_at_sign_in_is_503(api, cognito_fails, error):
    cognito_fails("initiate_auth", error)
    reply = login(api, lang="en")
    assert reply.status == 503 and reply.error["code"] == "service_unavailable"
    assert reply.error["message"].startswith("The sign-in service is unavailable")


def test_a_password_reset_by_an_administrator_is_401_with_its_own_message(api, cognito_fails):
    cognito_fails("initiate_auth", cognito_error("PasswordResetRequiredException"))
    reply = login(api)
    assert reply.status == 401 and reply.error["code"] == "password_reset_required"
    assert "管理员已重置您的密码" in reply.error["message"]
    english = login(api, lang="en")
    assert english.error["message"].startswith("An administrator reset your password")


def test_a_username_cognito_refuses_is_400_naming_it(api, cognito_fails):
    cognito_fails("initiate_auth", cognito_error("InvalidParameterException"))
    reply = login(api)
    assert reply.status == 400 and list(reply.error["fields"]) == ["username"]


def test_a_new_password_cognito_refuses_is_400_naming_it(api, cognito_fails):
    """Cognito refuses a password with a leading space (InvalidParameterException); moto takes
    it, so its answer is raised at the boundary. The policy refusal is moto's own answer in
    tests/api/test_mfa.py."""
    cognito_fails("respond_to_auth_challenge", cognito_error("InvalidParameterException",
                                                             "RespondToAuthChallenge"))
    reply = api.post("/api/auth/challenge", headers={**SESSION, "Accept-Language": "en"}, body={
        "username": "sz_agent", "session": "s" * 40, "challenge": "new_password",
        "new_password": " Leading2026space"})
    assert reply.status == 400 and list(reply.error["fields"]) == ["new_password"]
    assert "leading or trailing spaces" in reply.error["fields"]["new_password"]


@pytest.mark.parametrize("code", ["TooManyRequestsException", "LimitExceededException",
                                  "PasswordResetRequiredException", "InternalErrorException"])
def test_a_challenge_is_never_500_on_a_cognito_fault(api, cognito_fails, code):
    cognito_fails("respond_to_auth_challenge", cognito_error(code, "RespondToAuthChallenge"))
    reply = api.post("/api/auth/challenge", headers=SESSION, body={
        "username": "sz_agent", "session": "s" * 40, "challenge": "totp", "code": "123456"})
    assert reply.status in (401, 429, 503), reply.body
    assert reply.error["code"] in ("password_reset_required", "too_many_requests",
                                   "service_unavailable")


@pytest.mark.parametrize("error,status,code", [
    (cognito_error("TooManyRequestsException"), 429, "too_many_requests"),
    (cognito_error("InternalErrorException", status=500), 503, "service_unavailable"),
    (EndpointConnectionError(endpoint_url="https://cognito-idp"), 503, "service_unavailable"),
])
def test_a_cognito_hiccup_at_refresh_keeps_the_session(api, cognito_fails, monkeypatch, error,
                                                      status, code):
    """The SPA signs the user out on a 401 only: a throttled or failing Cognito is 429/503 and
    the cookie is not cleared, so the next try (or the next page load) signs in again."""
    cookie = set_cookie(login(api)).split(";")[0]
    cognito_fails("initiate_auth", error, when=refreshing)
    reply = refresh(api, cookie)
    assert reply.status == status and reply.error["code"] == code
    assert set_cookie(reply) is None  # the cookie stays
    # ...while a token Cognito refuses still ends the session
    monkeypatch.undo()
    refused = refresh(api, "fuwu_refresh=not-a-token")
    assert refused.status == 401 and "Max-Age=0" in set_cookie(refused)


def test_the_auth_routes_document_429_and_503(api):
    paths = api.get("/api/openapi.json").body["paths"]
    for path in ("/api/auth/login", "/api/auth/challenge", "/api/auth/refresh",
                 "/api/auth/mfa/setup", "/api/auth/mfa/verify"):
        assert {"429", "503"} <= set(paths[path]["post"]["responses"]), path


# ---- item 7: every refusal of a token carries a fixed reason ---------------------------------

def _moto_key():
    from moto.utilities.utils import load_resource

    return jwt.PyJWK(load_resource("cognitoidp/resources/jwks-private.json")).key


INJECTED = 'x" status=200 user=hq_admin\n<script>alert(1)</script>'


def _with_header(header: dict, token: str) -> str:
    encoded = base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=").decode()
    return ".".join([encoded, *token.split(".")[1:]])


def _forged_tokens() -> dict[str, str]:
    claims = jwt.decode(token_for("sz_agent"), options={"verify_signature": False})
    fresh = {**claims, "exp": int(time.time()) + 600}
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    real = _moto_key()
    return {
        "garbage": "not.a.jwt",
        "injected kid": jwt.encode(fresh, other, algorithm="RS256", headers={"kid": INJECTED}),
        "numeric kid": _with_header({"alg": "RS256", "typ": "JWT", "kid": 7},
                                    jwt.encode(fresh, other, algorithm="RS256")),
        "no kid": jwt.encode(fresh, other, algorithm="RS256"),
        "other key": jwt.encode(fresh, other, algorithm="RS256", headers={"kid": "dummy"}),
        "expired": jwt.encode({**claims, "iat": int(time.time()) - 7200,
                               "exp": int(time.time()) - 60}, real, algorithm="RS256",
                              headers={"kid": "dummy"}),
        "access token": jwt.encode({**fresh, "token_use": "access"}, real, algorithm="RS256",
                                   headers={"kid": "dummy"}),
        "groups as text": jwt.encode({**fresh, "cognito:groups": INJECTED}, real,
                                     algorithm="RS256", headers={"kid": "dummy"}),
        "no username": jwt.encode({k: v for k, v in fresh.items() if k != "cognito:username"},
                                  real, algorithm="RS256", headers={"kid": "dummy"}),
        "unknown user": jwt.encode({**fresh, "cognito:username": INJECTED}, real,
                                   algorithm="RS256", headers={"kid": "dummy"}),
        "wrong audience": jwt.encode({**fresh, "aud": INJECTED}, real, algorithm="RS256",
                                     headers={"kid": "dummy"}),
    }


EXPECTED_REASON = {
    "garbage": "invalid_token", "injected kid": "unknown_signing_key",
    "numeric kid": "invalid_token", "no kid": "unknown_signing_key",
    "other key": "invalid_token", "expired": "token_expired", "access token": "not_id_token",
    "groups as text": "groups_not_a_list", "no username": "no_username",
    "unknown user": "not_active_staff", "wrong audience": "invalid_token",
}


def test_every_refused_token_is_refused_with_a_fixed_reason_and_nothing_else():
    for name, token in _forged_tokens().items():
        with pytest.raises(Unauthenticated) as refused:
            identity.verify_token(token)
        reason = refused.value.message
        assert reason == EXPECTED_REASON[name], name
        assert reason in identity.REASONS and str(refused.value) == reason
        # no library exception (with the token's text) chained to it
        error = refused.value
        assert error.__cause__ is None and (error.__context__ is None or error.__suppress_context__)


def test_the_401_log_line_carries_the_reason_not_the_tokens_text(api):
    with captured_logs() as stream:
        for token in _forged_tokens().values():
            assert api.get("/api/me", token=token).status == 401
    lines = json_lines(stream.getvalue())
    reasons = [x["reason"] for x in lines if x.get("message") == "unauthenticated"]
    assert len(reasons) == len(EXPECTED_REASON)
    assert set(reasons) <= identity.REASONS
    assert "script" not in stream.getvalue() and "hq_admin" not in stream.getvalue()


# ---- item 8: no outbound call per forged key id ---------------------------------------------

@pytest.fixture
def jwks_fetches(monkeypatch):
    """Count the requests to the JWKS URL (PyJWKClient.fetch_data is the library's I/O), and
    move the monotonic clock (both PyJWT's and the app's) forward on demand."""
    fetched: list[str] = []
    real_fetch = jwt.PyJWKClient.fetch_data

    def counting(self):
        fetched.append(self.uri)
        return real_fetch(self)

    monkeypatch.setattr(jwt.PyJWKClient, "fetch_data", counting)
    real_clock = time.monotonic
    offset = [0.0]
    monkeypatch.setattr(time, "monotonic", lambda: real_clock() + offset[0])

    def advance(seconds: float) -> None:
        offset[0] += seconds

    return fetched, advance


def _random_kid_token() -> str:
    claims = jwt.decode(token_for("sz_agent"), options={"verify_signature": False})
    return jwt.encode({**claims, "exp": int(time.time()) + 600}, _moto_key(), algorithm="RS256",
                      headers={"kid": uuid.uuid4().hex})


def test_forged_key_ids_cost_no_jwks_fetch_for_five_minutes(api, jwks_fetches):
    fetched, advance = jwks_fetches
    advance(3600)  # whatever was fetched before has expired: the next check fetches once
    assert api.get("/api/me", "sz_agent").status == 200
    assert len(fetched) == 1
    advance(60)  # past PyJWT's own 30 s cooldown
    for _ in range(20):
        assert api.get("/api/me", token=_random_kid_token()).status == 401
    assert len(fetched) == 1  # refused from the cached key set
    assert api.get("/api/me", "sz_agent").status == 200  # the real key still works
    advance(240)  # 5 minutes after the fetch: one unknown kid may fetch again (a new key)
    for _ in range(20):
        assert api.get("/api/me", token=_random_kid_token()).status == 401
    assert len(fetched) == 2
    assert set(fetched) == {identity.settings().jwks_url}
