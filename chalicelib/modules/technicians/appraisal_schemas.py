"""The monthly appraisal (月度考核): the sign-off's body, what the API answers (OpenAPI
components) and the messages of its refusals."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NNUM, NSTR, STR, array, enum, obj, ref
from chalicelib.modules.technicians.domain.appraisal import CLOCKS
from chalicelib.modules.technicians.vocabulary import APPRAISAL_FIELDS, APPRAISAL_STATES

SIGN_BODY = {
    "type": "object",
    "properties": {
        "outlet": {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,32}$"},
        "month": {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"},
        # the GET's `version` (0 while the month is open) and `digest` (the rows it showed)
        "version": {"type": "integer", "minimum": 0, "maximum": 1_000_000_000},
        "digest": {"type": "string", "pattern": r"^[0-9a-f]{16}$"},
    },
    "required": ["outlet", "month", "version", "digest"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "AppraisalRow": obj({
        "username": STR, "name": STR, "completed": INT, "on_time": INT, "on_time_rate": NNUM,
        "clocks": obj({clock: obj({"met": INT, "missed": INT, "rate": NNUM}) for clock in CLOCKS}),
        "satisfaction": NNUM, "visits": INT, "valid_complaints": INT, "repeat_repairs": INT,
        "penalties": INT, "penalties_fen": INT, "rewards": INT, "rewards_fen": INT,
        "allowance_base": INT}),
    "AppraisalAdjustment": obj({
        "username": STR, "name": STR, "month": STR,
        "changes": array(obj({"field": enum(APPRAISAL_FIELDS), "signed": NNUM, "now": NNUM,
                              "delta": NNUM}))}),
    "Appraisal": obj({
        "outlet": STR, "outlet_name": STR, "month": STR, "state": enum(APPRAISAL_STATES),
        "ended": BOOL, "version": INT, "digest": STR, "computed_at": STR,
        "signed_by": NSTR, "signed_by_name": NSTR, "signed_at": NSTR,
        "rows": array(ref("AppraisalRow")),
        "adjustments": array(ref("AppraisalAdjustment"))}),
}

MESSAGES: dict[str, dict[str, str]] = {
    "appraisal_month_open": {"zh": "该月尚未结束，结束后才能签字",
                             "en": "The month has not ended yet: it can be signed once it has"},
    "appraisal_signed": {"zh": "该月考核已签字，不能再次签字",
                         "en": "This month's appraisal is already signed"},
    "appraisal_changed": {"zh": "考核数据在您查看后已有变动，请重新查看后再签字",
                          "en": "The figures changed since you read them: read them again "
                                "before signing"},
}
