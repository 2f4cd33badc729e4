"""Stock figures and movements (pure): what each movement does to a stock line, when a line is
below its reorder point (库存预警), and the purchase a low line suggests."""

from __future__ import annotations

from dataclasses import dataclass

MAX_QUANTITY = 100000  # one movement, line or stock level: parts are counted in ones
FIGURES = ("on_hand", "reserved", "on_order", "defective", "in_transit_in", "in_transit_out")

# movement -> the figures it may change (the ledger's vocabulary `stock_movement`)
MOVEMENTS: dict[str, tuple[str, ...]] = {
    "receive": ("on_hand", "on_order"),  # 入库: goods from a supplier
    "order": ("on_order",),  # a purchase suggestion ordered
    "reserve": ("reserved",),  # a requisition approved
    "release": ("reserved",),  # an approved requisition cancelled or rejected
    "issue": ("on_hand", "reserved"),  # 发料 against an approved requisition
    "use": (),  # the issued part went into the repair: a record, no figure changes
    "return": ("on_hand",),  # 退料: unused, back into stock
    "defective": ("defective",),  # faulty, into the defective bin
    "supplier_return": ("defective",),  # the defective bin back to the supplier
    "send": ("on_hand", "in_transit_out"),  # a transfer leaves
    "announce": ("in_transit_in",),  # … and is on its way to the receiving warehouse
    "arrive": ("on_hand", "in_transit_in"),  # the transfer received
    "delivered": ("in_transit_out",),  # … no longer in transit at the sender
    "adjust": ("on_hand",),  # a count's variance posted
}


class Shortfall(ValueError):
    """A movement would take a figure below zero."""

    def __init__(self, code: str, figure: str, have: int, change: int):
        super().__init__(f"{code}: {figure} {have} {change:+d}")
        self.code, self.figure, self.have, self.change = code, figure, have, change


def apply(code: str, figures: dict[str, int], movement: str, deltas: dict[str, int]) -> dict[str, int]:
    """The figures after a movement; refuses a figure the movement does not change, and any
    figure that would fall below zero (Shortfall). `reserved` may not fall below zero either:
    a release or issue of more than was reserved is clamped there (an issue of an approved line
    whose reservation was already released by a correction)."""
    allowed = MOVEMENTS[movement]
    after = {f: int(figures.get(f) or 0) for f in FIGURES}
    for figure, change in deltas.items():
        if figure not in allowed:
            raise ValueError(f"{movement} does not change {figure}")
        value = after[figure] + int(change)
        if value < 0:
            if figure == "reserved":
                value = 0
            else:
                raise Shortfall(code, figure, after[figure], int(change))
        after[figure] = value
    return after


def projected(figures: dict[str, int]) -> int:
    """What the warehouse will have once orders arrive and reservations are issued."""
    return int(figures.get("on_hand") or 0) + int(figures.get("on_order") or 0) - int(
        figures.get("reserved") or 0)


def is_low(figures: dict[str, int], reorder_point: int) -> bool:
    """库存预警: on hand + on order − reserved below the reorder point (none set: never low)."""
    return int(reorder_point or 0) > 0 and projected(figures) < int(reorder_point)


@dataclass(frozen=True)
class Proposal:
    quantity: int
    rule: str  # the arithmetic, shown with the suggestion


def proposal(figures: dict[str, int], reorder_point: int, max_level: int) -> Proposal | None:
    """The purchase a low line suggests: up to its maximum (None when it is not low, or when
    the maximum leaves nothing to order)."""
    if not is_low(figures, reorder_point):
        return None
    have = projected(figures)
    quantity = int(max_level or 0) - have
    if quantity <= 0:
        return None
    on_hand, on_order, reserved = (int(figures.get(f) or 0) for f in ("on_hand", "on_order", "reserved"))
    rule = (f"{on_hand} + {on_order} − {reserved} = {have} < {int(reorder_point)} → "
            f"{int(max_level)} − {have} = {quantity}")
    return Proposal(quantity, rule)
