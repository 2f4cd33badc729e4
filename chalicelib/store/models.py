"""One DynamoDB table, several item kinds told apart by a discriminator (see docs/data-model.md).

Key layout (pk / sk), one item collection per aggregate:
  OUTLET#<code>        / OUTLET                       outlet
  STAFF#<username>     / STAFF                        staff directory entry
  CUST#<id>            / CUSTOMER | SITE#<id> | EQUIP#<id> | EVENT#<at>#<id>
  ORDER#<id>           / ORDER | EVENT#<at>#<id>      order and its timeline
  COUNTER#<outlet>#<yyyymmdd> / COUNTER               order-number counter
  IDEM#<username>#<key> / IDEM                        idempotency record (expires)
  KEY#<purpose>        / KEY                          a key the app made for itself
The GSIs are overloaded; each model documents what it puts in them.
"""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    DiscriminatorAttribute,
    JSONAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model

from chalicelib.config import settings


def _meta(**extra):
    cfg = settings()
    attrs = {"table_name": cfg.table_name, "region": cfg.region}
    if cfg.endpoint_url:
        attrs["host"] = cfg.endpoint_url
    attrs.update(extra)
    return type("Meta", (), attrs)


def _index(number: int) -> type[GlobalSecondaryIndex]:
    """Index class for the overloaded GSI `gsi<number>` (keys gsi<n>pk / gsi<n>sk)."""
    namespace = {
        "Meta": _meta(index_name=f"gsi{number}", projection=AllProjection()),
        f"gsi{number}pk": UnicodeAttribute(hash_key=True),
        f"gsi{number}sk": UnicodeAttribute(range_key=True),
    }
    return type(f"Gsi{number}", (GlobalSecondaryIndex,), namespace)


class Item(Model):
    """Base of every item in the main table."""

    Meta = _meta()
    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    kind = DiscriminatorAttribute()
    gsi1pk = UnicodeAttribute(null=True)
    gsi1sk = UnicodeAttribute(null=True)
    gsi2pk = UnicodeAttribute(null=True)
    gsi2sk = UnicodeAttribute(null=True)
    gsi3pk = UnicodeAttribute(null=True)
    gsi3sk = UnicodeAttribute(null=True)
    gsi4pk = UnicodeAttribute(null=True)
    gsi4sk = UnicodeAttribute(null=True)
    gsi5pk = UnicodeAttribute(null=True)
    gsi5sk = UnicodeAttribute(null=True)
    gsi6pk = UnicodeAttribute(null=True)
    gsi6sk = UnicodeAttribute(null=True)
    gsi1 = _index(1)()
    gsi2 = _index(2)()
    gsi3 = _index(3)()
    gsi4 = _index(4)()
    gsi5 = _index(5)()
    gsi6 = _index(6)()


class Outlet(Item, discriminator="outlet"):
    """服务网点. gsi1: OUTLETS / <code> (the list of outlets)."""

    code = UnicodeAttribute()
    name = UnicodeAttribute()
    name_en = UnicodeAttribute()
    city = UnicodeAttribute()
    lat = NumberAttribute(null=True)
    lng = NumberAttribute(null=True)
    timezone = UnicodeAttribute(default="Asia/Shanghai")
    is_head_office = BooleanAttribute(default=False)
    number_prefix = UnicodeAttribute()
    work_start = UnicodeAttribute(null=True)  # working hours (wall clock in `timezone`), "08:30"
    work_end = UnicodeAttribute(null=True)
    version = VersionAttribute()


class Staff(Item, discriminator="staff"):
    """A staff member. gsi1: OUTLET#<o>#STAFF / <role>#<username> (staff of an outlet by role)."""

    username = UnicodeAttribute()
    name = UnicodeAttribute()
    role = UnicodeAttribute()
    outlet = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)
    email = UnicodeAttribute(null=True)
    star_level = NumberAttribute(null=True)
    active = BooleanAttribute(default=True)
    # The second factor as Cognito last said (written by the API at sign-in, refresh and TOTP
    # set-up): "totp" | "none"; null until first known, which counts as "none".
    mfa = UnicodeAttribute(null=True)
    version = VersionAttribute()


