"""The Lambda package: it holds the pinned dependencies the tests ran with, and bytecode that
Lambda's Python uses as is (unchecked hash), so a cold start compiles nothing."""

from __future__ import annotations

import email
import importlib.metadata
import importlib.util
import json
import marshal
import os
import py_compile
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from packaging import tags
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from infra.cdk import lambda_deps, lambda_package

from .conftest import OFFLINE_ENV

UNCHECKED_HASH = 0b01  # PEP 552 flags: hash-based, do not check the source
LAMBDA_UNZIPPED_LIMIT = 250 * 1024 * 1024  # the function and its layers, unzipped


def functions(template: dict) -> dict[str, dict]:
    return {k: r["Properties"] for k, r in template["Resources"].items()
            if r["Type"] == "AWS::Serverless::Function"}


@pytest.fixture(scope="session")
def asset(synthesized, template) -> Path:
    key = functions(template)["APIHandler"]["CodeUri"]["Key"]
    path = synthesized.parent / f"asset.{key}"
    assert path.is_file(), path
    return path


@pytest.fixture(scope="session")
def package(asset) -> Iterator[zipfile.ZipFile]:
    with zipfile.ZipFile(asset) as archive:
        yield archive


def sources(package: zipfile.ZipFile) -> list[str]:
    return [name for name in package.namelist() if name.endswith(".py")]


def installed(package: zipfile.ZipFile) -> dict[str, str]:
    """canonical name -> version, from every `*.dist-info/METADATA` of the package."""
    found = {}
    for name in package.namelist():
        parts = name.split("/")
        if len(parts) == 2 and parts[0].endswith(".dist-info") and parts[1] == "METADATA":
            meta = email.message_from_bytes(package.read(name))
            found[canonicalize_name(meta["Name"])] = meta["Version"]
    return found


def test_every_function_runs_this_one_package_on_this_python(template):
    props = functions(template)
    assert len({p["CodeUri"]["Key"] for p in props.values()}) == 1
    here = f"python{sys.version_info.major}.{sys.version_info.minor}"
    assert {p["Runtime"] for p in props.values()} == {lambda_deps.RUNTIME} == {here}


def test_the_package_holds_exactly_the_pinned_dependencies(package):
    constraints = {key: version for key, (_, version) in lambda_deps.pins(lambda_deps.CONSTRAINTS).items()}
    shipped = installed(package)
    assert {name: constraints.get(name) for name in shipped} == shipped  # each at its pin
    pinned = {key: version for key, (_, version) in lambda_deps.pins(lambda_deps.LAMBDA_REQUIREMENTS).items()}
    assert shipped == pinned
    for line in lambda_deps.requirement_lines(lambda_deps.REQUIREMENTS):
        req = Requirement(line)
        assert req.specifier.contains(shipped[canonicalize_name(req.name)]), req


def lambda_tags() -> set[tags.Tag]:
    """Wheel tags Lambda python3.11 x86_64 runs: CPython 3.11, glibc up to 2.26."""
    platforms = [f"manylinux_2_{minor}_x86_64" for minor in range(5, lambda_package.GLIBC_MINOR + 1)]
    platforms += ["manylinux1_x86_64", "manylinux2010_x86_64", "manylinux2014_x86_64"]
    return {*tags.cpython_tags((3, 11), abis=["cp311"], platforms=platforms),
            *tags.compatible_tags((3, 11), "cp311", platforms=platforms)}


def test_every_packaged_wheel_is_built_for_lambda_python_3_11_x86_64(package):
    runs = lambda_tags()
    wheels = [n for n in package.namelist() if n.count("/") == 1 and n.endswith(".dist-info/WHEEL")]
    assert len(wheels) == len(installed(package))
    for wheel in wheels:
        declared = email.message_from_bytes(package.read(wheel)).get_all("Tag")
        assert {t for tag in declared for t in tags.parse_tag(tag)} & runs, (wheel, declared)


def test_the_packaged_dependencies_need_nothing_they_lack(asset):
    """Every requirement of every shipped wheel (markers evaluated for Lambda) is shipped too."""
    dists = list(importlib.metadata.distributions(path=[str(asset)]))
    assert len(dists) == len(lambda_deps.pins(lambda_deps.LAMBDA_REQUIREMENTS))
    needed = lambda_deps.closure(lambda_deps.top_level(), dists)
    assert set(needed) == {canonicalize_name(d.metadata["Name"]) for d in dists}


