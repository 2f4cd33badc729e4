"""Key figures for head office and the outlet managers (统计指标), computed from facts.

A *fact* is a small record written with the event it describes, in the partition of the month
(outlet time) it happened in:
  received  an order was recorded (type, priority, whether it repeats a recent repair)
  done      the customer accepted the repair (type, priority, technicians, clock outcomes,
            minutes to contact / arrive / complete, whether the report is complete)
  visit     the return visit (scores, the technician, the return-visit clock's outcome)
A month's figures are a pure function of its facts: `summarize`. Nothing here reads a database.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import datetime

SLA_CLOCKS = ("response", "contact", "arrival", "repair", "return_visit")
# the figures one can open the orders behind (GET /api/kpi/orders?metric=)
DRILL_METRICS = ("received", "completed", "sla_met", "sla_missed", "repeat", "visited")
DURATIONS = ("contact", "arrival", "completion")
# the return visit's scores (the orders' lifecycle.VISIT_SCORES, which a domain cannot import;
# tests/unit/test_vocabulary.py checks they agree), overall first as the figures show them
SCORES = ("overall", "attitude", "skill", "punctuality", "result")


def previous_month(month: str) -> str:
    """'2026-10' for '2026-11'; '2025-12' for '2026-01'."""
    y, m = int(month[:4]), int(month[5:])
    return f"{y - 1:04d}-12" if m == 1 else f"{y:04d}-{m - 1:02d}"


def minutes_between(start: str | None, end: str | None) -> float | None:
    if not start or not end:
        return None
    a = datetime.fromisoformat(start.replace("Z", "+00:00"))
    b = datetime.fromisoformat(end.replace("Z", "+00:00"))
    return round((b - a).total_seconds() / 60, 1) if b >= a else None


def clock_outcomes(clocks: dict) -> dict[str, str]:
    """met / missed of each stopped clock (a cancelled clock counts for neither)."""
    return {name: clock["outcome"] for name, clock in (clocks or {}).items()
            if clock.get("state") == "stopped" and clock.get("outcome") in ("met", "missed")}


def percentile(values: list[float], q: float) -> float | None:
    """Nearest-rank percentile (the value below which q of the values lie)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(q * len(ordered)))
    return ordered[rank - 1]


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _counts(facts: list[dict]) -> dict:
    return {"total": len(facts),
            "by_type": dict(Counter(f["type"] for f in facts)),
            "by_priority": dict(Counter(f["priority"] for f in facts))}


def summarize(received: list[dict], done: list[dict], visits: list[dict],
              names: dict[str, str] | None = None) -> dict:
    """One month's figures from its facts (see the module docstring for the fact shapes)."""
    names = names or {}
    sla = {}
    for clock in SLA_CLOCKS:
        source = visits if clock == "return_visit" else done
        outcomes = [f["clocks"][clock] for f in source if clock in (f.get("clocks") or {})]
        met = outcomes.count("met")
        sla[clock] = {"met": met, "missed": outcomes.count("missed"), "rate": _rate(met, len(outcomes))}
    durations = {}
    for name in DURATIONS:
        values = [f["minutes"][name] for f in done if (f.get("minutes") or {}).get(name) is not None]
        p90 = percentile(values, 0.9)
        durations[name] = {"count": len(values), "mean_minutes": _mean(values),
                           "p90_minutes": round(p90, 1) if p90 is not None else None}
    satisfaction: dict = {"count": len(visits)}
    for score in SCORES:
        satisfaction[score] = _mean([f["scores"][score] for f in visits
                                     if (f.get("scores") or {}).get(score) is not None])
    repeats = [f for f in received if f.get("repeat_of")]
    return {
        "received": _counts(received),
        "completed": _counts(done),
        "sla": sla,
        "durations": durations,
        "satisfaction": satisfaction,
        "repeat_repairs": {"count": len(repeats), "rate": _rate(len(repeats), len(received))},
        "technicians": technicians(received, done, visits, names),
    }


def on_time(fact: dict) -> bool:
    """A completed order is on time when none of its clocks was missed."""
    return "missed" not in (fact.get("clocks") or {}).values()


