"""What an outlet's warehouse answers and accepts (OpenAPI components and request bodies):
Stock, StockPage, LedgerEntry, StockDetail, Suggestion, SuggestionList."""

from __future__ import annotations

from chalicelib.kernel.schemas import (
    BOOL,
    INT,
    NINT,
    NSTR,
    STR,
    array,
    enum,
    items_of,
    nullable,
    obj,
    page_of,
    ref,
)
from chalicelib.kernel.validation import MAX_SHORT
from chalicelib.modules.parts.domain.stock import FIGURES, MAX_QUANTITY, MOVEMENTS

QUANTITY = {"type": "integer", "minimum": 1, "maximum": MAX_QUANTITY}
LEVEL = {"type": "integer", "minimum": 0, "maximum": MAX_QUANTITY}
_NOTE = {"type": ["string", "null"], "maxLength": MAX_SHORT}
_FIGURES = obj({figure: INT for figure in FIGURES})

SETTINGS_BODY = {"type": "object", "properties": {
    "version": {"type": "integer", "minimum": 0,
                "description": "the settings' version seen (0: the line is new)"},
    "reorder_point": LEVEL, "max_level": LEVEL, "bin": {**_NOTE, "maxLength": 40}},
    "required": ["version", "reorder_point", "max_level"], "additionalProperties": False}

MOVEMENT_BODY = {"type": "object", "properties": {
    "movement": {"type": "string", "enum": ["receive", "supplier_return"]},
    "quantity": QUANTITY, "note": _NOTE,
    "reference": {**_NOTE, "maxLength": 64,
                  "description": "the supplier's delivery note or return slip"}},
    "required": ["movement", "quantity"], "additionalProperties": False}

ORDER_BODY = {"type": "object", "properties": {
    "quantity": {**QUANTITY, "description": "default: the suggested quantity"},
    "note": _NOTE}, "additionalProperties": False}

DISMISS_BODY = {"type": "object", "properties": {
    "reason": {"type": "string", "minLength": 1, "maxLength": MAX_SHORT}},
    "required": ["reason"], "additionalProperties": False}

SCHEMAS: dict[str, dict] = {
    # a warehouse as a transfer names it (only its names: an outlet's contacts stay its own)
    "WarehouseList": obj({"items": array(obj({"code": STR, "name": STR, "name_en": NSTR}))}),
    "Stock": obj({
        "outlet": STR, "code": STR, "name": STR, "unit": NSTR,
        **{figure: INT for figure in FIGURES}, "available": INT,
        "reorder_point": INT, "max_level": INT, "bin": NSTR,
        "abc_class": nullable(enum(["A", "B", "C"])), "low": BOOL, "version": INT,
        "updated_at": NSTR}),
    "StockPage": page_of("Stock"),
    "LedgerEntry": obj({
        "at": STR, "seq": NINT, "movement": enum(MOVEMENTS), "quantity": INT,
        "deltas": obj({figure: INT for figure in FIGURES}, required=[]),
        "after": nullable(_FIGURES), "by": NSTR, "by_name": NSTR,
        "order_id": NSTR, "order_number": NSTR, "requisition_id": NSTR, "transfer_id": NSTR,
        "count_id": NSTR, "reason": NSTR, "note": NSTR}),
    "StockDetail": obj({"stock": ref("Stock"), "part": ref("Part"),
                        "ledger": array(ref("LedgerEntry")), "next_cursor": NSTR}),
    "Suggestion": obj({
        "code": STR, "name": STR, "on_hand": INT, "reserved": INT, "on_order": INT,
        "reorder_point": INT, "max_level": INT, "quantity": INT,
        "rule": STR,  # the arithmetic: "4 + 0 − 0 = 4 < 5 → 20 − 4 = 16"
        "created_at": STR, "updated_at": STR}),
    "SuggestionList": items_of("Suggestion"),
}

MESSAGES = {
    "not_below_reorder_point": {"zh": "不能小于再订货点（{limit}）",
                                "en": "cannot be below the reorder point ({limit})"},
}
