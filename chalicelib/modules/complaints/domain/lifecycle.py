"""The complaint process (客户投诉处理) as data: kinds, states, the actions of the nine steps of
003 办法 第19条 (record → does it stand → responsibility and timetable → investigate → solution →
tell the customer until agreed → responsibility and penalty → improvement → summarise and
archive), who takes each, and what closing needs. Steps may be recorded in any order once the
complaint stands; closing checks that each is there.

Pure: the use cases (complaints/usecases.py) apply it to the stored complaint.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.kernel.validation import MAX_SHORT, MAX_TEXT, MULTILINE

# kinds and their groups (the rate counts by kind; the penalty's base amount is per group)
KINDS = ("quality", "service_quality", "service_attitude", "service_lateness", "service_repeat",
         "service_solicitation", "service_charges", "transport", "contract", "suggestion")
GROUPS = ("quality", "service", "transport", "contract", "suggestion")


def group_of(kind: str) -> str:
    return "service" if kind.startswith("service_") else kind


CHANNELS = ("phone", "letter", "visit", "return_visit", "online", "media", "other")
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


def _text(max_length: int = MAX_TEXT) -> dict:
    """Free text (longer than a line may span lines)."""
    schema = {"type": "string", "minLength": 1, "maxLength": max_length}
    return {**schema, MULTILINE: True} if max_length > MAX_SHORT else schema


USERNAME = {"type": "string", "minLength": 1, "maxLength": 64, "pattern": r"^[A-Za-z0-9_.@-]+$"}
DEPARTMENT = {"type": "string", "pattern": r"^[a-z][a-z0-9_]{1,30}$"}
DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
DATETIME = {"type": "string", "format": "date-time", "maxLength": 40}
FEN = {"type": "integer", "minimum": 0, "maximum": 1_000_000_000}


@dataclass(frozen=True)
class Action:
    name: str
    sources: tuple[str, ...]
    target: str | None  # None: the complaint stays in its state (a step recorded)
    roles: tuple[str, ...]  # the permission table's roles
    who: str  # the rule on the object (HANDLER, JUDGE, DESK, OWNER, REGISTRAR)
    properties: dict = field(default_factory=dict)
    required: tuple[str, ...] = ()

    @property
    def schema(self) -> dict:
        return {"type": "object", "properties": self.properties,
                "required": list(self.required), "additionalProperties": False}


ACTIONS: dict[str, Action] = {a.name: a for a in (
    Action("register", ("draft",), "registered", ("agent", "manager", "head_office"), REGISTRAR,
           {"note": _text(MAX_SHORT)}),
    Action("discard", ("draft",), "discarded", ("manager", "head_office"), REGISTRAR,
           {"reason": _text()}, ("reason",)),
    Action("judge", ("registered",), None, ("manager", "head_office"), JUDGE,
           {"stands": {"type": "boolean"}, "reason": _text(),
            "explanation": {"type": "object", "properties": {
                "text": _text(), "channel": {"enum": [c for c in CHANNELS if c != "return_visit"]},
                "at": DATETIME}, "required": ["text", "channel"], "additionalProperties": False}},
           ("stands",)),
    Action("record_cause", ("in_progress",), None, ("manager", "head_office"), HANDLER,
           {"cause": _text()}, ("cause",)),
    Action("propose_solution", ("in_progress",), None, ("manager", "head_office"), HANDLER,
           {"solution": _text()}, ("solution",)),
    Action("approve_solution", ("in_progress",), None, ("manager", "head_office"), HANDLER,
           {"note": _text(MAX_SHORT)}),
    Action("notify_customer", ("in_progress",), None, ("agent", "manager", "head_office"), DESK,
           {"channel": {"enum": [c for c in CHANNELS if c != "return_visit"]},
            "answer": {"enum": list(ANSWERS)}, "note": _text(), "at": DATETIME},
           ("channel", "answer")),
    Action("record_responsibility", ("in_progress",), None, ("manager", "head_office"), HANDLER,
           {"kind": {"enum": list(RESPONSIBILITY_KINDS)}, "person": USERNAME,
            "department": DEPARTMENT, "reason": _text()}, ("kind",)),
    Action("decide_penalty", ("in_progress",), None, ("manager", "head_office"), HANDLER,
           {"decision": {"enum": list(PENALTY_DECISIONS)}, "person": USERNAME,
            "penalty_kind": {"enum": list(PENALTY_KINDS)}, "amount_fen": FEN,
            "reason": _text()}, ("decision",)),
    Action("plan_improvement", ("in_progress", "closed"), None, ("manager", "head_office"),
           HANDLER, {"measure": _text(), "owner": USERNAME, "due_date": DATE},
           ("measure", "owner", "due_date")),
    Action("complete_improvement", ("in_progress", "closed"), None,
           ("manager", "head_office", "agent", "support", "technician", "warehouse"), OWNER,
           {"result": _text()}, ("result",)),
    Action("close", ("in_progress",), "closed", ("manager", "head_office"), HANDLER,
           {"summary": _text()}, ("summary",)),
)}


def missing_steps(complaint: dict) -> list[str]:
    """What closing still needs (STEPS order): the cause, an approved solution, the customer's
    satisfied answer to it, the responsibility, the penalty decision, the improvement."""
    solution = complaint.get("solution") or {}
    answers = complaint.get("notifications") or []
    found = {
        "cause": bool(complaint.get("cause")),
        "solution": bool(solution.get("approved")),
        "customer": bool(answers) and answers[-1].get("answer") == "satisfied"
        and bool(solution.get("approved")),
        "responsibility": bool(complaint.get("responsibility")),
        "penalty": bool(complaint.get("penalty")),
        "improvement": bool(complaint.get("improvement")),
    }
    return [step for step in STEPS if not found[step]]


def responsibility_problems(data: dict) -> dict[str, tuple[str, dict]]:
    """A person needs a username, a department its code, "none" a reason."""
    needs = {"person": "person", "department": "department", "none": "reason"}[data["kind"]]
    return {} if data.get(needs) else {f"data.{needs}": ("required", {})}


def penalty_problems(data: dict, responsibility: dict | None) -> dict[str, tuple[str, dict]]:
    """A penalty names its kind (and a fine or a bonus deduction its amount, more than 0); no
    penalty needs a reason; nobody responsible allows no penalty."""
    if data["decision"] == "none":
        return {} if data.get("reason") else {"data.reason": ("required", {})}
    if responsibility and responsibility.get("kind") == "none":
        return {"data.decision": ("no_one_responsible", {})}
    if not data.get("penalty_kind"):
        return {"data.penalty_kind": ("required", {})}
    if data["penalty_kind"] in MONEY_PENALTIES and not data.get("amount_fen"):
        return {"data.amount_fen": ("required", {})}
    return {}


def proposed_penalty_fen(kind: str, settings: dict, repeat: bool,
                         earlier_amount_fen: int | None) -> int:
    """The amount a penalty is proposed at: the group's base, or for a repeated complaint
    (重复反映) the earlier complaint's penalty (else the base) times the multiplier."""
    base = int(settings["penalty_fen"].get(group_of(kind), 0))
    if not repeat:
        return base
    start = earlier_amount_fen if earlier_amount_fen else base
    return int(round(start * float(settings["repeat_multiplier"])))
