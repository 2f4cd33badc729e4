"""Complaints: the request bodies and what the API answers (OpenAPI components)."""

from __future__ import annotations

from chalicelib.kernel.schemas import (
    BOOL,
    INT,
    NINT,
    NSTR,
    NUM,
    STR,
    array,
    enum,
    nullable,
    obj,
    page_of,
    ref,
)
from chalicelib.kernel.validation import ID, PHONE, SHORT, TEXT
from chalicelib.modules.complaints.domain import lifecycle as rules
from chalicelib.modules.complaints.domain.settings import SETTINGS_SCHEMA

COMPLAINANT = {
    "type": "object",
    "properties": {"name": SHORT, "phone": PHONE, "customer_id": ID},
    "required": ["name"],
    "additionalProperties": False,
}
ABOUT = {
    "type": "object",
    "properties": {"staff": rules.USERNAME, "order_id": ID,
                   "outlet": {"type": "string", "pattern": r"^[A-Z][A-Z0-9]{1,9}$"}},
    "additionalProperties": False,
}
QUALITY = {  # 004 §9: for a quality complaint, at once
    "type": "object",
    "properties": {"order_ref": SHORT, "part_no": SHORT, "shipped_on": rules.DATE,
                   "quantity": {"type": "integer", "minimum": 0, "maximum": 1_000_000},
                   "defective": {"type": "integer", "minimum": 0, "maximum": 1_000_000}},
    "additionalProperties": False,
}

# the 客户投诉登记表 (a consultation turned into a complaint takes the same form without the
# complainant, which the consultation gives)
COMPLAINT_FIELDS = {
    "kind": {"enum": list(rules.KINDS)},
    "channel": {"enum": list(rules.CHANNELS)},
    "complainant": COMPLAINANT,
    "received_at": rules.DATETIME,
    "about": ABOUT,
    "content": TEXT,
    "demand": TEXT,
    "quality": QUALITY,
    "outlet": {"type": "string", "pattern": r"^[A-Z][A-Z0-9]{1,9}$",
               "description": "head office: the outlet, when the complaint names no order or "
                              "person"},
}
CREATE_BODY = {
    "type": "object",
    "properties": COMPLAINT_FIELDS,
    "required": ["kind", "channel", "complainant", "content"],
    "additionalProperties": False,
}

SETTINGS_BODY = {
    "type": "object",
    "properties": {"settings": SETTINGS_SCHEMA, "version": {"type": "integer", "minimum": 0}},
    "required": ["settings", "version"],
    "additionalProperties": False,
}

RUN_BODY = {
    "type": "object",
    "properties": {"month": {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])$"}},
    "required": ["month"],
    "additionalProperties": False,
}

BY = {"by": STR, "by_name": NSTR, "at": STR}


def _by(fields: dict, required: list[str] | None = None) -> dict:
    return nullable(obj({**fields, **BY}, required=required))


# a complaint as lists show it (the detail adds the rest)
SUMMARY = {
    "id": STR, "number": NSTR, "outlet": STR, "state": enum(rules.STATES),
    "status": enum(rules.STATUSES), "kind": enum(rules.KINDS), "channel": enum(rules.CHANNELS),
    "complainant_name": NSTR, "about": ref("ComplaintAbout"), "received_at": STR,
    "department": NSTR, "handled_by": nullable(enum(rules.HANDLERS)), "repeat": BOOL,
    "loops": INT, "clocks": array(ref("ClockSummary")), "created_at": STR, "updated_at": STR,
    # false on a person's record for a complaint the reader may not open (only what it is)
    "openable": BOOL}

SCHEMAS: dict[str, dict] = {
    # what the complaints area writes on an order's timeline
    "ComplaintOrderEvent": enum(["complaint_recorded"]),
    "ComplaintAbout": obj({
        "staff": STR, "staff_name": NSTR, "staff_role": STR, "order_id": STR,
        "order_number": STR, "unit_id": NSTR, "unit_name": NSTR, "outlet": STR}, required=[]),
    "ComplaintSummary": obj(SUMMARY),
    "ComplaintPage": page_of("ComplaintSummary"),
    "ComplaintEvent": obj({
        "id": STR, "at": STR, "action": STR, "actor": STR, "actor_name": NSTR,
        "from_state": NSTR, "to_state": STR,
        "data": {"type": "object", "additionalProperties": True,
                 "x-free-form": "what the step recorded"}}),
    "ComplaintNotification": obj({
        "channel": STR, "answer": enum(rules.ANSWERS), "note": NSTR, "told_at": STR,
        "solution": STR, "solution_id": STR, **BY}, required=[
            "channel", "answer", "note", "told_at", "solution", "by", "by_name", "at"]),
    "ComplaintPenaltyProposal": obj({
        "amount_fen": INT, "repeat": BOOL,
        "repeat_of": nullable(obj({"id": STR, "number": NSTR, "received_at": STR})),
        "earlier_amount_fen": NINT, "multiplier": NUM}),
    "Complaint": obj({
        **SUMMARY, "version": INT, "clocks": array(ref("Clock")),
        "complainant": obj({"name": STR, "phone": STR, "customer_id": STR}, required=["name"]),
        "content": STR, "demand": STR,
        "quality": nullable(obj({"order_ref": STR, "part_no": STR, "shipped_on": STR,
                                 "quantity": INT, "defective": INT}, required=[])),
        "recorded_by": STR, "recorded_by_name": NSTR, "judged_by_head_office": BOOL,
        "route": nullable(obj({"department": STR, "handled_by": enum(rules.HANDLERS),
                               "department_name": NSTR})),
        "judgement": _by({"stands": BOOL, "reason": NSTR, "explanation": nullable(obj(
            {"text": STR, "channel": STR, "at": STR}))}, required=["stands"]),
        "cause": _by({"text": STR}),
        "solution": _by({"id": STR, "text": STR, "approved": BOOL, "approved_by": STR,
                         "approved_by_name": NSTR, "approved_at": STR, "approval_note": NSTR,
                         "rejected_at": STR}, required=["text", "approved"]),
        "notifications": array(ref("ComplaintNotification")),
        "responsibility": _by({"kind": enum(rules.RESPONSIBILITY_KINDS), "person": STR,
                               "person_name": NSTR, "department": STR, "reason": NSTR},
                              required=["kind"]),
        "penalty": _by({"decision": enum(rules.PENALTY_DECISIONS), "person": STR,
                        "person_name": NSTR, "penalty_kind": enum(rules.PENALTY_KINDS),
                        "amount_fen": INT, "month": STR, "reason": NSTR, "proposed_fen": INT,
                        "repeat": BOOL}, required=["decision"]),
        "improvement": _by({"measure": STR, "owner": STR, "owner_name": NSTR, "due_date": STR,
                            "due_at": STR, "done_at": NSTR, "result": NSTR, "done_by": STR},
                           required=["measure", "owner", "due_date"]),
        "repeat_of": nullable(obj({"id": STR, "number": NSTR, "received_at": STR})),
        "source": nullable(obj({"kind": enum(("return_visit", "consultation")), "id": STR,
                                "number": NSTR})),
        "closed": _by({"summary": STR}),
        "discarded": _by({"reason": STR}),
        "events": array(ref("ComplaintEvent")),
        "actions": array(enum(rules.ACTIONS)),
        "missing": array(enum(rules.STEPS)),
        "penalty_proposal": nullable(ref("ComplaintPenaltyProposal")),
    }),
    "ComplaintSettings": obj({"settings": SETTINGS_SCHEMA, "version": INT}),
}
