"""Spreadsheet files written row by row with flat memory: XLSX (XlsxWriter in constant-memory
mode: each row goes to a temporary file as it is written) and CSV (UTF-8 with a BOM, so that
Excel opens Chinese text correctly). The file lands in a temporary directory; the caller uploads
it to S3 in parts.

Values keep their type so Excel can sort, filter and add them up: a `datetime` (the outlet's
wall clock, without a zone) is a date-time cell, a `date` a date cell, a `Percent` a number
formatted as a percentage; in a CSV they are written as Excel reads them back ("2026-07-06
09:30", "2026-07-06", "87.5%"). Every XLSX sheet has its header frozen and an autofilter on it,
and columns at least as wide as their header."""

from __future__ import annotations

import csv
import os
import tempfile
import unicodedata
from collections.abc import Iterable
from datetime import date, datetime

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
XLSX_MAX_ROWS = 1_048_575  # Excel's limit below the header; a larger export continues on a new sheet
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"


class Percent(float):
    """A share (0.875) that the sheet shows as a percentage (87.5%) and keeps as a number."""


def text_width(text: object) -> int:
    """Columns a text takes in Excel: a Chinese (wide) character counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in str(text))


class TableFile:
    """One file with one or more sheets (CSV: one table, sheet names ignored)."""

    def __init__(self, fmt: str, directory: str | None = None, created: datetime | None = None):
        """`created`: the XLSX's creation time as its properties say (default: now); a file
        built again from the same figures with the same `created` has the same bytes."""
        self.format = fmt
        handle, self.path = tempfile.mkstemp(suffix=f".{fmt}", dir=directory)
        os.close(handle)
        self.rows = 0
        self._sheet = None
        if fmt == "xlsx":
            import xlsxwriter

            self._book = xlsxwriter.Workbook(self.path, {"constant_memory": True,
                                                         "strings_to_numbers": False,
                                                         "strings_to_urls": False,
                                                         "tmpdir": directory or tempfile.gettempdir()})
            if created is not None:
                self._book.set_properties({"created": created})
            self._header_format = self._book.add_format({"bold": True, "bg_color": "#F2F2F2",
                                                         "border": 1, "text_wrap": True,
                                                         "valign": "top"})
            self._formats = {
                datetime: self._book.add_format({"num_format": DATETIME_FORMAT}),
                date: self._book.add_format({"num_format": DATE_FORMAT}),
                Percent: self._book.add_format({"num_format": PERCENT_FORMAT}),
            }
        else:
            self._file = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self._csv = csv.writer(self._file)

    def sheet(self, name: str, headers: list[str], widths: Iterable[int] | None = None) -> None:
        """Start a sheet (XLSX) or the table (CSV) with its header row."""
        self._finish_sheet()
        self._headers, self._name, self._sheet_row = headers, name, 0
        self._widths = list(widths or [16] * len(headers))
        if self.format == "csv":
            self._csv.writerow(headers)
            return
        self._open_sheet(name)

    def _open_sheet(self, name: str) -> None:
        self._sheet = self._book.add_worksheet(name[:31])
        for col, width in enumerate(self._widths):
            # the header fits beside its filter button
            header = self._headers[col] if col < len(self._headers) else ""
            self._sheet.set_column(col, col, max(width, min(text_width(header) + 4, 40)))
        self._sheet.write_row(0, 0, self._headers, self._header_format)
        self._sheet.freeze_panes(1, 0)
        self._sheet_row = 0

    def _finish_sheet(self) -> None:
        """Filter buttons on the header of the sheet just written (its rows are known now)."""
        if self._sheet is not None and self._headers:
            self._sheet.autofilter(0, 0, max(self._sheet_row, 1), len(self._headers) - 1)
        self._sheet = None

    def row(self, values: list) -> None:
        self.rows += 1
        if self.format == "csv":
            self._csv.writerow([_as_text(v) for v in values])
            return
        if self._sheet_row >= XLSX_MAX_ROWS:
            self._finish_sheet()
            self._open_sheet(f"{self._name[:27]} ({self.rows // XLSX_MAX_ROWS + 1})")
        self._sheet_row += 1
        for col, value in enumerate(values):
            self._write(self._sheet_row, col, value)

    def _write(self, row: int, col: int, value: object) -> None:
        sheet = self._sheet
        if value is None or value == "":
            sheet.write_blank(row, col, None)
        elif isinstance(value, datetime):
            sheet.write_datetime(row, col, value.replace(tzinfo=None), self._formats[datetime])
        elif isinstance(value, date):
            sheet.write_datetime(row, col, value, self._formats[date])
        elif isinstance(value, Percent):
            sheet.write_number(row, col, float(value), self._formats[Percent])
        elif isinstance(value, bool):
            sheet.write_boolean(row, col, value)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value)
        else:
            sheet.write_string(row, col, str(value))

    def close(self) -> str:
        if self.format == "csv":
            self._file.close()
        else:
            self._finish_sheet()
            self._book.close()
        return self.path


def _as_text(value: object) -> object:
    """A CSV cell as Excel reads it back into the same type."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Percent):
        return f"{float(value) * 100:.1f}%"
    return value