class Customer(Item, discriminator="customer"):
    """客户档案. gsi1: OUTLET#<o>#CUSTNAME / <name>#<id>; gsi2: OUTLET#<o>#CUSTPHONE / <phone>#<id>."""

    id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    name = UnicodeAttribute()
    phone = UnicodeAttribute()
    contact_name = UnicodeAttribute(null=True)
    address = UnicodeAttribute(null=True)
    region = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    version = VersionAttribute()


class Site(Item, discriminator="site"):
    """项目/现场, in the customer's collection."""

    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    name = UnicodeAttribute()
    address = UnicodeAttribute(null=True)
    lat = NumberAttribute(null=True)
    lng = NumberAttribute(null=True)
    distance_km = NumberAttribute(null=True)
    version = VersionAttribute()


class Equipment(Item, discriminator="equipment"):
    """产品档案, in the customer's collection."""

    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    site_id = UnicodeAttribute(null=True)
    outlet = UnicodeAttribute()
    model = UnicodeAttribute()
    serial_no = UnicodeAttribute()
    category = UnicodeAttribute(null=True)
    installed_on = UnicodeAttribute(null=True)
    warranty_until = UnicodeAttribute(null=True)
    version = VersionAttribute()


class WorkOrder(Item, discriminator="work_order"):
    """工单. Index entries (sort keys are <created_at>#<id>, newest last):
    gsi1 OUTLET#<o>#ORDERS (an outlet's orders by date), gsi2 OUTLET#<o>#STATE#<state>,
    gsi3 TECH#<username> / OPEN|DONE#... (a technician's jobs), gsi4 CUST#<id>,
    gsi5 EQUIP#<id>, gsi6 ORDERNO#<number> (lookup by number).
    """

    id = UnicodeAttribute()
    number = UnicodeAttribute()
    outlet = UnicodeAttribute()
    state = UnicodeAttribute()
    type = UnicodeAttribute()
    priority = UnicodeAttribute()
    channel = UnicodeAttribute()
    coverage = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    customer_name = UnicodeAttribute()
    customer_phone = UnicodeAttribute(null=True)
    site_id = UnicodeAttribute(null=True)
    site_name = UnicodeAttribute(null=True)
    site_address = UnicodeAttribute(null=True)
    equipment_id = UnicodeAttribute(null=True)
    equipment_label = UnicodeAttribute(null=True)
    description = UnicodeAttribute()
    fault_started_at = UnicodeAttribute(null=True)
    impact = UnicodeAttribute(null=True)
    technician = UnicodeAttribute(null=True)
    technician_name = UnicodeAttribute(null=True)
    helpers = ListAttribute(of=UnicodeAttribute, default=list)
    hold = JSONAttribute(null=True)
    steps = JSONAttribute(default=dict)  # data recorded at each step, by step name
    cancel_reason = UnicodeAttribute(null=True)
    distance_km = NumberAttribute(null=True)
    distance_source = UnicodeAttribute(null=True)  # coordinates | site | agent
    clocks = JSONAttribute(default=dict)  # SLA clocks by name (see domain/sla_clock.py)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    version = VersionAttribute()


class OrderEvent(Item, discriminator="order_event"):
    """An immutable timeline entry: who did what, when, from which state to which."""

    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    at = UnicodeAttribute()
    action = UnicodeAttribute()
    actor_username = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    from_state = UnicodeAttribute(null=True)
    to_state = UnicodeAttribute()
    data = JSONAttribute(default=dict)
    order_version = NumberAttribute()


class CustomerEvent(Item, discriminator="customer_event"):
    """An immutable audit entry in a customer's collection (created, site or equipment added)."""

    id = UnicodeAttribute()
    customer_id = UnicodeAttribute()
    at = UnicodeAttribute()
    action = UnicodeAttribute()
    actor_username = UnicodeAttribute()
    actor_name = UnicodeAttribute()
    actor_role = UnicodeAttribute()
    data = JSONAttribute(default=dict)


