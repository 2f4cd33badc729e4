"""Every key and index entry of the contracts area, spelled once (docs/data-model.md,
docs/contracts.md). `index(contract)` sets a contract's keys and index entries from its fields:
call it before every write of a contract (the generator and the reminder job too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalicelib.kernel.store import keys as kernel_keys
from chalicelib.modules.contracts.models import CalloutCounter, Contract, OrderContract

if TYPE_CHECKING:
    from chalicelib.modules.contracts.inspection_models import InspectionOccurrence

SK = "CONTRACT"
NUMBER_SERIES = "WH"  # the kernel's counter of WH-<outlet>-<yyyy>-<nnnn> (one per outlet-year)
EVENT_PREFIX = "cev"
ID_PREFIX = "ctr"
DUE_PK = "CONTRACTDUE"  # gsi5: active contracts with an occurrence not generated yet
REMIND_PK = "CONTRACTREMIND"  # gsi6: active contracts whose expiry reminder is not told yet
NETWORK_PK = "CONTRACTS#NETWORK"  # gsi4: head office's list


def contract_pk(contract_id: str) -> str:
    return f"CONTRACT#{contract_id}"


def callouts_sk(year_from: str) -> str:
    return f"CALLOUTS#{year_from}"


def occurrence_sk(day: str, target: str) -> str:
    """The generator's marker of one occurrence (a date) of one site or unit."""
    return f"OCC#{day}#{target}"


def reminded_sk(ends_on: str) -> str:
    """The reminder job's told-once marker (sla NotifyMarker) of the expiry on `ends_on`: a
    period moved to another end is told again, the same one never twice."""
    return f"REMINDED#{ends_on}"


ORDER_LINK_SK = "CONTRACTLINK"  # the order's OrderContract, in ORDER#<order>
OCC_PREFIX = "OCC#"


def outlet_inspections_pk(outlet: str) -> str:
    """gsi1: an outlet's occurrences by their working day (the monthly report's 巡检 sheet)."""
    return f"OUTLET#{outlet}#INSPECTIONS"


def outlet_inspections_sk(due: str, contract_id: str, target: str) -> str:
    return f"{due}#{contract_id}#{target}"


def outlet_inspection_ends_pk(outlet: str) -> str:
    """gsi2: an outlet's occurrences by their period's last day (the monthly report's 巡检
    sheet: an inspection overdue, or done late, in the month its period ends)."""
    return f"OUTLET#{outlet}#INSPECTIONENDS"


def contract_orders_pk(contract_id: str) -> str:
    """gsi2: the orders created under a contract by their creation (the quarterly report's
    repairs)."""
    return f"CONTRACTORDERS#{contract_id}"


def contract_orders_sk(created_at: str, order_id: str) -> str:
    return f"{created_at}#{order_id}"


def outlet_pk(outlet: str) -> str:
    return f"OUTLET#{outlet}#CONTRACTS"


def outlet_state_pk(outlet: str, state: str) -> str:
    return f"OUTLET#{outlet}#CONTRACTS#{state}"


def renewal_pk(outlet: str) -> str:
    return f"OUTLET#{outlet}#CONTRACTS#RENEWAL"


def customer_pk(customer_id: str) -> str:
    return f"CONTRACTCUST#{customer_id}"


def number(outlet: str, year: str, value: int) -> str:
    return f"WH-{outlet}-{year}-{value:04d}"


def counter_day(year: str) -> str:
    """The kernel numbering's "day" of the series: the contract's year (numbers per year)."""
    return year


def due_sk(next_due_on: str, contract_id: str) -> str:
    return f"{next_due_on}#{contract_id}"


def remind_sk(remind_on: str, contract_id: str) -> str:
    return f"{remind_on}#{contract_id}"


def index(contract: Contract) -> None:
    """The contract's keys and index entries, as its fields are now."""
    contract.pk, contract.sk = contract_pk(contract.id), SK
    order = f"{contract.starts_on}#{contract.id}"
    contract.gsi1pk, contract.gsi1sk = outlet_pk(contract.outlet), order
    contract.gsi2pk, contract.gsi2sk = outlet_state_pk(contract.outlet, contract.state), order
    contract.gsi3pk, contract.gsi3sk = customer_pk(contract.customer_id), order
    contract.gsi4pk, contract.gsi4sk = NETWORK_PK, order
    active = contract.state == "active"
    if active and contract.next_due_on:
        contract.gsi5pk, contract.gsi5sk = DUE_PK, due_sk(contract.next_due_on, contract.id)
    else:
        contract.gsi5pk = contract.gsi5sk = None
    if active and contract.remind_on:
        contract.gsi6pk, contract.gsi6sk = REMIND_PK, remind_sk(contract.remind_on, contract.id)
    else:
        contract.gsi6pk = contract.gsi6sk = None
    if active and contract.renewal_due and not contract.renewed_by:
        contract.gsi7pk, contract.gsi7sk = (renewal_pk(contract.outlet),
                                            f"{contract.ends_on}#{contract.id}")
    else:
        contract.gsi7pk = contract.gsi7sk = None


def index_counter(counter: CalloutCounter) -> None:
    counter.pk, counter.sk = contract_pk(counter.contract_id), callouts_sk(counter.year_from)


def index_occurrence(marker: InspectionOccurrence) -> None:
    """An occurrence marker's keys, and its entry in its outlet's month (when it names the
    outlet: markers of slice 1 do not)."""
    marker.pk = contract_pk(marker.contract_id)
    marker.sk = occurrence_sk(marker.planned, marker.target)
    if marker.outlet:
        marker.gsi1pk = outlet_inspections_pk(marker.outlet)
        marker.gsi1sk = outlet_inspections_sk(marker.due, marker.contract_id, marker.target)
        if marker.period_end:
            marker.gsi2pk = outlet_inspection_ends_pk(marker.outlet)
            marker.gsi2sk = outlet_inspections_sk(marker.period_end, marker.contract_id,
                                                  marker.target)


def index_link(link: OrderContract, created_at: str) -> None:
    """An order's link to its contract: in the order's collection, and among the contract's
    orders by creation."""
    link.pk, link.sk = kernel_keys.order_pk(link.order_id), ORDER_LINK_SK
    link.gsi2pk = contract_orders_pk(link.contract_id)
    link.gsi2sk = contract_orders_sk(created_at, link.order_id)
