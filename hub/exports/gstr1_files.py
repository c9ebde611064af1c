"""A month's GSTR-1 as the files an export job can make: the portal's JSON, the offline tool's
CSV templates in one ZIP, or one XLSX workbook with a sheet per template.

Every file is made from `Gstr1` (hub.reports), the same object the GSTR-1 page shows, so the
three formats always carry the same figures. The XLSX sheets hold exactly the CSV templates' rows;
amounts become numbers a spreadsheet can add (identifiers such as invoice numbers stay text).
"""

from __future__ import annotations

import csv
import io
import zipfile
from decimal import Decimal, InvalidOperation
from typing import Final

from openpyxl import Workbook

from hub.reports import Gstr1
from shared.errors import InvalidInput

_NUMERIC_ENDINGS: Final = (
    "Value",
    "Amount",
    "Rate",
    "Quantity",
    "Tax",
    "Total Number",
    "Cancelled",
)
"""Template columns that hold figures (every other column is an identifier, kept as text)."""


def gstr1_json_bytes(gstr1: Gstr1) -> bytes:
    return gstr1.to_json().encode("utf-8")


def gstr1_zip_bytes(gstr1: Gstr1) -> bytes:
    """One `<section>.csv` per template of the period, as the offline tool imports them."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for section in gstr1.csv_sections():
            archive.writestr(f"{section.value}.csv", gstr1.to_csv(section).encode("utf-8"))
    return buffer.getvalue()


def _number(text: str) -> Decimal | str:
    try:
        return Decimal(text) if text else text
    except InvalidOperation:
        return text


def gstr1_xlsx_bytes(gstr1: Gstr1) -> bytes:
    workbook = Workbook()
    default_sheet = workbook.active
    if default_sheet is not None:
        workbook.remove(default_sheet)
    for section in gstr1.csv_sections():
        rows = list(csv.reader(io.StringIO(gstr1.to_csv(section))))
        sheet = workbook.create_sheet(title=section.value[:31])
        header, body = rows[0], rows[1:]
        numeric = [title.endswith(_NUMERIC_ENDINGS) for title in header]
        sheet.append(header)
        for row in body:
            sheet.append([_number(cell) if numeric[i] else cell for i, cell in enumerate(row)])
        for index, is_number in enumerate(numeric, start=1):
            if is_number:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    value = cell.value
                    if isinstance(value, Decimal) and value.as_tuple().exponent == -2:
                        cell.number_format = "0.00"
        sheet.freeze_panes = "A2"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def gstr1_file_bytes(gstr1: Gstr1, file_format: str) -> bytes:
    """The month's return as `file_format` ('json', 'zip' or 'xlsx'): one place decides, so a
    page download and a background export of the same month are the same bytes."""
    writers = {"json": gstr1_json_bytes, "zip": gstr1_zip_bytes, "xlsx": gstr1_xlsx_bytes}
    writer = writers.get(file_format)
    if writer is None:
        raise InvalidInput(f"GSTR-1 comes as JSON, ZIP or XLSX, not {file_format!r}", "format")
    return writer(gstr1)
