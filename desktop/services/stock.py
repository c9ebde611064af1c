"""Stock pieces: tagging (add/edit with validation), lookup by tag/barcode/HUID, and search.

A piece carries everything the pricer needs (weights, making, wastage, stones, HSN, GST rate),
so a scan is one indexed lookup among 200 000 pieces. Validation reuses the kernel: a piece is
checked by building the `LineDraft` it would be billed as, so nothing can be tagged that could
not lawfully be sold (hallmarked gold without a HUID, net above gross...).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.services.actor import Actor, Permission
from desktop.services.context import CounterContext, UnitOfWork
from desktop.services.rates import find_purity
from shared.errors import InvalidInput
from shared.ids import new_id
from shared.money import Milligrams, Paise, parse_decimal, parse_rupees, round_half_up
from shared.pricing import (
    NO_PAISE,
    NO_WEIGHT,
    LineDraft,
    LineKind,
    MakingCharge,
    MakingMode,
    StoneCharge,
    default_gst_rate,
    default_hsn,
    validate_gst_rate,
)
from shared.purity import Metal
from shared.tables import StockMovement, StockPiece
from shared.tables.vocabulary import MovementKind, PieceStatus
from shared.validators import validate_huid

_TAG = re.compile(r"^[A-Z0-9][A-Z0-9/_-]{0,31}$")
_BARCODE = re.compile(r"^[A-Za-z0-9/_.-]{1,64}$")


@dataclass(frozen=True, slots=True)
class PieceInput:
    """A piece as the stock form, the CSV import or the CLI gives it (checked by `normalise`).

    `making_value` is text read by `making_mode`: rupees per gram ("450"), a percent ("12.5") or
    flat rupees ("1500"). Percentages are text ("2.5").
    """

    tag_code: str
    metal: str
    purity: str
    gross_weight: Milligrams
    description: str = ""
    stone_weight: Milligrams = NO_WEIGHT
    net_weight: Milligrams | None = None
    barcode: str | None = None
    huid: str | None = None
    hallmarked: bool | None = None
    making_mode: str = "per_gram"
    making_value: str = "0"
    wastage_percent: str = "0"
    stone_value: Paise = NO_PAISE
    stone_carats: str = "0"
    hallmark_fee: Paise = NO_PAISE
    hsn: str | None = None
    gst_rate: str | None = None


@dataclass(frozen=True, slots=True)
class PieceView:
    id: uuid.UUID
    tag_code: str
    barcode: str | None
    huid: str | None
    description: str
    metal: str
    fineness: int
    purity_label: str
    gross: Milligrams
    stone: Milligrams
    net: Milligrams
    making_mode: str
    making_rate: int
    wastage_bp: int
    stone_value: Paise
    hallmark_fee: Paise
    hsn: str
    gst_rate: Decimal
    status: str

    @property
    def making_text(self) -> str:
        """How the making charge reads on screen: "₹450.00/g", "12.5%", "₹1,500.00"."""
        if self.making_mode == MakingMode.PER_GRAM.value:
            return f"{Paise(self.making_rate).format()}/g"
        if self.making_mode == MakingMode.PERCENT.value:
            return f"{bp_to_percent(self.making_rate)}%"
        return Paise(self.making_rate).format()


@dataclass(frozen=True, slots=True)
class PieceFilter:
    text: str = ""
    metal: str | None = None
    fineness: int | None = None
    status: str | None = None


def percent_to_bp(text: str, field: str) -> int:
    """ "2.5" -> 250 basis points; at most two decimals (the column holds hundredths)."""
    try:
        value = parse_decimal(str(text), field.replace("_", " "), max_places=2)
    except InvalidInput as error:
        raise InvalidInput(error.reason, field) from None
    return int(value * 100)


def bp_to_percent(bp: int) -> str:
    return format((Decimal(bp) / 100).normalize(), "f")


def _making_rate(mode: MakingMode, value: str) -> int:
    if mode is MakingMode.PERCENT:
        return percent_to_bp(value, "making_value")
    try:
        return parse_rupees(str(value)).value
    except InvalidInput as error:
        raise InvalidInput(error.reason, "making_value") from None


def making_charge(mode: str, rate: int) -> MakingCharge:
    """The kernel's making charge for a stored mode and rate."""
    parsed = MakingMode(mode)
    if parsed is MakingMode.PERCENT:
        return MakingCharge(parsed, percent=Decimal(rate) / 100)
    return MakingCharge(parsed, amount=Paise(rate))


