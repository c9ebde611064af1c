"""The one shape every report page, download and export job is made from: titled tables.

A report builder reads the shop's rows and returns a `Report`; the web page renders it as HTML,
`hub.reports.files` writes it as CSV or XLSX, and an export job writes the same bytes to storage.
Because all three read the same `Report`, a downloaded file can never disagree with the page.

Cells keep their real types (Paise, Milligrams, dates, counts) so each writer formats them its
own way: the page groups rupees the Indian way with the sign, the CSV writes plain decimals a
spreadsheet reads, the XLSX stores numbers with a number format. No float ever touches money.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from shared.errors import InvalidInput
from shared.money import Milligrams, Paise


class ColumnKind(StrEnum):
    TEXT = "text"
    DATE = "date"
    PAISE = "paise"
    """A `Paise` cell: shown in rupees (two places)."""
    MILLIGRAMS = "milligrams"
    """A `Milligrams` cell: shown in grams (three places)."""
    COUNT = "count"
    """A plain `int` (pieces, invoices, days)."""
    PERCENT_BP = "percent_bp"
    """An `int` in basis points: 300 is 3%."""

    @property
    def numeric(self) -> bool:
        return self not in (ColumnKind.TEXT, ColumnKind.DATE)


Cell = str | int | dt.date | Paise | Milligrams | None
"""None is an empty cell (e.g. no HUID)."""


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    """Stable, lower_snake: the CSV header and the XLSX column name use `title`, tests use this."""
    title: str
    kind: ColumnKind = ColumnKind.TEXT


@dataclass(frozen=True, slots=True)
class ReportTable:
    """One table of a report; `totals` is the footer row (None where sums mean nothing)."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    totals: tuple[Cell, ...] | None = None
    note: str | None = None
    """One sentence under the table, e.g. how the value at today's rates was worked out."""
    row_links: tuple[str | None, ...] = ()
    """Per row, where its document opens (the archived PDF, `/documents/<id>.pdf`); empty when
    the rows are not documents. The page links the row's first cell; files leave it out."""

    def __post_init__(self) -> None:
        if self.row_links and len(self.row_links) != len(self.rows):
            msg = f"table {self.key!r}: {len(self.row_links)} links for {len(self.rows)} rows"
            raise ValueError(msg)
        width = len(self.columns)
        for row in (*self.rows, *((self.totals,) if self.totals is not None else ())):
            if len(row) != width:
                msg = f"table {self.key!r}: a row has {len(row)} cells for {width} columns"
                raise ValueError(msg)

    def column_index(self, key: str) -> int:
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)


@dataclass(frozen=True, slots=True)
class ChartSeries:
    """Bars for a chart above the tables (drawn by `hub.web.charts`): labels and amounts."""

    key: str
    title: str
    labels: tuple[str, ...]
    amounts: tuple[Paise, ...]


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """What the owner asked for: a date range (shop dates, both ends included), and optionally
    some terminals or one branch. Empty `terminal_ids` and no branch mean the whole shop.

    `terminal_ids` is already resolved: a branch filter becomes that branch's terminals before a
    builder sees it (`branch` stays for the page's title and the file names).
    """

    date_from: dt.date
    date_to: dt.date
    terminal_ids: frozenset[uuid.UUID] = frozenset()
    branch: str | None = None

    MAX_DAYS = 366

    def __post_init__(self) -> None:
        if self.date_to < self.date_from:
            raise InvalidInput("the end date is before the start date", "date_to")
        if (self.date_to - self.date_from).days + 1 > self.MAX_DAYS:
            raise InvalidInput(
                f"choose at most {self.MAX_DAYS} days at a time (one year)", "date_to"
            )

    def includes(self, day: dt.date) -> bool:
        return self.date_from <= day <= self.date_to

    def includes_terminal(self, terminal_id: uuid.UUID | None) -> bool:
        return not self.terminal_ids or terminal_id in self.terminal_ids


@dataclass(frozen=True, slots=True)
class Report:
    """A built report: what it is, for which filter, its charts and its tables."""

    slug: str
    title: str
    filter: ReportFilter
    tables: tuple[ReportTable, ...]
    charts: tuple[ChartSeries, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()
    """Headline figures above the tables, already formatted: ("Invoices", "1,204")."""

    def table(self, key: str) -> ReportTable:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)


Builder = Callable[[AsyncSession, ReportFilter], Awaitable[Report]]
"""Reads with a tenant (read-only) session, so every query is scoped to the shop."""


@dataclass(frozen=True, slots=True)
class ReportSpec:
    slug: str
    title: str
    summary: str
    """One line for the reports index page."""
    build: Builder
    uses_terminals: bool = True
    """False for reports about the shop as a whole (stock, customers), which ignore terminals."""
    default_span: str = "month"
    """'month' (this month so far), 'today', or 'week' for the filter the page opens with."""


@dataclass(slots=True)
class Catalogue:
    """The reports the hub offers, by slug, in menu order."""

    specs: dict[str, ReportSpec] = field(default_factory=dict)

    def add(self, spec: ReportSpec) -> None:
        if spec.slug in self.specs:
            msg = f"two reports are called {spec.slug!r}"
            raise ValueError(msg)
        self.specs[spec.slug] = spec

    def get(self, slug: str) -> ReportSpec:
        spec = self.specs.get(slug)
        if spec is None:
            raise InvalidInput(f"there is no report called {slug!r}", "report")
        return spec

    def all(self) -> Sequence[ReportSpec]:
        return tuple(self.specs.values())
