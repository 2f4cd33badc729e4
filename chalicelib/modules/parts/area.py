"""Spare parts (备品配件): head office's catalogue, each outlet's warehouse with its ledger, the
requisition on a work order (见单发料) with its approval, issue, use and return, transfers
between warehouses (调拨单), stock counts (盘点), reorder suggestions and ABC classes."""

from chalicelib.kernel.registry import EVERYONE, Area
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
    blueprints=(),  # the helpers' route modules are added here
    models=(Part, PartEvent, Stock, LedgerEntry, Consumption, Suggestion, JobMark, Requisition,
            PartsException, Transfer, StockCount, CountLine),
    permissions={
        "parts.catalogue.read": EVERYONE,
        "parts.catalogue.write": ("head_office",),
        "parts.stock.read": OFFICE,
        "parts.stock.write": ("warehouse",),
        "parts.requisitions.read": EVERYONE,
        "parts.requisitions.create": ("technician", "support", "manager"),
        "parts.requisitions.approve": ("manager", "head_office"),
        "parts.requisitions.issue": ("warehouse",),
        "parts.requisitions.receive": ("technician",),
        "parts.exceptions.write": ("manager",),
        "parts.transfers.read": ("warehouse", "manager", "head_office"),
        "parts.transfers.write": ("warehouse", "head_office"),
        "parts.counts.read": ("warehouse", "manager", "head_office"),
        "parts.counts.write": ("warehouse",),
        "parts.counts.approve": ("manager",),
    },
    vocabulary=VOCABULARY,
    setup=_setup,
    schemas={},
    messages=MESSAGES,
)