def normalise(piece: PieceInput) -> StockPiece:
    """A new, detached row for the piece, or InvalidInput naming the field."""
    tag = (piece.tag_code or "").strip().upper()
    if not _TAG.match(tag):
        raise InvalidInput(
            "a tag code is 1 to 32 upper-case letters, digits, '-', '/' or '_'", "tag_code"
        )
    try:
        metal = Metal.parse(piece.metal)
    except InvalidInput as error:
        raise error.at("metal") from None
    purity = find_purity(metal, piece.purity)
    barcode = (piece.barcode or "").strip() or None
    if barcode is not None and not _BARCODE.match(barcode):
        raise InvalidInput("a barcode is 1 to 64 letters, digits, '-', '/', '.' or '_'", "barcode")
    huid = None
    if piece.huid is not None and piece.huid.strip():
        try:
            huid = validate_huid(piece.huid)
        except InvalidInput as error:
            raise error.at("huid") from None
    hallmarked = (
        piece.hallmarked
        if piece.hallmarked is not None
        else (metal is Metal.GOLD or huid is not None)
    )
    try:
        mode = MakingMode(piece.making_mode.strip().lower())
    except ValueError:
        raise InvalidInput("the making mode is per_gram, percent or flat", "making_mode") from None
    making_rate = _making_rate(mode, piece.making_value)
    wastage_bp = percent_to_bp(piece.wastage_percent, "wastage_percent")
    hsn = (piece.hsn or default_hsn(LineKind.JEWELLERY, metal)).strip()
    try:
        gst = (
            validate_gst_rate(parse_decimal(piece.gst_rate, "GST rate"))
            if piece.gst_rate
            else default_gst_rate(hsn)
        )
    except InvalidInput as error:
        raise InvalidInput(error.reason, error.field or "gst_rate") from None
    try:
        carats = parse_decimal(piece.stone_carats or "0", "stone carats", max_places=3)
    except InvalidInput as error:
        raise error.at("stone_carats") from None
    gross, stone = piece.gross_weight, piece.stone_weight
    net = piece.net_weight if piece.net_weight is not None else gross - stone
    if piece.stone_value.value < 0:
        raise InvalidInput("the stones' value cannot be negative", "stone_value")
    # The piece must be one the kernel can bill: build its line with a nominal rate.
    LineDraft(
        kind=LineKind.JEWELLERY,
        hsn=hsn,
        gst_rate=gst,
        gross_weight=gross,
        net_weight=net,
        metal=metal,
        purity=purity,
        stone_weight=stone,
        rate=Paise(1),
        hallmarked=hallmarked,
        huid=huid,
        wastage_percent=Decimal(wastage_bp) / 100,
        making=making_charge(mode.value, making_rate),
        stones=(StoneCharge(stated_value=piece.stone_value),) if piece.stone_value else (),
        hallmark_charge=piece.hallmark_fee,
    )
    description = (piece.description or "").strip() or f"{purity.label} {metal.value} piece"
    if len(description) > 200:
        raise InvalidInput("at most 200 characters", "description")
    return StockPiece(
        tag_code=tag,
        barcode=barcode,
        huid=huid,
        description=description,
        metal=metal.value,
        purity_fineness=purity.fineness,
        gross_mg=gross.value,
        stone_mg=stone.value,
        net_mg=net.value,
        stone_carats_mct=int(round_half_up(carats * 1000)),
        stone_value_paise=piece.stone_value.value,
        making_mode=mode.value,
        making_rate=making_rate,
        wastage_bp=wastage_bp,
        hallmark_fee_paise=piece.hallmark_fee.value,
        hsn=hsn,
        gst_rate_bp=int(gst * 100),
        status=PieceStatus.IN_STOCK.value,
    )


