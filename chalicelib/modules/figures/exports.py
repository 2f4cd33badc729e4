"""Data exports (数据导出) as jobs: the request queues one, a worker writes the file to S3.

No response ever carries the file (API Gateway caps bodies at 6 MB and 29 s): the worker reads
the outlets' orders page by page from the index, writes rows to a spreadsheet that keeps only
the current row in memory (XLSX in constant-memory mode, or CSV with a BOM), uploads it in parts,
and the job ends with a short-lived presigned link. The job item is also the audit record:
who asked, with which filters, when, and how many rows were written.

The job item and its queue message are two writes that cannot share a transaction, so every
change of a job is a compare-and-set on (status, attempt stamp `started_at`): the API saves the
job, then sends the message, and marks the job `failed` with `queue_unavailable` if SQS does not
take it; a worker runs a job only after taking it (queued → running) and writes its progress and
result only while that attempt is still its own; a job queued or running for too long is shown
as `stuck`, and `retry` queues a failed or stuck job again (once, however often it is asked).
A failed job says why with a message code, never with the exception's text (which goes to the
log for operators). See docs/consistency.md.
"""

from __future__ import annotations

import json
import tempfile
from datetime import date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from chalicelib.kernel.access import sees_all_outlets
from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import InvalidTransition, NotFound, ValidationFailed
from chalicelib.kernel.labels import label, wall_clock
from chalicelib.kernel.observability import count, log_failure, logger
from chalicelib.kernel.store import files as s3store
from chalicelib.kernel.store import keys
from chalicelib.modules.customers import public as customers
from chalicelib.modules.directory import public as directory
from chalicelib.modules.figures import store
from chalicelib.modules.figures.domain.export_request import ERROR_CODES, EXPORT_FAILED, QUEUE_UNAVAILABLE
from chalicelib.modules.figures.domain.kpi import SLA_CLOCKS
from chalicelib.modules.figures.models import ExportJob
from chalicelib.modules.orders.public import VISIT_SCORES, WorkOrder

MAX_DAYS = 3 * 366
PROGRESS_EVERY = 1000  # rows between progress updates of the job item
HQ = "HQ"
# A queued job is taken by the worker within seconds; one still queued after this is stuck.
QUEUED_TOO_LONG = timedelta(minutes=10)
# The worker Lambda's timeout (infra/cdk/stack.py: 840 s, under the queue's 900 s visibility
# timeout): an attempt running longer than this has died, and a redelivered message may take
# the job over; one still running a while later (its message went to the dead-letter queue)
# is shown as stuck.
RUN_LIMIT = timedelta(seconds=840)
RUNNING_TOO_LONG = timedelta(minutes=20)

# ---------------------------------------------------------------- the API side

def _scope(actor: Actor) -> str:
    return HQ if sees_all_outlets(actor) else actor.outlet


def _visible_outlets(actor: Actor) -> list[str]:
    """What an export without `outlets` covers: every outlet the caller may see."""
    if not sees_all_outlets(actor):
        return [actor.outlet]
    return sorted(o.code for o in directory.all_outlets() if not o.is_head_office)


def start(actor: Actor, body: dict, lang: str) -> dict:
    """Queue an export job. `body` is valid by EXPORT_SCHEMA (the kernel validated the request
    body against the route's published schema; bench/exports.py writes its own); the range and
    the outlets are checked here."""
    first, last = date.fromisoformat(body["from"]), date.fromisoformat(body["to"])
    if last < first:
        raise ValidationFailed(fields={"to": ("after_start", {})})
    if (last - first).days > MAX_DAYS:
        raise ValidationFailed(fields={"to": ("range", {"min": 1, "max": MAX_DAYS})})
    outlets = body.get("outlets") or _visible_outlets(actor)
    for i, code in enumerate(outlets):
        home = directory.outlet(code)
        if home is None or home.is_head_office:
            raise ValidationFailed(fields={f"outlets.{i}": ("not_found", {})})
        if not sees_all_outlets(actor) and code != actor.outlet:
            raise NotFound()  # another outlet's data is not revealed, not even that it exists
    now = keys.iso(keys.utc_now())
    job = ExportJob(
        id=keys.new_id("ex"), kind_of_export=body["kind"], format=body["format"],
        filters={"outlets": outlets, "from": body["from"], "to": body["to"]},
        language=lang, status="queued", rows=0, requested_by=actor.username,
        requested_by_name=directory.actor_name(actor), requested_role=actor.role,
        requester_outlet=_scope(actor), created_at=now)
    store.create_job(job)
    count("ExportsStarted")
    logger.info("export queued", extra={"export": job.id, "by": actor.username,
                                        "kind": job.kind_of_export, "filters": job.filters})
    return view(_send(job))


