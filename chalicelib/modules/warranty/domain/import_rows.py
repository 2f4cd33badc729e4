"""The units' import sheet (产品档案批量导入): its columns, its header row and what one row says.

Outlets keep their installed base in Excel; a sheet names its columns in Chinese or English
(客户名称 / Customer, 出厂编号 / Serial…), in any order, with other columns beside them, and
sometimes a title row above the header. Cells arrive as openpyxl gives them: text, numbers (a
phone or a serial typed into a number cell), dates (a date cell) or nothing. Each row is read
on its own into a `UnitRow`, or into the problems that keep it out (row number, field, code).
Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from chalicelib.kernel.validation import MAX_SHORT, bad_text, in_window


@dataclass(frozen=True)
class Column:
    key: str  # the field a row's value is reported under
    zh: str  # the header in the sample sheet (Chinese)
    en: str  # … and in English
    required: bool = False
    aliases: tuple[str, ...] = ()  # other headers outlets use for the same column
    kind: str = "text"  # text | phone | date | source


COLUMNS: tuple[Column, ...] = (
    Column("customer_name", "客户名称", "Customer", True, ("客户", "客户名", "用户名称", "用户",
                                                       "customer name")),
    Column("customer_phone", "客户电话", "Phone", True, ("电话", "联系电话", "手机", "手机号",
                                                     "customer phone", "phone number"),
           kind="phone"),
    Column("site_name", "现场名称", "Site", False, ("现场", "项目", "项目/现场", "site name")),
    Column("model", "型号", "Model", True, ("设备型号", "产品型号", "机型")),
    Column("serial_no", "出厂编号", "Serial", True, ("序列号", "机号", "条码", "编号", "serial no.",
                                                 "serial no", "serial number", "barcode")),
    Column("invoice_no", "发票号", "Invoice no.", False, ("发票号码", "invoice number",
                                                       "invoice")),
    Column("invoice_date", "开票日期", "Invoice date", False, ("发票日期",), kind="date"),
    Column("delivered_on", "交付日期", "Delivery date", False, ("交货日期", "delivered on"),
           kind="date"),
    Column("installed_on", "安装日期", "Installation date", False, ("installed on",),
           kind="date"),
    Column("source", "来源", "Source", False, ("销售来源", "销售方式"), kind="source"),
    Column("dealer", "代理商", "Dealer", False, ("经销商", "代理商/经销商", "agent")),
)
FIELDS = tuple(c.key for c in COLUMNS)
REQUIRED = tuple(c.key for c in COLUMNS if c.required)

# how a sheet may say where a unit was sold (vocabulary unit_source: own | agent)
SOURCES = {"自营": "own", "自营销售": "own", "自销": "own", "直销": "own", "own": "own",
           "own sale": "own", "代理": "agent", "代理商": "agent", "经销商": "agent",
           "代理商/经销商": "agent", "代理销售": "agent", "agent": "agent", "dealer": "agent",
           "agent / dealer": "agent", "agent/dealer": "agent"}
SOURCE_CHOICES = "自营, 代理, own, agent"

MAX_ROWS = 20_000  # data rows of one sheet (a larger installed base is imported in parts)
MAX_BYTES = 10 * 1024 * 1024  # the uploaded file
HEADER_SEARCH = 10  # rows searched for the header (a title row or two may come first)
PHONE = re.compile(r"^\+?[0-9-]{3,32}$", re.ASCII)
_DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$", re.ASCII)
_EXCEL_EPOCH = date(1899, 12, 30)  # day 0 of Excel's 1900 date system (as openpyxl counts)

# What this area says about an import beyond the kernel's field messages (Area.messages).
MESSAGES = {
    "duplicate_row": {"zh": "与第 {row} 行的出厂编号重复，本行未导入",
                      "en": "repeats the serial number of row {row}; this row was not imported"},
    "phone_format": {"zh": "应为电话号码（数字，可含 + 和 -）",
                     "en": "must be a phone number (digits, + and - allowed)"},
    "not_xlsx": {"zh": "文件不是 Excel 工作簿（.xlsx），请另存为 .xlsx 后重新上传",
                 "en": "The file is not an Excel workbook (.xlsx); save it as .xlsx and upload "
                       "it again"},
    "no_header": {"zh": "未找到表头：前 10 行中没有包含「型号」「出厂编号」等列名的行",
                  "en": "No header row: none of the first 10 rows names the columns (Model, "
                        "Serial…)"},
    "missing_columns": {"zh": "缺少必需的列：{columns}", "en": "Required columns are missing: "
                                                          "{columns}"},
    "duplicate_column": {"zh": "列「{column}」出现了两次", "en": "The column \"{column}\" appears "
                                                             "twice"},
    "too_many_rows": {"zh": "数据行过多（最多 {limit} 行），请分成几个文件导入",
                      "en": "Too many rows (at most {limit}); split the sheet into several files"},
    "import_failed": {"zh": "导入中断，请稍后重试；已导入的行不受影响",
                      "en": "The import stopped; try again later (rows already imported stay)"},
    "upload_missing": {"zh": "文件尚未上传成功，请重新上传",
                       "en": "The file has not arrived; please upload it again"},
    "row_not_saved": {"zh": "本行保存失败（数据被同时修改），未导入任何内容，请重新导入",
                      "en": "This row could not be saved (changed at the same time); nothing of "
                            "it was imported, import again"},
}


def normal_header(text: object) -> str:
    """How headers are compared: a remark in brackets, a required mark (*) and spaces dropped,
    case folded ("出厂编号 *", "Serial No." and "开票日期（YYYY-MM-DD）" all match)."""
    if not isinstance(text, str):
        return ""
    text = re.sub(r"[（(][^）)]*[）)]", "", text)
    return "".join(text.replace("*", "").replace("＊", "").split()).casefold().rstrip(":：")


_HEADERS: dict[str, str] = {}
for _column in COLUMNS:
    for _name in (_column.zh, _column.en, *_column.aliases):
        _HEADERS.setdefault(normal_header(_name), _column.key)
_BY_KEY = {c.key: c for c in COLUMNS}


class SheetProblem(ValueError):
    """The sheet as a whole cannot be imported: a message code and its parameters."""

    def __init__(self, code: str, params: dict | None = None):
        super().__init__(code)
        self.code, self.params = code, params or {}


@dataclass(frozen=True)
class Header:
    row: int  # the header's row number in the sheet (1-based)
    columns: dict[str, int]  # field -> cell index
    names: dict[str, str]  # field -> the header as the sheet wrote it


def match_header(cells: tuple, row: int) -> Header | None:
    """The header, when this row names at least two known columns; else None. A sheet naming
    one column twice is refused (which of them holds the value?)."""
    columns: dict[str, int] = {}
    names: dict[str, str] = {}
    for index, cell in enumerate(cells):
        key = _HEADERS.get(normal_header(cell))
        if key is None:
            continue
        if key in columns:
            raise SheetProblem("duplicate_column", {"column": str(cell).strip()})
        columns[key], names[key] = index, str(cell).strip()
    if len(columns) < 2:
        return None
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise SheetProblem("missing_columns", {"columns": {
            "zh": "、".join(_BY_KEY[c].zh for c in missing),
            "en": ", ".join(_BY_KEY[c].en for c in missing)}})
    return Header(row, columns, names)


@dataclass(frozen=True)
class UnitRow:
    """One unit as a valid row says it."""

    row: int
    customer_name: str
    customer_phone: str  # as written (spaces removed)
    phone_digits: str  # how customers are found
    site_name: str | None
    model: str
    serial_no: str
    invoice_no: str | None
    invoice_date: str | None  # YYYY-MM-DD
    delivered_on: str | None
    installed_on: str | None
    source: str | None  # own | agent
    dealer: str | None

    def unit_payload(self) -> dict:
        """The unit's registration fields (the warranty area's UNIT_SCHEMA, without site)."""
        fields = {"model": self.model, "serial_no": self.serial_no, "invoice_no": self.invoice_no,
                  "invoice_date": self.invoice_date, "delivered_on": self.delivered_on,
                  "installed_on": self.installed_on, "source": self.source, "dealer": self.dealer}
        return {k: v for k, v in fields.items() if v is not None}


Problem = tuple[str, str, dict]  # (field, code, params)


def blank(cells: tuple) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _text(value: object) -> str | None:
    """A cell as text: numbers without a trailing .0 (13800138000, not 1.3800138e10), a date
    cell as its day; empty → None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e18 else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else \
            value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def parse_day(value: object) -> date | None:
    """A date cell, YYYY-MM-DD text (also with / or . or 年月日), an 8-digit number 20251201, or
    a date typed into a number cell (Excel's day count); None when it is none of them or lies
    outside 2000..2099."""
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not float(value).is_integer():
            return None
        number = int(value)
        if 19_000_101 <= number <= 29_991_231:
            return parse_day(f"{number // 10000}-{number // 100 % 100}-{number % 100}")
        try:
            day = _EXCEL_EPOCH + timedelta(days=number)
        except OverflowError:
            return None
    elif isinstance(value, str):
        match = _DAY.match(value.strip())
        if not match:
            return None
        try:
            day = date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    else:
        return None
    return day if in_window(day) else None


