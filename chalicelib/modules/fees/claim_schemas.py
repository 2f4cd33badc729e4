"""The fees area's travel claim bodies, answers (OpenAPI components) and refusal messages:
差旅费报销单, its receipts (原始凭证) and its approval (docs/fees.md "Travel claims")."""

from __future__ import annotations

from chalicelib.kernel.schemas import (
    BOOL,
    INT,
    NINT,
    NSTR,
    STR,
    array,
    enum,
    free_form,
    nullable,
    obj,
    ref,
)
from chalicelib.kernel.validation import MAX_SHORT, USERNAME, text
from chalicelib.modules.fees.domain import claims as rules
from chalicelib.modules.fees.vocabulary import (
    BUDGET_CATEGORIES,
    CLAIM_FLAGS,
    CLAIM_LINE_CATEGORIES,
    CLAIM_STATES,
    TRANSPORT_MODES,
)

RECEIPT_TYPES = ("image/jpeg", "image/png", "application/pdf")  # a photo or a PDF
RECEIPT_STATES = ("pending", "verified", "rejected")
CLAIM_ID = {"type": "string", "pattern": r"^clm_[0-9a-f]{8,40}$",
            "description": "a travel claim's id (差旅费报销单)"}
RECEIPT_ID = {"type": "string", "pattern": r"^rct_[0-9a-f]{8,40}$",
              "description": "a claim receipt's id (原始凭证)"}
VIEWS = ("mine", "outlet", "queue")


def _or_null(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


_DATE = {"type": "string", "format": "date", "maxLength": 10}
_FEN = {"type": "integer", "minimum": 1, "maximum": rules.MAX_FEN}
_VERSION = {"type": "integer", "minimum": 1, "maximum": 1_000_000_000,
            "description": "the claim's version as read"}
_PLACE = text(100)

# one line of the claim as the claimant writes it
CLAIM_LINE_BODY = {
    "type": "object",
    "properties": {
        "date": _DATE,
        "from": _PLACE,  # 起点
        "to": _PLACE,  # 终点
        "category": {"type": "string", "enum": list(CLAIM_LINE_CATEGORIES)},
        "amount_fen": _FEN,
        # required on a transport line (400 lines.<i>.mode); ignored on others
        "mode": _or_null({"type": "string", "enum": list(TRANSPORT_MODES)}),
        # taxi and freight: the outlet's manager who agreed beforehand (请示同意)
        "prior_approval": _or_null({
            "type": "object",
            "properties": {"by": USERNAME, "note": _or_null(text(MAX_SHORT))},
            "required": ["by"], "additionalProperties": False}),
        "note": _or_null(text(MAX_SHORT)),
        # the claim's receipts backing this line (POST …/receipts, then confirm)
        "receipts": {"type": "array", "items": RECEIPT_ID, "maxItems": rules.MAX_LINE_RECEIPTS},
    },
    "required": ["date", "from", "to", "category", "amount_fen"],
    "additionalProperties": False,
}

_CLAIM_FIELDS = {
    "reason": text(500),  # 出差事由
    "departed_on": _DATE,
    "returned_on": _DATE,  # not before departed_on, not in the future
    "budget_category": {"type": "string", "enum": list(BUDGET_CATEGORIES)},
    # orders of the claimant's outlet on which the claimant is the technician or a helper
    "orders": {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": 64,
                                          "pattern": r"^[A-Za-z0-9_-]+$"},
               "maxItems": rules.MAX_ORDERS, "uniqueItems": True},
    "advance_fen": {"type": "integer", "minimum": 0, "maximum": rules.MAX_FEN},  # 借款
    "lines": {"type": "array", "items": CLAIM_LINE_BODY, "minItems": 1,
              "maxItems": rules.MAX_LINES},
}
_REQUIRED = ["reason", "departed_on", "returned_on", "budget_category", "lines"]

CLAIM_BODY = {"type": "object", "properties": _CLAIM_FIELDS, "required": _REQUIRED,
              "additionalProperties": False}

CLAIM_EDIT_BODY = {"type": "object", "properties": {"version": _VERSION, **_CLAIM_FIELDS},
                   "required": ["version", *_REQUIRED], "additionalProperties": False}

SUBMIT_BODY = {"type": "object", "properties": {"version": _VERSION}, "required": ["version"],
               "additionalProperties": False}

DECIDE_BODY = {
    "type": "object",
    "properties": {"decision": {"type": "string", "enum": list(rules.DECISIONS)},
                   # required to reject (400 note)
                   "note": _or_null(text()), "version": _VERSION},
    "required": ["decision", "version"],
    "additionalProperties": False,
}

RECEIPT_SLOT_BODY = {
    "type": "object",
    "properties": {"content_type": {"type": "string", "enum": list(RECEIPT_TYPES)},
                   "size": {"type": "integer", "minimum": 1, "maximum": 1_000_000_000},
                   "file_name": text(MAX_SHORT)},
    "required": ["content_type", "size"],
    "additionalProperties": False,
}

_RECEIPT = obj({
    "id": STR, "content_type": enum(RECEIPT_TYPES), "size": INT, "file_name": NSTR,
    "status": enum(RECEIPT_STATES),
    # short-lived links once verified (null before): the file, a photo's thumbnail
    "links": nullable(obj({"view": STR, "thumbnail": NSTR})),
})

_LINE = obj({
    "date": STR, "from": STR, "to": STR, "category": enum(CLAIM_LINE_CATEGORIES),
    "amount_fen": INT, "mode": nullable(enum(TRANSPORT_MODES)),
    "prior_approval": nullable(obj({"by": STR, "note": NSTR})), "note": NSTR,
    "receipts": array(ref("ClaimReceipt")), "flags": array(enum(CLAIM_FLAGS)),
    # flag duplicate_receipt: the numbers of the other claims (submitted or further on) holding
    # a receipt file of this line
    "duplicate_of": array(STR),
})

