"""Facts and monthly summaries of the figures (see domain/kpi.py and docs/reports.md).

Facts of an outlet's month share one partition, so a month's figures are one Query that grows
with that month's events; summaries of a scope share one partition, so a dashboard of any number
of months is one Query.
"""

from __future__ import annotations

from pynamodb.expressions.condition import Condition

from chalicelib.modules.figures.models import KpiFact, KpiSummary

FACT_PREFIX = {"received": "RECV", "done": "DONE", "visit": "VISIT"}


def fact_pk(outlet: str, month: str) -> str:
    return f"KPI#{outlet}#{month}"


def fact_write(fact: KpiFact) -> tuple[KpiFact, Condition | None]:
    """A fact as a transaction entry; a repeated event (rework, then acceptance) replaces it."""
    fact.pk = fact_pk(fact.outlet, fact.month)
    fact.sk = f"{FACT_PREFIX[fact.fact]}#{fact.order_id}"
    return fact, None


def facts(outlet: str, month: str) -> list[KpiFact]:
    return list(KpiFact.query(fact_pk(outlet, month)))


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
