"""The monthly report jobs: on the 1st, last month's reports (see monthly.py); and, from the
job queue, a rebuild of reports already made (`{"monthly_rebuild": {month, scopes}}`)."""

from __future__ import annotations

import json

from chalicelib.modules.figures import monthly, store


def run(event=None, context=None) -> dict:
    made = monthly.run()
    return {"month": made[0].month if made else None, "reports": len(made)}


def accepts(body: str) -> bool:
    """Whether a job-queue message is a monthly report rebuild's."""
    try:
        return store.REBUILD_KEY in json.loads(body)
    except (ValueError, TypeError):
        return False


def handle(bodies) -> list[str]:
    """Rebuild what each message names: `rebuilt:<n>` (reports rebuilt; 0 when none was made
    yet). A replay rebuilds again, which gives the same files."""
    results = []
    for body in bodies:
        wanted = json.loads(body)[store.REBUILD_KEY]
        results.append(f"rebuilt:{len(monthly.rebuild(wanted['month'], wanted['scopes']))}")
    return results
