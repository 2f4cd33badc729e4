"""The contract's quarterly report (contracts/quarterly.py): its request body, its answer and its
messages in both languages."""

from __future__ import annotations

from chalicelib.kernel.schemas import INT, STR, obj

QUARTERLY_BODY = {
    "type": "object",
    "properties": {
        "quarter": {"type": "string", "pattern": r"^\d{4}-Q[1-4]$", "maxLength": 7,
                    "description": "the calendar quarter, e.g. 2026-Q3 (within the contract's "
                                   "period)"},
    },
    "required": ["quarter"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    # the rendered PDF: a short-lived link to its S3 object version
    "ContractQuarterlyReport": obj({
        "quarter": STR, "title": STR, "filename": STR, "url": STR, "generated_at": STR,
        "inspections": INT, "repairs": INT}),
}

MESSAGES = {
    "outside_contract": {"zh": "该季度不在合同期（{starts_on} 至 {ends_on}）内",
                         "en": "the quarter is outside the contract's period "
                               "({starts_on} to {ends_on})"},
}
