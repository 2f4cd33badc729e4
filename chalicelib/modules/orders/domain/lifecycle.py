"""The work-order lifecycle (工单流程) as data: states, actions, who may act, what each needs.

Domain brief steps 1–11: feedback → dispatch → contact → arrival → survey → repair plan →
approval → repair → acceptance (or objection → rework) → return visit → archive; plus hold /
resume (clocks pause) and cancel. The API, the SPA and the tests all read this table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from chalicelib.kernel import validation
from chalicelib.kernel.validation import DATETIME, ID, MAX_SHORT, USERNAME, text
from chalicelib.kernel.validation import with_text_rules as _with_text_rules
from chalicelib.modules.orders.domain.enums import HOLD_KINDS, VISIT_CHANNELS

STATES = (
    "received",  # 待派工: feedback recorded, waiting for dispatch
    "dispatched",  # 已派工: technician assigned, must contact the customer
    "contacted",  # 已联系: visit agreed, technician on the way
    "on_site",  # 已到场: checked in, survey next
    "surveyed",  # 已勘查: survey filed, repair plan next
    "plan_submitted",  # 方案待审批
    "in_repair",  # 维修中: plan approved
    "repaired",  # 待验收: repair completed, waiting for the customer's acceptance
    "rework",  # 整改中: customer objected
    "accepted",  # 待回访
    "visited",  # 待归档
    "archived",  # 已归档
    "on_hold",  # 挂起: waits for the customer or parts; clocks pause
    "cancelled",  # 已取消
)
TERMINAL_STATES = frozenset({"archived", "cancelled"})
OPEN_STATES = tuple(s for s in STATES if s not in TERMINAL_STATES)
HOLDABLE_STATES = tuple(s for s in OPEN_STATES if s != "on_hold")
CANCELLABLE_STATES = (
    "received", "dispatched", "contacted", "on_site", "surveyed", "plan_submitted", "on_hold",
)

# Who may act. "assignee" is the order's technician or one of its helpers; it is a relation
# to the order, checked on the object, not a role.
ASSIGNEE = "assignee"


SCORE = {"type": "integer", "minimum": 1, "maximum": 5}
# what the return visit scores, 1–5 each (the vocabulary group `visit_score` names them; the
# figures' satisfaction, exports and notices use these keys)
VISIT_SCORES = ("attitude", "skill", "punctuality", "result", "overall")
# 顾客意见调查卡's conduct questions: did staff ask for gifts or money, tips, meals? (vocabulary
# `visit_conduct`; a "yes" drafts a complaint, see complaints/visit_hook.py)
VISIT_CONDUCT = ("gifts", "tips", "meals")
# the class of work and the plan's classes (codes of head office's job-class table) and the
# manager's override of the dispatch gate (the technicians area's hooks: the rules, the
# refusals, the `skill_override` event)
JOB_CLASS = {"type": "string", "pattern": r"^[a-z][a-z0-9_]{1,31}$"}
SKILL_OVERRIDE = {"type": "object", "properties": {"reason": text()}, "required": ["reason"],
                  "additionalProperties": False}
PLAN_SCHEMA = {
    "measures": text(),
    "parts_tools": text(),
    "estimated_hours": {"type": "number", "exclusiveMinimum": 0, "maximum": 1000},
    "staff": {"type": "array", "items": text(MAX_SHORT), "maxItems": 20},
    # a complex repair's agreed completion: the repair clock is due then (capped by policy)
    "planned_finish_at": DATETIME,
    # the classes of work the plan needs (the technicians area checks them at approval)
    "job_classes": {"type": "array", "items": JOB_CLASS, "maxItems": 10},
}
CLOCK_NAMES = ("response", "contact", "arrival", "repair", "return_visit")
# the coverage decision (the warranty area's hooks decide it): the failed components may change
# until the repair is reported complete; exclusions and overrides until the acceptance
BEFORE_COMPLETION = ("received", "dispatched", "contacted", "on_site", "surveyed",
                     "plan_submitted", "in_repair", "on_hold")
BEFORE_ACCEPTANCE = (*BEFORE_COMPLETION, "repaired", "rework")
# 003 三包 第五条 (the warranty area's vocabulary `exclusion` names them)
EXCLUSION_KEYS = ("misuse", "unauthorised_repair", "no_invoice", "model_mismatch", "force_majeure")
# the quote (费用通知/报价单; the warranty area's hooks keep it): its lines' kinds (vocabulary
# quote_line_kind), how the customer confirms it (confirm_method; `link` only through the link)
QUOTE_LINE_KINDS = ("labour", "part", "call_out", "travel", "lodging", "meals", "allowance")
CONFIRM_METHODS = ("signature", "phone", "link")
SYSTEM = "system"  # the actor of a decision the customer made through a quote link
_FEN = {"type": "integer", "minimum": 0, "maximum": 10_000_000_000}
_IGNORED = {"type": "number", "description": "ignored: the server computes every amount"}
QUOTE_LINE = {
    "type": "object",
    "properties": {
        "kind": {"type": "string", "enum": list(QUOTE_LINE_KINDS)},
        "description": text(MAX_SHORT), "component": text(MAX_SHORT),
        # at most 2 decimals (hours, km…), checked exactly by the warranty area
        "quantity": {"type": "number", "exclusiveMinimum": 0, "maximum": 100000},
        "unit_price_fen": _FEN,
        "list_price_fen": {**_FEN, "description": "parts only: the catalogue price"},
        "waive": {"type": "boolean"},
        "amount_fen": _IGNORED, "charge_fen": _IGNORED,
    },
    "required": ["kind", "quantity", "unit_price_fen"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Action(validation.Action):
    """An action of the work-order lifecycle. Its target None: back to the state the order was
    in before it was put on hold (or, with keeps_state, the order stays where it is: a
    correction, not a step)."""

    # the order field that keeps this step's data (e.g. "survey")
    step: str | None = field(default=None, kw_only=True)
    keeps_state: bool = field(default=False, kw_only=True)
    # the server may take it on the customer's behalf (a decision through a quote link): an
    # actor of role SYSTEM, never a signed-in user
    system: bool = field(default=False, kw_only=True)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "dispatch", ("received",), "dispatched", ("manager",),
            {"technician": USERNAME,
             "helpers": {"type": "array", "items": USERNAME, "maxItems": 10},
             "job_class": JOB_CLASS, "skill_override": SKILL_OVERRIDE},
            ("technician",), step="dispatch",
        ),
        Action(
            "reassign", ("dispatched", "contacted"), "dispatched", ("manager",),
            {"technician": USERNAME,
             "helpers": {"type": "array", "items": USERNAME, "maxItems": 10},
             "reason": text(), "job_class": JOB_CLASS, "skill_override": SKILL_OVERRIDE},
            ("technician", "reason"), step="dispatch",
        ),
        Action(
            "contact", ("dispatched",), "contacted", (ASSIGNEE,),
            {"contacted_at": DATETIME, "visit_at": DATETIME, "note": text()},
            ("contacted_at", "visit_at"), step="contact",
        ),
        Action(
            "check_in", ("contacted",), "on_site", (ASSIGNEE,),
            {"arrived_at": DATETIME,
             "geo": {"type": "object",
                     "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90},
                                    "lng": {"type": "number", "minimum": -180, "maximum": 180}},
                     "required": ["lat", "lng"], "additionalProperties": False}},
            ("arrived_at",), step="arrival",
        ),
        Action(
            "survey", ("on_site",), "surveyed", (ASSIGNEE, "support"),
            {"findings": text(), "cause": text(), "impact": text()},
            ("findings", "cause", "impact"), step="survey",
        ),
        Action(
            "submit_plan", ("surveyed",), "plan_submitted", (ASSIGNEE, "support"),
            PLAN_SCHEMA, ("measures", "parts_tools", "estimated_hours", "staff"), step="plan",
        ),
        Action(
            "approve_plan", ("plan_submitted",), "in_repair", ("manager",),
            # `technician` (and `helpers`): the repair handed to another technician of the
            # outlet as the plan is approved (one the plan's classes need, say)
            {"comment": text(), "skill_override": SKILL_OVERRIDE, "technician": USERNAME,
             "helpers": {"type": "array", "items": USERNAME, "maxItems": 10}},
            (), step="approval",
        ),
        Action(
            "reject_plan", ("plan_submitted",), "surveyed", ("manager",),
            {"comment": text()}, ("comment",), step="approval",
        ),
        Action(
            "revise_plan", ("in_repair",), "plan_submitted", (ASSIGNEE, "support"),
            PLAN_SCHEMA, ("measures", "parts_tools", "estimated_hours", "staff"), step="plan",
        ),
        Action(
            "complete", ("in_repair", "rework"), "repaired", (ASSIGNEE,),
            {"fault_cause": text(), "solution": text(),
             "parts_replaced": {
                 "type": "array", "maxItems": 50,
                 "items": {"type": "object",
                           "properties": {"name": text(MAX_SHORT),
                                          "quantity": {"type": "integer", "minimum": 1,
                                                       "maximum": 10000},
                                          # a catalogue part's code (the parts area checks it
                                          # was issued to the order)
                                          "code": {"type": "string", "minLength": 1,
                                                   "maxLength": 40,
                                                   "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"}},
                           "required": ["name", "quantity"], "additionalProperties": False}}},
            ("fault_cause", "solution", "parts_replaced"), step="completion",
        ),
        Action(
            "accept", ("repaired",), "accepted", (ASSIGNEE, "agent"),
            {"customer_name": text(MAX_SHORT), "opinion": text(),
             "satisfied": {"type": "boolean"}, "satisfaction": SCORE,
             # the customer's signature: a verified attachment of kind "signature"
             "signature_id": {"type": "string", "minLength": 1, "maxLength": 64,
                              "pattern": r"^[A-Za-z0-9_-]+$"}},
            ("customer_name", "opinion"), step="acceptance",
        ),
        Action(
            "object", ("repaired",), "rework", (ASSIGNEE, "agent"),
            {"reason": text()}, ("reason",), step="objection",
        ),
        Action(
            "return_visit", ("accepted",), "visited", ("agent",),
            {"channel": {"type": "string", "enum": list(VISIT_CHANNELS)},
             "scores": {"type": "object",
                        "properties": {k: SCORE for k in VISIT_SCORES},
                        "required": list(VISIT_SCORES), "additionalProperties": False},
             "conduct": {"type": "object",
                         "properties": {k: {"type": "boolean"} for k in VISIT_CONDUCT},
                         "additionalProperties": False},
             "comments": text(), "suggestions": text()},
            ("channel", "scores"), step="return_visit",
        ),
        Action(
            # unpaid_reason: why the order is archived with its charge unpaid (the fees area
            # refuses the archive of an unpaid order without it: 409 unpaid_charge)
            "archive", ("visited",), "archived", ("manager",),
            {"summary": text(), "unpaid_reason": text()}, (), step="archive",
        ),
        Action(
            "hold", HOLDABLE_STATES, "on_hold", ("manager", ASSIGNEE),
            {"reason": text(), "kind": {"type": "string", "enum": list(HOLD_KINDS)}},
            ("reason", "kind"),
        ),
        Action(
            "resume", ("on_hold",), None, ("manager", ASSIGNEE),
            {"reason": text()}, ("reason",),
        ),
        Action(
            "cancel", CANCELLABLE_STATES, "cancelled", ("manager", "agent"),
            {"reason": text()}, ("reason",),
        ),
        Action(
            # a signed report is immutable: a correction issues the next version, keeps the old
            "correct_report", ("accepted", "visited"), None, ("manager", "support"),
            {"reason": text(), "fault_cause": text(), "solution": text(), "opinion": text()},
            ("reason",), keeps_state=True,
        ),
        Action(
            "extend_clock", OPEN_STATES, None, ("manager",),
            {"clock": {"type": "string", "enum": list(CLOCK_NAMES)},
             "minutes": {"type": "integer", "minimum": 1, "maximum": 14400},
             "reason": text()},
            ("clock", "minutes", "reason"), keeps_state=True,
        ),
        Action(
            "set_components", BEFORE_COMPLETION, None, ("agent", "manager"),
            {"components": {
                "type": "array", "maxItems": 20,
                "items": {"type": "object",
                          "properties": {"component": text(MAX_SHORT),
                                         "failure_date": {"type": "string", "format": "date",
                                                          "maxLength": 10}},
                          "required": ["component", "failure_date"],
                          "additionalProperties": False}}},
            ("components",), keeps_state=True,
        ),
        Action(
            # with a verified photo or document of this order as evidence
            "record_exclusion", BEFORE_ACCEPTANCE, None, ("agent", "manager", "support", ASSIGNEE),
            {"exclusion": {"type": "string", "enum": list(EXCLUSION_KEYS)},
             "note": text(), "attachment_id": ID},
            ("exclusion", "attachment_id"), keeps_state=True,
        ),
        Action(
            "remove_exclusion", BEFORE_ACCEPTANCE, None, ("manager",),
            {"exclusion": {"type": "string", "enum": list(EXCLUSION_KEYS)}, "reason": text()},
            ("exclusion", "reason"), keeps_state=True,
        ),
        Action(
            "override_coverage", BEFORE_ACCEPTANCE, None, ("manager",),
            {"line": {"type": "integer", "minimum": 0, "maximum": 19},
             "result": {"type": "string", "enum": ["warranty", "paid", "contract"]},
             "reason": text()},
            ("line", "result", "reason"), keeps_state=True,
        ),
        Action(
            # a new revision of the quote: back to approval (or straight to the customer)
            "quote", BEFORE_ACCEPTANCE, None, ("agent", "manager", "support"),
            {"lines": {"type": "array", "items": QUOTE_LINE, "minItems": 1, "maxItems": 50},
             "valid_until": {"type": "string", "format": "date", "maxLength": 10},
             "note": text(), "total_fen": _IGNORED, "charge_fen": _IGNORED},
            ("lines",), keeps_state=True,
        ),
        Action(
            "approve_quote", BEFORE_ACCEPTANCE, None, ("manager",),
            {"note": text()}, (), keeps_state=True,
        ),
        Action(
            # signature: attachment_id (a verified quote_signature of this order); phone:
            # confirmed_at (who confirmed, when)
            "confirm_quote", BEFORE_ACCEPTANCE, None, ("agent", "manager", ASSIGNEE),
            {"method": {"type": "string", "enum": list(CONFIRM_METHODS)},
             "customer_name": text(MAX_SHORT), "confirmed_at": DATETIME,
             "attachment_id": ID, "note": text()},
            ("method", "customer_name"), keeps_state=True, system=True,
        ),
        Action(
            "refuse_quote", BEFORE_ACCEPTANCE, None, ("agent", "manager", ASSIGNEE),
            {"note": text(), "customer_name": text(MAX_SHORT)}, (), keeps_state=True,
            system=True,
        ),
        Action(
            # 总经理批准: the job goes ahead although the customer refused the quote
            "release_quote", BEFORE_ACCEPTANCE, None, ("head_office",),
            {"reason": text()}, ("reason",), keeps_state=True,
        ),
        Action(
            "correct_distance", OPEN_STATES, None, ("agent", "manager"),
            {"distance_km": {"type": "number", "minimum": 0, "maximum": 20000},
             "reason": text()},
            ("distance_km", "reason"), keeps_state=True,
        ),
    )
}


# How an order's page offers the actions (ServiceNow's form buttons: the everyday path in sight,
# the rest under "more"). One source for the SPA, through describe() and the order detail's
# `next_actions`:
# - each open state's expected next step(s): the first of them the user may take is the primary
#   button, shown first;
# - decisions against the work (reject a plan, object to a repair): buttons, never primary;
# - corrections and interruptions a stage seldom needs: in the "more" menu;
# - destructive actions: last, in danger style, never primary.
# Every other action is an everyday step (a button).
NEXT_ACTIONS: dict[str, tuple[str, ...]] = {
    "received": ("dispatch",),
    "dispatched": ("contact",),
    "contacted": ("check_in",),
    "on_site": ("survey",),
    "surveyed": ("submit_plan",),
    "plan_submitted": ("approve_plan",),
    "in_repair": ("complete",),
    "rework": ("complete",),
    "repaired": ("accept",),
    "accepted": ("return_visit",),
    "visited": ("archive",),
    "on_hold": ("resume",),
}
DECISIONS = frozenset({"reject_plan", "object"})
MORE_ACTIONS = frozenset({"correct_distance", "correct_report", "extend_clock", "hold", "reassign"})
# taken from their own panel of the page (the warranty's coverage and quote cards, each with
# its own form), not from the action bar
PANEL_ACTIONS = frozenset({"set_components", "record_exclusion", "remove_exclusion",
                           "override_coverage", "quote", "approve_quote", "confirm_quote",
                           "refuse_quote", "release_quote"})
DESTRUCTIVE = frozenset({"cancel"})
ACTION_GROUPS = ("step", "decision", "more", "destructive", "panel")


def action_group(name: str) -> str:
    """How the order's page offers this action: one of ACTION_GROUPS."""
    if name in DESTRUCTIVE:
        return "destructive"
    if name in MORE_ACTIONS:
        return "more"
    if name in PANEL_ACTIONS:
        return "panel"
    if name in DECISIONS:
        return "decision"
    return "step"


