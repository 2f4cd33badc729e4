"""Maintenance contracts (维护合同): the contract with its covered sites and units, period, price,
service level, included call-outs, inspection schedule and checklist; renewal; the entitlement
of orders on covered units (coverage, SLA targets, call-outs); the inspection generator and the
expiry reminders (docs/contracts.md)."""

from chalicelib.kernel.parameters import CODE
from chalicelib.kernel.registry import Area
from chalicelib.kernel.validation import ID
from chalicelib.modules.contracts import (
    checklist_routes,
    checklist_schemas,
    inspection_models,
    models,
    report_routes,
    report_schemas,
    routes,
    schemas,
)
from chalicelib.modules.contracts.domain import contracts as rules
from chalicelib.modules.contracts.vocabulary import VOCABULARY

READERS = ("manager", "support", "agent", "technician", "head_office")


def _visible(actor, contract_id: str) -> bool:
    from chalicelib.modules.contracts.usecases import visible

    return visible(actor, contract_id)  # one GetItem, not the contract's whole partition


def _setup() -> None:
    """Fill the hooks other areas leave open (warranty's unit_contract, the SLA's per-order
    targets, the order's create transaction and detail): contracts/hooks.py."""
    from chalicelib.modules.contracts import (
        checklists,
        hooks,
        inspection_clocks,
        inspections,
        monthly,
    )

    hooks.register()
    inspection_clocks.register()  # a generated inspection's deadlines (after the service level)
    monthly.register()  # the monthly report's 巡检 and 巡检明细 sheets
    inspections.register()  # the generated inspection's marker, checklist and event
    checklists.register()  # the checklist answered, its repairs, the gate, the 维护登记表


AREA = Area(
    name="contracts",
    blueprints=(routes.bp, checklist_routes.bp, report_routes.bp),
    models=models.MODELS + inspection_models.MODELS,
    permissions={
        # an outlet's contracts: its staff (their outlet), head office (all); another outlet's
        # contract answers 404
        "contracts.read": READERS,
        "contracts.write": ("manager", "head_office"),
        # an inspection's checklist: the order's technicians (checked on the order) and the
        # outlet's manager and support (contracts/checklists.py)
        "contracts.checklist": ("technician", "manager", "support"),
    },
    locators={"contract_id": _visible},
    path={"contract_id": schemas.CONTRACT_ID},
    query_on_path={
        ("/api/contracts", "state"): {"enum": list(rules.STATES),
                                       "description": "a contract's state"},
        ("/api/contracts", "customer_id"): {**ID, "description": "the customer's contracts"},
        ("/api/contracts", "renewal_due"): {"enum": ["1", "true", "0", "false"],
                                             "description": "true: those to renew (待续签)"},
        ("/api/contracts", "outlet"): CODE,
    },
    vocabulary=VOCABULARY,
    schemas={**schemas.SCHEMAS, **checklist_schemas.SCHEMAS, **report_schemas.SCHEMAS},
    messages={**schemas.MESSAGES, **checklist_schemas.MESSAGES, **report_schemas.MESSAGES},
    setup=_setup,
)
