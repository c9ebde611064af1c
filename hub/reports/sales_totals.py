"""Totals rows made by summing the rows themselves, so a footer can never disagree with them.

Every sales table's totals come from here: money (`Paise`), weight (`Milligrams`) and count
columns are summed, text and date columns left empty, and the label goes in the first text
column (a date column keeps date cells only, for the writers that format dates).
"""

from __future__ import annotations

from collections.abc import Sequence

from hub.reports.tabular import Cell, Column, ColumnKind
from shared.money import Milligrams, Paise


def column_sum(kind: ColumnKind, cells: Sequence[Cell]) -> Cell:
    if kind is ColumnKind.PAISE:
        return Paise(sum(cell.value for cell in cells if isinstance(cell, Paise)))
    if kind is ColumnKind.MILLIGRAMS:
        return Milligrams(sum(cell.value for cell in cells if isinstance(cell, Milligrams)))
    if kind is ColumnKind.COUNT:
        return sum(cell for cell in cells if isinstance(cell, int) and not isinstance(cell, bool))
    return None


def totals_row(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], label: str = "Total"
) -> tuple[Cell, ...]:
    labelled = next((i for i, c in enumerate(columns) if c.kind is ColumnKind.TEXT), None)
    return tuple(
        label if index == labelled else column_sum(column.kind, [row[index] for row in rows])
        for index, column in enumerate(columns)
    )
