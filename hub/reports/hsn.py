"""GSTR-1 table 12, the HSN summary: quantity, taxable value and tax per HSN code, unit and rate.

Net of credit notes (a returned article reduces its code's quantity and value in the month of
the note). From the May 2025 period the summary is split into a B2B table (registered buyers,
with their CDNR notes) and a B2C table (everything else); before it, the two are filed as one.

A document taxes each rate's summed taxable value once, so when it holds two HSN codes at the
same rate the tax is shared out: each code is taxed on its own value and the last paisa of
difference goes to the code with the largest value. The summary's tax then adds up exactly to
the documents' tax, which is what the portal compares it with.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from hub.reports.documents import DocumentKind, LineGroup, TaxedDocument, rate_percent
from hub.reports.sections import Figures, HsnRow, Tally, Uqc
from shared.gst import SupplyType, TaxAtRate

HSN_DESCRIPTIONS: Final = {
    "7113": "Jewellery of precious metal",
    "7114": "Goldsmiths silversmiths wares",
    "7108": "Gold unwrought or semi-made",
    "7106": "Silver unwrought or semi-made",
    "7118": "Coin",
    "7102": "Diamonds",
    "7103": "Precious or semi-precious stone",
    "7104": "Synthetic or reconstructed stone",
    "9988": "Job work on goods of others",
}
"""Short descriptions by 4-digit heading (the portal keeps 30 characters)."""
DESCRIPTION_LIMIT: Final = 30
B2B_CLASSES: Final = frozenset({"b2b", "cdnr"})


def describe(hsn: str) -> str:
    text = HSN_DESCRIPTIONS.get(hsn[:4], f"Goods of HSN {hsn}")
    return text[:DESCRIPTION_LIMIT].rstrip()


def shared_out(row: TaxAtRate, groups: list[LineGroup], kind: SupplyType) -> list[Figures]:
    """Split one rate's tax over that rate's HSN groups so the parts add up to `row` exactly:
    each group taxed on its own value, the difference put on the group of largest value."""
    if len(groups) == 1:
        return [Figures.of(row)]
    parts = [Figures.of(TaxAtRate.compute(row.rate, group.taxable, kind)) for group in groups]
    largest = max(range(len(groups)), key=lambda index: groups[index].taxable.value)
    others = Figures.sum(part for index, part in enumerate(parts) if index != largest)
    parts[largest] = Figures.of(row) - others
    return parts


class _Sum:
    __slots__ = ("quantity", "tally")

    def __init__(self) -> None:
        self.quantity = 0
        self.tally = Tally()


def hsn_tables(
    documents: Iterable[TaxedDocument],
) -> tuple[tuple[HsnRow, ...], tuple[HsnRow, ...]]:
    """(B2B table, B2C table) from the month's issued invoices and credit notes."""
    tables: dict[bool, dict[tuple[str, Uqc, int], _Sum]] = {True: {}, False: {}}
    for taxed in documents:
        document = taxed.document
        if document.cancelled:
            continue
        sign = -1 if document.kind is DocumentKind.CREDIT_NOTE else 1
        table = tables[document.classification in B2B_CLASSES]
        for row in taxed.rows:
            groups = [g for g in document.groups if rate_percent(g.rate_bp) == row.rate]
            for group, part in zip(
                groups, shared_out(row, groups, document.supply_type), strict=True
            ):
                total = table.get((group.hsn, Uqc.GMS, group.rate_bp))
                if total is None:
                    total = table[(group.hsn, Uqc.GMS, group.rate_bp)] = _Sum()
                total.quantity += sign * group.gross.value
                total.tally.add_figures(part, sign)
    b2b, b2c = (_rows(tables[registered]) for registered in (True, False))
    return b2b, b2c


def _rows(table: dict[tuple[str, Uqc, int], _Sum]) -> tuple[HsnRow, ...]:
    return tuple(
        HsnRow(
            hsn, describe(hsn), uqc, total.quantity, rate_percent(rate_bp), total.tally.figures()
        )
        for (hsn, uqc, rate_bp), total in sorted(table.items(), key=lambda item: item[0])
    )


def merge_hsn_rows(rows: Iterable[HsnRow]) -> tuple[HsnRow, ...]:
    """One table from the B2B and B2C tables (the shape of periods before May 2025)."""
    merged: dict[tuple[str, Uqc, Decimal], HsnRow] = {}
    for row in rows:
        key = (row.hsn, row.uqc, row.rate)
        have = merged.get(key)
        merged[key] = (
            row
            if have is None
            else HsnRow(
                row.hsn,
                row.description,
                row.uqc,
                have.quantity + row.quantity,
                row.rate,
                have.figures + row.figures,
            )
        )
    return tuple(merged[key] for key in sorted(merged))