def view(row: StockPiece) -> PieceView:
    purity = find_purity(row.metal, row.purity_fineness)
    return PieceView(
        id=row.id,
        tag_code=row.tag_code,
        barcode=row.barcode,
        huid=row.huid,
        description=row.description,
        metal=row.metal,
        fineness=row.purity_fineness,
        purity_label=purity.label,
        gross=Milligrams(row.gross_mg),
        stone=Milligrams(row.stone_mg),
        net=Milligrams(row.net_mg),
        making_mode=row.making_mode,
        making_rate=row.making_rate,
        wastage_bp=row.wastage_bp,
        stone_value=Paise(row.stone_value_paise),
        hallmark_fee=Paise(row.hallmark_fee_paise),
        hsn=row.hsn,
        gst_rate=Decimal(row.gst_rate_bp) / 100,
        status=row.status,
    )


def check_unique(
    session: Session, shop_id: uuid.UUID, row: StockPiece, exclude: uuid.UUID | None = None
) -> None:
    """Tag code, barcode and HUID are each unique in the shop."""
    for field, value in (("tag_code", row.tag_code), ("barcode", row.barcode), ("huid", row.huid)):
        if value is None:
            continue
        column = getattr(StockPiece, field)
        query = select(StockPiece.tag_code).where(StockPiece.shop_id == shop_id, column == value)
        if exclude is not None:
            query = query.where(StockPiece.id != exclude)
        other = session.scalar(query)
        if other is not None:
            what = field.replace("_", " ")
            raise InvalidInput(f"{what} {value} is already on piece {other}", field)


def insert_piece(work: UnitOfWork, actor: Actor, row: StockPiece) -> StockPiece:
    """Add a validated row with its 'received' movement and audit event (caller's transaction)."""
    row.id = new_id()
    row.shop_id = work.ctx.shop_id
    row.origin_terminal_id = work.ctx.terminal_id
    row.created_at = row.updated_at = work.now
    work.add(row)
    work.add(
        StockMovement(
            id=new_id(),
            shop_id=work.ctx.shop_id,
            stock_piece_id=row.id,
            kind=MovementKind.RECEIVED.value,
            status_after=PieceStatus.IN_STOCK.value,
            user_id=actor.user_id,
            occurred_at=work.now,
            origin_terminal_id=work.ctx.terminal_id,
            created_at=work.now,
        )
    )
    work.audit(actor, "stock.add", "stock_piece", row.id, after=piece_json(row))
    return row


def piece_json(row: StockPiece) -> dict[str, object]:
    return {
        "tag_code": row.tag_code,
        "barcode": row.barcode,
        "huid": row.huid,
        "description": row.description,
        "metal": row.metal,
        "purity_fineness": row.purity_fineness,
        "gross_mg": row.gross_mg,
        "stone_mg": row.stone_mg,
        "net_mg": row.net_mg,
        "making_mode": row.making_mode,
        "making_rate": row.making_rate,
        "wastage_bp": row.wastage_bp,
        "stone_value_paise": row.stone_value_paise,
        "hallmark_fee_paise": row.hallmark_fee_paise,
        "hsn": row.hsn,
        "gst_rate_bp": row.gst_rate_bp,
        "status": row.status,
    }


def add_piece(ctx: CounterContext, actor: Actor, piece: PieceInput) -> PieceView:
    actor.require(Permission.MANAGE_STOCK)
    row = normalise(piece)
    with ctx.write() as work:
        check_unique(work.session, ctx.shop_id, row)
        return view(insert_piece(work, actor, row))


