"""The complaint process (客户投诉处理) as data: kinds, states, the actions of the nine steps of
003 办法 第19条 (record → does it stand → responsibility and timetable → investigate → solution →
tell the customer until agreed → responsibility and penalty → improvement → summarise and
archive), who takes each, and what closing needs. Steps may be recorded in any order once the
complaint stands; closing checks that each is there.

Pure: the use cases (complaints/usecases.py) apply it to the stored complaint.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.kernel import validation
from chalicelib.kernel.validation import DATETIME, SHORT, TEXT, USERNAME

KIND = "complaint"  # the SLA engine's subject kind, and what an Idempotency-Key names
RECEIVED_WINDOW_DAYS = 90  # a complaint is recorded within this many days of being made

# kinds and their groups (the rate counts by kind; the penalty's base amount is per group)
KINDS = ("quality", "service_quality", "service_attitude", "service_lateness", "service_repeat",
         "service_solicitation", "service_charges", "transport", "contract", "suggestion")
GROUPS = ("quality", "service", "transport", "contract", "suggestion")


def group_of(kind: str) -> str:
    return "service" if kind.startswith("service_") else kind


CHANNELS = ("phone", "letter", "visit", "return_visit", "online", "media", "other")
# how we talk with a customer outside a return visit (a consultation's channel; how a customer
# was told a solution or why a complaint does not stand)
CONTACT_CHANNELS = tuple(c for c in CHANNELS if c != "return_visit")
STATES = ("draft", "registered", "in_progress", "closed", "unfounded", "discarded")
OPEN_STATES = ("draft", "registered", "in_progress")
STATUSES = ("open", "done")  # the board's tabs


def status_of(state: str) -> str:
    return "open" if state in OPEN_STATES else "done"


ANSWERS = ("satisfied", "not_satisfied")
RESPONSIBILITY_KINDS = ("person", "department", "none")
PENALTY_DECISIONS = ("penalty", "none")
PENALTY_KINDS = ("fine", "bonus_deduction", "warning", "demerit", "major_demerit")
MONEY_PENALTIES = ("fine", "bonus_deduction")  # these need an amount
HANDLERS = ("outlet", "head_office")
# what closing needs, in the order of the process (vocabulary `complaint_step`)
STEPS = ("cause", "solution", "customer", "responsibility", "penalty", "improvement")

# who may act, besides the role the permission table gives (checked on the complaint):
# "handler": the side the complaint is routed to (the outlet's manager, or head office);
# "judge": the outlet's manager, or head office when the complaint is about a manager or an
# outlet; "desk": the handler or the outlet's service desk (an agent); "owner": the
# improvement's owner, or the handler's manager.
HANDLER, JUDGE, DESK, OWNER, REGISTRAR = "handler", "judge", "desk", "owner", "registrar"

DEPARTMENT = {"type": "string", "pattern": r"^[a-z][a-z0-9_]{1,30}$"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
FEN = {"type": "integer", "minimum": 0, "maximum": 1_000_000_000}


@dataclass(frozen=True)
class Action(validation.Action):
    """A step of the process; target None: the complaint stays in its state (a step recorded)."""

    who: str = field(kw_only=True)  # the rule on the object (HANDLER, JUDGE, DESK, OWNER, REGISTRAR)


ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action("register", ("draft",), "registered", ("agent", "manager", "head_office"),
           {"note": SHORT}, who=REGISTRAR),
    Action("discard", ("draft",), "discarded", ("manager", "head_office"),
           {"reason": TEXT}, ("reason",), who=REGISTRAR),
    Action("judge", ("registered",), None, ("manager", "head_office"),
           {"stands": {"type": "boolean"}, "reason": TEXT,
            "explanation": {"type": "object", "properties": {
                "text": TEXT, "channel": {"enum": list(CONTACT_CHANNELS)},
                "at": DATETIME}, "required": ["text", "channel"], "additionalProperties": False}},
           ("stands",), who=JUDGE),
    Action("record_cause", ("in_progress",), None, ("manager", "head_office"),
           {"cause": TEXT}, ("cause",), who=HANDLER),
    Action("propose_solution", ("in_progress",), None, ("manager", "head_office"),
           {"solution": TEXT}, ("solution",), who=HANDLER),
    Action("approve_solution", ("in_progress",), None, ("manager", "head_office"),
           {"note": SHORT}, who=HANDLER),
    Action("notify_customer", ("in_progress",), None, ("agent", "manager", "head_office"),
           {"channel": {"enum": list(CONTACT_CHANNELS)},
            "answer": {"enum": list(ANSWERS)}, "note": TEXT, "at": DATETIME},
           ("channel", "answer"), who=DESK),
    Action("record_responsibility", ("in_progress",), None, ("manager", "head_office"),
           {"kind": {"enum": list(RESPONSIBILITY_KINDS)}, "person": USERNAME,
            "department": DEPARTMENT, "reason": TEXT}, ("kind",), who=HANDLER),
    Action("decide_penalty", ("in_progress",), None, ("manager", "head_office"),
           {"decision": {"enum": list(PENALTY_DECISIONS)}, "person": USERNAME,
            "penalty_kind": {"enum": list(PENALTY_KINDS)}, "amount_fen": FEN,
            "reason": TEXT}, ("decision",), who=HANDLER),
    Action("plan_improvement", ("in_progress", "closed"), None, ("manager", "head_office"),
           {"measure": TEXT, "owner": USERNAME, "due_date": DATE},
           ("measure", "owner", "due_date"), who=HANDLER),
    Action("complete_improvement", ("in_progress", "closed"), None,
           ("manager", "head_office", "agent", "support", "technician", "warehouse"),
           {"result": TEXT}, ("result",), who=OWNER),
    Action("close", ("in_progress",), "closed", ("manager", "head_office"),
           {"summary": TEXT}, ("summary",), who=HANDLER),
)}


def judged_by_head_office(about: dict | None) -> bool:
    """A complaint about a manager, or about an outlet (and no one in it), is head office's to
    judge (and then to handle)."""
    about = about or {}
    return bool(about.get("outlet") and not about.get("staff")) or about.get(
        "staff_role") == "manager"


def loops(notifications: list[dict] | None) -> int:
    """How many times the customer was not satisfied with a solution (the rounds)."""
    return sum(1 for n in notifications or [] if n.get("answer") == "not_satisfied")


def customer_satisfied(complaint: dict) -> bool:
    """The customer's last answer is "satisfied" with the solution approved now (an answer to an
    earlier solution does not count for a later one)."""
    solution = complaint.get("solution") or {}
    answers = complaint.get("notifications") or []
    return (bool(solution.get("approved")) and bool(answers)
            and answers[-1].get("answer") == "satisfied"
            and answers[-1].get("solution_id") == solution.get("id"))


def may_notify(complaint: dict) -> bool:
    """The customer is told an approved solution they have not answered yet."""
    solution = complaint.get("solution") or {}
    answers = complaint.get("notifications") or []
    return bool(solution.get("approved")) and not (
        answers and answers[-1].get("solution_id") == solution.get("id"))


def missing_steps(complaint: dict) -> list[str]:
    """What closing still needs (STEPS order): the cause, an approved solution, the customer's
    satisfied answer to that solution, the responsibility, the penalty decision, the
    improvement."""
    found = {
        "cause": bool(complaint.get("cause")),
        "solution": bool((complaint.get("solution") or {}).get("approved")),
        "customer": customer_satisfied(complaint),
        "responsibility": bool(complaint.get("responsibility")),
        "penalty": bool(complaint.get("penalty")),
        "improvement": bool(complaint.get("improvement")),
    }
    return [step for step in STEPS if not found[step]]


def responsibility_problems(data: dict) -> dict[str, tuple[str, dict]]:
    """A person needs a username, a department its code, "none" a reason."""
    needs = {"person": "person", "department": "department", "none": "reason"}[data["kind"]]
    return {} if data.get(needs) else {f"data.{needs}": ("required", {})}


def amount_problem(penalty_kind: str, amount_fen: int | None) -> str | None:
    """A fine or a bonus deduction needs an amount (at least 1 fen); a warning or a demerit
    carries none. The one rule of a penalty's amount (the conduct ledger's hand entries too)."""
    if penalty_kind in MONEY_PENALTIES:
        return None if amount_fen else "penalty_amount_required"
    return "penalty_no_amount" if amount_fen else None


def penalty_problems(data: dict, responsibility: dict | None) -> dict[str, tuple[str, dict]]:
    """A penalty names its kind and its amount by amount_problem; no penalty needs a reason;
    nobody responsible allows no penalty."""
    if data["decision"] == "none":
        return {} if data.get("reason") else {"data.reason": ("required", {})}
    if responsibility and responsibility.get("kind") == "none":
        return {"data.decision": ("no_one_responsible", {})}
    if not data.get("penalty_kind"):
        return {"data.penalty_kind": ("required", {})}
    problem = amount_problem(data["penalty_kind"], data.get("amount_fen"))
    return {"data.amount_fen": (problem, {})} if problem else {}


def proposed_penalty_fen(kind: str, settings: dict, repeat: bool,
                         earlier_amount_fen: int | None) -> int:
    """The amount a penalty is proposed at: the group's base, or for a repeated complaint
    (重复反映) the earlier complaint's penalty (else the base) times the multiplier."""
    base = int(settings["penalty_fen"].get(group_of(kind), 0))
    if not repeat:
        return base
    start = earlier_amount_fen if earlier_amount_fen else base
    return int(round(start * float(settings["repeat_multiplier"])))
