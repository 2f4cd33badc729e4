"""The monthly report job: on the 1st, last month's reports (see monthly.py)."""

from __future__ import annotations

from chalicelib.modules.figures import monthly


def run(event=None, context=None) -> dict:
    made = monthly.run()
    return {"month": made[0].month if made else None, "reports": len(made)}
