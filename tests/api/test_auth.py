"""Identity: real Cognito (moto) tokens are accepted; forged, expired, foreign ones are not."""

from __future__ import annotations

import base64
import json
import time

import boto3
import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

from infra.local.demo_data import DEMO_PASSWORD
from tests.conftest import token_for

SESSION = {"X-Fuwu-Session": "1"}


def _claims(token: str) -> dict:
    return jwt.decode(token, options={"verify_signature": False})


def _moto_private_key() -> dict:
    """The key moto's Cognito signs with (its JWKS publishes the public half)."""
    from moto.utilities.utils import load_resource

    return load_resource("cognitoidp/resources/jwks-private.json")


def _sign(claims: dict, key) -> str:
    return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "dummy"})


def _login(api, username: str, password: str = DEMO_PASSWORD, **kw):
    return api.post("/api/auth/login", body={"username": username, "password": password},
                    headers={**SESSION, **kw.pop("headers", {})}, **kw)


def test_login_returns_tokens_and_the_user(api):
    reply = _login(api, "sz_manager")
    assert reply.status == 200
    user = reply.body["user"]
    permissions = user.pop("permissions")
    assert user == {"username": "sz_manager", "name": "王强", "role": "manager",
                    "outlet": "SZ", "outlet_name": "深圳服务站",
                    "outlet_name_en": "Shenzhen Service Station"}
    # the manager's keys of the permission table: figures and at-risk yes, head office's no
    assert {"orders.create", "sla.at_risk", "figures.kpi", "orders.action.dispatch"} <= set(
        permissions)
    assert not {"sla.policy.write", "directory.all_outlets", "orders.my_jobs"} & set(permissions)
    claims = _claims(reply.body["id_token"])
    assert claims["token_use"] == "id" and claims["cognito:groups"] == ["manager"]


def test_wrong_password_is_401_with_a_chinese_message(api):
    reply = _login(api, "sz_manager", "nope")
    assert reply.status == 401
    assert reply.error["code"] == "unauthenticated"
    assert reply.error["message"] == "用户名或密码错误"


def test_login_with_missing_fields_is_400(api):
    reply = api.post("/api/auth/login", body={"username": "sz_manager"},
                     headers={**SESSION, "Accept-Language": "en"})
    assert reply.status == 400 and reply.error["fields"] == {"password": "is required"}


def test_refresh_gives_a_working_id_token(api):
    login = _login(api, "sz_agent")
    cookie = login.headers["Set-Cookie"].split(";")[0]  # fuwu_refresh=<token>
    reply = api.post("/api/auth/refresh", headers={"Cookie": cookie, "X-Fuwu-Session": "1"})
    assert reply.status == 200
    assert api.get("/api/me", token=reply.body["id_token"]).status == 200


def test_no_token_is_401(api):
    reply = api.get("/api/work-orders?outlet=SZ")
    assert reply.status == 401 and reply.error["code"] == "unauthenticated"


def test_garbage_token_is_401(api):
    assert api.get("/api/me", token="not.a.jwt").status == 401


def test_token_signed_by_another_key_is_401(api):
    claims = _claims(token_for("sz_manager"))
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert api.get("/api/me", token=_sign(claims, other_key)).status == 401


def test_tampered_payload_is_401(api):
    header, payload, signature = token_for("sz_agent").split(".")
    claims = _claims(token_for("sz_agent"))
    claims["cognito:groups"] = ["head_office"]
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    assert api.get("/api/me", token=f"{header}.{forged}.{signature}").status == 401


def test_expired_token_is_401_even_with_a_valid_signature(api):
    claims = _claims(token_for("sz_manager"))
    key = jwt.PyJWK(_moto_private_key()).key
    valid = _sign({**claims, "exp": int(time.time()) + 600}, key)
    assert api.get("/api/me", token=valid).status == 200  # the key is the real one
    expired = _sign({**claims, "iat": int(time.time()) - 7200, "exp": int(time.time()) - 60}, key)
    assert api.get("/api/me", token=expired).status == 401


