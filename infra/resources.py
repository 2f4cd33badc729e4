"""The one definition of Fuwu's AWS resources: tables, indexes, buckets, the user pool.

The local bootstrap (`infra/local/bootstrap.py`) creates exactly these on moto, and the
deployment stack builds its CloudFormation resources from the same objects. The PynamoDB
models (`chalicelib/kernel/store/models.py`, `chalicelib/modules/*/models.py`) are checked
against this file by `tests/unit/test_store_schema.py`, so a key or index cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.kernel.actor import ROLES  # Cognito groups = the app's roles

OUTLET_ATTRIBUTE = "outlet"  # Cognito custom attribute; tokens carry it as `custom:outlet`


@dataclass(frozen=True)
class Index:
    name: str
    hash_key: str
    range_key: str


@dataclass(frozen=True)
class Table:
    logical_name: str  # suffix of the physical name: fuwu-<stage>-<logical_name>
    hash_key: str
    range_key: str
    indexes: tuple[Index, ...] = field(default_factory=tuple)
    ttl_attribute: str | None = None

    def physical_name(self, stage: str) -> str:
        return f"fuwu-{stage}-{self.logical_name}"

    def attribute_names(self) -> list[str]:
        names = [self.hash_key, self.range_key]
        for index in self.indexes:
            names += [index.hash_key, index.range_key]
        return list(dict.fromkeys(names))


# One table, item collections per aggregate (see docs/data-model.md). Overloaded GSIs:
# each item kind uses them for its own access patterns; all key attributes are strings.
MAIN_TABLE = Table(
    logical_name="main",
    hash_key="pk",
    range_key="sk",
    indexes=tuple(Index(f"gsi{n}", f"gsi{n}pk", f"gsi{n}sk") for n in range(1, 8)),
    ttl_attribute="expires_at",
)

TABLES = (MAIN_TABLE,)


@dataclass(frozen=True)
class Bucket:
    logical_name: str
    versioned: bool
    # Browsers upload to and read from the bucket directly (presigned POST / GET) from the
    # portal's origin: CORS for these methods, the origins are the stage's portal URL(s).
    cors_methods: tuple[str, ...] = ()

    def physical_name(self, stage: str, account_hint: str = "") -> str:
        suffix = f"-{account_hint}" if account_hint else ""
        return f"fuwu-{stage}-{self.logical_name}{suffix}"


ATTACHMENTS_BUCKET = Bucket(logical_name="attachments", versioned=True,
                            cors_methods=("GET", "HEAD", "POST"))
LOCAL_ORIGINS = ("http://localhost:*", "http://127.0.0.1:*")  # make run and the browser tests
BUCKETS = (ATTACHMENTS_BUCKET,)


# Where Cognito sends a password-reset code: never writable by the user themselves.
RECOVERY_ATTRIBUTES = ("email", "phone_number", "email_verified", "phone_number_verified")


@dataclass(frozen=True)
class UserPool:
    name: str = "fuwu-users"
    client_name: str = "fuwu-spa"
    groups: tuple[str, ...] = ROLES
    custom_attributes: tuple[str, ...] = (OUTLET_ATTRIBUTE,)
    auth_flows: tuple[str, ...] = ("ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH")
    min_password_length: int = 10
    # What a user may change on their own account with their access token (Cognito's
    # UpdateUserAttributes): the app client's write attributes, on AWS and on moto. Only `name`,
    # which nothing reads (the portal shows names from the staff directory); it stays because
    # an empty list would mean every attribute is writable. Never a custom attribute
    # (custom:outlet stays admin-written; the app does not authorise from it anyway), nor
    # `email` or `phone_number`: password recovery goes to them, so whoever could change them
    # with a stolen access token could reset the password and take the account over.
    write_attributes: tuple[str, ...] = ("name",)
    # How long a refresh token (the portal's session cookie) is valid, in days: the app
    # client's refresh_token_validity (CDK stack, local bootstrap) and, through the environment
    # variable FUWU_REFRESH_TOKEN_DAYS, the cookie's Max-Age.
    refresh_token_days: int = 30

    def __post_init__(self) -> None:
        if not self.write_attributes:
            raise ValueError("an empty write attribute list makes every attribute writable")
        if any(a.startswith("custom:") for a in self.write_attributes):
            raise ValueError("custom attributes must not be writable by their user")
        if set(self.write_attributes) & set(RECOVERY_ATTRIBUTES):
            raise ValueError("password recovery attributes must not be writable by their user")
        if not 1 <= self.refresh_token_days <= 3650:  # Cognito: 60 minutes to 10 years
            raise ValueError("refresh_token_days must be between 1 and 3650")

    def physical_name(self, stage: str) -> str:
        return f"{self.name}-{stage}"


USER_POOL = UserPool()

# The sender of notification mail (an SES identity; verified by the bootstrap locally and by
# the deployment on AWS).
MAIL_FROM = "noreply@fuwu.example"
SES_REGION = "ap-southeast-1"  # SES is not offered in ap-east-1

@dataclass(frozen=True)
class Queue:
    logical_name: str
    visibility_timeout: int  # seconds; at least the worker Lambda's timeout
    max_receives: int = 3  # then the message goes to the dead-letter queue

    def physical_name(self, stage: str) -> str:
        return f"fuwu-{stage}-{self.logical_name}"


# Data exports run outside the request: the API queues the job, a worker Lambda writes the file.
EXPORT_QUEUE = Queue(logical_name="exports", visibility_timeout=900)
QUEUES = (EXPORT_QUEUE,)

# Scheduled jobs: (Chalice function name, rate in minutes).
SCHEDULES = (("sla_sweep", 5),)
# Cron jobs: (Chalice function name, EventBridge cron in UTC). The monthly report runs on the
# 1st at 01:00 UTC (09:00 in Beijing), well before the 4th that the regulations set, and again
# on the 5th with the appraisals signed by the 4th.
# The parts jobs: nightly at 18:00 UTC (02:00 Beijing), ABC on the 1st at 19:00 UTC.
# The complaint rate: the 1st to the 5th at 01:00 UTC (09:00 Beijing), before the 5th 17:00.
# The certificate expiry warnings: every day at 00:30 UTC (08:30 Beijing).
# The appraisal reminder: the 1st to the 4th at 01:00 UTC (09:00 Beijing).
# The cash hand-in warnings: every day at 01:00 UTC (09:00 Beijing).
# The inspection generator: every day at 22:00 UTC (06:00 Beijing); the contract expiry
# reminders: every day at 01:00 UTC (09:00 Beijing).
CRONS = (("monthly_report", "cron(0 1 1,5 * ? *)"), ("parts_nightly", "cron(0 18 * * ? *)"),
         ("parts_abc", "cron(0 19 1 * ? *)"), ("complaint_rate", "cron(0 1 1-5 * ? *)"),
         ("certificate_expiry", "cron(30 0 * * ? *)"),
         ("appraisal_reminder", "cron(0 1 1-4 * ? *)"),
         ("cash_handin", "cron(0 1 * * ? *)"),
         ("inspection_generator", "cron(0 22 * * ? *)"),
         ("contract_reminders", "cron(0 1 * * ? *)"))
