"""The monthly complaint rate's reads (issue 15, check 9): building one month of 200 complaints
among 5,000 reads that month's complaint facts and accepted orders only (aim ≤ 1.5 × the
month's items), never a Scan.

Seeded directly (BatchWriteItem, as a migration would): 5,000 complaint facts in 25 partitions
of 200 (SZ 2025-11 … 2026-11, CD 2025-11 … 2026-10), and the figures' facts of the same months
(received orders, which are the accepted orders, plus completions and return visits, which the
rate must not read). Then the build of 2026-11 and the whole job run (build, store every scope,
tell head office) go through the app's code.

Counted like bench.parts_stock: every request botocore sends while the build runs, by
operation, and the items DynamoDB read for it (a Query's ScannedCount — for a counting Query
too, which returns no items but still reads them —, 1 for a GetItem, Responses of a
BatchGetItem). Ratios only; no timings are asserted.

Run from the repository root: python -m bench.complaint_rate
"""

from __future__ import annotations

from bench import harness

MONTH = "2026-11"
PER_PARTITION = 200
PARTITIONS = {"SZ": [f"2025-{m:02d}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 12)],
              "CD": [f"2025-{m:02d}" for m in (11, 12)] + [f"2026-{m:02d}" for m in range(1, 11)]}
# the figures' facts: received (accepted orders) and the others of the same partitions
RECEIVED = {("SZ", MONTH): 1000, ("CD", MONTH): 400}
RECEIVED_OTHER_MONTHS = 150
DONE_AND_VISITS = 300  # per partition: completions and return visits (not read by the rate)
KINDS = ("quality", "service_attitude", "service_lateness", "service_repeat", "transport",
         "contract", "service_charges", "suggestion")
ROUTES = {"quality": "quality", "transport": "logistics", "contract": "head_office"}


def _complaints() -> int:
    """200 complaint facts in each of the 25 (outlet, month) partitions: valid, unfounded and
    not yet judged, of several kinds and departments."""
    from chalicelib.modules.complaints import keys
    from chalicelib.modules.complaints.models import ComplaintFact

    written = 0
    with ComplaintFact.batch_write() as batch:
        for outlet, months in PARTITIONS.items():
            for month in months:
                for n in range(PER_PARTITION):
                    kind = KINDS[n % len(KINDS)]
                    valid = (True, True, True, False, None)[n % 5]
                    day = 1 + n % 28
                    fact = ComplaintFact(
                        complaint_id=f"cmp_bench_{outlet}_{month}_{n:04d}",
                        number=f"TS-{outlet}-{month.replace('-', '')}{day:02d}-{n:04d}",
                        outlet=outlet, month=month, complaint_kind=kind,
                        department=ROUTES.get(kind, "outlet") if valid else None, valid=valid,
                        state={True: "in_progress", False: "unfounded", None: "registered"}[valid],
                        received_at=f"{month}-{day:02d}T02:00:00.000Z")
                    keys.index_fact(fact)
                    batch.save(fact)
                    written += 1
    return written


def _figures() -> int:
    """The figures' facts of the same partitions (and of CD's 2026-11): received orders — the
    accepted orders the rate counts — and completions and return visits beside them."""
    from chalicelib.modules.figures import kpi_store
    from chalicelib.modules.figures.models import KpiFact

    partitions = {(o, m) for o, months in PARTITIONS.items() for m in months} | set(RECEIVED)
    written = 0
    with KpiFact.batch_write() as batch:
        for outlet, month in sorted(partitions):
            received = RECEIVED.get((outlet, month), RECEIVED_OTHER_MONTHS)
            for fact_kind, count in (("received", received), ("done", DONE_AND_VISITS // 2),
                                     ("visit", DONE_AND_VISITS // 2)):
                for n in range(count):
                    fact, _ = kpi_store.fact_write(KpiFact(
                        outlet=outlet, month=month, fact=fact_kind,
                        order_id=f"wo_bench_{outlet}_{month}_{fact_kind}_{n:05d}",
                        at=f"{month}-10T02:00:00.000Z", data={"fact": fact_kind}))
                    batch.save(fact)
                    written += 1
    return written


def main() -> None:
    print("# bench.complaint_rate — one month's complaint rate among 5,000 complaints: "
          "items read (moto)")
    print(f"# {harness.machine()}")
    harness.start_bare()
    from chalicelib.kernel import registry
    from chalicelib.kernel.store import keys
    from chalicelib.modules.complaints import rate
    from chalicelib.modules.directory import public as directory

    complaints = _complaints()
    figures = _figures()
    registry.ready()
    directory.all_outlets()  # the directory's cache, as a warm Lambda has it

    month_complaints = sum(PER_PARTITION for o, months in PARTITIONS.items() if MONTH in months)
    accepted = sum(n for (o, m), n in RECEIVED.items() if m == MONTH)
    month_items = month_complaints + accepted
    with harness.reading() as built:
        document = rate.build(MONTH)["NETWORK"]
    with harness.reading() as job:
        outcome = rate.run(MONTH, keys.utc_now())
    read_build = sum(built["read"].values())
    read_job = sum(job["read"].values())
    rows = [
        ["build of the month (every outlet + network)", harness.summarise(
            [op for op, n in built["ops"].items() for _ in range(n)]),
         f"{read_build}", f"{read_build / month_items:.3f}×"],
        ["the job's run (build, store, tell head office)", harness.summarise(
            [op for op, n in job["ops"].items() for _ in range(n)]),
         f"{read_job}", f"{read_job / month_items:.3f}×"],
    ]
    print(f"# seeded: {complaints} complaint facts in {sum(map(len, PARTITIONS.values()))} "
          f"(outlet, month) partitions, {figures} figures' facts")
    print(f"# {MONTH}: {month_complaints} complaints, {accepted} accepted orders = "
          f"{month_items} month's items; rate {document['valid']} / "
          f"{document['accepted_orders']} = {document['rate']}")
    print()
    print(harness.table(["what", "DynamoDB requests", "items read", "vs the month's items"],
                        rows))
    print()
    print(f"# items read by the build: {dict(built['read'])} (aim ≤ 1.5 × {month_items} = "
          f"{1.5 * month_items:.0f})"
          f"{'' if read_build <= 1.5 * month_items else '  <-- more than the aim'}")
    print(f"# the job stored {outcome['scopes']} scopes, told {outcome['told']}")
    scans = built["ops"]["Scan"] + job["ops"]["Scan"]
    print(f"# Scan requests: {scans}{'' if scans == 0 else '  <-- a Scan was made'}")


if __name__ == "__main__":
    main()