class SlaWatch(Item, discriminator="sla_watch"):
    """What the sweep watches of one clock of one order (in the order's collection).

    gsi1 SLA#<shard> / <next check>#<order>#<clock>: sparse, present while a level is pending;
    gsi2 OUTLET#<o>#SLA / <due>#<order>#<clock>: present while the clock runs (at-risk view).
    """

    order_id = UnicodeAttribute()
    clock = UnicodeAttribute()
    run = NumberAttribute()
    outlet = UnicodeAttribute()
    number = UnicodeAttribute()
    customer_name = UnicodeAttribute()
    priority = UnicodeAttribute()
    order_state = UnicodeAttribute()
    technician = UnicodeAttribute(null=True)
    technician_name = UnicodeAttribute(null=True)
    state = UnicodeAttribute()  # running | paused | stopped
    basis = UnicodeAttribute(null=True)  # calendar | working
    started_at = UnicodeAttribute()
    due_at = UnicodeAttribute()
    warning_at = UnicodeAttribute(null=True)
    next_check = UnicodeAttribute(null=True)
    levels = JSONAttribute(default=list)
    notified = ListAttribute(of=UnicodeAttribute, default=list)
    breached_at = UnicodeAttribute(null=True)


class NotifyMarker(Item, discriminator="notify_marker"):
    """(order, clock, run, level) has been notified: written once, with attribute_not_exists."""

    at = UnicodeAttribute()
    recipients = ListAttribute(of=UnicodeAttribute, default=list)


class Notification(Item, discriminator="notification"):
    """An inbox message. pk INBOX#<username>, sk <id> (time-ordered); gsi3 UNREAD#<username>
    while unread."""

    id = UnicodeAttribute()
    username = UnicodeAttribute()
    at = UnicodeAttribute()
    level = UnicodeAttribute()
    clock = UnicodeAttribute()
    order_id = UnicodeAttribute()
    number = UnicodeAttribute()
    title = JSONAttribute()  # {"zh": ..., "en": ...}
    body = JSONAttribute()
    read = BooleanAttribute(default=False)


class MailOutbox(Item, discriminator="mail_outbox"):
    """An e-mail to send. gsi4 OUTBOX#<shard> / <at>#<id> while pending."""

    id = UnicodeAttribute()
    to = UnicodeAttribute()
    subject = UnicodeAttribute()
    text = UnicodeAttribute()
    status = UnicodeAttribute(default="pending")  # pending | sent | failed
    at = UnicodeAttribute()
    sent_at = UnicodeAttribute(null=True)
    attempts = NumberAttribute(default=0)


class SlaPolicy(Item, discriminator="sla_policy"):
    """The current policy of a scope: POLICY#NETWORK or POLICY#OUTLET#<code> / CURRENT;
    each saved version is also kept as POLICY#... / V#<nnnnnn> (history, immutable)."""

    scope = UnicodeAttribute()
    document = JSONAttribute()
    policy_version = NumberAttribute()
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    removed = BooleanAttribute(default=False)


class CalendarDay(Item, discriminator="calendar_day"):
    """Head office's override of one date: CALENDAR / DAY#<yyyy-mm-dd>."""

    day = UnicodeAttribute()
    working = BooleanAttribute()
    reason = UnicodeAttribute()
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class CalendarYear(Item, discriminator="calendar_year"):
    """A year whose official schedule head office has entered: CALENDAR / YEAR#<yyyy>."""

    year = NumberAttribute()
    confirmed = BooleanAttribute()
    updated_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()


class Counter(Item, discriminator="counter"):
    value = NumberAttribute(default=0)


class AppKey(Item, discriminator="app_key"):
    """A key the app generates once for itself: KEY#<purpose> / KEY (e.g. the cursor key).
    Only the app's role writes the table: users can neither read nor set it."""

    secret = UnicodeAttribute()  # hex
    created_at = UnicodeAttribute()


class IdempotencyRecord(Item, discriminator="idempotency"):
    """The first result of a request made with an Idempotency-Key (kept 24 h)."""

    request_hash = UnicodeAttribute()
    resource = UnicodeAttribute()  # "work_order" | "customer"
    resource_id = UnicodeAttribute()
    expires_at = NumberAttribute()


