"""The parts' scheduled jobs (app.py): `nightly` (parts-nightly, 18:00 UTC = 02:00 Beijing):
the reorder suggestions of every outlet (parts/reorder.py), then the watch on parts not
returned after completion (parts/overdue.py); `monthly` (parts-abc, the 1st): the ABC classes
(parts/abc.py). Delivered at least once: a repeated run changes nothing and tells nobody twice.
Logs counts only."""

from __future__ import annotations

from chalicelib.kernel.observability import flush, logger
from chalicelib.kernel.store import keys


def _correlate(context: object | None, prefix: str) -> None:
    logger.set_correlation_id(getattr(context, "aws_request_id", None) or keys.new_id(prefix))


def nightly(event, context) -> dict:
    from chalicelib.modules.parts import overdue, reorder

    _correlate(context, "parts")
    now = keys.utc_now()
    try:
        result = {"reorder": reorder.run(now)}
        logger.info("parts reorder", extra={k: v for k, v in result["reorder"].items()
                                            if k != "outlets"})
        result["overdue"] = overdue.run(now)
        logger.info("parts overdue", extra={"overdue": result["overdue"]})
        return result
    finally:
        flush()


def monthly(event, context) -> dict:
    from chalicelib.modules.parts import abc

    _correlate(context, "abc")
    try:
        result = abc.run(keys.utc_now())
        logger.info("parts abc", extra=result)
        return {"abc": result}
    finally:
        flush()
