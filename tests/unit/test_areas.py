"""The layout's rules (docs/architecture.md), checked on the code itself:

- the kernel imports no area; an area's domain imports nothing of ours but its own domain and
  the kernel's pure validation rules; an area reaches another only through its `public` surface;
- everything that exists is registered: every route belongs to a registered area (or the
  kernel's own routes) and names a permission of the table, every item model of the table is
  owned by exactly one area (or the kernel).
"""

from __future__ import annotations

import ast
import itertools
import re
from pathlib import Path

import pytest

from app import app
from chalicelib.areas import AREAS
from chalicelib.kernel import registry
from chalicelib.kernel import routes as kernel_routes
from chalicelib.kernel.http import ENDPOINTS
from chalicelib.kernel.store.documents import Document, DocumentChange
from chalicelib.kernel.store.models import AppKey, IdempotencyRecord, Item
from chalicelib.kernel.store.numbering import SeriesCounter
from chalicelib.kernel.subjects import TimelineEvent

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "chalicelib"
KERNEL_ITEMS = (AppKey, IdempotencyRecord, SeriesCounter, TimelineEvent,  # TimelineEvent: a base
                Document, DocumentChange)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[str]:
    """Every module of ours a file imports (absolute; `from x import y` as x.y when y is a
    module, else x)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}: relative import (the layout rules need absolute ones)"
            base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                is_module = (ROOT / (candidate.replace(".", "/") + ".py")).exists() or \
                    (ROOT / candidate.replace(".", "/") / "__init__.py").exists()
                found.append(candidate if is_module else base)
    return [name for name in found if name == "chalicelib" or name.startswith("chalicelib.")]


def _files(under: str) -> list[Path]:
    return sorted((PACKAGE / under).rglob("*.py"))


def _area_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "modules" else None


def test_the_kernel_imports_no_area():
    wrong = {f"{path.relative_to(ROOT)} imports {name}" for path in _files("kernel")
             for name in _imports(path) if name.startswith("chalicelib.modules")
             or name == "chalicelib.areas"}
    assert not wrong, sorted(wrong)


def test_an_area_domain_imports_nothing_of_ours_but_itself_and_the_validation_rules():
    wrong = set()
    for path in PACKAGE.glob("modules/*/domain/*.py"):
        area = _area_of(_module_name(path))
        own = f"chalicelib.modules.{area}.domain"
        for name in _imports(path):
            if not (name == own or name.startswith(own + ".")
                    or name == "chalicelib.kernel.validation"):
                wrong.add(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, sorted(wrong)


def test_areas_reach_each_other_only_through_their_public_surface():
    wrong = set()
    for path in _files("modules"):
        area = _area_of(_module_name(path))
        for name in _imports(path):
            other = _area_of(name)
            if other and other != area and name != f"chalicelib.modules.{other}.public":
                wrong.add(f"{path.relative_to(ROOT)} imports {name}")
    assert not wrong, sorted(wrong)


def test_every_route_belongs_to_a_registered_area_and_names_a_permission():
    blueprints = {id(bp) for area in AREAS for bp in area.blueprints} | {id(kernel_routes.bp)}
    by_route = {(ep.method, ep.path): ep for ep in ENDPOINTS}
    table = registry.permissions()
    for path, methods in app.routes.items():
        for method in methods:
            ep = by_route[(method, path)]
            assert id(ep.blueprint) in blueprints, (method, path)
            if not ep.public:
                # a permission named by a path parameter (orders.action.{action}): every value
                # the parameter may take names a permission of the table
                names = re.findall(r"\{(\w+)\}", ep.permission)
                values = [registry.merged("path")[n]["enum"] for n in names]
                for chosen in itertools.product(*values):
                    key = ep.permission.format(**dict(zip(names, chosen, strict=True)))
                    assert key in table, (method, path, key)


def _item_kinds(base: type) -> set[type]:
    kinds = set()
    for sub in base.__subclasses__():
        kinds |= {sub} | _item_kinds(sub)
    return kinds


def test_every_item_model_is_owned_by_exactly_one_area():
    owners: dict[type, list[str]] = {}
    for area in AREAS:
        for model in area.models:
            owners.setdefault(model, []).append(area.name)
    for model in KERNEL_ITEMS:
        owners.setdefault(model, []).append("kernel")
    kinds = {k for k in _item_kinds(Item) if not k.__module__.startswith("tests.")}
    assert {k: owners.get(k) for k in kinds if len(owners.get(k, [])) != 1} == {}


@pytest.mark.parametrize("area", AREAS, ids=lambda a: a.name)
def test_an_area_names_its_permissions_after_itself(area):
    assert all(key.startswith(f"{area.name}.") for key in area.permissions)
