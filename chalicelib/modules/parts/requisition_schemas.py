"""The requisition's request bodies, what it answers (OpenAPI components), and the texts of its
own error codes."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NINT, NSTR, STR, array, enum, nullable, obj, page_of, ref
from chalicelib.kernel.validation import ID, MAX_SHORT, MAX_TEXT, MULTILINE
from chalicelib.modules.parts.domain import requisitions as rules
from chalicelib.modules.parts.domain.catalogue import CODE_SCHEMA
from chalicelib.modules.parts.domain.stock import MAX_QUANTITY

QUANTITY = {"type": "integer", "minimum": 1, "maximum": MAX_QUANTITY}
_NOTE = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, MULTILINE: True}
_SHORT = {"type": "string", "minLength": 1, "maxLength": MAX_SHORT}
_VERSION = {"type": "integer", "minimum": 1, "description": "the requisition's version seen"}


def _lines(item: dict, required: list[str]) -> dict:
    return {"type": "array", "minItems": 1, "maxItems": 30,
            "items": {"type": "object", "properties": item, "required": required,
                      "additionalProperties": False}}


CREATE_BODY = {
    "type": "object",
    "properties": {
        "order_id": ID,
        "lines": _lines({"code": CODE_SCHEMA, "quantity": QUANTITY, "component": _SHORT},
                        ["code", "quantity"]),
        "note": _NOTE,
    },
    "required": ["order_id", "lines"],
    "additionalProperties": False,
}

# POST .../requisitions/{requisition_id}/actions/{requisition_action}: one body for every action
# (each reads its own members; the use case names a missing one)
ACTION_BODY = {
    "type": "object",
    "properties": {
        "version": _VERSION,
        "note": _NOTE,  # approve
        "reason": _NOTE,  # reject
        # issue (none: everything approved and not yet issued), return (with a condition)
        "lines": _lines({"code": CODE_SCHEMA, "quantity": QUANTITY,
                         "condition": {"enum": list(rules.RETURN_CONDITIONS)}},
                        ["code", "quantity"]),
    },
    "required": ["version"],
    "additionalProperties": False,
}

EXCEPTION_BODY = {
    "type": "object",
    "properties": {"code": CODE_SCHEMA, "name": _SHORT, "quantity": QUANTITY, "reason": _NOTE},
    "required": ["name", "quantity", "reason"],
    "additionalProperties": False,
}

_WHO = {"by": STR, "by_name": NSTR, "at": STR}

# what the area writes on an order's timeline (the `event` vocabulary's parts_* values)
TIMELINE_EVENTS = ("parts_requested", "parts_approved", "parts_rejected", "parts_cancelled",
                   "parts_issued", "parts_received", "parts_used", "parts_returned",
                   "parts_exception", "parts_overdue")

NOTICES = ("parts_overdue", "stock_low")  # the inbox notices of the parts area

SCHEMAS: dict[str, dict] = {
    "PartsEvent": enum(TIMELINE_EVENTS),
    # the inbox notices the area writes (vocabulary `notice`; the stock's may join them)
    "PartsNotice": enum(NOTICES),
    "RequisitionLine": obj({
        "code": STR, "name": STR, "unit": NSTR, "quantity": INT, "component": NSTR,
        # the internal cost: null for a reader without parts.costs.read (a technician)
        "list_price_fen": INT, "cost_fen": NINT, "amount_fen": INT, "expensive": BOOL,
        "issued": INT, "received": INT, "used": INT, "returned": INT, "defective": INT,
        "released": INT,  # approved, then cancelled before it was issued
        # issued and neither used nor back in the warehouse
        "outstanding": INT}),
    "Requisition": obj({
        "id": STR, "order_id": STR, "order_number": NSTR, "outlet": STR,
        "state": enum(rules.STATES), "lines": array(ref("RequisitionLine")),
        "needs_head_office": BOOL,
        "approval_reasons": array(obj({"code": STR, "reason": enum(rules.APPROVAL_REASONS)})),
        "requested_by": STR, "requested_by_name": NSTR, "note": NSTR,
        "approvals": array(obj({**_WHO, "step": enum(["manager", "head_office"]),
                                "note": NSTR})),
        "rejection": nullable(obj({**_WHO, "reason": STR})),
        "received_at": NSTR, "completed_at": NSTR, "return_due_at": NSTR, "flagged_at": NSTR,
        "version": INT, "created_at": STR, "updated_at": STR,
        # what the reader may do now (requisition_action vocabulary)
        "allowed_actions": array(enum(rules.ACTIONS))}),
    "RequisitionPage": page_of("Requisition"),
    "PartsException": obj({"id": STR, "order_id": STR, "code": NSTR, "name": STR,
                           "quantity": INT, "reason": STR, "by": STR, "by_name": NSTR,
                           "at": STR}),
    "OrderParts": obj({
        "requisitions": array(ref("Requisition")),
        # per part: what the order holds and used, priced by the order's coverage (free under
        # warranty or contract), and its internal cost
        "lines": array(obj({
            "code": STR, "name": STR, "unit": NSTR, "issued": INT, "used": INT,
            "returned": INT, "defective": INT, "outstanding": INT, "list_price_fen": INT,
            "cost_fen": NINT, "coverage": NSTR, "charge_fen": INT, "cost_total_fen": NINT})),
        "exceptions": array(ref("PartsException")),
        "cost_total_fen": NINT,  # null for a reader without parts.costs.read
        "charge_total_fen": INT,
        # may the reader request parts on this order now (见单发料: an open order, one of its
        # technicians, support or its manager)
        "can_request": BOOL}),
}

MESSAGES = {
    "parts_outstanding": {
        "zh": "工单还有已批准待发或未退回的配件：请先取消申请或退料",
        "en": "The order has approved or unreturned parts: cancel the requisition or return "
              "the parts first"},
    "requisition_exceeds": {"zh": "超过可办理数量 {max}", "en": "is more than the {max} open"},
    "not_on_requisition": {"zh": "不在该领用申请中", "en": "is not on this requisition"},
    "condition_required": {"zh": "请选择退回件状况（未使用/故障件）",
                           "en": "say whether it is unused or faulty"},
}
