"""产品档案批量导入, the API side: an import is created with a presigned form for its .xlsx,
started once the file is there (the job is queued; import_job.py reads the sheet row by row),
and read back with its progress and every bad row's reasons.

Only the outlet's own staff (agents and managers, warranty.units.import) see an outlet's imports: an
import of another outlet is 404, as if it did not exist. The import item is also the audit
record of who imported what and when; each imported unit carries an `import` event naming it.
"""

from __future__ import annotations

from datetime import timedelta

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.config import settings
from chalicelib.kernel.errors import NotFound, UploadNotFound, ValidationFailed
from chalicelib.kernel.messages import field_message
from chalicelib.kernel.observability import count, logger
from chalicelib.kernel.registry import merged
from chalicelib.kernel.store import keys
from chalicelib.modules.directory import public as directory
from chalicelib.modules.warranty import import_store as store
from chalicelib.modules.warranty.domain import import_rows as rows
from chalicelib.modules.warranty.models import UnitImport

ZIP_MAGIC = b"PK\x03\x04"  # an .xlsx is a zip package (an old .xls starts D0 CF 11 E0)
MAX_ERRORS = 1000  # bad-row reasons kept on the import (the count of failed rows is exact)
UPLOAD_WAIT = timedelta(days=1)  # an import never started is removed (TTL) after this
# A queued import is taken by the worker within seconds; a running one writes its progress
# every batch and continues itself before the worker's time runs out (import_job.py).
QUEUED_TOO_LONG = timedelta(minutes=10)
RUNNING_TOO_LONG = timedelta(minutes=20)


def create(actor: Actor, body: dict, lang: str = "zh") -> dict:
    """An import in state `uploading` and the presigned form for its file (valid ≤ 10 min).
    `body` is valid by IMPORT_REQUEST (the kernel checked it); the size limit is checked here."""
    if body["size"] > rows.MAX_BYTES:
        raise ValidationFailed(fields={"size": ("too_large", {
            "limit_mb": f"{rows.MAX_BYTES / 1024 / 1024:g}"})})
    cfg = settings()
    now = keys.utc_now()
    expires = keys.wall_now() + timedelta(seconds=cfg.upload_url_seconds)
    import_id = keys.new_id("imp")
    job = UnitImport(
        id=import_id, outlet=actor.outlet, state="uploading", filename=body["filename"],
        size=body["size"], s3_key=store.file_key(actor.outlet, import_id),
        created_at=keys.iso(now), created_by=actor.username,
        created_by_name=directory.actor_name(actor), created_role=actor.role,
        expires_at=int((now + UPLOAD_WAIT).timestamp()))
    store.create(job)
    form = store.presigned_post(job.s3_key, body["size"], cfg.upload_url_seconds)
    return {"id": job.id, "import": view(job, lang),
            "upload": {"url": form["url"], "fields": form["fields"],
                       "expires_at": keys.iso(expires), "max_bytes": rows.MAX_BYTES}}


def _visible(actor: Actor, import_id: str) -> UnitImport:
    job = store.get(import_id)
    if job is None or job.outlet != actor.outlet:
        raise NotFound()  # another outlet's import is not revealed, not even that it exists
    return job


