"""Receipt numbers for subscription payments: RCPT/<financial year>/<5+ digits>, gapless.

One counter row per Indian financial year (April-March), platform-wide, locked while the
payment is recorded: the number is taken in the payment's own transaction, so a rolled-back
payment gives its number back and two payments never share one.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hub.storage.hub_tables import ReceiptCounter
from shared.numbering import financial_year

RECEIPT_PREFIX: Final = "RCPT"


def format_receipt_number(year: str, number: int) -> str:
    return f"{RECEIPT_PREFIX}/{year}/{number:05d}"


async def next_receipt_number(session: AsyncSession, day: date) -> str:
    """The next number in `day`'s financial year (the caller commits with the payment)."""
    year = financial_year(day)
    counter = (
        await session.scalars(
            select(ReceiptCounter).where(ReceiptCounter.financial_year == year).with_for_update()
        )
    ).one_or_none()
    if counter is None:
        counter = ReceiptCounter(financial_year=year, last_number=0)
        session.add(counter)
    counter.last_number += 1
    await session.flush()
    return format_receipt_number(year, counter.last_number)


__all__ = ["RECEIPT_PREFIX", "format_receipt_number", "next_receipt_number"]
