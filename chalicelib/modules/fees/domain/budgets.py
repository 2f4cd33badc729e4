"""An outlet's yearly after-sales budget (年度售后费用预算, 000 §六): the rules, pure.

Per category (维修、保养、技术支持、客户回访、培训) the budget keeps the limit head office set, what
approved 费用增加申请 raised it by, and what was spent. The ceiling is limit + raised; what is
left is ceiling − spent (negative once overspent while "stop" was off). Money is integer fen.

A spend is booked only if the budget is not stopped, or the category has room for it:
stop = false OR spent + amount ≤ limit + raised. The store keeps `room` = limit + raised − spent
per category so that DynamoDB can check that in the booking's one conditional update (a
condition expression cannot add): room ≥ amount.

Thresholds are on the year's total: 80 % of the total ceiling tells the outlet's managers,
100 % tells head office, each once a year (docs/fees.md, "Budgets")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# the categories (the vocabulary `budget_category` of the fees area, in its order)
CATEGORIES = ("repair", "maintenance", "support", "visits", "training")
AMOUNTS = ("limit_fen", "raised_fen", "spent_fen", "room_fen")  # kept per category
WARNING, USED_UP = 80, 100  # per cent of the year's total ceiling
LEVELS = (WARNING, USED_UP)
MAX_FEN = 10**13  # 1000 亿元: far above any outlet's year, below what a number keeps exactly
DECISIONS = ("approve", "reject")


def attribute(category: str, amount: str) -> str:
    """The stored attribute of a category's amount (flat: a booking's ADD creates it)."""
    return f"{category}_{amount}"


@dataclass(frozen=True)
class Figures:
    limit_fen: int = 0
    raised_fen: int = 0
    spent_fen: int = 0

    @property
    def ceiling_fen(self) -> int:
        return self.limit_fen + self.raised_fen

    @property
    def remaining_fen(self) -> int:
        return self.ceiling_fen - self.spent_fen

    @property
    def used_rate(self) -> float | None:
        """spent / ceiling (0.8 is 80 %) rounded DOWN to 4 decimals (79.996 % shows 0.7999,
        never 0.8: the figure shown passes a threshold only once `reached` says so); None
        without a ceiling."""
        if self.ceiling_fen <= 0:
            return None
        return (self.spent_fen * 10_000 // self.ceiling_fen) / 10_000

    def view(self) -> dict:
        return {"limit_fen": self.limit_fen, "raised_fen": self.raised_fen,
                "spent_fen": self.spent_fen, "remaining_fen": self.remaining_fen,
                "used_rate": self.used_rate}


def figures(stored: Mapping[str, object]) -> dict[str, Figures]:
    """Each category's figures from the stored amounts (a missing amount is 0)."""
    def amount(category: str, name: str) -> int:
        return int(stored.get(attribute(category, name)) or 0)

    return {c: Figures(amount(c, "limit_fen"), amount(c, "raised_fen"), amount(c, "spent_fen"))
            for c in CATEGORIES}


def total(by_category: Mapping[str, Figures]) -> Figures:
    return Figures(sum(f.limit_fen for f in by_category.values()),
                   sum(f.raised_fen for f in by_category.values()),
                   sum(f.spent_fen for f in by_category.values()))


def reached(year: Figures) -> tuple[int, ...]:
    """The thresholds the year's spending has reached (none without a ceiling)."""
    if year.ceiling_fen <= 0:
        return ()
    return tuple(level for level in LEVELS if year.spent_fen * 100 >= level * year.ceiling_fen)


def may_book(stop: bool, room_fen: int, amount_fen: int) -> bool:
    """The booking's condition, as the store's conditional update checks it."""
    return not stop or room_fen >= amount_fen


def bookable_fen(stop: bool, remaining_fen: int) -> int | None:
    """What can still be booked in a category: its remaining budget (never below 0) while the
    budget is stopped; None (no limit) while it is not."""
    return max(0, remaining_fen) if stop else None


def limit_deltas(current: Mapping[str, int], asked: Mapping[str, int]) -> dict[str, int]:
    """The change of each category's limit (a category not asked for keeps its limit: 0)."""
    return {c: int(asked[c]) - int(current.get(c, 0)) if c in asked else 0 for c in CATEGORIES}


def percent(year: Figures) -> int:
    """The used share as whole per cent, rounded down (79.99 % is not yet 80 %)."""
    return year.spent_fen * 100 // year.ceiling_fen if year.ceiling_fen > 0 else 0


# the category an order's internal cost is booked to, by the order's type (others: repair)
ORDER_CATEGORIES = {"maintenance": "maintenance", "inspection": "maintenance",
                    "tech_support": "support", "installation": "support",
                    "consultation": "support"}


def category_for_order(order_type: str | None) -> str:
    return ORDER_CATEGORIES.get(order_type or "", "repair")
