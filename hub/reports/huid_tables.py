"""The HUID compliance tables, as pure functions over pieces and sold lines.

- missing_huid: pieces held now that BIS requires a HUID on, with none or a malformed one;
- duplicate_huid: a HUID found on more than one article of the shop, each article listed;
- sold_without_huid: sales in the range of such articles without a valid HUID.

An "article" is a tagged piece (its own HUID and the HUIDs its sales carried), or, for a line
sold without a tag, that line, unless a credit note took it back (the same article may then
be sold again, and must not count as a second one).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from hub.reports.huid_reads import SoldLine
from hub.reports.huid_rules import HUID_REQUIRED_FROM, checked_huid, huid_problem, requires_huid
from hub.reports.stock_format import metal_title, totals_row
from hub.reports.stock_reads import PieceFacts
from hub.reports.stock_value import grade_label
from hub.reports.tabular import Cell, Column, ColumnKind, ReportTable

MISSING_COLUMNS: Final = (
    Column("tag", "Tag"),
    Column("description", "Description"),
    Column("product", "Product"),
    Column("metal", "Metal"),
    Column("purity", "Purity"),
    Column("gross_weight", "Gross weight (g)", ColumnKind.MILLIGRAMS),
    Column("net_weight", "Net weight (g)", ColumnKind.MILLIGRAMS),
    Column("problem", "Problem"),
)
DUPLICATE_COLUMNS: Final = (
    Column("huid", "HUID"),
    Column("tag", "Tag"),
    Column("description", "Description"),
    Column("status", "Status"),
    Column("invoice", "Last invoice"),
    Column("net_weight", "Net weight (g)", ColumnKind.MILLIGRAMS),
)
SOLD_COLUMNS: Final = (
    Column("date", "Date", ColumnKind.DATE),
    Column("invoice", "Invoice"),
    Column("tag", "Tag"),
    Column("description", "Description"),
    Column("purity", "Purity"),
    Column("gross_weight", "Gross weight (g)", ColumnKind.MILLIGRAMS),
    Column("net_weight", "Net weight (g)", ColumnKind.MILLIGRAMS),
    Column("taxable", "Taxable value", ColumnKind.PAISE),
    Column("problem", "Problem"),
)
_STATUS_TEXT: Final = {
    "in_stock": "in stock",
    "sold": "sold",
    "returned": "returned to supplier",
    "reserved": "reserved",
    "removed": "removed",
}


def _piece_needs_huid(piece: PieceFacts) -> bool:
    return requires_huid(
        piece.metal,
        piece.purity_fineness,
        piece.hsn,
        piece.gross,
        (piece.description, piece.product_name),
    )


def missing_huid_table(pieces: Sequence[PieceFacts]) -> ReportTable:
    rows: list[tuple[Cell, ...]] = []
    for piece in pieces:
        if not piece.held or not _piece_needs_huid(piece):
            continue
        problem = huid_problem(piece.huid)
        if problem is None:
            continue
        rows.append(
            (
                piece.tag_code,
                piece.description,
                piece.product_name or "",
                metal_title(piece.metal),
                grade_label(piece.metal, piece.purity_fineness),
                piece.gross,
                piece.net,
                problem,
            )
        )
    return ReportTable(
        key="missing_huid",
        title="In stock without a HUID",
        columns=MISSING_COLUMNS,
        rows=tuple(rows),
        totals=totals_row(rows, MISSING_COLUMNS),
        note=(
            "Gold jewellery of 2 g and over (kundan, polki and jadau excepted) in stock or "
            "reserved, with no HUID or one that is not six letters or digits: BIS forbids "
            "selling it until it is hallmarked."
        ),
    )


@dataclass(frozen=True, slots=True)
class _Article:
    tag: str
    description: str
    status: str
    invoice: str
    net: Cell
    order: tuple[str, str]


def _articles_by_huid(
    pieces: Sequence[PieceFacts], sold: Sequence[SoldLine], returned: Collection[uuid.UUID]
) -> dict[str, dict[uuid.UUID, _Article]]:
    by_id = {piece.id: piece for piece in pieces}
    last_invoice: dict[uuid.UUID, str] = {}
    for line in sold:
        if line.piece_id is not None:
            last_invoice[line.piece_id] = line.invoice_number
    found: dict[str, dict[uuid.UUID, _Article]] = {}

    def piece_article(piece: PieceFacts) -> _Article:
        return _Article(
            tag=piece.tag_code,
            description=piece.description,
            status=_STATUS_TEXT.get(piece.status, piece.status),
            invoice=last_invoice.get(piece.id, ""),
            net=piece.net,
            order=(piece.tag_code, ""),
        )

    for piece in pieces:
        huid = checked_huid(piece.huid)
        if huid is not None:
            found.setdefault(huid, {})[piece.id] = piece_article(piece)
    for line in sold:
        huid = checked_huid(line.huid)
        if huid is None:
            continue
        if line.piece_id is not None and line.piece_id in by_id:
            found.setdefault(huid, {})[line.piece_id] = piece_article(by_id[line.piece_id])
        elif line.line_id not in returned:
            found.setdefault(huid, {})[line.line_id] = _Article(
                tag="",
                description=line.description,
                status=f"sold {line.invoice_date:%d-%m-%Y} without a tag",
                invoice=line.invoice_number,
                net=line.net,
                order=("~", line.invoice_number),
            )
    return found


def duplicate_huid_table(
    pieces: Sequence[PieceFacts], sold: Sequence[SoldLine], returned: Collection[uuid.UUID]
) -> ReportTable:
    rows: list[tuple[Cell, ...]] = []
    for huid, articles in sorted(_articles_by_huid(pieces, sold, returned).items()):
        if len(articles) < 2:
            continue
        for article in sorted(articles.values(), key=lambda a: a.order):
            rows.append(
                (
                    huid,
                    article.tag,
                    article.description,
                    article.status,
                    article.invoice,
                    article.net,
                )
            )
    return ReportTable(
        key="duplicate_huid",
        title="HUIDs on more than one article",
        columns=DUPLICATE_COLUMNS,
        rows=tuple(rows),
        totals=None,
        note=(
            "A HUID is unique to one article. Each row is an article carrying it: a tagged piece "
            "(with the HUIDs its sales were billed with) or a line sold without a tag."
        ),
    )


def _line_needs_huid(line: SoldLine) -> bool:
    return line.invoice_date >= HUID_REQUIRED_FROM and requires_huid(
        line.metal,
        line.purity_fineness,
        line.hsn,
        line.gross,
        (line.description, line.product_name),
    )


def sold_without_huid_table(sold: Sequence[SoldLine]) -> ReportTable:
    rows: list[tuple[Cell, ...]] = []
    links: list[str | None] = []
    for line in sold:
        if not _line_needs_huid(line):
            continue
        problem = huid_problem(line.huid)
        if problem is None:
            continue
        rows.append(
            (
                line.invoice_date,
                line.invoice_number,
                line.tag_code or "",
                line.description,
                grade_label(line.metal, line.purity_fineness)
                if line.metal is not None and line.purity_fineness is not None
                else "",
                line.gross,
                line.net,
                line.taxable,
                problem,
            )
        )
        links.append(f"/documents/{line.invoice_id}.pdf")
    return ReportTable(
        key="sold_without_huid",
        title="Sold without a HUID",
        columns=SOLD_COLUMNS,
        rows=tuple(rows),
        totals=totals_row(rows, SOLD_COLUMNS),
        note=(
            "Lines of issued invoices in the range selling gold jewellery of 2 g and over "
            "(kundan, polki and jadau excepted) with no valid HUID; since 1-4-2023 BIS forbids it."
        ),
        row_links=tuple(links),
    )
