"""Maintenance contracts: the request bodies and what the API answers (OpenAPI components), and
the area's messages in both languages."""

from __future__ import annotations

from chalicelib.kernel.schemas import (
    BOOL,
    INT,
    NSTR,
    STR,
    array,
    enum,
    free_form,
    nullable,
    obj,
    page_of,
    ref,
)
from chalicelib.kernel.validation import ID, MAX_SHORT
from chalicelib.modules.contracts.domain import contracts as rules
from chalicelib.modules.contracts.vocabulary import VOCABULARY

DAY = {"type": "string", "format": "date", "maxLength": 10}
FEN = {"type": "integer", "minimum": 0, "maximum": 10_000_000_000}  # ≤ 1 亿元
MINUTES = {"type": "integer", "minimum": 1, "maximum": 60 * 24 * 30}
LINE = {"type": "string", "minLength": 1, "maxLength": MAX_SHORT}
CONTRACT_ID = {"type": "string", "pattern": r"^ctr_[0-9a-f]{8,40}$",
               "description": "a maintenance contract's id (维护合同)"}

SERVICE_LEVEL = nullable({
    "type": "object",
    "properties": {"response_minutes": MINUTES, "arrival_minutes": MINUTES},
    "additionalProperties": False,
    "description": "overrides the SLA policy's targets for orders on covered units",
})
SCHEDULE = {
    "type": "object",
    "properties": {
        "kind": {"enum": list(rules.SCHEDULE_KINDS)},
        "day": {"type": "integer", "minimum": 1, "maximum": 28,
                "description": "the day of the month the inspection falls on"},
        "month_offset": {"type": "integer", "minimum": 0, "maximum": 11,
                         "description": "which month of the period (0: the first); monthly: 0"},
        "per": {"enum": list(rules.PER),
                "description": "one inspection per covered site, or per covered unit"},
    },
    "required": ["kind", "day", "per"],
    "additionalProperties": False,
}
CHECKLIST = {
    "type": "array", "maxItems": rules.MAX_AREAS,
    "items": {"type": "object",
              "properties": {"area": LINE,
                             "items": {"type": "array", "minItems": 1,
                                       "maxItems": rules.MAX_ITEMS, "items": LINE}},
              "required": ["area", "items"], "additionalProperties": False},
}
FIELDS = {
    "starts_on": DAY,
    "ends_on": DAY,
    "free_period": {"type": "boolean", "description": "免费维护期 after delivery: price 0"},
    "price_fen": FEN,
    "sites": {"type": "array", "minItems": 1, "maxItems": rules.MAX_SITES, "items": ID},
    "units": {"type": "array", "maxItems": rules.MAX_UNITS, "items": ID,
              "description": "covered units; empty: every unit at the covered sites"},
    "service_level": SERVICE_LEVEL,
    "included_callouts": {"type": "integer", "minimum": 0, "maximum": 1000,
                          "description": "call-outs included per contract year (0: none)"},
    "schedule": SCHEDULE,
    "checklist": CHECKLIST,
}
CREATE_BODY = {
    "type": "object",
    "properties": {"customer_id": ID, **FIELDS,
                   "state": {"enum": list(rules.CREATE_STATES), "description": "draft (default)"}},
    "required": ["customer_id", "starts_on", "ends_on", "free_period", "price_fen", "sites",
                 "included_callouts", "schedule", "checklist"],
    "additionalProperties": False,
}
UPDATE_BODY = {
    "type": "object",
    "properties": {"version": {"type": "integer", "minimum": 1}, **FIELDS},
    "required": ["version"],
    "additionalProperties": False,
}
VERSION_BODY = {
    "type": "object",
    "properties": {"version": {"type": "integer", "minimum": 1}},
    "required": ["version"],
    "additionalProperties": False,
}
TERMINATE_BODY = {
    "type": "object",
    "properties": {"version": {"type": "integer", "minimum": 1},
                   "reason": {"type": "string", "minLength": 1, "maxLength": 500}},
    "required": ["version", "reason"],
    "additionalProperties": False,
}
RENEW_BODY = {
    "type": "object",
    "properties": {"version": {"type": "integer", "minimum": 1}, **FIELDS,
                   "state": {"enum": list(rules.CREATE_STATES), "description": "draft (default)"}},
    "required": ["version", "ends_on", "price_fen"],
    "additionalProperties": False,
}
# the order's create: a manager lets a call-out beyond the contract's included ones stay under
# the contract (orders' INTAKE_SCHEMA carries it; contracts/hooks.py checks it)
CALLOUT_OVERRIDE = {
    "type": "object",
    "properties": {"reason": {"type": "string", "minLength": 1, "maxLength": 500}},
    "required": ["reason"],
    "additionalProperties": False,
    "description": "the manager's override: a call-out past the included ones stays under the "
                   "contract",
}

