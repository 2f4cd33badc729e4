"""Request bodies of the SLA routes: the routes declare them, the kernel validates each request
against them as the OpenAPI document publishes them; the use cases (admin.py) get valid bodies."""

from __future__ import annotations

import re

from chalicelib.modules.sla.domain.policy import CLOCKS
from chalicelib.modules.sla.policies import OVERRIDE_SCHEMA, POLICY_SCHEMA

HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

_SEEN_VERSION = {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}]}
NETWORK_POLICY_BODY = {
    "type": "object", "properties": {"version": _SEEN_VERSION, "policy": POLICY_SCHEMA},
    "required": ["policy"], "additionalProperties": False}
OUTLET_POLICY_BODY = {
    "type": "object", "properties": {
        "version": _SEEN_VERSION, "policy": {"anyOf": [OVERRIDE_SCHEMA, {"type": "null"}]}},
    "required": ["policy"], "additionalProperties": False,
    "description": "policy null removes the outlet's override"}
YEAR_BODY = {"type": "object", "properties": {"confirmed": {"type": "boolean"}},
             "required": ["confirmed"], "additionalProperties": False}
WORKING_HOURS_BODY = {
    "type": "object", "properties": {"start": {"type": "string", "pattern": HHMM.pattern},
                                     "end": {"type": "string", "pattern": HHMM.pattern}},
    "required": ["start", "end"], "additionalProperties": False,
    "description": "start before end, HH:MM in the outlet's time zone"}
DAY_SCHEMA = {"type": "object", "properties": {
    "working": {"type": "boolean"}, "reason": {"type": "string", "minLength": 1, "maxLength": 200}},
    "required": ["working", "reason"], "additionalProperties": False}
ACKNOWLEDGE_BODY = {
    "type": "object", "properties": {
        "subject_kind": {"type": "string", "minLength": 1, "maxLength": 40,
                         "pattern": r"^[a-z_]+$"},
        "subject_id": {"type": "string", "minLength": 1, "maxLength": 64,
                       "pattern": r"^[A-Za-z0-9_-]+$"},
        "clock": {"enum": list(CLOCKS)},
        "version": {"type": "integer", "minimum": 0},
        "note": {"type": "string", "minLength": 1, "maxLength": 500}},
    "required": ["subject_id", "clock", "version", "note"], "additionalProperties": False,
    "description": "subject_kind: work_order when left out; version: the clock's version the "
                   "board showed"}
