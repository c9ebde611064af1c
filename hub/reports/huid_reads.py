"""The invoice lines the HUID report needs: sales in a range, and every sold HUID.

Only issued invoices count (a cancelled invoice sold nothing). Each line comes with the piece's
tag and product name when the line names a piece, so the report can say which tag was sold.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import Select, and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.tabular import ReportFilter
from shared.money import Milligrams, Paise
from shared.tables import CreditNote, CreditNoteLine, Invoice, InvoiceLine, Product, StockPiece
from shared.tables.vocabulary import DocumentStatus

_ISSUED = DocumentStatus.ISSUED.value
_LineQuery = Select[InvoiceLine, Invoice, str, str]
"""Line, invoice, the piece's tag and its product's name (both None without a piece)."""


@dataclass(frozen=True, slots=True)
class SoldLine:
    line_id: uuid.UUID
    invoice_id: uuid.UUID
    invoice_number: str
    invoice_date: dt.date
    piece_id: uuid.UUID | None
    tag_code: str | None
    product_name: str | None
    description: str
    metal: str | None
    purity_fineness: int | None
    hsn: str
    huid: str | None
    gross: Milligrams
    net: Milligrams
    taxable: Paise


def _lines() -> _LineQuery:
    return (
        select(InvoiceLine, Invoice, StockPiece.tag_code, Product.name)
        .join(
            Invoice,
            and_(Invoice.shop_id == InvoiceLine.shop_id, Invoice.id == InvoiceLine.invoice_id),
        )
        .outerjoin(
            StockPiece,
            and_(
                StockPiece.shop_id == InvoiceLine.shop_id,
                StockPiece.id == InvoiceLine.stock_piece_id,
            ),
        )
        .outerjoin(
            Product,
            and_(Product.shop_id == StockPiece.shop_id, Product.id == StockPiece.product_id),
        )
        .where(Invoice.status == _ISSUED)
        .order_by(Invoice.invoice_date, Invoice.number, InvoiceLine.line_no)
    )


async def _read(session: AsyncSession, query: _LineQuery) -> list[SoldLine]:
    sold = []
    for line, invoice, tag_code, product_name in (await session.execute(query)).all():
        sold.append(
            SoldLine(
                line_id=line.id,
                invoice_id=invoice.id,
                invoice_number=invoice.number,
                invoice_date=invoice.invoice_date,
                piece_id=line.stock_piece_id,
                tag_code=tag_code,
                product_name=product_name,
                description=line.description,
                metal=line.metal,
                purity_fineness=line.purity_fineness,
                hsn=line.hsn,
                huid=line.huid,
                gross=Milligrams(line.gross_mg),
                net=Milligrams(line.net_mg),
                taxable=Paise(line.taxable_paise),
            )
        )
    return sold


async def sales_in_range(session: AsyncSession, flt: ReportFilter) -> list[SoldLine]:
    """Lines of issued invoices dated in the filter's range, from its terminals if it names any."""
    query = (
        _lines()
        .where(Invoice.invoice_date >= flt.date_from)
        .where(Invoice.invoice_date <= flt.date_to)
    )
    if flt.terminal_ids:
        query = query.where(Invoice.terminal_id.in_(sorted(flt.terminal_ids)))
    return await _read(session, query)


async def lines_with_huid(session: AsyncSession) -> list[SoldLine]:
    """Every issued invoice line that carries a HUID, whenever it was sold."""
    return await _read(session, _lines().where(InvoiceLine.huid.is_not(None)))


async def returned_line_ids(session: AsyncSession) -> set[uuid.UUID]:
    """Invoice lines taken back on an issued credit note (the article is back in the shop)."""
    query = (
        select(CreditNoteLine.invoice_line_id)
        .join(
            CreditNote,
            and_(
                CreditNote.shop_id == CreditNoteLine.shop_id,
                CreditNote.id == CreditNoteLine.credit_note_id,
            ),
        )
        .where(CreditNote.status == _ISSUED)
        .where(CreditNoteLine.invoice_line_id.is_not(None))
    )
    return {line_id for line_id in (await session.scalars(query)).all() if line_id is not None}
