"""The parts area's keys in the one table (docs/data-model.md, "Spare parts"): the only place
that spells them."""

from __future__ import annotations

PART_SK = "PART"
PARTS_LIST = "PARTS"  # gsi1: the catalogue by code
PARTS_BY_NAME = "PARTS#NAME"  # gsi2: <name key>#<code>
PARTS_BY_INITIALS = "PARTS#PY"  # gsi3: <pinyin initials>#<code>
PARTS_DUE = "PARTSDUE"  # gsi4: requisitions with parts out after completion, by due time
JOBS_PK = "JOBS#PARTS"


def part_pk(code: str) -> str:
    return f"PART#{code}"


def part_key(code: str) -> tuple[str, str]:
    return part_pk(code), PART_SK


def stock_pk(outlet: str) -> str:
    return f"STOCK#{outlet}"


def stock_sk(code: str) -> str:
    """A stock line's sort key (`stock_sk("")`: the prefix of every line)."""
    return f"PART#{code}"


def ledger_pk(outlet: str, code: str) -> str:
    return f"LEDGER#{outlet}#{code}"


def changed_pk(outlet: str) -> str:
    """gsi1 of the stock lines moved since the reorder job's last run."""
    return f"STOCKCHANGED#{outlet}"


def low_pk(outlet: str) -> str:
    """gsi2 of the stock lines below their reorder point (库存预警)."""
    return f"STOCKLOW#{outlet}"


def use_sk(month: str, code: str = "") -> str:
    """A month's consumption of a part (`use_sk(month)`: the month's prefix)."""
    return f"USE#{month}#{code}"


def suggestion_sk(code: str = "") -> str:
    """A part's open purchase suggestion (`suggestion_sk()`: the prefix of all of them)."""
    return f"SUGGEST#{code}"


def reorder_mark_sk(outlet: str) -> str:
    return f"REORDER#{outlet}"
