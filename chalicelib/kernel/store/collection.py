"""One item collection (the items that share a partition key), whatever areas own its kinds.

The owner of an aggregate reads its collection in one query (a work order with its events,
clock watches, attachments and report versions); each area then takes the kinds it owns with
`of(Model)`, so the owner never needs to know the other areas' models.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from chalicelib.kernel.store.models import Item

T = TypeVar("T")


class Collection:
    def __init__(self, items: Iterable[Item] = ()):
        self._items: dict[str, Item] = {}
        self.add(*items)

    def add(self, *items: Item) -> None:
        """Add items written since the read (an item written again replaces the one read, in
        its place)."""
        for item in items:
            self._items[item.sk] = item

    def of(self, model: type[T]) -> list[T]:
        """The items of one kind: as the query returned them (by sort key), then those added."""
        return [item for item in self._items.values() if isinstance(item, model)]

    def one(self, model: type[T]) -> T | None:
        found = self.of(model)
        return found[0] if found else None
