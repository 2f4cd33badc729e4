"""The SPA is typed by what the API serves: `frontend/src/api/openapi.json` is the document of
`GET /api/openapi.json`, and `frontend/src/api/schema.d.ts` is what openapi-typescript makes of it
(`npm run gen:api`, run by the SPA build). Both are committed; `make api-types` rewrites both.
"""

from __future__ import annotations

import difflib
import importlib.util
import json
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "frontend"
DOCUMENT = FRONTEND / "src/api/openapi.json"
TYPES = FRONTEND / "src/api/schema.d.ts"
DUMP_SCRIPT = ROOT / "scripts/dump_openapi.py"
REGENERATE = "run `make api-types` and commit frontend/src/api/openapi.json and schema.d.ts"


def _dump_module():
    spec = importlib.util.spec_from_file_location("dump_openapi", DUMP_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _first_differences(expected: str, actual: str, name: str, lines: int = 40) -> str:
    diff = difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                f"{name} (committed)", f"{name} (now)", lineterm="", n=1)
    return "\n".join(list(diff)[:lines])


def _gen_api_arguments() -> list[str]:
    """The arguments of package.json's `gen:api` (openapi-typescript), without its output file:
    the generator then writes to stdout and the test compares, changing nothing."""
    script = json.loads((FRONTEND / "package.json").read_text(encoding="utf-8"))["scripts"]["gen:api"]
    words = shlex.split(script)
    assert words[0] == "openapi-typescript", f"gen:api is expected to run openapi-typescript: {script}"
    arguments, skip = [], False
    for word in words[1:]:
        if skip:
            skip = False
        elif word in ("-o", "--output"):
            skip = True
        elif not word.startswith(("-o=", "--output=")):
            arguments.append(word)
    return arguments


def test_committed_openapi_document_is_what_the_app_serves(client):
    served = client.http.get("/api/openapi.json")
    assert served.status_code == 200
    committed = DOCUMENT.read_text(encoding="utf-8") if DOCUMENT.exists() else ""
    now = _dump_module().render(json.loads(served.body))
    assert committed == now, (
        f"frontend/src/api/openapi.json is not what GET /api/openapi.json serves: {REGENERATE}.\n"
        + _first_differences(committed, now, "openapi.json"))


def test_dump_script_writes_the_committed_document():
    """`make api-types` runs the script in a process of its own, with no local stack around."""
    result = subprocess.run([sys.executable, str(DUMP_SCRIPT)], cwd=ROOT, capture_output=True,
                            text=True, encoding="utf-8", check=False, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout == DOCUMENT.read_text(encoding="utf-8"), (
        f"scripts/dump_openapi.py writes another document than the committed one: {REGENERATE}.")


def test_committed_schema_types_are_what_openapi_typescript_generates():
    cli = FRONTEND / "node_modules/openapi-typescript/bin/cli.js"
    assert cli.exists(), ("frontend/node_modules is missing: `make deps build` (or "
                          "`cd frontend && npm ci`) installs it")
    result = subprocess.run(["node", str(cli), *_gen_api_arguments()], cwd=FRONTEND,
                            capture_output=True, text=True, encoding="utf-8", check=False,
                            timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    committed = TYPES.read_text(encoding="utf-8") if TYPES.exists() else ""
    assert committed == result.stdout, (
        f"frontend/src/api/schema.d.ts is not what openapi-typescript makes of openapi.json: "
        f"{REGENERATE}.\n" + _first_differences(committed, result.stdout, "schema.d.ts"))


VOCABULARY_DIR = FRONTEND / "src/api"
VOCABULARY_SCRIPT = ROOT / "scripts/dump_vocabulary.py"


def test_committed_vocabulary_is_the_areas_vocabulary():
    """The SPA's names of states, actions, clocks… are generated from the areas' vocabulary
    (one source for screens, exports, PDFs and mails): the values, and each language's names."""
    result = subprocess.run([sys.executable, str(VOCABULARY_SCRIPT)], cwd=ROOT,
                            capture_output=True, text=True, encoding="utf-8", check=False,
                            timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    committed = "".join(
        f"// file: {name}\n" + ((VOCABULARY_DIR / name).read_text(encoding="utf-8")
                               if (VOCABULARY_DIR / name).exists() else "")
        for name in ("vocabulary.ts", "vocabulary.zh.ts", "vocabulary.en.ts"))
    assert committed == result.stdout, (
        "frontend/src/api/vocabulary*.ts are not the areas' vocabulary: run `make api-types` "
        "and commit them.\n" + _first_differences(committed, result.stdout, "vocabulary*.ts"))