def _send(job: ExportJob) -> ExportJob:
    """Send the message of a job just saved as queued. If SQS does not take it, the job says so
    (failed, `queue_unavailable`) instead of waiting for a worker that will never come — unless
    a worker took it meanwhile (the message went out after all)."""
    try:
        store.enqueue(job.id)
    except store.QueueUnavailable as error:
        logger.error("export queue unavailable", extra={"export": job.id, "error": str(error)})
        count("ExportsNotQueued")
        queued_as = job.started_at
        job.status, job.error, job.finished_at = "failed", QUEUE_UNAVAILABLE, keys.iso(keys.utc_now())
        if not store.replace_job(job, "queued", queued_as):
            return store.get_job(job.id) or job
    return job


def retry(actor: Actor, export_id: str) -> dict:
    """Queue a failed or stuck job again (`POST /api/exports/{id}/retry`).

    Idempotent: the job moves back to `queued` by a compare-and-set on the state it was read
    in, so of two retries (a double click, two managers) one queues it and the other finds it
    queued and not stuck, and returns it unchanged. A finished job is 409."""
    job = _visible_job(actor, export_id)
    if job.status == "done":
        raise InvalidTransition(state="done", action="retry")
    if job.status != "failed" and not _stuck(job):
        return view(job)  # already queued or running: nothing to do
    seen_status, seen_attempt = job.status, job.started_at
    job.status, job.started_at, job.finished_at = "queued", keys.iso(keys.utc_now()), None
    job.rows, job.error, job.s3_key, job.filename, job.size = 0, None, None, None, None
    if not store.replace_job(job, seen_status, seen_attempt):
        current = store.get_job(export_id)
        if current is None:
            raise NotFound()
        return view(current)  # someone else retried (or a worker moved it) first
    count("ExportsRetried")
    logger.info("export queued again", extra={"export": job.id, "by": actor.username,
                                              "was": seen_status})
    return view(_send(job))


def _attempt_started(job: ExportJob) -> datetime:
    """When the current attempt began: queued (by the request or a retry) or taken by a
    worker; `started_at` is that moment, absent only while the first attempt is queued."""
    return keys.parse_iso(job.started_at or job.created_at)


def _stuck(job: ExportJob) -> bool:
    """Queued but not taken by a worker, or running past any worker's lifetime."""
    age = keys.utc_now() - _attempt_started(job)
    if job.status == "queued":
        return age > QUEUED_TOO_LONG
    if job.status == "running":
        return age > RUNNING_TOO_LONG
    return False


def view(job: ExportJob) -> dict:
    done = job.status == "done" and job.s3_key
    error = None
    if job.status == "failed":  # jobs saved before message codes carried the exception's text
        error = job.error if job.error in ERROR_CODES else EXPORT_FAILED
    return {"id": job.id, "kind": job.kind_of_export, "format": job.format, "filters": job.filters,
            "status": job.status, "stuck": _stuck(job), "rows": int(job.rows or 0),
            "requested_by": job.requested_by,
            "requested_by_name": job.requested_by_name, "created_at": job.created_at,
            "finished_at": job.finished_at, "error": error, "filename": job.filename,
            "size": int(job.size) if job.size is not None else None,
            "download_url": _download_url(job) if done else None}


def _download_url(job: ExportJob) -> str:
    return s3store.presigned_get(job.s3_key, None, None, job.filename, disposition="attachment")


def _visible_job(actor: Actor, export_id: str) -> ExportJob:
    job = store.get_job(export_id)
    if job is None or (not sees_all_outlets(actor) and job.requester_outlet != actor.outlet):
        raise NotFound()
    return job


def get(actor: Actor, export_id: str) -> dict:
    return view(_visible_job(actor, export_id))


def recent(actor: Actor) -> dict:
    return {"items": [view(j) for j in store.recent_jobs(_scope(actor))]}


