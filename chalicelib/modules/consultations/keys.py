"""Every key and index entry of the consultations area, spelled once (docs/data-model.md); a
consultation's events are keyed in its partition by kernel/subjects.py."""

from __future__ import annotations

from chalicelib.modules.consultations.domain.rules import status_of
from chalicelib.modules.consultations.models import Consultation

SK = "CONSULTATION"
NUMBER_SERIES = "CON"  # the day's counter of ZX-<outlet>-<day>-<n>: COUNTER#CON#<outlet>#<day>


def consultation_pk(consultation_id: str) -> str:
    return f"CON#{consultation_id}"


def board_pk(outlet: str, status: str) -> str:
    return f"OUTLET#{outlet}#CON#{status}"


def number(outlet: str, day: str, value: int) -> str:
    return f"ZX-{outlet}-{day}-{value:04d}"


def index(consultation: Consultation) -> None:
    """The consultation's keys and board entry, as its state is now."""
    consultation.pk, consultation.sk = consultation_pk(consultation.id), SK
    consultation.gsi1pk = board_pk(consultation.outlet, status_of(consultation.state))
    consultation.gsi1sk = f"{consultation.received_at}#{consultation.id}"
