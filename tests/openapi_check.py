"""Checks an API reply against the OpenAPI document the app serves (tests only)."""

from __future__ import annotations

import re
from functools import lru_cache

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from chalicelib.kernel.openapi import document

DOC_URI = "urn:fuwu:openapi"


@lru_cache(maxsize=1)
def _registry() -> Registry:
    return Registry().with_resource(DOC_URI, Resource.from_contents(
        document(), default_specification=DRAFT202012))


def _template_for(path: str) -> str | None:
    bare = path.split("?", 1)[0]
    candidates = []
    for template in document()["paths"]:
        pattern = "^" + re.sub(r"\{\w+\}", "[^/]+", template) + "$"
        if re.match(pattern, bare):
            candidates.append(template)
    # prefer the most literal template (by-number over {order_id})
    return min(candidates, key=lambda t: t.count("{")) if candidates else None


def check_response(method: str, path: str, status: int, body: object) -> None:
    """Raise AssertionError when the reply is not described by the document."""
    template = _template_for(path)
    if template is None:
        assert status in (403, 404), f"{method} {path} is not in the OpenAPI document"
        return
    operation = document()["paths"][template].get(method.lower())
    assert operation, f"{method} {template} is not in the OpenAPI document"
    responses = operation["responses"]
    if status == 500 or str(status) not in responses:
        raise AssertionError(f"{method} {template} answered {status}, not documented: {body}")
    if "content" not in responses[str(status)]:  # 204: nothing to check but the emptiness
        assert body in ({}, None, b"", ""), f"{method} {template} {status} has a body: {body}"
        return
    schema = responses[str(status)]["content"]["application/json"]["schema"]
    pointer = _pointer_to(template, method.lower(), status)
    validator = Draft202012Validator({"$ref": pointer}, registry=_registry())
    errors = sorted(validator.iter_errors(body), key=lambda e: e.path)
    assert not errors, f"{method} {path} {status}: {errors[0].message} at {list(errors[0].path)}"
    assert schema is not None


def _pointer_to(template: str, method: str, status: int) -> str:
    escaped = template.replace("~", "~0").replace("/", "~1")
    return (f"{DOC_URI}#/paths/{escaped}/{method}/responses/{status}"
            "/content/application~1json/schema")
