"""Cold import time of `app.py` against the framework alone (chalice + boto3 + pynamodb.models).

Each import runs in a fresh interpreter (`python -c`, perf_counter around the import statement),
the two alternating, RUNS times each after one unmeasured warm-up (which also writes .pyc files);
the figure is the median. `pynamodb.models` rather than bare `pynamodb` (an almost empty package
__init__) because that is what any PynamoDB app imports. A few `-X importtime` runs then show
which modules under `app` cost the most beyond what the baseline already imports.

No AWS call happens at import; the environment only carries the settings `chalicelib.config`
reads, with dummy values. Bytecode caches go to a temporary PYTHONPYCACHEPREFIX (written by the
warm-up, for both sides alike), so the repository gets no __pycache__ directories.

Run from the repository root: python -m bench.cold_import

Package mode, `python -m bench.cold_import --package [cdk.out/<stage> | asset.zip]` (after
`make synth`): cold start as Lambda sees it. The API function's asset is extracted read-only
twice, as shipped and with every .pyc removed (sources only, what Chalice alone would ship), and
`import app` and the framework are timed in fresh `-I -S -B` interpreters whose path is the package
then the standard library (Lambda's /var/task first), the four alternating; it prints the medians
and the ratios sources-only / shipped and app / framework.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench import harness

RUNS = 25
IMPORTTIME_RUNS = 5
ROOT = Path(__file__).resolve().parent.parent
APP = "import app"
BASELINE = "import chalice, boto3, pynamodb.models"
FRAMEWORK = ("chalice", "boto3", "botocore", "pynamodb")
ENV = {
    "AWS_REGION": "ap-east-1", "AWS_DEFAULT_REGION": "ap-east-1",
    "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "FUWU_STAGE": "bench", "FUWU_TABLE": "fuwu-bench-main",
    "FUWU_ATTACHMENTS_BUCKET": "fuwu-bench-attachments", "FUWU_USER_POOL_ID": "ap-east-1_bench",
    "FUWU_APP_CLIENT_ID": "bench", "FUWU_JWKS_URL": "http://127.0.0.1:9/jwks.json",
    "POWERTOOLS_SERVICE_NAME": "fuwu", "POWERTOOLS_METRICS_NAMESPACE": "Fuwu",
}
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


PYCACHE = tempfile.mkdtemp(prefix="fuwu-bench-pycache-")


def environment() -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWS_", "FUWU_", "POWERTOOLS_", "PYTHON"))}
    return {**env, **ENV, "PYTHONPYCACHEPREFIX": PYCACHE}


def run(code: str, *flags: str) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, *flags, "-c", code], cwd=ROOT, env=environment(),
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{code!r} failed:\n{result.stderr[-2000:]}")
    return result


def import_seconds(statement: str) -> float:
    code = f"import time\nstarted = time.perf_counter()\n{statement}\nprint(time.perf_counter() - started)"
    return float(run(code).stdout.strip().splitlines()[-1])


@dataclass
class Node:
    name: str
    self_us: int
    cumulative_us: int
    depth: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


def import_tree(stderr: str) -> list[Node]:
    """The roots of `-X importtime` output (children are printed before their parent)."""
    pending: list[Node] = []
    for line in stderr.splitlines():
        match = LINE.match(line)
        if not match:
            continue
        node = Node(match[4], int(match[1]), int(match[2]), len(match[3]) // 2)
        while pending and pending[-1].depth > node.depth:
            child = pending.pop()
            child.parent = node
            node.children.insert(0, child)
        pending.append(node)
    return pending


def beyond(node: Node, baseline: set[str]) -> int:
    """Import time of a subtree, counting only modules the baseline does not import."""
    own = 0 if node.name in baseline else node.self_us
    return own + sum(beyond(child, baseline) for child in node.children)


def in_framework(name: str) -> bool:
    return name.split(".")[0] in FRAMEWORK


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.cold_import")
    parser.add_argument("--package", nargs="?", const=f"cdk.out/{os.environ.get('STAGE', 'dev')}",
                        metavar="PATH", help="time the synthesized API asset instead: a cloud assembly "
                        "directory (default cdk.out/$STAGE, else cdk.out/dev) or the asset zip")
    parser.add_argument("--runs", type=int, help=f"rounds (default {RUNS}; {PACKAGE_RUNS} with --package)")
    parser.add_argument("--python", help="interpreter for --package (default: this one if it is 3.11, "
                        "else python3.11 on PATH)")
    args = parser.parse_args(argv)
    try:
        if args.package:
            measure_package(Path(args.package), args.runs or PACKAGE_RUNS, args.python)
        else:
            measure(args.runs or RUNS)
    finally:
        shutil.rmtree(PYCACHE, ignore_errors=True)


def measure(runs: int = RUNS) -> None:
    print("# bench.cold_import — cold import of app.py vs chalice + boto3 + pynamodb.models")
    print(f"# {harness.machine()}")
    started = time.perf_counter()
    import_seconds(APP), import_seconds(BASELINE)  # warm-up: .pyc files, page cache
    app_times, base_times = [], []
    for _ in range(runs):
        app_times.append(import_seconds(APP))
        base_times.append(import_seconds(BASELINE))
    app_median, base_median = statistics.median(app_times), statistics.median(base_times)

    baseline_modules: set[str] = set()
    for _ in range(IMPORTTIME_RUNS):
        for root in import_tree(run(BASELINE, "-X", "importtime").stderr):
            baseline_modules.update(node.name for node in root.walk())
    per_module: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    importer: dict[str, str] = {}
    for _ in range(IMPORTTIME_RUNS):
        app_root = next(r for r in import_tree(run(APP, "-X", "importtime").stderr) if r.name == "app")
        for node in app_root.walk():
            if node is app_root or in_framework(node.name) or node.name in baseline_modules:
                continue
            per_module[node.name].append(
                (node.cumulative_us, beyond(node, baseline_modules), node.self_us))
            importer[node.name] = node.parent.name if node.parent else "-"
    elapsed = time.perf_counter() - started

    print(f"\n{runs} fresh interpreters each, alternating, median (min-max) in ms:")
    print(f"  {APP:<40} {app_median * 1000:7.1f}  ({min(app_times) * 1000:.1f}-{max(app_times) * 1000:.1f})")
    print(f"  {BASELINE:<40} {base_median * 1000:7.1f}  "
          f"({min(base_times) * 1000:.1f}-{max(base_times) * 1000:.1f})")
    ratio = app_median / base_median
    print(f"  ratio app / baseline: {ratio:.2f}x  (aim <= 1.30x: {'met' if ratio <= 1.3 else 'NOT met'});"
          f" app adds {(app_median - base_median) * 1000:.1f} ms")

    def medians(name: str) -> list[float]:
        """cumulative, beyond the baseline, self: medians in ms."""
        return [statistics.median(column) / 1000 for column in zip(*per_module[name], strict=True)]

    def cells(name: str) -> list[str]:
        cumulative, extra, own = medians(name)
        return [name, f"{extra:.1f}", f"{cumulative:.1f}", f"{own:.1f}", importer[name]]

    headers = ["module", "beyond baseline", "cumulative", "self", "imported by"]
    ranked = sorted(per_module, key=lambda name: medians(name)[1], reverse=True)
    print(f"\nTop 10 modules under app by cumulative import time beyond the baseline (median of "
          f"{IMPORTTIME_RUNS} -X importtime runs, ms;\nnot chalice/boto3/botocore/pynamodb, nor "
          "any module the baseline imports; nested modules are included in their importer):")
    print(harness.table(headers, [cells(name) for name in ranked[:10]]))
    third_party = [name for name in ranked if not name.startswith(("chalicelib", "app"))
                   and importer[name].startswith(("chalicelib", "app"))]
    print("\nThird-party packages the app itself imports, by cost beyond the baseline (ms):")
    print(harness.table(headers, [cells(name) for name in third_party[:10]]))
    own_cost = sorted(per_module, key=lambda name: medians(name)[2], reverse=True)
    print("\nLargest self times (the module's own top-level code, children excluded), ms:")
    print(harness.table(headers, [cells(name) for name in own_cost[:5]]))
    print(f"\nmeasured in {elapsed:.1f}s")


# --- package mode: the synthesized deployment package, as Lambda imports it -------------------

PACKAGE_RUNS = 15
PACKAGE_AIM_BYTECODE = 2.2  # sources only / shipped, for `import app`
PACKAGE_AIM_APP = 1.3  # app / framework, as shipped


def api_asset(path: Path) -> Path:
    """The API function's code asset: `path` itself if it is a zip, else the one the cloud
    assembly's main template gives `APIHandler` (all of Chalice's functions share it)."""
    if path.is_file():
        return path
    templates = [t for t in sorted(path.glob("fuwu-*.template.json"))
                 if not t.name.endswith("-edge.template.json")]
    if not templates:
        raise SystemExit(f"no fuwu-<stage>.template.json in {path}: run `make synth` (or pass the asset zip)")
    resources = json.loads(templates[0].read_text())["Resources"]
    key = resources["APIHandler"]["Properties"]["CodeUri"]["Key"]
    asset = path / f"asset.{key}"
    if not asset.is_file():
        raise SystemExit(f"{asset} is missing")
    return asset


def interpreter(wanted: str | None) -> str:
    if wanted:
        return wanted
    if sys.version_info[:2] == (3, 11):
        return sys.executable
    found = shutil.which("python3.11")
    if not found:
        raise SystemExit("python3.11 (the Lambda runtime's Python) is not on PATH: pass --python")
    return found


def set_read_only(tree: Path, read_only: bool) -> None:
    """Like /var/task: nothing can be written, not even a __pycache__ directory."""
    for path in [tree, *tree.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o555 if read_only else 0o755)
        else:
            path.chmod(0o444 if read_only else 0o644)


def package_trees(asset: Path, into: Path) -> tuple[Path, Path]:
    """The asset extracted twice: as shipped, and with every .pyc removed (sources only)."""
    shipped, sources = into / "shipped", into / "sources"
    with zipfile.ZipFile(asset) as archive:
        archive.extractall(shipped)
        names = archive.namelist()
        archive.extractall(sources, [n for n in names if not n.endswith(".pyc")])
    for tree in (shipped, sources):
        set_read_only(tree, True)
    return shipped, sources


def package_run(python: str, tree: Path, code: str) -> str:
    """`code` in a fresh interpreter that sees the package, then the standard library, and
    writes no bytecode: -I (no PYTHON* variables, no user site), -S (no site-packages), -B."""
    prelude = f"import sys\nsys.path.insert(0, {str(tree)!r})\n"
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("AWS_", "FUWU_", "POWERTOOLS_", "PYTHON"))}
    result = subprocess.run([python, "-I", "-S", "-B", "-c", prelude + code], cwd=tree,
                            env={**env, **ENV}, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{code!r} failed in {tree}:\n{result.stderr[-2000:]}")
    return result.stdout.strip().splitlines()[-1]


def package_seconds(python: str, tree: Path, statement: str) -> float:
    code = f"import time\nstarted = time.perf_counter()\n{statement}\nprint(time.perf_counter() - started)"
    return float(package_run(python, tree, code))


CHECK = """
import importlib.util, json, os, sysconfig
{statement}
root, stdlib = sys.path[0], sysconfig.get_paths()["stdlib"]
files = [m.__spec__ for m in list(sys.modules.values())
         if getattr(m, "__spec__", None) is not None and m.__spec__.has_location
         and m.__spec__.origin.endswith(".py")]
