"""Create the head office outlet and the first head-office user of a deployed stage.

    python -m infra.cdk.first_user --stage prod --user-pool-id <UserPoolId output> \
        --username hq_admin --name "林总" --email admin@example.com

Uses the current AWS credentials. Cognito mails a temporary password to --email; the user
sets their own at the first sign-in. Idempotent: an existing outlet, user or staff record is
left as it is. Further outlets and staff are managed from there (see docs/deploy.md).

    python -m infra.cdk.first_user ... --require-totp

(the same command again, once the user has associated and verified a TOTP authenticator:
docs/deploy.md "Head office: TOTP") makes TOTP that user's required second factor, with
Cognito's AdminSetUserMFAPreference. It works for any head-office user, not only the first.
"""

from __future__ import annotations

import argparse
import os

from infra import resources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m infra.cdk.first_user")
    parser.add_argument("--stage", required=True)
    parser.add_argument("--region", default=None, help="default: the stage's region")
    parser.add_argument("--user-pool-id", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--email", required=True)
    parser.add_argument("--outlet", default="HQ", help="the head office's outlet code")
    parser.add_argument("--outlet-name", default="总部")
    parser.add_argument("--outlet-name-en", default="Head Office")
    parser.add_argument("--city", default="北京")
    parser.add_argument("--require-totp", action="store_true",
                        help="make TOTP the user's required second factor (after they verified "
                             "an authenticator app)")
    args = parser.parse_args(argv)

    from infra.cdk.config import stage_config
    region = args.region or stage_config(args.stage).region
    os.environ.update({"AWS_REGION": region, "AWS_DEFAULT_REGION": region,
                       "FUWU_STAGE": args.stage, "FUWU_USER_POOL_ID": args.user_pool_id,
                       "FUWU_TABLE": resources.MAIN_TABLE.physical_name(args.stage)})

    import boto3

    from chalicelib.modules.directory import store as directory_store
    from chalicelib.modules.directory.models import Outlet, Staff

    if directory_store.get_outlet(args.outlet) is None:
        directory_store.save_outlet(Outlet(
            code=args.outlet, name=args.outlet_name, name_en=args.outlet_name_en, city=args.city,
            number_prefix=args.outlet, is_head_office=True, timezone="Asia/Shanghai"))
    idp = boto3.client("cognito-idp", region_name=region)
    try:
        idp.admin_create_user(
            UserPoolId=args.user_pool_id, Username=args.username, DesiredDeliveryMediums=["EMAIL"],
            UserAttributes=[{"Name": f"custom:{resources.OUTLET_ATTRIBUTE}", "Value": args.outlet},
                            {"Name": "name", "Value": args.name},
                            {"Name": "email", "Value": args.email},
                            {"Name": "email_verified", "Value": "true"}])
    except idp.exceptions.UsernameExistsException:
        pass
    idp.admin_add_user_to_group(UserPoolId=args.user_pool_id, Username=args.username,
                                GroupName="head_office")
    if directory_store.get_staff(args.username) is None:
        directory_store.save_staff(Staff(username=args.username, name=args.name, role="head_office",
                                         outlet=args.outlet, email=args.email, active=True))
    if args.require_totp:
        return require_totp(idp, args.user_pool_id, args.username)
    print(f"{args.username}: head_office at {args.outlet}; temporary password mailed to {args.email}")
    return 0


def require_totp(idp, user_pool_id: str, username: str) -> int:
    """TOTP on and preferred for the user: from now on every sign-in asks for the code (and,
    the pool having no SMS factor, nothing else can replace it)."""
    try:
        idp.admin_set_user_mfa_preference(
            UserPoolId=user_pool_id, Username=username,
            SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True})
    except idp.exceptions.InvalidParameterException as exc:
        print(f"{username}: no verified TOTP authenticator yet ({exc.response['Error']['Message']});"
              f" see docs/deploy.md \"Head office: TOTP\"")
        return 2
    settings = idp.admin_get_user(UserPoolId=user_pool_id, Username=username)
    print(f"{username}: second factor {settings.get('PreferredMfaSetting')}, "
          f"enabled {settings.get('UserMFASettingList')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
