"""JSON Schemas of the API's responses (OpenAPI 3.1 components): the kernel's own (the error
envelope, health) and the helpers the areas write theirs with. Each area owns the components
of what it answers (`chalicelib/modules/<area>/schemas.py`, registered with `Area(schemas=...)`);
`components()` gathers them when the document is built, after the areas are installed.

Every response field has a real schema: an object lists its properties (closed unless said
otherwise), an array its items, a string from a vocabulary its `enum` (taken from the owning
area's tuple), a field that can be null says so. A deliberately open map says why, with
`free_form(reason)` (tests/unit/test_openapi_document.py walks the document for the rest).
An area refers to another area's component by name (`ref`), never by importing it.
"""

from __future__ import annotations

from chalicelib.kernel import registry

FREE_FORM = "x-free-form"  # keyword: this object is open on purpose; the value says why
# The body of a 409 that carries the object as it is now (an area registers it: the orders
# area's carries the order); every 409 is documented as it or the plain error envelope.
CONFLICT = "StaleVersionError"


def nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict, required: list[str] | None = None, strict: bool = True) -> dict:
    """An object with these properties, all required unless listed; closed when strict."""
    return {"type": "object", "properties": properties,
            "required": required if required is not None else list(properties),
            "additionalProperties": not strict}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def enum(values) -> dict:
    return {"enum": list(values)}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def items_of(name: str) -> dict:
    """`{"items": [<name>]}`: a list answered whole."""
    return obj({"items": array(ref(name))})


def page_of(name: str) -> dict:
    """A page of a cursor-paginated list."""
    return obj({"items": array(ref(name)), "next_cursor": NSTR})


def free_form(reason: str, values: dict | None = None) -> dict:
    """An object whose members the API deliberately leaves open (the reason is published)."""
    return {"type": "object", "additionalProperties": values if values is not None else True,
            FREE_FORM: reason}


STR = {"type": "string"}
NSTR = nullable(STR)
NUM = {"type": "number"}
NNUM = nullable(NUM)
INT = {"type": "integer"}
NINT = nullable(INT)
BOOL = {"type": "boolean"}

KERNEL_COMPONENTS: dict[str, dict] = {
    # every refusal (the app's, and API Gateway's own on AWS: infra/cdk/protection.py);
    # `fields`: the bad field's dotted path -> message; `request_id` (a server error's): the
    # request's correlation id, for the user to quote
    "Error": obj({"error": obj({
        "code": STR, "message": STR,
        "fields": {"type": "object", "additionalProperties": STR},
        "request_id": STR,
        # what a refusal is about, as data for the screen (the dispatch gate's missing stars
        # or certificate: docs/technicians.md); its code says what it holds
        "details": {"type": "object", "additionalProperties": True,
                    FREE_FORM: "what the refusal is about; its code says what it holds"},
    }, required=["code", "message", "fields"])}),
    "Health": obj({"status": STR, "stage": STR}),
}


def components() -> dict[str, dict]:
    """The kernel's components and every installed area's (registry.install refuses a name two
    areas claim; an area may not take one of the kernel's)."""
    from_areas = registry.merged("schemas")
    taken = set(KERNEL_COMPONENTS) & set(from_areas)
    if taken:
        raise ValueError(f"components {sorted(taken)} are the kernel's")
    return {**KERNEL_COMPONENTS, **from_areas}
