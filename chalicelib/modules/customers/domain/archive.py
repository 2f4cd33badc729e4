"""Customer archive (客户档案) input: customer, site (项目/现场); a unit (产品档案) is the warranty
area's (warranty/domain/units.py UNIT_SCHEMA)."""

from chalicelib.kernel.validation import MAX_SHORT, MAX_TEXT, MULTILINE

_TEXT = {"type": "string", "maxLength": MAX_SHORT}

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

CUSTOMER_SCHEMA = {
    "type": "object",
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": MAX_SHORT},
        "phone": {"type": "string", "minLength": 3, "maxLength": 32, "pattern": r"^\+?[0-9-]{3,32}$"},
        "contact_name": _TEXT,
        "address": {"type": "string", "maxLength": MAX_TEXT, MULTILINE: True},
        "region": _TEXT,
        "site": SITE_SCHEMA,
        # "equipment": the first unit, as the warranty area registers it (customers/routes.py)
    },
    "required": ["name", "phone"],
    "additionalProperties": False,
}
