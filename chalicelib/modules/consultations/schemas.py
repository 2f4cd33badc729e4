"""Consultations: the request bodies and what the API answers (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.schemas import INT, NSTR, STR, array, enum, nullable, obj, page_of, ref
from chalicelib.kernel.validation import DATETIME, ID, PHONE, SHORT, TEXT
from chalicelib.modules.complaints import public as complaints
from chalicelib.modules.consultations.domain import rules

# the complaint form's channels but a return visit and its phone (kernel PHONE), so that a
# consultation becomes a complaint as it is
CHANNELS = complaints.CONTACT_CHANNELS

CREATE_BODY = {
    "type": "object",
    "properties": {
        "kind": {"enum": list(rules.KINDS)},
        "channel": {"enum": list(CHANNELS)},
        "customer_id": ID,
        "customer_name": SHORT,
        "phone": PHONE,
        "content": TEXT,
        "received_at": {**DATETIME,
                        "description": "when the customer reached the staff member (default "
                                       "now; at most 7 days ago): the clocks count from it"},
        "outlet": {"type": "string", "pattern": r"^[A-Z][A-Z0-9]{1,9}$",
                   "description": "head office: the outlet whose desk takes it over"},
    },
    "required": ["kind", "channel", "customer_name", "phone", "content"],
    "additionalProperties": False,
}

# to_complaint: the complaint form without who complains, how and where (the consultation's)
TO_COMPLAINT = {
    "type": "object",
    "properties": {k: v for k, v in complaints.COMPLAINT_FIELDS.items()
                   if k not in ("complainant", "channel", "outlet")},
    "required": ["kind", "content"],
    "additionalProperties": False,
}


def data_schema(action: str) -> dict:
    """The schema of an action's `data`."""
    return TO_COMPLAINT if action == "to_complaint" else rules.ACTIONS[action].schema


BY = {"by": STR, "by_name": NSTR, "at": STR}

SUMMARY = {
    "id": STR, "number": STR, "outlet": STR, "kind": enum(rules.KINDS),
    "channel": enum(CHANNELS), "state": enum(rules.STATES), "status": enum(rules.STATUSES),
    "customer_name": STR, "phone": STR, "content": STR, "received_at": STR,
    "recorded_by": STR, "recorded_by_name": NSTR,
    "converted": nullable(obj({"to": enum(rules.TARGETS), "id": STR, "number": NSTR, **BY},
                              required=["to", "id"])),
    "clocks": array(ref("ClockSummary")), "created_at": STR, "updated_at": STR}

SCHEMAS: dict[str, dict] = {
    "ConsultationSummary": obj(SUMMARY),
    "ConsultationPage": page_of("ConsultationSummary"),
    "ConsultationEvent": obj({
        "id": STR, "at": STR, "action": STR,  # an action, create, to_order, breach_acknowledged
        "actor": STR, "actor_name": NSTR, "from_state": nullable(enum(rules.STATES)),
        "to_state": enum(rules.STATES),
        "data": {"type": "object", "additionalProperties": True,
                 "x-free-form": "what the step recorded"}}),
    "Consultation": obj({
        **SUMMARY, "version": INT, "customer_id": NSTR, "recorded_role": STR,
        "clocks": array(ref("Clock")),
        "taken_over": nullable(obj({**BY, "note": NSTR}, required=list(BY))),
        "answer": nullable(obj({"text": STR, **BY})),
        "closed": nullable(obj({"note": STR, **BY})),
        "events": array(ref("ConsultationEvent")),
        "actions": array(enum(rules.ACTIONS)),
    }),
}
