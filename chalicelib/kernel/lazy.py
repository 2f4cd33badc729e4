"""A module imported when it is first used.

Routes name their area's use cases with `lazy(...)`: `import app` (every cold start, every
scheduled run) then loads the routes, permissions and schemas of all areas, and a request loads
the use cases, stores and rules of the areas it touches (bench/cold_import measures it).
"""

from __future__ import annotations

import importlib
from types import ModuleType


class LazyModule:
    __slots__ = ("_name", "_module")

    def __init__(self, name: str):
        self._name = name
        self._module: ModuleType | None = None

    def _load(self) -> ModuleType:
        if self._module is None:  # the import system's own locks make this safe on threads
            self._module = importlib.import_module(self._name)
        return self._module

    def __getattr__(self, attribute: str):
        return getattr(self._load(), attribute)

    def __repr__(self) -> str:
        return f"<lazy {self._name}>"


def lazy(name: str) -> LazyModule:
    return LazyModule(name)
