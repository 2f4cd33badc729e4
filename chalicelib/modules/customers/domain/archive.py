"""Customer archive (客户档案) input: customer, site (项目/现场), equipment (产品档案)."""

from chalicelib.kernel.validation import ID, MAX_SHORT, MAX_TEXT, MULTILINE

_TEXT = {"type": "string", "maxLength": MAX_SHORT}
_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

SITE_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": MAX_SHORT},
        "address": {"type": "string", "maxLength": MAX_TEXT, MULTILINE: True},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "lng": {"type": "number", "minimum": -180, "maximum": 180},
        "distance_km": {"type": "number", "minimum": 0, "maximum": 20000},
    },
    "required": ["name"],
    "additionalProperties": False,
}

EQUIPMENT_SCHEMA = {
    "type": "object",
    "properties": {
        "model": {"type": "string", "minLength": 1, "maxLength": MAX_SHORT},
        "serial_no": {"type": "string", "minLength": 1, "maxLength": MAX_SHORT},
        "category": _TEXT,
        "site_id": ID,
        "installed_on": _DATE,
        "warranty_until": _DATE,
    },
    "required": ["model", "serial_no"],
    "additionalProperties": False,
}

CUSTOMER_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": MAX_SHORT},
        "phone": {"type": "string", "minLength": 3, "maxLength": 32, "pattern": r"^\+?[0-9-]{3,32}$"},
        "contact_name": _TEXT,
        "address": {"type": "string", "maxLength": MAX_TEXT, MULTILINE: True},
        "region": _TEXT,
        "site": SITE_SCHEMA,
        "equipment": {**EQUIPMENT_SCHEMA,
                      "properties": {k: v for k, v in EQUIPMENT_SCHEMA["properties"].items()
                                     if k != "site_id"}},
    },
    "required": ["name", "phone"],
    "additionalProperties": False,
}