def parse_row(cells: tuple, header: Header, row: int) -> tuple[UnitRow | None, list[Problem]]:
    """One data row → the unit it describes, or every problem that keeps it out."""
    problems: list[Problem] = []
    values: dict[str, object] = {}
    for key, index in header.columns.items():
        column = _BY_KEY[key]
        raw = cells[index] if index < len(cells) else None
        if column.kind == "date":
            text = _text(raw)
            if text is None:
                values[key] = None
                continue
            day = parse_day(raw)
            if day is None:
                problems.append((key, "format_date", {}))
            values[key] = day.isoformat() if day else None
            continue
        text = _text(raw)
        if text is not None and bad_text(text, multiline=False):
            problems.append((key, "text", {}))
            continue
        if text is not None and len(text) > MAX_SHORT:
            problems.append((key, "maxLength", {"limit": MAX_SHORT}))
            continue
        if column.kind == "phone" and text is not None:
            text = "".join(text.split())
            if not PHONE.match(text) or not any(ch.isdigit() for ch in text):
                problems.append((key, "phone_format", {}))
                continue
        if column.kind == "source" and text is not None:
            source = SOURCES.get(" ".join(text.split()).casefold())
            if source is None:
                problems.append((key, "enum", {"choices": SOURCE_CHOICES}))
                continue
            text = source
        values[key] = text
    for key in REQUIRED:
        if values.get(key) is None and not any(p[0] == key for p in problems):
            problems.append((key, "required", {}))
    if problems:
        return None, sorted(problems, key=lambda p: FIELDS.index(p[0]))
    phone = str(values["customer_phone"])
    return UnitRow(
        row=row, customer_name=str(values["customer_name"]), customer_phone=phone,
        phone_digits="".join(ch for ch in phone if ch.isdigit()),
        site_name=values.get("site_name"), model=str(values["model"]),
        serial_no=str(values["serial_no"]), invoice_no=values.get("invoice_no"),
        invoice_date=values.get("invoice_date"), delivered_on=values.get("delivered_on"),
        installed_on=values.get("installed_on"), source=values.get("source"),
        dealer=values.get("dealer")), []


def serial_of(cells: tuple, header: Header) -> str | None:
    """The row's serial number as `parse_row` reads it (to remember a row already imported)."""
    index = header.columns["serial_no"]
    return _text(cells[index]) if index < len(cells) else None


def sample_columns() -> list[dict]:
    """The sheet's columns in order, for a blank template (GET /api/unit-imports/sample)."""
    return [{"key": c.key, "zh": c.zh, "en": c.en, "required": c.required, "kind": c.kind}
            for c in COLUMNS]
