"""A built `Report` arranged for its page: formatted cells, charts, and the row limit.

The page shows what a person reads (₹1,23,456.50, 12.345 g, 3.00%, 2 Jul 2025); each cell also
carries the plain value the CSV holds (`raw`), so a browser test can compare the page's totals
with a downloaded file's without parsing Indian grouping back. A long table shows its first
`PAGE_ROWS` rows and says that the download has them all: a month of a busy shop's invoices is
too long for a phone, and the file is where a CA works with them anyway.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from hub.reports.files import csv_cell
from hub.reports.tabular import Cell, ChartSeries, ColumnKind, Report, ReportTable
from hub.web.charts import BarChart, ChartPoint, bar_chart
from hub.web.formatting import shop_date
from shared.money import Milligrams, Paise, group_indian

PAGE_ROWS: Final = 500
_MANY_BARS: Final = 12
_LABELS_SHOWN: Final = 8


@dataclass(frozen=True, slots=True)
class ShownCell:
    text: str
    raw: str
    numeric: bool
    link: str | None = None


@dataclass(frozen=True, slots=True)
class ShownColumn:
    key: str
    title: str
    numeric: bool


@dataclass(frozen=True, slots=True)
class ShownTable:
    key: str
    title: str
    columns: tuple[ShownColumn, ...]
    rows: tuple[tuple[ShownCell, ...], ...]
    totals: tuple[ShownCell, ...] | None
    note: str | None
    total_rows: int

    @property
    def cut(self) -> bool:
        return self.total_rows > len(self.rows)


@dataclass(frozen=True, slots=True)
class ShownChart:
    key: str
    title: str
    chart: BarChart


@dataclass(frozen=True, slots=True)
class ReportView:
    report: Report
    tables: tuple[ShownTable, ...]
    charts: tuple[ShownChart, ...]


def display_cell(kind: ColumnKind, value: Cell) -> str:
    """How a cell reads on the page; an empty cell is an em dash in a numeric column."""
    if value is None:
        return "—" if kind.numeric else ""
    if isinstance(value, Paise):
        return value.format()
    if isinstance(value, Milligrams):
        return value.format()
    if isinstance(value, dt.date):
        return shop_date(value)
    if isinstance(value, int):
        if kind is ColumnKind.PERCENT_BP:
            return f"{csv_cell(kind, value)}%"
        sign = "-" if value < 0 else ""
        return sign + group_indian(str(abs(value)))
    return value


def _cells(
    table: ReportTable, row: tuple[Cell, ...], link: str | None = None
) -> tuple[ShownCell, ...]:
    shown = []
    for index, (column, value) in enumerate(zip(table.columns, row, strict=True)):
        shown.append(
            ShownCell(
                text=display_cell(column.kind, value),
                raw=csv_cell(column.kind, value),
                numeric=column.kind.numeric,
                link=link if index == 0 else None,
            )
        )
    return tuple(shown)


def shown_table(table: ReportTable, limit: int = PAGE_ROWS) -> ShownTable:
    links = table.row_links or (None,) * len(table.rows)
    rows = tuple(
        _cells(table, row, link)
        for row, link in zip(table.rows[:limit], links[:limit], strict=True)
    )
    return ShownTable(
        key=table.key,
        title=table.title,
        columns=tuple(ShownColumn(c.key, c.title, c.kind.numeric) for c in table.columns),
        rows=rows,
        totals=_cells(table, table.totals) if table.totals is not None else None,
        note=table.note,
        total_rows=len(table.rows),
    )


def shown_chart(series: ChartSeries) -> ShownChart:
    """Bars for one series; a long series (days of a month) labels only every few bars."""
    count = len(series.labels)
    every = 1 if count <= _MANY_BARS else -(-count // _LABELS_SHOWN)
    points = [
        ChartPoint(label, amount)
        for label, amount in zip(series.labels, series.amounts, strict=True)
    ]
    return ShownChart(series.key, series.title, bar_chart(points, label_every=every))


def report_view(report: Report, limit: int = PAGE_ROWS) -> ReportView:
    return ReportView(
        report=report,
        tables=tuple(shown_table(table, limit) for table in report.tables),
        charts=tuple(shown_chart(series) for series in report.charts),
    )
