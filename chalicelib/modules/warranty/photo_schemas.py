"""What the unit photo routes take and answer (OpenAPI components): a unit's photos at
registration (unit_photos.py)."""

from __future__ import annotations

from chalicelib.kernel.schemas import INT, NINT, NSTR, NUM, STR, enum, items_of, nullable, obj, ref
from chalicelib.modules.evidence.public import IMAGE_TYPES

PHOTO_CATEGORIES = ("nameplate", "installation", "site", "barcode")  # vocabulary unit_photo
PHOTO_STATES = ("pending", "verified", "rejected")

# POST /api/customers/{customer_id}/units/{unit_id}/photos: what the browser will upload
PHOTO_SLOT_SCHEMA = {
    "type": "object",
    "properties": {
        "category": {"enum": list(PHOTO_CATEGORIES)},
        "content_type": {"enum": list(IMAGE_TYPES)},
        "size": {"type": "integer", "minimum": 1},
        "filename": {"type": "string", "minLength": 1, "maxLength": 200},
    },
    "required": ["category", "content_type", "size"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "UnitPhoto": obj({
        "id": STR, "customer_id": STR, "unit_id": STR,
        "category": enum(PHOTO_CATEGORIES), "status": enum(PHOTO_STATES),
        "content_type": enum(IMAGE_TYPES), "size": INT, "sha256": NSTR, "filename": NSTR,
        "uploaded_by": STR, "uploaded_by_name": STR, "uploaded_at": STR,
        "taken_at": NSTR, "gps": nullable(obj({"lat": NUM, "lng": NUM})),
        "width": NINT, "height": NINT, "reject_reason": NSTR,
        "url": NSTR, "thumb_url": NSTR, "urls_expire_at": NSTR}),
    "UnitPhotoList": items_of("UnitPhoto"),
    "UnitPhotoSlot": obj({
        "photo": ref("UnitPhoto"),
        # the presigned POST's form fields, sent as they are before the file
        "upload": obj({"url": STR, "fields": {"type": "object", "additionalProperties": STR},
                       "expires_at": STR, "max_bytes": INT})}),
}
