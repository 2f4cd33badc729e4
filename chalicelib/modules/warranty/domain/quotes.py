"""The quote (费用通知/报价单): its lines priced from the list, what the customer pays, and where
it stands (seed 001 §17 4.2.1.5 and 6.2.4; 001 §5 第三章第10条; 001 §19 十).

- Each line is priced per unit in fen; labour, call-out, travel, lodging, meals and allowance
  take their list price from the unit's template (维修项目与收费标准表), a part brings its own
  (the parts catalogue comes later). A quantity has at most 2 decimals and is kept as an integer
  number of hundredths; a line's amount is quantity × unit price rounded half up to the fen.
  Nothing here is a float.
- A line whose coverage (the coverage decision's line for its component, else the whole
  machine's, else the order's) is warranty or contract is free: its charge is 0. A waived line
  is free too.
- "严禁乱报价(超出规定维修费的一倍)": a unit price above twice the list, below the list (a
  discount) or a waiver needs a manager's approval before the customer is asked.
- States: pending_approval → approved (by a manager) → confirmed or refused by the customer;
  refused → released by head office (总经理). A new revision starts again from the top.

Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from chalicelib.modules.warranty.domain.terms import normal_component

KINDS = ("labour", "part", "call_out", "travel", "lodging", "meals", "allowance")
# which list price a line of each kind takes (domain/terms.py PRICE_ITEMS); a part has its own
PRICE_ITEM_OF_KIND = {"labour": "labour_hour", "call_out": "call_out", "travel": "travel_km",
                      "lodging": "lodging_night", "meals": "meals_day",
                      "allowance": "allowance_day"}
PART = "part"
STATES = ("draft", "pending_approval", "approved", "confirmed", "refused", "released")
GO_AHEAD = ("confirmed", "released")  # a paid order may be dispatched
QUOTE_REQUIRED = ("paid", "mixed")  # the order coverages that need a confirmed quote
FREE_COVERAGE = ("warranty", "contract")
PRICE_LIMIT_FACTOR = 2  # above twice the list price needs approval (2× itself does not)
# why a line needs a manager's approval, strongest first
APPROVAL_REASONS = ("above_limit", "discount", "waived")
QUANTITY_DECIMALS = 2


class QuoteProblem(ValueError):
    """Bad input for a quote: (field path inside the action's data, code, parameters)."""

    def __init__(self, field: str, code: str, params: dict | None = None):
        super().__init__(field, code)
        self.field, self.code, self.params = field, code, params or {}


class QuoteConflict(Exception):
    """The quote is not where the action needs it (an error code: quote_needs_approval…)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


# ---------------------------------------------------------------- money

def hundredths(quantity, field: str = "quantity") -> int:
    """A quantity as an integer number of hundredths, exactly (1.25 → 125); more than 2
    decimals is refused. A JSON number arrives as int or float: its shortest decimal form is
    the one the client wrote."""
    if isinstance(quantity, bool) or not isinstance(quantity, int | float | Decimal | str):
        raise QuoteProblem(field, "type", {"expected": "number"})
    try:
        exact = Decimal(str(quantity))
    except InvalidOperation:
        raise QuoteProblem(field, "type", {"expected": "number"}) from None
    if not exact.is_finite() or exact <= 0:
        raise QuoteProblem(field, "exclusiveMinimum", {"limit": 0})
    if exact.as_tuple().exponent < -QUANTITY_DECIMALS and exact != exact.quantize(Decimal("0.01")):
        raise QuoteProblem(field, "decimals", {"limit": QUANTITY_DECIMALS})
    return int(exact * 100)


def amount_fen(quantity_hundredths: int, unit_price_fen: int) -> int:
    """quantity × unit price in fen, rounded half up (integers only: exact)."""
    return (int(quantity_hundredths) * int(unit_price_fen) + 50) // 100


def quantity_value(quantity_hundredths: int) -> int | Decimal:
    """The quantity as written (125 → 1.25; 200 → 2) for views and documents."""
    whole, part = divmod(int(quantity_hundredths), 100)
    return whole if part == 0 else Decimal(int(quantity_hundredths)) / 100


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals ("1234.50"), for documents."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(int(fen)), 100)
    return f"{sign}{whole}.{part:02d}"


# ---------------------------------------------------------------- coverage of a line

def _effective(line: dict) -> str | None:
    override = line.get("override") or {}
    return override.get("result") or line.get("result")


def line_coverage(component: str | None, decision_lines: list[dict],
                  order_coverage: str | None) -> str | None:
    """What covers a quote line: the decision's line for its component, else the decision's
    whole-machine line (component None), else the order's coverage."""
    if component:
        key = normal_component(component)
        for line in decision_lines:
            if line.get("component") and normal_component(line["component"]) == key:
                return _effective(line)
    whole = next((line for line in decision_lines if not line.get("component")), None)
    if whole is not None:
        return _effective(whole)
    return order_coverage


# ---------------------------------------------------------------- pricing

@dataclass
class Priced:
    lines: list[dict]
    total_fen: int  # the work at the quoted prices
    charge_fen: int  # what the customer pays

    @property
    def approval_reasons(self) -> list[str]:
        found = {line["needs_approval"] for line in self.lines if line["needs_approval"]}
        return [r for r in APPROVAL_REASONS if r in found]

    @property
    def state(self) -> str:
        return "pending_approval" if self.approval_reasons else "approved"


def needs_approval(unit_price_fen: int, list_price_fen: int, waive: bool) -> str | None:
    """Why a line needs a manager's approval (the strongest reason), or None."""
    if unit_price_fen > PRICE_LIMIT_FACTOR * list_price_fen:
        return "above_limit"
    if unit_price_fen < list_price_fen:
        return "discount"
    if waive:
        return "waived"
    return None


def price(lines: list[dict], prices: dict, decision_lines: list[dict],
          order_coverage: str | None) -> Priced:
    """Price the lines as the action's data gives them (valid by the action's schema): each
    with its list price, amount, coverage, charge and approval reason, and the totals. Client
    amounts and totals are not read. Raises QuoteProblem naming `lines.<i>.<field>`."""
    priced = []
    for i, line in enumerate(lines):
        kind = line["kind"]
        if kind not in KINDS:
            raise QuoteProblem(f"lines.{i}.kind", "enum", {"choices": ", ".join(KINDS)})
        quantity = hundredths(line["quantity"], f"lines.{i}.quantity")
        unit_price = int(line["unit_price_fen"])
        if kind == PART:
            if line.get("list_price_fen") is None:
                raise QuoteProblem(f"lines.{i}.list_price_fen", "required")
            listed = int(line["list_price_fen"])
        else:
            if line.get("list_price_fen") is not None:
                raise QuoteProblem(f"lines.{i}.list_price_fen", "list_price_from_template")
            listed = int(prices[PRICE_ITEM_OF_KIND[kind]])
        waive = bool(line.get("waive"))
        amount = amount_fen(quantity, unit_price)
        coverage = line_coverage(line.get("component"), decision_lines, order_coverage)
        covered = coverage in FREE_COVERAGE
        priced.append({
            "kind": kind, "description": line.get("description"),
            "component": line.get("component"), "quantity_hundredths": quantity,
            "unit_price_fen": unit_price, "list_price_fen": listed, "waive": waive,
            "amount_fen": amount, "coverage": coverage, "covered": covered,
            "charge_fen": 0 if covered or waive else amount,
            "needs_approval": needs_approval(unit_price, listed, waive),
        })
    return Priced(priced, sum(line["amount_fen"] for line in priced),
                  sum(line["charge_fen"] for line in priced))


def reprice_coverage(lines: list[dict], decision_lines: list[dict],
                     order_coverage: str | None) -> tuple[list[dict], int]:
    """The stored lines with their coverage and charge as the decision stands now (a coverage
    change after the quote moves what the customer pays), and the new charge total."""
    out = []
    for line in lines:
        coverage = line_coverage(line.get("component"), decision_lines, order_coverage)
        covered = coverage in FREE_COVERAGE
        out.append({**line, "coverage": coverage, "covered": covered,
                    "charge_fen": 0 if covered or line.get("waive") else int(line["amount_fen"])})
    return out, sum(int(line["charge_fen"]) for line in out)


# ---------------------------------------------------------------- where it stands

def quote_required(order_coverage: str | None) -> bool:
    return order_coverage in QUOTE_REQUIRED


def may_go_ahead(order_coverage: str | None, quote_state: str | None) -> bool:
    """Whether an order may be dispatched as far as its quote goes."""
    return not quote_required(order_coverage) or quote_state in GO_AHEAD


# Where the quote must stand for each step on it, and what is said otherwise (the customer may
# confirm a quote they refused before; a link is sent for an approved one not decided yet).
# A quote waiting for the manager is always "needs approval" for the customer's steps.
STEPS_FROM: dict[str, tuple[tuple[str, ...], str]] = {
    "approve": (("pending_approval",), "quote_not_pending"),
    "confirm": (("approved", "refused"), "quote_decided"),
    "refuse": (("approved",), "quote_decided"),
    "release": (("refused",), "quote_not_refused"),
    "link": (("approved",), "quote_decided"),
}


def check_step(step: str, state: str | None) -> None:
    """Whether the quote (its state; None: no quote) allows `step`: QuoteConflict otherwise."""
    allowed, otherwise = STEPS_FROM[step]
    if state is None:
        raise QuoteConflict("no_quote")
    if state in allowed:
        return
    if state == "pending_approval":
        raise QuoteConflict("quote_needs_approval")
    raise QuoteConflict(otherwise)


def checker(step: str):
    """check_step for one step, as a function of the quote's state."""
    return lambda state: check_step(step, state)


check_approve, check_confirm, check_refuse, check_release, check_link = (
    checker(step) for step in ("approve", "confirm", "refuse", "release", "link"))


def expired(valid_until: str | None, today: str) -> bool:
    """Past its validity (both YYYY-MM-DD, the outlet's day)."""
    return bool(valid_until) and today > valid_until