_SUMMARY = {
    "id": STR, "number": STR, "outlet": STR, "outlet_name": NSTR, "claimant": STR,
    "claimant_name": STR, "state": enum(CLAIM_STATES), "total_fen": INT,
    # total − advance (negative: the claimant pays money back)
    "net_fen": INT, "departed_on": STR, "returned_on": STR, "submitted_at": NSTR,
    # submitted after return + 3 working days
    "late": BOOL,
    "flagged": BOOL,  # some line is outside its orders' windows
    # the step the claim waits for (a manager's own claim: head office while submitted); null
    # for a draft or a decided claim
    "waits_for": nullable(enum(rules.STEPS)),
    "line_count": INT,
    "version": INT,
}

_WINDOW = obj({"from": STR, "to": NSTR})

SCHEMAS: dict[str, dict] = {
    "ClaimReceipt": _RECEIPT,
    "ClaimLine": _LINE,
    "ClaimSummary": obj(_SUMMARY),
    # one page; `cursor` (also as `next_cursor`, the other lists' name): the next page's, or
    # null on the last
    "ClaimList": obj({"items": array(ref("ClaimSummary")), "cursor": NSTR,
                      "next_cursor": NSTR}),
    "Claim": obj({
        **_SUMMARY,
        "claimant_grade": STR,  # 职级: "4★", else the role's name
        "reason": STR, "budget_category": enum(BUDGET_CATEGORIES), "advance_fen": INT,
        "by_category": obj({c: INT for c in CLAIM_LINE_CATEGORIES}),
        "orders": array(obj({"id": STR, "number": STR, "type": NSTR,
                             # the order's dispatch-to-completion dates (to: null while open);
                             # null: not dispatched
                             "window": nullable(_WINDOW)})),
        "lines": array(ref("ClaimLine")),
        "receipts": array(ref("ClaimReceipt")),
        # returned_on + 3 working days on the outlet's calendar
        "filing_due": STR,
        "approvals": array(obj({
            "step": enum(rules.STEPS), "decision": enum(rules.DECISIONS), "by": STR,
            "by_name": NSTR, "at": STR, "note": NSTR})),
        # the budget category's figures read now; once approved also what was booked
        "budget": obj({"category": enum(BUDGET_CATEGORIES), "year": INT,
                       "remaining_fen": INT, "stop": BOOL, "would_exceed": BOOL,
                       "booked_fen": NINT, "event_id": NSTR}),
        "events": array(obj({
            "id": STR, "action": STR, "by": STR, "by_name": NSTR, "at": STR,
            "from_state": NSTR, "to_state": NSTR,
            "data": free_form("what the step recorded; its action says what it holds")})),
        # the trail holds more (older) events than the newest shown
        "events_more": BOOL,
        "may": obj({"edit": BOOL, "submit": BOOL, "upload": BOOL, "decide": BOOL}),
    }),
    "ClaimReceiptSlot": obj({
        "receipt": ref("ClaimReceipt"),
        # the presigned POST's form fields, sent as they are before the file
        "upload": obj({"url": STR, "fields": {"type": "object", "additionalProperties": STR},
                       "expires_at": STR, "max_bytes": INT})}),
}

MESSAGES: dict[str, dict[str, str]] = {
    "claim_not_draft": {"zh": "报销单已提交，不能再修改", "en": "This claim is submitted: it can no "
                        "longer be changed"},
    "claim_wrong_step": {"zh": "报销单当前不在您的审批环节（先经理审核，再总部审批；经理本人的报销单"
                               "由总部审批）",
                         "en": "This claim is not at your approval step (the manager reviews "
                               "it first, then head office; head office alone decides a "
                               "manager's own claim)"},
    # field problems
    "before_departure": {"zh": "返回日期不能早于出发日期", "en": "must not be before the departure"},
    "outside_trip": {"zh": "日期须在出差期间（{departed}～{returned}）",
                     "en": "must be within the trip ({departed} to {returned})"},
    "prior_approval_required": {"zh": "未经请示同意的开销一律不予报销（出租车、货运须事先经部门经理同意）",
                                "en": "Expenses not agreed beforehand are not reimbursed (taxi "
                                      "and freight need the department manager's prior consent)"},
    "not_outlet_manager": {"zh": "须为本网点的经理", "en": "must be a manager of this outlet"},
    "prior_approval_self": {"zh": "不能由本人事先同意，须为本网点的其他经理",
                            "en": "must be another manager of this outlet, not yourself"},
    "order_not_yours": {"zh": "须为本网点由您主修或协助的工单",
                        "en": "must be an order of this outlet you worked on"},
    "receipt_required": {"zh": "请上传原始凭证", "en": "needs a receipt"},
    "receipt_unknown": {"zh": "不是本报销单已上传的凭证", "en": "is not a receipt of this claim"},
    "receipt_not_verified": {"zh": "凭证尚未上传完成", "en": "has a receipt not verified yet"},
    "receipt_duplicate": {"zh": "凭证已在报销单 {number} 中报销，同一票据不能重复报销",
                          "en": "has a receipt already claimed on {number}: a receipt is "
                                "claimed once"},
    "too_many_receipts": {"zh": "凭证过多（最多 {limit} 张，含未完成及被拒的上传，一天后释放）",
                          "en": "has too many receipts (at most {limit}, counting unfinished "
                                "and rejected uploads until a day after)"},
}
