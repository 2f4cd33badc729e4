"""Issue 10, item 1: the token says who; the staff directory says role, outlet and whether the
account is active. Nothing the user can write in Cognito changes what they may see."""

from __future__ import annotations

import time

import boto3
import jwt
import pytest
from botocore.exceptions import ClientError

from chalicelib.modules.directory import store as directory_store
from chalicelib.modules.directory import usecases as directory
from infra.local.demo_data import DEMO_PASSWORD
from tests.conftest import token_for


def _idp(stack):
    return boto3.client("cognito-idp", endpoint_url=stack["AWS_ENDPOINT_URL"],
                        region_name=stack["AWS_REGION"])


SESSION = {"X-Fuwu-Session": "1"}


def _login(api, username: str) -> dict:
    reply = api.post("/api/auth/login", body={"username": username, "password": DEMO_PASSWORD},
                     headers=SESSION)
    assert reply.status == 200, reply.body
    return reply.body


@pytest.fixture
def later():
    """Move the directory cache's clock past its lifetime, as another minute would."""
    real = directory.monotonic
    offset = [0.0]
    directory.monotonic = lambda: real() + offset[0]

    def advance(seconds: float = directory.CACHE_SECONDS + 1) -> None:
        offset[0] += seconds

    yield advance
    directory.monotonic = real


def _access_token(stack, username: str) -> str:
    """The user's own Cognito access token, straight from Cognito as a script holding the
    password would get it (the API never hands it out)."""
    return _idp(stack).initiate_auth(
        ClientId=stack["FUWU_APP_CLIENT_ID"], AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": DEMO_PASSWORD},
    )["AuthenticationResult"]["AccessToken"]


def test_a_user_who_rewrites_their_own_outlet_attribute_still_sees_only_their_outlet(
        api, stack, new_order):
    sz_order = new_order("SZ")
    try:  # what an attacker does with their own access token
        _idp(stack).update_user_attributes(
            AccessToken=_access_token(stack, "cd_support"),
            UserAttributes=[{"Name": "custom:outlet", "Value": "SZ"}])
    except ClientError:
        pass  # refused by the app client's write attributes: fine as well
    relogged = _login(api, "cd_support")
    claims = jwt.decode(relogged["id_token"], options={"verify_signature": False})
    assert relogged["user"]["outlet"] == "CD"
    me = api.get("/api/me", token=relogged["id_token"])
    assert me.status == 200 and me.body["outlet"] == "CD", (claims, me.body)
    assert api.get(f"/api/work-orders/{sz_order['id']}", token=relogged["id_token"]).status == 404
    listed = api.get("/api/customers?outlet=SZ", token=relogged["id_token"])
    assert listed.status in (403, 404)


def test_the_role_comes_from_the_directory_not_from_the_groups_claim(api, stack):
    idp = _idp(stack)
    pool = stack["FUWU_USER_POOL_ID"]
    idp.admin_add_user_to_group(UserPoolId=pool, Username="sz_tech3", GroupName="head_office")
    try:
        tokens = _login(api, "sz_tech3")
        claims = jwt.decode(tokens["id_token"], options={"verify_signature": False})
        assert "head_office" in claims["cognito:groups"]
        assert tokens["user"]["role"] == "technician"
        assert api.get("/api/kpi/summary?from=2026-01&to=2026-02&outlet=CD",
                       token=tokens["id_token"]).status == 403
    finally:
        idp.admin_remove_user_from_group(UserPoolId=pool, Username="sz_tech3",
                                         GroupName="head_office")


def test_a_deactivated_staff_member_is_refused_within_the_cache_lifetime(api, later):
    token = token_for("cd_tech2")
    assert api.get("/api/me", token=token).status == 200
    person = directory_store.get_staff("cd_tech2")
    person.active = False
    directory_store.save_staff(person)
    try:
        later()
        reply = api.get("/api/me", token=token)
        assert reply.status == 401 and reply.error["code"] == "unauthenticated"
    finally:
        person = directory_store.get_staff("cd_tech2")
        person.active = True
        directory_store.save_staff(person)
        directory.forget("cd_tech2")
    assert api.get("/api/me", token=token).status == 200


def test_a_user_missing_from_the_directory_is_refused(api, stack):
    idp = _idp(stack)
    pool = stack["FUWU_USER_POOL_ID"]
    idp.admin_create_user(UserPoolId=pool, Username="ghost", MessageAction="SUPPRESS",
                          UserAttributes=[{"Name": "custom:outlet", "Value": "HQ"}])
    idp.admin_set_user_password(UserPoolId=pool, Username="ghost", Password=DEMO_PASSWORD,
                                Permanent=True)
    idp.admin_add_user_to_group(UserPoolId=pool, Username="ghost", GroupName="head_office")
    reply = api.post("/api/auth/login", body={"username": "ghost", "password": DEMO_PASSWORD},
                     headers=SESSION)
    assert reply.status == 401


def _moto_key():
    from moto.utilities.utils import load_resource

    return jwt.PyJWK(load_resource("cognitoidp/resources/jwks-private.json")).key


@pytest.mark.parametrize("groups", ["head_office", "xhead_officex", {"0": "head_office"}, [1]])
def test_a_groups_claim_that_is_not_a_list_of_names_is_refused(api, groups):
    claims = jwt.decode(token_for("sz_agent"), options={"verify_signature": False})
    claims.update({"cognito:groups": groups, "exp": int(time.time()) + 600})
    forged = jwt.encode(claims, _moto_key(), algorithm="RS256", headers={"kid": "dummy"})
    reply = api.get("/api/me", token=forged)
    assert reply.status == 401 and reply.error["code"] == "unauthenticated"


def test_a_user_cannot_change_their_own_recovery_email_with_their_access_token(stack):
    """Issue 10 round 2, item 1: with a stolen access token, UpdateUserAttributes on `email`
    then a forgotten-password mail to the new address would take the account over. The app
    client's write attributes leave `email` (and every recovery attribute) out. moto (5.2.5)
    records WriteAttributes but does not enforce them: where it accepts the change, the local
    app client's configuration — what AWS enforces — is checked, and tests/infra checks the
    CDK template's."""
    idp, pool = _idp(stack), stack["FUWU_USER_POOL_ID"]
    client = idp.describe_user_pool_client(UserPoolId=pool, ClientId=stack["FUWU_APP_CLIENT_ID"])
    written = client["UserPoolClient"]["WriteAttributes"]
    assert written, "an empty list makes every attribute writable"
    assert "email" not in written and "phone_number" not in written
    assert not [a for a in written if a.startswith("custom:")]

    def email() -> str | None:
        user = idp.admin_get_user(UserPoolId=pool, Username="cd_agent")
        return next((a["Value"] for a in user["UserAttributes"] if a["Name"] == "email"), None)

    before = email()
    try:
        idp.update_user_attributes(AccessToken=_access_token(stack, "cd_agent"), UserAttributes=[
            {"Name": "email", "Value": "attacker@example.com"}])
    except ClientError as exc:  # enforced (AWS; moto if it ever does)
        assert exc.response["Error"]["Code"] in ("NotAuthorizedException",
                                                 "InvalidParameterException")
        assert email() == before
    else:  # moto: accepted; undo it
        if before is None:
            idp.admin_delete_user_attributes(UserPoolId=pool, Username="cd_agent",
                                             UserAttributeNames=["email"])
        else:
            idp.admin_update_user_attributes(UserPoolId=pool, Username="cd_agent",
                                             UserAttributes=[{"Name": "email", "Value": before}])
