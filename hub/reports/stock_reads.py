"""The reads behind the stock and HUID reports: pieces, their movements, the sale rates.

Each read is one ORM `select()` on a tenant session, which scopes every table to the shop, so
another shop's pieces can never reach a report. Rows come back as small frozen records that the
pure table builders (`stock_holdings`, `stock_movement`, `huid_tables`) work on without a
database.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from shared.money import Milligrams, Paise
from shared.tables import MetalRate, Product, StockMovement, StockPiece
from shared.tables.vocabulary import PieceStatus, RateKind

HELD_STATUSES: Final = frozenset({PieceStatus.IN_STOCK.value, PieceStatus.RESERVED.value})
"""Statuses in which a piece is still the shop's stock: a reserved piece waits in the safe for
its buyer and is counted (and valued) until it is sold."""


@dataclass(frozen=True, slots=True)
class PieceFacts:
    """One tagged piece as the reports need it: identity, grade, weights and pricing terms."""

    id: uuid.UUID
    tag_code: str
    description: str
    product_name: str | None
    metal: str
    purity_fineness: int
    huid: str | None
    hsn: str
    gst_rate_bp: int
    gross: Milligrams
    stone: Milligrams
    net: Milligrams
    stone_value: Paise
    making_mode: str
    making_rate: int
    wastage_bp: int
    hallmark_fee: Paise
    status: str
    created_at: dt.datetime

    @property
    def held(self) -> bool:
        return self.status in HELD_STATUSES


@dataclass(frozen=True, slots=True)
class MovementFact:
    """One movement event: which piece, what happened, the status it left, and when."""

    id: uuid.UUID
    piece_id: uuid.UUID
    kind: str
    status_after: str
    occurred_at: dt.datetime


async def load_pieces(session: AsyncSession) -> list[PieceFacts]:
    """Every piece of the shop with its product's name (pieces may have no product)."""
    query = (
        select(StockPiece, Product.name)
        .outerjoin(
            Product,
            and_(Product.shop_id == StockPiece.shop_id, Product.id == StockPiece.product_id),
        )
        .order_by(StockPiece.tag_code)
    )
    pieces = []
    for piece, product_name in (await session.execute(query)).all():
        pieces.append(
            PieceFacts(
                id=piece.id,
                tag_code=piece.tag_code,
                description=piece.description,
                product_name=product_name,
                metal=piece.metal,
                purity_fineness=piece.purity_fineness,
                huid=piece.huid,
                hsn=piece.hsn,
                gst_rate_bp=piece.gst_rate_bp,
                gross=Milligrams(piece.gross_mg),
                stone=Milligrams(piece.stone_mg),
                net=Milligrams(piece.net_mg),
                stone_value=Paise(piece.stone_value_paise),
                making_mode=piece.making_mode,
                making_rate=piece.making_rate,
                wastage_bp=piece.wastage_bp,
                hallmark_fee=Paise(piece.hallmark_fee_paise),
                status=piece.status,
                created_at=piece.created_at,
            )
        )
    return pieces


async def load_movements(session: AsyncSession, before: dt.datetime) -> list[MovementFact]:
    """Every movement that happened before `before`, oldest first (ties in id order, which
    for UUIDv7 ids is the order they were made)."""
    query = (
        select(
            StockMovement.id,
            StockMovement.stock_piece_id,
            StockMovement.kind,
            StockMovement.status_after,
            StockMovement.occurred_at,
        )
        .where(StockMovement.occurred_at < before)
        .order_by(StockMovement.occurred_at, StockMovement.id)
    )
    return [
        MovementFact(row.id, row.stock_piece_id, row.kind, row.status_after, row.occurred_at)
        for row in (await session.execute(query)).all()
    ]


RateKey = tuple[str, int]
"""(metal, fineness): the grade a sale rate is quoted for."""


async def load_sale_rates(session: AsyncSession, before: dt.datetime) -> Mapping[RateKey, Paise]:
    """The sale rate in force per metal and purity just before `before`: for each grade, the
    row with the latest `effective_from` not after it. A grade with no such row is absent."""
    query = (
        select(
            MetalRate.metal,
            MetalRate.purity_fineness,
            MetalRate.rate_paise_per_gram,
            MetalRate.effective_from,
        )
        .where(MetalRate.kind == RateKind.SALE.value)
        .where(MetalRate.effective_from < before)
        .order_by(MetalRate.effective_from)
    )
    rates: dict[RateKey, Paise] = {}
    for row in (await session.execute(query)).all():
        rates[(row.metal, row.purity_fineness)] = Paise(row.rate_paise_per_gram)
    return rates
