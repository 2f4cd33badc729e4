"""Fuzzing fixtures: the app on a real local HTTP port, the schemathesis configuration, a few
real objects for the path parameters, and the counts of the run (printed at the end of the
session and written to tests/fuzz/artifacts/summary.json for the closing note).

The fuzzer writes whatever the document allows (customers, sites, orders, SLA policy, calendar
days, working hours...), so its tests run after every other test of the session: nothing it
leaves in the shared moto tables can change another test's outcome. `make test` runs them in a
session of their own on two xdist workers, one role each (xdist groups): every worker has its own
moto stack, local server port, tokens and `fuzz_objects`, and the schemathesis/hypothesis runs
are seeded and keep no example database, so nothing is shared between the two; the workers hand
their counts to the controller, which writes the summary.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import jwt
import pytest
import schemathesis
from chalice.test import Client

from app import app
from tests import conftest as shared

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SUMMARY = ARTIFACTS / "summary.json"
ROLES = ("sz_agent", "hq_admin")  # an outlet's agent and head office

# The budget: random ("fuzzing" phase) examples per operation and role. The documented examples
# and the coverage phase's cases (boundary and schema-violating values of each parameter and
# body field, wrong content types, unexpected methods) come on top and are not limited by it.
# 20 in `make test`: CI stays within its 30 minutes on two cores (50 gave about 19,000 requests
# per role over 174 operations and ten minutes of the stage; the coverage phase's cases, most of
# the requests, are sent whatever the budget). FUZZ_MAX_EXAMPLES=50 or more for a longer hunt.
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "20"))
SEED = 20261123  # fixed: the same requests in the same order on every run


@pytest.hookimpl(tryfirst=True)  # before xdist's loadgroup reads the xdist_group marks
def pytest_collection_modifyitems(items):
    """Mark the fuzz tests and move them after every other test (see the module docstring).
    Each role's tests form one xdist group: `make test` runs them with `-n 2 --dist loadgroup`,
    one role a worker, each on its own stack, in the same order every run."""
    fuzz = [item for item in items if "/fuzz/" in str(item.fspath)]
    for item in fuzz:
        item.add_marker(pytest.mark.fuzz)
        role = getattr(item, "callspec", None) and item.callspec.params.get("fuzz_role")
        if role:
            item.add_marker(pytest.mark.xdist_group(f"fuzz-{role}"))
    if fuzz:
        items[:] = [item for item in items if "/fuzz/" not in str(item.fspath)] + fuzz


def fuzz_config() -> schemathesis.Config:
    return schemathesis.Config.from_dict({
        "seed": SEED,
        "request-timeout": 60,
        "generation": {
            "mode": "all",  # valid data and data that breaks the schema
            "max-examples": MAX_EXAMPLES,
            "deterministic": True,
            "no-shrink": True,  # the first failing request is reported as is
            "database": "none",  # no example database: every run starts from the same seed
        },
        "phases": {
            "examples": {"enabled": True},
            # Unexpected methods are sent too, except TRACE and QUERY: Python's http.server under
            # the local server answers methods it has no handler for with 501 before the app sees
            # them (RFC 9110's answer to an unrecognised method; API Gateway stands there on AWS).
            "coverage": {"enabled": True, "unexpected-methods": [
                "GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"]},
            "fuzzing": {"enabled": True},
            # The stateful phase follows links between operations; the document declares none.
            "stateful": {"enabled": False},
        },
        "checks": {
            "enabled": False,
            "not_a_server_error": {"enabled": True},
            "status_code_conformance": {"enabled": True},
            "content_type_conformance": {"enabled": True},
            "response_schema_conformance": {"enabled": True},
            # an unexpected method on a known path: 405 with an Allow header
            "unsupported_method": {"enabled": True},
        },
    })


def served_document() -> dict:
    """The OpenAPI document as the app serves it."""
    with Client(app) as client:
        response = client.http.get("/api/openapi.json")
    assert response.status_code == 200, response.body
    return json.loads(response.body)


# ---------------------------------------------------------------- counts


@dataclass
class RoleStats:
    operations: set[str] = field(default_factory=set)
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    seconds: Counter = field(default_factory=Counter)  # operation -> time spent in requests
    replies: Counter = field(default_factory=Counter)  # (operation, status) -> count
    # (operation, check title, status) -> the first failing request (curl) and message
    failures: dict[tuple[str, str, int], dict] = field(default_factory=dict)


STATS: dict[str, RoleStats] = defaultdict(RoleStats)


def summary() -> dict:
    roles = {}
    for role, stats in STATS.items():
        roles[role] = {
            "operations": len(stats.operations), "requests": stats.requests,
            "failures": len(stats.failures), "seconds": round(sum(stats.seconds.values()), 1),
            "statuses": dict(sorted((str(k), v) for k, v in stats.statuses.items())),
            "slowest": {op: round(s, 1) for op, s in stats.seconds.most_common(5)},
            "by_operation": {op: {str(st): n for (o, st), n in sorted(stats.replies.items())
                                  if o == op} for op in sorted(stats.operations)},
            "failed": [{"operation": op, "check": check, "status": status, **detail}
                       for (op, check, status), detail in sorted(stats.failures.items())],
        }
    return {"max_examples": MAX_EXAMPLES, "seed": SEED, "roles": roles}


def summary_line(data: dict) -> str:
    parts = [f"{role}: {r['operations']} operations, {r['requests']} requests, "
             f"{r['failures']} failures" for role, r in data["roles"].items()]
    return (f"schemathesis fuzz (max_examples={data['max_examples']}, seed={data['seed']}): "
            + "; ".join(parts))


def _wire() -> str:
    """This process's counts as JSON, for the xdist controller (sets and tuple keys flattened)."""
    return json.dumps({role: {
        "operations": sorted(s.operations), "requests": s.requests,
        "statuses": list(s.statuses.items()), "seconds": dict(s.seconds),
        "replies": [[op, status, n] for (op, status), n in s.replies.items()],
        "failures": [[op, check, status, detail]
                     for (op, check, status), detail in s.failures.items()]}
        for role, s in STATS.items()})


