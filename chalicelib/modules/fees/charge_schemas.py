"""The fees area's charge bodies, answers (OpenAPI components) and refusal messages: an order's
fee sheet (费用明细) and its approval."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NINT, NSTR, NUM, STR, array, enum, nullable, obj, ref
from chalicelib.kernel.validation import MAX_SHORT, text
from chalicelib.modules.fees.domain.charges import OUTDATED_REASONS, STATES
from chalicelib.modules.fees.vocabulary import COST_SOURCES, VOCABULARY
from chalicelib.modules.warranty.public import LINE_APPROVAL_REASONS, LINE_KINDS


def _or_null(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


_FEN = {"type": "integer", "minimum": 0, "maximum": 10_000_000_000}
_VERSION = {"type": "integer", "minimum": 0, "maximum": 1_000_000_000,
            "description": "the sheet's version as read (0: not saved yet)"}
PART_CODE = {"type": "string", "minLength": 1, "maxLength": 40,
             "pattern": r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$"}

# one line as the user gives it: the server prices it (no amount, charge, cost or total is
# accepted: additionalProperties false answers 400 naming the field)
FEE_LINE_BODY = {
    "type": "object",
    "properties": {
        "kind": {"type": "string", "enum": list(LINE_KINDS)},
        "description": _or_null(text(MAX_SHORT)),
        "component": _or_null(text(MAX_SHORT)),
        # a catalogue part (its list and cost price come from the catalogue); a part line
        # without one keeps the confirmed quote's list price
        "part_code": _or_null(PART_CODE),
        # hours, km, nights, days, pieces: at most 2 decimals
        "quantity": {"type": "number", "exclusiveMinimum": 0, "maximum": 100000},
        # default: the list price (above 2× the list, or below it, waits for a manager)
        "unit_price_fen": _or_null(_FEN),
        "waived": {"type": "boolean"},
        # required where the line differs from the confirmed quote (or is new and charged)
        "reason": _or_null(text()),
    },
    "required": ["kind", "quantity"],
    "additionalProperties": False,
}

SHEET_BODY = {
    "type": "object",
    "properties": {"version": _VERSION,
                   "lines": {"type": "array", "items": FEE_LINE_BODY, "maxItems": 50}},
    "required": ["version", "lines"],
    "additionalProperties": False,
}

APPROVE_BODY = {
    "type": "object",
    "properties": {"version": _VERSION},
    "required": ["version"],
    "additionalProperties": False,
}

# what the area writes on an order's timeline (the `event` vocabulary's fees values)
TIMELINE_EVENTS = tuple(VOCABULARY["event"])

SCHEMAS: dict[str, dict] = {
    "FeesOrderEvent": enum(TIMELINE_EVENTS),
    "FeeLine": obj({
        "id": STR, "kind": enum(LINE_KINDS), "description": NSTR, "component": NSTR,
        "part_code": NSTR,
        # a quantity (hours, km, pieces; at most 2 decimals), not money
        "quantity": NUM, "unit_price_fen": INT, "list_price_fen": INT,
        # what covers the line (the coverage decision's, else the order's): warranty and
        # contract lines charge 0
        "coverage": nullable(ref("Coverage")),
        "charge_fen": INT,
        # the internal cost: null for a reader who may not see costs (parts.costs.read); 0 for
        # a trip's line (call-out, travel, lodging, meals, allowance), whose cost an approved
        # travel claim books
        "cost_fen": NINT,
        # who books the internal cost: "sheet" (labour, parts: the acceptance) or "claim" (a
        # trip's lines; vocabulary fee_cost_source: 按报销单入账)
        "cost_source": enum(COST_SOURCES),
        "needs_approval": nullable(enum(LINE_APPROVAL_REASONS)), "waived": BOOL,
        "reason": NSTR, "from_quote": BOOL, "changed_from_quote": BOOL,
    }),
    "FeeSheet": obj({
        "order_id": STR, "state": enum(STATES), "version": INT,
        "lines": array(ref("FeeLine")),
        "charge_fen": INT, "cost_fen": NINT, "paid_fen": INT, "outstanding_fen": INT,
        "quote_revision": NINT,
        "approval": nullable(obj({"by": STR, "by_name": NSTR, "at": STR,
                                  "reasons": array(enum(LINE_APPROVAL_REASONS))})),
        # the sheet no longer matches the order (the coverage or prices changed since it was
        # saved, the quote was revised, the parts used changed; a draft whose parts and quote
        # lines need review): the acceptance is refused (409 fees_outdated) until it is saved
        # again; the reasons: vocabulary fees_outdated_reason
        "outdated": BOOL, "outdated_reasons": array(enum(OUTDATED_REASONS)),
        "may": obj({"edit": BOOL, "approve": BOOL}),
    }),
}

MESSAGES = {
    "fees_need_approval": {
        "zh": "费用明细含超过标准价两倍、低于标准价或减免的项目，须经理审批后才能验收结算",
        "en": "The fee lines have a line above twice the list price, below it or waived: a "
              "manager must approve them before the order is accepted"},
    "fees_outdated": {
        "zh": "费用明细与工单当前的保修判定、报价或配件使用不一致：请打开费用明细重新保存后再验收",
        "en": "The fee sheet no longer matches the order's coverage, quote or parts: open it "
              "and save it again"},
    "fees_final": {"zh": "该工单费用已结算，不能再修改", "en": "This order's fees are settled"},
    "fees_not_pending": {"zh": "费用明细无需审批或已审批",
                         "en": "The fee lines are not awaiting approval"},
    # field errors of a sheet
    "reason_required": {"zh": "与已确认的报价不同，须填写原因",
                        "en": "differs from the confirmed quote: give a reason"},
    "quote_line_missing": {"zh": "不能删除已确认报价中的项目（{kind} {description}），"
                                 "如不收费请选择减免并填写原因",
                           "en": "a line of the confirmed quote ({kind} {description}) cannot "
                                 "be dropped: waive it with a reason instead"},
    "part_not_priced": {"zh": "配件须填写目录编码（或来自已确认的报价）",
                        "en": "a part needs its catalogue code (or to come from the confirmed "
                              "quote)"},
}
