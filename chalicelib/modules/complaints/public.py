"""What other areas may use of the complaints: record a complaint within another area's
transaction (a consultation turned into a complaint), the complaints about a person (their
record), the channels a customer reaches us by (CONTACT_CHANNELS: all but a return visit), and
a month's complaint rate."""

from __future__ import annotations

from chalicelib.modules.complaints.domain.lifecycle import (
    CONTACT_CHANNELS,
    KIND,
    PENALTY_KINDS,
    RECEIVED_WINDOW_DAYS,
    amount_problem,
)
from chalicelib.modules.complaints.schemas import COMPLAINT_FIELDS

__all__ = ["COMPLAINT_FIELDS", "CONTACT_CHANNELS", "KIND", "PENALTY_KINDS", "RECEIVED_WINDOW_DAYS",
           "about_staff", "amount_problem", "month_rate", "record", "valid_by_staff"]


def record(actor, body: dict, idempotency_key: str | None = None, source: dict | None = None,
           extra=None, answer: bool = True) -> dict | None:
    """Record a complaint as the complaints' own POST does (usecases.record), with another
    area's entries in its transaction (use cases load on first use, not with the app)."""
    from chalicelib.modules.complaints import usecases

    return usecases.record(actor, body, idempotency_key, source=source, extra=extra,
                           answer=answer)


def about_staff(reader, username: str, limit: int = 50) -> list[dict]:
    """The complaints about a person, newest first, as `reader` may see them (usecases)."""
    from chalicelib.modules.complaints import usecases

    return usecases.about_staff(reader, username, limit)


def month_rate(scope: str, month: str, lang: str = "zh") -> dict:
    """A month's complaint rate of an outlet or NETWORK (the API's ComplaintRate): as the job
    stored it, else built now from the same facts without storing it (rate.py)."""
    from chalicelib.modules.complaints import rate

    return rate.month_rate(scope, month, lang)


def valid_by_staff(outlet: str, month: str) -> dict[str, int]:
    """How many complaints received in an outlet's month were judged valid, per staff member
    they are about (the technicians' monthly appraisal): one query of the month's complaint
    facts (CMPFACT#<outlet>#<month>), which carry `staff`. Discarded ones do not count."""
    from collections import Counter

    from chalicelib.modules.complaints import keys
    from chalicelib.modules.complaints.models import ComplaintFact

    return dict(Counter(f.staff for f in ComplaintFact.query(keys.fact_pk(outlet, month))
                        if isinstance(f, ComplaintFact) and f.staff and f.valid is True
                        and f.state != "discarded"))
