"""One contract (issue 11, item 6): the OpenAPI document says what the API answers, field by
field, and the request bodies it publishes are the ones the kernel enforces.

- every response schema is real: an object lists its properties or types its values, an array
  its items; an object left open on purpose says why (`x-free-form`);
- every request body is validated by the kernel against exactly the published schema, and no
  use case validates a body again with the same schema by hand;
- what the document declares besides (required query parameters, the session header) is what
  the routes need.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path
from typing import get_args

import pytest

from app import app  # noqa: F401  (installs the areas: their routes and schemas)
from chalicelib.kernel.http import ENDPOINTS
from chalicelib.kernel.openapi import document
from chalicelib.kernel.schemas import FREE_FORM

ROOT = Path(__file__).resolve().parents[2]
COMBINATORS = ("anyOf", "oneOf", "allOf")


def _response_schemas() -> list[tuple[str, dict]]:
    found = []
    for path, operations in document()["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                schema = response.get("content", {}).get("application/json", {}).get("schema")
                if schema is not None:
                    found.append((f"{method.upper()} {path} {status}", schema))
    return found


def _open_places(schema: object, where: str, seen: set[str]) -> list[str]:
    """Places in a schema (following $ref into the components) that say nothing of their shape."""
    components = document()["components"]["schemas"]
    if not isinstance(schema, dict):
        return []
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        seen.add(name)
        return _open_places(components[name], name, seen)
    if not schema:
        return [f"{where}: {{}} (anything)"]
    problems = []
    for key in COMBINATORS:
        for i, branch in enumerate(schema.get(key, [])):
            problems += _open_places(branch, f"{where}.{key}[{i}]", seen)
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        extra = schema.get("additionalProperties", True)
        if FREE_FORM in schema:
            assert isinstance(schema[FREE_FORM], str) and schema[FREE_FORM], where
        elif "properties" not in schema and not isinstance(extra, dict):
            problems.append(f"{where}: an object without properties")
        elif extra is True:
            problems.append(f"{where}: an object open to any further member (say "
                            f'"additionalProperties": false, or why with {FREE_FORM})')
        for name, member in schema.get("properties", {}).items():
            problems += _open_places(member, f"{where}.{name}", seen)
        if isinstance(extra, dict):
            problems += _open_places(extra, f"{where}.*", seen)
    elif kind == "array":
        if "items" not in schema:
            problems.append(f"{where}: an array without items")
        else:
            problems += _open_places(schema["items"], f"{where}[]", seen)
    elif kind is None and not ({"enum", "const", *COMBINATORS} & set(schema)):
        problems.append(f"{where}: no type")
    return problems


def test_every_response_field_has_a_real_schema():
    problems = []
    for where, schema in _response_schemas():
        problems += _open_places(schema, where, set())
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_walk_finds_an_open_object():
    """The check above is not vacuous."""
    assert _open_places({"type": "object"}, "x", set()) == ["x: an object without properties"]
    assert _open_places({"type": "array"}, "x", set()) == ["x: an array without items"]
    assert _open_places({"anyOf": [{"type": "object", "properties": {}}, {"type": "null"}]},
                        "x", set())
    assert not _open_places({"type": "object", "additionalProperties": True,
                             FREE_FORM: "on purpose"}, "x", set())


def test_every_free_form_place_says_why():
    reasons = []

    def walk(node):
        if isinstance(node, dict):
            if FREE_FORM in node:
                reasons.append(node[FREE_FORM])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document())
    assert reasons and all(isinstance(r, str) and len(r) > 10 for r in reasons)


def test_every_component_is_used():
    text = str(document()["paths"]) + str(document()["components"])
    unused = [name for name in document()["components"]["schemas"]
              if f"#/components/schemas/{name}'" not in text]
    assert not unused


BODIES = [ep for ep in ENDPOINTS if ep.body is not None]


@pytest.mark.parametrize("ep", BODIES, ids=lambda ep: f"{ep.method} {ep.path}")
def test_the_body_schema_published_is_the_one_the_kernel_enforces(ep):
    published = document()["paths"][ep.path][ep.method.lower()]["requestBody"]
    assert published["content"]["application/json"]["schema"] is ep.request_schema


def _body_schemas() -> dict[int, str]:
    return {id(ep.body): f"{ep.method} {ep.path}" for ep in BODIES} | \
        {id(ep.request_schema): f"{ep.method} {ep.path}" for ep in BODIES}


def test_no_use_case_validates_a_route_body_again():
    """A `validate(x, SCHEMA)` with the schema of a route's body would check by hand what the
    kernel checked already (and could drift from what the document publishes)."""
    bodies = _body_schemas()
    twice = []
    for path in sorted((ROOT / "chalicelib/modules").rglob("*.py")):
        module_name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = importlib.import_module(module_name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "validate"
                    and len(node.args) >= 2):
                continue
            try:
                schema = eval(compile(ast.Expression(node.args[1]), str(path), "eval"),  # noqa: S307
                              vars(module))
            except NameError:  # a local name (e.g. an action's schema): not a route's body
                continue
            if id(schema) in bodies:
                twice.append(f"{path.relative_to(ROOT)}:{node.lineno} validates the body of "
                             f"{bodies[id(schema)]} again")
    assert not twice, twice


def _operation(method: str, path: str) -> dict:
    return document()["paths"][path][method]


def test_required_query_parameters_are_declared_required():
    parameters = {p["name"]: p for p in _operation("get", "/api/kpi/orders")["parameters"]}
    assert parameters["month"]["required"] and parameters["metric"]["required"]
    assert not parameters["scope"]["required"]  # defaults: NETWORK (head office) or the own outlet
    for ep in ENDPOINTS:
        assert set(ep.required) <= set(ep.query), (ep.method, ep.path)


@pytest.mark.parametrize("path", ["/api/auth/login", "/api/auth/challenge", "/api/auth/refresh",
                                  "/api/auth/logout"])
def test_the_session_routes_declare_their_header(path):
    headers = [p for p in _operation("post", path)["parameters"] if p["in"] == "header"]
    assert headers == [{"name": "X-Fuwu-Session", "in": "header", "required": True,
                        "schema": {"type": "string", "enum": ["1"],
                                   "description": "the SPA's own request (login CSRF defence)"}}]


def test_vocabularies_repeated_for_the_cold_start_match_their_source():
    from chalicelib.modules.sla import schemas
    from chalicelib.modules.sla.domain import calendar

    assert schemas.PERIOD_KINDS == get_args(calendar.PeriodKind)
    assert schemas.DAY_SOURCES == get_args(calendar.Source)


def test_a_step_record_has_every_field_of_the_actions_that_write_it():
    from chalicelib.modules.orders.domain import lifecycle
    from chalicelib.modules.orders.schemas import step_component

    components = document()["components"]["schemas"]
    for action in lifecycle.ACTIONS.values():
        if action.step:
            record = components[step_component(action.step)]
            assert set(action.properties) <= set(record["properties"]), action.name
            assert {"by", "at"} <= set(record["required"])


def test_the_kernel_schemas_module_reads_the_areas_only_through_the_registry():
    from chalicelib.kernel import schemas

    source = inspect.getsource(schemas)
    assert "chalicelib.modules" not in source.replace("chalicelib/modules", "")
