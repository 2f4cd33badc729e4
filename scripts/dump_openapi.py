"""Write the OpenAPI document the app serves at `GET /api/openapi.json` to a file (or stdout).

    .venv/bin/python scripts/dump_openapi.py frontend/src/api/openapi.json

No server and no AWS: the app is imported and asked through Chalice's test client, so the file is
exactly what the route answers, whatever the layout of `chalicelib`. The SPA's API types are
generated from that file (`make api-types`; tests/unit/test_api_contract.py checks both are
current).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCUMENT_PATH = "/api/openapi.json"

# Settings are read from the environment when the app is imported (chalicelib/config.py); the
# document does not depend on them, and importing the app calls no AWS service. Dummy values
# keep the import from looking for a real configuration or credentials.
DUMMY_ENVIRONMENT = {
    "AWS_DEFAULT_REGION": "ap-east-1",
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",  # a placeholder: nothing is called
    "AWS_EC2_METADATA_DISABLED": "true",
    "POWERTOOLS_LOG_LEVEL": "WARNING",
}


def served_document() -> dict:
    """The document as the app answers it (the route is public: no token)."""
    for name, value in DUMMY_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    sys.path.insert(0, str(ROOT))
    from chalice.test import Client

    from app import app

    with Client(app) as client:
        response = client.http.get(DOCUMENT_PATH)
    if response.status_code != 200:
        raise SystemExit(f"GET {DOCUMENT_PATH} answered {response.status_code}: {response.body[:500]!r}")
    return json.loads(response.body)


def render(document: dict) -> str:
    """The committed form: keys in the order served, two-space indent, UTF-8, final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    text = render(served_document())
    if len(argv) > 1:
        target = Path(argv[1])
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")  # unchanged: keep the file's time
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
