"""CSV and XLSX downloads read back to exactly the report's cells (hub.reports.files)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from hub.reports.files import (
    MONEY_FORMAT,
    file_name,
    report_csv,
    report_xlsx,
    sheet_titles,
)
from hub.reports.tabular import Column, ColumnKind, Report, ReportFilter, ReportTable
from shared.money import Milligrams, Paise

JULY = ReportFilter(dt.date(2025, 7, 1), dt.date(2025, 7, 31))

RAMESH = "रमेश कुमार"
FORMULA = '=HYPERLINK("x")'

INVOICES = ReportTable(
    key="invoices",
    title="Invoices",
    columns=(
        Column("number", "Invoice"),
        Column("date", "Date", ColumnKind.DATE),
        Column("buyer", "Buyer"),
        Column("total", "Total (₹)", ColumnKind.PAISE),
        Column("weight", "Net weight (g)", ColumnKind.MILLIGRAMS),
        Column("rate", "GST rate", ColumnKind.PERCENT_BP),
        Column("pieces", "Pieces", ColumnKind.COUNT),
    ),
    rows=(
        (
            "A1/25-26/0001",
            dt.date(2025, 7, 2),
            RAMESH,
            Paise(12345678),
            Milligrams(12345),
            300,
            2,
        ),
        (
            "A1/25-26/0002",
            dt.date(2025, 7, 3),
            FORMULA,
            Paise(-50),
            Milligrams(0),
            300,
            1,
        ),
        ("A1/25-26/0003", dt.date(2025, 7, 4), None, Paise(10), Milligrams(1), 0, 0),
    ),
    totals=("Total", None, None, Paise(12345638), Milligrams(12346), None, 3),
    note="Credit notes are shown against their invoices.",
)
PAYMENTS = ReportTable(
    key="payments",
    title="Payments by mode: cash/UPI [all terminals] and more than thirty-one characters",
    columns=(Column("mode", "Mode"), Column("amount", "Amount (₹)", ColumnKind.PAISE)),
    rows=(("+cash", Paise(100)), ("@upi", Paise(250)), ("-card", Paise(5))),
    totals=("Total", Paise(355)),
)


def _report(*tables: ReportTable, branch: str | None = None) -> Report:
    flt = ReportFilter(JULY.date_from, JULY.date_to, frozenset({uuid.uuid4()}), branch)
    return Report("sales-register", "Sales register", flt, tables)


def _csv_lines(data: bytes) -> list[list[str]]:
    assert data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_csv_single_table_has_header_rows_and_totals_only() -> None:
    lines = _csv_lines(report_csv(_report(INVOICES)))
    assert lines[0] == [column.title for column in INVOICES.columns]
    assert lines[1] == [
        "A1/25-26/0001",
        "2025-07-02",
        RAMESH,
        "123456.78",
        "12.345",
        "3.00",
        "2",
    ]
    assert lines[2][3:5] == ["-0.50", "0.000"]
    assert lines[3][2] == ""
    assert lines[4] == ["Total", "", "", "123456.38", "12.346", "", "3"]
    assert len(lines) == 5


def test_csv_amounts_sum_to_the_totals_row() -> None:
    lines = _csv_lines(report_csv(_report(INVOICES)))
    body, totals = lines[1:-1], lines[-1]
    assert sum(Decimal(line[3]) for line in body) == Decimal(totals[3])
    assert sum(Decimal(line[4]) for line in body) == Decimal(totals[4])


def test_csv_guards_formula_text_but_not_numbers() -> None:
    lines = _csv_lines(report_csv(_report(INVOICES, PAYMENTS)))
    assert lines[3][2] == "'" + FORMULA  # line 0 is the table's title
    assert lines[3][3] == "-0.50"  # a negative amount is a number, not a formula
    modes = [line[0] for line in lines if line and line[0].startswith("'")]
    assert modes == ["'+cash", "'@upi", "'-card"]


def test_csv_several_tables_each_under_its_title_and_followed_by_a_blank_line() -> None:
    lines = _csv_lines(report_csv(_report(INVOICES, PAYMENTS)))
    assert lines[0] == ["Invoices"]
    assert lines[1][0] == "Invoice"
    assert lines[6] == []
    assert lines[7] == [PAYMENTS.title]
    assert lines[8] == ["Mode", "Amount (₹)"]
    assert lines[-2] == ["Total", "3.55"]
    assert lines[-1] == []


def test_xlsx_reads_back_to_the_cells() -> None:
    book = load_workbook(io.BytesIO(report_xlsx(_report(INVOICES, PAYMENTS))))
    assert book.sheetnames == ["Invoices", "Payments by mode  cash UPI  all"]
    sheet = book["Invoices"]
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    assert header == [column.title for column in INVOICES.columns]
    assert all(cell.font.bold for cell in sheet[1])
    first = [cell.value for cell in sheet[2]]
    assert first[0] == "A1/25-26/0001"
    assert first[1] == dt.datetime(2025, 7, 2)  # noqa: DTZ001 - Excel dates carry no zone
    assert first[2] == RAMESH
    assert Decimal(str(first[3])) == Decimal("123456.78")
    assert Decimal(str(first[4])) == Decimal("12.345")
    assert Decimal(str(first[5])) == Decimal("3.00")
    assert first[6] == 2
    assert sheet.cell(row=2, column=4).number_format == MONEY_FORMAT
    assert sheet.cell(row=2, column=5).number_format == "0.000"
    assert sheet.cell(row=3, column=3).value == "'" + FORMULA
    assert sheet.cell(row=4, column=3).value is None
    totals = [cell.value for cell in sheet[5]]
    assert totals[0] == "Total"
    assert Decimal(str(totals[3])) == Decimal("123456.38")
    assert all(cell.font.bold for cell in sheet[5] if cell.value is not None)
    assert sheet.cell(row=7, column=1).value == INVOICES.note
    widths = [sheet.column_dimensions[letter].width for letter in "ABCD"]
    assert widths[0] >= len("A1/25-26/0001")
    assert widths[3] >= len("1,23,456.78")


def test_xlsx_money_sums_to_the_totals_row() -> None:
    sheet = load_workbook(io.BytesIO(report_xlsx(_report(PAYMENTS)))).active
    assert sheet is not None
    amounts = [Decimal(str(sheet.cell(row=r, column=2).value)) for r in range(2, 5)]
    assert sum(amounts) == Decimal(str(sheet.cell(row=5, column=2).value)) == Decimal("3.55")


def test_xlsx_without_tables_still_opens() -> None:
    book = load_workbook(io.BytesIO(report_xlsx(_report())))
    assert book.sheetnames == ["Sales register"]


def test_sheet_titles_are_short_clean_and_unique() -> None:
    titles = sheet_titles(["Stock", "stock", "A" * 40, "A" * 40, "x/y:z", ""])
    assert titles[0] == "Stock"
    assert titles[1] == "stock (2)"
    assert titles[2] == "A" * 31
    assert titles[3] == "A" * 27 + " (2)"
    assert titles[4] == "x y z"
    assert titles[5] == "Sheet"
    assert all(len(title) <= 31 for title in titles)


def test_file_name_is_safe_and_says_what_and_when() -> None:
    assert (
        file_name(_report(INVOICES), "BoolaGold", "xlsx")
        == "sales-register_boolagold_2025-07-01_2025-07-31.xlsx"
    )
    assert (
        file_name(_report(INVOICES, branch="M.G. Road / Annexe"), "bg 01", "csv")
        == "sales-register_bg-01_m-g-road-annexe_2025-07-01_2025-07-31.csv"
    )


def test_file_name_refuses_unknown_extensions() -> None:
    with pytest.raises(ValueError, match="exe"):
        file_name(_report(INVOICES), "shop", "exe")
