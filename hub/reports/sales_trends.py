"""The "Sales charts" report, also the owner's dashboard: net sales by day, by metal and by
terminal, as charts and as the same figures in tables.

Every amount is the documents' total including GST, invoices less credit notes, cancelled ones
left out: each chart adds up to the sales register's net total for the same filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.sales_queries import line_shares, sales_documents, terminal_names
from hub.reports.sales_register_rows import NetFigures
from hub.reports.sales_totals import totals_row
from hub.reports.sales_trends_rows import by_day, by_metal, by_terminal
from hub.reports.tabular import (
    Cell,
    ChartSeries,
    Column,
    ColumnKind,
    Report,
    ReportFilter,
    ReportSpec,
    ReportTable,
)
from shared.money import Paise

SLUG: Final = "sales-trends"
TITLE: Final = "Sales charts"
_NOTE: Final = (
    "Net sales: invoice totals including GST less credit notes, cancelled documents left out; "
    "the total equals the sales register's net total for the same filter."
)
_AMOUNT: Final = Column("net_sales", "Net sales", ColumnKind.PAISE)


def _table(
    key: str, title: str, label: Column, rows: Sequence[tuple[Cell, Paise]], note: str
) -> ReportTable:
    columns = (label, _AMOUNT)
    cells = tuple((name, amount) for name, amount in rows)
    return ReportTable(key, title, columns, cells, totals_row(columns, cells), note)


def _chart(key: str, title: str, rows: Sequence[tuple[str, Paise]]) -> ChartSeries:
    return ChartSeries(
        key, title, tuple(label for label, _ in rows), tuple(amount for _, amount in rows)
    )


async def sales_trends(session: AsyncSession, flt: ReportFilter) -> Report:
    """The sales charts for `flt` (the dashboard calls this with the month so far)."""
    documents = await sales_documents(session, flt)
    days = by_day(documents, flt.date_from, flt.date_to)
    metals = by_metal(documents, await line_shares(session, flt))
    terminals = by_terminal(documents, await terminal_names(session))
    day_labels = [(f"{day:%d %b}", amount) for day, amount in days]
    return Report(
        slug=SLUG,
        title=TITLE,
        filter=flt,
        charts=(
            _chart("by_day", "Net sales by day", day_labels),
            _chart("by_metal", "Net sales by metal", metals),
            _chart("by_terminal", "Net sales by terminal", terminals),
        ),
        tables=(
            _table(
                "by_day",
                "By day",
                Column("date", "Date", ColumnKind.DATE),
                days,
                f"{_NOTE} Every day of the range is listed, days without sales at zero.",
            ),
            _table(
                "by_metal",
                "By metal",
                Column("metal", "Metal"),
                metals,
                f"{_NOTE} A bill's total is shared between its metals in proportion to each "
                "line's value with its GST; stones and services without metal are 'Other'.",
            ),
            _table(
                "by_terminal",
                "By terminal",
                Column("terminal", "Terminal"),
                terminals,
                f"{_NOTE} A credit note counts at the terminal that issued it.",
            ),
        ),
        facts=(("Net sales", NetFigures.of(documents).total.format()),),
    )


SALES_TRENDS: Final = ReportSpec(
    slug=SLUG,
    title=TITLE,
    summary="Net sales by day, by metal and by terminal, as charts",
    build=sales_trends,
    uses_terminals=True,
    default_span="month",
)

__all__ = ["SALES_TRENDS", "sales_trends"]
