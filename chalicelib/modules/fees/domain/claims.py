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
- Approval: the outlet's manager, then head office (总经理); either may reject (final). A
  manager's own claim skips the manager's step: head office decides it while submitted (nobody
  at the outlet decides their own or a fellow manager's), and nobody agrees to their own taxi.
- A receipt's bytes (its sha256) back one claim: a line whose receipt is held by another claim
  that is submitted or further on (not a draft, not rejected) is flagged `duplicate_receipt`
  and cannot be submitted."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

STATES = ("draft", "submitted", "manager_approved", "approved", "rejected")
CATEGORIES = ("transport", "lodging", "meals", "allowance", "other")  # claim_line_category
MODES = ("train", "bus", "plane", "ship", "taxi", "freight", "own", "other")  # transport_mode
TRANSPORT = "transport"
PRIOR_APPROVAL_MODES = ("taxi", "freight")  # only after the department manager agreed
NO_RECEIPT_CATEGORIES = ("allowance",)  # a per-diem: no receipt
FLAGS = ("outside_window", "duplicate_receipt")  # claim_flag
OUTSIDE_WINDOW, DUPLICATE_RECEIPT = FLAGS
HOLDING_STATES = ("submitted", "manager_approved", "approved")  # its receipts are claimed
FILING_WORKING_DAYS = 3  # submitted later than return + 3 working days: late
MAX_LINES, MAX_ORDERS, MAX_LINE_RECEIPTS = 50, 20, 10
MAX_FEN = 10**10  # 1 亿元 a line or an advance: far above any trip
DECISIONS = ("approve", "reject")
STEPS = ("manager", "head_office")
# who decides at which state (a manager's own claim: head office while submitted), and where
# each decision leads
STEP_OF_STATE = {"submitted": "manager", "manager_approved": "head_office"}
APPROVED_TO = {"manager": "manager_approved", "head_office": "approved"}
SKIPS_MANAGER_STEP = ("manager",)  # claimant roles whose claims head office decides alone


class Problems(dict):
    """Field path → (code, params) of a request the rules refuse (a 400 naming each)."""

    def add(self, field: str, code: str, **params) -> None:
        self.setdefault(field, (code, params))


# ---------------------------------------------------------------- the form

def check_trip(body: Mapping, today: date, managers: Iterable[str],
               claimant: str | None = None) -> Problems:
    """What a claim's body breaks beyond its schema: the return not before the departure and
    not after `today` (the outlet's); each line dated within the trip; a transport line's mode;
    taxi and freight with the prior approval of one of `managers` (the outlet's) other than the
    `claimant` (a manager does not agree to their own taxi)."""
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
            elif claimant is not None and agreed["by"] == claimant:
                problems.add(f"lines.{i}.prior_approval.by", "prior_approval_self")
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


def line_dates(lines: Iterable[Mapping]) -> list[str]:
    """The lines' distinct dates, sorted: all a list needs to flag a claim against its orders'
    windows (the lines themselves live apart from the claim)."""
    return sorted({line["date"] for line in lines})


# ---------------------------------------------------------------- the trail of an edit

def changed_lines(before: Sequence[Mapping], after: Sequence[Mapping]) -> list[int]:
    """The indexes of the lines an edit changed, added or removed (compared place by place)."""
    return [i for i in range(max(len(before), len(after)))
            if i >= len(before) or i >= len(after) or before[i] != after[i]]


def change_record(before: Mapping, after: Mapping,
                  lists: Mapping[str, Callable[[list], list]]) -> dict:
    """What a `claim_changed` event keeps of an edit, compactly (an event is one item, ≤ 400 KB,
    whatever the form's size): the names of the fields that changed, each changed scalar before
    and after, the lines as their count and total before and after with the indexes of the lines
    changed, and another list field (`lists`: name → a function making it compact, the linked
    orders' numbers) before and after as made compact."""
    changed = [name for name in after if before.get(name) != after[name]]
    record: dict = {"changed": changed, "before": {}, "after": {}}
    for name in changed:
        if name == "lines":
            record["lines"] = {
                "before": {"count": len(before[name]), "total_fen": totals(before[name]).total_fen},
                "after": {"count": len(after[name]), "total_fen": totals(after[name]).total_fen},
                "changed": changed_lines(before[name], after[name])}
        elif name in lists:
            compact = lists[name]
            record["before"][name], record["after"][name] = compact(before[name]), compact(
                after[name])
        else:
            record["before"][name], record["after"][name] = before[name], after[name]
    return record


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


def held_elsewhere(holders: Mapping[str, Iterable[str]], claims: Mapping[str, tuple[str, str]],
                   own: str) -> dict[str, str]:
    """sha256 → the number of another claim holding those bytes: `holders` the claims each
    sha256 was verified in (the markers), `claims` id → (state, number) of those read. Only a
    claim submitted or further on holds its receipts (a draft does not yet, a rejected one no
    longer); the first such claim by number names it."""
    held = {}
    for sha, ids in holders.items():
        numbers = sorted(claims[c][1] for c in ids
                         if c != own and c in claims and claims[c][0] in HOLDING_STATES)
        if numbers:
            held[sha] = numbers[0]
    return held


def duplicates(lines: Sequence[Mapping], shas: Mapping[str, str],
               held: Mapping[str, str]) -> dict[int, list[tuple[str, str]]]:
    """Line index → [(receipt id, the other claim's number)] for each receipt a line names
    whose bytes (`shas`: receipt id → sha256, the claim's verified receipts) another claim holds
    (`held`: sha256 → number, `held_elsewhere`)."""
    found: dict[int, list[tuple[str, str]]] = {}
    for i, line in enumerate(lines):
        for receipt in line.get("receipts") or []:
            number = held.get(shas.get(receipt, ""))
            if number:
                found.setdefault(i, []).append((receipt, number))
    return found


def duplicate_problems(found: Mapping[int, list[tuple[str, str]]]) -> Problems:
    """At submit: a line backed by a receipt another claim holds (400 `lines.<i>.receipts`
    receipt_duplicate, naming that claim)."""
    problems = Problems()
    for i, pairs in sorted(found.items()):
        receipt, number = pairs[0]
        problems.add(f"lines.{i}.receipts", "receipt_duplicate", receipt=receipt, number=number)
    return problems


# ---------------------------------------------------------------- linked orders' windows

@dataclass(frozen=True)
class Window:
    """An order's dispatch-to-completion dates (the outlet's): `to` None while not completed."""

    start: date
    end: date | None

    def holds(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


def line_flags(day: date, windows: Iterable[Window | None], has_orders: bool,
               duplicate: bool = False) -> list[str]:
    """A line of a claim with orders is flagged when its date is in none of their windows (an
    order not dispatched has none); `duplicate`: a receipt of the line is held by another
    claim (`duplicates`)."""
    outside = has_orders and not any(w is not None and w.holds(day) for w in windows)
    return [*([OUTSIDE_WINDOW] if outside else []), *([DUPLICATE_RECEIPT] if duplicate else [])]


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


def waits_for(state: str, claimant_role: str) -> str | None:
    """The step a claim in `state` waits for: the manager's while submitted, head office's once
    the manager approved; a manager's own claim head office's while submitted (it skips the
    manager's step); none for a draft or a decided claim."""
    step = STEP_OF_STATE.get(state)
    if step == "manager" and claimant_role in SKIPS_MANAGER_STEP:
        return "head_office"
    return step


def wrong_step(role: str, state: str, claimant_role: str) -> bool:
    """The role's step is not the one the claim waits for (or it waits for none)."""
    step = waits_for(state, claimant_role)
    return step is None or step != step_of(role)


def after_decision(state: str, decision: str, claimant_role: str) -> str:
    return (APPROVED_TO[waits_for(state, claimant_role)] if decision == "approve"
            else "rejected")


def grade(stars: int | None, role_label: str) -> str:
    """职级: a technician's star level ("4★"), else the role's name."""
    return f"{int(stars)}★" if stars else role_label


def would_exceed(stop: bool, remaining_fen: int, total_fen: int) -> bool:
    """A stopped budget whose category cannot take the claim's total."""
    return stop and total_fen > max(0, remaining_fen)
