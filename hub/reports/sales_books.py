"""The "Day book and cash book" report across all terminals (or the filter's): each day's
sales and receipts, the cash book, payments by mode and the old gold bought.

Money is read by the day it was recorded (`payment_date`), documents by their own date, so a
day's row is what the counters did that day.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.sales_daybook import (
    cash_book_table,
    cash_days,
    closing_cash,
    day_book_table,
    old_gold_table,
)
from hub.reports.sales_payments import payments_by_mode_table
from hub.reports.sales_queries import old_gold_lots, payments_in_range, sales_documents
from hub.reports.sales_register_rows import NetFigures
from hub.reports.tabular import Report, ReportFilter, ReportSpec
from shared.money import Paise

SLUG: Final = "day-book"
TITLE: Final = "Day book and cash book"


async def build_day_book(session: AsyncSession, flt: ReportFilter) -> Report:
    documents = await sales_documents(session, flt)
    payments = await payments_in_range(session, flt)
    lots = await old_gold_lots(session, flt)
    cash_book = cash_book_table(payments)
    days = cash_days(payments)
    cash_in = Paise(sum(d.cash_in.value for d in days))
    cash_out = Paise(sum(d.out_returns.value + d.out_old_gold.value for d in days))
    return Report(
        slug=SLUG,
        title=TITLE,
        filter=flt,
        tables=(
            day_book_table(documents, payments),
            cash_book,
            payments_by_mode_table(
                payments,
                key="payments_by_mode",
                title="Payments by mode",
                note=(
                    "Payments as the counters recorded them, by payment date: money in from "
                    "sales and advances, money out on refunds against credit notes and on old "
                    "gold worth more than the purchase. 'On credit' is the amount the customer "
                    "is to pay later."
                ),
            ),
            old_gold_table(lots),
        ),
        facts=(
            ("Net sales", NetFigures.of(documents).total.format()),
            ("Cash in", cash_in.format()),
            ("Cash out", cash_out.format()),
            ("Cash closing balance", closing_cash(cash_book).format()),
            ("Old gold bought", Paise(sum(lot.value.value for lot in lots)).format()),
        ),
    )


DAY_BOOK: Final = ReportSpec(
    slug=SLUG,
    title=TITLE,
    summary=(
        "Each day's sales and receipts across the terminals, the cash book, payments by mode "
        "and old gold bought by purity and weight"
    ),
    build=build_day_book,
    uses_terminals=True,
    default_span="today",
)

__all__ = ["DAY_BOOK", "build_day_book"]
