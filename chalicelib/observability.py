"""Structured logs with a correlation id, and business metrics (Powertools)."""

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.metrics import MetricUnit

logger = Logger(service="fuwu")
metrics = Metrics(namespace="Fuwu", service="fuwu")


def count(name: str) -> None:
    """Count one business event (OrdersCreated, OrdersDispatched, ...)."""
    metrics.add_metric(name=name, unit=MetricUnit.Count, value=1)


def flush() -> None:
    """Publish the metrics gathered during a request (EMF lines in the log)."""
    if metrics.metric_set:
        metrics.flush_metrics()
