"""Business events: one registry names them all; only those a dashboard widget or an alarm of
the stack uses are CloudWatch metrics, every one is a structured log line (issue 19 item 5)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from chalicelib.kernel.observability import (
    BUSINESS_EVENT,
    DIMENSIONS,
    EVENTS,
    NAMESPACE,
    PUBLISHED_METRICS,
    Published,
    count,
    flush,
    metrics,
)
from tests.log_capture import captured_logs, json_lines

ROOT = Path(__file__).resolve().parents[2]
OBSERVABILITY = "chalicelib.kernel.observability"


# ---------------------------------------------------------------- every counted name is registered

def _count_calls(tree: ast.Module) -> list[ast.Call]:
    """The calls of `observability.count` in a module, however it was imported."""
    names, modules = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == OBSERVABILITY:
            names |= {a.asname or a.name for a in node.names if a.name == "count"}
        elif isinstance(node, ast.ImportFrom) and node.module == "chalicelib.kernel":
            modules |= {a.asname or a.name for a in node.names if a.name == "observability"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname or a.name for a in node.names if a.name == OBSERVABILITY}
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id in names)
        or (isinstance(node.func, ast.Attribute) and node.func.attr == "count"
            and isinstance(node.func.value, ast.Name) and node.func.value.id in modules))]


def _verified_kinds() -> set[str]:
    """The `metric` argument of every `verify_upload(item, settle, thumb_key, metric, ...)`."""
    kinds = set()
    for path in (ROOT / "chalicelib").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr",
                                                      getattr(node.func, "id", None)) == "verify_upload":
                kind = node.args[3] if len(node.args) > 3 else next(
                    k.value for k in node.keywords if k.arg == "metric")
                assert isinstance(kind, ast.Constant), f"{path}:{node.lineno}"
                kinds.add(kind.value)
    return kinds


def _computed_names() -> dict[str, set[str]]:
    """The call sites whose name is computed, each with every name it can produce."""
    from chalicelib.modules.orders.usecases import METRIC_FOR_ACTION
    from chalicelib.modules.parts.transfers import NEXT

    kinds = _verified_kinds()
    return {
        "chalicelib/modules/orders/usecases.py METRIC_FOR_ACTION[action.name]":
            set(METRIC_FOR_ACTION.values()),
        "chalicelib/modules/parts/transfers.py f'PartsTransfer{action.capitalize()}'":
            {f"PartsTransfer{action.capitalize()}" for action in NEXT},
        "chalicelib/modules/evidence/checks.py f'{metric}Verified'": {f"{k}Verified" for k in kinds},
        "chalicelib/modules/evidence/checks.py f'{metric}Rejected'": {f"{k}Rejected" for k in kinds},
    }


def counted_names() -> dict[str, str]:
    """Every name the code counts -> one place that counts it."""
    computed, found = _computed_names(), {}
    for path in sorted((ROOT / "chalicelib").rglob("*.py")):
        where = path.relative_to(ROOT).as_posix()
        for call in _count_calls(ast.parse(path.read_text(encoding="utf-8"))):
            (arg,) = call.args
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.setdefault(arg.value, f"{where}:{call.lineno}")
                continue
            site = f"{where} {ast.unparse(arg)}"
            assert site in computed, f"a computed event name the test cannot list: {site}"
            for name in computed[site]:
                found.setdefault(name, f"{where}:{call.lineno}")
    return found


def test_every_counted_event_is_in_the_registry_and_every_registered_one_is_counted():
    counted = counted_names()
    assert len(counted) > 40  # the walk sees the call sites (50 literal names today)
    unregistered = {name: where for name, where in counted.items() if name not in EVENTS}
    assert not unregistered, f"register these in observability.EVENTS: {unregistered}"
    assert set(EVENTS) - set(counted) == set(), "registered but never counted"


def test_the_walk_finds_every_import_form_of_count():
    tree = ast.parse("from chalicelib.kernel.observability import count as metric\n"
                     "from chalicelib.kernel import observability as obs\n"
                     "metric('A')\nobs.count('B')\nlen('C')\n")
    assert [c.args[0].value for c in _count_calls(tree)] == ["A", "B"]


def test_a_published_event_needs_a_widget_or_an_alarm():
    with pytest.raises(ValueError):
        Published()
    for name in PUBLISHED_METRICS:
        use = EVENTS[name]
        assert use is not None and (use.widget or use.alarm), name
    assert set(PUBLISHED_METRICS) == {n for n, use in EVENTS.items() if use is not None}
    assert 3 <= len(PUBLISHED_METRICS) <= 6, "keep the metrics that are paid for few"


# ---------------------------------------------------------------- what count() emits

def _emitted(capsys) -> list[dict]:
    return [line for line in json_lines(capsys.readouterr().out) if "_aws" in line]


def _metric_names(emf_lines: list[dict]) -> list[str]:
    return [m["Name"] for line in emf_lines for d in line["_aws"]["CloudWatchMetrics"]
            for m in d["Metrics"]]


@pytest.fixture
def clean_metrics(capsys):
    metrics.clear_metrics()
    capsys.readouterr()
    yield
    metrics.clear_metrics()


@pytest.mark.usefixtures("clean_metrics")
def test_a_logged_only_event_is_a_log_line_and_no_metric(capsys):
    logged = next(name for name, use in EVENTS.items() if use is None)
    with captured_logs() as stream:
        count(logged)
        flush()
    lines = [x for x in json_lines(stream.getvalue()) if x.get("message") == BUSINESS_EVENT]
    assert [x["event"] for x in lines] == [logged]
    assert lines[0]["service"] == DIMENSIONS["service"]
    assert "actor_outlet" not in lines[0]  # no request: a job's event
    assert _emitted(capsys) == []


@pytest.mark.usefixtures("clean_metrics")
def test_a_published_event_is_a_log_line_and_a_metric_the_stack_can_alarm_on(capsys):
    published = PUBLISHED_METRICS[0]
    with captured_logs() as stream:
        count(published)
        flush()
    assert [x["event"] for x in json_lines(stream.getvalue())
            if x.get("message") == BUSINESS_EVENT] == [published]
    emf = _emitted(capsys)
    assert _metric_names(emf) == [published]
    (directive,) = emf[0]["_aws"]["CloudWatchMetrics"]
    # what infra/cdk/stack.py's alarms and dashboard read: namespace, and dimension names/values
    assert directive["Namespace"] == NAMESPACE
    assert directive["Dimensions"] == [list(DIMENSIONS)]
    assert {k: emf[0][k] for k in DIMENSIONS} == DIMENSIONS


@pytest.mark.usefixtures("clean_metrics")
def test_an_unregistered_name_is_logged_with_a_warning_and_never_a_metric(capsys):
    with captured_logs() as stream:
        count("NoSuchEventAnywhere")
        flush()
    lines = json_lines(stream.getvalue())
    assert any(x["message"] == "unregistered business event" and x["level"] == "WARNING"
               for x in lines)
    assert [x["event"] for x in lines if x.get("message") == BUSINESS_EVENT] == ["NoSuchEventAnywhere"]
    assert _emitted(capsys) == []


@pytest.mark.usefixtures("clean_metrics")
def test_an_event_of_a_request_carries_the_actors_outlet_and_no_personal_data(api, new_order,
                                                                                capsys):
    with captured_logs() as stream:
        new_order("SZ")
    (line,) = [x for x in json_lines(stream.getvalue())
               if x.get("message") == BUSINESS_EVENT and x["event"] == "OrdersCreated"]
    assert line["actor_outlet"] == "SZ"
    assert line["correlation_id"]  # joins the request's line (who, path, status)
    # ids and codes only: nothing of the customer the order was created for
    assert set(line) <= {"level", "location", "message", "timestamp", "service", "event",
                         "actor_outlet", "correlation_id", "sampling_rate", "xray_trace_id"}
    assert "OrdersCreated" in _metric_names(_emitted(capsys))


# ---------------------------------------------------------------- the operations guide

def _doc_table() -> dict[str, str]:
    """docs/operations.md "Business events in the logs": event -> its "metric" cell."""
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    section = text.split("## Business events in the logs", 1)[1].split("\n## ", 1)[0]
    section = section.split("| event | metric | what happened |", 1)[1]
    rows = re.findall(r"^\| `(\w+)` \| ([^|]*) \|", section, flags=re.M)
    assert len(rows) == len({name for name, _ in rows}), "an event listed twice"
    return {name: cell.strip() for name, cell in rows}


def test_the_operations_guide_lists_every_event_and_what_publishes_it():
    table = _doc_table()
    assert set(table) == set(EVENTS)
    for name, use in EVENTS.items():
        if use is None:
            assert table[name] == "log only", name
        else:
            uses = [f"alarm `fuwu-<stage>-{name}`"] if use.alarm else []
            uses += [f"widget \"{use.widget.title}\""] if use.widget else []
            assert table[name] == "metric: " + ", ".join(uses), name

