"""Travel expense claims (差旅费报销单, seed 001 §13 五 = 004 §1; 001 §9 注, §17 6.2.7): the
rules, pure. Money is integer fen.

- A claim is a trip (出差事由, departed and returned on) with its lines — date, from, to,
  category (交通费, 住宿费, 餐费, 出差补贴, 其他), amount, the transport's mode — each backed by
  its receipts (原始凭证), an advance (借款) netted, the budget category it is booked to and the
  orders it served.
- Taxi and freight only after the department manager said yes (001 §9 注: "未经请示同意的开销
  一律不予报销"): such a line names the manager who agreed.
- Filed within 3 working days of return (001 §17 6.2.7): a claim submitted later is late.
- A line dated outside every linked order's dispatch-to-completion window is flagged.
- Approval: the outlet's manager, then head office (总经理); either may reject (final)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

STATES = ("draft", "submitted", "manager_approved", "approved", "rejected")
CATEGORIES = ("transport", "lodging", "meals", "allowance", "other")  # claim_line_category
MODES = ("train", "bus", "plane", "ship", "taxi", "freight", "own", "other")  # transport_mode
TRANSPORT = "transport"
PRIOR_APPROVAL_MODES = ("taxi", "freight")  # only after the department manager agreed
NO_RECEIPT_CATEGORIES = ("allowance",)  # a per-diem: no receipt
FLAGS = ("outside_window",)  # claim_flag
OUTSIDE_WINDOW = "outside_window"
FILING_WORKING_DAYS = 3  # submitted later than return + 3 working days: late
MAX_LINES, MAX_ORDERS, MAX_LINE_RECEIPTS = 50, 20, 10
MAX_FEN = 10**10  # 1 亿元 a line or an advance: far above any trip
DECISIONS = ("approve", "reject")
STEPS = ("manager", "head_office")
# who decides at which state, and where each decision leads
STEP_OF_STATE = {"submitted": "manager", "manager_approved": "head_office"}
APPROVED_TO = {"manager": "manager_approved", "head_office": "approved"}


class Problems(dict):
    """Field path → (code, params) of a request the rules refuse (a 400 naming each)."""

    def add(self, field: str, code: str, **params) -> None:
        self.setdefault(field, (code, params))


# ---------------------------------------------------------------- the form

def check_trip(body: Mapping, today: date, managers: Iterable[str]) -> Problems:
    """What a claim's body breaks beyond its schema: the return not before the departure and
    not after `today` (the outlet's); each line dated within the trip; a transport line's mode;
    taxi and freight with the prior approval of one of `managers` (the outlet's)."""
    problems = Problems()
    departed, returned = date.fromisoformat(body["departed_on"]), date.fromisoformat(
        body["returned_on"])
    if returned < departed:
        problems.add("returned_on", "before_departure")
    if returned > today:
        problems.add("returned_on", "future")
    allowed = set(managers)
    for i, line in enumerate(body.get("lines") or []):
        day = date.fromisoformat(line["date"])
        if not departed <= day <= returned:
            problems.add(f"lines.{i}.date", "outside_trip", departed=str(departed),
                         returned=str(returned))
        mode = line.get("mode") if line["category"] == TRANSPORT else None
        if line["category"] == TRANSPORT and not mode:
            problems.add(f"lines.{i}.mode", "required")
        if mode in PRIOR_APPROVAL_MODES:
            agreed = line.get("prior_approval") or {}
            if not agreed.get("by"):
                problems.add(f"lines.{i}.prior_approval", "prior_approval_required")
            elif agreed["by"] not in allowed:
                problems.add(f"lines.{i}.prior_approval.by", "not_outlet_manager")
    return problems


def clean_line(line: Mapping) -> dict:
    """A line as kept: the mode only on transport lines, the prior approval only for the modes
    that need one, texts trimmed."""
    transport = line["category"] == TRANSPORT
    mode = line.get("mode") if transport else None
    agreed = line.get("prior_approval") if mode in PRIOR_APPROVAL_MODES else None
    note = (line.get("note") or "").strip() or None
    return {"date": line["date"], "from": line["from"].strip(), "to": line["to"].strip(),
            "category": line["category"], "amount_fen": int(line["amount_fen"]), "mode": mode,
            "prior_approval": {"by": agreed["by"], "note": (agreed.get("note") or "").strip()
                               or None} if agreed else None,
            "note": note, "receipts": list(dict.fromkeys(line.get("receipts") or []))}


@dataclass(frozen=True)
class Totals:
    total_fen: int
    by_category: dict[str, int]

    def net_fen(self, advance_fen: int) -> int:
        """What is paid out: total − advance (negative: the claimant pays money back)."""
        return self.total_fen - int(advance_fen)


def totals(lines: Iterable[Mapping]) -> Totals:
    by_category = dict.fromkeys(CATEGORIES, 0)
    for line in lines:
        by_category[line["category"]] += int(line["amount_fen"])
    return Totals(sum(by_category.values()), by_category)


# ---------------------------------------------------------------- receipts

def receipt_problems(lines: Iterable[Mapping], receipts: Mapping[str, str],
                     submitting: bool) -> Problems:
    """Each line's receipts against the claim's (`receipts`: id → status). A receipt named must
    be the claim's and not rejected; at submit (`submitting`) verified, and every line but an
    allowance needs one (receipt_required)."""
    problems = Problems()
    for i, line in enumerate(lines):
        named = line.get("receipts") or []
        for receipt in named:
            status = receipts.get(receipt)
            if status is None or status == "rejected":
                problems.add(f"lines.{i}.receipts", "receipt_unknown", receipt=receipt)
            elif submitting and status != "verified":
                problems.add(f"lines.{i}.receipts", "receipt_not_verified", receipt=receipt)
        if submitting and not named and line["category"] not in NO_RECEIPT_CATEGORIES:
            problems.add(f"lines.{i}.receipts", "receipt_required")
    return problems


# ---------------------------------------------------------------- linked orders' windows

@dataclass(frozen=True)
class Window:
    """An order's dispatch-to-completion dates (the outlet's): `to` None while not completed."""

    start: date
    end: date | None

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def line_flags(day: date, windows: Iterable[Window | None], has_orders: bool) -> list[str]:
    """A line of a claim with orders is flagged when its date is in none of their windows (an
    order not dispatched has none)."""
    if not has_orders:
        return []
    return [] if any(w is not None and w.holds(day) for w in windows) else [OUTSIDE_WINDOW]


def order_kinds(orders: Iterable[tuple[str, str]]) -> tuple[bool, bool]:
    """(installation, contract_guidance) of a claim from its orders' (type, coverage): an
    installation trip when every linked order is an installation (安装调试), contract guidance
    (合同规定的指导安装调试) when every one is also under a service contract."""
    found = list(orders)
    installation = bool(found) and all(kind == "installation" for kind, _ in found)
    guidance = installation and all(coverage == "contract" for _, coverage in found)
    return installation, guidance


# ---------------------------------------------------------------- filing and approval

def is_late(submitted_on: date, filing_due: date) -> bool:
    return submitted_on > filing_due


def step_of(role: str) -> str | None:
    """The approval step a role takes (manager → head office)."""
    return role if role in STEPS else None


def wrong_step(role: str, state: str) -> bool:
    """The role's step is not the one the claim waits for (or it waits for none)."""
    return STEP_OF_STATE.get(state) is None or STEP_OF_STATE[state] != step_of(role)


def after_decision(state: str, decision: str) -> str:
    return APPROVED_TO[STEP_OF_STATE[state]] if decision == "approve" else "rejected"


def grade(stars: int | None, role_label: str) -> str:
    """职级: a technician's star level ("4★"), else the role's name."""
    return f"{int(stars)}★" if stars else role_label


def would_exceed(stop: bool, remaining_fen: int, total_fen: int) -> bool:
    """A stopped budget whose category cannot take the claim's total."""
    return stop and total_fen > max(0, remaining_fen)
