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
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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


def main() -> None:
    try:
        measure()
    finally:
        shutil.rmtree(PYCACHE, ignore_errors=True)


def measure() -> None:
    print("# bench.cold_import — cold import of app.py vs chalice + boto3 + pynamodb.models")
    print(f"# {harness.machine()}")
    started = time.perf_counter()
    import_seconds(APP), import_seconds(BASELINE)  # warm-up: .pyc files, page cache
    app_times, base_times = [], []
    for _ in range(RUNS):
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

    print(f"\n{RUNS} fresh interpreters each, alternating, median (min-max) in ms:")
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


if __name__ == "__main__":
    main()
