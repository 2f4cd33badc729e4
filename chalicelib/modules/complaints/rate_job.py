"""The complaint rate job: on the 1st to the 5th at 09:00 Beijing, last month's rate of every
outlet and the network (rate.py); each run replaces the month, head office is told once."""

from __future__ import annotations

from chalicelib.kernel.observability import flush, logger
from chalicelib.kernel.store import keys


def run(event: object = None, context: object | None = None) -> dict:
    """Delivered at least once and run five times a month: a rerun rebuilds the figures and
    tells nobody again."""
    from chalicelib.modules.complaints import rate

    logger.set_correlation_id(getattr(context, "aws_request_id", None) or keys.new_id("cmprate"))
    try:
        return rate.run()
    finally:
        flush()
