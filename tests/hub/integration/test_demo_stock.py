"""The demo shop's stock on a migrated, seeded hub (embedded and production set-ups), read back
through the hub's own resources and the Stock and HUID compliance reports the owner's pages
build: every metal and every ageing bucket holds pieces, the pieces awaiting hallmarking are
the HUID report's findings, the movement identity holds, and seeding again changes nothing."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import and_, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hub.core.resources import HubResources, build_resources
from hub.demo import DEMO_SHOP_CODE, seed_demo
from hub.demo_stock import DESIGNS, EVENTS, awaiting_hallmark_tags
from hub.reports.huid_report import build_huid_report
from hub.reports.stock_dates import day_start
from hub.reports.stock_history import AGE_BUCKETS
from hub.reports.stock_movement import FLOWS
from hub.reports.stock_report import StockReport
from hub.reports.tabular import Cell, Report, ReportFilter, ReportTable
from hub.settings import HubSettings
from hub.storage.hub_tables import Tenant
from shared.money import Milligrams
from shared.tables import Invoice, InvoiceLine, Product, StockMovement, StockPiece
from shared.tables.vocabulary import MovementKind, PieceStatus
from sync.server.tables import PieceSale

T = TypeVar("T")
HELD = (PieceStatus.IN_STOCK.value, PieceStatus.RESERVED.value)


def _run(settings: HubSettings, work: Callable[[HubResources, uuid.UUID], Awaitable[T]]) -> T:
    """`work` on fresh resources of the hub, with the demo shop's id."""

    async def go() -> T:
        resources = build_resources(settings)
        try:
            async with resources.sessions.platform() as session:
                shop_id: uuid.UUID = (
                    await session.execute(
                        select(Tenant.shop_id).where(Tenant.login_code == DEMO_SHOP_CODE)
                    )
                ).scalar_one()
            return await work(resources, shop_id)
        finally:
            await resources.close()

    return asyncio.run(go())


async def _demo_day(session: AsyncSession) -> dt.date:
    """The day the demo was seeded for: its month of invoices ends on it."""
    day: dt.date = (await session.execute(select(func.max(Invoice.invoice_date)))).scalar_one()
    return day


@dataclass(frozen=True)
class Built:
    day: dt.date
    month: Report
    year: Report
    huid: Report
    pieces: list[StockPiece]
    sales: int
    came_before_the_year: int


def _build(settings: HubSettings) -> Built:
    async def work(resources: HubResources, shop_id: uuid.UUID) -> Built:
        async with resources.sessions.tenant(shop_id, read_only=True) as session:
            day = await _demo_day(session)
            pieces = list(await session.scalars(select(StockPiece)))
            sales = await session.scalar(select(func.count()).select_from(PieceSale))
            report = StockReport(today=lambda: day)
            month = await report.build(session, ReportFilter(day.replace(day=1), day))
            # The longest range a report allows (a year): older pieces are its opening stock.
            year = ReportFilter(day - dt.timedelta(days=ReportFilter.MAX_DAYS - 1), day)
            year_report = await report.build(session, year)
            older = await session.scalar(
                select(func.count())
                .select_from(StockMovement)
                .where(StockMovement.kind == MovementKind.RECEIVED.value)
                .where(StockMovement.occurred_at < day_start(year.date_from))
            )
            huid = await build_huid_report(session, ReportFilter(day.replace(day=1), day))
        return Built(day, month, year_report, huid, pieces, sales or 0, older or 0)

    return _run(settings, work)


def _cells(table: ReportTable, row: tuple[Cell, ...]) -> dict[str, Cell]:
    return {column.key: cell for column, cell in zip(table.columns, row, strict=True)}


def _count(cell: Cell) -> int:
    assert isinstance(cell, int)
    return cell


def _grams(cell: Cell) -> int:
    assert isinstance(cell, Milligrams)
    return cell.value


def _assert_identity(table: ReportTable) -> None:
    """opening + in - sold + returned + other = closing, in pieces and in net weight, on every
    row and on the totals."""
    assert table.totals is not None
    for row in (*table.rows, table.totals):
        cells = _cells(table, row)
        for unit, read in (("pieces", _count), ("weight", _grams)):
            flow = {name: read(cells[f"{name}_{unit}"]) for name in FLOWS}
            assert (
                flow["opening"] + flow["in"] - flow["sold"] + flow["returned"] + flow["other"]
                == flow["closing"]
            ), (row, unit)


def test_every_metal_and_every_age_has_stock(hub_settings: HubSettings) -> None:
    built = _build(hub_settings)
    held = [piece for piece in built.pieces if piece.status in HELD]
    assert len(built.pieces) >= sum(design.pieces for design in DESIGNS)
    in_stock = built.month.table("in_stock")
    by_grade = {
        (cells["metal"], cells["purity"]): cells
        for cells in (_cells(in_stock, row) for row in in_stock.rows)
    }
    assert set(by_grade) == {("Gold", "22K916"), ("Gold", "18K750"), ("Silver", "925")}
    for cells in by_grade.values():
        assert _count(cells["pieces"]) > 0
        assert cells["value"] is not None, "every seeded grade has a sale rate"
    assert in_stock.totals is not None
    assert _count(_cells(in_stock, in_stock.totals)["pieces"]) == len(held)

    ageing = built.month.table("ageing")
    found = {
        (cells["metal"], cells["age"]): _count(cells["pieces"])
        for cells in (_cells(ageing, row) for row in ageing.rows)
    }
    for metal in ("Gold", "Silver"):
        for label, _, _ in AGE_BUCKETS:
            assert found[(metal, label)] > 0, (metal, label)
    assert sum(found.values()) == len(held)


