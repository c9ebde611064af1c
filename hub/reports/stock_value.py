"""A piece's value at a day's rate, priced by the kernel exactly as a counter scan would.

Two figures per piece: the metal value (net weight x the sale rate for its purity, the figure
a jeweller's stock register carries) and the value before GST that a counter would bill today
(metal + wastage + making + stones + hallmarking, by `shared.pricing`). A piece whose purity has
no rate is not valued at all: a missing rate is reported, never guessed from another grade.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from hub.reports.stock_reads import PieceFacts, RateKey
from shared.errors import InvalidInput
from shared.money import Paise
from shared.pricing import LineDraft, LineKind, MakingCharge, MakingMode, StoneCharge, price_line
from shared.purity import Metal, Purity, default_catalogue


@dataclass(frozen=True, slots=True)
class PieceValue:
    metal_value: Paise
    sale_value: Paise
    """Taxable value at today's rate: what the counter would bill before GST."""


def grade(metal: str, fineness: int) -> Purity:
    """The BIS grade for a stored metal and fineness, or a bare grade for a shop's own."""
    parsed = Metal.parse(metal)
    try:
        return default_catalogue().find(parsed, fineness)
    except InvalidInput:
        return Purity(parsed, fineness)


def grade_label(metal: str, fineness: int) -> str:
    """The mark as stamped: 22K916, 925, Pt950."""
    return grade(metal, fineness).label


def _making(mode: str, rate: int) -> MakingCharge:
    parsed = MakingMode(mode)
    if parsed is MakingMode.PERCENT:
        return MakingCharge(parsed, percent=Decimal(rate) / 100)
    return MakingCharge(parsed, amount=Paise(rate))


def value_at(piece: PieceFacts, rate: Paise) -> PieceValue:
    """Price the piece at `rate` (paise per gram of its purity) with the kernel.

    The HUID plays no part in the value, so it is left off the line: a piece with a missing or
    malformed HUID (which the HUID report lists) is still valued.
    """
    purity = grade(piece.metal, piece.purity_fineness)
    draft = LineDraft(
        kind=LineKind.JEWELLERY,
        hsn=piece.hsn,
        gst_rate=(Decimal(piece.gst_rate_bp) / 100).normalize(),
        gross_weight=piece.gross,
        net_weight=piece.net,
        metal=purity.metal,
        purity=purity,
        stone_weight=piece.stone,
        rate=rate,
        description=piece.description,
        wastage_percent=Decimal(piece.wastage_bp) / 100,
        making=_making(piece.making_mode, piece.making_rate),
        stones=(StoneCharge(stated_value=piece.stone_value),) if piece.stone_value else (),
        hallmark_charge=piece.hallmark_fee,
    )
    priced = price_line(draft)
    return PieceValue(metal_value=priced.metal_value, sale_value=priced.taxable_value)


@dataclass(frozen=True, slots=True)
class Valuation:
    """Each valued piece's figures, and why the others could not be valued."""

    values: Mapping[uuid.UUID, PieceValue]
    """By piece id."""
    unvalued: Mapping[uuid.UUID, str]
    """By piece id: the reason, in the owner's words."""


def value_pieces(pieces: list[PieceFacts], rates: Mapping[RateKey, Paise]) -> Valuation:
    values: dict[uuid.UUID, PieceValue] = {}
    unvalued: dict[uuid.UUID, str] = {}
    for piece in pieces:
        rate = rates.get((piece.metal, piece.purity_fineness))
        if rate is None:
            label = grade_label(piece.metal, piece.purity_fineness)
            unvalued[piece.id] = f"no {piece.metal} {label} sale rate"
            continue
        try:
            values[piece.id] = value_at(piece, rate)
        except (InvalidInput, ValueError) as error:
            unvalued[piece.id] = str(error)
    return Valuation(values, unvalued)