# ---------------------------------------------------------------- the worker

def run(export_id: str) -> str:
    """Write the export's file (called by the queue's worker). Delivery is at least once and a
    retry may send a second message, so the worker first takes the job — queued → running, a
    compare-and-set on the attempt it read — and ignores a job that is done, failed, or running
    in another live attempt; a job whose running attempt outlived any worker (RUN_LIMIT) is
    taken over and written again from the start. Every later write of this attempt is
    conditional on the job still being this attempt's."""
    job = store.get_job(export_id)
    if job is None:
        logger.warning("export job not found", extra={"export": export_id})
        return "missing"
    if job.status == "done":
        return "already_done"
    if job.status == "failed":
        return "already_failed"  # only a retry queues it again
    if job.status == "running" and keys.utc_now() - _attempt_started(job) <= RUN_LIMIT:
        return "already_running"
    seen_status, seen_attempt = job.status, job.started_at
    job.status, job.started_at, job.rows, job.error = "running", keys.iso(keys.utc_now()), 0, None
    job.finished_at = None
    if not store.replace_job(job, seen_status, seen_attempt):
        return "taken"  # another worker (or a retry) got there first
    try:
        with tempfile.TemporaryDirectory() as tmp:
            path = _write(job, tmp)
            filename = _filename(job)
            key = f"exports/{job.requester_outlet}/{job.id}/{filename}"
            from boto3.s3.transfer import TransferConfig

            from chalicelib.modules.figures.tabular import CONTENT_TYPES

            # parts of 8 MiB, two at a time: the upload's memory does not grow with the file
            s3store.s3().upload_file(path, s3store.bucket(), key, ExtraArgs={
                "ContentType": CONTENT_TYPES[job.format]}, Config=TransferConfig(
                    multipart_chunksize=8 * 2**20, max_concurrency=2))
            import os

            job.size = os.path.getsize(path)
    except store.JobMoved:
        logger.warning("export attempt superseded", extra={"export": job.id})
        return "superseded"
    except Exception as error:  # noqa: BLE001 - the job says it failed; the log has the trace
        # the exception's text may quote the data being exported: the log gets its type and
        # where it was raised, the job a message code
        log_failure("export failed", error, export=job.id)
        job.status, job.error, job.finished_at = "failed", EXPORT_FAILED, keys.iso(keys.utc_now())
        if not store.replace_job(job, "running", job.started_at):
            return "superseded"
        count("ExportsFailed")
        return "failed"
    job.status, job.s3_key, job.filename = "done", key, filename
    job.finished_at = keys.iso(keys.utc_now())
    if not store.replace_job(job, "running", job.started_at):
        logger.warning("export attempt superseded", extra={"export": job.id})
        return "superseded"
    count("ExportsDone")
    logger.info("export done", extra={"export": job.id, "by": job.requested_by,
                                      "kind": job.kind_of_export, "filters": job.filters,
                                      "rows": int(job.rows), "bytes": int(job.size)})
    return "done"


def _filename(job: ExportJob) -> str:
    names = {"orders": ("工单", "work-orders"), "events": ("工单事件", "order-events"),
             "customers": ("客户与设备", "customers")}
    name = names[job.kind_of_export][0 if job.language == "zh" else 1]
    outlets = "-".join(job.filters["outlets"])
    return f"{name}_{outlets}_{job.filters['from']}_{job.filters['to']}.{job.format}"


def _write(job: ExportJob, directory_: str) -> str:
    from chalicelib.modules.figures.tabular import TableFile, text_width

    lang = job.language
    table = TableFile(job.format, directory_)
    columns = columns_of(job.kind_of_export)
    # the outlet column as wide as the longest outlet name of the export
    names = outlet_names(job.filters["outlets"], lang)
    widest = max((text_width(n) for n in names.values()), default=8) + 2
    table.sheet(SHEETS[job.kind_of_export][lang], [c[0 if lang == "zh" else 1] for c in columns],
                [max(c[2], widest) if getattr(c, "key", None) == OUTLET.key else c[2]
                 for c in columns])
    rows = {"orders": order_rows, "events": event_rows, "customers": customer_rows}
    for values in rows[job.kind_of_export](job.filters, lang):
        table.row(values)
        if table.rows % PROGRESS_EVERY == 0:
            job.rows = table.rows
            store.save_job(job)
    job.rows = table.rows
    return table.close()


