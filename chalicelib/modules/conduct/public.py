"""What other areas may use of the conduct ledger: write an entry within their own transaction
(a complaint's penalty decision), and read a person's or an outlet's month (the technicians'
appraisal)."""

from __future__ import annotations

from chalicelib.modules.conduct.models import ConductEntry
from chalicelib.modules.conduct.usecases import (
    entries,
    entry_view,
    entry_write,
    outlet_month,
    totals,
)
from chalicelib.modules.conduct.vocabulary import KINDS, SOURCES

__all__ = ["KINDS", "SOURCES", "ConductEntry", "entries", "entry_view", "entry_write",
           "outlet_month", "totals"]
