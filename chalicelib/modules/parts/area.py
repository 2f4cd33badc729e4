"""Spare parts (备品配件): head office's catalogue, each outlet's warehouse with its ledger, the
requisition on a work order (见单发料) with its approval, issue, use and return, transfers
between warehouses (调拨单), stock counts (盘点), reorder suggestions and ABC classes."""

from chalicelib.kernel.access import may_read_outlet
from chalicelib.kernel.parameters import CODE as OUTLET_CODE
from chalicelib.kernel.registry import EVERYONE, Area
from chalicelib.modules.parts import (
    catalogue_routes,
    catalogue_schemas,
    count_routes,
    count_schemas,
    requisition_routes,
    requisition_schemas,
    transfer_routes,
    transfer_schemas,
    warehouse_routes,
    warehouse_schemas,
)
from chalicelib.modules.parts.domain.catalogue import CODE_SCHEMA, MAX_QUERY
from chalicelib.modules.parts.errors import MESSAGES
from chalicelib.modules.parts.models import (
    Consumption,
    CountLine,
    JobMark,
    LedgerEntry,
    Part,
    PartEvent,
    PartsException,
    Requisition,
    Stock,
    StockCount,
    Suggestion,
    Transfer,
)
from chalicelib.modules.parts.vocabulary import VOCABULARY

OFFICE = ("warehouse", "manager", "support", "head_office")


def _setup() -> None:
    """The work order's hooks: the completion's parts (parts/order_hooks.py)."""
    from chalicelib.modules.parts import order_hooks

    order_hooks.register()


AREA = Area(
    name="parts",
    # the helpers' route modules are added here
    blueprints=(catalogue_routes.bp, warehouse_routes.bp, requisition_routes.bp,
                transfer_routes.bp, count_routes.bp),
    models=(Part, PartEvent, Stock, LedgerEntry, Consumption, Suggestion, JobMark, Requisition,
            PartsException, Transfer, StockCount, CountLine),
    permissions={
        "parts.catalogue.read": EVERYONE,
        "parts.catalogue.write": ("head_office",),
        "parts.stock.read": OFFICE,
        "parts.stock.write": ("warehouse",),
        "parts.requisitions.read": EVERYONE,
        "parts.requisitions.create": ("technician", "support", "manager"),
        # the queues (to approve, head office's, to issue, to return) and their menu
        "parts.requisitions.queues": ("manager", "support", "warehouse", "head_office"),
        "parts.requisitions.approve": ("manager", "head_office"),
        "parts.requisitions.issue": ("warehouse",),
        "parts.requisitions.receive": ("technician",),
        "parts.exceptions.write": ("manager",),
        # the parts' internal cost (the customer's price is everyone's who reads the order)
        "parts.costs.read": ("manager", "warehouse", "head_office"),
        "parts.transfers.read": ("warehouse", "manager", "head_office"),
        "parts.transfers.write": ("warehouse", "head_office"),
        "parts.counts.read": ("warehouse", "manager", "head_office"),
        "parts.counts.write": ("warehouse",),
        "parts.counts.approve": ("manager",),
    },
    vocabulary=VOCABULARY,
    setup=_setup,
    schemas={**catalogue_schemas.SCHEMAS, **warehouse_schemas.SCHEMAS,
             **requisition_schemas.SCHEMAS, **transfer_schemas.SCHEMAS,
             **count_schemas.SCHEMAS},
    messages={**MESSAGES, **catalogue_schemas.MESSAGES, **warehouse_schemas.MESSAGES,
              **requisition_schemas.MESSAGES, **transfer_schemas.MESSAGES,
              **count_schemas.MESSAGES},
    # a user of another outlet naming its warehouse in a path: 404, not 403
    locators={"outlet": may_read_outlet},
    path={"outlet": {**OUTLET_CODE, "description": "outlet code (its warehouse, its budget)"},
          # a part's code as the catalogue keeps it (upper case; a path in lower case is read
          # upper-cased by the use cases)
          "part_code": CODE_SCHEMA,
          "requisition_action": {"enum": list(requisition_schemas.rules.ACTIONS),
                                 "description": "what to do with the requisition"}},
    query_on_path={
        ("/api/parts/transfers", "direction"): transfer_schemas.DIRECTION,
        ("/api/parts/requisitions", "queue"): {
            "enum": list(requisition_schemas.rules.QUEUES),
            "description": "to_approve, head_office, to_issue or to_return"},
        ("/api/parts", "q"): {"type": "string", "maxLength": MAX_QUERY,
                              "description": "code, name or pinyin-initials prefix"},
        ("/api/parts/warehouses/{outlet}/stock", "q"): {
            "type": "string", "maxLength": 40, "description": "part code prefix"},
        ("/api/parts/warehouses/{outlet}/stock", "low"): {
            "enum": ["true", "false", "1", "0"], "description": "only lines below their "
                                                           "reorder point (库存预警)"}},
)
