"""The units' import sheet read row by row (domain/import_rows.py): headers in Chinese or
English, cells as openpyxl gives them."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from chalicelib.modules.warranty.domain.import_rows import (
    SheetProblem,
    match_header,
    parse_day,
    parse_row,
)

HEADER = ("客户名称", "客户电话", "现场名称", "型号", "出厂编号", "发票号", "开票日期", "交付日期",
          "安装日期", "来源", "代理商")


def test_a_header_in_english_with_remarks_marks_and_other_columns_is_matched():
    header = match_header(("备注", "Serial No. *", "customer", " PHONE ", "Model",
                           "交付日期（YYYY-MM-DD）"), 3)
    assert header.row == 3
    assert header.columns == {"serial_no": 1, "customer_name": 2, "customer_phone": 3,
                              "model": 4, "delivered_on": 5}


def test_a_title_row_is_no_header_and_a_header_without_required_columns_says_which():
    assert match_header(("深圳网点产品档案",), 1) is None
    with pytest.raises(SheetProblem) as refused:
        match_header(("客户名称", "客户电话", "型号"), 1)
    assert refused.value.code == "missing_columns"
    assert refused.value.params["columns"] == {"zh": "出厂编号", "en": "Serial"}
    with pytest.raises(SheetProblem) as twice:
        match_header(("客户名称", "Customer", "客户电话", "型号", "出厂编号"), 1)
    assert twice.value.code == "duplicate_column"


@pytest.mark.parametrize("cell,expected", [
    (datetime(2025, 12, 1, 0, 0), date(2025, 12, 1)), (date(2025, 12, 1), date(2025, 12, 1)),
    ("2025-12-01", date(2025, 12, 1)), ("2025/12/1", date(2025, 12, 1)),
    ("2025年12月1日", date(2025, 12, 1)), (20251201, date(2025, 12, 1)),
    (46000, date(2025, 12, 9)),  # a date typed into a number cell: Excel's day count
    ("2025-13-01", None), ("2025-02-29", None), ("1999-12-31", None), ("下周", None),
    (20251301, None), (1.5, None), (True, None)])
def test_dates_are_date_cells_iso_text_or_numbers_inside_the_window(cell, expected):
    assert parse_day(cell) == expected


def _parse(cells: dict):
    header = match_header(HEADER, 1)
    values = {"客户名称": "丰收合作社", "客户电话": "137 1122 0001", "型号": "4LZ-6",
              "出厂编号": "SN-1", "来源": "自营"}
    values.update({HEADER[i]: v for i, v in cells.items()})
    return parse_row(tuple(values.get(h) for h in HEADER), header, 7)


def test_a_good_row_reads_phones_as_digits_and_sources_in_either_language():
    unit, problems = _parse({1: 13711220001, 9: "Agent", 10: "惠州农机经销部"})
    assert problems == []
    assert (unit.customer_phone, unit.phone_digits, unit.source, unit.dealer, unit.row) == \
        ("13711220001", "13711220001", "agent", "惠州农机经销部", 7)
    assert unit.unit_payload() == {"model": "4LZ-6", "serial_no": "SN-1", "source": "agent",
                                   "dealer": "惠州农机经销部"}


def test_every_problem_of_a_bad_row_is_named_by_its_field():
    unit, problems = _parse({0: None, 1: "电话", 7: "2025-13-01", 9: "借用", 4: "A\nB"})
    assert unit is None
    assert [(field, code) for field, code, _ in problems] == [
        ("customer_name", "required"), ("customer_phone", "phone_format"),
        ("serial_no", "text"), ("delivered_on", "format_date"), ("source", "enum")]
