"""The S3 event handler for `uploads/`: verify what browsers uploaded (see usecases.py)."""

from __future__ import annotations

from urllib.parse import unquote_plus

from chalicelib.kernel.observability import logger
from chalicelib.modules.evidence import usecases as evidence


def handle(event) -> list[str]:
    """Chalice hands one record per invocation; a raw event with several records also works."""
    raw = event.to_dict() if hasattr(event, "to_dict") else event
    outcomes = []
    for record in raw.get("Records", []):
        obj = record["s3"]["object"]
        key = unquote_plus(obj["key"])
        outcome = evidence.on_uploaded(key, obj.get("versionId"))
        logger.info("upload event", extra={"key": key, "outcome": outcome})
        outcomes.append(outcome)
    return outcomes
