"""Writing `seed_stock` shops into a database and building the shop reports back from it,
through the hub's read-only tenant sessions (the path the web pages take)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from hub.reports.huid_report import build_huid_report
from hub.reports.stock_report import StockReport
from hub.reports.tabular import Cell, Report, ReportFilter, ReportTable
from shared.money import Milligrams, Paise
from tests.hub.reports.database import ReportResources, bulk_write, create_tables, run_with_sessions
from tests.hub.reports.seed_stock import TODAY, StockShop, stock_shop

JULY = ReportFilter(dt.date(2025, 7, 1), dt.date(2025, 7, 31))


def write_shops(url: str, *shop_ids: uuid.UUID) -> list[StockShop]:
    engine = create_tables(url)
    shops = [stock_shop(shop_id) for shop_id in shop_ids]
    try:
        for shop in shops:
            bulk_write(engine, shop.rows())
    finally:
        engine.dispose()
    return shops


def stock_report(url: str, shop_id: uuid.UUID, flt: ReportFilter = JULY) -> Report:
    async def work(resources: ReportResources) -> Report:
        async with resources.sessions.tenant(shop_id, read_only=True) as session:
            return await StockReport(today=lambda: TODAY).build(session, flt)

    return run_with_sessions(url, None, work)


def huid_report(url: str, shop_id: uuid.UUID, flt: ReportFilter = JULY) -> Report:
    async def work(resources: ReportResources) -> Report:
        async with resources.sessions.tenant(shop_id, read_only=True) as session:
            return await build_huid_report(session, flt)

    return run_with_sessions(url, None, work)


def g(text: str) -> Milligrams:
    return Milligrams.from_grams(Decimal(text))


def rs(text: str) -> Paise:
    return Paise.from_rupees(Decimal(text))


def column(table: ReportTable, key: str) -> list[Cell]:
    index = table.column_index(key)
    return [row[index] for row in table.rows]


def assert_totals_are_sums(table: ReportTable) -> None:
    """Every numeric footer cell is the sum of the column's cells (empty cells add nothing)."""
    assert table.totals is not None
    for index, col in enumerate(table.columns):
        if not col.kind.numeric:
            continue
        cells = [row[index] for row in table.rows if row[index] is not None]
        if col.kind.value == "paise":
            want: Cell = sum((c for c in cells if isinstance(c, Paise)), Paise(0))
        elif col.kind.value == "milligrams":
            want = sum((c for c in cells if isinstance(c, Milligrams)), Milligrams(0))
        else:
            want = sum(c for c in cells if isinstance(c, int))
        assert table.totals[index] == want, (table.key, col.key)
