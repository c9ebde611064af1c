"""The reads behind the customers report, each one ORM query on the tenant session.

The session is a tenant (read-only) session: every table is scoped to the shop by the session
itself, and the joins below also match `shop_id` so the `(shop_id, ...)` indexes are used.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Iterable
from typing import Any, Final

from sqlalchemy import Select, and_, extract, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.customers_purchases import CustomerDetails, PurchaseDocument
from hub.reports.tabular import ReportFilter
from shared.money import Paise
from shared.tables import CreditNote, Customer, Invoice
from shared.tables.vocabulary import DocumentStatus

_ID_CHUNK: Final = 500
"""Ids per IN (...) list: well under every database's parameter limit."""


def _invoices(flt: ReportFilter) -> Select[*tuple[Any, ...]]:
    query = select(
        Invoice.customer_id,
        Invoice.invoice_date,
        Invoice.grand_total_paise,
        Invoice.buyer_name,
        Invoice.buyer_phone,
    ).where(
        Invoice.invoice_date >= flt.date_from,
        Invoice.invoice_date <= flt.date_to,
        Invoice.status == DocumentStatus.ISSUED.value,
    )
    if flt.terminal_ids:
        query = query.where(Invoice.terminal_id.in_(flt.terminal_ids))
    return query


def _notes(flt: ReportFilter) -> Select[*tuple[Any, ...]]:
    """Credit notes of the range with the customer of the invoice each one returns."""
    query = (
        select(
            Invoice.customer_id,
            CreditNote.note_date,
            CreditNote.grand_total_paise,
            Invoice.buyer_name,
            Invoice.buyer_phone,
        )
        .join(
            Invoice,
            and_(Invoice.shop_id == CreditNote.shop_id, Invoice.id == CreditNote.invoice_id),
        )
        .where(
            CreditNote.note_date >= flt.date_from,
            CreditNote.note_date <= flt.date_to,
            CreditNote.status == DocumentStatus.ISSUED.value,
        )
    )
    if flt.terminal_ids:
        query = query.where(CreditNote.terminal_id.in_(flt.terminal_ids))
    return query


async def purchase_documents(session: AsyncSession, flt: ReportFilter) -> list[PurchaseDocument]:
    """Issued invoices (+) and credit notes (-) of the range, on the filter's terminals."""
    documents = [
        PurchaseDocument(row[0], row[1], Paise(row[2]), True, row[3], row[4])
        for row in await session.execute(_invoices(flt))
    ]
    documents.extend(
        PurchaseDocument(row[0], row[1], Paise(-row[2]), False, row[3], row[4])
        for row in await session.execute(_notes(flt))
    )
    return documents


def _chunks(ids: Collection[uuid.UUID]) -> Iterable[list[uuid.UUID]]:
    ordered = sorted(ids)
    for start in range(0, len(ordered), _ID_CHUNK):
        yield ordered[start : start + _ID_CHUNK]


async def customer_details(
    session: AsyncSession, ids: Collection[uuid.UUID]
) -> dict[uuid.UUID, CustomerDetails]:
    """The current name and phone of these customers (those the hub holds a row for)."""
    found: dict[uuid.UUID, CustomerDetails] = {}
    for chunk in _chunks(ids):
        rows = await session.execute(
            select(Customer.id, Customer.name, Customer.phone).where(Customer.id.in_(chunk))
        )
        found.update({row[0]: CustomerDetails(row[1], row[2]) for row in rows})
    return found


async def bought_before(
    session: AsyncSession, ids: Collection[uuid.UUID], day: dt.date
) -> frozenset[uuid.UUID]:
    """Which of these customers have an issued invoice dated before `day`, at any terminal
    (being new or returning is a fact about the shop, not about one counter)."""
    found: set[uuid.UUID] = set()
    for chunk in _chunks(ids):
        rows = await session.execute(
            select(Invoice.customer_id)
            .where(
                Invoice.customer_id.in_(chunk),
                Invoice.invoice_date < day,
                Invoice.status == DocumentStatus.ISSUED.value,
            )
            .distinct()
        )
        found.update(row[0] for row in rows if row[0] is not None)
    return frozenset(found)


async def customers_with_occasions_in(
    session: AsyncSession, months: Collection[int]
) -> list[tuple[uuid.UUID, str, str | None, dt.date | None, dt.date | None]]:
    """(id, name, phone, birth date, anniversary) of customers with either date in `months`."""
    wanted = sorted(months)
    rows = await session.execute(
        select(
            Customer.id, Customer.name, Customer.phone, Customer.birth_date, Customer.anniversary
        ).where(
            or_(
                extract("month", Customer.birth_date).in_(wanted),
                extract("month", Customer.anniversary).in_(wanted),
            )
        )
    )
    return [(row[0], row[1], row[2], row[3], row[4]) for row in rows]


__all__ = [
    "bought_before",
    "customer_details",
    "customers_with_occasions_in",
    "purchase_documents",
]
