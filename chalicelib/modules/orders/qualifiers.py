"""Who is qualified for an order: an extension point of the dispatch form. The orders area
knows no rule of it; an area that has one (the technicians area: stars and certificates by the
order's job class) registers a qualifier in its setup (`orders.public.register_qualifier`).

A qualifier: (order, people: directory Staff of the outlet) -> {username: problems}, each
problem a dict with its `code` (empty list, or the person absent: qualified).
"""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.kernel import registry

Qualifier = Callable[[object, list], dict[str, list[dict]]]
_qualifiers: list[Qualifier] = []


def register(qualifier: Qualifier) -> None:
    _qualifiers.append(qualifier)


def unregister(qualifier: Qualifier) -> None:
    """(a test's own)"""
    _qualifiers.remove(qualifier)


def problems(order, people: list) -> dict[str, list[dict]]:
    """Every registered qualifier's problems per person (the areas' setup has run first)."""
    registry.ready()
    found: dict[str, list[dict]] = {p.username: [] for p in people}
    for qualifier in _qualifiers:
        for username, more in qualifier(order, people).items():
            if username in found:
                found[username] += more
    return found
