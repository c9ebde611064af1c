"""GSTR-1 for a month from the month's documents: pure functions, no database.

- B2B: invoices to a registered buyer, grouped by the buyer's GSTIN.
- B2CL: inter-state invoices to unregistered buyers above the B2CL limit (the counter judged
  that on the invoice's date and value and stored it as the invoice's classification).
- B2CS: every other B2C invoice, summed by supply type, place of supply and rate, with the B2C
  credit notes netted in.
- CDNR: credit notes to registered buyers; CDNUR: notes against B2CL invoices.
- HSN summary (`hub.reports.hsn`) and documents issued (`hub.reports.doc_issue`).

Cancelled documents are left out of every table but counted in documents issued. Amounts are
the documents' own stored figures, split per rate by the kernel's tax rule, so the return adds
up to the sales register to the paisa.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from hub.reports.doc_issue import document_ranges
from hub.reports.documents import DocumentKind, ReportDocument, TaxedDocument
from hub.reports.hsn import hsn_tables
from hub.reports.period import ReturnPeriod
from hub.reports.sections import (
    B2bRecipient,
    B2clState,
    B2csRow,
    CdnurNote,
    Gstr1Return,
    InvoiceEntry,
    Tally,
    UnregisteredType,
)
from shared.errors import InvalidInput
from shared.gst import SupplyType
from shared.validators import validate_gstin


def _entry(taxed: TaxedDocument) -> InvoiceEntry:
    document = taxed.document
    return InvoiceEntry(
        number=document.number,
        date=document.document_date,
        value=document.grand_total,
        place_of_supply=document.place_of_supply,
        reverse_charge=document.reverse_charge,
        items=taxed.rows,
    )


def _by_number(entries: Iterable[InvoiceEntry]) -> tuple[InvoiceEntry, ...]:
    return tuple(sorted(entries, key=lambda entry: (entry.date, entry.number)))


def _recipients(documents: Sequence[TaxedDocument]) -> tuple[B2bRecipient, ...]:
    """Grouped by GSTIN; the name is the one on the latest document (names get corrected)."""
    grouped: dict[str, list[TaxedDocument]] = {}
    for taxed in documents:
        gstin = taxed.document.buyer_gstin
        if gstin is None:
            raise InvalidInput(
                f"{taxed.document.label} is classed B2B but has no buyer GSTIN", "classification"
            )
        grouped.setdefault(gstin, []).append(taxed)
    recipients = []
    for gstin in sorted(grouped):
        entries = _by_number(_entry(taxed) for taxed in grouped[gstin])
        latest = max(
            (taxed.document for taxed in grouped[gstin]),
            key=lambda document: (document.document_date, document.number),
        )
        recipients.append(B2bRecipient(gstin, latest.buyer_name, entries))
    return tuple(recipients)


def _b2cl(documents: Sequence[TaxedDocument]) -> tuple[B2clState, ...]:
    grouped: dict[str, list[InvoiceEntry]] = {}
    for taxed in documents:
        grouped.setdefault(taxed.document.place_of_supply, []).append(_entry(taxed))
    return tuple(B2clState(pos, _by_number(grouped[pos])) for pos in sorted(grouped))


def _b2cs(invoices: Sequence[TaxedDocument], notes: Sequence[TaxedDocument]) -> tuple[B2csRow, ...]:
    sums: dict[tuple[str, str, Decimal], Tally] = {}
    for sign, documents in ((1, invoices), (-1, notes)):
        for taxed in documents:
            document = taxed.document
            for row in taxed.rows:
                key = (document.supply_type.value, document.place_of_supply, row.rate)
                sums.setdefault(key, Tally()).add(row, sign)
    return tuple(
        B2csRow(SupplyType(kind), pos, rate, sums[(kind, pos, rate)].figures())
        for kind, pos, rate in sorted(sums)
    )


def build_gstr1(
    gstin: str, period: ReturnPeriod, documents: Iterable[ReportDocument]
) -> Gstr1Return:
    """The month's GSTR-1 for the seller `gstin` from its invoices and credit notes.

    Documents dated outside `period` are ignored, so a caller may pass a wider read.
    """
    seller = validate_gstin(gstin)
    month = [document for document in documents if period.contains(document.document_date)]
    live = [TaxedDocument.of(document) for document in month if not document.cancelled]
    invoices = [t for t in live if t.document.kind is DocumentKind.INVOICE]
    notes = [t for t in live if t.document.kind is DocumentKind.CREDIT_NOTE]

    def of_class(rows: list[TaxedDocument], name: str) -> list[TaxedDocument]:
        return [row for row in rows if row.document.classification == name]

    unknown = {t.document.classification for t in invoices} - {"b2b", "b2cl", "b2cs"}
    unknown |= {t.document.classification for t in notes} - {"cdnr", "cdnur", "b2cs"}
    if unknown:
        raise InvalidInput(
            f"documents carry an unknown GSTR-1 class: {', '.join(sorted(unknown))}",
            "classification",
        )
    hsn_b2b, hsn_b2c = hsn_tables(live)
    ranges, warnings = document_ranges(month)
    return Gstr1Return(
        gstin=seller,
        year=period.year,
        month=period.month,
        b2b=_recipients(of_class(invoices, "b2b")),
        b2cl=_b2cl(of_class(invoices, "b2cl")),
        b2cs=_b2cs(of_class(invoices, "b2cs"), of_class(notes, "b2cs")),
        cdnr=_recipients(of_class(notes, "cdnr")),
        cdnur=tuple(
            CdnurNote(UnregisteredType.B2CL, entry)
            for entry in _by_number(_entry(t) for t in of_class(notes, "cdnur"))
        ),
        hsn_b2b=hsn_b2b,
        hsn_b2c=hsn_b2c,
        hsn_split=period.splits_hsn,
        documents=ranges,
        warnings=warnings,
    )
