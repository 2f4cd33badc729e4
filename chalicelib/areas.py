"""The business areas of the app, one line each (docs/architecture.md: adding an area)."""

from chalicelib.kernel import registry
from chalicelib.modules.complaints.area import AREA as COMPLAINTS
from chalicelib.modules.conduct.area import AREA as CONDUCT
from chalicelib.modules.consultations.area import AREA as CONSULTATIONS
from chalicelib.modules.contracts.area import AREA as CONTRACTS
from chalicelib.modules.customers.area import AREA as CUSTOMERS
from chalicelib.modules.directory.area import AREA as DIRECTORY
from chalicelib.modules.evidence.area import AREA as EVIDENCE
from chalicelib.modules.fees.area import AREA as FEES
from chalicelib.modules.figures.area import AREA as FIGURES
from chalicelib.modules.notifications.area import AREA as NOTIFICATIONS
from chalicelib.modules.orders.area import AREA as ORDERS
from chalicelib.modules.parts.area import AREA as PARTS
from chalicelib.modules.sla.area import AREA as SLA
from chalicelib.modules.technicians.area import AREA as TECHNICIANS
from chalicelib.modules.warranty.area import AREA as WARRANTY

AREAS = (
    DIRECTORY,
    CUSTOMERS,
    ORDERS,
    WARRANTY,
    PARTS,
    EVIDENCE,
    SLA,
    NOTIFICATIONS,
    FIGURES,
    COMPLAINTS,
    CONSULTATIONS,
    CONDUCT,
    TECHNICIANS,
    FEES,
    CONTRACTS,
)

registry.install(AREAS)
