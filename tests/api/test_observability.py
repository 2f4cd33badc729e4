"""Structured request logs with a correlation id, and business metrics as CloudWatch EMF."""

from tests.conftest import STEP_DATA
from tests.log_capture import captured_logs, json_lines


def test_order_creation_and_dispatch_are_counted(api, new_order, capsys):
    capsys.readouterr()
    order = new_order()
    api.act(order, "dispatch", "sz_manager", STEP_DATA["dispatch"])
    emitted = json_lines(capsys.readouterr().out)
    names = [m["Name"] for line in emitted if "_aws" in line
             for d in line["_aws"]["CloudWatchMetrics"] for m in d["Metrics"]]
    assert "OrdersCreated" in names and "OrdersDispatched" in names
    created = next(line for line in emitted if "OrdersCreated" in line)
    assert created["OrdersCreated"] in (1, [1], 1.0)
    assert created["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Fuwu"


def test_request_log_carries_the_correlation_id(api):
    with captured_logs() as stream:
        api.get("/api/me", "sz_agent", headers={"X-Correlation-Id": "trace-42"})
    line = [x for x in json_lines(stream.getvalue()) if x.get("message") == "request"][-1]
    assert line["correlation_id"] == "trace-42" and line["service"] == "fuwu"
    assert line["path"] == "/api/me" and line["status"] == 200 and line["user"] == "sz_agent"
