"""The reads behind the sales reports, each one ORM `select()` on a tenant (read-only) session.

The tenant session scopes every table to the shop, so another shop's documents can never reach
a report; the joins also match `shop_id` so the `(shop_id, ...)` indexes are used. Each read
applies the filter's date range (shop dates) and terminals in SQL and returns the plain rows of
`hub.reports.sales_rows`.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from hub.reports.documents import DocumentKind
from hub.reports.sales_rows import LineShare, MoneyWay, OldGoldLot, PaymentRecord, SalesDocument
from hub.reports.tabular import ReportFilter
from shared.money import Milligrams, Paise
from shared.tables import (
    CreditNote,
    CreditNoteLine,
    Invoice,
    InvoiceLine,
    OldGoldVoucher,
    Payment,
    Terminal,
)
from shared.tables.vocabulary import DocumentStatus, PaymentDirection, PaymentMode


def _on_terminals(
    column: InstrumentedAttribute[uuid.UUID], flt: ReportFilter
) -> list[ColumnElement[bool]]:
    return [column.in_(sorted(flt.terminal_ids))] if flt.terminal_ids else []


def _invoice_query(flt: ReportFilter) -> Select[*tuple[Any, ...]]:
    return select(
        Invoice.id,
        Invoice.number,
        Invoice.invoice_date,
        Invoice.terminal_id,
        Invoice.status,
        Invoice.buyer_name,
        Invoice.buyer_gstin,
        Invoice.place_of_supply,
        Invoice.taxable_paise,
        Invoice.cgst_paise,
        Invoice.sgst_paise,
        Invoice.igst_paise,
        Invoice.round_off_paise,
        Invoice.grand_total_paise,
        Invoice.old_gold_value_paise,
    ).where(
        Invoice.invoice_date >= flt.date_from,
        Invoice.invoice_date <= flt.date_to,
        *_on_terminals(Invoice.terminal_id, flt),
    )


def _note_query(flt: ReportFilter) -> Select[*tuple[Any, ...]]:
    return (
        select(
            CreditNote.id,
            CreditNote.number,
            CreditNote.note_date,
            CreditNote.terminal_id,
            CreditNote.status,
            CreditNote.buyer_name,
            CreditNote.buyer_gstin,
            CreditNote.place_of_supply,
            CreditNote.taxable_paise,
            CreditNote.cgst_paise,
            CreditNote.sgst_paise,
            CreditNote.igst_paise,
            CreditNote.round_off_paise,
            CreditNote.grand_total_paise,
            CreditNote.invoice_id,
            Invoice.number,
        )
        .join(
            Invoice,
            and_(Invoice.shop_id == CreditNote.shop_id, Invoice.id == CreditNote.invoice_id),
        )
        .where(
            CreditNote.note_date >= flt.date_from,
            CreditNote.note_date <= flt.date_to,
            *_on_terminals(CreditNote.terminal_id, flt),
        )
    )


async def sales_documents(session: AsyncSession, flt: ReportFilter) -> list[SalesDocument]:
    """Invoices dated in the range and credit notes dated in the range (issued or cancelled),
    each on the filter's terminals; a note's own date and terminal decide, not its invoice's."""
    documents = [
        SalesDocument(
            id=row[0],
            kind=DocumentKind.INVOICE,
            number=row[1],
            day=row[2],
            terminal_id=row[3],
            cancelled=row[4] == DocumentStatus.CANCELLED.value,
            against_id=None,
            against_number=None,
            buyer_name=row[5],
            buyer_gstin=row[6] or None,
            place_of_supply=row[7],
            taxable=Paise(row[8]),
            cgst=Paise(row[9]),
            sgst=Paise(row[10]),
            igst=Paise(row[11]),
            round_off=Paise(row[12]),
            total=Paise(row[13]),
            old_gold=Paise(row[14]),
        )
        for row in await session.execute(_invoice_query(flt))
    ]
    documents.extend(
        SalesDocument(
            id=row[0],
            kind=DocumentKind.CREDIT_NOTE,
            number=row[1],
            day=row[2],
            terminal_id=row[3],
            cancelled=row[4] == DocumentStatus.CANCELLED.value,
            against_id=row[14],
            against_number=row[15],
            buyer_name=row[5],
            buyer_gstin=row[6] or None,
            place_of_supply=row[7],
            taxable=Paise(row[8]),
            cgst=Paise(row[9]),
            sgst=Paise(row[10]),
            igst=Paise(row[11]),
            round_off=Paise(row[12]),
            total=Paise(row[13]),
            old_gold=Paise(0),
        )
        for row in await session.execute(_note_query(flt))
    )
    return documents


def _payment(row: Row[*tuple[Any, ...]]) -> PaymentRecord:
    return PaymentRecord(
        day=row[0],
        terminal_id=row[1],
        mode=PaymentMode(row[2]),
        way=MoneyWay.OUT if row[3] == PaymentDirection.REFUNDED.value else MoneyWay.IN,
        amount=Paise(row[4]),
        invoice_id=row[5],
        credit_note_id=row[6],
    )


_PAYMENT_COLUMNS = (
    Payment.payment_date,
    Payment.terminal_id,
    Payment.mode,
    Payment.direction,
    Payment.amount_paise,
    Payment.invoice_id,
    Payment.credit_note_id,
)


