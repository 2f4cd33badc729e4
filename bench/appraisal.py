"""The monthly appraisal's reads (issue 16, check 6): the appraisal of 50 technicians over a
month of 5,000 orders reads only that month's facts (aim ≤ 1.5 × the month's fact items), never
a Scan.

Seeded directly (BatchWriteItem, as a migration would): 50 technicians of SZ beside the demo's
staff; the figures' facts of SZ's 2026-11 — 5,000 received orders, 4,500 completed, 3,000 return
visits —, 120 complaint facts and 150 ledger entries of that month; and the same kinds of facts
as noise in SZ's 2026-09, 2026-10 and 2026-12 and CD's 2026-11 (other partitions, other index
keys). Then, through the app (GET /api/technicians/appraisals as the SZ manager, after a warm-up
call that fills the directory's cache as a warm Lambda has it):

1. 2026-11 open, no month before it signed: the month's facts only;
2. 2026-09 and 2026-10 signed, then 2026-11 again: the month's facts, plus the outlet's
   sign-offs (one query) and the complaint facts of each signed month (the only facts that can
   change after a month has ended: the adjustments) — printed against the month's items;
3. 2026-10, signed: the frozen item.

Counted like bench.complaint_rate: the items DynamoDB read for the call (a Query's
ScannedCount, 1 per GetItem). Ratios only; no timings are asserted.

Run from the repository root: python -m bench.appraisal
"""

from __future__ import annotations

from bench import harness

OUTLET, MONTH, BEFORE = "SZ", "2026-11", "2026-10"
TECHNICIANS = 50
ORDERS, DONE, VISITS = 5000, 4500, 3000
COMPLAINTS, LEDGER = 120, 150
# the noise: other months of SZ and the same month of CD, (received, done, visits) each
NOISE = {("SZ", "2026-09"): (2000, 1800, 1200), ("SZ", "2026-10"): (2000, 1800, 1200),
         ("SZ", "2026-12"): (1000, 900, 600), ("CD", "2026-11"): (2000, 1800, 1200)}
CLOCKS = ("response", "contact", "arrival", "repair")


def _people() -> list[str]:
    from chalicelib.modules.directory import store
    from chalicelib.modules.directory.models import Staff

    names = [f"bench_tech_{n:02d}" for n in range(TECHNICIANS)]
    for n, username in enumerate(names):
        store.save_staff(Staff(username=username, name=f"基准技术员{n:02d}", role="technician",
                               outlet=OUTLET, star_level=1 + n % 5, active=True,
                               phone="13800009999"))
    return names


def _kpi(outlet: str, month: str, counts: tuple[int, int, int], people: list[str]) -> int:
    from chalicelib.modules.figures import kpi_store
    from chalicelib.modules.figures.models import KpiFact

    received, done, visits = counts
    written = 0
    with KpiFact.batch_write() as batch:
        for kind, count in (("received", received), ("done", done), ("visit", visits)):
            for n in range(count):
                tech = people[n % len(people)]
                data = {"fact": kind, "outlet": outlet, "order_id": f"wo_{month}_{n:05d}",
                        "number": f"WO-{n:05d}", "type": "repair", "priority": "general",
                        "technician": tech, "at": f"{month}-10T02:00:00.000Z"}
                if kind == "received" and n % 40 == 0:
                    data.update(repeat_of=f"WO-X{n}", repeat_technician=tech)
                if kind == "done":
                    data.update(clocks={c: "missed" if (n + i) % 9 == 0 else "met"
                                        for i, c in enumerate(CLOCKS)},
                                report_complete=n % 17 != 0, minutes={})
                if kind == "visit":
                    data.update(scores={"overall": 3 + n % 3},
                                clocks={"return_visit": "met" if n % 7 else "missed"})
                fact, _ = kpi_store.fact_write(KpiFact(
                    outlet=outlet, month=month, fact=kind, order_id=data["order_id"],
                    at=data["at"], data=data))
                batch.save(fact)
                written += 1
    return written


def _complaints(outlet: str, month: str, count: int, people: list[str]) -> int:
    from chalicelib.modules.complaints import keys
    from chalicelib.modules.complaints.models import ComplaintFact

    with ComplaintFact.batch_write() as batch:
        for n in range(count):
            fact = ComplaintFact(
                complaint_id=f"cmp_bench_{outlet}_{month}_{n:04d}", number=f"TS-{n:04d}",
                outlet=outlet, month=month, complaint_kind="service_attitude",
                valid=(True, False, None)[n % 3], state="in_progress",
                received_at=f"{month}-12T02:00:00.000Z", staff=people[n % len(people)])
            keys.index_fact(fact)
            batch.save(fact)
    return count


def _ledger(outlet: str, month: str, count: int, people: list[str]) -> int:
    from chalicelib.modules.conduct import keys
    from chalicelib.modules.conduct.models import ConductEntry

    with ConductEntry.batch_write() as batch:
        for n in range(count):
            entry = ConductEntry(
                id=f"cd_bench_{outlet}_{month}_{n:04d}", username=people[n % len(people)], name="基准",
                outlet=outlet, month=month, entry_kind="penalty" if n % 3 else "reward",
                penalty_kind="fine" if n % 3 else None, amount_fen=5000, reason="基准",
                source={"kind": "manual"}, by="sz_manager", at=f"{month}-15T02:{n % 60:02d}:00.000Z")
            keys.index(entry)
            batch.save(entry)
    return count