SUMMARY = {
    "id": STR, "number": STR, "outlet": STR, "customer_id": STR, "customer_name": NSTR,
    "state": enum(rules.STATES), "starts_on": STR, "ends_on": STR, "free_period": BOOL,
    "price_fen": INT, "sites": array(STR), "units": array(STR), "included_callouts": INT,
    "schedule_kind": nullable(enum(rules.SCHEDULE_KINDS)), "next_due_on": NSTR,
    "renewal_due": BOOL, "renewal_of": NSTR, "renewed_by": NSTR, "updated_at": STR}
CALLOUTS = obj({"year_from": STR, "year_to": STR, "included": INT, "used": INT,
                "remaining": INT})

SCHEMAS: dict[str, dict] = {
    "ContractSummary": obj(SUMMARY),
    "ContractPage": page_of("ContractSummary"),
    "ContractCallouts": CALLOUTS,
    "ContractEvent": obj({
        "id": STR, "at": STR, "action": STR, "actor": STR, "actor_name": NSTR,
        "from_state": NSTR, "to_state": STR,
        "data": free_form("what the change recorded")}),
    "Contract": obj({
        **SUMMARY, "version": INT,
        "service_level": nullable(obj({"response_minutes": INT, "arrival_minutes": INT},
                                      required=[])),
        "schedule": obj({"kind": enum(rules.SCHEDULE_KINDS), "day": INT, "month_offset": INT,
                         "per": enum(rules.PER)}, required=["kind", "day", "per"]),
        "checklist": array(obj({"area": STR, "items": array(STR)})),
        "site_names": free_form("site id → its name", {"type": "string"}),
        "unit_labels": free_form("unit id → {model, serial, site_id}", obj(
            {"model": STR, "serial": STR, "site_id": NSTR})),
        "remind_on": NSTR,
        "terminated": nullable(obj({"at": STR, "by": STR, "by_name": NSTR, "reason": STR})),
        "activated_at": NSTR, "created_at": STR, "created_by": STR, "updated_by": STR,
        "callouts": ref("ContractCallouts"),
        # the newest 50 occurrences generated, newest planned first (contracts/occurrences.py)
        "inspections": array(ref("ContractInspection")),
        "inspections_more": {"type": "boolean",
                             "description": "older occurrences exist beyond the newest 50"},
        "inspections_overdue": {"type": "integer", "description": "of those shown: 逾期未完成"},
        "events": array(ref("ContractEvent")),  # the newest 50, oldest first
        "events_more": {"type": "boolean",
                        "description": "older events exist beyond the newest 50 shown"},
        "may": obj({"edit": BOOL, "activate": BOOL, "renew": BOOL, "terminate": BOOL}),
    }),
    # an occurrence of the schedule with its order and what became of it (the contract page)
    "ContractInspection": obj({
        "planned": STR, "due": STR, "moved": nullable(enum(VOCABULARY["occurrence_moved"])),
        "period_end": STR, "per": enum(rules.PER), "target": STR, "target_name": NSTR,
        "order_id": STR, "order_number": STR, "order_state": NSTR, "completed_at": NSTR,
        "result": enum(VOCABULARY["inspection_result"])}),
    # the inbox notices the contracts area writes (the notifications' group `notice`): the
    # expiry reminder (contracts/reminder_job.py)
    "ContractNotice": enum(VOCABULARY["notice"]),
    # what the order's detail shows of the contract it is under (contracts/hooks.py)
    "OrderContract": obj({"id": STR, "number": STR, "state": enum(rules.STATES),
                          "ends_on": STR, "counted": BOOL, "exceeded": BOOL,
                          "override": nullable(obj({"reason": STR, "by": STR, "at": STR})),
                          "callouts": ref("ContractCallouts")}),
}

MESSAGES = {
    "contract_overlap": {"zh": "该设备已在另一份生效的维护合同（{number}）期内",
                         "en": "This unit is under another active contract ({number}) over an "
                               "overlapping period"},
    "contract_overlap_site": {"zh": "该安装地点已在另一份生效的维护合同（{number}）期内",
                              "en": "This site is under another active contract ({number}) "
                                    "over an overlapping period"},
    "contract_state": {"zh": "合同当前状态不允许此操作",
                       "en": "The contract's state does not allow this"},
    "after_starts_on": {"zh": "结束日期须晚于开始日期", "en": "must be after the start date"},
    "checklist_too_large": {"zh": "检查项目内容过多（合计不超过 {limit_kb} KB），请精简",
                            "en": "the checklist is too long (at most {limit_kb} KB in all)"},
    "free_period_price": {"zh": "免费维护期的价格须为 0", "en": "a free period's price is 0"},
    "not_of_customer": {"zh": "不属于该客户", "en": "is not the customer's"},
    "not_at_covered_site": {"zh": "设备不在所选的安装地点", "en": "the unit is at none of the "
                                                             "covered sites"},
    "callout_override_manager": {"zh": "只有经理可以批准超出合同次数的上门按合同服务",
                                 "en": "Only a manager may keep a call-out beyond the contract "
                                       "under it"},
}
