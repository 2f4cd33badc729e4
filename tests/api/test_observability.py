"""Structured request logs with a correlation id, and business metrics as CloudWatch EMF."""

import io
import json
import logging

from chalicelib.observability import logger
from tests.conftest import STEP_DATA


def _json_lines(text: str) -> list[dict]:
    lines = []
    for line in text.splitlines():
        try:
            lines.append(json.loads(line))
        except ValueError:
            continue
    return lines


def test_order_creation_and_dispatch_are_counted(api, new_order, capsys):
    capsys.readouterr()
    order = new_order()
    api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"])
    emitted = _json_lines(capsys.readouterr().out)
    names = [m["Name"] for line in emitted if "_aws" in line
             for d in line["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]]
    assert "OrdersCreated" in names and "OrdersDispatched" in names
    created = next(line for line in emitted if "OrdersCreated" in line)
    assert created["OrdersCreated"] in (1, [1], 1.0)
    assert created["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Fuwu"


def test_request_log_carries_the_correlation_id(api):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logger.registered_formatter)
    level = logger.log_level
    logger.addHandler(handler)
    logger.setLevel("INFO")
    try:
        api.get("/api/me", "sz_agent", headers={"X-Correlation-Id": "trace-42"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    line = [x for x in _json_lines(stream.getvalue()) if x.get("message") == "request"][-1]
    assert line["correlation_id"] == "trace-42" and line["service"] == "fuwu"
    assert line["path"] == "/api/me" and line["status"] == 200 and line["user"] == "sz_agent"
