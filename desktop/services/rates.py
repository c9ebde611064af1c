"""Metal rates: today's sale (and old-gold purchase) rate per metal and purity, with history.

A rate applies from `effective_from` until the next one for the same metal, purity and kind;
old rows stay so any invoice can be re-priced later. Setting a rate is audited. Billing prices a
piece at the sale rate in force for its purity; the billing screen warns when a purity in stock
has no rate set today (the rate in force is then an older day's).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.services.actor import Actor, Permission
from desktop.services.clock import shop_day_bounds
from desktop.services.context import CounterContext
from shared.errors import InvalidInput
from shared.ids import new_id
from shared.money import Paise
from shared.purity import Metal, Purity, default_catalogue
from shared.tables import MetalRate, StockPiece
from shared.tables.vocabulary import PieceStatus, RateKind


@dataclass(frozen=True, slots=True)
class RateView:
    id: uuid.UUID
    metal: str
    fineness: int
    label: str
    kind: str
    rate: Paise
    effective_from: dt.datetime


def find_purity(metal: str | Metal, purity: str | int) -> Purity:
    """A purity from what a person types ("gold", "22K916" / "916" / 916)."""
    try:
        return default_catalogue().find(metal, purity)
    except InvalidInput as error:
        raise error.at("purity") from None


def parse_kind(kind: str | RateKind) -> RateKind:
    try:
        return RateKind(str(kind).strip().lower())
    except ValueError:
        raise InvalidInput("the rate kind is sale or purchase", "kind") from None


def _view(row: MetalRate) -> RateView:
    purity = find_purity(row.metal, row.purity_fineness)
    return RateView(
        row.id,
        row.metal,
        row.purity_fineness,
        str(purity),
        row.kind,
        Paise(row.rate_paise_per_gram),
        row.effective_from,
    )


def set_rate(
    ctx: CounterContext,
    actor: Actor,
    metal: str,
    purity: str | int,
    rate: Paise,
    *,
    kind: str = "sale",
    effective_from: dt.datetime | None = None,
) -> RateView:
    """Record a rate in paise per gram of that purity (effective now unless a time is given)."""
    actor.require(Permission.SET_RATES)
    grade = find_purity(metal, purity)
    rate_kind = parse_kind(kind)
    if rate.value <= 0:
        raise InvalidInput("the rate must be more than zero", "rate")
    with ctx.write() as work:
        start = effective_from or work.now
        if start.tzinfo is None:
            raise InvalidInput("the effective time needs a time zone", "effective_from")
        clash = work.session.scalar(
            select(MetalRate).where(
                MetalRate.shop_id == ctx.shop_id,
                MetalRate.metal == grade.metal.value,
                MetalRate.purity_fineness == grade.fineness,
                MetalRate.kind == rate_kind.value,
                MetalRate.effective_from == start,
            )
        )
        before = None if clash is None else {"rate_paise_per_gram": clash.rate_paise_per_gram}
        if clash is not None:
            clash.rate_paise_per_gram = rate.value
            clash.updated_at = work.now
            work.changed(clash)
            row = clash
        else:
            row = MetalRate(
                id=new_id(),
                shop_id=ctx.shop_id,
                metal=grade.metal.value,
                purity_fineness=grade.fineness,
                kind=rate_kind.value,
                rate_paise_per_gram=rate.value,
                effective_from=start,
                origin_terminal_id=ctx.terminal_id,
                created_at=work.now,
                updated_at=work.now,
            )
            work.add(row)
        work.audit(
            actor,
            "rate.set",
            "metal_rate",
            row.id,
            before=before,
            after={
                "metal": grade.metal.value,
                "purity": grade.label,
                "kind": rate_kind.value,
                "rate_paise_per_gram": rate.value,
                "effective_from": start.isoformat(),
            },
        )
        return _view(row)


def rate_in_force(
    session: Session,
    shop_id: uuid.UUID,
    metal: str,
    fineness: int,
    at: dt.datetime,
    *,
    kind: RateKind = RateKind.SALE,
) -> MetalRate | None:
    """The latest rate not after `at` (one indexed lookup)."""
    return session.scalar(
        select(MetalRate)
        .where(
            MetalRate.shop_id == shop_id,
            MetalRate.metal == metal,
            MetalRate.purity_fineness == fineness,
            MetalRate.kind == kind.value,
            MetalRate.effective_from <= at,
        )
        .order_by(MetalRate.effective_from.desc())
        .limit(1)
    )


def current_rates(ctx: CounterContext) -> list[RateView]:
    """The rate in force now for each metal, purity and kind that has one."""
    now = ctx.clock.now()
    with ctx.session() as session:
        rows = session.scalars(
            select(MetalRate)
            .where(MetalRate.shop_id == ctx.shop_id, MetalRate.effective_from <= now)
            .order_by(
                MetalRate.metal,
                MetalRate.purity_fineness.desc(),
                MetalRate.kind.desc(),
                MetalRate.effective_from.desc(),
            )
        )
        latest: dict[tuple[str, int, str], MetalRate] = {}
        for row in rows:
            latest.setdefault((row.metal, row.purity_fineness, row.kind), row)
        return [_view(row) for row in latest.values()]


def rate_history(
    ctx: CounterContext, metal: str | None = None, purity: str | int | None = None, limit: int = 200
) -> list[RateView]:
    """Rates newest first, optionally for one metal (and purity)."""
    query = select(MetalRate).where(MetalRate.shop_id == ctx.shop_id)
    if metal is not None:
        if purity is not None:
            grade = find_purity(metal, purity)
            query = query.where(
                MetalRate.metal == grade.metal.value, MetalRate.purity_fineness == grade.fineness
            )
        else:
            query = query.where(MetalRate.metal == Metal.parse(metal).value)
    with ctx.session() as session:
        rows = session.scalars(query.order_by(MetalRate.effective_from.desc()).limit(limit))
        return [_view(row) for row in rows]


def rates_missing_today(ctx: CounterContext) -> list[str]:
    """Purities in stock with no sale rate set today (shop date): the billing warning.

    Empty means no warning. Billing still prices at the rate in force (an older day's), which is
    why the window shows this list in red until the rates are entered.
    """
    start, end = shop_day_bounds(ctx.today())
    with ctx.session() as session:
        in_stock = set(
            session.execute(
                select(StockPiece.metal, StockPiece.purity_fineness)
                .where(
                    StockPiece.shop_id == ctx.shop_id,
                    StockPiece.status == PieceStatus.IN_STOCK.value,
                )
                .distinct()
            ).all()
        )
        set_today = set(
            session.execute(
                select(MetalRate.metal, MetalRate.purity_fineness).where(
                    MetalRate.shop_id == ctx.shop_id,
                    MetalRate.kind == RateKind.SALE.value,
                    MetalRate.effective_from >= start,
                    MetalRate.effective_from < end,
                )
            ).all()
        )
    missing = sorted(in_stock - set_today, key=lambda key: (key[0], -key[1]))
    return [str(find_purity(metal, fineness)) for metal, fineness in missing]
