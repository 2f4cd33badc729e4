"""The conduct ledger: the request body and what the API answers (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.actor import ROLES
from chalicelib.kernel.schemas import INT, NSTR, STR, array, enum, obj, ref
from chalicelib.kernel.validation import MAX_TEXT, MULTILINE
from chalicelib.modules.conduct.vocabulary import KINDS, SOURCES

# a reward (a valuable suggestion) or a penalty entered by hand; the penalty kinds are the
# complaints area's vocabulary `penalty_kind` (checked by the use case: a money penalty and a
# reward need amount_fen ≥ 1, a warning or demerit none)
LEDGER_BODY = {
    "type": "object",
    "properties": {
        "kind": {"enum": list(KINDS)},
        "amount_fen": {"type": "integer", "minimum": 0, "maximum": 1_000_000_000,
                       "description": "fen; ≥ 1 for a reward, a fine or a bonus deduction"},
        "reason": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, MULTILINE: True},
        "penalty_kind": {"type": "string", "pattern": r"^[a-z_]{1,32}$",
                         "description": "a penalty: fine, bonus_deduction, warning, demerit, "
                                        "major_demerit (vocabulary penalty_kind)"},
    },
    "required": ["kind", "reason"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "ConductEntry": obj({
        "id": STR, "username": STR, "name": STR, "outlet": STR, "month": STR,
        "kind": enum(KINDS), "penalty_kind": NSTR, "amount_fen": INT, "reason": STR,
        "source": obj({"kind": enum(SOURCES), "id": NSTR, "number": NSTR}),
        "by": STR, "by_name": NSTR, "at": STR}),
    "ConductRecord": obj({
        "person": obj({"username": STR, "name": STR, "outlet": STR, "role": enum(ROLES)}),
        "month": STR,
        "entries": array(ref("ConductEntry")),
        "totals": obj({"penalty_fen": INT, "reward_fen": INT}),
        "complaints": array(ref("ComplaintSummary")),
    }),
}