class Attachment(Item, discriminator="attachment"):
    """A photo, document or signature of an order: ORDER#<order> / ATT#<id>.

    Written `pending` when the upload form is handed out (and expiring by TTL unless the upload
    is confirmed), then `verified` or `rejected` once the app has checked the bytes in S3.
    """

    id = UnicodeAttribute()
    order_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    evidence_kind = UnicodeAttribute()  # photo | document | signature
    category = UnicodeAttribute()
    status = UnicodeAttribute()  # pending | verified | rejected
    declared_type = UnicodeAttribute()
    declared_size = NumberAttribute()
    filename = UnicodeAttribute(null=True)
    s3_key = UnicodeAttribute()
    requested_by = UnicodeAttribute()
    requested_by_name = UnicodeAttribute()
    requested_at = UnicodeAttribute()
    upload_expires_at = UnicodeAttribute()
    content_type = UnicodeAttribute(null=True)
    size = NumberAttribute(null=True)
    sha256 = UnicodeAttribute(null=True)
    s3_version_id = UnicodeAttribute(null=True)
    thumb_key = UnicodeAttribute(null=True)
    verified_at = UnicodeAttribute(null=True)
    taken_at = UnicodeAttribute(null=True)  # EXIF DateTimeOriginal (camera's wall clock)
    gps = JSONAttribute(null=True)  # {"lat": .., "lng": ..} from EXIF
    width = NumberAttribute(null=True)
    height = NumberAttribute(null=True)
    reject_reason = UnicodeAttribute(null=True)
    reject_params = JSONAttribute(null=True)  # what the message names (types, the size limit)
    expires_at = NumberAttribute(null=True)  # TTL while pending
    version = VersionAttribute()


class ServiceReport(Item, discriminator="service_report"):
    """One version of an order's service report (售后服务报告单): ORDER#<order> / REPORT#<nnnn>.

    Immutable: a correction writes the next version; the PDF bytes are an S3 object version.
    """

    order_id = UnicodeAttribute()
    outlet = UnicodeAttribute()
    report_version = NumberAttribute()
    s3_key = UnicodeAttribute()
    s3_version_id = UnicodeAttribute(null=True)
    sha256 = UnicodeAttribute()
    size = NumberAttribute()
    generated_at = UnicodeAttribute()
    generated_by = UnicodeAttribute()
    generated_by_name = UnicodeAttribute()
    signed = BooleanAttribute()
    signature_id = UnicodeAttribute(null=True)
    reason = UnicodeAttribute(null=True)  # why this version corrects the previous one
    order_version = NumberAttribute()


class KpiFact(Item, discriminator="kpi_fact"):
    """What one event contributes to the figures of its month (domain/kpi.py):
    KPI#<outlet>#<yyyy-mm> / RECV|DONE|VISIT#<order id>. Written in the event's transaction."""

    outlet = UnicodeAttribute()
    month = UnicodeAttribute()
    fact = UnicodeAttribute()  # received | done | visit
    order_id = UnicodeAttribute()
    at = UnicodeAttribute()
    data = JSONAttribute(default=dict)


class KpiSummary(Item, discriminator="kpi_summary"):
    """A month's figures of an outlet or of the network: KPISUM#<scope> / <yyyy-mm>."""

    scope = UnicodeAttribute()
    month = UnicodeAttribute()
    document = JSONAttribute()
    updated_at = UnicodeAttribute()


class ExportJob(Item, discriminator="export_job"):
    """A data export and its audit record: EXPORT#<id> / EXPORT.
    gsi1 EXPORTS#<outlet|HQ> / <created_at>#<id> (the exports of a scope, newest last)."""

    id = UnicodeAttribute()
    kind_of_export = UnicodeAttribute()  # orders | events | customers
    format = UnicodeAttribute()  # xlsx | csv
    filters = JSONAttribute()
    language = UnicodeAttribute(default="zh")
    status = UnicodeAttribute()  # queued | running | done | failed
    rows = NumberAttribute(default=0)
    requested_by = UnicodeAttribute()
    requested_by_name = UnicodeAttribute()
    requested_role = UnicodeAttribute()
    requester_outlet = UnicodeAttribute()
    created_at = UnicodeAttribute()
    started_at = UnicodeAttribute(null=True)
    finished_at = UnicodeAttribute(null=True)
    s3_key = UnicodeAttribute(null=True)
    filename = UnicodeAttribute(null=True)
    size = NumberAttribute(null=True)
    error = UnicodeAttribute(null=True)


class MonthlyReport(Item, discriminator="monthly_report"):
    """Last month's report of an outlet or the network: MONTHLY#<yyyy> / <yyyy-mm>#<scope>.
    A rerun for the same month replaces the item and the S3 object."""

    month = UnicodeAttribute()
    scope = UnicodeAttribute()
    s3_key = UnicodeAttribute()
    s3_version_id = UnicodeAttribute(null=True)
    size = NumberAttribute()
    generated_at = UnicodeAttribute()
    runs = NumberAttribute(default=1)