def test_token_of_another_user_pool_is_401(api, stack):
    idp = boto3.client("cognito-idp", endpoint_url=stack["AWS_ENDPOINT_URL"],
                       region_name=stack["AWS_REGION"])
    pool = idp.create_user_pool(PoolName="intruder", Schema=[
        {"Name": "outlet", "AttributeDataType": "String", "Mutable": True}])["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool, ClientName="x", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"],
    )["UserPoolClient"]["ClientId"]
    idp.create_group(UserPoolId=pool, GroupName="head_office")
    idp.admin_create_user(UserPoolId=pool, Username="mallory", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "custom:outlet", "Value": "SZ"}])
    idp.admin_set_user_password(UserPoolId=pool, Username="mallory", Password="Fuwu#Demo2026",
                                Permanent=True)
    idp.admin_add_user_to_group(UserPoolId=pool, Username="mallory", GroupName="head_office")
    tokens = idp.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={
        "USERNAME": "mallory", "PASSWORD": "Fuwu#Demo2026"})["AuthenticationResult"]
    # same signing key in moto, but another issuer and audience
    assert api.get("/api/me", token=tokens["IdToken"]).status == 401


def _cognito_tokens(stack, username: str) -> dict:
    """Tokens straight from Cognito (moto) for the app client, as the API gets them: the API
    itself never hands out the access token."""
    idp = boto3.client("cognito-idp", endpoint_url=stack["AWS_ENDPOINT_URL"],
                       region_name=stack["AWS_REGION"])
    return idp.initiate_auth(ClientId=stack["FUWU_APP_CLIENT_ID"], AuthFlow="USER_PASSWORD_AUTH",
                             AuthParameters={"USERNAME": username, "PASSWORD": DEMO_PASSWORD},
                             )["AuthenticationResult"]


def test_access_token_is_not_accepted_in_place_of_the_id_token(api, stack):
    access = _cognito_tokens(stack, "sz_agent")["AccessToken"]
    assert _claims(access)["token_use"] == "access"
    assert api.get("/api/me", token=access).status == 401


def test_no_signed_in_answer_carries_the_access_token(api):
    """Issue 10 round 2, item 1: with Cognito's access token a page script could call Cognito
    itself (turn TOTP off, change the recovery e-mail, delete the user)."""
    login = _login(api, "sz_agent")
    assert login.status == 200
    assert login.body["access_token"] is None and login.body["refresh_token"] is None
    cookie = login.headers["Set-Cookie"].split(";")[0]
    refreshed = api.post("/api/auth/refresh", headers={**SESSION, "Cookie": cookie})
    assert refreshed.status == 200
    assert refreshed.body["access_token"] is None and refreshed.body["refresh_token"] is None
    for body in (login.body, refreshed.body):
        jwts = [v for v in body.values() if isinstance(v, str) and v.startswith("eyJ")]
        assert [_claims(t)["token_use"] for t in jwts] == ["id"]


def test_login_and_challenge_need_the_session_header_so_no_other_site_can_sign_a_browser_in(api):
    """Issue 10 round 2, item 5 (login CSRF): a form on another site posting the attacker's
    credentials would otherwise sign the victim's browser in to the attacker's account."""
    for headers in ({}, {"X-Fuwu-Session": "0"}):
        reply = api.post("/api/auth/login", headers=headers,
                         body={"username": "sz_agent", "password": DEMO_PASSWORD})
        assert reply.status == 400 and "X-Fuwu-Session" in reply.error["fields"]
        assert "Set-Cookie" not in reply.headers and "id_token" not in reply.body
        reply = api.post("/api/auth/challenge", headers=headers, body={
            "username": "sz_agent", "session": "s" * 40, "challenge": "totp", "code": "123456"})
        assert reply.status == 400 and "X-Fuwu-Session" in reply.error["fields"]


def test_every_reply_has_a_correlation_id(api):
    reply = api.get("/api/me", "sz_agent", headers={"X-Correlation-Id": "abc-123"})
    assert reply.headers["X-Correlation-Id"] == "abc-123"