def test_the_movement_identity_holds_over_the_month_and_the_year(
    hub_settings: HubSettings,
) -> None:
    built = _build(hub_settings)
    month, year = built.month.table("movement"), built.year.table("movement")
    _assert_identity(month)
    _assert_identity(year)
    assert year.totals is not None
    totals = _cells(year, year.totals)
    left = sum(1 for event in EVENTS if event.kind is MovementKind.REMOVED)
    opening = built.came_before_the_year
    assert opening > 0, "the over-365-days bucket is stock from before the year"
    assert _count(totals["opening_pieces"]) == opening
    assert _count(totals["in_pieces"]) == len(built.pieces) - opening
    assert _count(totals["sold_pieces"]) == built.sales > 0
    assert _count(totals["returned_pieces"]) == 0
    assert _count(totals["other_pieces"]) == -left
    held = sum(1 for piece in built.pieces if piece.status in HELD)
    assert _count(totals["closing_pieces"]) == held
    assert month.totals is not None
    assert _count(_cells(month, month.totals)["sold_pieces"]) == built.sales


def test_the_huid_report_lists_the_pieces_awaiting_hallmarking(hub_settings: HubSettings) -> None:
    built = _build(hub_settings)
    missing = built.huid.table("missing_huid")
    tags = [str(_cells(missing, row)["tag"]) for row in missing.rows]
    assert sorted(tags) == sorted(awaiting_hallmark_tags())
    by_tag = {piece.tag_code: piece for piece in built.pieces}
    assert all(by_tag[tag].huid is None for tag in tags)
    # Nose pins under 2 g carry no HUID either, lawfully: they are no finding.
    pins = [piece for piece in built.pieces if piece.tag_code.startswith("NSP-")]
    assert pins
    assert all(piece.huid is None and piece.gross_mg < 2_000 for piece in pins)
    duplicates = built.huid.table("duplicate_huid")
    assert not {_cells(duplicates, row)["tag"] for row in duplicates.rows} & set(by_tag)


def test_sold_pieces_match_the_lines_that_sold_them(hub_settings: HubSettings) -> None:
    async def work(resources: HubResources, shop_id: uuid.UUID) -> None:
        async with resources.sessions.tenant(shop_id, read_only=True) as session:
            rows = (
                await session.execute(
                    select(InvoiceLine, StockPiece, Invoice)
                    .join(
                        StockPiece,
                        and_(
                            StockPiece.shop_id == InvoiceLine.shop_id,
                            StockPiece.id == InvoiceLine.stock_piece_id,
                        ),
                    )
                    .join(
                        Invoice,
                        and_(
                            Invoice.shop_id == InvoiceLine.shop_id,
                            Invoice.id == InvoiceLine.invoice_id,
                        ),
                    )
                )
            ).all()
            assert len(rows) >= 2
            for line, piece, invoice in rows:
                assert piece.status == PieceStatus.SOLD.value
                assert (piece.gross_mg, piece.stone_mg, piece.net_mg) == (
                    line.gross_mg,
                    line.stone_mg,
                    line.net_mg,
                )
                assert (piece.metal, piece.purity_fineness, piece.huid) == (
                    line.metal,
                    line.purity_fineness,
                    line.huid,
                )
                assert (piece.making_mode, piece.making_rate, piece.wastage_bp) == (
                    line.making_mode,
                    line.making_rate,
                    line.wastage_bp,
                )
                moves = list(
                    await session.scalars(
                        select(StockMovement)
                        .where(StockMovement.stock_piece_id == piece.id)
                        .order_by(StockMovement.occurred_at)
                    )
                )
                assert [(m.kind, m.invoice_id) for m in moves] == [
                    (MovementKind.RECEIVED.value, None),
                    (MovementKind.SOLD.value, invoice.id),
                ]
                assert moves[0].occurred_at < moves[1].occurred_at == invoice.issued_at
                claim = await session.get(PieceSale, (shop_id, piece.id))
                assert claim is not None
                assert claim.invoice_line_id == line.id

    _run(hub_settings, work)


async def _snapshot(resources: HubResources, shop_id: uuid.UUID) -> tuple[object, ...]:
    async with resources.sessions.tenant(shop_id, read_only=True) as session:
        pieces = sorted(
            (p.tag_code, p.huid, p.gross_mg, p.net_mg, p.status)
            for p in await session.scalars(select(StockPiece))
        )
        counts = [
            await session.scalar(select(func.count()).select_from(table))
            for table in (Product, StockMovement, PieceSale)
        ]
        linked = await session.scalar(
            select(func.count()).where(InvoiceLine.stock_piece_id.is_not(None))
        )
    return (pieces, counts, linked)


def test_seeding_again_changes_nothing_and_a_demo_without_stock_gets_it(
    hub_settings: HubSettings,
) -> None:
    async def work(resources: HubResources, shop_id: uuid.UUID) -> None:
        before = await _snapshot(resources, shop_id)
        async with resources.sessions.tenant(shop_id, read_only=True) as session:
            day = await _demo_day(session)
        await seed_demo(resources, day)
        assert await _snapshot(resources, shop_id) == before
        # A demo seeded before it had stock: take the stock away, seed again.
        async with resources.sessions.tenant(shop_id) as session:
            await session.execute(
                update(InvoiceLine)
                .where(InvoiceLine.shop_id == shop_id)
                .values(stock_piece_id=None)
            )
            for table in (PieceSale, StockMovement, StockPiece, Product):
                await session.execute(delete(table).where(table.shop_id == shop_id))
            await session.commit()
        assert await _snapshot(resources, shop_id) == ([], [0, 0, 0], 0)
        await seed_demo(resources, day)
        pieces, counts, linked = await _snapshot(resources, shop_id)
        assert pieces == before[0]
        assert counts == before[1]
        assert linked == before[2]

    _run(hub_settings, work)
