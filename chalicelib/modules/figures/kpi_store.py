"""Facts and monthly summaries of the figures (see domain/kpi.py and docs/reports.md).

Facts of an outlet's month share one partition, so a month's figures are one Query that grows
with that month's events; summaries of a scope share one partition, so a dashboard of any number
of months is one Query. A fact that counts for a technician (domain/kpi.py `credited`) also has
an entry in gsi3 under that person's outlet-month (`KPITECH#<outlet>#<username>#<yyyy-mm>` /
the fact's sk; sparse: a received fact that repeats nothing has none), so one person's month is
one Query that grows with their own facts (their file), not with their outlet's.
"""

from __future__ import annotations

from pynamodb.expressions.condition import Condition

from chalicelib.modules.figures.domain.kpi import credited
from chalicelib.modules.figures.models import KpiFact, KpiSummary

FACT_PREFIX = {"received": "RECV", "done": "DONE", "visit": "VISIT"}


def fact_pk(outlet: str, month: str) -> str:
    return f"KPI#{outlet}#{month}"


def technician_pk(outlet: str, username: str, month: str) -> str:
    return f"KPITECH#{outlet}#{username}#{month}"


def fact_write(fact: KpiFact) -> tuple[KpiFact, Condition | None]:
    """A fact as a transaction entry; a repeated event (rework, then acceptance) replaces it.
    Its keys, and its gsi3 entry under the technician it counts for (none when it counts for
    nobody): the one place of the rule (scripts/reindex_kpi_facts.py applies it to old facts)."""
    fact.pk = fact_pk(fact.outlet, fact.month)
    fact.sk = f"{FACT_PREFIX[fact.fact]}#{fact.order_id}"
    username = credited(fact.data or {}, fact.fact)
    fact.gsi3pk = technician_pk(fact.outlet, username, fact.month) if username else None
    fact.gsi3sk = fact.sk if username else None
    return fact, None


def facts(outlet: str, month: str) -> list[KpiFact]:
    return list(KpiFact.query(fact_pk(outlet, month)))


def technician_facts(outlet: str, username: str, month: str) -> list[KpiFact]:
    """The facts of an outlet's month that count for one technician: one Query of gsi3, which
    reads their facts only."""
    return [f for f in KpiFact.gsi3.query(technician_pk(outlet, username, month))
            if isinstance(f, KpiFact)]


def received_count(outlet: str, month: str) -> int:
    """How many orders an outlet accepted in a month (its received facts): one Query of the
    month's partition, `begins_with(sk, "RECV#")`, counted by DynamoDB (Select COUNT, page by
    page), so it reads the received facts only and returns none of them."""
    return KpiFact.count(fact_pk(outlet, month),
                         KpiFact.sk.startswith(f"{FACT_PREFIX['received']}#"))


def summaries(scope: str, first: str, last: str) -> dict[str, KpiSummary]:
    found = KpiSummary.query(f"KPISUM#{scope}", KpiSummary.sk.between(first, last))
    return {s.month: s for s in found if isinstance(s, KpiSummary)}


def save_summary(item: KpiSummary) -> None:
    item.pk, item.sk = f"KPISUM#{item.scope}", item.month
    item.save()
