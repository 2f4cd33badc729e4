"""The Cognito side of docs/deploy.md on moto: the local app client has the same write
attributes as the stack's, and the head-office TOTP runbook works as written.

(moto accepts any TOTP code and has no lockout or threat protection; the template tests cover
those settings.)"""

from __future__ import annotations

import boto3
import pytest

from infra import resources
from infra.cdk.first_user import require_totp


@pytest.fixture
def idp(stack):
    return boto3.client("cognito-idp", endpoint_url=stack["AWS_ENDPOINT_URL"],
                        region_name=stack["AWS_REGION"])


def test_local_app_client_has_the_one_list_of_write_attributes(idp, stack):
    client = idp.describe_user_pool_client(UserPoolId=stack["FUWU_USER_POOL_ID"],
                                           ClientId=stack["FUWU_APP_CLIENT_ID"])["UserPoolClient"]
    assert client["WriteAttributes"] == list(resources.USER_POOL.write_attributes)


def test_head_office_totp_runbook(idp, stack, capsys):
    pool, client = stack["FUWU_USER_POOL_ID"], stack["FUWU_APP_CLIENT_ID"]
    username, temporary, chosen = "hq_totp_runbook", "Temporary2026x", "Chosen2026pass"
    idp.admin_create_user(UserPoolId=pool, Username=username, MessageAction="SUPPRESS",
                          TemporaryPassword=temporary,
                          UserAttributes=[{"Name": "custom:outlet", "Value": "HQ"}])
    try:
        # Before an authenticator is verified, --require-totp refuses and says why.
        assert require_totp(idp, pool, username) == 2
        assert "no verified TOTP authenticator" in capsys.readouterr().out

        # The user, once: first sign-in with the mailed password, their own password, then an
        # authenticator app (the aws cognito-idp commands of docs/deploy.md).
        first = idp.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": username, "PASSWORD": temporary})
        assert first["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
        signed_in = idp.respond_to_auth_challenge(
            ClientId=client, ChallengeName="NEW_PASSWORD_REQUIRED", Session=first["Session"],
            ChallengeResponses={"USERNAME": username, "NEW_PASSWORD": chosen})
        access = signed_in["AuthenticationResult"]["AccessToken"]
        assert idp.associate_software_token(AccessToken=access)["SecretCode"]
        assert idp.verify_software_token(AccessToken=access, UserCode="123456",
                                         FriendlyDeviceName="phone")["Status"] == "SUCCESS"

        # The administrator: --require-totp. From then on the password alone is not enough.
        assert require_totp(idp, pool, username) == 0
        user = idp.admin_get_user(UserPoolId=pool, Username=username)
        assert user["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
        again = idp.initiate_auth(ClientId=client, AuthFlow="USER_PASSWORD_AUTH",
                                  AuthParameters={"USERNAME": username, "PASSWORD": chosen})
        assert again["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
        assert "AuthenticationResult" not in again
    finally:
        idp.admin_delete_user(UserPoolId=pool, Username=username)
