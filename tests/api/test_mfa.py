"""TOTP and the other steps of a sign-in, on moto's Cognito through the API.

A user sets up an authenticator (`/api/auth/mfa/setup`, `/verify`); from then on the password
alone gives a `totp` challenge and the code completes the sign-in with the same answer as a
login (ID token in the body, refresh token only in the cookie). A new user with a temporary
password gets a `new_password` challenge. Head office without TOTP is told to set it up where
`FUWU_REQUIRE_HQ_MFA` is on.

moto accepts any TOTP code unless MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP is "true"; with it
(the `real_codes` fixture) it checks codes against the secret AssociateSoftwareToken gives,
which is the same for every user. The codes are computed here (RFC 6238: HMAC-SHA1, 30 s,
6 digits).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import inspect
import json
import re
import struct
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import parse_qs, urlsplit

import boto3
import pytest
from botocore.exceptions import ClientError

from chalicelib.kernel import middleware
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import Forbidden, SecondFactorRequired, ServiceError
from chalicelib.kernel.http import STATUS
from chalicelib.modules.directory import identity
from chalicelib.modules.directory import store as directory_store
from chalicelib.modules.directory import usecases as directory
from chalicelib.modules.directory.models import Staff
from infra.local.demo_data import DEMO_PASSWORD
from tests.conftest import ENV, token_for

SESSION = {"X-Fuwu-Session": "1"}
NEW_PASSWORD = "Chosen2026pass"


# ---- TOTP, as an authenticator app computes it ---------------------------------------------

def totp(secret: str, at: float | None = None) -> str:
    """The RFC 6238 code of a base32 secret at a time (default now): HMAC-SHA1, 30 s, 6 digits."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def current_code(secret: str, margin: float = 3.0) -> str:
    """A code that stays valid for at least `margin` seconds (moto accepts the current step
    only): near the end of a step, wait for the next one."""
    left = 30 - time.time() % 30
    if left < margin:
        time.sleep(left + 0.2)
    return totp(secret)


def wrong_code(secret: str) -> str:
    return f"{(int(totp(secret)) + 1) % 1_000_000:06d}"


def test_the_code_computation_matches_rfc_6238():
    # RFC 6238 appendix B, SHA1, truncated to 6 digits
    secret = base64.b32encode(b"12345678901234567890").decode()
    assert totp(secret, 59) == "287082"
    assert totp(secret, 1111111109) == "081804"
    assert totp(secret, 20000000000) == "353130"


# ---- users made for a test -----------------------------------------------------------------

def idp():
    return boto3.client("cognito-idp", endpoint_url=ENV["AWS_ENDPOINT_URL"],
                        region_name=ENV["AWS_REGION"])


@contextmanager
def staff_member(role: str = "agent", outlet: str = "SZ", temporary: bool = False,
                 prefix: str = "mfa") -> Iterator[str]:
    """A Cognito user with a staff record, as an administrator creates one (docs/deploy.md);
    with `temporary`, their password must be replaced at the first sign-in. Removed after."""
    pool = ENV["FUWU_USER_POOL_ID"]
    username = f"{prefix}_{role}_{uuid.uuid4().hex[:8]}"
    client = idp()
    client.admin_create_user(
        UserPoolId=pool, Username=username, MessageAction="SUPPRESS",
        TemporaryPassword=DEMO_PASSWORD,
        UserAttributes=[{"Name": "custom:outlet", "Value": outlet},
                        {"Name": "name", "Value": f"测试{role}"}])
    if not temporary:
        client.admin_set_user_password(UserPoolId=pool, Username=username, Password=DEMO_PASSWORD,
                                       Permanent=True)
    client.admin_add_user_to_group(UserPoolId=pool, Username=username, GroupName=role)
    directory_store.save_staff(Staff(username=username, name=f"测试{role}", role=role,
                                     outlet=outlet, active=True))
    try:
        yield username
    finally:
        client.admin_delete_user(UserPoolId=pool, Username=username)
        record = directory_store.get_staff(username)
        if record is not None:
            record.delete()
        directory.forget(username)


# ---- calls -----------------------------------------------------------------------------------

def _header(reply, name: str) -> str | None:
    return next((v for k, v in reply.headers.items() if k.lower() == name.lower()), None)


def cookie_of(reply) -> str:
    """`fuwu_refresh=<token>` from a Set-Cookie, checking its attributes."""
    raw = _header(reply, "Set-Cookie")
    assert raw, reply.headers
    attributes = [part.strip().lower() for part in raw.split(";")]
    assert "httponly" in attributes and "secure" in attributes
    assert "samesite=strict" in attributes and "path=/api/auth" in attributes
    return raw.split(";")[0]


