"""Structured logs with a correlation id, and business metrics (Powertools).

Logs carry ids, codes and counts, never personal data (names, phones, addresses, mail text) or
untrusted text: a mail recipient is masked, a client's correlation id is taken only when it is a
short token of safe characters.
"""

import re

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

logger = Logger(service="fuwu")
metrics = Metrics(namespace="Fuwu", service="fuwu")


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


def count(name: str) -> None:
    """Count one business event (OrdersCreated, OrdersDispatched, ...)."""
    metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)


def flush() -> None:
    """Publish the metrics gathered during a request (EMF lines in the log)."""
    if metrics.metric_set:
        metrics.flush_metrics()
