"""The shop (a platform row, one per tenant) and its counter terminals."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shared.ids import new_id
from shared.tables.base import Base, MutableRow, ShopScoped
from shared.tables.vocabulary import ShopStatus, TerminalStatus, one_of

# Series and document numbers: at most 16 characters (GST rule 46).
SERIES_LENGTH = 16


class Shop(MutableRow, Base):
    """A jewellery shop: the tenant. Global (its id *is* the `shop_id` of every business row).

    Kept in the shared tables because the counter prints the shop's name, GSTIN and address on
    every invoice and decides intra- or inter-state supply from its state code.
    """

    __tablename__ = "shop"
    __table_args__ = (
        CheckConstraint(one_of("status", ShopStatus), name="status"),
        CheckConstraint("length(state_code) = 2", name="state_code_length"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(200))
    legal_name: Mapped[str] = mapped_column(String(200))
    gstin: Mapped[str | None] = mapped_column(String(15))
    pan: Mapped[str | None] = mapped_column(String(10))
    state_code: Mapped[str] = mapped_column(String(2))
    address: Mapped[str] = mapped_column(Text)
    pincode: Mapped[str | None] = mapped_column(String(6))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(16), default=ShopStatus.ACTIVE.value)


class Terminal(ShopScoped, MutableRow, Base):
    """A counter PC. It owns its document series, so two offline terminals never issue the same
    invoice number (DESIGN.md section 2); the hub refuses a series another terminal holds."""

    __tablename__ = "terminal"
    __table_args__ = (
        UniqueConstraint("shop_id", "invoice_series"),
        UniqueConstraint("shop_id", "credit_note_series"),
        UniqueConstraint("shop_id", "voucher_series"),
        CheckConstraint(one_of("status", TerminalStatus), name="status"),
        CheckConstraint("status = 'active' OR revoked_at IS NOT NULL", name="revoked_has_time"),
    )

    name: Mapped[str] = mapped_column(String(100))
    invoice_series: Mapped[str] = mapped_column(String(SERIES_LENGTH))
    credit_note_series: Mapped[str] = mapped_column(String(SERIES_LENGTH))
    voucher_series: Mapped[str] = mapped_column(String(SERIES_LENGTH))
    status: Mapped[str] = mapped_column(String(16), default=TerminalStatus.ACTIVE.value)
    enrolled_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