async def payments_in_range(session: AsyncSession, flt: ReportFilter) -> list[PaymentRecord]:
    """Money that moved in the range (by payment date) at the filter's terminals."""
    rows = await session.execute(
        select(*_PAYMENT_COLUMNS).where(
            Payment.payment_date >= flt.date_from,
            Payment.payment_date <= flt.date_to,
            *_on_terminals(Payment.terminal_id, flt),
        )
    )
    return [_payment(row) for row in rows]


async def payments_for_documents(session: AsyncSession, flt: ReportFilter) -> list[PaymentRecord]:
    """Every payment against the register's documents, whatever its own date: the settlement
    of an invoice (and a note's refund) belongs on the document's row.

    Selected through the same filter as `sales_documents` (joined, not an id list) so a month
    of documents is one query, not thousands of parameters.
    """
    on_invoice = (
        select(*_PAYMENT_COLUMNS)
        .join(Invoice, and_(Invoice.shop_id == Payment.shop_id, Invoice.id == Payment.invoice_id))
        .where(
            Invoice.invoice_date >= flt.date_from,
            Invoice.invoice_date <= flt.date_to,
            *_on_terminals(Invoice.terminal_id, flt),
        )
    )
    on_note = (
        select(*_PAYMENT_COLUMNS)
        .join(
            CreditNote,
            and_(CreditNote.shop_id == Payment.shop_id, CreditNote.id == Payment.credit_note_id),
        )
        .where(
            CreditNote.note_date >= flt.date_from,
            CreditNote.note_date <= flt.date_to,
            *_on_terminals(CreditNote.terminal_id, flt),
        )
    )
    found = [_payment(row) for row in await session.execute(on_invoice)]
    found.extend(_payment(row) for row in await session.execute(on_note))
    return found


async def old_gold_lots(session: AsyncSession, flt: ReportFilter) -> list[OldGoldLot]:
    """Issued old-gold vouchers dated in the range at the filter's terminals."""
    rows = await session.execute(
        select(
            OldGoldVoucher.voucher_date,
            OldGoldVoucher.terminal_id,
            OldGoldVoucher.metal,
            OldGoldVoucher.purity_fineness,
            OldGoldVoucher.gross_mg,
            OldGoldVoucher.net_mg,
            OldGoldVoucher.value_paise,
        ).where(
            OldGoldVoucher.voucher_date >= flt.date_from,
            OldGoldVoucher.voucher_date <= flt.date_to,
            OldGoldVoucher.status == DocumentStatus.ISSUED.value,
            *_on_terminals(OldGoldVoucher.terminal_id, flt),
        )
    )
    return [
        OldGoldLot(
            day=row[0],
            terminal_id=row[1],
            metal=row[2],
            fineness=row[3],
            gross=Milligrams(row[4]),
            net=Milligrams(row[5]),
            value=Paise(row[6]),
        )
        for row in rows
    ]


async def line_shares(session: AsyncSession, flt: ReportFilter) -> list[LineShare]:
    """The lines of the range's issued invoices and credit notes, each with its metal (a note's
    line takes the metal of the invoice line it reverses)."""
    invoice_lines = (
        select(
            InvoiceLine.invoice_id,
            InvoiceLine.metal,
            InvoiceLine.taxable_paise,
            InvoiceLine.gst_rate_bp,
        )
        .join(
            Invoice,
            and_(Invoice.shop_id == InvoiceLine.shop_id, Invoice.id == InvoiceLine.invoice_id),
        )
        .where(
            Invoice.invoice_date >= flt.date_from,
            Invoice.invoice_date <= flt.date_to,
            Invoice.status == DocumentStatus.ISSUED.value,
            *_on_terminals(Invoice.terminal_id, flt),
        )
    )
    note_lines = (
        select(
            CreditNoteLine.credit_note_id,
            InvoiceLine.metal,
            CreditNoteLine.taxable_paise,
            CreditNoteLine.gst_rate_bp,
        )
        .join(
            CreditNote,
            and_(
                CreditNote.shop_id == CreditNoteLine.shop_id,
                CreditNote.id == CreditNoteLine.credit_note_id,
            ),
        )
        .outerjoin(
            InvoiceLine,
            and_(
                InvoiceLine.shop_id == CreditNoteLine.shop_id,
                InvoiceLine.id == CreditNoteLine.invoice_line_id,
            ),
        )
        .where(
            CreditNote.note_date >= flt.date_from,
            CreditNote.note_date <= flt.date_to,
            CreditNote.status == DocumentStatus.ISSUED.value,
            *_on_terminals(CreditNote.terminal_id, flt),
        )
    )
    shares = [
        LineShare(row[0], row[1], Paise(row[2]), row[3])
        for row in await session.execute(invoice_lines)
    ]
    shares.extend(
        LineShare(row[0], row[1], Paise(row[2]), row[3])
        for row in await session.execute(note_lines)
    )
    return shares


async def terminal_names(session: AsyncSession) -> dict[uuid.UUID, str]:
    """Every terminal of the shop by id (revoked ones too: their old documents still show)."""
    rows = await session.execute(select(Terminal.id, Terminal.name))
    return {row[0]: row[1] for row in rows}


__all__ = [
    "line_shares",
    "old_gold_lots",
    "payments_for_documents",
    "payments_in_range",
    "sales_documents",
    "terminal_names",
]
