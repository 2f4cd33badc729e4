"""The monthly appraisal's reads (issue 16, check 6): the appraisal of 50 technicians over a
month of 5,000 orders reads only that month's facts (aim ≤ 1.5 × the month's fact items), never
a Scan.

Seeded directly (BatchWriteItem, as a migration would): 50 technicians of SZ beside the demo's
staff; the figures' facts of SZ's 2026-11 — 5,000 received orders, 4,500 completed, 3,000 return
visits —, 120 complaint facts and 150 ledger entries of that month; and the same kinds of facts
as noise in SZ's 2026-09, 2026-10 and 2026-12 and CD's 2026-11 (other partitions, other index
keys). Then, through the app (GET /api/technicians/appraisals as the SZ manager, after a warm-up
call that fills the directory's cache as a warm Lambda has it):

1. 2026-11 open, 2026-10 not signed: the month's facts only;
2. 2026-10 signed, then 2026-11 again: the adjustments recompute 2026-10 against its frozen
   rows, so that month's facts are read too (printed against both months' items);
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
    rows.append(["1. 2026-11 open (2026-10 not signed)", seen, month_items])
    doc = appraisal.month_view(OUTLET, BEFORE)
    api.ok("POST", "/api/technicians/appraisals/sign", "sz_manager",
           {"outlet": OUTLET, "month": BEFORE, "version": 0, "digest": doc["digest"]})
    _second, seen2 = _measure(api, MONTH)
    rows.append(["2. 2026-11 open, 2026-10 signed (adjustments)", seen2,
                 month_items + before_items])
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
    plain = sum(seen["read"].values())
    print(f"# 1.: items read {dict(seen['read'])} (aim ≤ 1.5 × {month_items} = "
          f"{1.5 * month_items:.0f})"
          f"{'' if plain <= 1.5 * month_items else '  <-- more than the aim'}")
    scans = sum(s["ops"]["Scan"] for _, s, _ in rows)
    print(f"# Scan requests: {scans}{'' if scans == 0 else '  <-- a Scan was made'}")


if __name__ == "__main__":
    main()
