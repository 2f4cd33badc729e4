"""The unit import worker (产品档案批量导入): one queue message per run of an import.

The sheet is downloaded to the worker's /tmp and read row by row (import_sheet.py: openpyxl in
read-only mode, shared strings on disk); the run's memory does not grow with the sheet. Each
data row is checked on its own (domain/import_rows.py) and written on its own, in ONE
transaction: the customer found by the exact digits of the phone within the outlet or created,
the site found by name or created, the unit with its terms copied from its model's template,
the marker holding its serial for the outlet, the unit's `import` event and the customer's
audit entry. A row is imported whole or not at all. A serial the outlet has registered already
makes the row `unchanged` (the same sheet imported again changes nothing); a serial repeated
inside the sheet makes the later row a `duplicate_row`.

Progress is written every BATCH rows (a compare-and-set on the run's attempt, as the export
jobs do). A run stops after TIME_BUDGET and queues its own continuation, which picks up at the
first row not yet handled (`next_row`), so a large sheet never meets the worker's time limit.
"""

from __future__ import annotations

import gc
import json
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from chalicelib.kernel.actor import Actor
from chalicelib.kernel.errors import ValidationFailed
from chalicelib.kernel.observability import count, log_failure, logger
from chalicelib.kernel.store import keys
from chalicelib.modules.customers import public as customers
from chalicelib.modules.warranty import import_store as store
from chalicelib.modules.warranty import store as units_store
from chalicelib.modules.warranty.domain import import_rows as rows
from chalicelib.modules.warranty.domain.units import normal_serial, registration_problems
from chalicelib.modules.warranty.import_scratch import Ref, Scratch
from chalicelib.modules.warranty.imports import MAX_ERRORS
from chalicelib.modules.warranty.models import Equipment, UnitImport, UnitSerial

BATCH = 100  # rows between progress writes
LOOKUPS = 4  # customer lookups of a batch at the same time
TIME_BUDGET = 600.0  # seconds a run works before it queues its continuation
# The worker Lambda's timeout (infra/cdk/stack.py: the export worker, 840 s): an attempt
# running longer than this has died, and a redelivered message may take it over.
RUN_LIMIT = timedelta(seconds=840)


def accepts(body: str) -> bool:
    """Whether a job-queue message is a unit import's (the queue carries the exports too)."""
    try:
        return store.MESSAGE_KEY in json.loads(body)
    except (ValueError, TypeError):
        return False


def handle(bodies) -> list[str]:
    """Message bodies (`{"unit_import_id": …}`) → what each run did: `done`, `failed`,
    `continued` (a continuation is queued); `already_done`, `already_failed`,
    `already_running`, `taken`, `missing`, `not_started` for a message that finds its import no
    longer waiting for it (SQS delivers at least once), which writes nothing; `superseded`
    when the import was started again meanwhile."""
    return [run(json.loads(body)[store.MESSAGE_KEY]) for body in bodies]


def run(import_id: str, budget: float | None = None) -> str:
    """One run of the import: from where it stands to the end of the sheet, or until `budget`
    seconds (TIME_BUDGET) have passed, when it queues its continuation."""
    budget = TIME_BUDGET if budget is None else budget
    job = store.get(import_id)
    if job is None:
        logger.warning("unit import not found", extra={"import": import_id})
        return "missing"
    if job.state == "done":
        return "already_done"
    if job.state == "failed":
        return "already_failed"
    if job.state == "uploading":
        return "not_started"
    if job.state == "running" and keys.utc_now() - keys.parse_iso(job.started_at) <= RUN_LIMIT:
        return "already_running"
    seen_state, seen_attempt = job.state, job.started_at
    job.state, job.started_at = "running", keys.iso(keys.utc_now())
    if not store.replace(job, seen_state, seen_attempt):
        return "taken"
    try:
        return _Run(job, time.monotonic() + budget).go()
    except store.JobMoved:
        logger.warning("unit import attempt superseded", extra={"import": job.id})
        return "superseded"
    except rows.SheetProblem as problem:
        return _fail(job, problem.code, problem.params)
    except Exception as error:  # noqa: BLE001 - the import says it failed; the log has the trace
        log_failure("unit import failed", error, **{"import": job.id})
        return _fail(job, "import_failed", {})


def _fail(job: UnitImport, code: str, params: dict) -> str:
    job.state, job.error, job.error_params = "failed", code, params or None
    job.finished_at = keys.iso(keys.utc_now())
    if not store.replace(job, "running", job.started_at):
        return "superseded"
    count("UnitImportsFailed")
    logger.info("unit import failed", extra={"import": job.id, "reason": code})
    return "failed"


