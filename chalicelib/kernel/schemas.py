"""JSON Schemas of the API's responses (OpenAPI 3.1 components); requests use the domain's."""

from __future__ import annotations

from chalicelib.kernel.actor import ROLES
from chalicelib.modules.evidence.domain import rules as evidence_rules
from chalicelib.modules.orders.domain import enums, lifecycle


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict, required: list[str] | None = None, strict: bool = True) -> dict:
    return {"type": "object", "properties": properties,
            "required": required if required is not None else list(properties),
            "additionalProperties": not strict}


STR = {"type": "string"}
NSTR = _nullable(STR)
NUM = {"type": "number"}
NNUM = _nullable(NUM)
INT = {"type": "integer"}
STEP = _nullable({"type": "object"})


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def page_of(name: str) -> dict:
    return _object({"items": {"type": "array", "items": ref(name)}, "next_cursor": NSTR})


COMPONENTS: dict[str, dict] = {
    "Error": _object({"error": _object({
        "code": STR, "message": STR,
        "fields": {"type": "object", "additionalProperties": STR},
    }, required=["code", "message", "fields"], strict=False)}),
    "Me": _object({"username": STR, "name": STR, "role": {"enum": list(ROLES)},
                   "outlet": STR, "outlet_name": STR, "outlet_name_en": STR,
                   # the caller's keys of the permission table (GET /api/me); the SPA's menus,
                   # routes and buttons follow them
                   "permissions": {"type": "array", "items": STR}}),
    # refresh_token is always null: the refresh token travels only in the HttpOnly cookie
    # (docs/api.md); access_token is always null: page scripts never get Cognito's access token
    # (with it a script could turn TOTP off or change the recovery e-mail). Both fields stay
    # for older clients.
    # mfa: "totp" when the user's TOTP is enabled (Cognito asks for a code at every sign-in);
    # mfa_required: a head-office user without it, whom the API refuses everything but GET
    # /api/me and /api/auth/* (403 `mfa_required`) and the SPA sends to set it up first.
    "Tokens": _object({"id_token": STR, "access_token": {"type": "null"},
                       "refresh_token": {"type": "null"},
                       "expires_in": INT, "user": ref("Me"),
                       "mfa": _nullable({"enum": ["totp"]}), "mfa_required": {"type": "boolean"}},
                      required=["id_token", "access_token", "refresh_token", "user", "mfa",
                                "mfa_required"]),
    # A sign-in that needs one more step (POST /api/auth/challenge): no token, no cookie yet.
    "LoginChallenge": _object({"challenge": {"enum": ["totp", "new_password"]}, "session": STR,
                               "user": {"type": "null"}}),
    "LoginResult": {"oneOf": [ref("Tokens"), ref("LoginChallenge")]},
    "TotpSetup": _object({"secret": STR, "otpauth_uri": STR}),
    "MfaStatus": _object({"mfa": {"enum": ["totp"]}}),
    "Outlet": _object({"code": STR, "name": STR, "name_en": STR, "city": STR, "lat": NNUM,
                       "lng": NNUM, "timezone": STR, "is_head_office": {"type": "boolean"}}),
    "Staff": _object({"username": STR, "name": STR, "role": {"enum": list(ROLES)},
                      "outlet": STR, "star_level": _nullable(INT), "phone": NSTR}),
    "Site": _object({"id": STR, "customer_id": STR, "name": STR, "address": NSTR, "lat": NNUM,
                     "lng": NNUM, "distance_km": NNUM}),
    "Equipment": _object({"id": STR, "customer_id": STR, "site_id": NSTR, "model": STR,
                          "serial_no": STR, "category": NSTR, "installed_on": NSTR,
                          "warranty_until": NSTR}),
    "Customer": _object({"id": STR, "outlet": STR, "name": STR, "phone": STR,
                         "contact_name": NSTR, "address": NSTR, "region": NSTR,
                         "created_at": STR, "version": INT}),
    "Event": _object({
        "id": STR, "at": STR, "action": STR,
        "actor": _object({"username": STR, "name": STR, "role": STR}),
        "from_state": NSTR, "to_state": {"enum": list(lifecycle.STATES)},
        "data": {"type": "object"}, "version": INT,
    }),
}
COMPONENTS["CustomerEvent"] = _object({
    "id": STR, "at": STR, "action": {"enum": ["create", "add_site", "add_equipment"]},
    "actor": _object({"username": STR, "name": STR, "role": STR}), "data": {"type": "object"}})
COMPONENTS["CustomerDetail"] = _object({
    **COMPONENTS["Customer"]["properties"],
    "sites": {"type": "array", "items": ref("Site")},
    "equipment": {"type": "array", "items": ref("Equipment")},
    "events": {"type": "array", "items": ref("CustomerEvent")}})

