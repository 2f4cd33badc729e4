"""Structured logs with a correlation id, and business events (Powertools).

Logs carry ids, codes and counts, never personal data (names, phones, addresses, mail text) or
untrusted text: a mail recipient is masked, a client's correlation id is taken only when it is a
short token of safe characters.

Business events (`count("OrdersCreated")`) are named once, in `EVENTS`. Each is a structured log
line (`"business_event"`, queried with Logs Insights: docs/operations.md "Business events in the
logs"); only the few that a dashboard widget or an alarm of the stack uses (infra/cdk/stack.py
builds them from this registry) are also CloudWatch custom metrics, which are billed per name
(≈ $0.30 a month each) whether anyone looks at them or not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

NAMESPACE = "Fuwu"  # CloudWatch namespace of the business metrics
SERVICE = "fuwu"  # Powertools service: the `service` key of log lines and the metrics' dimension
DIMENSIONS = {"service": SERVICE}  # what Powertools puts on every metric (the stack's alarms match it)
BUSINESS_EVENT = "business_event"  # the message of every business event's log line

logger = Logger(service=SERVICE)
metrics = Metrics(namespace=NAMESPACE, service=SERVICE)


# ---------------------------------------------------------------- the business events

@dataclass(frozen=True)
class Widget:
    """A graph of the stack's business dashboard: its metrics summed per day."""

    title: str


@dataclass(frozen=True)
class Alarm:
    """An alarm of the stack on one metric: `threshold` events or more within `period_minutes`
    (a period without events is not breaching). It notifies the stack's alarm topic."""

    threshold: int
    period_minutes: int
    description: str  # what went wrong and where to look (zh-CN, then English)


@dataclass(frozen=True)
class Published:
    """Why an event is also a CloudWatch metric: the dashboard widget or the alarm that uses it."""

    widget: Widget | None = None
    alarm: Alarm | None = None

    def __post_init__(self) -> None:
        if self.widget is None and self.alarm is None:
            raise ValueError("a metric nothing reads is a cost without a use: log it instead")


LOGGED = None  # an event only logged (queryable in Logs Insights), not a metric

ORDERS_PER_DAY = Widget("每日工单 Orders per day")
SLA_BREACHES_PER_DAY = Widget("每日 SLA 超时 SLA breaches per day")

