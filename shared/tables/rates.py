"""The day's metal rates, in paise per gram of the stated purity."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from shared.tables.base import Base, MutableRow, ShopScoped
from shared.tables.types import BigInt
from shared.tables.vocabulary import Metal, RateKind, one_of


class MetalRate(ShopScoped, MutableRow, Base):
    """A rate that applies from `effective_from` until the next one for the same metal, purity
    and kind. The rate in force at an instant is the latest row not after it; past rows stay,
    so an old invoice can always be re-priced to prove its figures."""

    __tablename__ = "metal_rate"
    __table_args__ = (
        UniqueConstraint("shop_id", "metal", "purity_fineness", "kind", "effective_from"),
        CheckConstraint(one_of("metal", Metal), name="metal"),
        CheckConstraint(one_of("kind", RateKind), name="kind"),
        CheckConstraint("purity_fineness > 0 AND purity_fineness <= 1000", name="purity_range"),
        CheckConstraint("rate_paise_per_gram > 0", name="rate_positive"),
    )

    metal: Mapped[str] = mapped_column(String(16))
    purity_fineness: Mapped[int]
    kind: Mapped[str] = mapped_column(String(16), default=RateKind.SALE.value)
    rate_paise_per_gram: Mapped[BigInt]
    effective_from: Mapped[datetime]
