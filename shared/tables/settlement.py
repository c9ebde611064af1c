"""How a bill is settled: payments, and old gold bought from the customer and netted off.

Both are insert-only events. Old gold bought from a consumer is not a taxable supply: it is a
separate purchase voucher whose value is subtracted from what the customer pays (DOMAIN.md).
Deductions are basis points (`*_bp`, 250 = 2.50 %).
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
from sqlalchemy.orm import Mapped, mapped_column

from shared.tables.base import Base, EventRow, ShopScoped
from shared.tables.shops import SERIES_LENGTH
from shared.tables.types import BigInt
from shared.tables.vocabulary import (
    DocumentStatus,
    Metal,
    PaymentDirection,
    PaymentMode,
    one_of,
)


class OldGoldVoucher(ShopScoped, EventRow, Base):
    """A purchase voucher for old metal, numbered in the terminal's voucher series.

    value = net weight x buying rate x (1 - deduction), to the paisa, then to the rupee
    (DOMAIN.md convention 5): `metal_value_paise` is the first product, `deduction_paise` what
    the deduction took, `value_paise` the whole-rupee amount netted against the invoice.
    """

    __tablename__ = "old_gold_voucher"
    __table_args__ = (
        UniqueConstraint("shop_id", "series", "financial_year", "number"),
        Index(None, "shop_id", "invoice_id"),
        Index(None, "shop_id", "customer_id"),
        Index(None, "shop_id", "terminal_id"),
        ForeignKeyConstraint(["shop_id", "terminal_id"], ["terminal.shop_id", "terminal.id"]),
        ForeignKeyConstraint(["shop_id", "invoice_id"], ["invoice.shop_id", "invoice.id"]),
        ForeignKeyConstraint(["shop_id", "customer_id"], ["customer.shop_id", "customer.id"]),
        CheckConstraint(one_of("metal", Metal), name="metal"),
        CheckConstraint(one_of("status", DocumentStatus), name="status"),
        CheckConstraint("length(financial_year) = 7", name="financial_year_length"),
        CheckConstraint("length(number) BETWEEN 1 AND 16", name="number_length"),
        CheckConstraint("purity_fineness > 0 AND purity_fineness <= 1000", name="purity_range"),
        CheckConstraint("gross_mg > 0", name="gross_positive"),
        CheckConstraint("net_mg > 0", name="net_positive"),
        CheckConstraint("net_mg <= gross_mg", name="net_within_gross"),
        CheckConstraint("rate_paise_per_gram > 0", name="rate_positive"),
        CheckConstraint("deduction_bp >= 0 AND deduction_bp <= 10000", name="deduction_range"),
        CheckConstraint(
            "metal_value_paise >= 0 AND deduction_paise >= 0 AND value_paise >= 0",
            name="values_not_negative",
        ),
        CheckConstraint("value_paise % 100 = 0", name="value_whole_rupees"),
        CheckConstraint(
            "(status = 'issued' AND cancelled_at IS NULL)"
            " OR (status = 'cancelled' AND cancelled_at IS NOT NULL)",
            name="cancelled_has_time",
        ),
    )

    terminal_id: Mapped[uuid.UUID]
    invoice_id: Mapped[uuid.UUID | None]
    """The invoice it was netted against; None for a purchase paid out on its own."""
    customer_id: Mapped[uuid.UUID | None]
    user_id: Mapped[uuid.UUID | None]
    series: Mapped[str] = mapped_column(String(SERIES_LENGTH))
    financial_year: Mapped[str] = mapped_column(String(7))
    number: Mapped[str] = mapped_column(String(SERIES_LENGTH))
    issued_at: Mapped[datetime]
    voucher_date: Mapped[date]
    seller_name: Mapped[str] = mapped_column(String(200))
    seller_phone: Mapped[str | None] = mapped_column(String(20))
    seller_pan: Mapped[str | None] = mapped_column(String(10))
    seller_address: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str] = mapped_column(String(200))
    metal: Mapped[str] = mapped_column(String(16))
    purity_fineness: Mapped[int]
    """The purity as tested at the counter, not as claimed."""
    gross_mg: Mapped[BigInt]
    net_mg: Mapped[BigInt]
    rate_paise_per_gram: Mapped[BigInt]
    deduction_bp: Mapped[int] = mapped_column(default=0)
    metal_value_paise: Mapped[BigInt]
    deduction_paise: Mapped[BigInt]
    value_paise: Mapped[BigInt]
    status: Mapped[str] = mapped_column(String(16), default=DocumentStatus.ISSUED.value)
    cancelled_at: Mapped[datetime | None]
    cancel_reason: Mapped[str | None] = mapped_column(String(200))


class Payment(ShopScoped, EventRow, Base):
    """Money received against an invoice (or as an advance), or refunded on a credit note.

    `payment_date` (Asia/Kolkata) and `customer_id` are indexed together because the cash limit
    of IT Act s.269ST is judged per person per day.
    """

    __tablename__ = "payment"
    __table_args__ = (
        Index(None, "shop_id", "invoice_id"),
        Index(None, "shop_id", "customer_id", "payment_date"),
        Index(None, "shop_id", "payment_date"),
        Index(None, "shop_id", "credit_note_id"),
        Index(None, "shop_id", "terminal_id"),
        ForeignKeyConstraint(["shop_id", "terminal_id"], ["terminal.shop_id", "terminal.id"]),
        ForeignKeyConstraint(["shop_id", "invoice_id"], ["invoice.shop_id", "invoice.id"]),
        ForeignKeyConstraint(
            ["shop_id", "credit_note_id"], ["credit_note.shop_id", "credit_note.id"]
        ),
        ForeignKeyConstraint(["shop_id", "customer_id"], ["customer.shop_id", "customer.id"]),
        CheckConstraint(one_of("mode", PaymentMode), name="mode"),
        CheckConstraint(one_of("direction", PaymentDirection), name="direction"),
        CheckConstraint("amount_paise > 0", name="amount_positive"),
    )

    terminal_id: Mapped[uuid.UUID]
    invoice_id: Mapped[uuid.UUID | None]
    credit_note_id: Mapped[uuid.UUID | None]
    customer_id: Mapped[uuid.UUID | None]
    user_id: Mapped[uuid.UUID | None]
    mode: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16), default=PaymentDirection.RECEIVED.value)
    amount_paise: Mapped[BigInt]
    reference: Mapped[str | None] = mapped_column(String(64))
    """Card approval code, UPI transaction id or bank reference."""
    received_at: Mapped[datetime]
    payment_date: Mapped[date]
