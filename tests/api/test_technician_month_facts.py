"""A technician's own month (their file, GET /api/technicians/{username}) from the KPI facts
that count for them alone (gsi3 `KPITECH#<outlet>#<username>#<yyyy-mm>`), not from the
outlet-month's partition: equal to their row of the outlet's aggregation (the appraisal's),
a repeat repair counted against the earlier repair's technician, no other technician's fact
read; and scripts/reindex_kpi_facts.py, which gives facts written before the index their entry.

The technicians are new (tests/workload_helpers.py `crew`), so nobody else's orders are theirs;
each order but the repeat is on equipment of its own."""

from __future__ import annotations

import contextlib
import json
import uuid
from datetime import timedelta

from bench import harness
from chalicelib.modules.figures import public as figures
from chalicelib.modules.figures.models import KpiFact
from tests.appraisal_helpers import REPAIR, new_customer, order_at, walk
from tests.sla_helpers import frozen, shanghai
from tests.workload_helpers import crew

MONTH = "2026-11"
FILE_FIELDS = ("completed", "on_time_rate", "satisfaction", "valid_complaints",
               "penalties_fen", "rewards_fen")


@contextlib.contextmanager
def dynamodb_requests():
    """Each DynamoDB request made meanwhile: its operation, its request body and the items
    DynamoDB read for it (a Query's ScannedCount; as bench/harness.py `reading` counts)."""
    seen: list[dict] = []

    def watch(_endpoint, request, response):
        op = harness.dynamodb_operation(request)
        if op is not None:
            body = request.body.decode() if isinstance(request.body, bytes) else request.body
            reply = json.loads(response.content or b"{}")
            seen.append({"op": op, "request": body or "",
                         "read": reply.get("ScannedCount", len(reply.get("Items", [])))})

    with harness.watching_sends(watch):
        yield seen


def test_a_technicians_month_reads_their_own_facts_and_equals_their_row_of_the_outlet(api):
    from chalicelib.modules.directory import public as directory
    from chalicelib.modules.technicians import appraisal

    with crew([4, 4], tag="tmf") as (first, second):
        a, b = first["username"], second["username"]
        # B repairs a unit on 25 Oct; the unit fails again on 5 Nov: a repeat of B's repair,
        # which A takes; A's return visit scores 4
        unit = new_customer(api)
        walk(api, order_at(api, shanghai("2026-10-25T09:00:00"), unit), b,
              shanghai("2026-10-25T09:00:00"), REPAIR)
        repeat = order_at(api, shanghai("2026-11-05T09:00:00"), unit)
        walk(api, repeat, a, shanghai("2026-11-05T09:00:00"), [*REPAIR, "return_visit"],
              {"overall": 4})
        # A again on 12 Nov, contacting 30 minutes after dispatch (the contact clock missed)
        walk(api, order_at(api, shanghai("2026-11-12T09:00:00"), new_customer(api)), a,
              shanghai("2026-11-12T09:00:00"), REPAIR, {"contact": timedelta(minutes=30)})

        with frozen(shanghai("2026-11-28T18:00:00")):
            whole = {r["username"]: r for r in figures.technicians_of_month("SZ", MONTH)}
            mine = figures.technician_month("SZ", a, MONTH)
            assert mine == whole[a]
            assert (mine["completed"], mine["on_time"], mine["visits"], mine["satisfaction"],
                    mine["repeat_repairs"]) == (2, 1, 1, 4.0, 0)
            # the repeat counts against B, whose only fact of November it is
            theirs = figures.technician_month("SZ", b, MONTH)
            assert theirs == whole[b]
            assert (theirs["repeat_repairs"], theirs["completed"]) == (1, 0)
            assert figures.technician_month("SZ", f"nobody_{uuid.uuid4().hex[:6]}",
                                            MONTH) is None

            # the file equals their row of the outlet's appraisal computed now (the same
            # computation; not the API's answer: another test may have signed SZ's November)
            rows = {r["username"]: r for r in appraisal.compute("SZ", MONTH)}
            assert rows[a]["completed"] == 2 and rows[b]["repeat_repairs"] == 1
            b_person = directory.staff(b)
            assert appraisal.person_month(b_person, MONTH) == rows[b]
            assert appraisal.person_month(directory.staff(a), MONTH) == rows[a]

            with dynamodb_requests() as seen:
                own = api.get(f"/api/technicians/{a}", a)
            assert own.status == 200, own.body
            assert own.body["month"] == {"month": MONTH,
                                         **{k: rows[a][k] for k in FILE_FIELDS}}
            assert own.body["month"]["completed"] == 2
            assert own.body["month"]["on_time_rate"] == 0.5

        # the file's read of the figures: A's three facts (two done, one visit) through
        # their index entries; the outlet-month's partition (B's repeat and every other
        # technician's facts of the month) is not read
        partition = f'"KPI#SZ#{MONTH}"'
        assert not [r for r in seen if partition in r["request"]]
        index_reads = [r for r in seen if f'"KPITECH#SZ#{a}#{MONTH}"' in r["request"]]
        assert [(r["op"], r["read"]) for r in index_reads] == [("Query", 3)]
        assert '"gsi3"' in index_reads[0]["request"]
        assert not [r for r in seen if "KPITECH#" in r["request"] and r not in index_reads]
        assert KpiFact.count(f"KPI#SZ#{MONTH}") > 3


