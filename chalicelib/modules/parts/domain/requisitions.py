"""The requisition (配件领用申请) on a work order, as rules (pure): its states, who may take which
action, the approval rule (expensive lines need head office after the manager) and the
accounting of each line (issued, received, used, returned, defective, outstanding).

Seeds: 000 §八(三) issue only after approval; 001 §15 三 见单发料 (an open order), (7) parts issued
and used are not returned, (9) 大金额备件 need the director; 001 §5 第三章第3条 return within 3
days of the repair.
"""

from __future__ import annotations

from dataclasses import dataclass

STATES = ("submitted", "awaiting_head_office", "approved", "issued", "closed", "rejected",
          "cancelled")
ACTIONS = ("approve", "reject", "issue", "receive", "return", "cancel")
RETURN_CONDITIONS = ("unused", "faulty")
APPROVAL_REASONS = ("amount", "expensive")  # why a line needs head office
QUEUES = ("to_approve", "head_office", "to_issue", "to_return")
# the order states in which parts may be requested and issued (见单发料): not yet accepted
CLOSED_ORDER_STATES = ("accepted", "visited", "archived", "cancelled")
BEFORE_APPROVAL = ("submitted", "awaiting_head_office")
UNDONE = ("submitted", "awaiting_head_office", "approved")  # nothing final happened yet
# released: approved but no longer wanted (a partly issued requisition cancelled: the rest of
# its reservation goes back to the warehouse)
COUNTS = ("issued", "received", "used", "returned", "defective", "released")

# the permission (parts/area.py) each action needs besides the rules below
PERMISSION = {"approve": "parts.requisitions.approve", "reject": "parts.requisitions.approve",
              "issue": "parts.requisitions.issue", "return": "parts.requisitions.issue",
              "receive": "parts.requisitions.receive", "cancel": "parts.requisitions.create"}


class Refused(Exception):
    """An action the requisition is not where it needs to be for (409 with `code`)."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


class NotYours(Exception):
    """An action the person may not take on this requisition (403 with `code`)."""

    def __init__(self, code: str = "forbidden"):
        super().__init__(code)
        self.code = code


# ---------------------------------------------------------------- approval

def approval_reasons(lines: list[dict], expensive_line_fen: int) -> list[dict]:
    """The lines head office must approve after the manager: a line amount (list price ×
    quantity) at or above the policy's threshold, or an expensive part (贵重配件)."""
    reasons = []
    for line in lines:
        if line.get("expensive"):
            reasons.append({"code": line["code"], "reason": "expensive"})
        elif int(line["amount_fen"]) >= int(expensive_line_fen):
            reasons.append({"code": line["code"], "reason": "amount"})
    return reasons


def new_line(part: dict, quantity: int, component: str | None) -> dict:
    """A requisition line from the catalogue's part (its price and cost as requested)."""
    price = int(part["list_price_fen"])
    return {"code": part["code"], "name": part["name"], "unit": part.get("unit"),
            "quantity": int(quantity), "component": component, "list_price_fen": price,
            "cost_fen": int(part["cost_fen"]), "amount_fen": price * int(quantity),
            "expensive": bool(part.get("expensive")), **{k: 0 for k in COUNTS}}


# ---------------------------------------------------------------- line accounting

def outstanding(line: dict) -> int:
    """Issued and neither used nor back in the warehouse (returned unused or faulty)."""
    return max(0, int(line.get("issued") or 0) - int(line.get("used") or 0)
               - int(line.get("returned") or 0) - int(line.get("defective") or 0))


def net_issued(line: dict) -> int:
    """What the order holds of the line: issued less what came back."""
    return max(0, int(line.get("issued") or 0) - int(line.get("returned") or 0)
               - int(line.get("defective") or 0))


def to_issue(line: dict) -> int:
    return max(0, int(line["quantity"]) - int(line.get("issued") or 0)
               - int(line.get("released") or 0))


def any_outstanding(lines: list[dict]) -> bool:
    return any(outstanding(line) for line in lines)


def state_after_issue(lines: list[dict]) -> str:
    return "issued" if all(to_issue(line) == 0 for line in lines) else "approved"


def state_after_cancel(lines: list[dict]) -> str:
    """A cancelled requisition of which some was issued stands as issued (its parts are out,
    to be used or returned); otherwise it is cancelled."""
    return "issued" if any(int(line.get("issued") or 0) for line in lines) else "cancelled"


def state_after_return(state: str, lines: list[dict], completed: bool) -> str:
    """Once the order is completed and nothing is outstanding, the requisition is closed."""
    if state == "issued" and completed and not any_outstanding(lines):
        return "closed"
    return state


def allocate_used(requisitions: list[list[dict]], wanted: dict[str, int]) -> list[list[dict]]:
    """The used quantity of each line (oldest requisition first) for `wanted` (code → quantity
    the completion names): at most what the line holds (issued less returned)."""
    left = dict(wanted)
    result = []
    for lines in requisitions:
        new = []
        for line in lines:
            take = min(net_issued(line), max(0, left.get(line["code"], 0)))
            left[line["code"]] = left.get(line["code"], 0) - take
            new.append({**line, "used": take})
        result.append(new)
    return result


# ---------------------------------------------------------------- who may act

@dataclass(frozen=True)
class Reader:
    username: str
    role: str
    assignees: frozenset[str] | None  # the order's technician and helpers (None: not known)


def check(action: str, state: str, lines: list[dict], requested_by: str, who: Reader,
          permitted: bool) -> None:
    """Refuse an action the person may not take (NotYours) or that the requisition is not
    ready for (Refused); `permitted`: the role holds the action's permission."""
    if not permitted:
        raise NotYours()
    if action == "approve":
        if state not in BEFORE_APPROVAL:
            raise Refused("invalid_transition")
        step = "head_office" if state == "awaiting_head_office" else "manager"
        if who.role != step:
            raise NotYours()
    elif action == "reject":
        if state in BEFORE_APPROVAL:
            step = "head_office" if state == "awaiting_head_office" else "manager"
            if who.role != step:
                raise NotYours()
        elif state != "approved" or any(int(line.get("issued") or 0) for line in lines):
            raise Refused("invalid_transition")
    elif action == "issue":
        if requested_by == who.username or (who.assignees and who.username in who.assignees):
            raise NotYours("own_requisition")
        if state in BEFORE_APPROVAL or state in ("rejected", "cancelled"):
            raise Refused("requisition_not_approved")
        if state not in ("approved", "issued"):
            raise Refused("invalid_transition")
    elif action == "receive":
        if who.username != requested_by and (who.assignees is not None
                                             and who.username not in who.assignees):
            raise NotYours()
        if not any(int(line.get("issued") or 0) > int(line.get("received") or 0)
                   for line in lines):
            raise Refused("invalid_transition")
    elif action == "return":
        if not any(outstanding(line) for line in lines):
            raise Refused("invalid_transition")
    elif action == "cancel":
        # before anything is issued: the whole requisition; partly issued: what is left of it
        if who.role != "manager" and who.username != requested_by:
            raise NotYours()
        if state not in UNDONE:
            raise Refused("invalid_transition")


def allowed_actions(state: str, lines: list[dict], requested_by: str, who: Reader,
                    permissions: dict[str, bool]) -> list[str]:
    """What the reader may do with the requisition now (the page's buttons)."""
    allowed = []
    for action in ACTIONS:
        try:
            check(action, state, lines, requested_by, who, permissions.get(action, False))
        except (Refused, NotYours):
            continue
        if action == "issue" and not any(to_issue(line) for line in lines):
            continue
        allowed.append(action)
    return allowed
