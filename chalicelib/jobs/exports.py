"""The export worker: one queue message per export job (see services/exports.py)."""

from __future__ import annotations

import json

from chalicelib.services import exports


def handle(bodies) -> list[str]:
    """Message bodies (JSON `{"export_id": ...}`) → what each run did."""
    return [exports.run(json.loads(body)["export_id"]) for body in bodies]
