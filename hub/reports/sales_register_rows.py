"""The sales register's tables, made from plain rows without a database.

One row per invoice of the range, each followed by the credit notes against it; a credit note
whose invoice is outside the range (or on another terminal than the filter's) still has its
row, in date order, its "Against" cell naming the invoice. Credit notes carry negative amounts
(they reduce the sales) and cancelled documents are listed with every amount zero, so the
totals row is both the column sums of the rows and the net sales: the same figures
`hub.reports.register.sales_register` gives GSTR-1 for a calendar month.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from hub.reports.documents import DocumentKind
from hub.reports.sales_rows import MODE_TITLES, PaymentRecord, SalesDocument, mode_columns
from hub.reports.sales_totals import totals_row
from hub.reports.tabular import Cell, Column, ColumnKind, ReportTable
from shared.money import Paise
from shared.states import STATES
from shared.tables.vocabulary import PaymentMode

REGISTER_COLUMNS: Final = (
    Column("date", "Date", ColumnKind.DATE),
    Column("document", "Document"),
    Column("kind", "Kind"),
    Column("against", "Against"),
    Column("terminal", "Terminal"),
    Column("buyer", "Buyer"),
    Column("buyer_gstin", "Buyer GSTIN"),
    Column("place_of_supply", "Place of supply"),
    Column("taxable", "Taxable", ColumnKind.PAISE),
    Column("cgst", "CGST", ColumnKind.PAISE),
    Column("sgst", "SGST", ColumnKind.PAISE),
    Column("igst", "IGST", ColumnKind.PAISE),
    Column("round_off", "Round-off", ColumnKind.PAISE),
    Column("total", "Total", ColumnKind.PAISE),
    *mode_columns(),
    Column("old_gold", "Old gold", ColumnKind.PAISE),
    Column("status", "Status"),
)

UNKNOWN_TERMINAL: Final = "(unknown terminal)"


def kind_text(document: SalesDocument) -> str:
    if document.kind is DocumentKind.INVOICE:
        return "Cancelled invoice" if document.cancelled else "Invoice"
    return "Cancelled credit note" if document.cancelled else "Credit note"


def place_text(code: str) -> str:
    """ "27 Maharashtra": the code the return uses and the name people read."""
    name = STATES.get(code)
    return f"{code} {name}" if name else code


def register_order(documents: Iterable[SalesDocument]) -> list[SalesDocument]:
    """Invoices by date and number, each followed by its credit notes (by date and number);
    notes whose invoice is not in the list take their own date's place."""
    listed = list(documents)
    invoices = {d.id: d for d in listed if d.kind is DocumentKind.INVOICE}

    def key(document: SalesDocument) -> tuple[dt.date, str, int, dt.date, str]:
        if document.kind is DocumentKind.INVOICE:
            return (document.day, document.number, 0, document.day, "")
        anchor = invoices.get(document.against_id) if document.against_id else None
        if anchor is None:
            return (document.day, document.number, 0, document.day, "")
        return (anchor.day, anchor.number, 1, document.day, document.number)

    return sorted(listed, key=key)


@dataclass(frozen=True, slots=True)
class Settlement:
    """A document's payments summed per mode, signed (money in +, money out -)."""

    by_mode: dict[PaymentMode, Paise]

    @classmethod
    def of(cls, payments: Iterable[PaymentRecord]) -> Settlement:
        by_mode: dict[PaymentMode, Paise] = {}
        for payment in payments:
            by_mode[payment.mode] = by_mode.get(payment.mode, Paise(0)) + payment.signed
        return cls(by_mode)

    def get(self, mode: PaymentMode) -> Paise:
        return self.by_mode.get(mode, Paise(0))


def settlements(payments: Iterable[PaymentRecord]) -> dict[uuid.UUID, Settlement]:
    """Payments grouped by the document they settle (invoice or credit note)."""
    grouped: dict[uuid.UUID, list[PaymentRecord]] = {}
    for payment in payments:
        owner = payment.invoice_id or payment.credit_note_id
        if owner is not None:
            grouped.setdefault(owner, []).append(payment)
    return {owner: Settlement.of(rows) for owner, rows in grouped.items()}


def _status(document: SalesDocument) -> str:
    if not document.cancelled:
        return "Issued"
    return f"Cancelled ({document.total.format()} not counted)"


def register_row(
    document: SalesDocument, terminal: str, settlement: Settlement | None
) -> tuple[Cell, ...]:
    """One document's cells; a cancelled document's amounts are all zero (it counts nothing)."""
    sign = document.sign if document.counts else 0
    amounts = (
        document.taxable,
        document.cgst,
        document.sgst,
        document.igst,
        document.round_off,
        document.total,
    )
    paid = tuple(
        (settlement.get(mode) if settlement is not None and document.counts else Paise(0))
        for mode in MODE_TITLES
    )
    return (
        document.day,
        document.number,
        kind_text(document),
        document.against_number,
        terminal,
        document.buyer_name,
        document.buyer_gstin,
        place_text(document.place_of_supply),
        *(amount * sign for amount in amounts),
        *paid,
        document.old_gold * sign,
        _status(document),
    )


def register_table(
    documents: Iterable[SalesDocument],
    payments: Iterable[PaymentRecord],
    terminals: dict[uuid.UUID, str],
) -> ReportTable:
    """The register: its rows in `register_order`, the totals row their column sums."""
    paid = settlements(payments)
    ordered = register_order(documents)
    rows = tuple(
        register_row(d, terminals.get(d.terminal_id, UNKNOWN_TERMINAL), paid.get(d.id))
        for d in ordered
    )
    return ReportTable(
        key="documents",
        title="Invoices and credit notes",
        columns=REGISTER_COLUMNS,
        rows=rows,
        totals=totals_row(REGISTER_COLUMNS, rows, "Net"),
        note=(
            "Credit notes follow the invoice they correct and carry negative amounts; cancelled "
            "documents are listed with every amount zero. Payment columns are what the counter "
            "recorded against each document (a refund is negative); with the old gold they make "
            "up the document's total."
        ),
        row_links=tuple(f"/documents/{d.id}.pdf" for d in ordered),
    )


@dataclass(frozen=True, slots=True)
class NetFigures:
    """The register's net figures: issued invoices less issued credit notes."""

    invoices: int
    credit_notes: int
    taxable: Paise
    cgst: Paise
    sgst: Paise
    igst: Paise
    total: Paise

    @property
    def tax(self) -> Paise:
        return self.cgst + self.sgst + self.igst

    @classmethod
    def of(cls, documents: Iterable[SalesDocument]) -> NetFigures:
        counted = [d for d in documents if d.counts]
        return cls(
            invoices=sum(1 for d in counted if d.kind is DocumentKind.INVOICE),
            credit_notes=sum(1 for d in counted if d.kind is DocumentKind.CREDIT_NOTE),
            taxable=Paise(sum(d.taxable.value * d.sign for d in counted)),
            cgst=Paise(sum(d.cgst.value * d.sign for d in counted)),
            sgst=Paise(sum(d.sgst.value * d.sign for d in counted)),
            igst=Paise(sum(d.igst.value * d.sign for d in counted)),
            total=Paise(sum(d.total.value * d.sign for d in counted)),
        )
