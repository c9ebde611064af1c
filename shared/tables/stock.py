"""What the shop sells: products (the catalogue), tagged pieces, and every movement of a piece.

Percentages are integer hundredths of a percent (`*_bp`, basis points): 250 means 2.50 %, 300
means 3 %. Making charges come in three modes and are kept as typed: `making_rate` is paise per
gram for `per_gram`, basis points of the metal value for `percent`, and paise for `flat`.
Purity is fineness in parts per thousand (916 for 22K, 925 for sterling silver).
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKeyConstraint,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from shared.tables.base import Base, EventRow, MutableRow, ShopScoped
from shared.tables.types import BigInt
from shared.tables.vocabulary import MakingMode, Metal, MovementKind, PieceStatus, one_of

PURITY_RANGE = "purity_fineness > 0 AND purity_fineness <= 1000"


class Product(ShopScoped, MutableRow, Base):
    """A catalogue entry (a design or a category such as "22K plain bangle") that pieces copy
    their defaults from: metal, purity, HSN, GST rate, making and wastage."""

    __tablename__ = "product"
    __table_args__ = (
        UniqueConstraint("shop_id", "code"),
        CheckConstraint(one_of("metal", Metal), name="metal"),
        CheckConstraint(PURITY_RANGE, name="purity_range"),
        CheckConstraint(one_of("making_mode", MakingMode), name="making_mode"),
        CheckConstraint("making_rate >= 0", name="making_rate_not_negative"),
        CheckConstraint("wastage_bp >= 0", name="wastage_not_negative"),
        CheckConstraint("gst_rate_bp >= 0", name="gst_rate_not_negative"),
    )

    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    metal: Mapped[str] = mapped_column(String(16))
    purity_fineness: Mapped[int]
    hsn: Mapped[str] = mapped_column(String(8))
    gst_rate_bp: Mapped[int]
    making_mode: Mapped[str] = mapped_column(String(16))
    making_rate: Mapped[BigInt] = mapped_column(default=0)
    wastage_bp: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)


class StockPiece(ShopScoped, MutableRow, Base):
    """One tagged article in the showroom, priced on the scan of its tag.

    Everything the pricer needs is on this row (HSN and GST rate are copied from the product
    when the piece is tagged) so a scan is one indexed lookup among 200 000 pieces.
    Weights follow DOMAIN.md: 0 < net <= gross, 0 <= stone <= gross.
    """

    __tablename__ = "stock_piece"
    __table_args__ = (
        UniqueConstraint("shop_id", "tag_code"),
        UniqueConstraint("shop_id", "barcode"),
        UniqueConstraint("shop_id", "huid"),
        Index(None, "shop_id", "status"),
        Index(None, "shop_id", "product_id"),
        ForeignKeyConstraint(["shop_id", "product_id"], ["product.shop_id", "product.id"]),
        CheckConstraint(one_of("metal", Metal), name="metal"),
        CheckConstraint(one_of("status", PieceStatus), name="status"),
        CheckConstraint(one_of("making_mode", MakingMode), name="making_mode"),
        CheckConstraint(PURITY_RANGE, name="purity_range"),
        CheckConstraint("gross_mg > 0", name="gross_positive"),
        CheckConstraint("net_mg > 0", name="net_positive"),
        CheckConstraint("net_mg <= gross_mg", name="net_within_gross"),
        CheckConstraint("stone_mg >= 0", name="stone_not_negative"),
        CheckConstraint("stone_mg <= gross_mg", name="stone_within_gross"),
        CheckConstraint("huid IS NULL OR length(huid) = 6", name="huid_length"),
        CheckConstraint("making_rate >= 0", name="making_rate_not_negative"),
        CheckConstraint("wastage_bp >= 0", name="wastage_not_negative"),
        CheckConstraint("gst_rate_bp >= 0", name="gst_rate_not_negative"),
        CheckConstraint("stone_value_paise >= 0", name="stone_value_not_negative"),
        CheckConstraint("hallmark_fee_paise >= 0", name="hallmark_fee_not_negative"),
    )

    product_id: Mapped[uuid.UUID | None]
    tag_code: Mapped[str] = mapped_column(String(32))
    barcode: Mapped[str | None] = mapped_column(String(64))
    huid: Mapped[str | None] = mapped_column(String(6))
    description: Mapped[str] = mapped_column(String(200))
    metal: Mapped[str] = mapped_column(String(16))
    purity_fineness: Mapped[int]
    gross_mg: Mapped[BigInt]
    stone_mg: Mapped[BigInt] = mapped_column(default=0)
    net_mg: Mapped[BigInt]
    stone_carats_mct: Mapped[BigInt] = mapped_column(default=0)
    """Stone weight in milli-carats (1 ct = 0.2 g), for the BIS tag and stone pricing."""
    stone_value_paise: Mapped[BigInt] = mapped_column(default=0)
    making_mode: Mapped[str] = mapped_column(String(16))
    making_rate: Mapped[BigInt] = mapped_column(default=0)
    wastage_bp: Mapped[int] = mapped_column(default=0)
    hallmark_fee_paise: Mapped[BigInt] = mapped_column(default=0)
    hsn: Mapped[str] = mapped_column(String(8))
    gst_rate_bp: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default=PieceStatus.IN_STOCK.value)


class StockMovement(ShopScoped, EventRow, Base):
    """One change in a piece's life (tagged, sold, returned, reserved, removed), insert-only.

    The piece's `status` is the latest of these; the movements are the history an owner audits
    and what the hub uses to spot one piece sold on two offline terminals.
    """

    __tablename__ = "stock_movement"
    __table_args__ = (
        Index(None, "shop_id", "stock_piece_id", "occurred_at"),
        ForeignKeyConstraint(
            ["shop_id", "stock_piece_id"], ["stock_piece.shop_id", "stock_piece.id"]
        ),
        CheckConstraint(one_of("kind", MovementKind), name="kind"),
        CheckConstraint(one_of("status_after", PieceStatus), name="status_after"),
    )

    stock_piece_id: Mapped[uuid.UUID]
    kind: Mapped[str] = mapped_column(String(16))
    status_after: Mapped[str] = mapped_column(String(16))
    invoice_id: Mapped[uuid.UUID | None]
    credit_note_id: Mapped[uuid.UUID | None]
    user_id: Mapped[uuid.UUID | None]
    reason: Mapped[str | None] = mapped_column(String(200))
    occurred_at: Mapped[datetime]