def _old_fact(outlet: str, month: str, kind: str, order: str, **data) -> KpiFact:
    """A fact as the code before the index wrote it: its keys, no gsi3 entry."""
    from chalicelib.modules.figures import kpi_store

    fact, _ = kpi_store.fact_write(KpiFact(
        outlet=outlet, month=month, fact=kind, order_id=order, at=f"{month}-10T02:00:00.000Z",
        data={"fact": kind, "outlet": outlet, "order_id": order, "type": "repair",
              "priority": "general", "at": f"{month}-10T02:00:00.000Z", **data}))
    fact.gsi3pk = fact.gsi3sk = None
    fact.save()
    return fact


def test_the_backfill_gives_old_facts_their_entry_once(capsys):
    from scripts.reindex_kpi_facts import main, reindex_month

    run = uuid.uuid4().hex[:6]
    x, y, z = (f"old_{run}_{n}" for n in "xyz")
    month = "2024-07"  # a month no order of the tests is in
    facts = [
        _old_fact("SZ", month, "done", f"wo_{run}_1", technician=x,
                  clocks={"response": "met", "contact": "missed"}, report_complete=True),
        _old_fact("SZ", month, "visit", f"wo_{run}_1", technician=x,
                  scores={"overall": 5}, clocks={"return_visit": "met"}),
        _old_fact("SZ", month, "done", f"wo_{run}_2", technician=x,
                  clocks={"response": "met"}, report_complete=False),
        _old_fact("SZ", month, "received", f"wo_{run}_3", technician=None,
                  repeat_of="SZ-20240701-0001", repeat_technician=y),
        _old_fact("SZ", month, "received", f"wo_{run}_4", technician=z),  # repeats nothing
        _old_fact("SZ", month, "done", f"wo_{run}_4", technician=z, clocks={}),
    ]
    whole = {r["username"]: r for r in figures.technicians_of_month("SZ", month)}
    assert {x, y, z} <= set(whole)
    # without their entries, nothing is found for them
    assert [figures.technician_month("SZ", u, month) for u in (x, y, z)] == [None] * 3

    read, indexed = reindex_month("SZ", month)
    assert read >= len(facts) and indexed == 5  # all but the received fact repeating nothing
    for user in (x, y, z):
        assert figures.technician_month("SZ", user, month) == whole[user]
    assert figures.technician_month("SZ", x, month)["completed"] == 2
    assert figures.technician_month("SZ", y, month)["repeat_repairs"] == 1
    plain = KpiFact.get(facts[4].pk, facts[4].sk)
    assert plain.gsi3pk is None and plain.gsi3sk is None
    assert KpiFact.get(facts[0].pk, facts[0].sk).at == facts[0].at  # nothing else moved

    # a second run changes nothing
    assert reindex_month("SZ", month) == (read, 0)
    for user in (x, y, z):
        assert figures.technician_month("SZ", user, month) == whole[user]

    # the whole run over every outlet's months finds every fact the app wrote indexed
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1].endswith(", 0 indexed"), out
