"""What other areas may use of the figures: the count of a month's accepted orders (the
received facts of an outlet's month), the per-technician figures of an outlet's month (all of
them, or one person's), the monthly report's sheets an area adds (sections.py) and their
rebuild, and the month before a month (`previous_month`, 'YYYY-MM')."""

from __future__ import annotations

from chalicelib.modules.figures.domain.kpi import previous_month
from chalicelib.modules.figures.kpi_store import received_count
from chalicelib.modules.figures.sections import Share, Sheet, add_monthly_sheets

__all__ = ["Share", "Sheet", "add_monthly_sheets", "previous_month", "received_count",
           "rebuild_monthly_reports", "technician_month", "technicians_of_month"]


def rebuild_monthly_reports(month: str, scopes: list[str]) -> bool:
    """Queue a rebuild of a month's reports already made for these scopes (an outlet's code,
    or "NETWORK"): an area's sheet of them changed after they ran. False when the queue did
    not take it (logged)."""
    from chalicelib.modules.figures import monthly

    return monthly.rebuild_later(month, scopes)


def technicians_of_month(outlet: str, month: str) -> list[dict]:
    """Per lead technician of an outlet's month (so far): completed, on time, on-time rate,
    satisfaction, visits, repeat repairs — the dashboard's own aggregation (domain/kpi.py
    `technicians`) over the month's facts (one query of the month's partition)."""
    from chalicelib.modules.figures import kpi
    from chalicelib.modules.figures.domain.kpi import technicians

    return technicians(*kpi._split(kpi.store.facts(outlet, month)), {})


def technician_month(outlet: str, username: str, month: str) -> dict | None:
    """One technician's row of `technicians_of_month` (None: nothing of the month counts for
    them): the same aggregation over the facts that count for them alone (one query of their
    gsi3 entries, kpi_store.technician_facts), so it reads their facts, not the outlet's."""
    from chalicelib.modules.figures import kpi
    from chalicelib.modules.figures.domain.kpi import technicians

    rows = technicians(*kpi._split(kpi.store.technician_facts(outlet, username, month)), {})
    return next((row for row in rows if row["username"] == username), None)
