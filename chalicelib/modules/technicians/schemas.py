"""Certificates, star changes, the list and the file: request bodies and what the API answers
(OpenAPI components), and the messages of their refusals."""

from __future__ import annotations

from chalicelib.kernel.actor import ROLES
from chalicelib.kernel.schemas import INT, NINT, NNUM, NSTR, STR, array, enum, nullable, obj, ref
from chalicelib.kernel.validation import text
from chalicelib.modules.evidence.public import DOCUMENT_TYPES
from chalicelib.modules.technicians.vocabulary import (
    CERTIFICATE_STATUSES,
    STAR_REFERENCES,
    VOCABULARY,
)

DATE = {"type": "string", "format": "date", "maxLength": 10}
VERSION = {"type": "integer", "minimum": 1, "maximum": 1_000_000_000}

_CERT_FIELDS = {
    # a certificate_types code of head office's job-class table
    "type": {"type": "string", "pattern": r"^[a-z][a-z0-9_]{1,31}$"},
    "number": text(60),
    "issuer": text(100),
    "valid_from": DATE,
    "valid_to": DATE,
}
CERT_BODY = {"type": "object", "properties": _CERT_FIELDS,
             "required": list(_CERT_FIELDS), "additionalProperties": False}
CERT_EDIT_BODY = {"type": "object", "properties": {**_CERT_FIELDS, "version": VERSION},
                  "required": [*_CERT_FIELDS, "version"], "additionalProperties": False}
REVOKE_BODY = {"type": "object", "properties": {"reason": text(500), "version": VERSION},
               "required": ["reason", "version"], "additionalProperties": False}
STARS_BODY = {
    "type": "object",
    "properties": {
        "to": {"type": "integer", "minimum": 1, "maximum": 5},
        "reference": {"type": "object", "properties": {
            "kind": {"enum": list(STAR_REFERENCES)}, "ref": text(100)},
            "required": ["kind", "ref"], "additionalProperties": False},
        "reason": text(500),
        "version": VERSION,  # the file's `version` (the person's directory entry)
    },
    "required": ["to", "reference", "reason", "version"],
    "additionalProperties": False,
}

# POST …/certificates/{certificate_id}/scan (scans.py): what the browser will upload, on the
# certificate's version seen
SCAN_SLOT_BODY = {
    "type": "object",
    "properties": {
        "content_type": {"enum": list(DOCUMENT_TYPES)},
        "size": {"type": "integer", "minimum": 1},
        "filename": {"type": "string", "minLength": 1, "maxLength": 200},
        "version": VERSION,
    },
    "required": ["content_type", "size", "version"],
    "additionalProperties": False,
}

_CERT_VIEW = {
    "id": STR, "type": STR, "type_name": STR, "number": STR, "issuer": STR,
    "valid_from": STR, "valid_to": STR, "status": enum(CERTIFICATE_STATUSES),
    "days_left": INT, "revoked_reason": NSTR,
    # the current scan; its links only in the file and a single certificate's answer
    "scan": nullable(ref("CertificateScan")), "version": INT}

SCHEMAS: dict[str, dict] = {
    # the inbox notices the technicians area writes (the notifications' `notice`)
    "TechnicianNotice": enum(VOCABULARY["notice"]),
    "CertificateView": obj(_CERT_VIEW),
    "CertificateScan": obj({
        "id": STR, "content_type": enum(DOCUMENT_TYPES), "size": INT, "filename": NSTR,
        "uploaded_at": STR, "by": STR, "by_name": NSTR,
        "url": NSTR, "thumb_url": NSTR, "urls_expire_at": NSTR}),
    "CertificateScanSlot": obj({
        "scan_id": STR, "certificate_id": STR,
        # the presigned POST's form fields, sent as they are before the file
        "upload": obj({"url": STR, "fields": {"type": "object", "additionalProperties": STR},
                       "expires_at": STR, "max_bytes": INT})}),
    "ExpiringCertificate": obj({**_CERT_VIEW, "username": STR, "name": STR}),
    "ExpiringCertificates": obj({"outlet": STR, "warn_days": INT,
                                 "items": array(ref("ExpiringCertificate"))}),
    "StarChange": obj({
        "id": STR, "from": NINT, "to": INT,
        "reference": obj({"kind": enum(STAR_REFERENCES), "ref": STR}),
        "reason": STR, "by": STR, "by_name": NSTR, "at": STR}),
    "TechnicianRow": obj({
        "username": STR, "name": STR, "outlet": STR, "star_level": NINT,
        "certificates": array(ref("CertificateView")), "expiring": INT, "expired": INT}),
    "TechnicianList": obj({"outlet": STR, "items": array(ref("TechnicianRow"))}),
    "TechnicianMonth": obj({
        "month": STR, "completed": INT, "on_time_rate": NNUM, "satisfaction": NNUM,
        "valid_complaints": INT, "penalties_fen": INT, "rewards_fen": INT}),
    "TechnicianFile": obj({
        "username": STR, "name": STR, "outlet": STR, "role": enum(ROLES), "star_level": NINT,
        "version": INT, "stars_history": array(ref("StarChange")),
        "certificates": array(ref("CertificateView")), "month": ref("TechnicianMonth"),
        # training_schemas.py: the person's sessions with their result, newest first, and the
        # 补考 not yet cleared by a later pass
        "trainings": array(ref("TechnicianTraining")),
        "retakes_pending": array(ref("TechnicianTraining"))}),
}

MESSAGES: dict[str, dict[str, str]] = {
    "same_star_level": {"zh": "与现有星级相同", "en": "is the level held now"},
    "own_stars": {"zh": "不能调整自己的星级", "en": "Nobody changes their own star level"},
    "certificate_revoked": {"zh": "该证书已注销，不能再修改或注销",
                            "en": "The certificate is revoked: it can be neither changed nor "
                                  "revoked again"},
    "certificate_ends_before_start": {"zh": "不能早于生效日期",
                                      "en": "cannot be before the date it is valid from"},
}
