"""Intake of a work order (客户反馈/报修): what the agent records, as a schema."""

from __future__ import annotations

from chalicelib.kernel.validation import DATETIME, ID, MAX_SHORT, MAX_TEXT, MULTILINE
from chalicelib.modules.orders.domain.enums import CHANNELS, COVERAGE, ORDER_TYPES, PRIORITIES
from chalicelib.modules.orders.domain.lifecycle import JOB_CLASS, OPEN_STATES

# the failed components and the day each failed (the warranty area decides a line for each;
# none named: one line for the whole machine, dated by fault_started_at)
COMPONENTS = {
    "type": "array", "maxItems": 20,
    "items": {"type": "object",
              "properties": {"component": {"type": "string", "minLength": 1,
                                           "maxLength": MAX_SHORT},
                             "failure_date": {"type": "string", "format": "date",
                                              "maxLength": 10}},
              "required": ["component", "failure_date"], "additionalProperties": False},
}

INTAKE_SCHEMA = {
    "type": "object",
    "properties": {
        "customer_id": ID,
        "site_id": ID,
        "equipment_id": ID,
        "type": {"type": "string", "enum": list(ORDER_TYPES)},
        "priority": {"type": "string", "enum": list(PRIORITIES)},
        "channel": {"type": "string", "enum": list(CHANNELS)},
        # entered by hand only for a unit without terms (or no unit); else the warranty area
        # decides it from the failed components' lines (mixed is only such a summary)
        "coverage": {"type": "string", "enum": [c for c in COVERAGE if c != "mixed"]},
        "components": COMPONENTS,
        "description": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, MULTILINE: True},
        "fault_started_at": DATETIME,
        "impact": {"type": "string", "maxLength": MAX_TEXT, MULTILINE: True},
        "location": {"type": "string", "maxLength": MAX_SHORT},
        # the site's distance from the outlet when the site has no coordinates (km)
        "distance_km": {"type": "number", "minimum": 0, "maximum": 20000},
        # the customer's consultation this order is made from (the consultations area checks
        # it and marks it converted in the order's transaction: its hooks on create)
        "consultation_id": ID,
        # the class of work (a code of head office's job-class table: the technicians area's
        # hooks check it and gate dispatch by it)
        "job_class": JOB_CLASS,
        # a manager keeps a call-out beyond the unit's contract's included ones under the
        # contract, with the reason (the contracts area's hooks on create check it: 403 for
        # anyone else)
        "callout_override": {
            "type": "object",
            "properties": {"reason": {"type": "string", "minLength": 1, "maxLength": 500}},
            "required": ["reason"], "additionalProperties": False},
    },
    "required": ["customer_id", "type", "priority", "channel", "description"],
    "additionalProperties": False,
}

ACTION_BODY_SCHEMA = {
    "type": "object",
    "properties": {
        "version": {"type": "integer", "minimum": 1},
        # checked by the lifecycle against the action's own schema (published as the
        # operation's x-action-data-schemas and by GET /api/lifecycle)
        "data": {"type": "object", "additionalProperties": True,
                 "x-free-form": "the action's data: its schema depends on the action"},
    },
    "required": ["version"],
    "additionalProperties": False,
}

# A recorded time may run ahead of the server clock by at most this (phones drift).
MAX_CLOCK_SKEW_SECONDS = 600
PAST_ONLY_FIELDS = ("contacted_at", "arrived_at", "fault_started_at", "confirmed_at")

# the query parameters of the order list (GET /api/work-orders); `q` searches (customer
# name or phone prefix, or the beginning of an order number)
LIST_FILTERS = ("outlet", "state", "priority", "technician", "from", "to", "number",
                "customer", "equipment", "mine", "q", "limit", "cursor")

# What the intake warns about (GET /api/work-orders/open): orders of the same customer, site or
# unit whose job is not done yet — from recorded to the customer's acceptance, or on hold.
UNFINISHED_STATES = tuple(s for s in OPEN_STATES if s not in ("accepted", "visited"))
OPEN_ORDER_FILTERS = ("customer", "site", "equipment")
