"""The export worker: one queue message per export job (see exports.py)."""

from __future__ import annotations

import json

from chalicelib.modules.figures import exports


def handle(bodies) -> list[str]:
    """Message bodies (JSON `{"export_id": ...}`) → what each run did: `done`, `failed`;
    `already_done`, `already_failed`, `already_running`, `taken`, `missing` for a message that
    finds its job no longer waiting for it (SQS delivers at least once, a retry sends another),
    which writes nothing; `superseded` for a run whose job was taken over meanwhile, which
    stops without writing its result."""
    return [exports.run(json.loads(body)["export_id"]) for body in bodies]
