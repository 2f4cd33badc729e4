"""The one definition of Fuwu's AWS resources: tables, indexes, buckets, the user pool.

The local bootstrap (`infra/local/bootstrap.py`) creates exactly these on moto, and the
deployment stack builds its CloudFormation resources from the same objects. The PynamoDB
models (`chalicelib/kernel/store/models.py`, `chalicelib/modules/*/models.py`) are checked
against this file by `tests/unit/test_store_schema.py`, so a key or index cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.kernel.actor import ROLES  # Cognito groups = the app's roles
from chalicelib.modules.orders.row import LIST_ROW  # what the lists show of an order

OUTLET_ATTRIBUTE = "outlet"  # Cognito custom attribute; tokens carry it as `custom:outlet`


@dataclass(frozen=True)
class Index:
    name: str
    hash_key: str
    range_key: str
    # What an entry carries besides the table's and the index's keys: ALL (the whole item: every
    # write of the item writes it again here), INCLUDE (only `non_key_attributes`) or KEYS_ONLY
    # (docs/data-model.md "Projections").
    projection: str = "ALL"
    non_key_attributes: tuple[str, ...] = ()

    def projection_spec(self) -> dict:
        """The index's `Projection` as DynamoDB's API takes it."""
        spec: dict = {"ProjectionType": self.projection}
        if self.projection == "INCLUDE":
            spec["NonKeyAttributes"] = list(self.non_key_attributes)
        return spec


@dataclass(frozen=True)
class Table:
    logical_name: str  # suffix of the physical name: fuwu-<stage>-<logical_name>
    hash_key: str
    range_key: str
    indexes: tuple[Index, ...] = field(default_factory=tuple)
    ttl_attribute: str | None = None
    stream: str | None = None  # DynamoDB Streams' view type (StreamViewType), None: no stream

    def physical_name(self, stage: str) -> str:
        return f"fuwu-{stage}-{self.logical_name}"

    def attribute_names(self) -> list[str]:
        names = [self.hash_key, self.range_key]
        for index in self.indexes:
            names += [index.hash_key, index.range_key]
        return list(dict.fromkeys(names))


# One table, item collections per aggregate (see docs/data-model.md). Overloaded GSIs:
# each item kind uses them for its own access patterns; all key attributes are strings.
#
# The work orders have their own indexes, orders1..orders7 (the same partitions and sort keys
# gsi<n> gave them before issue 19; partition keys o<n>pk; the five sorted by the order's stamp
# `<created_at>#<id>` share one sort-key attribute, `osk`, so the order item carries that value
# once, not five times: ~250 B less in every write of it): an action changes the order's
# state, so every entry that carries more than keys is written again at each action. The
# screens' lists read most (an outlet's, by state, a technician's, the network's) therefore
# carry only a list row (ORDER_ROW: the columns the lists show and filter on, ~600 B instead
# of the whole order's 3-9 KB). Those read less often than an order changes carry its keys
# only, and their reads take the orders by key (one BatchGetItem a page): a customer's and a
# unit's orders (orders/store.py BY_KEY, checked against these by tests/unit/test_store_schema.py),
# and the order number's (a number finds one order).
# DynamoDB allows 100 projected attributes over all of a table's indexes: these are 69 of them.
ORDER_ROW = ("kind", *LIST_ROW, "sla")
HELPER_MARKER = ("order_id", "username")  # a helper's entry among their jobs (orders3)
KEYS_AND_KIND = ("kind",)  # the keys, and the kind, which PynamoDB's query filters on
ORDER_INDEXES = (
    Index("orders1", "o1pk", "osk", "INCLUDE", ORDER_ROW),  # an outlet's orders by date
    Index("orders2", "o2pk", "osk", "INCLUDE", ORDER_ROW),  # an outlet's orders in a state
    Index("orders3", "o3pk", "o3sk", "INCLUDE", ORDER_ROW + HELPER_MARKER),  # a technician's
    Index("orders4", "o4pk", "osk", "INCLUDE", KEYS_AND_KIND),  # a customer's orders
    Index("orders5", "o5pk", "osk", "INCLUDE", KEYS_AND_KIND),  # a unit's orders
    Index("orders6", "o6pk", "o6sk", "INCLUDE", KEYS_AND_KIND),  # by number or its beginning
    Index("orders7", "o7pk", "osk", "INCLUDE", ORDER_ROW),  # the network's, by month
)

MAIN_TABLE = Table(
    logical_name="main",
    hash_key="pk",
    range_key="sk",
    indexes=(*(Index(f"gsi{n}", f"gsi{n}pk", f"gsi{n}sk") for n in range(1, 8)),
             *ORDER_INDEXES),
    ttl_attribute="expires_at",
    stream="NEW_IMAGE",  # the mail sender's (MAIL_SENDER)
)

TABLES = (MAIN_TABLE,)


@dataclass(frozen=True)
class StreamConsumer:
    """A function fed by the table's stream: AWS's event source mapping takes the records its
    filter matches, in batches, and retries a failed record (and those after it) until it
    succeeds, is `max_age` seconds old or failed `max_retries` times, then hands it to the
    consumer's failure queue. The local stack's poller (infra/local/streams.py) does the same
    with the same filter."""

    function: str  # the Chalice function name
    events: tuple[str, ...]  # INSERT, MODIFY, REMOVE
    kinds: tuple[str, ...]  # the items' `kind` (their model's discriminator)
    batch_size: int
    max_retries: int
    max_age: int  # seconds
    failure_queue: str  # logical name: fuwu-<stage>-<failure_queue>

    def takes(self, event: str, kind: str | None) -> bool:
        """Whether a record of this event (INSERT…) about an item of this kind passes."""
        return event in self.events and kind in self.kinds

    def matches(self, record: dict) -> bool:
        """Whether a stream record passes the filter (what `filter_pattern` tells AWS)."""
        image = record.get("dynamodb", {}).get("NewImage") or {}
        return self.takes(record.get("eventName"), image.get("kind", {}).get("S"))

    def filter_pattern(self) -> dict:
        """The event source mapping's filter (Lambda's event filtering syntax)."""
        return {"eventName": list(self.events),
                "dynamodb": {"NewImage": {"kind": {"S": list(self.kinds)}}}}


# E-mail goes out from the stream: a new inbox message (to whoever wants it by mail) and a
# queued mail (the monthly reports') are sent once their transaction committed, with no outbox
# index to write, update and clear (issue 19). A mail SES refuses is put in the outbox index,
# which the SLA sweep retries every 5 minutes; a record the sender could not even do that for
# (ten times, or for six hours) is reported to the failure queue, whose depth raises an alarm.
MAIL_SENDER = StreamConsumer(function="mail_sender", events=("INSERT",),
                             kinds=("notification", "mail_outbox"), batch_size=25,
                             max_retries=10, max_age=6 * 3600, failure_queue="mail-failures")
STREAM_CONSUMERS = (MAIL_SENDER,)  # of MAIN_TABLE's stream


@dataclass(frozen=True)
class Lifecycle:
    """One lifecycle rule of a bucket: what S3 does by itself with the objects under `prefix`
    as they age (days from an object's creation; `noncurrent_*` from a version's replacement).
    The CDK stack and the local bootstrap both apply it; moto keeps the rule but never acts."""

    id: str
    prefix: str = ""  # "": every object of the bucket
    expire_days: int | None = None
    noncurrent_expire_days: int | None = None
    storage_class: str | None = None  # S3's name of the class moved to (TRANSITION_CLASS)
    transition_days: int | None = None
    noncurrent_transition_days: int | None = None
    abort_multipart_days: int | None = None

    def __post_init__(self) -> None:
        moves = self.transition_days is not None or self.noncurrent_transition_days is not None
        if moves != (self.storage_class is not None):
            raise ValueError("a transition needs its storage class, and a class its days")


# Evidence kept for years and rarely opened after its order closed (photos and signatures,
# service reports, unit photos, claim receipts) moves to Glacier Instant Retrieval: read in
# milliseconds like STANDARD (the app's presigned GET links work unchanged; not Glacier Flexible
# or Deep Archive, which need a restore first), for ≈ 1/6 of STANDARD's storage price and 1/3 of
# STANDARD_IA's (us-east-1 list: $0.004, $0.023, $0.0125 per GB-month) at $0.03 per GB read
# (a 3 MB photo opened: $0.0001) and $0.02 per 1,000 moves. Its minimum duration (90 days)
# is met by moving at 90 days what is never deleted; its minimum billable size (128 KB, as
# STANDARD_IA's) is why objects under 128 KB (signature PNGs, thumbnails) stay in STANDARD:
# TRANSITION_MIN_SIZE, and thumbnails are not under these prefixes anyway.
TRANSITION_CLASS = "GLACIER_IR"
TRANSITION_AFTER_DAYS = 90  # the order closed, its complaint and the monthly figures are past
TRANSITION_MIN_SIZE = "all_storage_classes_128K"  # S3's TransitionDefaultMinimumObjectSize
COLD_PREFIXES = ("uploads/", "reports/", "unit-photos/", "claim-receipts/")


@dataclass(frozen=True)
class Bucket:
    logical_name: str
    versioned: bool
    # Browsers upload to and read from the bucket directly (presigned POST / GET) from the
    # portal's origin: CORS for these methods, the origins are the stage's portal URL(s).
    cors_methods: tuple[str, ...] = ()
    lifecycle: tuple[Lifecycle, ...] = ()

    def physical_name(self, stage: str, account_hint: str = "") -> str:
        suffix = f"-{account_hint}" if account_hint else ""
        return f"fuwu-{stage}-{self.logical_name}{suffix}"


ATTACHMENTS_BUCKET = Bucket(
    logical_name="attachments", versioned=True, cors_methods=("GET", "HEAD", "POST"),
    lifecycle=(
        # Thumbnails are derived from the upload: old versions are not evidence.
        Lifecycle("thumbs", prefix="thumbs/", noncurrent_expire_days=7),
        # Exports are download-once files: gone after 14 days, versions too.
        Lifecycle("exports", prefix="exports/", expire_days=14, noncurrent_expire_days=1),
        # Unit import sheets: what an import read, kept a quarter for questions about it
        # (the import item keeps the counts and the bad rows' reasons).
        Lifecycle("unit-imports", prefix="imports/", expire_days=90, noncurrent_expire_days=1),
        # Monthly reports: a rerun replaces the file; the item names the version shown,
        # so replaced versions are kept only a week.
        Lifecycle("monthly-reports", prefix="monthly/", noncurrent_expire_days=7),
        Lifecycle("incomplete-uploads", abort_multipart_days=7),
        # Old evidence to a cheaper class that still reads at once (TRANSITION_CLASS); a
        # replaced report version too (the order's events name every version).
        *(Lifecycle(f"cold-{prefix.rstrip('/')}", prefix=prefix, storage_class=TRANSITION_CLASS,
                    transition_days=TRANSITION_AFTER_DAYS,
                    noncurrent_transition_days=TRANSITION_AFTER_DAYS)
          for prefix in COLD_PREFIXES),
    ))
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