def login(api, username: str, password: str = DEMO_PASSWORD):
    return api.post("/api/auth/login", body={"username": username, "password": password},
                    headers=SESSION)


def signed_in(api, username: str) -> tuple[str, str]:
    """(ID token, refresh cookie) of a password-only sign-in."""
    reply = login(api, username)
    assert reply.status == 200 and "id_token" in reply.body, reply.body
    return reply.body["id_token"], cookie_of(reply)


def setup(api, token: str, cookie: str | None):
    headers = {"Cookie": cookie} if cookie else {}
    return api.post("/api/auth/mfa/setup", token=token, headers=headers)


def verify(api, token: str, cookie: str, code: str):
    return api.post("/api/auth/mfa/verify", token=token, body={"code": code},
                    headers={"Cookie": cookie})


def answer(api, username: str, session: str, challenge: str, **fields):
    return api.post("/api/auth/challenge", headers=SESSION, body={
        "username": username, "session": session, "challenge": challenge, **fields})


def enable_totp(api, username: str) -> str:
    """Set up TOTP through the API as the user does from the security page; the secret."""
    token, cookie = signed_in(api, username)
    started = setup(api, token, cookie)
    assert started.status == 200, started.body
    secret = started.body["secret"]
    done = verify(api, token, cookie, current_code(secret))
    assert done.status == 200 and done.body == {"mfa": "totp"}, done.body
    return secret


# ---- set-up, then the challenge at every sign-in --------------------------------------------

def test_a_user_sets_up_totp_and_from_then_on_signs_in_with_a_code(api, real_codes):
    with staff_member("agent") as username:
        first = login(api, username)
        assert first.status == 200
        assert first.body["mfa"] is None and first.body["mfa_required"] is False
        token, cookie = first.body["id_token"], cookie_of(first)

        started = setup(api, token, cookie)
        assert started.status == 200, started.body
        assert _header(started, "Cache-Control") == "no-store"
        secret, uri = started.body["secret"], started.body["otpauth_uri"]
        assert re.fullmatch(r"[A-Za-z2-7]+", secret)  # base32 (moto: lower case)
        parts = urlsplit(uri)
        assert (parts.scheme, parts.netloc, parts.path) == ("otpauth", "totp", f"/Fuwu:{username}")
        assert parse_qs(parts.query) == {"secret": [secret], "issuer": ["Fuwu"]}

        refused = verify(api, token, cookie, wrong_code(secret))
        assert refused.status == 400 and refused.error["code"] == "invalid_code"
        assert "code" in refused.error["fields"]
        assert login(api, username).body["mfa"] is None  # nothing changed yet

        done = verify(api, token, cookie, current_code(secret))
        assert done.status == 200 and done.body == {"mfa": "totp"}

        # The password alone no longer signs in: a challenge, without token or cookie.
        challenged = login(api, username)
        assert challenged.status == 200
        assert challenged.body["challenge"] == "totp" and challenged.body["user"] is None
        assert set(challenged.body) == {"challenge", "session", "user"}
        assert _header(challenged, "Set-Cookie") is None
        session = challenged.body["session"]

        wrong = answer(api, username, session, "totp", code=wrong_code(secret))
        assert wrong.status == 401 and wrong.error["code"] == "invalid_code"
        assert wrong.error["message"] == "验证码不正确，请输入验证器应用上当前显示的 6 位数字"
        assert _header(wrong, "Set-Cookie") is None and "id_token" not in wrong.body

        right = answer(api, username, session, "totp", code=current_code(secret))
        assert right.status == 200, right.body
        assert right.body["user"]["username"] == username and right.body["refresh_token"] is None
        assert right.body["mfa"] == "totp" and right.body["mfa_required"] is False
        new_cookie = cookie_of(right)
        assert new_cookie.split("=", 1)[1] not in str(right.body)
        me = api.get("/api/me", token=right.body["id_token"])
        assert me.status == 200 and me.body["username"] == username

        refreshed = api.post("/api/auth/refresh", headers={**SESSION, "Cookie": new_cookie})
        assert refreshed.status == 200 and refreshed.body["mfa"] == "totp"


def test_a_wrong_code_is_refused_in_english_too(api, real_codes):
    with staff_member("technician") as username:
        secret = enable_totp(api, username)
        session = login(api, username).body["session"]
        reply = api.post("/api/auth/challenge", headers={**SESSION, "Accept-Language": "en"}, body={
            "username": username, "session": session, "challenge": "totp",
            "code": wrong_code(secret)})
        assert reply.status == 401 and reply.error["code"] == "invalid_code"
        assert reply.error["message"].startswith("Wrong code")
        assert reply.error["fields"] == {"code": "is wrong or has expired"}


