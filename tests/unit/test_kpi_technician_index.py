"""The index of a technician's KPI facts (figures/kpi_store.fact_write): a fact gets a gsi3
entry under exactly the technician the per-technician aggregation (domain/kpi.py
`technicians`) credits it to, and none when it counts for nobody."""

from __future__ import annotations

import pytest

from chalicelib.modules.figures import kpi_store
from chalicelib.modules.figures.domain import kpi
from chalicelib.modules.figures.models import KpiFact


def _fact(kind: str, **data) -> KpiFact:
    order = data.pop("order_id", "wo_1")
    return KpiFact(outlet="SZ", month="2026-11", fact=kind, order_id=order,
                   at="2026-11-10T02:00:00.000Z",
                   data={"fact": kind, "outlet": "SZ", "order_id": order, **data})


DONE = _fact("done", technician="t1", clocks={"response": "met", "contact": "missed"},
             report_complete=True)
VISIT = _fact("visit", technician="t1", scores={"overall": 4},
              clocks={"return_visit": "met"})
REPEAT = _fact("received", technician=None, repeat_of="SZ-20261101-0001",
               repeat_technician="t2")
PLAIN = _fact("received", technician="t3")  # recorded with a technician, repeats nothing
NOBODY = _fact("done", technician=None, clocks={})


@pytest.mark.parametrize(("fact", "pk", "sk"), [
    (DONE, "KPITECH#SZ#t1#2026-11", "DONE#wo_1"),
    (VISIT, "KPITECH#SZ#t1#2026-11", "VISIT#wo_1"),
    (REPEAT, "KPITECH#SZ#t2#2026-11", "RECV#wo_1"),  # the earlier repair's technician
    (PLAIN, None, None),
    (NOBODY, None, None),
])
def test_a_fact_is_indexed_under_the_technician_it_counts_for(fact, pk, sk):
    written, condition = kpi_store.fact_write(fact)
    assert condition is None
    assert written.pk == "KPI#SZ#2026-11"
    assert (written.gsi3pk, written.gsi3sk) == (pk, sk)


def test_a_replaced_fact_that_counts_for_nobody_loses_its_entry():
    fact = _fact("done", technician="t1", clocks={})
    kpi_store.fact_write(fact)
    assert fact.gsi3pk == "KPITECH#SZ#t1#2026-11"
    fact.data = {**fact.data, "technician": None}
    kpi_store.fact_write(fact)
    assert fact.gsi3pk is None and fact.gsi3sk is None


@pytest.mark.parametrize("fact", [DONE, VISIT, REPEAT, PLAIN, NOBODY])
def test_the_index_holds_what_the_aggregation_credits(fact):
    """The rows the aggregation makes of a fact alone are the person the fact is indexed
    under (so one person's indexed facts give their row, and nobody else's fact is missing
    from it)."""
    by_kind = {"received": [], "done": [], "visit": []}
    by_kind[fact.fact].append(fact.data)
    rows = kpi.technicians(by_kind["received"], by_kind["done"], by_kind["visit"], {})
    kpi_store.fact_write(fact)
    indexed = fact.gsi3pk.split("#")[2] if fact.gsi3pk else None
    assert [r["username"] for r in rows] == ([indexed] if indexed else [])


def test_one_persons_facts_give_their_row_of_the_whole():
    """technicians() over the facts indexed under t1 is t1's row over all of them."""
    facts = [DONE, VISIT, REPEAT, PLAIN, NOBODY,
             _fact("done", order_id="wo_2", technician="t1", clocks={"repair": "met"}),
             _fact("received", order_id="wo_3", repeat_of="SZ-1", repeat_technician="t1"),
             _fact("visit", order_id="wo_4", technician="t2", scores={"overall": 2})]

    def split(items):
        return ([f.data for f in items if f.fact == "received"],
                [f.data for f in items if f.fact == "done"],
                [f.data for f in items if f.fact == "visit"])

    for fact in facts:
        kpi_store.fact_write(fact)
    whole = {r["username"]: r for r in kpi.technicians(*split(facts), {})}
    assert set(whole) == {"t1", "t2"}
    for user in whole:
        mine = [f for f in facts if f.gsi3pk == kpi_store.technician_pk("SZ", user, "2026-11")]
        assert kpi.technicians(*split(mine), {}) == [whole[user]]
