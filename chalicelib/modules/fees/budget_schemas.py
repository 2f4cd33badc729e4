"""The fees area's budget bodies, answers (OpenAPI components) and refusal messages
(budgets.py; docs/fees.md "Budgets")."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NNUM, NSTR, STR, array, enum, free_form, obj, ref
from chalicelib.kernel.validation import text
from chalicelib.modules.fees.domain.budgets import CATEGORIES, DECISIONS, MAX_FEN
from chalicelib.modules.fees.vocabulary import BUDGET_REQUEST_STATES, VOCABULARY

VERSION = {"type": "integer", "minimum": 0, "maximum": 1_000_000_000}
FEN = {"type": "integer", "minimum": 0, "maximum": MAX_FEN}
SPEND_FEN = {"type": "integer", "minimum": 1, "maximum": MAX_FEN}
CATEGORY = {"enum": list(CATEGORIES)}
NOTE = text(500)

# PUT /api/budgets/{outlet}/{year} (head office): the limits of the categories sent (the others
# keep theirs) and the stop flag, on the budget's version seen (0: never set)
BUDGET_BODY = {
    "type": "object",
    "properties": {
        "version": VERSION,
        "stop": {"type": "boolean"},
        "categories": {
            "type": "object",
            "properties": {c: {"type": "object", "properties": {"limit_fen": FEN},
                               "required": ["limit_fen"], "additionalProperties": False}
                           for c in CATEGORIES},
            "additionalProperties": False},
    },
    "required": ["version", "stop", "categories"],
    "additionalProperties": False,
}
# POST …/spend: a spend booked by hand (the claims of the next slice book their own)
SPEND_BODY = {
    "type": "object",
    "properties": {"category": CATEGORY, "amount_fen": SPEND_FEN, "note": NOTE},
    "required": ["category", "amount_fen"],
    "additionalProperties": False,
}
# POST …/requests: a 费用增加申请 (the outlet's manager)
REQUEST_BODY = {
    "type": "object",
    "properties": {"category": CATEGORY, "amount_fen": SPEND_FEN, "reason": NOTE},
    "required": ["category", "amount_fen", "reason"],
    "additionalProperties": False,
}
# POST …/requests/{request_id}/decide (head office), on the request's version seen
DECISION_BODY = {
    "type": "object",
    "properties": {"decision": {"enum": list(DECISIONS)}, "note": NOTE,
                   "version": {"type": "integer", "minimum": 1, "maximum": 1_000_000_000}},
    "required": ["decision", "version"],
    "additionalProperties": False,
}

_FIGURES = obj({"limit_fen": INT, "raised_fen": INT, "spent_fen": INT,
                # limit + raised − spent: below 0 once overspent while not stopped
                "remaining_fen": INT,
                # spent ÷ (limit + raised), 0.8 = 80 %, rounded down to 4 decimals (never shows
                # a threshold not reached); null without a budget
                "used_rate": NNUM})

SCHEMAS: dict[str, dict] = {
    # the inbox notices the fees area writes (the notifications' `notice`)
    "FeesNotice": enum(VOCABULARY["notice"]),
    "BudgetFigures": _FIGURES,
    "Budget": obj({
        "outlet": STR, "outlet_name": NSTR, "year": INT, "stop": BOOL, "version": INT,
        "categories": obj({c: ref("BudgetFigures") for c in CATEGORIES}),
        "total": ref("BudgetFigures"),
        # the year's 80 % (the managers) and 100 % (head office) were told
        "warned_80": BOOL, "told_100": BOOL}),
    "BudgetList": obj({"items": array(ref("Budget"))}),
    "BudgetRequest": obj({
        "id": STR, "outlet": STR, "year": INT, "category": enum(CATEGORIES), "amount_fen": INT,
        "reason": STR, "state": enum(BUDGET_REQUEST_STATES), "filed_by": STR,
        "filed_by_name": NSTR, "filed_at": STR, "decided_by": NSTR, "decided_by_name": NSTR,
        "decided_at": NSTR, "note": NSTR, "version": INT}),
    "BudgetRequestList": obj({"items": array(ref("BudgetRequest"))}),
    "BudgetEvent": obj({
        "id": STR, "action": enum(("set", "spend", "request", "decide")),
        "data": free_form("what the change was: set {before, after}, spend {category, "
                          "amount_fen, source}, "
                          "request and decide {request_id, category, amount_fen, …}"),
        "by": STR, "by_name": NSTR, "at": STR}),
    "BudgetEventList": obj({"items": array(ref("BudgetEvent"))}),
}

MESSAGES: dict[str, dict[str, str]] = {
    "budget_exceeded": {
        "zh": "{category}预算不足：本年剩余 {remaining} 元。超出预算的费用须先提交费用增加申请，"
              "经总部批准后执行",
        "en": "Not enough budget for {category}: {remaining} yuan left this year. Spending above "
              "the budget needs a budget increase request approved by head office first"},
    "budget_request_decided": {"zh": "该费用增加申请已处理，不能再次审批",
                               "en": "This budget increase request has been decided already"},
    "budget_busy": {"zh": "预算正被同时更新，请稍后重试",
                    "en": "The budget is being updated by someone else at this moment: try again"},
}
