"""What other areas may use of the figures: the count of a month's accepted orders (the
received facts of an outlet's month), the monthly report's sheets an area adds (sections.py),
and the month before a month (`previous_month`, 'YYYY-MM')."""

from __future__ import annotations

from chalicelib.modules.figures.domain.kpi import previous_month
from chalicelib.modules.figures.kpi_store import received_count
from chalicelib.modules.figures.sections import Share, Sheet, add_monthly_sheets

__all__ = ["Share", "Sheet", "add_monthly_sheets", "previous_month", "received_count",
           "technicians_of_month"]


def technicians_of_month(outlet: str, month: str) -> list[dict]:
    """Per lead technician of an outlet's month (so far): completed, on time, on-time rate,
    satisfaction, visits, repeat repairs — the dashboard's own aggregation (domain/kpi.py
    `technicians`) over the month's facts (one query of the month's partition)."""
    from chalicelib.modules.figures import kpi
    from chalicelib.modules.figures.domain.kpi import technicians

    return technicians(*kpi._split(kpi.store.facts(outlet, month)), {})