def test_every_source_has_unchecked_hash_bytecode_for_the_runtime(package):
    assert sys.implementation.cache_tag == "cpython-311"
    names = set(package.namelist())
    py = sources(package)
    assert len(py) > 1000 and "app.py" in py
    for source in py:
        pyc = lambda_package.pyc_path(source)
        assert pyc in names, f"{source} has no {pyc}"
        data = package.read(pyc)
        assert data[:4] == importlib.util.MAGIC_NUMBER, pyc
        assert int.from_bytes(data[4:8], "little") == UNCHECKED_HASH, pyc
        assert data[8:16] == importlib.util.source_hash(package.read(source)), f"{pyc} is stale"
        assert marshal.loads(data[16:]).co_filename == f"{lambda_package.TASK_ROOT}/{source}"


def test_no_other_bytecode_and_no_pycache_from_the_working_tree(package):
    """Only the .pyc files the package compiled: none for another Python or optimisation
    level, none without its source, none copied from a working tree's __pycache__."""
    names = package.namelist()
    expected = {lambda_package.pyc_path(source) for source in sources(package)}
    bytecode = {n for n in names if n.endswith((".pyc", ".pyo")) or "__pycache__/" in n}
    assert bytecode == expected


def test_the_package_fits_in_lambda(package):
    assert sum(info.file_size for info in package.infolist()) < LAMBDA_UNZIPPED_LIMIT - 20 * 1024 * 1024


def test_import_app_works_from_the_package_root_with_its_bytecode(package, template, tmp_path):
    """As on Lambda: the package read-only first on the path, then the standard library only."""
    package.extractall(tmp_path)
    variables = functions(template)["APIHandler"]["Environment"]["Variables"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "FUWU_", "POWERTOOLS_"))}
    env.update({k: v if isinstance(v, str) else "placeholder" for k, v in variables.items()})
    env.update({"AWS_REGION": OFFLINE_ENV["CDK_DEFAULT_REGION"], "AWS_ACCESS_KEY_ID": "offline",
                "AWS_SECRET_ACCESS_KEY": "offline"})
    code = f"""
import sys, json, os, sysconfig
sys.path.insert(0, {str(tmp_path)!r})
import app
import boto3  # the app's stores import it on first use (not at `import app`)
root, stdlib = {str(tmp_path)!r} + os.sep, sysconfig.get_paths()["stdlib"]
specs = [m.__spec__ for m in list(sys.modules.values()) if getattr(m, "__spec__", None)
         and m.__spec__.has_location and m.__spec__.origin.endswith(".py")]
ours = [s for s in specs if s.origin.startswith(root)]
print(json.dumps({{"package": [s.name for s in ours],
                  "compiled": [s.name for s in ours if os.path.exists(s.cached)],
                  "elsewhere": [s.name for s in specs if not s.origin.startswith((root, stdlib))]}}))
"""
    for path in [tmp_path, *tmp_path.rglob("*")]:  # read-only, like /var/task
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        result = subprocess.run([sys.executable, "-I", "-S", "-B", "-c", code], cwd=tmp_path, env=env,
                                capture_output=True, text=True, timeout=120)
    finally:
        for path in [tmp_path, *tmp_path.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["elsewhere"] == []
    assert {"app", "chalice.app", "boto3", "botocore.client", "pynamodb.models"} <= set(loaded["package"])
    assert loaded["compiled"] == loaded["package"]
    assert not list(tmp_path.rglob("__pycache__/*.cpython-311.*.pyc"))  # nothing was written


# --- requirements-lambda.txt against constraints.txt and requirements.txt ----------------------

def test_requirements_lambda_agrees_with_constraints_and_requirements():
    assert lambda_deps.pin_problems() == []


def test_requirements_lambda_is_the_closure_of_requirements_at_the_pinned_versions():
    """What `python -m infra.cdk.lambda_deps --write` gives (from the venv `make deps` installed
    with constraints.txt): a dependency added, dropped or bumped on one side only fails here."""
    constraints = lambda_deps.pins(lambda_deps.CONSTRAINTS)
    needed = lambda_deps.venv_closure()
    assert {k: n.version for k, n in needed.items()} == {k: constraints[k][1] for k in needed}
    assert lambda_deps.LAMBDA_REQUIREMENTS.read_text() == lambda_deps.render(needed, constraints)


def test_a_pin_bumped_on_one_side_only_is_reported(tmp_path):
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(lambda_deps.CONSTRAINTS.read_text().replace("botocore==", "botocore==9"))
    problems = lambda_deps.pin_problems(constraints_path=constraints)
    assert len(problems) == 1 and problems[0].startswith("botocore:")
    bumped = tmp_path / "requirements.txt"
    bumped.write_text(lambda_deps.REQUIREMENTS.read_text().replace("pynamodb==", "pynamodb==9"))
    problems = lambda_deps.pin_problems(requirements_path=bumped)
    assert len(problems) == 1 and problems[0].startswith("pynamodb:")


def test_packaging_refuses_requirements_that_disagree_with_the_pins(tmp_path):
    stale = tmp_path / "requirements-lambda.txt"
    stale.write_text(lambda_deps.LAMBDA_REQUIREMENTS.read_text().replace("botocore==1.", "botocore==0."))
    with pytest.raises(lambda_package.PackagingError, match="botocore"):
        lambda_package.dependencies_zip(cache=tmp_path / "cache", requirements=stale)


# --- the packaging steps, on a small project --------------------------------------------------

def small_project(root: Path) -> Path:
    (root / "chalicelib" / "__pycache__").mkdir(parents=True)
    (root / ".chalice").mkdir()
    (root / ".chalice" / "config.json").write_text('{"version": "2.0", "app_name": "x"}')
    (root / "app.py").write_text("from chalicelib import rules\n")
    (root / "requirements.txt").write_text("boto3\n")
    rules = root / "chalicelib" / "rules.py"
    rules.write_text("LIMIT = 3\nKINDS = {'a', 'b', 'c'}\n")
    (root / "chalicelib" / "__init__.py").write_text("")
    (root / "chalicelib" / "schema.json").write_text("{}")
    py_compile.compile(str(rules), cfile=str(root / "chalicelib" / "__pycache__" / "rules.cpython-311.pyc"))
    (root / "chalicelib" / "gone.pyc").write_bytes(b"stale")
    return root


def test_the_staged_project_has_no_requirements_and_no_working_tree_bytecode(tmp_path):
    staged = lambda_package.stage_project(small_project(tmp_path / "src"), tmp_path / "staged")
    files = sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file())
    assert files == [".chalice/config.json", "app.py", "chalicelib/__init__.py",
                     "chalicelib/rules.py", "chalicelib/schema.json"]