def test_an_unknown_or_expired_session_is_401(api):
    reply = answer(api, "sz_agent", "AYABeExpiredSession" + "x" * 40, "totp", code="123456")
    assert reply.status == 401 and reply.error["code"] == "unauthenticated"


@pytest.mark.parametrize("fields,bad", [
    ({"challenge": "totp", "code": "12345"}, "code"),
    ({"challenge": "totp", "code": "12345a"}, "code"),
    ({"challenge": "totp", "code": "１２３４５６"}, "code"),  # full-width digits
    ({"challenge": "totp"}, "code"),
    ({"challenge": "new_password"}, "new_password"),
    ({"challenge": "new_password", "new_password": "short"}, "new_password"),
    ({"challenge": "new_password", "new_password": "x" * 257}, "new_password"),
    ({"challenge": "sms", "code": "123456"}, "challenge"),
    ({"challenge": "totp", "code": "123456", "session": "short"}, "session"),
    ({"challenge": "totp", "code": "123456", "extra": 1}, "extra"),
])
def test_the_challenge_body_is_validated(api, fields, bad):
    body = {"username": "sz_agent", "session": "s" * 40, **fields}
    reply = api.post("/api/auth/challenge", body=body, headers=SESSION)
    assert reply.status == 400 and bad in reply.error["fields"], reply.body


def test_a_challenge_the_portal_cannot_answer_is_401_as_before(api):
    """SMS is off in the pool; a user somehow left with SMS as second factor is refused."""
    with staff_member("agent") as username:
        idp().admin_set_user_mfa_preference(
            UserPoolId=ENV["FUWU_USER_POOL_ID"], Username=username,
            SMSMfaSettings={"Enabled": True, "PreferredMfa": True})
        reply = login(api, username)
        assert reply.status == 401 and reply.error["code"] == "unauthenticated"


# ---- the first sign-in with a temporary password --------------------------------------------

def test_a_new_user_replaces_the_temporary_password_and_is_signed_in(api):
    with staff_member("support", temporary=True) as username:
        first = login(api, username)
        assert first.status == 200 and first.body["challenge"] == "new_password"
        assert _header(first, "Set-Cookie") is None
        session = first.body["session"]

        weak = answer(api, username, session, "new_password", new_password="alllowercase")
        assert weak.status == 400 and "new_password" in weak.error["fields"]

        chosen = answer(api, username, session, "new_password", new_password=NEW_PASSWORD)
        assert chosen.status == 200, chosen.body
        assert chosen.body["user"]["username"] == username and chosen.body["user"]["role"] == "support"
        cookie_of(chosen)
        assert api.get("/api/me", token=chosen.body["id_token"]).status == 200

        assert login(api, username).status == 401  # the temporary password is gone
        again = login(api, username, NEW_PASSWORD)
        assert again.status == 200 and "id_token" in again.body


# ---- head office ---------------------------------------------------------------------------

def test_head_office_without_totp_is_told_to_set_it_up_where_required(api, real_codes,
                                                                      hq_mfa_required):
    with staff_member("head_office", outlet="HQ") as username:
        first = login(api, username)
        assert first.status == 200 and first.body["mfa_required"] is True
        cookie = cookie_of(first)
        refreshed = api.post("/api/auth/refresh", headers={**SESSION, "Cookie": cookie})
        assert refreshed.body["mfa_required"] is True  # a reload does not escape it
        # other roles are not required to
        assert login(api, "sz_manager").body["mfa_required"] is False

        secret = enable_totp(api, username)
        session = login(api, username).body["session"]
        done = answer(api, username, session, "totp", code=current_code(secret))
        assert done.status == 200
        assert done.body["mfa"] == "totp" and done.body["mfa_required"] is False


def test_without_the_setting_the_demo_head_office_signs_in_with_the_password(api):
    reply = login(api, "hq_admin")
    assert reply.status == 200 and reply.body["mfa_required"] is False


# ---- head office: the API itself refuses until TOTP is on (issue 10, round 2, item 2) -------

ROUTES_REFUSED = [("GET", "/api/work-orders"), ("GET", "/api/work-orders/{order_id}"),
                  ("POST", "/api/work-orders/{order_id}/actions/{action}"),
                  ("GET", "/api/kpi/summary"), ("GET", "/api/outlets"),
                  ("PUT", "/api/sla/policy"), ("GET", "/api/me/anything")]
ROUTES_OPEN = [("GET", "/api/me"), ("POST", "/api/auth/mfa/setup"),
               ("POST", "/api/auth/mfa/verify"), ("POST", "/api/auth/refresh"),
               ("POST", "/api/auth/logout")]


