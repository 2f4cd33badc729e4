"""Sheets other areas add to the monthly report (月度报表).

The figures area knows work orders; an area with figures of its own (the complaint rate of the
complaints area) registers, in its `setup`, a function that gives its sheets of a scope and
month, and the report writes them after its own sheets. The figures area so imports nothing of
that area (which itself reads the figures' accepted orders: no cycle between the two).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from chalicelib.kernel import registry


class Share(float):
    """A share (0.125) that the sheet shows as a percentage (12.5%) and keeps as a number."""


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name, header, column widths and rows (numbers, texts, `Share`s, dates
    and wall-clock datetimes keep their type in the file)."""

    name: str
    headers: list[str]
    widths: list[int]
    rows: list[list] = field(default_factory=list)


_sections: list[tuple[str, Callable[[str, str], list[Sheet]]]] = []


def add_monthly_sheets(area: str, sheets: Callable[[str, str], list[Sheet]]) -> None:
    """Register `sheets(scope, month)`: an area's sheets of the monthly report of a scope (an
    outlet's code or NETWORK) and month (once, from the area's setup)."""
    if all(name != area for name, _ in _sections):
        _sections.append((area, sheets))


def monthly_sheets(scope: str, month: str) -> list[Sheet]:
    """Every registered area's sheets of a scope's monthly report, in area install order."""
    registry.ready()  # the areas register in their setup
    return [sheet for _area, sheets in _sections for sheet in sheets(scope, month)]