ours = [s for s in files if s.origin.startswith(root + os.sep)]
elsewhere = sorted(s.name for s in files if not s.origin.startswith((root + os.sep, stdlib)))
print(json.dumps({{"package": len(ours), "with_pyc": sum(os.path.exists(s.cached) for s in ours),
                  "elsewhere": elsewhere, "magic": importlib.util.MAGIC_NUMBER.hex()}}))
"""


def package_check(python: str, tree: Path, statement: str) -> dict:
    """Which modules the statement loads, and from where (nothing may come from outside the
    package but the standard library)."""
    found = json.loads(package_run(python, tree, CHECK.format(statement=statement)))
    if found["elsewhere"]:
        raise SystemExit(f"{statement!r} loads modules from outside the package: {found['elsewhere'][:10]}")
    return found


def describe_asset(asset: Path) -> tuple[str, bytes | None]:
    with zipfile.ZipFile(asset) as archive:
        names = archive.namelist()
        pycs = [n for n in names if n.endswith(".pyc")]
        header = archive.read(pycs[0])[:16] if pycs else None
    tags = sorted({n.rsplit(".", 2)[-2] for n in pycs})
    sources = sum(n.endswith(".py") for n in names)
    summary = (f"{asset.stat().st_size / 1e6:.1f} MB, {len(names)} files: {sources} .py, {len(pycs)} .pyc"
               f"{' (' + ', '.join(tags) + ')' if tags else ''}")
    return summary, header


def measure_package(path: Path, runs: int, python: str | None) -> None:
    asset = api_asset(path if path.is_absolute() else ROOT / path)
    python = interpreter(python)
    version = package_run(python, Path(tempfile.gettempdir()),
                          "import platform; print(platform.python_version())")
    summary, header = describe_asset(asset)
    print("# bench.cold_import --package — cold import from the API function's deployment package")
    print(f"# {harness.machine()}")
    print(f"# asset {asset.relative_to(ROOT) if asset.is_relative_to(ROOT) else asset}: {summary}")
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="fuwu-bench-package-"))
    try:
        shipped, sources = package_trees(asset, work)
        magic = json.loads(package_run(python, shipped, "import importlib.util, json; "
                                       "print(json.dumps(importlib.util.MAGIC_NUMBER.hex()))"))
        if header is not None and header[:4].hex() != magic:
            raise SystemExit(f"the package's bytecode has magic {header[:4].hex()}, {python} expects "
                             f"{magic}: it would be ignored (use the runtime's Python, --python)")
        flags = int.from_bytes(header[4:8], "little") if header else None
        print(f"# extracted read-only; {python} (Python {version}) -I -S -B, sys.path = [package, stdlib]; "
              f"bytecode flags {flags} ({'unchecked hash' if flags == 1 else 'not unchecked-hash'})")
        cases = [(APP, shipped), (APP, sources), (BASELINE, shipped), (BASELINE, sources)]
        for statement, tree in cases:
            found = package_check(python, tree, statement)
            label = "shipped" if tree is shipped else "sources only"
            print(f"# {statement} ({label}): {found['package']} modules from the package, "
                  f"{found['with_pyc']} of them with bytecode; none from elsewhere but the stdlib")
        times: dict[tuple[str, Path], list[float]] = {case: [] for case in cases}
        for statement, tree in cases:  # warm-up: the page cache
            package_seconds(python, tree, statement)
        for _ in range(runs):
            for statement, tree in cases:
                times[(statement, tree)].append(package_seconds(python, tree, statement))
    finally:
        set_read_only(work, False)
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started

    def ms(statement: str, tree: Path) -> str:
        values = times[(statement, tree)]
        return (f"{statistics.median(values) * 1000:.1f} "
                f"({min(values) * 1000:.0f}-{max(values) * 1000:.0f})")

    med = {case: statistics.median(values) for case, values in times.items()}
    rows = [[statement, ms(statement, shipped), ms(statement, sources),
             f"{med[(statement, sources)] / med[(statement, shipped)]:.2f}x"]
            for statement in (APP, BASELINE)]
    rows.append(["app / framework", f"{med[(APP, shipped)] / med[(BASELINE, shipped)]:.2f}x",
                 f"{med[(APP, sources)] / med[(BASELINE, sources)]:.2f}x", ""])
    print(f"\n{runs} fresh interpreters each, the four alternating; median (min-max) in ms:")
    print(harness.table(["import", "shipped (.pyc)", "sources only", "sources only / shipped"], rows))
    speedup = med[(APP, sources)] / med[(APP, shipped)]
    app_ratio = med[(APP, shipped)] / med[(BASELINE, shipped)]
    print(f"\nimport app: {speedup:.3f}x faster with the shipped bytecode "
          f"(aim >= {PACKAGE_AIM_BYTECODE}x: {'met' if speedup >= PACKAGE_AIM_BYTECODE else 'NOT met'}); "
          f"app / framework as shipped {app_ratio:.3f}x "
          f"(aim <= {PACKAGE_AIM_APP}x: {'met' if app_ratio <= PACKAGE_AIM_APP else 'NOT met'}), "
          f"app adds {(med[(APP, shipped)] - med[(BASELINE, shipped)]) * 1000:.1f} ms")
    print(f"measured in {elapsed:.1f}s")


if __name__ == "__main__":
    main()
