"""An order's fee lines (费用明细) and its final charge: what each line charges the customer and
what it costs the company, and how the final sheet may differ from the confirmed quote (seed
001 §17 4.2.1.3–4.2.1.5; 001 §5 第三章第10条 "不得超出规定维修费的一倍"; 001 §19 十: lowering or
waiving needs the 主管经理).

The prices themselves (list price, amount, coverage per line, charge, approval reason) are the
quote's rules (warranty domain/quotes.py), applied by the use case through warranty.public: one
source. What is the fees' own:

- **Internal cost** per line (`unit_cost`; the use case takes quantity × it by the quote's
  amount rule): a part known to the catalogue (issued to the order, or named by its code)
  costs finance's cost price (a part without one: its list price); labour costs hours × the
  internal labour rate (INTERNAL_LABOUR_FEN_PER_HOUR); call-out, travel, lodging, meals and
  allowance (`TRIP_KINDS`) cost 0 on the sheet, whether or not the customer pays them: an
  approved travel claim is the one source of a trip's internal cost (the real cost, with
  receipts, approved by head office), so a sheet never books it too (`cost_source`: "claim"
  for them, "sheet" for the others). The sheet's cost (what the acceptance books) is labour +
  parts.
- **The draft's parts** (`match_parts`): a quote part line stands for the part issued to the
  order whose code its text names or whose catalogue name it is; a part issued that no quote
  line names and a quote part line that names no part issued (or a matched pair whose
  quantities differ) are not merged by guess: the draft needs someone's review
  (`parts_unmatched`).
- **Outdated** (`OUTDATED_REASONS`): a saved sheet no longer matches the order when the
  confirmed quote was revised since, the parts used changed, or its lines priced again with the
  coverage and prices as they stand now differ; the acceptance refuses to settle it then.
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
# a trip's lines: charged to the customer as listed, their internal cost is the travel claim's
TRIP_KINDS = ("call_out", "travel", "lodging", "meals", "allowance")
SHEET, CLAIM = "sheet", "claim"  # who books a line's internal cost (vocabulary fee_cost_source)
STATES = ("draft", "pending_approval", "approved", "final")
# why a sheet no longer matches its order (vocabulary `fees_outdated_reason`)
OUTDATED_REASONS = ("quote_revised", "coverage_changed", "prices_changed", "parts_changed",
                    "parts_unmatched")
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


def cost_source(kind: str) -> str:
    """Who books a line's internal cost: an approved travel claim for a trip's lines, else the
    sheet (at the order's acceptance)."""
    return CLAIM if kind in TRIP_KINDS else SHEET


def unit_cost(kind: str, list_price_fen: int, part_cost_fen: int | None) -> int:
    """What one unit of a line (an hour, a km, a piece) costs the company as the sheet books it
    (see the module's text): a trip's line 0 (its claim books it); `part_cost_fen`: finance's
    cost price of a known part, else None."""
    if cost_source(kind) == CLAIM:
        return 0
    if kind == LABOUR:
        return INTERNAL_LABOUR_FEN_PER_HOUR
    if kind == PART and part_cost_fen is not None:
        return int(part_cost_fen)
    return int(list_price_fen)


def names_part(quoted: dict, part: dict) -> bool:
    """Whether a quote part line's text stands for this part issued (its code in the text, or
    the text its catalogue name)."""
    text = text_key(quoted.get("description"))
    code = text_key(part.get("code"))
    return bool(text) and ((bool(code) and code in text) or text == text_key(part.get("name")))


def match_parts(quote_parts: list[dict], used: list[dict]) -> tuple[dict[int, int], bool]:
    """Which part issued (index into `used`: {code, name, quantity}) each quote part line
    (index into `quote_parts`: {description, quantity_hundredths}) stands for, each matched
    once, and whether the match needs someone's review: a part issued that no quote line names
    while a quote part line names none (the same part in other words, or not), or a matched
    pair whose quantities differ."""
    found: dict[int, int] = {}
    taken: set[int] = set()
    for j, quoted in enumerate(quote_parts):
        for k, part in enumerate(used):
            if k not in taken and names_part(quoted, part):
                found[j] = k
                taken.add(k)
                break
    unnamed_parts = len(used) > len(taken)
    unmatched_lines = len(quote_parts) > len(found)
    differ = any(int(quote_parts[j]["quantity_hundredths"]) != int(used[k]["quantity"]) * 100
                 for j, k in found.items())
    return found, (unnamed_parts and unmatched_lines) or differ


def parts_snapshot(used: list[dict]) -> dict[str, int]:
    """The parts used as a sheet records them when saved: {code: quantity}."""
    snapshot: dict[str, int] = {}
    for part in used:
        snapshot[part["code"]] = snapshot.get(part["code"], 0) + int(part["quantity"])
    return snapshot


def lines_parts(lines: list[dict]) -> dict[str, int]:
    """A sheet's coded part lines as a parts snapshot (a sheet saved before snapshots)."""
    snapshot: dict[str, int] = {}
    for line in lines:
        if line["kind"] == PART and line.get("part_code"):
            code = line["part_code"]
            snapshot[code] = snapshot.get(code, 0) + int(line["quantity_hundredths"]) // 100
    return snapshot


def repriced(stored: list[dict], again: list[dict]) -> set[str]:
    """How a saved sheet's lines differ from the same lines priced again now: a line's coverage
    (`coverage_changed`), else its list or unit price, charge or cost (`prices_changed`)."""
    if len(stored) != len(again):
        return {"prices_changed"}
    found: set[str] = set()
    for old, new in zip(stored, again, strict=True):
        if old.get("coverage") != new.get("coverage"):
            found.add("coverage_changed")
        elif any(int(old[k]) != int(new[k]) for k in ("list_price_fen", "unit_price_fen",
                                                      "charge_fen", "cost_fen")):
            found.add("prices_changed")
    return found


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
           matches: list[int | None], costs: list[int],
           require_reasons: bool = True) -> Sheet:
    """The sheet's lines from the lines as priced by the quote's rules (`priced`: kind,
    description, component, quantity_hundredths, unit_price_fen, list_price_fen, waive,
    coverage, charge_fen, needs_approval), the lines as given (part_code, reason), the confirmed
    quote's lines (None: no confirmed quote) with each line's match, and each line's internal
    cost in fen (quantity × `unit_cost`). With `require_reasons`, a change from the quote without
    a reason raises FeeProblems naming `lines.<i>.reason` (and `lines` for a dropped quote
    line)."""
    problems: list[FeeProblem] = []
    lines = []
    for i, (line, entry, match, cost) in enumerate(zip(priced, given, matches, costs,
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
            "cost_fen": int(cost), "cost_source": cost_source(line["kind"]),
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