class _Run:
    """One run of an import: from its `next_row` to the end of the sheet or of its budget."""

    def __init__(self, job: UnitImport, deadline: float):
        self.job, self.deadline = job, deadline
        self.actor = Actor(username=job.created_by, role=job.created_role, outlet=job.outlet)
        self.actor_name = job.created_by_name
        self.book = None  # every template, read once (units.TemplateBook)
        self.scratch: Scratch | None = None
        self.pool: ThreadPoolExecutor | None = None  # the customer lookups, for the whole run

    def go(self) -> str:
        job = self.job
        with tempfile.TemporaryDirectory(prefix="unit-import-") as tmp:
            path = os.path.join(tmp, "sheet.xlsx")
            store.download(job.s3_key, path)
            from chalicelib.modules.warranty.import_sheet import Sheet

            self.scratch = Scratch(os.path.join(tmp, "scratch.db"))
            self.pool = ThreadPoolExecutor(max_workers=LOOKUPS, thread_name_prefix="unit-import")
            try:
                sheet = Sheet(path, self.scratch)
                try:
                    return self._read(sheet)
                finally:
                    sheet.close()
            finally:
                self.pool.shutdown()
                self.scratch.close()

    def _read(self, sheet) -> str:
        from chalicelib.modules.warranty.units import TemplateBook

        job = self.job
        self.book = TemplateBook()
        header = None
        batch: list[tuple[int, rows.UnitRow | None, list]] = []
        data_rows = 0
        today = keys.utc_now().date()
        for number, cells in sheet.rows():
            if header is None:
                if number > rows.HEADER_SEARCH:
                    break
                header = rows.match_header(cells, number)
                continue
            if rows.blank(cells):
                continue
            data_rows += 1
            if data_rows > rows.MAX_ROWS:
                # counted, not taken from the sheet's dimension (which some writers get wrong):
                # the rows before stay imported, and the same rows imported again are unchanged
                self._flush(batch)
                raise rows.SheetProblem("too_many_rows", {"limit": rows.MAX_ROWS})
            unit, problems = rows.parse_row(cells, header, number)
            if unit is not None:
                problems = [(field, code, params) for field, (code, params) in
                            registration_problems(unit.unit_payload(), today).items()]
                unit = None if problems else unit
            if number < int(job.next_row or 0):
                # handled by an earlier run of this attempt: only remember its serial
                if unit is not None:
                    self.scratch.remember_serial(normal_serial(unit.serial_no), number)
                continue
            batch.append((number, unit, problems))
            if len(batch) >= BATCH:
                self._flush(batch)
                batch = []
                if time.monotonic() > self.deadline:
                    return self._continue_later()
        if header is None:
            raise rows.SheetProblem("no_header")
        self._flush(batch)
        return self._finish()

    # ------------------------------------------------------------ a batch of rows

    def _flush(self, batch: list) -> None:
        if not batch:
            return
        job = self.job
        valid = [unit for _, unit, _ in batch if unit is not None]
        taken = self._registered(valid)
        self._find_customers([u for u in valid if normal_serial(u.serial_no) not in taken])
        for number, unit, problems in batch:
            job.total = int(job.total or 0) + 1
            if unit is not None:
                serial = normal_serial(unit.serial_no)
                first = self.scratch.first_row_of(serial)
                if first is not None:
                    problems = [("serial_no", "duplicate_row", {"row": first})]
                else:
                    self.scratch.remember_serial(serial, number)
                    if serial in taken:
                        job.unchanged = int(job.unchanged or 0) + 1
                        continue
                    problems = self._write(unit)
                    if problems is None:
                        job.imported = int(job.imported or 0) + 1
                        continue
                    if problems == "unchanged":
                        job.unchanged = int(job.unchanged or 0) + 1
                        continue
            job.failed = int(job.failed or 0) + 1
            errors = list(job.errors or [])
            for field, code, params in problems:
                if len(errors) < MAX_ERRORS:
                    errors.append({"row": number, "field": field, "code": code,
                                   "params": params})
            job.errors = errors
        job.next_row = batch[-1][0] + 1
        store.save_progress(job)
        # the batch's items (PynamoDB models hold reference cycles) go now, not whenever the
        # collector's oldest generation next runs: the run's memory stays that of one batch
        gc.collect()

    def _registered(self, units: list[rows.UnitRow]) -> set[str]:
        """The serials among these rows the outlet has registered already (one BatchGetItem
        of their markers): those rows are unchanged without reading anything else."""
        wanted = {}
        for unit in units:
            marker = units_store.serial_marker(Equipment(outlet=self.job.outlet,
                                                         serial_no=unit.serial_no,
                                                         customer_id="", id=""))
            wanted[(marker.pk, marker.sk)] = normal_serial(unit.serial_no)
        return {wanted[(m.pk, m.sk)] for m in UnitSerial.batch_get(list(wanted))}

    def _find_customers(self, units: list[rows.UnitRow]) -> None:
        """Look up the batch's phones not looked up before, LOOKUPS at a time (each is one query
        of the phone index: DynamoDB has no query of many keys at once)."""
        phones = sorted({u.phone_digits for u in units
                         if self.scratch.customer(u.phone_digits) is False})
        if not phones:
            return
        outlet = self.job.outlet

        def find(phone: str) -> Ref | None:
            customer = customers.bulk.find_by_phone(outlet, phone)
            return Ref(customer.id, customer.outlet, customer.name) if customer else None

        for phone, customer in zip(phones, self.pool.map(find, phones), strict=True):
            self.scratch.remember_customer(phone, customer)

    # ------------------------------------------------------------ one row, one transaction

    def _customer(self, unit: rows.UnitRow) -> tuple[Ref, list, bool]:
        """The row's customer (found by phone digits within the outlet, else new) and what to
        write for a new one."""
        known = self.scratch.customer(unit.phone_digits)
        if known is False:
            found = customers.bulk.find_by_phone(self.job.outlet, unit.phone_digits)
            known = Ref(found.id, found.outlet, found.name) if found else None
            self.scratch.remember_customer(unit.phone_digits, known)
        if known is not None:
            return known, [], False
        customer, writes = customers.bulk.new_customer(
            self.actor, self.actor_name, unit.customer_name, unit.customer_phone,
            {"import_id": self.job.id, "row": unit.row})
        return Ref(customer.id, customer.outlet, customer.name), writes, True

    def _site(self, customer: Ref, new_customer: bool, unit: rows.UnitRow
              ) -> tuple[Ref | None, list]:
        if not unit.site_name:
            return None, []
        key = "".join(unit.site_name.split()).casefold()
        if not new_customer:
            if not self.scratch.sites_known(customer.id):
                self.scratch.remember_sites(customer.id, (
                    ("".join(s.name.split()).casefold(), Ref(s.id, s.outlet, s.name))
                    for s in customers.bulk.sites_of(customer.id)))
            site = self.scratch.site(customer.id, key)
            if site is not None:
                return site, []
        site, writes = customers.bulk.new_site(self.actor, self.actor_name, customer,
                                               unit.site_name,
                                               {"import_id": self.job.id, "row": unit.row})
        return Ref(site.id, site.outlet, site.name), writes

    def _write(self, unit: rows.UnitRow):
        """Write one row: None when imported, "unchanged" when its serial was registered
        meanwhile, else the row's problems (nothing of it written)."""
        from pynamodb.exceptions import TransactWriteError

        from chalicelib.modules.warranty.units import registration_items

        customer, customer_writes, new_customer = self._customer(unit)
        site, site_writes = self._site(customer, new_customer, unit)
        payload = unit.unit_payload()
        try:
            item, entries = registration_items(
                self.actor, customer, site, payload, keys.utc_now(), action="import",
                book=self.book, event_data={**payload, "import_id": self.job.id,
                                            "row": unit.row})
        except ValidationFailed as refusal:
            return [(field, *problem) for field, problem in refusal.fields.items()]
        audit = customers.audit_write(self.actor, customer.id, "add_equipment",
                                      {**payload, "equipment_id": item.id,
                                       "import_id": self.job.id, "row": unit.row})
        try:
            units_store.write([*customer_writes, *site_writes, *entries, audit])
        except units_store.SerialTaken:
            return "unchanged"
        except TransactWriteError as error:
            log_failure("unit import row not saved", error, **{"import": self.job.id,
                                                               "row": unit.row})
            return [("row", "row_not_saved", {})]
        if new_customer:
            self.scratch.remember_customer(unit.phone_digits, customer)
            self.scratch.remember_sites(customer.id, [])
        if site_writes:
            self.scratch.remember_site(customer.id, "".join(site.name.split()).casefold(), site)
        return None

    # ------------------------------------------------------------ the end of a run

    def _continue_later(self) -> str:
        """Hand the rest of the sheet to a new run (a new message, a fresh time budget)."""
        job = self.job
        attempt = job.started_at
        job.state, job.started_at = "queued", keys.iso(keys.utc_now())
        if not store.replace(job, "running", attempt):
            raise store.JobMoved(job.id)
        try:
            store.enqueue(job.id)
        except store.QueueUnavailable:
            # the import shows as stuck after a while and may be started again
            logger.error("unit import continuation not queued", extra={"import": job.id})
        logger.info("unit import continues", extra={"import": job.id,
                                                    "next_row": int(job.next_row)})
        return "continued"

    def _finish(self) -> str:
        job = self.job
        job.state, job.finished_at = "done", keys.iso(keys.utc_now())
        if not store.replace(job, "running", job.started_at):
            return "superseded"
        count("UnitImportsDone")
        logger.info("unit import done", extra={
            "import": job.id, "rows": int(job.total), "imported": int(job.imported),
            "unchanged": int(job.unchanged), "failed": int(job.failed)})
        return "done"
