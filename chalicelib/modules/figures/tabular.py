"""Spreadsheet files written row by row with flat memory: XLSX (XlsxWriter in constant-memory
mode: each row goes to a temporary file as it is written) and CSV (UTF-8 with a BOM, so that
Excel opens Chinese text correctly). The file lands in a temporary directory; the caller uploads
it to S3 in parts."""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
XLSX_MAX_ROWS = 1_048_575  # Excel's limit below the header; a larger export continues on a new sheet


class TableFile:
    """One file with one or more sheets (CSV: one table, sheet names ignored)."""

    def __init__(self, fmt: str, directory: str | None = None):
        self.format = fmt
        handle, self.path = tempfile.mkstemp(suffix=f".{fmt}", dir=directory)
        os.close(handle)
        self.rows = 0
        if fmt == "xlsx":
            import xlsxwriter

            self._book = xlsxwriter.Workbook(self.path, {"constant_memory": True,
                                                         "strings_to_numbers": False,
                                                         "strings_to_urls": False,
                                                         "tmpdir": directory or tempfile.gettempdir()})
            self._header_format = self._book.add_format({"bold": True, "bg_color": "#F2F2F2",
                                                         "border": 1})
            self._sheet = None
        else:
            self._file = open(self.path, "w", encoding="utf-8-sig", newline="")  # noqa: SIM115
            self._csv = csv.writer(self._file)

    def sheet(self, name: str, headers: list[str], widths: Iterable[int] | None = None) -> None:
        """Start a sheet (XLSX) or the table (CSV) with its header row."""
        self._headers, self._name, self._sheet_row = headers, name, 0
        if self.format == "csv":
            self._csv.writerow(headers)
            return
        self._open_sheet(name, widths)

    def _open_sheet(self, name: str, widths: Iterable[int] | None = None) -> None:
        self._sheet = self._book.add_worksheet(name[:31])
        for col, width in enumerate(widths or [16] * len(self._headers)):
            self._sheet.set_column(col, col, width)
        self._sheet.write_row(0, 0, self._headers, self._header_format)
        self._sheet.freeze_panes(1, 0)
        self._sheet_row = 0

    def row(self, values: list) -> None:
        self.rows += 1
        if self.format == "csv":
            self._csv.writerow(["" if v is None else v for v in values])
            return
        if self._sheet_row >= XLSX_MAX_ROWS:
            self._open_sheet(f"{self._name[:27]} ({self.rows // XLSX_MAX_ROWS + 1})")
        self._sheet_row += 1
        self._sheet.write_row(self._sheet_row, 0, ["" if v is None else v for v in values])

    def close(self) -> str:
        if self.format == "csv":
            self._file.close()
        else:
            self._book.close()
        return self.path
