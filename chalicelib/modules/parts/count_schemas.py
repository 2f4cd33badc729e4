"""Stock counts (盘点): the request bodies, what the API answers (OpenAPI components) and the
refusals' texts."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NSTR, STR, array, enum, nullable, obj, page_of, ref
from chalicelib.kernel.validation import MAX_ITEMS, MAX_SHORT
from chalicelib.modules.parts.transfer_schemas import NOTE, PART_CODE
from chalicelib.modules.parts.vocabulary import VOCABULARY

STATES = tuple(VOCABULARY["count_state"])
ACTIONS = tuple(VOCABULARY["count_action"])  # start | submit | approve | reject
MAX_COUNTED = 10**7

START_BODY = {
    "type": "object",
    "properties": {
        "note": NOTE,
        # the parts of the count sheet (none: any part of the catalogue may be counted)
        "codes": {"type": ["array", "null"], "maxItems": MAX_ITEMS, "items": PART_CODE},
    },
    "additionalProperties": False,
}

LINE_BODY = {
    "type": "object",
    "properties": {
        "counted": {"type": "integer", "minimum": 0, "maximum": MAX_COUNTED},
        "reason": {"type": ["string", "null"], "maxLength": MAX_SHORT},  # 盘盈盘亏原因
    },
    "required": ["counted"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "CountHistory": obj({"action": enum(ACTIONS), "by": STR, "by_name": NSTR, "at": STR,
                         "note": NSTR}),
    "StockCount": obj({
        "id": STR, "outlet": STR, "state": enum(STATES),
        "snapshot_at": STR,  # the book figures are as of this time
        "note": NSTR, "codes": nullable(array(STR)),
        "counted_lines": INT, "variance_lines": INT,
        "variance_value_fen": INT,  # net, at cost: 盘盈 (+) less 盘亏 (−)
        "created_by": STR, "approved_by": NSTR, "version": INT, "created_at": STR,
        "updated_at": STR,
        "history": array(ref("CountHistory")),  # oldest first: the audit trail
        "allowed_actions": array(enum(("count", "submit", "approve", "reject")))}),
    "CountLine": obj({
        "code": STR, "name": STR,
        "book": INT,  # on hand by the book as of the snapshot
        "counted": INT, "variance": INT, "value_fen": INT, "reason": NSTR,
        "counted_by": STR, "counted_at": STR, "posted": BOOL}),
    "CountDetail": obj({"count": ref("StockCount"), "lines": array(ref("CountLine"))}),
    "CountPage": page_of("StockCount"),
}

MESSAGES = {
    "count_state": {"zh": "盘点单当前状态不允许此操作，请刷新",
                    "en": "The count's state does not allow this; reload it"},
    "count_open": {"zh": "本仓库已有未完成的盘点，请先完成或审批",
                   "en": "The warehouse has a count in progress; finish it first"},
    "not_in_count": {"zh": "配件 {code} 不在本次盘点范围内",
                     "en": "part {code} is not on this count's sheet"},
}
