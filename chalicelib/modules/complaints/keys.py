"""Every key and index entry of the complaints area, spelled once (docs/data-model.md); a
complaint's events are keyed in its partition by kernel/subjects.py."""

from __future__ import annotations

from chalicelib.modules.complaints.domain.lifecycle import judged_by_head_office, status_of
from chalicelib.modules.complaints.models import Complaint, ComplaintFact

SK = "COMPLAINT"
NUMBER_SERIES = "CMP"  # the counter of TS-<outlet>-<day>-<n>
SETTINGS_PK, SETTINGS_SK = "CMPSET#NETWORK", "SETTINGS"
RATE_MAIL = "CMPRATEMAIL#{month}"  # head office told of a month's rate once
NETWORK = "NETWORK"  # the rate's scope of every outlet together


def settings_change_sk(version: int) -> str:
    return f"V#{version:08d}"


def complaint_pk(complaint_id: str) -> str:
    return f"CMP#{complaint_id}"


def visit_draft_id(order_id: str) -> str:
    """A return visit's draft complaint: one per order, whatever retries happen."""
    return f"visit-{order_id}"


def board_pk(outlet: str, status: str) -> str:
    return f"OUTLET#{outlet}#CMP#{status}"


def head_office_pk(status: str) -> str:
    return f"CMPHQ#{status}"


def staff_pk(username: str) -> str:
    return f"CMPSTAFF#{username}"


def unit_pk(unit_id: str) -> str:
    return f"CMPUNIT#{unit_id}"


def fact_pk(outlet: str, month: str) -> str:
    return f"CMPFACT#{outlet}#{month}"


def rate_pk(month: str) -> str:
    return f"CMPRATE#{month}"


def number(outlet: str, day: str, value: int) -> str:
    return f"TS-{outlet}-{day}-{value:04d}"


def head_office_handles(complaint: Complaint) -> bool:
    """Head office's queue: the complaints it judges (about a manager or an outlet, which it
    then also handles) and those routed to one of its departments."""
    return judged_by_head_office(complaint.about) or (
        bool(complaint.route) and complaint.route.get("handled_by") == "head_office")


def index(complaint: Complaint) -> None:
    """The complaint's keys and index entries, as its state, route and links are now."""
    complaint.pk, complaint.sk = complaint_pk(complaint.id), SK
    order = f"{complaint.received_at}#{complaint.id}"
    status = status_of(complaint.state)
    complaint.gsi1pk, complaint.gsi1sk = board_pk(complaint.outlet, status), order
    if head_office_handles(complaint):
        complaint.gsi2pk, complaint.gsi2sk = head_office_pk(status), order
    else:
        complaint.gsi2pk = complaint.gsi2sk = None
    staff = (complaint.about or {}).get("staff")
    complaint.gsi3pk, complaint.gsi3sk = (staff_pk(staff), order) if staff else (None, None)
    unit = (complaint.about or {}).get("unit_id")
    complaint.gsi4pk, complaint.gsi4sk = (unit_pk(unit), order) if unit else (None, None)


def index_fact(fact: ComplaintFact) -> None:
    fact.pk, fact.sk = fact_pk(fact.outlet, fact.month), fact.complaint_id