def chalice_zip(project: Path, path: Path) -> Path:
    """What Chalice writes for a project: its runtime, app.py and chalicelib/ as they are."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("chalice/app.py", "class Chalice: pass\n")
        for file in sorted(project.rglob("*")):
            rel = file.relative_to(project).as_posix()
            if file.is_file() and (rel == "app.py" or rel.startswith("chalicelib/")):
                archive.write(file, rel)
    return path


def deps_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("six.py", "X = 1\n")
        archive.writestr(lambda_package.pyc_path("six.py"), b"compiled elsewhere")
    return path


def test_finish_replaces_stray_bytecode_and_is_reproducible(tmp_path):
    project = small_project(tmp_path / "src")
    deps = deps_zip(tmp_path / "deps.zip")
    built = []
    for run in ("one", "two"):
        out = chalice_zip(project, tmp_path / f"{run}.zip")
        assert "chalicelib/gone.pyc" in zipfile.ZipFile(out).namelist()
        lambda_package.finish(out, deps)
        built.append(out.read_bytes())
    assert built[0] == built[1]
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        names = archive.namelist()
        assert "chalicelib/gone.pyc" not in names
        assert names[:2] == ["six.py", lambda_package.pyc_path("six.py")]  # the dependencies first
        for source in ("app.py", "chalice/app.py", "chalicelib/rules.py"):
            pyc = archive.read(lambda_package.pyc_path(source))
            assert int.from_bytes(pyc[4:8], "little") == UNCHECKED_HASH
            assert pyc[8:16] == importlib.util.source_hash(archive.read(source))
        assert {info.date_time for info in archive.infolist()[2:]} == {lambda_package.ZIP_DATE}


def test_finish_refuses_an_app_module_that_shadows_a_dependency(tmp_path):
    project = small_project(tmp_path / "src")
    out = chalice_zip(project, tmp_path / "chalice.zip")
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("six.py", "")
    with pytest.raises(lambda_package.PackagingError, match="six"):
        lambda_package.finish(out, deps_zip(tmp_path / "deps.zip"))
