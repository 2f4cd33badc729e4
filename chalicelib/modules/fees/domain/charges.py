"""An order's fee lines (费用明细) and its final charge: what each line charges the customer and
what it costs the company, and how the final sheet may differ from the confirmed quote (seed
001 §17 4.2.1.3–4.2.1.5; 001 §5 第三章第10条 "不得超出规定维修费的一倍"; 001 §19 十: lowering or
waiving needs the 主管经理).

The prices themselves (list price, amount, coverage per line, charge, approval reason) are the
quote's rules (warranty domain/quotes.py), applied by the use case through warranty.public: one
source. What is the fees' own:

- **Internal cost** per line: a catalogue part costs finance's cost price × quantity (a part
  without a catalogue code: its list price); labour costs hours × the internal labour rate
  (INTERNAL_LABOUR_FEN_PER_HOUR); call-out, travel, lodging, meals and allowance cost their
  amount at list price (what the trip costs), whether or not the customer pays it.
- **The quote.** Each line of the sheet is matched to the confirmed quote's line of the same
  kind and component (then description); a matched line whose quantity, unit price or waiver
  differs needs a `reason`, and so does a line the quote did not have when it charges the
  customer. A quote line cannot be dropped (waive it instead, with a reason). A line unchanged
  from the quote needs no approval again: the quote's approval (or the list price) holds.
- **Approval**: a changed or new line above 2× the list, below it or waived → the sheet waits
  for a manager (pending_approval); otherwise it is approved. The order's acceptance settles it
  (final) and is refused while it waits.

Pure: no I/O. Money is integer fen, quantities integer hundredths.
"""

from __future__ import annotations

from dataclasses import dataclass

INTERNAL_LABOUR_FEN_PER_HOUR = 6000  # the company's cost of one technician hour (policy)
LABOUR, PART = "labour", "part"
STATES = ("draft", "pending_approval", "approved", "final")
# the order has been accepted by the customer (or is further on): its fees are settled
SETTLED_ORDER_STATES = ("accepted", "visited", "archived")
CLOSED_ORDER_STATES = ("cancelled",)


class FeeProblem(ValueError):
    """Bad input for a sheet: (field path, code, parameters)."""

    def __init__(self, field: str, code: str, params: dict | None = None):
        super().__init__(field, code)
        self.field, self.code, self.params = field, code, params or {}


class FeeProblems(ValueError):
    """Several bad fields at once."""

    def __init__(self, problems: list[FeeProblem]):
        super().__init__(len(problems))
        self.problems = problems


def amount(quantity_hundredths: int, unit_fen: int) -> int:
    """quantity × unit price in fen, rounded half up (the quote's rule, integers only)."""
    return (int(quantity_hundredths) * int(unit_fen) + 50) // 100


def text_key(text: str | None) -> str:
    """A text compared as the quote matches it (spaces removed, case folded)."""
    return "".join((text or "").split()).casefold()


def match_quote(lines: list[dict], quote_lines: list[dict]) -> list[int | None]:
    """For each line, the index of the quote line it stands for (or None): the same kind and
    component, the same description first; each quote line matched once."""
    used: set[int] = set()
    found: list[int | None] = [None] * len(lines)
    for exact in (True, False):
        for i, line in enumerate(lines):
            if found[i] is not None:
                continue
            for j, quoted in enumerate(quote_lines):
                if j in used or quoted["kind"] != line["kind"]:
                    continue
                if text_key(quoted.get("component")) != text_key(line.get("component")):
                    continue
                if exact and (text_key(quoted.get("description"))
                              != text_key(line.get("description"))):
                    continue
                found[i] = j
                used.add(j)
                break
    return found


def changed_from(line: dict, quoted: dict) -> bool:
    """Whether a line differs from its quote line in quantity, unit price or waiver."""
    return (int(line["quantity_hundredths"]) != int(quoted["quantity_hundredths"])
            or int(line["unit_price_fen"]) != int(quoted["unit_price_fen"])
            or bool(line.get("waived")) != bool(quoted.get("waive")))


