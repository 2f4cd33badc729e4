"""Reading an import sheet row by row in memory that does not grow with the sheet.

openpyxl's read-only mode streams the worksheet's XML, but two things in it still grow with the
file: the shared-string table (every distinct text of the workbook — names, serials, invoice
numbers — held in one list) and the worksheet's parsed rows, which stay attached (emptied) to
the sheet's element. Here the strings go to the job's scratch database on disk (scratch.py) and
each row is detached once read, so a sheet of 10,000 rows is read in the memory of one of
1,000 (bench/unit_import.py measures it).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

from openpyxl.reader.excel import ExcelReader
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import iterparse

from chalicelib.modules.warranty.domain.import_rows import SheetProblem
from chalicelib.modules.warranty.import_scratch import Scratch

MAX_UNPACKED = 200 * 1024 * 1024  # what the package may unpack to (a zip bomb is refused)
MAX_COLUMNS = 200  # cells further right are ignored (the sheet's columns are a dozen)
_SI = f"{{{SHEET_MAIN_NS}}}si"
_ROW = f"{{{SHEET_MAIN_NS}}}row"
_SHEET_DATA = f"{{{SHEET_MAIN_NS}}}sheetData"


def check_package(path: str) -> None:
    """A zip whose parts unpack to a bounded size, else SheetProblem not_xlsx."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError):
        raise SheetProblem("not_xlsx") from None
    if unpacked > MAX_UNPACKED:
        raise SheetProblem("not_xlsx")


class _Reader(ExcelReader):
    """openpyxl's workbook reader with the shared strings kept on disk."""

    def __init__(self, path: str, scratch: Scratch):
        super().__init__(path, read_only=True, data_only=True)
        self._scratch = scratch

    def read_strings(self):
        from openpyxl.cell.text import Text
        from openpyxl.xml.constants import SHARED_STRINGS

        ct = self.package.find(SHARED_STRINGS)
        if ct is None:
            self.shared_strings = self._scratch.strings([])
            return

        def texts() -> Iterator[str]:
            with self.archive.open(ct.PartName[1:]) as src:
                root = None
                for event, node in iterparse(src, events=("start", "end")):
                    if root is None:
                        root = node  # <sst>: emptied as we go, or it keeps every <si>
                    if event == "end" and node.tag == _SI:
                        yield Text.from_tree(node).content.replace("x005F_", "")
                        root.clear()

        self.shared_strings = self._scratch.strings(texts())


class Sheet:
    """The workbook's first worksheet: `rows()` yields (row number, cell values)."""

    def __init__(self, path: str, scratch: Scratch):
        check_package(path)
        try:
            reader = _Reader(path, scratch)
            reader.read()
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile, OSError):
            raise SheetProblem("not_xlsx") from None
        self._workbook = reader.wb
        sheets = self._workbook.worksheets
        if not sheets:
            raise SheetProblem("not_xlsx")
        self._sheet = sheets[0]

    def rows(self) -> Iterator[tuple[int, tuple]]:
        wb = self._workbook
        with self._sheet._get_source() as src:
            parser = WorkSheetParser(src, self._sheet._shared_strings, data_only=True,
                                     epoch=wb.epoch, date_formats=wb._date_formats,
                                     timedelta_formats=wb._timedelta_formats)
            data = None
            for event, element in iterparse(src, events=("start", "end")):
                if event == "start":
                    if element.tag == _SHEET_DATA:
                        data = element
                    continue
                if element.tag != _ROW:
                    continue
                number, cells = parser.parse_row(element)
                if data is not None:
                    data.remove(element)  # the row goes; the sheet does not collect them
                values = [None] * min(max((c["column"] for c in cells), default=0), MAX_COLUMNS)
                for cell in cells:
                    if cell["column"] <= MAX_COLUMNS:
                        values[cell["column"] - 1] = cell["value"]
                yield number, tuple(values)

    def close(self) -> None:
        self._workbook.close()
