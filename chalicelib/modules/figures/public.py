"""What other areas may use of the figures: the count of a month's accepted orders (the
received facts of an outlet's month), and the monthly report's sheets an area adds
(sections.py)."""

from __future__ import annotations

from chalicelib.modules.figures.kpi_store import received_count
from chalicelib.modules.figures.sections import Share, Sheet, add_monthly_sheets

__all__ = ["Share", "Sheet", "add_monthly_sheets", "received_count"]
