"""A `Report` as the files an owner or a CA downloads: CSV and XLSX.

Both are written from the same `Report` the page shows, so a file never disagrees with the page.
The two formats serve different readers:

- CSV is read by other software (Tally imports, a CA's scripts) and by Excel. It is UTF-8 with a
  byte-order mark (without it Excel shows ₹ and Hindi names as mojibake); amounts are plain
  decimals ("1234.50": no ₹, no grouping) so any tool can sum them; grams have three places,
  dates are ISO, percentages "3.00". Text a customer or staff member typed that a spreadsheet
  would run as a formula (= + - @) gets a leading apostrophe (OWASP's CSV-injection advice).
  Several tables go one after another, each under its title line and followed by a blank line.
- XLSX is for people: one sheet per table, bold frozen header, bold totals row, rupees as real
  numbers with the Indian grouping format, grams to three places, dates as dates, and columns
  wide enough to read. Amounts are written as `Decimal`, never float, so ₹0.10 stays ₹0.10.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from hub.reports.tabular import Cell, Column, ColumnKind, Report, ReportTable
from shared.money import Milligrams, Paise

BOM: Final = "\ufeff"
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
"""A text cell starting with one of these would run as a formula in a spreadsheet."""

MONEY_FORMAT: Final = "#,##,##0.00"
GRAMS_FORMAT: Final = "0.000"
PERCENT_FORMAT: Final = "0.00"
COUNT_FORMAT: Final = "0"
DATE_FORMAT: Final = "dd-mm-yyyy"
"""Indian shops read dates day first."""

SHEET_TITLE_LIMIT: Final = 31
"""Excel refuses longer sheet names."""
_SHEET_FORBIDDEN: Final = re.compile(r"[\\/?*\[\]:]")
_MIN_WIDTH: Final = 8
_MAX_WIDTH: Final = 60
FILE_EXTENSIONS: Final = frozenset({"csv", "xlsx", "json", "zip"})
_UNSAFE_NAME: Final = re.compile(r"[^a-z0-9]+")


def guard_formula(text: str) -> str:
    """Quote text a spreadsheet would otherwise evaluate (=HYPERLINK(...), +91..., -2+3)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _percent(basis_points: int) -> Decimal:
    return (Decimal(basis_points) / 100).quantize(Decimal("0.01"))


def csv_cell(kind: ColumnKind, value: Cell) -> str:
    """One cell as CSV text (see the module docstring for each kind's form)."""
    if value is None:
        return ""
    if isinstance(value, Paise | Milligrams):
        return value.decimal_text()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return str(_percent(value)) if kind is ColumnKind.PERCENT_BP else str(value)
    return guard_formula(value)


def _table_rows(table: ReportTable) -> list[list[str]]:
    kinds = [column.kind for column in table.columns]
    lines = [[guard_formula(column.title) for column in table.columns]]
    for row in table.rows:
        lines.append([csv_cell(kind, value) for kind, value in zip(kinds, row, strict=True)])
    if table.totals is not None:
        lines.append(
            [csv_cell(kind, value) for kind, value in zip(kinds, table.totals, strict=True)]
        )
    return lines


