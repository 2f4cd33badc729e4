"""Reading an import sheet row by row in memory that does not grow with the sheet.

openpyxl's read-only mode streams the worksheet's XML, but three things in it still grow with
the file: the shared-string table (every distinct text of the workbook — names, serials,
invoice numbers — held in one list), the worksheet's parsed rows, which stay attached (emptied)
to the sheet's element, and the read-only worksheet's sizing, which parses a sheet without a
dimension element whole. Here the strings go to the job's scratch database on disk (scratch.py) and
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
    """The workbook's first worksheet: `rows()` yields (row number, cell values).

    Only what the rows need is read up front: the manifest, the shared strings (to disk), the
    workbook (the date system) and the styles (which number formats are dates). openpyxl's
    read-only worksheet is not made: it sizes itself by parsing the sheet for its dimension,
    and a sheet without one (openpyxl's own writer puts none) is then parsed whole into memory."""

    def __init__(self, path: str, scratch: Scratch):
        from openpyxl.styles.stylesheet import apply_stylesheet

        check_package(path)
        try:
            reader = _Reader(path, scratch)
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            self._path = next(rel.target for _sheet, rel in reader.parser.find_sheets()
                              if rel.target in reader.valid_files
                              and "chartsheet" not in rel.Type)
        except (KeyError, ValueError, TypeError, StopIteration, zipfile.BadZipFile, OSError):
            raise SheetProblem("not_xlsx") from None
        self._workbook, self._archive = reader.wb, reader.archive
        self._strings = reader.shared_strings

    def rows(self) -> Iterator[tuple[int, tuple]]:
        wb = self._workbook
        with self._archive.open(self._path) as src:
            parser = WorkSheetParser(src, self._strings, data_only=True,
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
        self._archive.close()
