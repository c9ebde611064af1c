"""Tax invoices and their lines: insert-only, numbered gaplessly per series per financial year.

An invoice is never edited after issue (DESIGN.md section 2). The one change it allows is
cancellation, a one-way step from `issued` to `cancelled` recorded with its time, its user and
its reason (and an audit event); corrections are credit notes. Percentages are basis points
(`*_bp`, 300 = 3 %); weights milligrams; money paise.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from shared.tables.base import HASH_LENGTH, Base, EventRow, ShopScoped
from shared.tables.documents import document_checks
from shared.tables.shops import SERIES_LENGTH
from shared.tables.types import BigInt
from shared.tables.vocabulary import DocumentStatus, InvoiceClass, MakingMode, Metal, one_of


class Invoice(ShopScoped, EventRow, Base):
    """A tax invoice as issued: numbers, place of supply, buyer as they were, every total.

    `issued_at` is the UTC instant; `invoice_date` is the Asia/Kolkata date printed on it (and
    the one GSTR-1 and the financial year go by). `net_payable_paise` is the grand total less
    the old-gold voucher netted against it, and is negative when the shop owes the customer.
    `hash` seals the stored figures for the audit trail.
    """

    __tablename__ = "invoice"
    __table_args__ = (
        UniqueConstraint("shop_id", "series", "financial_year", "number"),
        Index(None, "shop_id", "invoice_date"),
        Index(None, "shop_id", "customer_id"),
        Index(None, "shop_id", "terminal_id"),
        ForeignKeyConstraint(["shop_id", "terminal_id"], ["terminal.shop_id", "terminal.id"]),
        ForeignKeyConstraint(["shop_id", "customer_id"], ["customer.shop_id", "customer.id"]),
        *document_checks(),
        CheckConstraint(one_of("classification", InvoiceClass), name="classification"),
        CheckConstraint("old_gold_value_paise >= 0", name="old_gold_not_negative"),
        CheckConstraint(
            "net_payable_paise = grand_total_paise - old_gold_value_paise", name="net_payable"
        ),
    )

    terminal_id: Mapped[uuid.UUID]
    customer_id: Mapped[uuid.UUID | None]
    user_id: Mapped[uuid.UUID | None]
    """The salesperson who issued it."""
    series: Mapped[str] = mapped_column(String(SERIES_LENGTH))
    financial_year: Mapped[str] = mapped_column(String(7))
    """April to March, written "2025-26"."""
    number: Mapped[str] = mapped_column(String(SERIES_LENGTH))
    issued_at: Mapped[datetime]
    invoice_date: Mapped[date]
    supply_type: Mapped[str] = mapped_column(String(8))
    place_of_supply: Mapped[str] = mapped_column(String(2))
    """The two-digit GST state code of the place of supply."""
    classification: Mapped[str] = mapped_column(String(8))
    reverse_charge: Mapped[bool] = mapped_column(default=False)
    buyer_name: Mapped[str] = mapped_column(String(200))
    buyer_gstin: Mapped[str | None] = mapped_column(String(15))
    buyer_pan: Mapped[str | None] = mapped_column(String(10))
    buyer_state_code: Mapped[str | None] = mapped_column(String(2))
    buyer_address: Mapped[str | None] = mapped_column(Text)
    buyer_phone: Mapped[str | None] = mapped_column(String(20))
    taxable_paise: Mapped[BigInt]
    cgst_paise: Mapped[BigInt]
    sgst_paise: Mapped[BigInt]
    igst_paise: Mapped[BigInt]
    round_off_paise: Mapped[BigInt]
    grand_total_paise: Mapped[BigInt]
    old_gold_value_paise: Mapped[BigInt] = mapped_column(default=0)
    net_payable_paise: Mapped[BigInt]
    status: Mapped[str] = mapped_column(String(16), default=DocumentStatus.ISSUED.value)
    cancelled_at: Mapped[datetime | None]
    cancelled_by_user_id: Mapped[uuid.UUID | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(200))
    hash: Mapped[str | None] = mapped_column(String(HASH_LENGTH))

    lines: Mapped[list[InvoiceLine]] = relationship(order_by="InvoiceLine.line_no")


class InvoiceLine(ShopScoped, EventRow, Base):
    """One article sold, with every figure of DOMAIN.md convention 2 as it was computed.

    `taxable_paise` = metal + wastage + making + stone + hallmark - discount (a CHECK holds it).
    `making_rate` is as typed, read by `making_mode` (paise per gram, basis points of the metal
    value, or flat paise); `making_paise` is what it came to. Lines without metal (a loose
    diamond) leave metal and purity empty and weigh nothing.
    """

    __tablename__ = "invoice_line"
    __table_args__ = (
        UniqueConstraint("shop_id", "invoice_id", "line_no"),
        Index(None, "shop_id", "stock_piece_id"),
        ForeignKeyConstraint(["shop_id", "invoice_id"], ["invoice.shop_id", "invoice.id"]),
        ForeignKeyConstraint(
            ["shop_id", "stock_piece_id"], ["stock_piece.shop_id", "stock_piece.id"]
        ),
        CheckConstraint(f"metal IS NULL OR {one_of('metal', Metal)}", name="metal"),
        CheckConstraint(
            f"making_mode IS NULL OR {one_of('making_mode', MakingMode)}", name="making_mode"
        ),
        CheckConstraint(
            "purity_fineness IS NULL OR (purity_fineness > 0 AND purity_fineness <= 1000)",
            name="purity_range",
        ),
        CheckConstraint("line_no >= 1", name="line_no_positive"),
        CheckConstraint("gross_mg >= 0 AND stone_mg >= 0 AND net_mg >= 0", name="weights"),
        CheckConstraint("net_mg <= gross_mg", name="net_within_gross"),
        CheckConstraint("stone_mg <= gross_mg", name="stone_within_gross"),
        CheckConstraint("huid IS NULL OR length(huid) = 6", name="huid_length"),
        CheckConstraint(
            "rate_paise_per_gram >= 0 AND gst_rate_bp >= 0 AND wastage_bp >= 0"
            " AND making_rate >= 0",
            name="rates_not_negative",
        ),
        CheckConstraint(
            "metal_value_paise >= 0 AND wastage_paise >= 0 AND making_paise >= 0"
            " AND stone_paise >= 0 AND hallmark_paise >= 0 AND discount_paise >= 0"
            " AND taxable_paise >= 0",
            name="values_not_negative",
        ),
        CheckConstraint(
            "taxable_paise = metal_value_paise + wastage_paise + making_paise + stone_paise"
            " + hallmark_paise - discount_paise",
            name="taxable_sum",
        ),
    )

    invoice_id: Mapped[uuid.UUID]
    line_no: Mapped[int]
    stock_piece_id: Mapped[uuid.UUID | None]
    description: Mapped[str] = mapped_column(String(200))
    hsn: Mapped[str] = mapped_column(String(8))
    gst_rate_bp: Mapped[int]
    metal: Mapped[str | None] = mapped_column(String(16))
    purity_fineness: Mapped[int | None]
    huid: Mapped[str | None] = mapped_column(String(6))
    gross_mg: Mapped[BigInt] = mapped_column(default=0)
    stone_mg: Mapped[BigInt] = mapped_column(default=0)
    net_mg: Mapped[BigInt] = mapped_column(default=0)
    rate_paise_per_gram: Mapped[BigInt] = mapped_column(default=0)
    metal_value_paise: Mapped[BigInt] = mapped_column(default=0)
    wastage_bp: Mapped[int] = mapped_column(default=0)
    wastage_paise: Mapped[BigInt] = mapped_column(default=0)
    making_mode: Mapped[str | None] = mapped_column(String(16))
    making_rate: Mapped[BigInt] = mapped_column(default=0)
    making_paise: Mapped[BigInt] = mapped_column(default=0)
    stone_paise: Mapped[BigInt] = mapped_column(default=0)
    hallmark_paise: Mapped[BigInt] = mapped_column(default=0)
    discount_paise: Mapped[BigInt] = mapped_column(default=0)
    taxable_paise: Mapped[BigInt]