CLOCK_SUMMARY = {
    "name": {"enum": ["response", "contact", "arrival", "repair", "return_visit"]},
    "status": {"enum": ["on_track", "at_risk", "breached", "met", "missed", "paused", "cancelled"]},
    "basis": {"enum": ["calendar", "working"]}, "due_at": NSTR, "started_at": STR,
    "stopped_at": NSTR, "late_seconds": _nullable(INT), "warning_at": NSTR,
    "paused": {"type": "boolean"},
}
COMPONENTS["ClockSummary"] = _object(CLOCK_SUMMARY)
COMPONENTS["Clock"] = _object({
    **CLOCK_SUMMARY, "target": {"type": "object"}, "start_event": STR,
    "explanation": _object({"skipped": {"type": "array"}, "pauses": {"type": "array"},
                            "extensions": {"type": "array"}, "adjustments": {"type": "array"},
                            "unconfirmed_years": {"type": "array", "items": INT}}),
    "notified": {"type": "array", "items": STR}, "levels": {"type": "array"}, "run": INT,
})

_ORDER_PROPERTIES = {
    "id": STR, "number": {"type": "string", "pattern": r"^[A-Z]+-\d{8}-\d{4,}$"},
    "outlet": STR, "state": {"enum": list(lifecycle.STATES)}, "version": INT,
    "type": {"enum": list(enums.ORDER_TYPES)}, "priority": {"enum": list(enums.PRIORITIES)},
    "channel": {"enum": list(enums.CHANNELS)}, "coverage": {"enum": list(enums.COVERAGE)},
    "customer_id": STR, "customer_name": STR, "customer_phone": NSTR, "site_id": NSTR,
    "site_name": NSTR, "site_address": NSTR, "equipment_id": NSTR, "equipment_label": NSTR,
    "description": STR, "fault_started_at": NSTR, "impact": NSTR, "technician": NSTR,
    "technician_name": NSTR, "helpers": {"type": "array", "items": STR},
    "hold": STEP, "cancel_reason": NSTR, "created_at": STR, "created_by": STR, "updated_at": STR,
    "distance_km": NNUM, "distance_source": _nullable({"enum": ["coordinates", "site", "agent"]}),
    "clocks": {"type": "array", "items": ref("ClockSummary")},
    **{step: STEP for step in ("dispatch", "contact", "arrival", "survey", "plan", "approval",
                               "completion", "acceptance", "objection", "return_visit",
                               "archive")},
}
COMPONENTS["WorkOrder"] = _object(_ORDER_PROPERTIES)
COMPONENTS["WorkOrderDetail"] = _object({
    **_ORDER_PROPERTIES,
    "clocks": {"type": "array", "items": ref("Clock")},
    "events": {"type": "array", "items": ref("Event")},
    "allowed_actions": {"type": "array", "items": {"enum": list(lifecycle.ACTIONS)}},
    "attachments": {"type": "array", "items": ref("Attachment")},
    "reports": {"type": "array", "items": ref("ServiceReport")},
    "evidence": ref("EvidenceSummary"),
})
COMPONENTS["StaleVersionError"] = _object({
    **COMPONENTS["Error"]["properties"], "current": _nullable(ref("WorkOrder"))})
COMPONENTS["Lifecycle"] = _object({
    "states": {"type": "array", "items": STR},
    "terminal_states": {"type": "array", "items": STR},
    "actions": {"type": "array", "items": _object({
        "name": STR, "from": {"type": "array", "items": STR}, "to": NSTR,
        "roles": {"type": "array", "items": STR}, "schema": {"type": "object"}})},
})
COMPONENTS["WorkOrderPage"] = page_of("WorkOrder")
COMPONENTS["CustomerPage"] = page_of("Customer")
COMPONENTS["OutletList"] = _object({"items": {"type": "array", "items": ref("Outlet")}})
COMPONENTS["StaffList"] = _object({"items": {"type": "array", "items": ref("Staff")}})
COMPONENTS["Health"] = _object({"status": STR, "stage": STR})
COMPONENTS["Notification"] = _object({
    "id": STR, "at": STR, "level": STR, "clock": STR, "order_id": STR, "number": STR,
    "title": STR, "body": STR, "read": {"type": "boolean"}})
COMPONENTS["NotificationPage"] = page_of("Notification")
COMPONENTS["UnreadCount"] = _object({"count": INT})
COMPONENTS["AtRisk"] = _object({
    "order_id": STR, "number": STR, "customer_name": STR, "technician_name": NSTR,
    "priority": STR, "state": STR, "clock": ref("ClockSummary"), "seconds_left": INT})
COMPONENTS["AtRiskList"] = _object({"items": {"type": "array", "items": ref("AtRisk")},
                                    "now": STR})
COMPONENTS["PolicyView"] = _object({
    "network": {"type": "object"}, "override": _nullable({"type": "object"}),
    "effective": {"type": "object"}, "version": INT, "override_version": _nullable(INT),
    "updated_at": NSTR, "updated_by": NSTR})
COMPONENTS["CalendarYear"] = _object({
    "year": INT, "confirmed": {"type": "boolean"}, "library_covers": {"type": "boolean"},
    "working_hours": _object({"start": STR, "end": STR, "timezone": STR}),
    "days": {"type": "array", "items": _object({
        "date": STR, "working": {"type": "boolean"}, "reason": STR, "reason_zh": STR,
        "source": {"enum": ["library", "override", "fallback"]}})}})