def next_actions(state: str, allowed: list[str]) -> list[str]:
    """The state's expected next steps among the actions the user may take now (the first one
    is the page's primary button); empty when the user takes none of them."""
    return [name for name in NEXT_ACTIONS.get(state, ()) if name in allowed]


class NotAllowedInState(Exception):
    """The action exists, but not from the order's current state."""


def may_act(action: Action, actor, assignees: set[str]) -> bool:
    """Whether this actor may take this action on an order with these assignees."""
    if actor.role == SYSTEM:
        return action.system
    if actor.role in action.roles:
        return True
    return ASSIGNEE in action.roles and actor.role == "technician" and actor.username in assignees


def next_state(action: Action, state: str, state_before_hold: str | None) -> str:
    """The state after `action` from `state`; raises NotAllowedInState."""
    if state not in action.sources:
        raise NotAllowedInState(f"{action.name} is not allowed in state {state}")
    if action.keeps_state:
        return state
    if action.target is None:
        if not state_before_hold:
            raise NotAllowedInState("order has no state to resume to")
        return state_before_hold
    return action.target


def allowed_actions(state: str, actor, assignees: set[str]) -> list[str]:
    """The actions this actor may take now, in table order (drives the SPA's buttons)."""
    return [
        a.name for a in ACTIONS.values()
        if state in a.sources and may_act(a, actor, assignees)
    ]


def describe() -> dict:
    """The lifecycle as JSON for `GET /api/lifecycle`."""
    return {
        "states": list(STATES),
        "terminal_states": sorted(TERMINAL_STATES),
        "actions": [
            {"name": a.name, "from": list(a.sources), "to": a.target, "roles": list(a.roles),
             "group": action_group(a.name), "schema": a.schema}
            for a in ACTIONS.values()
        ],
        "next_actions": {state: list(NEXT_ACTIONS.get(state, ())) for state in STATES},
    }


_ENFORCED: dict[str, dict] = {}


def action_schema(action: Action) -> dict:
    """An action's data as it is enforced and published: its schema with the text rules (no
    control characters; line breaks only in fields marked multiline), built once per action."""
    if action.name not in _ENFORCED:
        _ENFORCED[action.name] = _with_text_rules(action.schema)
    return _ENFORCED[action.name]