def _add_wire(text: str) -> None:
    for role, raw in json.loads(text).items():
        stats = STATS[role]
        stats.operations.update(raw["operations"])
        stats.requests += raw["requests"]
        stats.statuses.update(dict((status, n) for status, n in raw["statuses"]))
        stats.seconds.update(raw["seconds"])
        stats.replies.update({(op, status): n for op, status, n in raw["replies"]})
        for op, check, status, detail in raw["failures"]:
            stats.failures.setdefault((op, check, status), detail)


def pytest_sessionfinish(session):
    """Under xdist each worker fuzzes its share on its own stack: it hands its counts to the
    controller, which writes the summary (pytest_testnodedown, pytest_terminal_summary)."""
    output = getattr(session.config, "workeroutput", None)
    if output is not None and STATS:
        output["fuzz_stats"] = _wire()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    text = getattr(node, "workeroutput", {}).get("fuzz_stats")
    if text:
        _add_wire(text)


def pytest_terminal_summary(terminalreporter):
    if not STATS or hasattr(terminalreporter.config, "workeroutput"):
        return
    data = summary()
    ARTIFACTS.mkdir(exist_ok=True)
    SUMMARY.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    terminalreporter.write_line(summary_line(data))
    terminalreporter.write_line(f"fuzz details: {SUMMARY}")


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="session")
def fuzz_base_url(local_server):
    return local_server


@pytest.fixture(scope="session", params=ROLES)
def fuzz_role(request) -> str:
    return request.param


def _fresh_token(username: str) -> str:
    """The session's cached ID token unless it expires within 10 minutes (the fuzz tests run at
    the end of a long session: an expired token would turn every request into a dull 401)."""
    token = shared.token_for(username)
    claims = jwt.decode(token, options={"verify_signature": False})
    if claims.get("exp", 0) - time.time() < 600:
        shared._tokens.pop(username, None)
        token = shared.token_for(username)
    return token


@pytest.fixture
def fuzz_headers(fuzz_role) -> dict:
    return {"Authorization": f"Bearer {_fresh_token(fuzz_role)}"}


@pytest.fixture(scope="session")
def fuzz_objects(api) -> dict[str, list]:
    """Real values for path parameters (SZ objects both roles may read), so that part of the
    generated requests reach past the 404 of an unknown id: a customer (sites and equipment are
    added to it), an order in each state an agent acts on, an attachment, a report, an export."""
    customer = shared.customer_of(api, "SZ")

    def order(steps: list[str]) -> dict:
        made = api.post("/api/work-orders", "sz_agent", {
            "customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
            "equipment_id": customer["equipment"][0]["id"], "type": "repair",
            "priority": "general", "channel": "phone", "description": "模糊测试"}).body
        for action in steps:
            data = shared.evidence_for(api, made, action, shared.actor_for(action),
                                       shared.STEP_DATA[action])
            reply = api.act(made, action, shared.actor_for(action), data)
            assert reply.status == 200, (action, reply.body)
            made = reply.body
        return made

    received = order([])
    dispatched = order(["dispatch"])
    repaired = order(shared.HAPPY_PATH[:shared.HAPPY_PATH.index("complete") + 1])
    accepted = order(shared.HAPPY_PATH[:shared.HAPPY_PATH.index("accept") + 1])
    attachment = shared.upload(api, dispatched, "sz_tech1", category="site")
    export = api.post("/api/exports", "sz_manager", {
        "kind": "orders", "format": "csv", "outlets": ["SZ"], "from": "2026-01-01",
        "to": "2026-01-31"})
    assert export.status == 202, export.body
    orders = [received, dispatched, repaired, accepted]
    return {
        "customer_id": [customer["id"]],
        "order_id": [o["id"] for o in orders],
        "number": [o["number"] for o in orders],
        "attachment_id": [attachment["id"]],
        "version": ["1"],
        "export_id": [export.body["id"]],
        "code": ["SZ", "CD"],
        # body fields of a new order: the customer's own site and equipment
        "body": [{"customer_id": customer["id"], "site_id": customer["sites"][0]["id"],
                  "equipment_id": customer["equipment"][0]["id"]}],
    }


@pytest.fixture
def fuzz_found() -> list[str]:
    """The distinct failures of one test item. The item fails after its last request (see
    pytest_pyfunc_call), so that a first failure does not hide the others of the operation."""
    return []


@pytest.hookimpl(wrapper=True)
def pytest_pyfunc_call(pyfuncitem):
    result = yield
    found = pyfuncitem.funcargs.get("fuzz_found")
    if found:
        pytest.fail(f"{len(found)} distinct failure(s):\n\n" + "\n\n".join(found), pytrace=False)
    return result
