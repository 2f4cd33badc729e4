"""What the coverage decision answers (OpenAPI components), the preview's body and the error
texts of the coverage actions."""

from __future__ import annotations

from chalicelib.kernel.schemas import (
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
from chalicelib.kernel.validation import ID, MAX_SHORT
from chalicelib.modules.orders.public import ORDER_TYPES
from chalicelib.modules.warranty.domain.coverage import MAX_LINES, OVERRIDE_RESULTS, RESULTS
from chalicelib.modules.warranty.domain.terms import EXCLUSIONS, START_BASES
from chalicelib.modules.warranty.vocabulary import VOCABULARY

_WHO = {"by": STR, "by_name": STR, "at": STR}
SCHEMAS: dict[str, dict] = {
    "CoverageResult": enum(RESULTS),
    "CoverageReason": enum(VOCABULARY["coverage_reason"]),
    # one failed component (null: the whole machine) and what covers it, with the term used;
    # `rule`: what the rules decided before a manager's override; `explanation`: the line in
    # words, in the reader's language
    "CoverageLine": obj({
        "component": NSTR, "group_code": NSTR, "group_name": NSTR, "months": NINT,
        "start_basis": nullable(enum(START_BASES)), "start": NSTR, "last_day": NSTR,
        "failure_date": STR, "result": ref("CoverageResult"), "reason": ref("CoverageReason"),
        "exclusion": nullable(enum(EXCLUSIONS)),
        # the accepted repair this fault repeats within 30 days (repair warranty)
        "repeat_of": nullable(obj({"order_id": STR, "order_number": STR, "accepted_at": STR,
                                   "accepted_on": STR, "technician": NSTR})),
        "override": nullable(obj({"result": enum(OVERRIDE_RESULTS), "reason": STR, **_WHO})),
        "rule": obj({"result": ref("CoverageResult"), "reason": ref("CoverageReason")}),
        "contract": nullable(free_form("the unit's contract as the contracts area gives it")),
        "explanation": STR,
    }),
    "CoverageExclusion": obj({"key": enum(EXCLUSIONS), "note": NSTR, "attachment_id": STR,
                              **_WHO}),
    "CoverageDecision": obj({
        "unit_id": NSTR, "lines": array(ref("CoverageLine")),
        "exclusions": array(ref("CoverageExclusion")),
        # the exclusions the unit's terms name (null: a decision from before they were kept)
        "exclusions_offered": nullable(array(enum(EXCLUSIONS))),
        "decided_at": STR, "decided_by": STR,
        "version": INT,
    }),
    # what intake will decide; coverage: the order's summary (null: nothing to decide, the
    # coverage is entered by hand); has_terms: whether the unit was registered with terms
    "CoveragePreview": obj({"lines": array(ref("CoverageLine")),
                            "coverage": nullable(ref("Coverage")), "has_terms": {"type": "boolean"}}),
}

PREVIEW_BODY = {
    "type": "object",
    "properties": {
        "customer_id": ID,
        "equipment_id": ID,
        "components": {
            "type": "array", "maxItems": MAX_LINES,
            "items": {"type": "object",
                      "properties": {"component": {"type": "string", "minLength": 1,
                                                   "maxLength": MAX_SHORT},
                                     "failure_date": {"type": "string", "format": "date",
                                                      "maxLength": 10}},
                      "required": ["component", "failure_date"], "additionalProperties": False}},
        "type": {"type": "string", "enum": list(ORDER_TYPES)},
        "fault_started_at": {"type": "string", "format": "date-time", "maxLength": 40},
    },
    "required": ["customer_id", "equipment_id"],
    "additionalProperties": False,
}

MESSAGES = {
    "exclusion_recorded": {"zh": "该三包除外情形已登记", "en": "This exclusion is recorded already"},
    "exclusion_not_recorded": {"zh": "该工单未登记此三包除外情形",
                               "en": "This exclusion is not recorded on the order"},
    "order_has_no_unit": {"zh": "工单未关联产品档案，无法判定保修",
                          "en": "The order names no unit: there is no coverage to decide"},
    "not_evidence": {"zh": "不是本工单已上传的照片或文件",
                     "en": "is not a photo or document uploaded to this order"},
    "no_such_line": {"zh": "保修判定中没有这一行", "en": "is not a line of the coverage decision"},
    "required_with_components": {"zh": "填写故障部件时须选择产品",
                                 "en": "is required when failed components are named"},
}
