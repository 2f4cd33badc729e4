"""Training's rules (培训), pure: an attendee's result from attendance and score against the
pass mark, how long a certificate a pass issues is valid, whether recorded results are whole,
and which 补考 are still pending on a person's file (docs/technicians.md "Training")."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

MAX_ATTENDEES = 30  # one results transaction holds all it writes: ≤ 3 items an attendee + 2
DEFAULT_VALIDITY_MONTHS = 36


def result_of(attended: bool, score: int | None, pass_mark: int) -> str:
    """passed (there, and at least the pass mark), retake (there, below it), absent."""
    if not attended:
        return "absent"
    return "passed" if score is not None and score >= pass_mark else "retake"


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def valid_to(held_on: date, months: int) -> date:
    """A certificate valid from the session's day for `months` months (the last valid day is
    the day before the same date `months` later)."""
    return add_months(held_on, months) - timedelta(days=1)


def results_problems(attendees: list[str], results: list[dict]) -> dict[str, tuple[str, dict]]:
    """Each attendee's result exactly once; a score only for who attended, and one for each of
    them. Field paths as the API names them (`results.2.score`)."""
    found: dict[str, tuple[str, dict]] = {}
    seen: set[str] = set()
    for i, entry in enumerate(results):
        username = entry["username"]
        if username not in attendees:
            found[f"results.{i}.username"] = ("not_attendee", {})
        elif username in seen:
            found[f"results.{i}.username"] = ("duplicate", {})
        seen.add(username)
        score = entry.get("score")
        if entry["attended"] and score is None:
            found[f"results.{i}.score"] = ("required", {})
        elif not entry["attended"] and score is not None:
            found[f"results.{i}.score"] = ("score_when_absent", {})
    if not found and set(attendees) - seen:
        found["results"] = ("results_incomplete", {
            "missing": ", ".join(sorted(set(attendees) - seen))})
    return found


def subject(record: dict) -> str:
    """What a retake is of: the certificate type the session issues, else its plan, else its
    title (a later session on the same subject that passes the person clears the retake)."""
    if record.get("certificate_type"):
        return f"type:{record['certificate_type']}"
    if record.get("plan_id"):
        return f"plan:{record['plan_id']}"
    return f"title:{record['title'].strip()}"


def retakes_pending(records: list[dict]) -> list[dict]:
    """The retake results no later pass on the same subject has cleared, newest first.
    `records`: the person's results ({held_on, session_id, result, certificate_type, plan_id,
    title}) in any order."""
    ordered = sorted(records, key=lambda r: (r["held_on"], r["session_id"]))
    pending: dict[str, dict] = {}
    for record in ordered:
        key = subject(record)
        if record["result"] == "retake":
            pending[key] = record
        elif record["result"] == "passed":
            pending.pop(key, None)
    return sorted(pending.values(), key=lambda r: (r["held_on"], r["session_id"]),
                  reverse=True)
