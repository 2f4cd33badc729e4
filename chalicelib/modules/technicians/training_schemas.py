"""Training: request bodies, what the API answers (OpenAPI components) and the messages of its
refusals in both languages (docs/technicians.md "Training")."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NINT, NSTR, STR, array, enum, nullable, obj, ref
from chalicelib.kernel.validation import USERNAME, text
from chalicelib.modules.technicians.domain.training import (
    DEFAULT_VALIDITY_MONTHS,
    MAX_ATTENDEES,
)
from chalicelib.modules.technicians.training_vocabulary import (
    DECISIONS,
    EXAM_KINDS,
    PLAN_STATES,
    PROPOSAL_STATES,
    RESULTS,
    SESSION_STATES,
    TRAINING_KINDS,
)

DATE = {"type": "string", "format": "date", "maxLength": 10}
VERSION = {"type": "integer", "minimum": 1, "maximum": 1_000_000_000}
YEAR = {"type": "integer", "minimum": 2000, "maximum": 2099}
OUTLET = {"type": "string", "pattern": r"^[A-Za-z0-9_-]{1,32}$"}
CODE = {"type": "string", "pattern": r"^[a-z][a-z0-9_]{1,31}$"}

_PLAN_FIELDS = {
    "year": YEAR,
    "objective": text(1000, multiline=True),  # 培训目标
    "content": text(1000, multiline=True),  # 培训内容
    "audience": text(100),  # 培训对象
    "time": text(100),  # 培训时间 (a month, a quarter, "每季度一次" …)
    "place": text(100),
    "trainer": text(100),
}
PLAN_BODY = {"type": "object", "properties": {"outlet": OUTLET, **_PLAN_FIELDS},
             "required": ["outlet", *_PLAN_FIELDS], "additionalProperties": False}
PLAN_EDIT_BODY = {"type": "object", "properties": {**_PLAN_FIELDS, "version": VERSION},
                  "required": [*_PLAN_FIELDS, "version"], "additionalProperties": False}
VERSION_BODY = {"type": "object", "properties": {"version": VERSION}, "required": ["version"],
                "additionalProperties": False}
SESSION_BODY = {
    "type": "object",
    "properties": {
        "outlet": OUTLET,
        "plan_id": nullable({"type": "string", "pattern": r"^tp_[0-9a-f]{8,40}$"}),
        "title": text(100),
        "held_on": DATE,
        "place": text(100),
        "trainer": text(100),
        "kind": {"enum": list(TRAINING_KINDS)},
        "exam_kind": {"enum": list(EXAM_KINDS)},
        # a pass issues a certificate of this type (the job-class table's certificate types)
        "certificate_type": nullable(CODE),
        "validity_months": {"type": "integer", "minimum": 1, "maximum": 120,
                            "default": DEFAULT_VALIDITY_MONTHS},
        "attendees": {"type": "array", "minItems": 1, "maxItems": MAX_ATTENDEES,
                      "items": {"type": "object", "properties": {"username": USERNAME},
                                "required": ["username"], "additionalProperties": False}},
    },
    "required": ["outlet", "title", "held_on", "place", "trainer", "kind", "exam_kind",
                 "attendees"],
    "additionalProperties": False,
}
RESULTS_BODY = {
    "type": "object",
    "properties": {
        "version": VERSION,
        "results": {"type": "array", "minItems": 1, "maxItems": MAX_ATTENDEES, "items": {
            "type": "object",
            "properties": {
                "username": USERNAME,
                "attended": {"type": "boolean"},
                "score": nullable({"type": "integer", "minimum": 0, "maximum": 100}),
                # the certificate's number (default: <held_on yyyymmdd>-<session>-<n>)
                "certificate_number": text(60),
            },
            "required": ["username", "attended"],
            "additionalProperties": False}},
    },
    "required": ["version", "results"],
    "additionalProperties": False,
}
DECIDE_BODY = {
    "type": "object",
    "properties": {"decision": {"enum": list(DECISIONS)}, "reason": text(500),
                   "version": VERSION},
    "required": ["decision", "version"],
    "additionalProperties": False,
}

_PLAN = {
    "id": STR, "year": INT, "outlet": STR, "objective": STR, "content": STR, "audience": STR,
    "time": STR, "place": STR, "trainer": STR, "state": enum(PLAN_STATES),
    "approved_by": NSTR, "approved_by_name": NSTR, "approved_at": NSTR,
    "created_by": STR, "created_by_name": NSTR, "at": STR, "version": INT}
_SESSION_HEAD = {
    "id": STR, "plan_id": NSTR, "outlet": STR, "title": STR, "held_on": STR, "place": STR,
    "trainer": STR, "kind": enum(TRAINING_KINDS), "exam_kind": enum(EXAM_KINDS),
    "certificate_type": NSTR, "certificate_type_name": NSTR, "validity_months": INT,
    "state": enum(SESSION_STATES), "version": INT}
_NRESULT = {"anyOf": [enum(RESULTS), {"type": "null"}]}
_NPROPOSAL_STATE = {"anyOf": [enum(PROPOSAL_STATES), {"type": "null"}]}
_TRAINING = {
    "session_id": STR, "title": STR, "held_on": STR, "outlet": STR, "plan_id": NSTR,
    "certificate_type": NSTR, "certificate_type_name": NSTR, "score": NINT,
    "result": enum(RESULTS), "certificate_id": NSTR, "proposal_id": NSTR,
    "proposal_state": _NPROPOSAL_STATE}

SCHEMAS: dict[str, dict] = {
    "TrainingPlan": obj(_PLAN),
    "TrainingPlanList": obj({"year": INT, "outlet": STR, "items": array(ref("TrainingPlan"))}),
    "TrainingAttendee": obj({
        "username": STR, "name": STR, "attended": nullable(BOOL), "score": NINT,
        "result": _NRESULT, "certificate_id": NSTR, "proposal_id": NSTR,
        "proposal_state": _NPROPOSAL_STATE}),
    "TrainingSession": obj({
        **_SESSION_HEAD,
        "plan": nullable(obj({"id": STR, "year": INT, "objective": STR,
                              "state": enum(PLAN_STATES)})),
        "pass_mark": NINT, "attendees": array(ref("TrainingAttendee")),
        "recorded_by": NSTR, "recorded_by_name": NSTR, "recorded_at": NSTR,
        "created_by": STR, "created_by_name": NSTR, "at": STR}),
    "TrainingSessionRow": obj({**_SESSION_HEAD, "attendees": INT, "passed": INT,
                               "retake": INT, "absent": INT}),
    "TrainingSessionList": obj({"outlet": STR, "year": INT,
                                "items": array(ref("TrainingSessionRow"))}),
    "PenaltyProposal": obj({
        "id": STR, "username": STR, "name": STR, "outlet": STR,
        "source": obj({"kind": enum(["training"]), "id": STR, "title": STR, "held_on": STR}),
        "amount_fen": INT, "reason": STR, "state": enum(PROPOSAL_STATES),
        "decided_by": NSTR, "decided_by_name": NSTR, "decided_at": NSTR,
        "decision_reason": NSTR, "conduct_entry_id": NSTR, "at": STR, "version": INT}),
    "PenaltyProposalList": obj({"outlet": STR, "state": enum(["proposed", "decided"]),
                                "items": array(ref("PenaltyProposal"))}),
    # a person's result of a session (the file's trainings and 补考 pending)
    "TechnicianTraining": obj(_TRAINING),
}

MESSAGES: dict[str, dict[str, str]] = {
    "training_plan_approved": {"zh": "培训计划已批准，不能再修改或重复批准",
                               "en": "The training plan is approved: it can be neither changed "
                                     "nor approved again"},
    "training_plan_draft": {"zh": "培训计划尚未批准，不能按此计划安排培训",
                            "en": "The training plan is not approved yet: no session can be "
                                  "held under it"},
    "training_not_held": {"zh": "培训尚未举行，不能记录成绩",
                          "en": "The session has not been held yet: no results can be recorded"},
    "training_recorded": {"zh": "该培训的成绩已记录", "en": "The session's results are recorded "
                                                          "already"},
    "proposal_decided": {"zh": "该处罚建议已处理", "en": "The proposal is decided already"},
    # field messages
    "not_attendee": {"zh": "不是本次培训的参训人员", "en": "is not an attendee of the session"},
    "score_when_absent": {"zh": "缺勤人员不能有成绩", "en": "an absent attendee has no score"},
    "results_incomplete": {"zh": "缺少以下人员的成绩：{missing}",
                           "en": "results missing for: {missing}"},
}