COMPONENTS["CalendarDay"] = _object({"date": STR, "working": {"type": "boolean"}, "reason": STR})

COMPONENTS["Attachment"] = _object({
    "id": STR, "order_id": STR, "kind": {"enum": list(evidence_rules.KINDS)},
    "category": {"enum": list(evidence_rules.CATEGORIES)},
    "status": {"enum": ["pending", "verified", "rejected"]},
    "content_type": {"enum": list(evidence_rules.CONTENT_TYPES)}, "size": INT, "sha256": NSTR,
    "filename": NSTR, "uploaded_by": STR, "uploaded_by_name": STR, "uploaded_at": STR,
    "taken_at": NSTR, "gps": _nullable(_object({"lat": NUM, "lng": NUM})),
    "width": _nullable(INT), "height": _nullable(INT), "reject_reason": NSTR,
    "url": NSTR, "thumb_url": NSTR, "urls_expire_at": NSTR})
COMPONENTS["AttachmentList"] = _object({"items": {"type": "array", "items": ref("Attachment")}})
COMPONENTS["UploadSlot"] = _object({
    "attachment": ref("Attachment"),
    "upload": _object({"url": STR, "fields": {"type": "object",
                                              "additionalProperties": {"type": "string"}},
                       "expires_at": STR, "max_bytes": INT})})
COMPONENTS["ServiceReport"] = _object({
    "version": INT, "generated_at": STR, "generated_by": STR, "generated_by_name": STR,
    "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "size": INT,
    "signed": {"type": "boolean"}, "reason": NSTR, "current": {"type": "boolean"}, "url": STR})
COMPONENTS["EvidenceSummary"] = _object({
    "can_upload": {"type": "boolean"},
    "upload_kinds": {"type": "array", "items": {"enum": list(evidence_rules.KINDS)}},
    "required": {"type": "array", "items": _object({
        "category": {"enum": list(evidence_rules.PHOTO_CATEGORIES)}, "min": INT, "have": INT})},
    "missing": {"type": "array", "items": {"enum": list(evidence_rules.PHOTO_CATEGORIES)}},
    "signature_required": {"type": "boolean"}, "max_bytes": INT})

_COUNTS = _object({"total": INT, "by_type": {"type": "object"}, "by_priority": {"type": "object"}})
_NRATE = _nullable(NUM)
COMPONENTS["MonthKpi"] = _object({
    "month": STR, "updated_at": STR, "received": _COUNTS, "completed": _COUNTS,
    "sla": {"type": "object", "additionalProperties": _object({"met": INT, "missed": INT,
                                                               "rate": _NRATE})},
    "durations": {"type": "object", "additionalProperties": _object({
        "count": INT, "mean_minutes": _NRATE, "p90_minutes": _NRATE})},
    "satisfaction": _object({"count": INT, "overall": _NRATE, "attitude": _NRATE, "skill": _NRATE,
                             "punctuality": _NRATE, "result": _NRATE}),
    "repeat_repairs": _object({"count": INT, "rate": _NRATE}),
    "technicians": {"type": "array", "items": _object({
        "username": STR, "name": STR, "outlet": NSTR, "completed": INT, "on_time": INT,
        "on_time_rate": _NRATE, "satisfaction": _NRATE, "visits": INT, "repeat_repairs": INT})},
    "outlets": {"type": "array", "items": _object({
        "outlet": STR, "name": STR, "received": INT, "completed": INT, "sla_rate": _NRATE,
        "satisfaction": _NRATE})},
})
COMPONENTS["KpiSummary"] = _object({"scope": STR, "months": {"type": "array",
                                                             "items": ref("MonthKpi")}})
COMPONENTS["KpiOrders"] = _object({"items": {"type": "array", "items": _object({
    "order_id": STR, "number": STR, "outlet": STR, "customer_name": STR, "technician": NSTR,
    "technician_name": NSTR, "type": STR, "priority": STR, "at": STR})}})
COMPONENTS["ExportJob"] = _object({
    "id": STR, "kind": {"enum": ["orders", "events", "customers"]}, "format": {"enum": ["xlsx", "csv"]},
    "filters": _object({"outlets": {"type": "array", "items": STR}, "from": STR, "to": STR}),
    "status": {"enum": ["queued", "running", "done", "failed"]},
    # queued or running for too long (not taken by a worker, or its worker died): retry it
    "stuck": {"type": "boolean"}, "rows": INT,
    "requested_by": STR, "requested_by_name": STR, "created_at": STR, "finished_at": NSTR,
    # why a failed job failed, as a message code (the exception itself is in the log)
    "error": _nullable({"enum": ["export_failed", "queue_unavailable"]}),
    "filename": NSTR, "size": _nullable(INT), "download_url": NSTR})
COMPONENTS["ExportJobList"] = _object({"items": {"type": "array", "items": ref("ExportJob")}})
COMPONENTS["MonthlyReportList"] = _object({"items": {"type": "array", "items": _object({
    "month": STR, "scope": STR, "scope_name": STR, "generated_at": STR, "size": INT, "runs": INT,
    "url": STR})}})
