"""Transfers between two outlets' warehouses (调拨单): the request bodies, what the API answers
(OpenAPI components) and the refusals' texts."""

from __future__ import annotations

from chalicelib.kernel.parameters import CODE as OUTLET_CODE
from chalicelib.kernel.schemas import INT, NSTR, STR, array, enum, obj, page_of, ref
from chalicelib.kernel.validation import MAX_TEXT
from chalicelib.modules.parts.domain.catalogue import CODE_SCHEMA
from chalicelib.modules.parts.domain.stock import MAX_QUANTITY
from chalicelib.modules.parts.vocabulary import VOCABULARY

# a transaction holds 100 items; a transfer's line moves 2 stock lines and writes 2 ledger
# entries on send and on receive, so 20 lines (80 items and the transfer) always fit
MAX_LINES = 20
STATES = tuple(VOCABULARY["transfer_state"])
ACTIONS = tuple(VOCABULARY["transfer_action"])  # create | send | receive | cancel

PART_CODE = CODE_SCHEMA
NOTE = {"type": ["string", "null"], "maxLength": MAX_TEXT, "x-multiline": True}

TRANSFER_BODY = {
    "type": "object",
    "properties": {
        "from_outlet": OUTLET_CODE,
        "to_outlet": OUTLET_CODE,
        "lines": {"type": "array", "minItems": 1, "maxItems": MAX_LINES, "items": {
            "type": "object",
            "properties": {"code": PART_CODE,
                           "quantity": {"type": "integer", "minimum": 1,
                                        "maximum": MAX_QUANTITY}},
            "required": ["code", "quantity"], "additionalProperties": False}},
        "note": NOTE,
    },
    "required": ["from_outlet", "to_outlet", "lines"],
    "additionalProperties": False,
}

# a transfer's or a count's step (send, receive, cancel; submit, approve, reject): the version
# the user saw, and a note for its history
ACTION_BODY = {
    "type": "object",
    "properties": {"version": {"type": "integer", "minimum": 1}, "note": NOTE},
    "required": ["version"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "TransferLine": obj({"code": STR, "name": STR, "unit": NSTR, "quantity": INT}),
    "TransferHistory": obj({"action": enum(ACTIONS), "by": STR, "by_name": NSTR, "at": STR,
                            "note": NSTR}),
    "Transfer": obj({
        "id": STR, "from_outlet": STR, "to_outlet": STR, "state": enum(STATES),
        "lines": array(ref("TransferLine")), "note": NSTR,
        "history": array(ref("TransferHistory")),  # oldest first: the audit trail
        "created_by": STR, "version": INT, "created_at": STR, "updated_at": STR,
        "allowed_actions": array(enum(("send", "receive", "cancel")))}),
    "TransferPage": page_of("Transfer"),
}

DIRECTION = {"enum": ["out", "in"], "default": "out",
             "description": "out: the outlet's transfers to others (gsi1); in: to it (gsi2)"}

MESSAGES = {
    "transfer_state": {"zh": "调拨单当前状态不允许此操作，请刷新",
                       "en": "The transfer's state does not allow this; reload it"},
    "same_outlet": {"zh": "调出和调入网点不能相同", "en": "must differ from the sending outlet"},
    "unknown_outlet": {"zh": "没有这个网点仓库", "en": "no such outlet warehouse"},
    "not_your_outlet": {"zh": "只能从本网点仓库调出", "en": "only from your own outlet's warehouse"},
    "inactive_part": {"zh": "配件 {code} 已停用", "en": "part {code} is no longer active"},
}
