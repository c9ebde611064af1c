"""Read models of issued invoices for lists, history and reprint (stored figures, never
recomputed: an issued invoice must show what it showed the day it was issued)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shared.money import Milligrams, Paise
from shared.tables import CreditNote, Invoice, InvoiceLine, Payment, StockPiece


@dataclass(frozen=True, slots=True)
class InvoiceSummary:
    id: uuid.UUID
    number: str
    invoice_date: dt.date
    buyer_name: str
    grand_total: Paise
    net_payable: Paise
    status: str
    returned: bool


@dataclass(frozen=True, slots=True)
class InvoiceLineView:
    id: uuid.UUID
    line_no: int
    stock_piece_id: uuid.UUID | None
    tag_code: str | None
    description: str
    huid: str | None
    net: Milligrams
    taxable: Paise


@dataclass(frozen=True, slots=True)
class PaymentView:
    mode: str
    amount: Paise
    direction: str
    reference: str | None


@dataclass(frozen=True, slots=True)
class InvoiceDetail:
    summary: InvoiceSummary
    lines: list[InvoiceLineView]
    payments: list[PaymentView]
    credit_notes: list[str]


def summary(session: Session, row: Invoice) -> InvoiceSummary:
    returned = (
        session.scalar(
            select(CreditNote.id)
            .where(CreditNote.shop_id == row.shop_id, CreditNote.invoice_id == row.id)
            .limit(1)
        )
        is not None
    )
    return InvoiceSummary(
        row.id,
        row.number,
        row.invoice_date,
        row.buyer_name,
        Paise(row.grand_total_paise),
        Paise(row.net_payable_paise),
        row.status,
        returned,
    )


def detail(session: Session, row: Invoice) -> InvoiceDetail:
    lines = session.execute(
        select(InvoiceLine, StockPiece.tag_code)
        .outerjoin(
            StockPiece,
            (StockPiece.shop_id == InvoiceLine.shop_id)
            & (StockPiece.id == InvoiceLine.stock_piece_id),
        )
        .where(InvoiceLine.shop_id == row.shop_id, InvoiceLine.invoice_id == row.id)
        .order_by(InvoiceLine.line_no)
    ).all()
    payments = session.scalars(
        select(Payment).where(Payment.shop_id == row.shop_id, Payment.invoice_id == row.id)
    )
    notes = session.scalars(
        select(CreditNote.number)
        .where(CreditNote.shop_id == row.shop_id, CreditNote.invoice_id == row.id)
        .order_by(CreditNote.issued_at)
    )
    return InvoiceDetail(
        summary(session, row),
        [
            InvoiceLineView(
                line.id,
                line.line_no,
                line.stock_piece_id,
                tag,
                line.description,
                line.huid,
                Milligrams(line.net_mg),
                Paise(line.taxable_paise),
            )
            for line, tag in lines
        ],
        [PaymentView(p.mode, Paise(p.amount_paise), p.direction, p.reference) for p in payments],
        list(notes),
    )
