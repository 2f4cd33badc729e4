"""What an export is asked for: which kind, which format, which outlets and dates (the body of
POST /api/exports)."""

KINDS = ("orders", "events", "customers")
FORMATS = ("xlsx", "csv")
# Why a job failed, as a message code the SPA translates (never the exception's text).
EXPORT_FAILED, QUEUE_UNAVAILABLE = "export_failed", "queue_unavailable"
ERROR_CODES = (EXPORT_FAILED, QUEUE_UNAVAILABLE)

EXPORT_SCHEMA = {
    "type": "object",
    "properties": {
        "kind": {"enum": list(KINDS)},
        "format": {"enum": list(FORMATS)},
        "outlets": {"type": "array", "minItems": 1, "maxItems": 100, "uniqueItems": True,
                    "items": {"type": "string", "pattern": r"^[A-Z0-9]{1,10}$"}},
        "from": {"type": "string", "format": "date"},
        "to": {"type": "string", "format": "date"},
    },
    # without `outlets`: every outlet the caller may see (head office: the whole network)
    "required": ["kind", "format", "from", "to"],
    "additionalProperties": False,
}
