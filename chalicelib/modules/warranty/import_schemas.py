"""What the unit import answers and takes (OpenAPI components, request body)."""

from __future__ import annotations

from chalicelib.kernel.schemas import BOOL, INT, NSTR, STR, array, enum, items_of, nullable, obj, ref
from chalicelib.modules.warranty.domain.import_rows import COLUMNS, MAX_BYTES

IMPORT_STATES = ("uploading", "queued", "running", "done", "failed")
FIELDS = tuple(c.key for c in COLUMNS)

# POST /api/unit-imports: the file about to be uploaded (an .xlsx workbook)
IMPORT_REQUEST = {
    "type": "object",
    "properties": {
        "filename": {"type": "string", "minLength": 6, "maxLength": 200,
                     "pattern": r"^[^/\\]*\.[xX][lL][sS][xX]$"},
        "size": {"type": "integer", "minimum": 1, "maximum": MAX_BYTES},
    },
    "required": ["filename", "size"],
    "additionalProperties": False,
}

SCHEMAS: dict[str, dict] = {
    "UnitImport": obj({
        "id": STR, "state": enum(IMPORT_STATES),
        # queued or running for too long (not taken by a worker, or its worker died): start it again
        "stuck": BOOL, "filename": STR, "size": INT,
        # data rows handled so far (blank rows not counted), and what became of them
        "total": INT, "imported": INT, "unchanged": INT, "failed": INT,
        # every reason of every bad row (the first 1000), in the reader's language
        "errors": array(obj({"row": INT, "field": enum((*FIELDS, "row")), "column": STR,
                             "code": STR, "message": STR})),
        "errors_truncated": BOOL,
        # why the whole import failed (not an .xlsx, no header, columns missing…)
        "error": nullable(obj({"code": STR, "message": STR})),
        "created_at": STR, "created_by": STR, "created_by_name": STR, "started_at": NSTR,
        "finished_at": NSTR}),
    "UnitImportList": items_of("UnitImport"),
    "UnitImportUpload": obj({
        "id": STR, "import": ref("UnitImport"),
        "upload": obj({"url": STR, "fields": {"type": "object",
                                             "additionalProperties": {"type": "string"}},
                       "expires_at": STR, "max_bytes": INT})}),
    "UnitImportSample": obj({
        "columns": array(obj({"key": enum(FIELDS), "zh": STR, "en": STR, "required": BOOL,
                              "kind": enum(("text", "phone", "date", "source"))})),
        "sources": obj({"own": array(STR), "agent": array(STR)}),
        "max_rows": INT, "max_bytes": INT}),
}