def line_cost(kind: str, quantity_hundredths: int, list_price_fen: int,
              part_cost_fen: int | None) -> int:
    """What a line costs the company (see the module's text)."""
    if kind == LABOUR:
        return amount(quantity_hundredths, INTERNAL_LABOUR_FEN_PER_HOUR)
    if kind == PART and part_cost_fen is not None:
        return amount(quantity_hundredths, part_cost_fen)
    return amount(quantity_hundredths, list_price_fen)


@dataclass
class Sheet:
    lines: list[dict]
    charge_fen: int
    cost_fen: int

    @property
    def approval_reasons(self) -> list[str]:
        found = {line["needs_approval"] for line in self.lines if line["needs_approval"]}
        return [r for r in ("above_limit", "discount", "waived") if r in found]

    @property
    def state(self) -> str:
        return "pending_approval" if self.approval_reasons else "approved"


def settle(priced: list[dict], given: list[dict], quote_lines: list[dict] | None,
           matches: list[int | None], part_costs: list[int | None],
           require_reasons: bool = True) -> Sheet:
    """The sheet's lines from the lines as priced by the quote's rules (`priced`: kind,
    description, component, quantity_hundredths, unit_price_fen, list_price_fen, waive,
    coverage, charge_fen, needs_approval), the lines as given (part_code, reason), the confirmed
    quote's lines (None: no confirmed quote) with each line's match, and each line's part cost
    price (None: not a catalogue part). With `require_reasons`, a change from the quote without
    a reason raises FeeProblems naming `lines.<i>.reason` (and `lines` for a dropped quote
    line)."""
    problems: list[FeeProblem] = []
    lines = []
    for i, (line, entry, match, cost) in enumerate(zip(priced, given, matches, part_costs,
                                                       strict=True)):
        quoted = quote_lines[match] if quote_lines is not None and match is not None else None
        waived = bool(line.get("waive"))
        out = {
            "id": f"L{i + 1}", "kind": line["kind"], "description": line.get("description"),
            "component": line.get("component"), "part_code": entry.get("part_code"),
            "quantity_hundredths": int(line["quantity_hundredths"]),
            "unit_price_fen": int(line["unit_price_fen"]),
            "list_price_fen": int(line["list_price_fen"]), "coverage": line.get("coverage"),
            "charge_fen": int(line["charge_fen"]),
            "cost_fen": line_cost(line["kind"], int(line["quantity_hundredths"]),
                                  int(line["list_price_fen"]), cost),
            "waived": waived, "reason": entry.get("reason") or None,
            "from_quote": quoted is not None, "changed_from_quote": False,
            "needs_approval": line.get("needs_approval"),
        }
        if quoted is not None:
            out["changed_from_quote"] = changed_from(out, quoted)
            if not out["changed_from_quote"]:
                out["needs_approval"] = None  # the quote's approval (or its list price) holds
        needs_reason = quote_lines is not None and (
            out["changed_from_quote"] or (quoted is None and out["charge_fen"] > 0))
        if require_reasons and needs_reason and not out["reason"]:
            problems.append(FeeProblem(f"lines.{i}.reason", "reason_required"))
        lines.append(out)
    if require_reasons and quote_lines is not None:
        kept = {m for m in matches if m is not None}
        dropped = [j for j in range(len(quote_lines)) if j not in kept]
        if dropped:
            first = quote_lines[dropped[0]]
            problems.append(FeeProblem("lines", "quote_line_missing", {
                "kind": first["kind"], "description": first.get("description") or ""}))
    if problems:
        raise FeeProblems(problems)
    return Sheet(lines, sum(line["charge_fen"] for line in lines),
                 sum(line["cost_fen"] for line in lines))


def editable(order_state: str, sheet_state: str | None) -> str | None:
    """Why the sheet may not be changed now (an error code), or None."""
    if sheet_state == "final" or order_state in SETTLED_ORDER_STATES:
        return "fees_final"
    if order_state in CLOSED_ORDER_STATES:
        return "invalid_transition"
    return None


def outstanding(charge_fen: int, paid_fen: int) -> int:
    """What the customer still owes (never negative: an overpayment is not a debt)."""
    return max(int(charge_fen) - int(paid_fen), 0)