def _measure(api, month: str) -> tuple[dict, dict]:
    with harness.reading() as seen:
        body = api.ok("GET", f"/api/technicians/appraisals?outlet={OUTLET}&month={month}",
                      "sz_manager")
    return body, seen


def _file_reads(api, person: str, month_kpi: int) -> None:
    """A technician's file (GET /api/technicians/{username}, this month so far, as on 28 Nov):
    its month's KPI figures come from that person's facts only (their gsi3 entries
    KPITECH#<outlet>#<username>#<month>), not from the outlet-month's partition."""
    from datetime import UTC, datetime

    from chalicelib.kernel.store import keys
    from chalicelib.modules.figures import kpi_store
    from chalicelib.modules.figures import public as figures
    from chalicelib.modules.figures.domain.kpi import credited

    theirs = sum(credited(f.data, f.fact) == person for f in kpi_store.facts(OUTLET, MONTH))
    keys.set_clock(lambda: datetime(2026, 11, 28, 2, tzinfo=UTC))
    try:
        with harness.reading() as whole:
            api.ok("GET", f"/api/technicians/{person}", "sz_manager")
        with harness.reading() as kpi_part:
            figures.technician_month(OUTLET, person, MONTH)
    finally:
        keys.set_clock(None)
    read, facts_read = sum(whole["read"].values()), sum(kpi_part["read"].values())
    print(f"# the file of {person} ({MONTH} so far): {read} items read in all "
          f"{dict(whole['read'])}; its KPI figures read {facts_read} items for the "
          f"{theirs} facts that count for them ({facts_read / theirs:.2f}× their facts, "
          f"{facts_read / month_kpi:.3f}× the month's {month_kpi} KPI fact items)"
          f"{'' if facts_read <= theirs else '  <-- more than their facts'}"
          f"{'' if whole['ops']['Scan'] == 0 else '  <-- a Scan was made'}")


def main() -> None:
    print("# bench.appraisal — the monthly appraisal of 50 technicians over 5,000 orders: "
          "items read (moto)")
    print(f"# {harness.machine()}")
    harness.start_bare()
    from chalicelib.kernel import registry
    from chalicelib.kernel.store import keys
    from chalicelib.modules.technicians import appraisal

    people = _people()
    month_items = (_kpi(OUTLET, MONTH, (ORDERS, DONE, VISITS), people)
                   + _complaints(OUTLET, MONTH, COMPLAINTS, people)
                   + _ledger(OUTLET, MONTH, LEDGER, people))
    before_items = 0
    noise = 0
    for (outlet, month), counts in NOISE.items():
        written = (_kpi(outlet, month, counts, people) + _complaints(outlet, month, 40, people)
                   + _ledger(outlet, month, 50, people))
        noise += written
        if (outlet, month) == (OUTLET, BEFORE):
            before_items = written
    registry.ready()
    api = harness.Api()
    api.ok("GET", f"/api/technicians/appraisals?outlet={OUTLET}&month=2025-01", "sz_manager")

    rows = []
    first, seen = _measure(api, MONTH)
    rows.append(["1. 2026-11 open (no month before signed)", seen, month_items])
    for signed in ("2026-09", BEFORE):
        doc = appraisal.month_view(OUTLET, signed)
        api.ok("POST", "/api/technicians/appraisals/sign", "sz_manager",
               {"outlet": OUTLET, "month": signed, "version": 0, "digest": doc["digest"]})
    _second, seen2 = _measure(api, MONTH)
    rows.append(["2. 2026-11 open, 2026-09 and 2026-10 signed (adjustments)", seen2,
                 month_items])
    _third, seen3 = _measure(api, BEFORE)
    rows.append(["3. 2026-10 signed (frozen)", seen3, before_items])

    table = []
    for what, counted, base in rows:
        read = sum(counted["read"].values())
        table.append([what, harness.summarise(
            [op for op, n in counted["ops"].items() for _ in range(n)]), f"{read}",
            f"{base}", f"{read / base:.3f}×"])
    print(f"# seeded: {TECHNICIANS} technicians; {month_items} fact items of SZ {MONTH} "
          f"({ORDERS} received, {DONE} completed, {VISITS} visits, {COMPLAINTS} complaint "
          f"facts, {LEDGER} ledger entries); {noise} fact items of other months and outlets "
          f"({before_items} of them SZ {BEFORE})")
    row = first["rows"]
    print(f"# {MONTH}: {len(row)} rows, {sum(r['completed'] for r in row)} completed, "
          f"{sum(r['allowance_base'] for r in row)} in the allowance base, "
          f"{sum(r['valid_complaints'] for r in row)} valid complaints; now "
          f"{keys.iso(keys.utc_now())}")
    print()
    print(harness.table(["what", "DynamoDB requests", "items read", "the month's items",
                         "ratio"], table))
    print()
    for label, counted in (("1.", seen), ("2.", seen2)):
        read = sum(counted["read"].values())
        print(f"# {label}: items read {dict(counted['read'])} (aim ≤ 1.5 × {month_items} = "
              f"{1.5 * month_items:.0f})"
              f"{'' if read <= 1.5 * month_items else '  <-- more than the aim'}")
    scans = sum(s["ops"]["Scan"] for _, s, _ in rows)
    print(f"# Scan requests: {scans}{'' if scans == 0 else '  <-- a Scan was made'}")
    _file_reads(api, people[0], ORDERS + DONE + VISITS)


if __name__ == "__main__":
    main()
