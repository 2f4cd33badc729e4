"""The Lambda deployment package: the pinned dependencies and the app, with their bytecode.

Chalice would resolve `requirements.txt` with pip at packaging time (so the package could carry
versions the tests never ran) and ships sources only: Lambda unpacks the package read-only, so
every cold start would compile boto3, botocore, PynamoDB, Powertools and the app from source.
Here instead (`chalice_package.PackagedChalice` drives it):

1. `dependencies_zip`: `requirements-lambda.txt` (every package pinned, checked against
   `constraints.txt`, see `lambda_deps.py`) is installed with `pip --no-deps` from wheels for
   Lambda (CPython 3.11, manylinux x86_64 up to glibc 2.26, as Chalice chooses them), checked
   to be closed under its own wheels' requirements, compiled and zipped. Cached per content of
   `requirements-lambda.txt` and `requirements.txt` under `cdk.out/work/lambda-deps/`.
2. `stage_project`: Chalice packages a copy of the project (`app.py`, `chalicelib/` without any
   `__pycache__`, `.chalice/*.json`) that has no `requirements.txt`, so it installs nothing.
3. `finish`: Chalice's zip (app, chalicelib, its runtime `chalice/app.py`) loses any `.pyc`,
   is compiled, and is appended to a copy of the dependencies' zip.

Bytecode: `compileall --invalidation-mode unchecked-hash` by this interpreter, which must be the
runtime's Python (3.11: the magic number must match): the zip's timestamps cannot invalidate it,
and Python never re-reads the sources to check it (the package is immutable). The `.pyc` files sit
in `__pycache__/` beside their sources, so tracebacks still show the source lines. File names
inside the bytecode are the Lambda paths (`/var/task/...`). Entries are sorted and carry a fixed
date and mode, so the same inputs give the same zip (and the same asset hash: no needless update).
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from packaging.utils import canonicalize_name

from infra.cdk import lambda_deps

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / "cdk.out" / "work"
TASK_ROOT = "/var/task"  # where Lambda unpacks the package
ABI = "cp311"
GLIBC_MINOR = 26  # Lambda python3.11 runs on Amazon Linux 2 (glibc 2.26)
# Like Chalice's DependencyBuilder: pip treats --platform literally, so every manylinux_2_X up to
# the runtime's glibc, then the manylinux2014 alias (which also admits manylinux2010 and 1).
PLATFORMS = (*(f"manylinux_2_{minor}_x86_64" for minor in range(17, GLIBC_MINOR + 1)),
             "manylinux2014_x86_64")
RECIPE = "1"  # change when the way the dependencies are built changes (part of the cache key)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


class PackagingError(Exception):
    pass


def check_interpreter() -> None:
    """The bytecode is this interpreter's: it must be the Lambda runtime's Python."""
    here = f"python{sys.version_info.major}.{sys.version_info.minor}"
    if here != lambda_deps.RUNTIME:
        raise PackagingError(f"the package's bytecode is compiled by this Python ({here}), but the "
                             f"functions run {lambda_deps.RUNTIME}: synthesize with {lambda_deps.RUNTIME}")


def pyc_path(source: str) -> str:
    """`a/b.py` -> `a/__pycache__/b.cpython-311.pyc` (this interpreter's cache tag)."""
    return importlib.util.cache_from_source(source)


def pip_arguments(requirements: Path, target: Path) -> list[str]:
    platforms = [arg for platform in PLATFORMS for arg in ("--platform", platform)]
    return ["install", "--disable-pip-version-check", "--no-input", "--quiet", "--no-deps",
            "--only-binary=:all:", "--no-compile", "--implementation", "cp", "--python-version",
            lambda_deps.RUNTIME.removeprefix("python"), "--abi", ABI, *platforms,
            "--target", str(target), "-r", str(requirements)]


def compile_tree(tree: Path) -> None:
    """Bytecode for every .py under `tree`, unchecked-hash, named as under /var/task."""
    check_interpreter()
    # A fixed hash seed: set and frozenset constants are marshalled in iteration order.
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PYTHONPYCACHEPREFIX", None)  # the .pyc files must land beside their sources
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    result = subprocess.run(  # noqa: S603 — this interpreter, fixed arguments, no shell
        [sys.executable, "-m", "compileall", "-q", "-j0", "--invalidation-mode", "unchecked-hash",
         "-d", TASK_ROOT, str(tree)], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PackagingError(f"compileall failed in {tree}:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")


def _files(tree: Path) -> list[tuple[str, Path]]:
    found = [(path.relative_to(tree).as_posix(), path) for path in tree.rglob("*")
             if path.is_file() or (path.is_symlink() and path.exists())]
    return sorted(found)


def add_tree(archive: zipfile.ZipFile, tree: Path) -> None:
    """Every file under `tree`, sorted, with a fixed date and mode 644 (755 if executable)."""
    for name, path in _files(tree):
        info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
        info.external_attr = (0o100755 if path.stat().st_mode & 0o100 else 0o100644) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, path.read_bytes())


def _installed(site: Path) -> dict[str, str]:
    return {canonicalize_name(dist.metadata["Name"]): dist.version
            for dist in importlib.metadata.distributions(path=[str(site)])}


def check_dependencies(site: Path, requirements: Path = lambda_deps.LAMBDA_REQUIREMENTS) -> None:
    """What pip installed is exactly the pinned set, and needs nothing outside it."""
    wanted = {key: version for key, (_, version) in lambda_deps.pins(requirements).items()}
    installed = _installed(site)
    if installed != wanted:
        extra = {k: v for k, v in installed.items() if wanted.get(k) != v}
        missing = {k: v for k, v in wanted.items() if installed.get(k) != v}
        raise PackagingError(f"installed {extra or 'nothing more'}, pinned {missing or 'nothing more'}")
    try:
        lambda_deps.closure(lambda_deps.top_level(), importlib.metadata.distributions(path=[str(site)]))
    except lambda_deps.ClosureError as error:
        raise PackagingError(f"{requirements.name} is not closed on Lambda: {error}; "
                             "run python -m infra.cdk.lambda_deps --write") from error


def dependencies_zip(cache: Path = WORK / "lambda-deps",
                     requirements: Path = lambda_deps.LAMBDA_REQUIREMENTS) -> Path:
    """The pinned dependencies with their bytecode, zipped (built once per requirements file)."""
    check_interpreter()
    problems = lambda_deps.pin_problems(lambda_path=requirements)
    if problems:
        raise PackagingError(f"{requirements.name} disagrees with the pins:\n  " + "\n  ".join(problems))
    recipe = json.dumps([RECIPE, pip_arguments(Path("R"), Path("T")), TASK_ROOT,
                         importlib.util.MAGIC_NUMBER.hex()])
    # requirements.txt too: its closure is checked on the wheels when they are installed.
    key = hashlib.sha256(requirements.read_bytes() + lambda_deps.REQUIREMENTS.read_bytes()
                         + recipe.encode()).hexdigest()[:20]
    target = cache / f"deps-{key}.zip"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    print(f"building the Lambda dependencies from {requirements.name} (pip, manylinux wheels)",
          file=sys.stderr)
    with tempfile.TemporaryDirectory(dir=cache, prefix="build-") as tmp:
        site = Path(tmp) / "site"
        result = subprocess.run(  # noqa: S603 — this interpreter's pip, fixed arguments, no shell
            [sys.executable, "-m", "pip", *pip_arguments(requirements, site)],
            capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise PackagingError(f"pip could not install {requirements.name}:\n{result.stderr[-4000:]}")
        shutil.rmtree(site / "bin", ignore_errors=True)  # console scripts, for the build machine
        check_dependencies(site, requirements)
        compile_tree(site)
        built = Path(tmp) / "deps.zip"
        with zipfile.ZipFile(built, "w", zipfile.ZIP_DEFLATED) as archive:
            add_tree(archive, site)
        os.replace(built, target)
    for stale in cache.glob("deps-*.zip"):
        if stale != target:
            stale.unlink(missing_ok=True)
    return target


def _skip_app_file(path: str) -> bool:
    parts = path.split("/")
    return "__pycache__" in parts or path.endswith((".pyc", ".pyo"))


def stage_project(project_dir: Path, into: Path) -> Path:
    """A Chalice project holding what the functions run (`app.py`, `chalicelib/`) and the Chalice
    config, without `requirements.txt` (the dependencies come from `dependencies_zip`) and
    without the working tree's `__pycache__`."""
    into.mkdir(parents=True, exist_ok=True)
    shutil.copy2(project_dir / "app.py", into / "app.py")
    if (project_dir / "chalicelib").is_dir():
        shutil.copytree(project_dir / "chalicelib", into / "chalicelib",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo"))
    (into / ".chalice").mkdir()
    for config in (project_dir / ".chalice").glob("*.json"):
        shutil.copy2(config, into / ".chalice" / config.name)
    return into


def finish(chalice_zip: Path, deps_zip: Path) -> None:
    """Rewrite Chalice's zip in place: the dependencies' zip, then Chalice's files (app.py,
    chalicelib/, chalice/) without any bytecode they carried, plus their fresh bytecode."""
    with tempfile.TemporaryDirectory(dir=chalice_zip.parent, prefix="finish-") as tmp:
        tree = Path(tmp) / "app"
        with zipfile.ZipFile(chalice_zip) as archive:
            for info in archive.infolist():
                if info.is_dir() or _skip_app_file(info.filename):
                    continue
                path = tree / info.filename
                if tree.resolve() not in path.resolve().parents:
                    raise PackagingError(f"unexpected path in Chalice's package: {info.filename}")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(archive.read(info))
        compile_tree(tree)
        with zipfile.ZipFile(deps_zip) as deps:
            dep_names = set(deps.namelist())
        app_names = {name for name, _ in _files(tree)}

        def packages(names: set[str]) -> set[str]:  # top-level modules and packages: six.py -> six
            return {name.split("/")[0].split(".")[0] for name in names} - {"__pycache__"}

        clash = sorted((packages(app_names) & packages(dep_names)) | (app_names & dep_names))
        if clash:
            raise PackagingError(f"the app's files and the dependencies both hold {clash}")
        combined = Path(tmp) / "deployment.zip"
        shutil.copyfile(deps_zip, combined)
        with zipfile.ZipFile(combined, "a", zipfile.ZIP_DEFLATED) as archive:
            add_tree(archive, tree)
        os.replace(combined, chalice_zip)
