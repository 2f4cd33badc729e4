"""The business areas the app is made of, and what each one registers with the kernel.

An area is one package under `chalicelib/modules/<name>/` with an `area.py` that builds an
`Area`; `chalicelib/areas.py` lists them (one line per area) and installs them at import of the
app. The kernel never imports an area: it reads what the areas registered here — their routes,
item models, permissions, parameters, response schemas, vocabulary and lifecycle hooks.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from chalicelib.kernel.actor import ROLES

EVERYONE = ROLES


@dataclass(frozen=True)
class Area:
    name: str
    blueprints: tuple = ()  # chalice.Blueprint(s) of the area's routes
    models: tuple[type, ...] = ()  # the item kinds (PynamoDB models) the area owns in the table
    # permission key -> roles that hold it (the one table: endpoint enforces it, /api/me
    # publishes it, the SPA derives menus and buttons from it)
    permissions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # path parameter -> may the actor see the object it names? Answers a role's denial with 404
    # instead of 403 when the object is not the caller's to see (its existence stays hidden).
    locators: Mapping[str, Callable[[object, str], bool]] = field(default_factory=dict)
    query: Mapping[str, dict] = field(default_factory=dict)  # query parameter -> JSON Schema
    query_on_path: Mapping[tuple[str, str], dict] = field(default_factory=dict)
    path: Mapping[str, dict] = field(default_factory=dict)  # path parameter -> JSON Schema
    schemas: Mapping[str, dict] = field(default_factory=dict)  # OpenAPI components
    # group -> value -> {"zh": …, "en": …}: the names of the area's vocabularies (states,
    # actions, types…), used by screens (generated into the SPA), exports, PDFs and mails alike
    vocabulary: Mapping[str, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # error code -> text
    setup: Callable[[], None] | None = None  # registers hooks, subject kinds; once, on first need
    # (authorization header, method, route) -> Actor, or raise Unauthenticated: the one area
    # that owns identities says who is calling (the kernel knows no user store)
    authenticator: Callable[[str | None, str, str], object] | None = None


_areas: list[Area] = []
_tables: dict = {}  # what the getters below derive from the areas, computed once


def _derived(name: str, build: Callable[[], object]):
    if not _areas:
        raise RuntimeError("no areas installed: import chalicelib.areas (app.py does) first")
    if name not in _tables:
        _tables[name] = build()
    return _tables[name]


def install(areas: tuple[Area, ...]) -> None:
    """Register the app's areas (once, from chalicelib/areas.py); refuses a name, permission,
    component, parameter or vocabulary key that two areas both claim."""
    if _areas:
        return
    _tables.clear()
    seen: dict[tuple[str, str], str] = {}
    for area in areas:
        for kind, keys in (("area", [area.name]), ("permission", area.permissions),
                           ("schema", area.schemas), ("query", area.query),
                           ("path", area.path),
                           ("vocabulary", [f"{group}.{value}" for group, values
                                           in area.vocabulary.items() for value in values]),
                           ("message", area.messages), ("locator", area.locators)):
            for key in keys:
                owner = seen.setdefault((kind, key), area.name)
                if owner != area.name:
                    raise ValueError(f"{kind} {key!r} registered by both {owner} and {area.name}")
        for key, roles in area.permissions.items():
            unknown = set(roles) - set(ROLES)
            if unknown or not key.startswith(f"{area.name}."):
                raise ValueError(f"permission {key!r} of {area.name}: unknown roles {unknown} "
                                 f"or not named <area>.<what>")
    _areas.extend(areas)


_setup_lock = threading.Lock()
_set_up = threading.Event()


def ready() -> None:
    """Run every area's setup (its hooks, its SLA subject kinds…) once, on first need: a cold
    start that serves a request touching one area imports that area's rules only."""
    if _set_up.is_set():
        return
    if not _areas:
        raise RuntimeError("no areas installed: import chalicelib.areas (app.py does) first")
    with _setup_lock:  # the local server answers on threads
        if not _set_up.is_set():
            for area in _areas:
                if area.setup:
                    area.setup()
            _set_up.set()


def areas() -> tuple[Area, ...]:
    return tuple(_areas)


def permissions() -> dict[str, tuple[str, ...]]:
    """The one permission table: key -> roles."""
    return _derived("permissions", lambda: {key: tuple(roles) for area in _areas
                                            for key, roles in area.permissions.items()})


def permitted(role: str, key: str) -> bool:
    return role in permissions().get(key, ())


def permissions_of(role: str) -> list[str]:
    return sorted(key for key, roles in permissions().items() if role in roles)


def authenticate(authorization: str | None, method: str, route: str):
    owners = [a.authenticator for a in _areas if a.authenticator is not None]
    if len(owners) != 1:
        raise RuntimeError(f"{len(owners)} areas authenticate callers; exactly one must")
    return owners[0](authorization, method, route)


def locator(name: str) -> Callable[[object, str], bool] | None:
    return next((a.locators[name] for a in _areas if name in a.locators), None)


def vocabulary() -> dict[str, dict[str, dict[str, str]]]:
    """Every area's names, by group (a group such as `event` may hold values of several areas:
    the order's lifecycle events and the evidence area's attachment and report events)."""
    def build():
        groups: dict[str, dict[str, dict[str, str]]] = {}
        for area in _areas:
            for group, values in area.vocabulary.items():
                groups.setdefault(group, {}).update(values)
        return groups

    return _derived("vocabulary", build)


def merged(attribute: str) -> dict:
    """One registration table of all areas (schemas, query, path, vocabulary, messages)."""
    def build():
        table: dict = {}
        for area in _areas:
            table.update(getattr(area, attribute))
        return table

    return _derived(f"merged:{attribute}", build)