# Every event the code counts, by area. A name counted but missing here is an error
# (tests/unit/test_metrics_registry.py reads every `count(...)` call).
EVENTS: dict[str, Published | None] = {
    # orders: the day's intake and throughput, on the dashboard
    "OrdersCreated": Published(widget=ORDERS_PER_DAY),
    "OrdersDispatched": Published(widget=ORDERS_PER_DAY),
    "OrdersCompleted": Published(widget=ORDERS_PER_DAY),
    "OrdersArchived": LOGGED,
    "OrdersCancelled": LOGGED,
    # SLA: breaches are the promise broken, next to the orders on the dashboard
    "SlaBreaches": Published(widget=SLA_BREACHES_PER_DAY),
    "SlaNotifications": LOGGED,
    "SlaBreachesAcknowledged": LOGGED,
    # notifications
    "EmailsSent": LOGGED,
    # evidence and the other areas' uploads (`<kind>Verified`, `<kind>Rejected`)
    "AttachmentsVerified": LOGGED,
    "AttachmentsRejected": LOGGED,
    "UnitPhotosVerified": LOGGED,
    "UnitPhotosRejected": LOGGED,
    "CertificateScansVerified": LOGGED,
    "CertificateScansRejected": LOGGED,
    "ClaimReceiptsVerified": LOGGED,
    "ClaimReceiptsRejected": LOGGED,
    "StrayUploadsDeleted": LOGGED,
    # figures: an export a user waits for failed (the worker catches it: no Lambda error)
    "ExportsStarted": LOGGED,
    "ExportsNotQueued": LOGGED,
    "ExportsRetried": LOGGED,
    "ExportsDone": LOGGED,
    "ExportsFailed": Published(alarm=Alarm(
        threshold=1, period_minutes=60,
        description="导出失败：用户的导出文件未生成（日志 \"export failed\"）。 "
                    "An export failed: the user's file was not written (log \"export failed\").")),
    "MonthlyReports": LOGGED,
    # contracts: the daily generator left contracted inspections without their orders (it
    # catches each contract's failure and goes on: no Lambda error)
    "InspectionsGenerated": LOGGED,
    "InspectionGeneratorFailures": Published(alarm=Alarm(
        threshold=1, period_minutes=60,
        description="巡检生成失败：合同的巡检工单未生成（日志 \"inspection not generated\"）。 "
                    "The inspection generator failed for some contracts: their inspection "
                    "orders were not created (log \"inspection not generated\"); the next run "
                    "retries them.")),
    "ChecklistAnswers": LOGGED,
    "InspectionRepairsOpened": LOGGED,
    "ContractExpiryReminders": LOGGED,
    "ContractExpiryReminderFailures": LOGGED,
    # fees
    "BudgetBookings": LOGGED,
    "BudgetBusy": LOGGED,
    "BudgetRefusals": LOGGED,
    "BudgetThresholdsTold": LOGGED,
    "CashOverdueWarnings": LOGGED,
    "CashOverdueFailures": LOGGED,
    "ClaimsCreated": LOGGED,
    "ClaimsApproved": LOGGED,
    "ClaimBudgetRefusals": LOGGED,
    # complaints
    "ComplaintRates": LOGGED,
    # technicians
    "CertificateWarnings": LOGGED,
    "AppraisalReminders": LOGGED,
    # warranty
    "UnitsRegistered": LOGGED,
    "UnitTermsChanged": LOGGED,
    "UnitImportsStarted": LOGGED,
    "UnitImportsDone": LOGGED,
    "UnitImportsFailed": LOGGED,
    "QuoteLinksSent": LOGGED,
    "QuoteLinkDecisions": LOGGED,
    "WarrantyTemplatesSaved": LOGGED,
    "WarrantyTemplatesDeleted": LOGGED,
    # parts
    "PartsCreated": LOGGED,
    "PartsUpdated": LOGGED,
    "PartsCountStarted": LOGGED,
    "PartsCountSubmitted": LOGGED,
    "PartsCountApproved": LOGGED,
    "PartsCountRejected": LOGGED,
    "PartsTransferCreated": LOGGED,
    "PartsTransferSend": LOGGED,
    "PartsTransferReceive": LOGGED,
    "PartsTransferCancel": LOGGED,
    "StockMovements": LOGGED,
    "StockSettingsSaved": LOGGED,
    "SuggestionsOrdered": LOGGED,
    "SuggestionsDismissed": LOGGED,
}

# The names sent to CloudWatch as metrics (what the bill counts), in registry order.
PUBLISHED_METRICS: tuple[str, ...] = tuple(name for name, use in EVENTS.items() if use)


# ---------------------------------------------------------------- logs

_CORRELATION_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


def safe_correlation_id(value: str | None) -> str | None:
    """The client's correlation id when it is short and plain; None otherwise."""
    return value if value and _CORRELATION_ID.match(value) else None


def mask_email(address: str | None) -> str | None:
    """`l***@fuwu.example`: enough to tell mailboxes apart in an incident, not to read them."""
    if not address:
        return address
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}" if domain else "***"


def log_failure(message: str, error: BaseException, **ids) -> None:
    """An error with its type and where it was raised, not its text: an exception's message may
    quote the data it failed on (a customer's name in a ValidationException, an address in an
    SES refusal)."""
    import traceback

    frames = [f"{frame.filename}:{frame.lineno} {frame.name}"
              for frame in traceback.extract_tb(error.__traceback__)]
    logger.error(message, extra={**ids, "error_type": type(error).__name__,
                                 "trace": " < ".join(reversed(frames))[:4000]})


def _actor_outlet() -> str | None:
    """The outlet of the staff member whose request this is; None in a scheduled job."""
    from chalicelib.kernel import http  # imports this module: read at call time

    try:
        return http.actor().outlet
    except LookupError:
        return None


def count(name: str) -> None:
    """One business event (OrdersCreated, OrdersDispatched, ...; `EVENTS`): a `business_event`
    log line with the event's name (and the acting staff member's outlet in a request), and a
    CloudWatch metric when the registry publishes it. An unregistered name is logged with a
    warning and never becomes a metric (a new name costs nothing until a widget or an alarm
    needs it)."""
    if name not in EVENTS:
        logger.warning("unregistered business event", extra={"event": name})
    outlet = _actor_outlet()
    logger.info(BUSINESS_EVENT, extra={"event": name, **({"actor_outlet": outlet} if outlet else {})})
    if EVENTS.get(name) is not None:
        metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)


def flush() -> None:
    """Publish the metrics gathered during a request (EMF lines in the log)."""
    if metrics.metric_set:
        metrics.flush_metrics()
