"""Consultations and information hand-over (咨询与信息交接, 001 §17 6.1–6.2) as data: kinds,
states, the desk's actions and who takes them, the clocks each kind runs and when a customer's
contact may have been received.

Whoever takes a customer's question or information records it; the service desk (the outlet's
agents) must take it over within 4 working hours (`handover`) and answer a question within 8
working hours (`answer`), both counted from when the customer reached the staff member. The
desk takes it over, answers it, closes it, or turns it into a work order or a complaint.

Pure: the use cases (consultations/usecases.py) apply it to the stored consultation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from chalicelib.kernel import validation
from chalicelib.kernel.validation import MAX_SHORT, TEXT, text

KINDS = ("question", "information")  # 咨询 / 售后信息
STATES = ("open", "taken_over", "answered", "converted", "closed")
OPEN_STATES = ("open", "taken_over")  # on the desk's board until done
CONVERTIBLE = OPEN_STATES  # may still become an order or a complaint
STATUSES = ("open", "done")  # the board's tabs
TARGETS = ("order", "complaint")  # what a consultation may become

HANDOVER, ANSWER = "handover", "answer"  # the SLA clocks (sla/domain/policy.py CLOCKS)
DESK_ROLE = "agent"  # the service desk: its own records are taken over at once

FUTURE_SLACK = timedelta(minutes=5)  # clocks of phones and servers differ a little
OLDEST_DAYS = 7  # a contact reported later than this is no longer a hand-over


def status_of(state: str) -> str:
    return "open" if state in OPEN_STATES else "done"


def clocks_for(kind: str) -> tuple[str, ...]:
    """The clocks a new consultation starts: every one must reach the desk; a question must
    also be answered."""
    return (HANDOVER, ANSWER) if kind == "question" else (HANDOVER,)


def taken_over_at_once(recorder_role: str, recorder_outlet: str | None, outlet: str) -> bool:
    """The desk recording its own customer's contact has it already (hand-over met at once)."""
    return recorder_role == DESK_ROLE and recorder_outlet == outlet


def received_at_problem(received: datetime, now: datetime) -> tuple[str, dict] | None:
    """When the customer reached the staff member: not in the future (beyond a little slack),
    not more than OLDEST_DAYS ago. The problem as (code, params), or None."""
    if received > now + FUTURE_SLACK:
        return "not_in_future", {}
    if received < now - timedelta(days=OLDEST_DAYS):
        return "too_old", {"days": OLDEST_DAYS}
    return None


@dataclass(frozen=True)
class Action(validation.Action):
    """An action of the desk (its roles: of the consultation's outlet), to its target state."""

    stops: tuple[str, ...] = field(kw_only=True)  # the clocks it stops


# The desk's actions on a consultation (POST …/actions/<name>). to_complaint's data is the
# complaint form (the complaints area's fields; consultations/schemas.py fills it in).
ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action("take_over", ("open",), "taken_over", ("agent", "manager"),
           {"note": text(MAX_SHORT, multiline=True)}, stops=(HANDOVER,)),
    Action("answer", OPEN_STATES, "answered", ("agent", "manager", "support"),
           {"text": TEXT}, ("text",), stops=(HANDOVER, ANSWER)),
    Action("close", OPEN_STATES, "closed", ("agent", "manager"),
           {"note": TEXT}, ("note",), stops=(HANDOVER, ANSWER)),
    Action("to_complaint", CONVERTIBLE, "converted", ("agent", "manager"),
           stops=(HANDOVER, ANSWER)),
)}
# a conversion stops what turning it into a complaint stops (into an order too)
STOPPED_BY_CONVERSION = ACTIONS["to_complaint"].stops
