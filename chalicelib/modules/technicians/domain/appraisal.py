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
# the figures an adjustment compares (the vocabulary's `appraisal_field`, in this order)
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


def flat(line: dict) -> dict:
    """A row's figures by the names an adjustment uses."""
    out = {name: line[name] for name in ("completed", "on_time", "visits", "satisfaction",
                                         "valid_complaints", "repeat_repairs", "penalties",
                                         "penalties_fen", "rewards", "rewards_fen",
                                         "allowance_base")}
    for clock in CLOCKS:
        for outcome in ("met", "missed"):
            out[f"{clock}_{outcome}"] = line["clocks"][clock][outcome]
    return {name: out[name] for name in FIELDS}


def _delta(signed, now):
    if signed is None or now is None:
        return None
    difference = now - signed
    return round(difference, 2) if isinstance(difference, float) else difference


def adjustments(month: str, signed: list[dict], now: list[dict]) -> list[dict]:
    """What changed in a signed month since it was signed, per technician (only the fields
    that changed): `signed` the frozen rows, `now` the month recomputed from its facts (someone
    missing from one of them counts as a month of nothing)."""
    before = {r["username"]: r for r in signed}
    after = {r["username"]: r for r in now}
    found = []
    for user in sorted(set(before) | set(after)):
        name = (after.get(user) or before[user])["name"]
        old = flat(before.get(user) or row(user, name, None, 0, []))
        new = flat(after.get(user) or row(user, name, None, 0, []))
        changes = [{"field": field, "signed": old[field], "now": new[field],
                    "delta": _delta(old[field], new[field])}
                   for field in FIELDS if old[field] != new[field]]
        if changes:
            found.append({"username": user, "name": name, "month": month, "changes": changes})
    return found


def digest(rows_: list[dict], adjustments_: list[dict]) -> str:
    """A short fingerprint of what the appraisal shows: a sign-off names the one it saw."""
    text = json.dumps({"rows": rows_, "adjustments": adjustments_}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]