_EDITABLE: Final = (
    "tag_code",
    "barcode",
    "huid",
    "description",
    "metal",
    "purity_fineness",
    "gross_mg",
    "stone_mg",
    "net_mg",
    "stone_carats_mct",
    "stone_value_paise",
    "making_mode",
    "making_rate",
    "wastage_bp",
    "hallmark_fee_paise",
    "hsn",
    "gst_rate_bp",
)


def edit_piece(
    ctx: CounterContext, actor: Actor, piece_id: uuid.UUID, piece: PieceInput
) -> PieceView:
    """Correct a piece still in stock (a sold piece is history: its invoice keeps the figures)."""
    actor.require(Permission.MANAGE_STOCK)
    fresh = normalise(piece)
    with ctx.write() as work:
        row = work.session.get(StockPiece, (ctx.shop_id, piece_id))
        if row is None:
            raise InvalidInput("no such piece", "piece_id")
        if row.status != PieceStatus.IN_STOCK.value:
            raise InvalidInput(
                f"piece {row.tag_code} is {row.status}; only pieces in stock can be edited",
                "tag_code",
            )
        check_unique(work.session, ctx.shop_id, fresh, exclude=row.id)
        before = piece_json(row)
        for name in _EDITABLE:
            setattr(row, name, getattr(fresh, name))
        row.updated_at = work.now
        work.changed(row)
        work.audit(actor, "stock.edit", "stock_piece", row.id, before=before, after=piece_json(row))
        return view(row)


def normalise_code(code: str) -> str:
    return (code or "").strip()


def lookup(session: Session, shop_id: uuid.UUID, code: str) -> StockPiece | None:
    """A piece by tag code, barcode or HUID, tried in that order.

    Three point lookups, each on its own unique index: one query with OR lets SQLite's planner
    fall back to scanning the shop's pieces, which costs tens of milliseconds at 200 000.
    """
    text = normalise_code(code)
    if not text:
        return None
    upper = text.upper()
    for column, value in (
        (StockPiece.tag_code, upper),
        (StockPiece.barcode, text),
        (StockPiece.huid, upper),
    ):
        found = session.scalar(
            select(StockPiece).where(StockPiece.shop_id == shop_id, column == value).limit(1)
        )
        if found is not None:
            return found
    return None


def find_piece(ctx: CounterContext, code: str) -> PieceView | None:
    with ctx.session() as session:
        row = lookup(session, ctx.shop_id, code)
        return None if row is None else view(row)


def search_pieces(
    ctx: CounterContext, criteria: PieceFilter | None = None, limit: int = 500, offset: int = 0
) -> list[PieceView]:
    """Pieces matching every given filter, by tag code; `text` matches tag, HUID, barcode or
    description."""
    wanted = criteria or PieceFilter()
    query = select(StockPiece).where(StockPiece.shop_id == ctx.shop_id)
    if wanted.metal:
        query = query.where(StockPiece.metal == Metal.parse(wanted.metal).value)
    if wanted.fineness is not None:
        query = query.where(StockPiece.purity_fineness == wanted.fineness)
    if wanted.status:
        if wanted.status not in {s.value for s in PieceStatus}:
            raise InvalidInput("unknown status", "status")
        query = query.where(StockPiece.status == wanted.status)
    text = wanted.text.strip()
    if text:
        like = f"%{text.replace('%', '').replace('_', '')}%"
        query = query.where(
            or_(
                StockPiece.tag_code == text.upper(),
                StockPiece.huid == text.upper(),
                StockPiece.barcode == text,
                StockPiece.tag_code.like(like),
                StockPiece.description.like(like),
            )
        )
    query = query.order_by(StockPiece.tag_code).limit(limit).offset(offset)
    with ctx.session() as session:
        return [view(row) for row in session.scalars(query)]