def recorded(username: str) -> str | None:
    return directory_store.get_staff(username).mfa


def refused(actor, method: str, route: str) -> str | None:
    """The error code require_second_factor raises, or None."""
    try:
        identity.require_second_factor(actor, method, route)
    except ServiceError as exc:
        assert STATUS[type(exc)] == 403 and isinstance(exc, Forbidden)
        return exc.code
    return None


def test_head_office_without_totp_is_refused_everything_but_me_and_the_auth_routes(
        api, real_codes, hq_mfa_required, monkeypatch):
    with staff_member("head_office", outlet="HQ") as username:
        first = login(api, username)
        assert first.body["mfa_required"] is True and recorded(username) == "none"
        hq = identity.verify_token(first.body["id_token"])
        for method, route in ROUTES_REFUSED:
            assert refused(hq, method, route) == "mfa_required", route
        for method, route in ROUTES_OPEN:
            assert refused(hq, method, route) is None, route
        assert refused(hq, "POST", "/api/me") == "mfa_required"  # only GET /api/me
        # other roles are not asked, nor head office where the setting is off
        manager = identity.verify_token(token_for("sz_manager"))
        assert refused(manager, "GET", "/api/work-orders") is None
        with monkeypatch.context() as patch:
            off = dataclasses.replace(settings(), require_hq_mfa=False)
            patch.setattr(identity, "settings", lambda: off)
            assert refused(hq, "GET", "/api/work-orders") is None

        enable_totp(api, username)  # recorded at verify: no refusal from now on
        assert recorded(username) == "totp"
        assert refused(hq, "GET", "/api/work-orders") is None


def test_the_refusal_has_its_own_code_and_message(api, hq_mfa_required):
    from chalicelib.kernel.http import service_error_reply

    reply = service_error_reply(SecondFactorRequired("mfa_required"), "zh")
    body = json.loads(reply.body)
    assert reply.status_code == 403 and body["error"]["code"] == "mfa_required"
    assert body["error"]["message"] == "总部账号须先开启两步验证，才能使用系统"
    english = json.loads(service_error_reply(SecondFactorRequired("mfa_required"), "en").body)
    assert english["error"]["message"].startswith("Head-office accounts must turn on")


@pytest.mark.skipif("require_second_factor" not in inspect.getsource(middleware),
                    reason="the middleware calls identity.require_second_factor (its owner wires it)")
def test_the_api_refuses_head_office_without_totp(api, hq_mfa_required):
    with staff_member("head_office", outlet="HQ") as username:
        token = login(api, username).body["id_token"]
        reply = api.get("/api/work-orders?outlet=SZ", token=token)
        assert reply.status == 403 and reply.error["code"] == "mfa_required"
        assert api.get("/api/me", token=token).status == 200


def test_the_second_factor_is_recorded_at_sign_in_refresh_and_set_up(api, real_codes):
    with staff_member("agent") as username:
        assert recorded(username) is None  # never known yet
        first = login(api, username)
        assert recorded(username) == "none"
        secret = enable_totp(api, username)
        assert recorded(username) == "totp"
        # an administrator turns it off (a lost phone, docs/deploy.md): the next refresh says so
        idp().admin_set_user_mfa_preference(
            UserPoolId=ENV["FUWU_USER_POOL_ID"], Username=username,
            SoftwareTokenMfaSettings={"Enabled": False, "PreferredMfa": False})
        refreshed = api.post("/api/auth/refresh", headers={**SESSION, "Cookie": cookie_of(first)})
        assert refreshed.status == 200 and refreshed.body["mfa"] is None
        assert recorded(username) == "none"
        assert secret


def break_get_user(monkeypatch) -> None:
    """Cognito's GetUser fails (an outage of that call, raised at the boto3 client as botocore
    would), everything else answers."""
    def failing(**_kwargs):
        raise ClientError({"Error": {"Code": "InternalErrorException", "Message": "simulated"},
                           "ResponseMetadata": {"HTTPStatusCode": 500}}, "GetUser")

    monkeypatch.setattr(identity._idp(), "get_user", failing)


@pytest.fixture
def get_user_fails(monkeypatch):
    break_get_user(monkeypatch)


def test_head_office_never_confirmed_with_totp_is_refused_when_cognito_cannot_say(
        api, hq_mfa_required, get_user_fails):
    """Fail closed: an unknown second factor counts as none."""
    with staff_member("head_office", outlet="HQ") as username:
        reply = login(api, username)
        assert reply.status == 200
        assert reply.body["mfa"] is None and reply.body["mfa_required"] is True
        assert recorded(username) is None  # nothing recorded from a failed call
        hq = identity.verify_token(reply.body["id_token"])
        assert refused(hq, "GET", "/api/work-orders") == "mfa_required"