def _filled(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def report_complete(steps: dict) -> bool:
    """Whether an order's service report (反馈单) is complete, so that it counts towards the
    service allowance (001 §9 3.5/3.7): the fault's cause, the solution, the replaced parts —
    a list, empty when the technician recorded that none were replaced — and the customer's
    opinion at acceptance. Read from the order's steps as the acceptance leaves them."""
    completion = (steps or {}).get("completion") or {}
    acceptance = (steps or {}).get("acceptance") or {}
    return (_filled(completion.get("fault_cause")) and _filled(completion.get("solution"))
            and isinstance(completion.get("parts_replaced"), list)
            and _filled(acceptance.get("opinion")))


def _clock_counts(tally: dict[str, list[str]]) -> dict:
    return {clock: {"met": tally[clock].count("met"), "missed": tally[clock].count("missed"),
                    "rate": _rate(tally[clock].count("met"), len(tally[clock]))}
            for clock in SLA_CLOCKS}


def credited(fact: dict, kind: str | None = None) -> str | None:
    """The technician a fact counts for in `technicians` (None: nobody): a done or visit fact
    its lead technician's; a received fact only when it repeats a recent repair, the earlier
    repair's technician's (`repeat_technician`). `kind` when the fact does not say its own.
    The index of a technician's facts (kpi_store.fact_write) keys exactly these."""
    kind = kind or fact.get("fact")
    if kind == "received":
        return (fact.get("repeat_technician") or None) if fact.get("repeat_of") else None
    return fact.get("technician") or None


def technicians(received: list[dict], done: list[dict], visits: list[dict],
                names: dict[str, str]) -> list[dict]:
    """Per lead technician: completed, on time (no clock missed) and each clock's met / missed,
    satisfaction, repeat repairs, and the service allowance base (completed orders whose
    report is complete: the done fact's `report_complete`; a fact written before the flag
    existed does not count) — the dashboard's table and the monthly appraisal."""
    rows: dict[str, dict] = defaultdict(lambda: {
        "completed": 0, "on_time": 0, "scores": [], "repeat_repairs": 0, "outlet": None,
        "allowance_base": 0, "clocks": {clock: [] for clock in SLA_CLOCKS}})
    for f in done:
        if user := credited(f, "done"):
            row = rows[user]
            row["completed"] += 1
            row["on_time"] += on_time(f)
            row["allowance_base"] += f.get("report_complete") is True
            for clock, outcome in (f.get("clocks") or {}).items():
                if clock in row["clocks"] and clock != "return_visit":
                    row["clocks"][clock].append(outcome)
            row["outlet"] = f.get("outlet")
    for f in visits:
        user = credited(f, "visit")
        if user and (f.get("scores") or {}).get("overall") is not None:
            rows[user]["scores"].append(f["scores"]["overall"])
            rows[user]["outlet"] = rows[user]["outlet"] or f.get("outlet")
        outcome = (f.get("clocks") or {}).get("return_visit")
        if user and outcome:
            rows[user]["clocks"]["return_visit"].append(outcome)
    for f in received:
        if user := credited(f, "received"):
            rows[user]["repeat_repairs"] += 1
    return sorted(({"username": user, "name": names.get(user, user), "outlet": row["outlet"],
                    "completed": row["completed"], "on_time": row["on_time"],
                    "on_time_rate": _rate(row["on_time"], row["completed"]),
                    "clocks": _clock_counts(row["clocks"]),
                    "satisfaction": _mean(row["scores"]), "visits": len(row["scores"]),
                    "repeat_repairs": row["repeat_repairs"],
                    "allowance_base": row["allowance_base"]} for user, row in rows.items()),
                  key=lambda r: (-r["completed"], r["username"]))


def outlet_row(outlet: str, name: str, month: dict) -> dict:
    """One outlet's line in the network comparison."""
    met = sum(c["met"] for c in month["sla"].values())
    missed = sum(c["missed"] for c in month["sla"].values())
    return {"outlet": outlet, "name": name, "received": month["received"]["total"],
            "completed": month["completed"]["total"], "sla_rate": _rate(met, met + missed),
            "satisfaction": month["satisfaction"]["overall"]}


def matches(fact: dict, metric: str, clock: str | None = None, technician: str | None = None,
            type_: str | None = None, priority: str | None = None) -> bool:
    """Whether a fact is one of the orders behind a figure (the dashboard's drill-down)."""
    kind = fact["fact"]
    wanted = {"received": kind == "received", "repeat": kind == "received" and bool(fact.get("repeat_of")),
              "completed": kind == "done", "visited": kind == "visit",
              "sla_met": kind == ("visit" if clock == "return_visit" else "done")
              and (fact.get("clocks") or {}).get(clock) == "met",
              "sla_missed": kind == ("visit" if clock == "return_visit" else "done")
              and (fact.get("clocks") or {}).get(clock) == "missed"}.get(metric, False)
    if not wanted:
        return False
    if technician and technician not in (fact.get("technician"), fact.get("repeat_technician")):
        return False
    if type_ and fact.get("type") != type_:
        return False
    return not (priority and fact.get("priority") != priority)
