"""Issue 10, item 1: the token says who; the staff directory says role, outlet and whether the
account is active. Nothing the user can write in Cognito changes what they may see."""

from __future__ import annotations

import time

import boto3
import jwt
import pytest
from botocore.exceptions import ClientError

from chalicelib.services import directory
from chalicelib.store import directory as directory_store
from infra.local.demo_data import DEMO_PASSWORD
from tests.conftest import token_for


def _idp(stack):
    return boto3.client("cognito-idp", endpoint_url=stack["AWS_ENDPOINT_URL"],
                        region_name=stack["AWS_REGION"])


def _login(api, username: str) -> dict:
    reply = api.post("/api/auth/login", body={"username": username, "password": DEMO_PASSWORD})
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


def test_a_user_who_rewrites_their_own_outlet_attribute_still_sees_only_their_outlet(
        api, stack, new_order):
    sz_order = new_order("SZ")
    tokens = _login(api, "cd_support")
    try:  # what an attacker does with their own access token
        _idp(stack).update_user_attributes(
            AccessToken=tokens["access_token"],
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
    reply = api.post("/api/auth/login", body={"username": "ghost", "password": DEMO_PASSWORD})
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
