"""The "in stock" and "ageing" tables: what the shop holds, by grade and by age, with its value.

Pure functions over `PieceFacts`, their `Valuation` at today's rates and their movement
histories; the stock report reads the rows and hands them here.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final

from hub.reports.stock_dates import day_end, shop_date
from hub.reports.stock_format import (
    count_text,
    grade_order,
    listing,
    metal_order,
    metal_title,
    totals_row,
)
from hub.reports.stock_history import AGE_BUCKETS, History, age_bucket, held_before, stock_in_at
from hub.reports.stock_reads import PieceFacts
from hub.reports.stock_value import Valuation, grade_label
from hub.reports.tabular import Cell, Column, ColumnKind, ReportTable
from shared.money import Milligrams, Paise

IN_STOCK_COLUMNS: Final = (
    Column("metal", "Metal"),
    Column("purity", "Purity"),
    Column("pieces", "Pieces", ColumnKind.COUNT),
    Column("gross_weight", "Gross weight (g)", ColumnKind.MILLIGRAMS),
    Column("net_weight", "Net weight (g)", ColumnKind.MILLIGRAMS),
    Column("metal_value", "Metal value", ColumnKind.PAISE),
    Column("value", "Value before GST", ColumnKind.PAISE),
)
AGEING_COLUMNS: Final = (
    Column("metal", "Metal"),
    Column("age", "Days in stock"),
    Column("pieces", "Pieces", ColumnKind.COUNT),
    Column("net_weight", "Net weight (g)", ColumnKind.MILLIGRAMS),
    Column("value", "Value before GST", ColumnKind.PAISE),
)


@dataclass(slots=True)
class _Sum:
    """Running figures for one row; a value stays None until some piece in the row is valued."""

    pieces: int = 0
    gross: Milligrams = field(default_factory=Milligrams.zero)
    net: Milligrams = field(default_factory=Milligrams.zero)
    metal_value: Paise | None = None
    value: Paise | None = None

    def add(self, piece: PieceFacts, valuation: Valuation) -> None:
        self.pieces += 1
        self.gross += piece.gross
        self.net += piece.net
        found = valuation.values.get(piece.id)
        if found is not None:
            self.metal_value = (self.metal_value or Paise(0)) + found.metal_value
            self.value = (self.value or Paise(0)) + found.sale_value


def _unvalued_note(pieces: Sequence[PieceFacts], valuation: Valuation, as_of: dt.date) -> str:
    missing = [piece for piece in pieces if piece.id in valuation.unvalued]
    if not missing:
        return ""
    reasons = sorted({valuation.unvalued[piece.id] for piece in missing})
    return (
        f" {count_text(len(missing))} could not be valued and are counted without a value "
        f"({'; '.join(reasons)} on or before {as_of:%d-%m-%Y}): "
        f"{listing([piece.tag_code for piece in missing])}."
    )


def in_stock_table(
    pieces: Sequence[PieceFacts], valuation: Valuation, as_of: dt.date
) -> ReportTable:
    """Pieces held now (in stock or reserved) by metal and purity, valued at `as_of`'s rates."""
    held = [piece for piece in pieces if piece.held]
    sums: dict[tuple[str, int], _Sum] = {}
    for piece in held:
        sums.setdefault((piece.metal, piece.purity_fineness), _Sum()).add(piece, valuation)
    rows = tuple(
        (
            metal_title(metal),
            grade_label(metal, fineness),
            row.pieces,
            row.gross,
            row.net,
            row.metal_value,
            row.value,
        )
        for (metal, fineness), row in sorted(sums.items(), key=lambda item: grade_order(item[0]))
    )
    note = (
        f"Pieces in stock or reserved now, valued at the sale rate in force on "
        f"{as_of:%d-%m-%Y} for each purity: metal value is net weight times the rate; value "
        f"before GST adds wastage, making, stones and hallmarking as the counter would bill it."
        + _unvalued_note(held, valuation, as_of)
    )
    return ReportTable(
        key="in_stock",
        title=f"In stock now (rates of {as_of:%d-%m-%Y})",
        columns=IN_STOCK_COLUMNS,
        rows=rows,
        totals=totals_row(rows, IN_STOCK_COLUMNS),
        note=note,
    )


def ageing_table(
    pieces: Sequence[PieceFacts],
    piece_histories: Mapping[uuid.UUID, History],
    valuation: Valuation,
    end: dt.date,
) -> ReportTable:
    """Pieces held at the end of `end`, by metal and days in stock (stock-in date to `end`)."""
    cut = day_end(end)
    sums: dict[tuple[str, str], _Sum] = {}
    metals: set[str] = set()
    unknown = 0
    for piece in pieces:
        history = piece_histories.get(piece.id)
        if not history:
            if piece.held:
                unknown += 1
            continue
        came_in = stock_in_at(history)
        if came_in is None or not held_before(history, cut):
            continue
        days = (end - shop_date(came_in)).days
        metals.add(piece.metal)
        sums.setdefault((piece.metal, age_bucket(days)), _Sum()).add(piece, valuation)
    rows: list[tuple[Cell, ...]] = []
    for metal in sorted(metals, key=lambda m: (metal_order(m), m)):
        for label, _, _ in AGE_BUCKETS:
            row = sums.get((metal, label), _Sum())
            rows.append((metal_title(metal), label, row.pieces, row.net, row.value))
    note = (
        f"Pieces in stock or reserved at the end of {end:%d-%m-%Y}, aged from the day each "
        f"came into stock; values at today's rates."
    )
    if unknown:
        note += f" Left out, having no movement record: {count_text(unknown)} in stock now."
    return ReportTable(
        key="ageing",
        title=f"Ageing on {end:%d-%m-%Y}",
        columns=AGEING_COLUMNS,
        rows=tuple(rows),
        totals=totals_row(rows, AGEING_COLUMNS),
        note=note,
    )
