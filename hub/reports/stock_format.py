"""Ordering, naming and totalling the rows of the stock and HUID reports.

Rows go by metal (gold, silver, platinum), then by purity from the finest down, as a jeweller's
stock register lists them; every footer is the sum of the rows above it, worked out once here."""

from __future__ import annotations

from collections.abc import Sequence

from hub.reports.tabular import Cell, Column, ColumnKind
from shared.money import Milligrams, Paise
from shared.purity import Metal

_METAL_ORDER = {metal.value: index for index, metal in enumerate(Metal)}


def metal_order(metal: str) -> int:
    return _METAL_ORDER.get(metal, len(_METAL_ORDER))


def grade_order(key: tuple[str, int]) -> tuple[int, str, int]:
    """Sort key for a (metal, fineness) grade: metal order, then finest first."""
    metal, fineness = key
    return (metal_order(metal), metal, -fineness)


def metal_title(metal: str) -> str:
    return metal.capitalize()


def count_text(count: int) -> str:
    """A count as the page shows it: "1 piece", "3 pieces"."""
    return f"{count} piece" if count == 1 else f"{count} pieces"


def listing(tags: list[str], limit: int = 10) -> str:
    """Up to `limit` tag codes, then how many more: the note under a table stays one sentence."""
    shown = ", ".join(tags[:limit])
    rest = len(tags) - limit
    return f"{shown} and {rest} more" if rest > 0 else shown


def totals_row(rows: Sequence[tuple[Cell, ...]], columns: Sequence[Column]) -> tuple[Cell, ...]:
    """The footer: every numeric column summed over the rows (an empty value cell adds
    nothing), text columns blank but the first, which says "Total"."""
    cells: list[Cell] = []
    for index, column in enumerate(columns):
        if not column.kind.numeric:
            cells.append("Total" if index == 0 else "")
            continue
        present = [row[index] for row in rows if row[index] is not None]
        if column.kind is ColumnKind.PAISE:
            cells.append(sum((p for p in present if isinstance(p, Paise)), Paise(0)))
        elif column.kind is ColumnKind.MILLIGRAMS:
            cells.append(sum((m for m in present if isinstance(m, Milligrams)), Milligrams(0)))
        else:
            cells.append(sum(n for n in present if isinstance(n, int)))
    return tuple(cells)
