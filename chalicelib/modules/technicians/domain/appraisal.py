"""The monthly appraisal (月度考核), pure: a technician's row of an outlet's month from what the
month's facts say (the figures' per-technician aggregation, the complaints judged valid, the
conduct ledger's entries), the adjustments a signed month receives when it is recomputed later,
and the fingerprint of what a manager saw before signing. Nothing here reads a database."""

from __future__ import annotations

import hashlib
import json

# the service clocks, in the order the figures give them (figures/domain/kpi.py SLA_CLOCKS;
# tests/unit/test_appraisal_rules.py checks they agree)
CLOCKS = ("response", "contact", "arrival", "repair", "return_visit")
# a row's figures by name (the vocabulary's `appraisal_field`, in this order)
FIELDS = ("completed", "on_time",
          *(f"{clock}_{outcome}" for clock in CLOCKS for outcome in ("met", "missed")),
          "visits", "satisfaction", "valid_complaints", "repeat_repairs",
          "penalties", "penalties_fen", "rewards", "rewards_fen", "allowance_base")


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def row(username: str, name: str, figures: dict | None, valid_complaints: int,
        ledger: list[dict]) -> dict:
    """One technician's month: `figures` is their row of the figures' aggregation (None: no
    order of theirs that month), `ledger` their entries ({kind: penalty|reward, amount_fen})."""
    figures = figures or {}
    clocks = figures.get("clocks") or {}
    penalties = [e for e in ledger if e["kind"] == "penalty"]
    rewards = [e for e in ledger if e["kind"] == "reward"]
    completed = int(figures.get("completed") or 0)
    on_time = int(figures.get("on_time") or 0)
    return {
        "username": username, "name": name,
        "completed": completed, "on_time": on_time, "on_time_rate": _rate(on_time, completed),
        "clocks": {clock: {"met": int((clocks.get(clock) or {}).get("met") or 0),
                           "missed": int((clocks.get(clock) or {}).get("missed") or 0),
                           "rate": (clocks.get(clock) or {}).get("rate")} for clock in CLOCKS},
        "satisfaction": figures.get("satisfaction"), "visits": int(figures.get("visits") or 0),
        "valid_complaints": int(valid_complaints),
        "repeat_repairs": int(figures.get("repeat_repairs") or 0),
        "penalties": len(penalties), "penalties_fen": sum(int(e["amount_fen"]) for e in penalties),
        "rewards": len(rewards), "rewards_fen": sum(int(e["amount_fen"]) for e in rewards),
        "allowance_base": int(figures.get("allowance_base") or 0),
    }


def rows(people: dict[str, str], figures: list[dict], complaints: dict[str, int],
         ledger: list[dict]) -> list[dict]:
    """Every technician of `people` ({username: name}: who the appraisal lists), by username;
    figures, complaints and entries of anyone else are not theirs to count."""
    by_user = {r["username"]: r for r in figures}
    entries: dict[str, list[dict]] = {}
    for entry in ledger:
        entries.setdefault(entry["username"], []).append(entry)
    return [row(user, people[user], by_user.get(user), complaints.get(user, 0),
                entries.get(user, [])) for user in sorted(people)]


# What can change in a month once it has ended: only how many of the complaints received that
# month are valid, and about whom — a complaint is judged after it is received, and its fact
# stays in the month it was received. Every other figure comes from facts written in the
# month the thing happened (an order's step, a return visit, a ledger entry: each is dated
# when it is recorded), so a month's KPI facts and ledger are complete once it has ended.
LATE_FIELD = "valid_complaints"
# how far back a sign-off (or an open month) looks for late changes to signed months
LOOKBACK_MONTHS = 12


def counted(rows_: list[dict]) -> dict[str, int]:
    """The valid complaints a month's rows count, per technician (the ones with any)."""
    return {r["username"]: int(r[LATE_FIELD]) for r in rows_ if r[LATE_FIELD]}


def baselines(signed: list[dict]) -> dict[str, dict[str, int]]:
    """Per signed month, the valid complaints the last sign-off counted for it: `signed` are
    sign-offs ({month, signed_at, rows, counted?, adjustments?, adjustments_month?}); each
    sign-off counted its own month (its rows) and, in `counted`, the signed months before it as
    they were then. A sign-off stored before `counted` existed counted its own month and the
    month its adjustments named (`adjustments_month`): that month as counted before, with each
    valid-complaints change applied. The latest sign-off wins."""
    found: dict[str, dict[str, int]] = {}
    for doc in sorted(signed, key=lambda d: d["signed_at"]):
        if doc.get("counted") is not None:
            found.update(doc["counted"])
            continue
        earlier = doc.get("adjustments_month")
        if earlier:
            before = dict(found.get(earlier, {}))
            for adjustment in doc.get("adjustments") or []:
                for change in adjustment["changes"]:
                    if change["field"] == LATE_FIELD:
                        before[adjustment["username"]] = int(change["now"])
            found[earlier] = {user: n for user, n in before.items() if n}
        found[doc["month"]] = counted(doc["rows"])
    return found


def late_changes(month: str, before: dict[str, int], now: dict[str, int],
                 names: dict[str, str]) -> list[dict]:
    """A signed month's valid complaints that changed since they were last counted, per
    technician (`before` as counted, `now` as the month's complaint facts say)."""
    found = []
    for user in sorted(set(before) | set(now)):
        old, new = int(before.get(user, 0)), int(now.get(user, 0))
        if old != new:
            found.append({"username": user, "name": names.get(user, user), "month": month,
                          "changes": [{"field": LATE_FIELD, "signed": old, "now": new,
                                       "delta": new - old}]})
    return found


def digest(rows_: list[dict], adjustments_: list[dict]) -> str:
    """A short fingerprint of what the appraisal shows: a sign-off names the one it saw."""
    text = json.dumps({"rows": rows_, "adjustments": adjustments_}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