def report_csv(report: Report) -> bytes:
    """The report as one CSV file (UTF-8 with BOM, CRLF line ends as RFC 4180 asks)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    several = len(report.tables) > 1
    for table in report.tables:
        if several:
            writer.writerow([guard_formula(table.title)])
        writer.writerows(_table_rows(table))
        if several:
            writer.writerow([])
    return (BOM + out.getvalue()).encode("utf-8")


def xlsx_value(kind: ColumnKind, value: Cell) -> str | int | Decimal | dt.date | None:
    """One cell as the value openpyxl stores: exact Decimals for money and grams."""
    if value is None:
        return None
    if isinstance(value, Paise):
        return value.rupees
    if isinstance(value, Milligrams):
        return value.grams
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int):
        return _percent(value) if kind is ColumnKind.PERCENT_BP else value
    return guard_formula(value)


def _number_format(kind: ColumnKind) -> str | None:
    return {
        ColumnKind.PAISE: MONEY_FORMAT,
        ColumnKind.MILLIGRAMS: GRAMS_FORMAT,
        ColumnKind.PERCENT_BP: PERCENT_FORMAT,
        ColumnKind.COUNT: COUNT_FORMAT,
        ColumnKind.DATE: DATE_FORMAT,
    }.get(kind)


def _display_width(kind: ColumnKind, value: Cell) -> int:
    """Roughly how many characters Excel shows for the cell (grouping commas included)."""
    if value is None:
        return 0
    if isinstance(value, Paise):
        return len(value.format(sign=False))
    if isinstance(value, dt.date):
        return 10
    return len(csv_cell(kind, value))


def sheet_titles(wanted: Sequence[str]) -> list[str]:
    """Sheet names Excel accepts: no \\ / ? * [ ] :, at most 31 characters, all different."""
    titles: list[str] = []
    taken: set[str] = set()
    for text in wanted:
        base = _SHEET_FORBIDDEN.sub(" ", text).strip() or "Sheet"
        base = base[:SHEET_TITLE_LIMIT].strip()
        title, number = base, 1
        while title.casefold() in taken:
            number += 1
            suffix = f" ({number})"
            title = base[: SHEET_TITLE_LIMIT - len(suffix)].rstrip() + suffix
        taken.add(title.casefold())
        titles.append(title)
    return titles


def _fill_sheet(sheet: Worksheet, table: ReportTable) -> None:
    columns: tuple[Column, ...] = table.columns
    bold = Font(bold=True)
    widths = [len(column.title) for column in columns]
    sheet.append([column.title for column in columns])
    for cell in sheet[1]:
        cell.font = bold
    body: list[tuple[tuple[Cell, ...], bool]] = [(row, False) for row in table.rows]
    if table.totals is not None:
        body.append((table.totals, True))
    for row_number, (row, is_total) in enumerate(body, start=2):
        for column_number, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = sheet.cell(row=row_number, column=column_number)
            cell.value = xlsx_value(column.kind, value)
            number_format = _number_format(column.kind)
            if number_format is not None and value is not None:
                cell.number_format = number_format
            if is_total:
                cell.font = bold
            widths[column_number - 1] = max(
                widths[column_number - 1], _display_width(column.kind, value)
            )
    if table.note:
        sheet.cell(row=len(body) + 3, column=1, value=guard_formula(table.note))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            _MAX_WIDTH, max(_MIN_WIDTH, width + 2)
        )


def report_xlsx(report: Report) -> bytes:
    """The report as an XLSX workbook, one sheet per table in the report's order."""
    workbook = Workbook()
    first = workbook.active
    if first is not None:
        workbook.remove(first)
    titles = sheet_titles([table.title for table in report.tables])
    for title, table in zip(titles, report.tables, strict=True):
        _fill_sheet(workbook.create_sheet(title=title), table)
    if not report.tables:
        sheet = workbook.create_sheet(title=sheet_titles([report.title])[0])
        sheet.append([f"{report.title}: nothing to show for this filter"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _safe(text: str) -> str:
    return _UNSAFE_NAME.sub("-", text.casefold()).strip("-")


def file_name(report: Report, shop_code: str, ext: str) -> str:
    """Where the download lands on the owner's disk, e.g.
    "sales-register_boolagold_2025-07-01_2025-07-31.xlsx" (a branch filter adds the branch).

    Only a-z, 0-9, "-" and "_": safe in a Content-Disposition header and on every file system.
    """
    if ext not in FILE_EXTENSIONS:
        msg = f"no download is made as .{ext}"
        raise ValueError(msg)
    parts = [_safe(report.slug) or "report", _safe(shop_code) or "shop"]
    if report.filter.branch:
        parts.append(_safe(report.filter.branch) or "branch")
    parts += [report.filter.date_from.isoformat(), report.filter.date_to.isoformat()]
    return "_".join(parts) + f".{ext}"
