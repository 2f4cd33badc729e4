"""The spare parts' settings of an outlet, from the SLA policy document's `parts` section (head
office's, an outlet's override over it): the approval threshold of a requisition line, the days
after completion within which parts come back, the ABC cut-offs."""

from __future__ import annotations

from chalicelib.modules.sla import public as sla


def parts_policy(outlet: str) -> dict:
    """{expensive_line_fen, unreturned_days, abc_a_percent, abc_b_percent} at the outlet (the
    defaults of those nobody set: sla/domain/policy.py DEFAULT_PARTS)."""
    return sla.parts_policy_for(outlet)
