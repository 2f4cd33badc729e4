"""Is a technician qualified for the job classes of a piece of work (the dispatch gate)?

A class asks for at least its star level and a valid certificate of each type it lists. A
certificate counts on a day when valid_from ≤ day ≤ valid_to (the outlet's local date) and it
is not revoked: an expired one stops counting the day after its last valid day. Pure.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

SKILL_INSUFFICIENT, CERTIFICATE_MISSING = "skill_insufficient", "certificate_missing"


@dataclass(frozen=True)
class Held:
    """A certificate as the gate reads it."""

    type: str
    valid_from: date
    valid_to: date
    revoked: bool = False

    def counts_on(self, day: date) -> bool:
        return not self.revoked and self.valid_from <= day <= self.valid_to


def valid_types(held: Iterable[Held], day: date) -> set[str]:
    """The certificate types the holder has a valid certificate of on `day`."""
    return {c.type for c in held if c.counts_on(day)}


def last_expired(held: Iterable[Held], kind: str, day: date) -> date | None:
    """When the holder's latest certificate of this type ran out before `day` (not revoked);
    None when they never held one (or only a revoked or not yet valid one)."""
    ended = [c.valid_to for c in held if c.type == kind and not c.revoked and c.valid_to < day]
    return max(ended) if ended else None


def qualification(classes_needed: list[dict], stars: int | None, valid_cert_types: set[str],
                  expired: dict[str, date | None] | None = None) -> list[dict]:
    """What the technician lacks for these classes (each a row of the job-class table:
    code, min_stars, certificates), in the classes' order: too few stars, then each missing
    certificate (`expired_on`: when the holder's last one of that type ran out, else None).
    Empty: qualified."""
    problems: list[dict] = []
    has = int(stars or 0)
    for job_class in classes_needed:
        needed = int(job_class["min_stars"])
        if has < needed:
            problems.append({"code": SKILL_INSUFFICIENT, "job_class": job_class["code"],
                             "needed": needed, "has": has})
        for kind in job_class.get("certificates") or []:
            if kind not in valid_cert_types:
                ended = (expired or {}).get(kind)
                problems.append({"code": CERTIFICATE_MISSING, "job_class": job_class["code"],
                                 "certificate": kind,
                                 "expired_on": ended.isoformat() if ended else None})
    return problems


def classes_of(table: list[dict], codes: Iterable[str | None]) -> list[dict]:
    """The table's rows for these codes, each once, in the order given (unknown codes and
    None left out: a class head office removed since asks for nothing)."""
    by_code = {row["code"]: row for row in table}
    seen: list[str] = []
    for code in codes:
        if code and code in by_code and code not in seen:
            seen.append(code)
    return [by_code[code] for code in seen]
