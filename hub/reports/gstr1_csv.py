"""GSTR-1 as CSV files in the GST offline tool's templates, one file per section.

Column headings and cell formats are the templates' own: dates `dd-Mmm-yyyy` (15-Jul-2025),
place of supply "27-Maharashtra", unit "GMS-GRAMMES", amounts in rupees with two decimals, one
row per document per rate. Credit notes are written unsigned with note type "C", as in the JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Final

from hub.reports.gstr1_json import money, quantity
from hub.reports.hsn import merge_hsn_rows
from hub.reports.sections import Figures, Gstr1Return, HsnRow, InvoiceEntry
from shared.errors import InvalidInput
from shared.gst import TaxAtRate
from shared.states import state_name

_MONTHS: Final = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)

Cell = str | int | Decimal


class CsvSection(StrEnum):
    """The offline tool's CSV templates we fill (file name without `.csv`)."""

    B2B = "b2b"
    B2CL = "b2cl"
    B2CS = "b2cs"
    CDNR = "cdnr"
    CDNUR = "cdnur"
    HSN = "hsn"
    HSN_B2B = "hsn(b2b)"
    HSN_B2C = "hsn(b2c)"
    DOCS = "docs"


HEADERS: Final[dict[CsvSection, tuple[str, ...]]] = {
    CsvSection.B2B: (
        "GSTIN/UIN of Recipient", "Receiver Name", "Invoice Number", "Invoice date",
        "Invoice Value", "Place Of Supply", "Reverse Charge", "Applicable % of Tax Rate",
        "Invoice Type", "E-Commerce GSTIN", "Rate", "Taxable Value", "Cess Amount",
    ),
    CsvSection.B2CL: (
        "Invoice Number", "Invoice date", "Invoice Value", "Place Of Supply",
        "Applicable % of Tax Rate", "Rate", "Taxable Value", "Cess Amount", "E-Commerce GSTIN",
    ),
    CsvSection.B2CS: (
        "Type", "Place Of Supply", "Applicable % of Tax Rate", "Rate", "Taxable Value",
        "Cess Amount", "E-Commerce GSTIN",
    ),
    CsvSection.CDNR: (
        "GSTIN/UIN of Recipient", "Receiver Name", "Note Number", "Note Date", "Note Type",
        "Place Of Supply", "Reverse Charge", "Note Supply Type", "Note Value",
        "Applicable % of Tax Rate", "Rate", "Taxable Value", "Cess Amount",
    ),
    CsvSection.CDNUR: (
        "UR Type", "Note Number", "Note Date", "Note Type", "Place Of Supply", "Note Value",
        "Applicable % of Tax Rate", "Rate", "Taxable Value", "Cess Amount",
    ),
    CsvSection.HSN: (
        "HSN", "Description", "UQC", "Total Quantity", "Total Value", "Rate", "Taxable Value",
        "Integrated Tax Amount", "Central Tax Amount", "State/UT Tax Amount", "Cess Amount",
    ),
    CsvSection.DOCS: (
        "Nature of Document", "Sr. No. From", "Sr. No. To", "Total Number", "Cancelled",
    ),
}  # fmt: skip
HEADERS[CsvSection.HSN_B2B] = HEADERS[CsvSection.HSN]
HEADERS[CsvSection.HSN_B2C] = HEADERS[CsvSection.HSN]
NIL: Final = Decimal("0.00")


def template_date(day: dt.date) -> str:
    return f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year:04d}"


def template_state(code: str) -> str:
    return f"{code}-{state_name(code)}"


def _rows_b2b(gstr1: Gstr1Return) -> Iterable[Sequence[Cell]]:
    for party in gstr1.b2b:
        for entry in party.documents:
            for row in entry.items:
                yield (
                    party.gstin, party.name, entry.number, template_date(entry.date),
                    money(entry.value), template_state(entry.place_of_supply),
                    "Y" if entry.reverse_charge else "N", "", "Regular B2B", "", row.rate,
                    money(row.taxable), NIL,
                )  # fmt: skip


def _rows_b2cl(gstr1: Gstr1Return) -> Iterable[Sequence[Cell]]:
    for state in gstr1.b2cl:
        for entry in state.invoices:
            for row in entry.items:
                yield (
                    entry.number, template_date(entry.date), money(entry.value),
                    template_state(state.place_of_supply), "", row.rate, money(row.taxable),
                    NIL, "",
                )  # fmt: skip


