"""The scheduled SLA sweep (EventBridge, every 5 minutes)."""

from __future__ import annotations

from chalicelib.kernel.observability import flush, logger
from chalicelib.kernel.store import keys
from chalicelib.modules.sla import sweep as sla_sweep


def run(event: object, context: object | None) -> dict:
    """One sweep. Delivered at least once: a retried or duplicated event notifies nobody twice."""
    remaining = getattr(context, "get_remaining_time_in_millis", None)
    seconds_left = (lambda: remaining() / 1000) if remaining else None
    logger.set_correlation_id(getattr(context, "aws_request_id", None) or keys.new_id("sweep"))
    try:
        return sla_sweep.sweep(keys.utc_now(), seconds_left).as_dict()
    finally:
        flush()