# ---------------------------------------------------------------- rows

SHEETS = {"orders": {"zh": "工单", "en": "Work orders"}, "events": {"zh": "事件日志", "en": "Event log"},
          "customers": {"zh": "客户与设备", "en": "Customers"}}


class Column(NamedTuple):
    """A sheet's column: its header in Chinese and in English, its width, and a key for the
    columns the writer treats specially."""

    zh: str
    en: str
    width: int
    key: str | None = None


# the outlet column: as wide as the longest outlet name of the export
OUTLET = Column("网点", "Outlet", 8, key="outlet")

ORDER_COLUMNS = [
    ("工单号", "Number", 20), OUTLET, ("状态", "State", 12), ("类型", "Type", 10),
    ("紧急程度", "Priority", 8), ("报修渠道", "Channel", 8), ("保修判定", "Coverage", 10),
    ("客户", "Customer", 24), ("联系电话", "Phone", 14), ("项目/现场", "Site", 20),
    ("地址", "Address", 28), ("设备", "Equipment", 24), ("故障描述", "Description", 40),
    ("维修工程师", "Technician", 10), ("协助人员", "Helpers", 12), ("登记时间", "Received at", 17),
    ("派工时间", "Dispatched at", 17), ("联系客户时间", "Contacted at", 17),
    ("到场时间", "Arrived at", 17), ("完工时间", "Completed at", 17), ("故障原因", "Fault cause", 28),
    ("处理方案", "Solution", 28), ("更换配件", "Parts replaced", 24), ("验收时间", "Accepted at", 17),
    ("客户意见", "Customer opinion", 24), ("满意度", "Satisfaction", 8),
    ("回访时间", "Return visit at", 17), ("回访方式", "Visit channel", 10),
    "scores",  # each return-visit score, named by the orders area's vocabulary
    "clocks",  # each clock's due time and result, named by the SLA area's vocabulary
    ("取消原因", "Cancel reason", 20),
]
EVENT_COLUMNS = [
    ("工单号", "Number", 20), OUTLET, ("时间", "Time", 17), ("操作", "Action", 14),
    ("操作人", "By", 10), ("角色", "Role", 12), ("原状态", "From state", 12), ("新状态", "To state", 12),
    ("内容", "Details", 60),
]
CUSTOMER_COLUMNS = [
    OUTLET, ("客户", "Customer", 24), ("联系电话", "Phone", 14), ("联系人", "Contact", 10),
    ("地址", "Address", 28), ("区域", "Region", 8), ("建档时间", "Created at", 17),
    ("项目/现场", "Site", 20), ("现场地址", "Site address", 28), ("设备型号", "Model", 20),
    ("出厂编号", "Serial no.", 16), ("设备类别", "Category", 10), ("安装日期", "Installed on", 12),
    ("保修截止", "Warranty until", 12),
]
COLUMNS = {"orders": ORDER_COLUMNS, "events": EVENT_COLUMNS, "customers": CUSTOMER_COLUMNS}


def columns_of(kind: str) -> list[tuple[str, str, int]]:
    """An export's columns (headers in both languages, width); the scores' and the clocks'
    names come from the vocabulary when the export runs."""
    columns = []
    for column in COLUMNS[kind]:
        if column == "scores":
            columns += [(f"回访评分-{label('visit_score', score)}",
                         f"Visit score: {label('visit_score', score, 'en')}", 10)
                        for score in VISIT_SCORES]
        elif column == "clocks":
            columns += [col for clock in SLA_CLOCKS for col in (
                (f"{label('clock', clock)}-截止", f"{label('clock', clock, 'en')}: due", 17),
                (f"{label('clock', clock)}-结果", f"{label('clock', clock, 'en')}: result", 10))]
        else:
            columns.append(column)
    return columns


def _zones(outlets: list[str]) -> dict[str, ZoneInfo]:
    return {code: directory.zone(code) for code in outlets}


def outlet_names(codes: list[str], lang: str) -> dict[str, str]:
    return {code: directory.outlet_name(code, lang) for code in codes}