def _rows_b2cs(gstr1: Gstr1Return) -> Iterable[Sequence[Cell]]:
    for row in gstr1.b2cs:
        yield (
            "OE", template_state(row.place_of_supply), "", row.rate,
            money(row.figures.taxable), NIL, "",
        )  # fmt: skip


def _note_rows(entry: InvoiceEntry) -> Iterable[tuple[TaxAtRate, Decimal]]:
    return ((row, money(row.taxable)) for row in entry.items)


def _rows_cdnr(gstr1: Gstr1Return) -> Iterable[Sequence[Cell]]:
    for party in gstr1.cdnr:
        for entry in party.documents:
            for row, taxable in _note_rows(entry):
                yield (
                    party.gstin, party.name, entry.number, template_date(entry.date), "C",
                    template_state(entry.place_of_supply), "Y" if entry.reverse_charge else "N",
                    "Regular", money(entry.value), "", row.rate, taxable, NIL,
                )  # fmt: skip


def _rows_cdnur(gstr1: Gstr1Return) -> Iterable[Sequence[Cell]]:
    for note in gstr1.cdnur:
        entry = note.note
        for row, taxable in _note_rows(entry):
            yield (
                note.ur_type.value, entry.number, template_date(entry.date), "C",
                template_state(entry.place_of_supply), money(entry.value), "", row.rate,
                taxable, NIL,
            )  # fmt: skip


def _hsn(rows: Iterable[HsnRow]) -> Iterable[Sequence[Cell]]:
    for row in rows:
        figures: Figures = row.figures
        yield (
            row.hsn, row.description, row.uqc.template_label, quantity(row),
            money(figures.taxable + figures.total_tax), row.rate, money(figures.taxable),
            money(figures.igst), money(figures.cgst), money(figures.sgst), NIL,
        )  # fmt: skip


def _rows_docs(gstr1: Gstr1Return) -> Iterable[Sequence[Cell]]:
    for r in gstr1.documents:
        yield (r.nature.value, r.first, r.last, r.total, r.cancelled)


_WRITERS: Final[dict[CsvSection, Callable[[Gstr1Return], Iterable[Sequence[Cell]]]]] = {
    CsvSection.B2B: _rows_b2b,
    CsvSection.B2CL: _rows_b2cl,
    CsvSection.B2CS: _rows_b2cs,
    CsvSection.CDNR: _rows_cdnr,
    CsvSection.CDNUR: _rows_cdnur,
    CsvSection.HSN: lambda g: _hsn(merge_hsn_rows((*g.hsn_b2b, *g.hsn_b2c))),
    CsvSection.HSN_B2B: lambda g: _hsn(g.hsn_b2b),
    CsvSection.HSN_B2C: lambda g: _hsn(g.hsn_b2c),
    CsvSection.DOCS: _rows_docs,
}


def sections_for(gstr1: Gstr1Return) -> tuple[CsvSection, ...]:
    """The templates of this period: one HSN file before May 2025, two from it."""
    hsn = (CsvSection.HSN_B2B, CsvSection.HSN_B2C) if gstr1.hsn_split else (CsvSection.HSN,)
    return (
        CsvSection.B2B, CsvSection.B2CL, CsvSection.B2CS, CsvSection.CDNR, CsvSection.CDNUR,
        *hsn, CsvSection.DOCS,
    )  # fmt: skip


def _cell(value: Cell) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def gstr1_csv(gstr1: Gstr1Return, section: CsvSection | str) -> str:
    """One section as the offline tool's CSV template (header row, then the data)."""
    try:
        wanted = CsvSection(section)
    except ValueError:
        names = ", ".join(s.value for s in CsvSection)
        raise InvalidInput(
            f"{section!r} is not a GSTR-1 CSV section ({names})", "section"
        ) from None
    if wanted not in sections_for(gstr1):
        raise InvalidInput(
            f"the {wanted.value} template is not used for this period "
            f"({'HSN is split into b2b and b2c' if gstr1.hsn_split else 'HSN is one table'})",
            "section",
        )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS[wanted])
    for row in _WRITERS[wanted](gstr1):
        writer.writerow([_cell(value) for value in row])
    return buffer.getvalue()
