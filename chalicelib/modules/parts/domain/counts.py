"""Stock counts (盘点), the pure part: a counted line's variance against the book as of the
count's snapshot and its value at cost, the count's totals, what submitting needs (a reason for
every variance: 盘盈盘亏须查明原因), and how approval posts the variances in batches that fit one
transaction each."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# one variance posted = its stock line + its ledger entry + the count line marked posted: 3
# items of a transaction (at most 100)
ITEMS_PER_POSTING = 3
BATCH = 30


@dataclass(frozen=True)
class Counted:
    """What a counted line holds that the rules read."""

    code: str
    book: int
    counted: int
    reason: str | None = None
    posted: bool = False

    @property
    def variance(self) -> int:
        return variance(self.counted, self.book)


def variance(counted: int, book: int) -> int:
    """盘盈 (+) or 盘亏 (−): what was found less what the book said at the snapshot."""
    return int(counted) - int(book)


def value_fen(variance_: int, cost_fen: int) -> int:
    """The variance's value at the part's cost, in fen (signed)."""
    return int(variance_) * int(cost_fen or 0)


@dataclass(frozen=True)
class Totals:
    counted_lines: int
    variance_lines: int
    variance_value_fen: int


def totals(lines: Iterable[tuple[int, int]]) -> Totals:
    """The count's totals from its lines' (variance, value_fen)."""
    counted = varied = value = 0
    for var, fen in lines:
        counted += 1
        varied += 1 if var else 0
        value += int(fen)
    return Totals(counted, varied, value)


def submit_problems(lines: Sequence[Counted], codes: Sequence[str] | None) -> dict:
    """What keeps a count from being submitted, as API field problems: nothing counted; a part
    of the count sheet (`codes`) not counted; a variance without a reason."""
    problems: dict[str, tuple[str, dict]] = {}
    if not lines:
        problems["lines"] = ("required", {})
    seen = {line.code for line in lines}
    for code in codes or ():
        if code not in seen:
            problems[f"lines.{code}.counted"] = ("required", {})
    for line in lines:
        if line.variance and not (line.reason or "").strip():
            problems[f"lines.{line.code}.reason"] = ("required", {})
    return problems


def to_post(lines: Sequence[Counted]) -> list[Counted]:
    """The lines approval still has to post: a variance, not posted yet (a retried approval
    posts the rest only)."""
    return [line for line in lines if line.variance and not line.posted]


def batches(lines: Sequence, size: int = BATCH) -> list[list]:
    return [list(lines[i:i + size]) for i in range(0, len(lines), size)]