def when(value: str | None, tz: ZoneInfo) -> datetime | str | None:
    """An ISO time as the outlet's wall clock to the minute, for a date-time cell (a time
    without an offset is taken as it is; a text that is no time stays a text)."""
    if not value:
        return None
    try:
        return wall_clock(value, tz).replace(second=0, microsecond=0)
    except ValueError:
        return value


def day(value: str | None) -> date | str | None:
    """A calendar date ("2026-07-06") for a date cell."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return value


def _orders(filters: dict):
    """(order, zone) of every outlet's orders created in the range (outlet-local days)."""
    for code, tz in _zones(filters["outlets"]).items():
        first = datetime.combine(date.fromisoformat(filters["from"]), datetime.min.time(), tz)
        last = datetime.combine(date.fromisoformat(filters["to"]) + timedelta(days=1),
                                datetime.min.time(), tz)
        for order in store.orders_created(code, keys.iso(first), keys.iso(last)):
            yield order, tz


def order_row(order: WorkOrder, tz: ZoneInfo, lang: str) -> list:
    steps = order.steps or {}
    step = lambda name: steps.get(name) or {}  # noqa: E731
    completion, acceptance, visit = step("completion"), step("acceptance"), step("return_visit")
    scores = visit.get("scores") or {}
    parts = "; ".join(f"{p.get('name')} × {p.get('quantity')}" for p in
                      completion.get("parts_replaced") or [])
    clocks = []
    for name in SLA_CLOCKS:
        clock = (order.clocks or {}).get(name)
        state = None if not clock else clock.get("outcome") or clock.get("state")
        clocks += [when(clock.get("due_at"), tz) if clock else None, label("outcome", state, lang)]
    return [
        order.number, directory.outlet_name(order.outlet, lang), label("state", order.state, lang),
        label("type", order.type, lang),
        label("priority", order.priority, lang), label("channel", order.channel, lang),
        label("coverage", order.coverage, lang), order.customer_name, order.customer_phone,
        order.site_name, order.site_address, order.equipment_label, order.description,
        order.technician_name or order.technician,
        "、".join(directory.display_name(h) for h in order.helpers or []),
        when(order.created_at, tz), when(step("dispatch").get("at"), tz),
        when(step("contact").get("contacted_at"), tz),
        when(step("arrival").get("arrived_at"), tz),
        when(completion.get("at"), tz), completion.get("fault_cause"), completion.get("solution"),
        parts, when(acceptance.get("at"), tz), acceptance.get("opinion"),
        acceptance.get("satisfaction"), when(visit.get("at"), tz),
        label("channel", visit.get("channel"), lang) if visit else "",
        *[scores.get(key) for key in VISIT_SCORES], *clocks, order.cancel_reason,
    ]


def order_rows(filters: dict, lang: str):
    for order, tz in _orders(filters):
        yield order_row(order, tz, lang)


def _details(data: dict) -> str:
    shown = {k: v for k, v in (data or {}).items() if v not in (None, "", [], {})}
    return json.dumps(shown, ensure_ascii=False, separators=(",", ":"))[:32000]


def event_rows(filters: dict, lang: str):
    for order, tz in _orders(filters):
        for event in store.events_of(order.id):
            yield [order.number, directory.outlet_name(order.outlet, lang), when(event.at, tz),
                   label("event", event.action, lang),
                   event.actor_name, label("role", event.actor_role, lang),
                   label("state", event.from_state, lang), label("state", event.to_state, lang),
                   _details(event.data)]


def customer_rows(filters: dict, lang: str):
    """Every customer of the outlets (master data: the date range does not apply), one row per
    piece of equipment (or one row for a customer without equipment)."""
    for code, tz in _zones(filters["outlets"]).items():
        for customer in customers.customers_of(code):
            _, sites, equipment = customers.get_customer_with_parts(customer.id)
            site_of = {s.id: s for s in sites}
            base = [directory.outlet_name(code, lang), customer.name, customer.phone,
                    customer.contact_name, customer.address, customer.region,
                    when(customer.created_at, tz)]
            if not equipment:
                first = sites[0] if sites else None
                yield [*base, first.name if first else "", first.address if first else "",
                       None, None, None, None, None]
            for unit in equipment:
                site = site_of.get(unit.site_id)
                yield [*base, site.name if site else "", site.address if site else "", unit.model,
                       unit.serial_no, unit.category, day(unit.installed_on),
                       day(unit.warranty_until)]
