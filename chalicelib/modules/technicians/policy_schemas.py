"""The job-class table and the dispatch gate: request bodies, what the API answers (OpenAPI
components) and the messages of the gate's refusals in both languages."""

from __future__ import annotations

from chalicelib.kernel.schemas import INT, NSTR, STR, array, enum, nullable, obj
from chalicelib.modules.technicians.domain.job_classes import SETTINGS_SCHEMA
from chalicelib.modules.technicians.vocabulary import PROBLEMS

SETTINGS_BODY = {
    "type": "object",
    "properties": {"settings": SETTINGS_SCHEMA, "version": {"type": "integer", "minimum": 0}},
    "required": ["settings", "version"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    # the table as it is now; version 0: the defaults, never saved
    "JobClassTable": obj({"settings": SETTINGS_SCHEMA, "version": INT}),
    # every saved version, newest first (the audit trail)
    "JobClassTableVersions": obj({"items": array(obj({
        "version": INT, "settings": SETTINGS_SCHEMA, "by": STR, "by_name": NSTR, "at": STR}))}),
    # what a technician lacks for a job class: too few stars (needed, has), or no valid
    # certificate of a type (expired_on: when their last one ran out, else null)
    "QualificationProblem": obj({
        "code": enum(PROBLEMS), "job_class": STR,
        "needed": INT, "has": INT,
        "certificate": STR, "expired_on": nullable(STR),
    }, required=["code", "job_class"]),
    # what the technicians area writes on an order's timeline: `skill_override`, the data
    # {technician, problems: [QualificationProblem], reason} (the audit entry of an override)
    "TechnicianOrderEvent": enum(["skill_override"]),
}

MESSAGES: dict[str, dict[str, str]] = {
    # the gate's 409s: the message names the technician and what they lack (params filled by
    # technicians/gate.py); `error.details` carries the same as data
    "skill_insufficient": {
        "zh": "{technician_name} 为 {has} 星，{job_class_name} 需 {needed} 星{more}",
        "en": "{technician_name} has {has} stars; {job_class_name} needs {needed}{more}"},
    "certificate_missing": {
        "zh": "{technician_name} 没有有效的{certificate_name}{expired}，{job_class_name} 需要此证{more}",
        "en": "{technician_name} has no valid {certificate_name}{expired}; {job_class_name} "
              "requires one{more}"},
    # field messages
    "unknown_job_class": {"zh": "作业类别表中没有该类别", "en": "not a job class of the table"},
    "unknown_certificate_type": {"zh": "证书类型表中没有 {code}",
                                 "en": "{code} is not a certificate type of the table"},
}
