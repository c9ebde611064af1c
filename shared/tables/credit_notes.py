"""Credit notes (CGST Act s.34): returns and price corrections against an issued invoice.

Like invoices they are insert-only, numbered in their own series per financial year, and keep
every figure they print. Money paise, weights milligrams, rates basis points (300 = 3 %).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.tables.base import HASH_LENGTH, Base, EventRow, ShopScoped
from shared.tables.documents import document_checks
from shared.tables.shops import SERIES_LENGTH
from shared.tables.types import BigInt
from shared.tables.vocabulary import CreditNoteClass, DocumentStatus, one_of


class CreditNote(ShopScoped, EventRow, Base):
    """A credit note as issued, referencing the invoice it corrects.

    The buyer's name and GSTIN are copied from the invoice so CDNR/CDNUR reporting reads one
    row; `classification` is the GSTR-1 table it goes to.
    """

    __tablename__ = "credit_note"
    __table_args__ = (
        UniqueConstraint("shop_id", "series", "financial_year", "number"),
        Index(None, "shop_id", "invoice_id"),
        Index(None, "shop_id", "note_date"),
        Index(None, "shop_id", "terminal_id"),
        ForeignKeyConstraint(["shop_id", "invoice_id"], ["invoice.shop_id", "invoice.id"]),
        ForeignKeyConstraint(["shop_id", "terminal_id"], ["terminal.shop_id", "terminal.id"]),
        *document_checks(),
        CheckConstraint(one_of("classification", CreditNoteClass), name="classification"),
    )

    invoice_id: Mapped[uuid.UUID]
    terminal_id: Mapped[uuid.UUID]
    customer_id: Mapped[uuid.UUID | None]
    user_id: Mapped[uuid.UUID | None]
    series: Mapped[str] = mapped_column(String(SERIES_LENGTH))
    financial_year: Mapped[str] = mapped_column(String(7))
    number: Mapped[str] = mapped_column(String(SERIES_LENGTH))
    issued_at: Mapped[datetime]
    note_date: Mapped[date]
    reason: Mapped[str] = mapped_column(String(200))
    supply_type: Mapped[str] = mapped_column(String(8))
    place_of_supply: Mapped[str] = mapped_column(String(2))
    classification: Mapped[str] = mapped_column(String(8))
    buyer_name: Mapped[str] = mapped_column(String(200))
    buyer_gstin: Mapped[str | None] = mapped_column(String(15))
    taxable_paise: Mapped[BigInt]
    cgst_paise: Mapped[BigInt]
    sgst_paise: Mapped[BigInt]
    igst_paise: Mapped[BigInt]
    round_off_paise: Mapped[BigInt]
    grand_total_paise: Mapped[BigInt]
    status: Mapped[str] = mapped_column(String(16), default=DocumentStatus.ISSUED.value)
    cancelled_at: Mapped[datetime | None]
    cancelled_by_user_id: Mapped[uuid.UUID | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(200))
    hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))

    lines: Mapped[list[CreditNoteLine]] = relationship(order_by="CreditNoteLine.line_no")


class CreditNoteLine(ShopScoped, EventRow, Base):
    """One returned article or one price correction, at the rate of the invoice line it
    reverses. `net_mg` is the weight returned (0 for a price correction)."""

    __tablename__ = "credit_note_line"
    __table_args__ = (
        UniqueConstraint("shop_id", "credit_note_id", "line_no"),
        Index(None, "shop_id", "invoice_line_id"),
        Index(None, "shop_id", "stock_piece_id"),
        ForeignKeyConstraint(
            ["shop_id", "credit_note_id"], ["credit_note.shop_id", "credit_note.id"]
        ),
        ForeignKeyConstraint(
            ["shop_id", "invoice_line_id"], ["invoice_line.shop_id", "invoice_line.id"]
        ),
        ForeignKeyConstraint(
            ["shop_id", "stock_piece_id"], ["stock_piece.shop_id", "stock_piece.id"]
        ),
        CheckConstraint("line_no >= 1", name="line_no_positive"),
        CheckConstraint("gst_rate_bp >= 0", name="gst_rate_not_negative"),
        CheckConstraint("gross_mg >= 0 AND net_mg >= 0", name="weights"),
        CheckConstraint("net_mg <= gross_mg", name="net_within_gross"),
        CheckConstraint("taxable_paise >= 0", name="taxable_not_negative"),
    )

    credit_note_id: Mapped[uuid.UUID]
    line_no: Mapped[int]
    invoice_line_id: Mapped[uuid.UUID | None]
    stock_piece_id: Mapped[uuid.UUID | None]
    description: Mapped[str] = mapped_column(String(200))
    hsn: Mapped[str] = mapped_column(String(8))
    gst_rate_bp: Mapped[int]
    gross_mg: Mapped[BigInt] = mapped_column(default=0)
    net_mg: Mapped[BigInt] = mapped_column(default=0)
    taxable_paise: Mapped[BigInt]