def test_head_office_with_totp_keeps_working_through_a_get_user_outage(
        api, real_codes, hq_mfa_required, monkeypatch):
    """...but an outage does not lock out whoever Cognito confirmed TOTP for: a sign-in
    completed with a code proves it, and a refresh keeps the last recorded answer."""
    with staff_member("head_office", outlet="HQ") as username:
        secret = enable_totp(api, username)
        directory_store.set_staff_mfa(username, "none")  # as if never recorded since
        directory.forget(username)
        break_get_user(monkeypatch)
        session = login(api, username).body["session"]
        done = answer(api, username, session, "totp", code=current_code(secret))
        assert done.status == 200 and done.body["mfa"] == "totp"
        assert done.body["mfa_required"] is False and recorded(username) == "totp"
        refreshed = api.post("/api/auth/refresh", headers={**SESSION, "Cookie": cookie_of(done)})
        assert refreshed.status == 200 and refreshed.body["mfa_required"] is False
        hq = identity.verify_token(refreshed.body["id_token"])
        assert refused(hq, "GET", "/api/work-orders") is None


def test_replacing_an_authenticator_needs_a_current_code_of_the_one_in_force(api, real_codes):
    """Whoever holds a signed-in session (a stolen ID token and cookie) must not swap in their
    own authenticator."""
    with staff_member("manager") as username:
        secret = enable_totp(api, username)
        session = login(api, username).body["session"]
        signed_in = answer(api, username, session, "totp", code=current_code(secret))
        token, cookie = signed_in.body["id_token"], cookie_of(signed_in)

        without = setup(api, token, cookie)
        assert without.status == 400 and list(without.error["fields"]) == ["code"]
        assert without.error["code"] == "validation_error"
        wrong = api.post("/api/auth/mfa/setup", token=token, body={"code": wrong_code(secret)},
                         headers={"Cookie": cookie})
        assert wrong.status == 400 and wrong.error["code"] == "invalid_code"
        right = api.post("/api/auth/mfa/setup", token=token, body={"code": current_code(secret)},
                         headers={"Cookie": cookie})
        assert right.status == 200 and right.body["otpauth_uri"].startswith("otpauth://")
        done = verify(api, token, cookie, current_code(right.body["secret"]))
        assert done.status == 200 and recorded(username) == "totp"


# ---- who may set up TOTP, and with what --------------------------------------------------------

@pytest.mark.parametrize("username", ["sz_agent", "sz_manager", "sz_support", "sz_tech1",
                                      "sz_warehouse", "hq_admin"])
def test_every_role_may_start_setting_up_totp(api, username):
    """Only the association: nothing changes at sign-in until a code is verified."""
    token, cookie = signed_in(api, username)
    reply = setup(api, token, cookie)
    assert reply.status == 200 and reply.body["otpauth_uri"].startswith("otpauth://totp/Fuwu:")
    assert login(api, username).body["mfa"] is None


def test_setting_up_totp_needs_the_callers_own_refresh_cookie(api):
    token, _ = signed_in(api, "sz_agent")
    _, someone_elses = signed_in(api, "sz_manager")
    assert setup(api, token, None).status == 401
    assert setup(api, token, someone_elses).status == 401
    assert verify(api, token, someone_elses, "123456").status == 401
    assert api.post("/api/auth/mfa/setup").status == 401  # no bearer token


def test_a_malformed_verify_code_is_400(api):
    token, cookie = signed_in(api, "sz_agent")
    for code in ("12345", "abcdef", "1234567", 123456):
        reply = api.post("/api/auth/mfa/verify", token=token, body={"code": code},
                         headers={"Cookie": cookie})
        assert reply.status == 400 and "code" in reply.error["fields"]


def test_the_new_routes_are_documented(api):
    document = api.get("/api/openapi.json").body
    paths = document["paths"]
    assert "security" not in paths["/api/auth/challenge"]["post"]
    for path in ("/api/auth/mfa/setup", "/api/auth/mfa/verify"):
        assert paths[path]["post"]["security"] == [{"cognito": []}]
    login_schema = paths["/api/auth/login"]["post"]["responses"]["200"]["content"][
        "application/json"]["schema"]
    assert login_schema == {"$ref": "#/components/schemas/LoginResult"}
    assert document["components"]["schemas"]["LoginChallenge"]["properties"]["challenge"] == {
        "enum": ["totp", "new_password"]}
