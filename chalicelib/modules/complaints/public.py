"""What other areas may use of the complaints: record a complaint within another area's
transaction (a consultation turned into a complaint), the complaints about a person (their
record), the channels a customer reaches us by (CONTACT_CHANNELS: all but a return visit), and
a month's complaint rate."""

from __future__ import annotations

from chalicelib.modules.complaints.domain.lifecycle import (
    CONTACT_CHANNELS,
    PENALTY_KINDS,
    amount_problem,
)
from chalicelib.modules.complaints.schemas import COMPLAINT_FIELDS
from chalicelib.modules.complaints.usecases import KIND, RECEIVED_WINDOW_DAYS, about_staff, record

__all__ = ["COMPLAINT_FIELDS", "CONTACT_CHANNELS", "KIND", "PENALTY_KINDS", "RECEIVED_WINDOW_DAYS",
           "about_staff", "amount_problem", "month_rate", "record"]


def month_rate(scope: str, month: str, lang: str = "zh") -> dict:
    """A month's complaint rate of an outlet or NETWORK (the API's ComplaintRate): as the job
    stored it, else built now from the same facts without storing it (rate.py)."""
    from chalicelib.modules.complaints import rate

    return rate.month_rate(scope, month, lang)