def start(actor: Actor, import_id: str, lang: str = "zh") -> dict:
    """Check the uploaded file and queue the job (202). Idempotent: an import already queued
    or running is returned as it is; one done is returned as it is (start a new import to read
    a sheet again). A failed or stuck import is started again from its first row (rows
    imported before count as unchanged)."""
    job = _visible(actor, import_id)
    if job.state == "done" or job.state in ("queued", "running") and not stuck(job):
        return view(job, lang)
    size = store.head(job.s3_key)
    if size is None:
        raise UploadNotFound()
    problem = _file_problem(job, size)
    if problem:
        store.delete(job.s3_key)  # a new upload through the same form may replace it
        raise ValidationFailed(fields={"file": problem})
    seen_state, seen_attempt = job.state, job.started_at
    job.state, job.started_at, job.finished_at = "queued", keys.iso(keys.utc_now()), None
    job.next_row, job.total, job.imported, job.unchanged, job.failed = 0, 0, 0, 0, 0
    job.errors, job.error, job.error_params, job.expires_at = [], None, None, None
    if not store.replace(job, seen_state, seen_attempt):
        return view(_visible(actor, import_id), lang)  # a double click: the other one started it
    try:
        store.enqueue(job.id)
    except store.QueueUnavailable as error:
        logger.error("unit import queue unavailable", extra={"import": job.id,
                                                             "error": str(error)})
        queued_as = job.started_at
        job.state, job.error, job.finished_at = "failed", "import_failed", keys.iso(keys.utc_now())
        if not store.replace(job, "queued", queued_as):
            return view(_visible(actor, import_id), lang)
        return view(job, lang)
    count("UnitImportsStarted")
    logger.info("unit import queued", extra={"import": job.id, "by": actor.username,
                                             "bytes": size})
    return view(job, lang)


def _file_problem(job: UnitImport, size: int) -> tuple[str, dict] | None:
    """Why the uploaded object is not the sheet the form allowed, or None."""
    if size > rows.MAX_BYTES:
        return "too_large", {"limit_mb": f"{rows.MAX_BYTES / 1024 / 1024:g}"}
    if size == 0:
        return "empty", {}
    if size != int(job.size):  # the form allowed exactly the declared size
        return "size_mismatch", {"declared": int(job.size), "found": size}
    if store.first_bytes(job.s3_key, len(ZIP_MAGIC)) != ZIP_MAGIC:
        return "not_xlsx", {}
    return None


def stuck(job: UnitImport) -> bool:
    """Queued but not taken by a worker, or running without progress past any worker's
    lifetime (the worker writes progress every batch)."""
    if job.state not in ("queued", "running"):
        return False
    age = keys.utc_now() - keys.parse_iso(job.started_at or job.created_at)
    return age > (QUEUED_TOO_LONG if job.state == "queued" else RUNNING_TOO_LONG)


def get(actor: Actor, import_id: str, lang: str) -> dict:
    return view(_visible(actor, import_id), lang)


def recent(actor: Actor, lang: str) -> dict:
    return {"items": [view(j, lang, with_errors=False) for j in store.recent(actor.outlet)]}


def sample() -> dict:
    """The sheet's columns (the SPA builds a blank template from them) and the words the
    `source` column takes."""
    return {"columns": rows.sample_columns(), "sources": {"own": ["自营", "own"],
                                                          "agent": ["代理", "agent"]},
            "max_rows": rows.MAX_ROWS, "max_bytes": rows.MAX_BYTES}


def _message(code: str, params: dict, lang: str) -> str:
    return field_message((code, params or {}), lang, merged("messages"))


def view(job: UnitImport, lang: str = "zh", with_errors: bool = True) -> dict:
    names = {c.key: c for c in rows.COLUMNS}
    errors = [{"row": e["row"], "field": e["field"],
               "column": getattr(names[e["field"]], lang) if e["field"] in names else "",
               "code": e["code"], "message": _message(e["code"], e.get("params"), lang)}
              for e in job.errors or []] if with_errors else []
    error = None
    if job.error:
        error = {"code": job.error, "message": _message(job.error, job.error_params or {}, lang)}
    return {"id": job.id, "state": job.state, "stuck": stuck(job), "filename": job.filename,
            "size": int(job.size), "total": int(job.total or 0),
            "imported": int(job.imported or 0), "unchanged": int(job.unchanged or 0),
            "failed": int(job.failed or 0), "errors": errors,
            "errors_truncated": len(job.errors or []) >= MAX_ERRORS,
            "error": error, "created_at": job.created_at, "created_by": job.created_by,
            "created_by_name": job.created_by_name, "started_at": job.started_at,
            "finished_at": job.finished_at}
