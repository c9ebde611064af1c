"""The reads behind the reports: the month's invoices and credit notes, each in one query.

Each query joins the documents of the month to their lines, so a month of 10 000 invoices comes
back as one row per line in one round trip, through the `(shop_id, invoice_date)` and
`(shop_id, note_date)` indexes; the rows are folded into documents in Python. The session is a
tenant session (`SessionFactory.tenant(shop_id, read_only=True)`): it scopes every table to the
shop and, when DATABASE_READ_URL is set, reads the replica.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, Select, and_, false, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.documents import DocumentKind, LineGroup, ReportDocument
from hub.reports.period import ReturnPeriod
from shared.errors import InvalidInput
from shared.gst import SupplyType
from shared.money import Milligrams, Paise
from shared.tables import CreditNote, CreditNoteLine, Invoice, InvoiceLine, Shop
from shared.tables.vocabulary import DocumentStatus


async def shop_gstin(session: AsyncSession) -> str:
    """The tenant shop's GSTIN (the return's `gstin`); a shop without one cannot file."""
    gstin = (await session.execute(select(Shop.gstin))).scalar_one_or_none()
    if not gstin:
        raise InvalidInput(
            "the shop has no GSTIN: enter it in the shop's profile before making GSTR-1", "gstin"
        )
    return gstin


def _invoice_query(period: ReturnPeriod) -> Select[*tuple[Any, ...]]:
    return (
        select(
            Invoice.series,
            Invoice.number,
            Invoice.invoice_date.label("document_date"),
            Invoice.status,
            Invoice.classification,
            Invoice.supply_type,
            Invoice.place_of_supply,
            Invoice.reverse_charge,
            Invoice.buyer_gstin,
            Invoice.buyer_name,
            Invoice.taxable_paise,
            Invoice.cgst_paise,
            Invoice.sgst_paise,
            Invoice.igst_paise,
            Invoice.grand_total_paise,
            InvoiceLine.hsn,
            InvoiceLine.gst_rate_bp,
            InvoiceLine.taxable_paise.label("line_taxable"),
            InvoiceLine.gross_mg.label("line_gross"),
        )
        .join(
            InvoiceLine,
            and_(InvoiceLine.shop_id == Invoice.shop_id, InvoiceLine.invoice_id == Invoice.id),
        )
        .where(Invoice.invoice_date >= period.first_day)
        .where(Invoice.invoice_date < period.next_first_day)
    )


def _note_query(period: ReturnPeriod) -> Select[*tuple[Any, ...]]:
    return (
        select(
            CreditNote.series,
            CreditNote.number,
            CreditNote.note_date.label("document_date"),
            CreditNote.status,
            CreditNote.classification,
            CreditNote.supply_type,
            CreditNote.place_of_supply,
            false().label("reverse_charge"),
            CreditNote.buyer_gstin,
            CreditNote.buyer_name,
            CreditNote.taxable_paise,
            CreditNote.cgst_paise,
            CreditNote.sgst_paise,
            CreditNote.igst_paise,
            CreditNote.grand_total_paise,
            CreditNoteLine.hsn,
            CreditNoteLine.gst_rate_bp,
            CreditNoteLine.taxable_paise.label("line_taxable"),
            CreditNoteLine.gross_mg.label("line_gross"),
        )
        .join(
            CreditNoteLine,
            and_(
                CreditNoteLine.shop_id == CreditNote.shop_id,
                CreditNoteLine.credit_note_id == CreditNote.id,
            ),
        )
        .where(CreditNote.note_date >= period.first_day)
        .where(CreditNote.note_date < period.next_first_day)
    )


class _Fold:
    """One document's header row and its lines summed per (HSN, rate) as they arrive."""

    __slots__ = ("head", "sums")

    def __init__(self, head: Row[Any]) -> None:
        self.head = head
        self.sums: dict[tuple[str, int], list[int]] = {}

    def add(self, row: Row[Any]) -> None:
        key = (row.hsn, row.gst_rate_bp)
        have = self.sums.get(key)
        if have is None:
            self.sums[key] = [row.line_taxable, row.line_gross, 1]
        else:
            have[0] += row.line_taxable
            have[1] += row.line_gross
            have[2] += 1

    def groups(self) -> tuple[LineGroup, ...]:
        groups = [
            LineGroup(hsn, rate_bp, Paise(taxable), Milligrams(gross), lines)
            for (hsn, rate_bp), (taxable, gross, lines) in self.sums.items()
        ]
        if len(groups) > 1:
            groups.sort(key=lambda g: (g.rate_bp, g.hsn))
        return tuple(groups)


def _documents(kind: DocumentKind, rows: Iterable[Row[Any]]) -> list[ReportDocument]:
    """Fold the (document x line) rows back into documents with their line groups.

    A document is keyed by its series and number (unique in its financial year, and a month
    lies inside one); its lines are summed per HSN code and rate here rather than by a GROUP
    BY, which would sort the month's rows on every header column for no fewer rows.
    """
    folds: dict[tuple[str, str], _Fold] = {}
    for row in rows:
        fold = folds.get((row.series, row.number))
        if fold is None:
            fold = folds[(row.series, row.number)] = _Fold(row)
        fold.add(row)
    documents = []
    for fold in folds.values():
        head = fold.head
        documents.append(
            ReportDocument(
                kind=kind,
                series=head.series,
                number=head.number,
                document_date=head.document_date,
                cancelled=head.status == DocumentStatus.CANCELLED.value,
                classification=head.classification,
                supply_type=SupplyType(head.supply_type.upper()),
                place_of_supply=head.place_of_supply,
                reverse_charge=bool(head.reverse_charge),
                buyer_gstin=head.buyer_gstin or None,
                buyer_name=head.buyer_name,
                taxable=Paise(head.taxable_paise),
                cgst=Paise(head.cgst_paise),
                sgst=Paise(head.sgst_paise),
                igst=Paise(head.igst_paise),
                grand_total=Paise(head.grand_total_paise),
                groups=fold.groups(),
            )
        )
    return documents


async def documents_for_period(session: AsyncSession, period: ReturnPeriod) -> list[ReportDocument]:
    """Every invoice and credit note of the month, issued or cancelled, with line groups."""
    invoices = await session.execute(_invoice_query(period))
    notes = await session.execute(_note_query(period))
    return [
        *_documents(DocumentKind.INVOICE, invoices),
        *_documents(DocumentKind.CREDIT_NOTE, notes),
    ]
