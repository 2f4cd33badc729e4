"""The figures area's items in the one table (see chalicelib/kernel/store/models.py)."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute

from chalicelib.kernel.store.attributes import Utf8JSONAttribute
from chalicelib.kernel.store.models import Item


class KpiFact(Item, discriminator="kpi_fact"):
    """What one event contributes to the figures of its month (domain/kpi.py):
    KPI#<outlet>#<yyyy-mm> / RECV|DONE|VISIT#<order id>. Written in the event's transaction.
    gsi3 KPITECH#<outlet>#<username>#<yyyy-mm> / its sk, when it counts for a technician
    (kpi_store.fact_write: a technician's month)."""

    outlet = UnicodeAttribute()
    month = UnicodeAttribute()
    fact = UnicodeAttribute()  # received | done | visit
    order_id = UnicodeAttribute()
    at = UnicodeAttribute()
    data = Utf8JSONAttribute(default=dict)


class KpiSummary(Item, discriminator="kpi_summary"):
    """A month's figures of an outlet or of the network: KPISUM#<scope> / <yyyy-mm>."""

    scope = UnicodeAttribute()
    month = UnicodeAttribute()
    document = Utf8JSONAttribute()
    updated_at = UnicodeAttribute()


class ExportJob(Item, discriminator="export_job"):
    """A data export and its audit record: EXPORT#<id> / EXPORT.
    gsi1 EXPORTS#<outlet|HQ> / <created_at>#<id> (the exports of a scope, newest last)."""

    id = UnicodeAttribute()
    kind_of_export = UnicodeAttribute()  # orders | events | customers
    format = UnicodeAttribute()  # xlsx | csv
    filters = Utf8JSONAttribute()
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
    # when the build that wrote it began: an older build never replaces a newer one's file
    built_from = UnicodeAttribute(null=True)
    runs = NumberAttribute(default=1)
