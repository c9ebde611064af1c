"""The customers report: who buys most, who is new and who comes back, and whose birthday or
anniversary falls this week (so the shop can call them).

Purchases honour the date range and the terminal filter; the week's occasions are the week
(Monday to Sunday) of the range's end date and concern the whole shop, whatever terminals are
chosen. Reads go through the tenant read-only session (`hub.reports.customers_queries`); the
sums are made in `customers_purchases` and `customers_occasions`, which know no database.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.customers_occasions import CustomerDates, ShopWeek, occasions_in_week
from hub.reports.customers_purchases import (
    CustomerPurchases,
    LoyaltyGroup,
    Purchases,
    fold_purchases,
    ranked,
    split_new_and_repeat,
)
from hub.reports.customers_queries import (
    bought_before,
    customer_details,
    customers_with_occasions_in,
    purchase_documents,
)
from hub.reports.tabular import Column, ColumnKind, Report, ReportFilter, ReportSpec, ReportTable
from shared.money import Paise, group_indian

TOP_CUSTOMERS: Final = 50

_TOP_COLUMNS: Final = (
    Column("name", "Customer"),
    Column("phone", "Phone"),
    Column("invoices", "Invoices", ColumnKind.COUNT),
    Column("net_total", "Net purchases", ColumnKind.PAISE),
    Column("last_purchase", "Last purchase", ColumnKind.DATE),
)
_LOYALTY_COLUMNS: Final = (
    Column("customers_kind", "Customers"),
    Column("customers", "Number of customers", ColumnKind.COUNT),
    Column("invoices", "Invoices", ColumnKind.COUNT),
    Column("net_total", "Net purchases", ColumnKind.PAISE),
)
_OCCASION_COLUMNS: Final = (
    Column("name", "Customer"),
    Column("phone", "Phone"),
    Column("occasion", "Occasion"),
    Column("date", "Date", ColumnKind.DATE),
    Column("years", "Years", ColumnKind.COUNT),
)


def _top_table(top: list[CustomerPurchases], everyone: int) -> ReportTable:
    rows = tuple(
        (entry.name, entry.phone, entry.invoices, entry.net, entry.last_purchase) for entry in top
    )
    shown = "all" if len(top) == everyone else f"the top {len(top)} of {everyone}"
    return ReportTable(
        key="top_customers",
        title="Top customers",
        columns=_TOP_COLUMNS,
        rows=rows,
        totals=(
            "Total",
            None,
            sum(entry.invoices for entry in top),
            Paise(sum(entry.net.value for entry in top)),
            None,
        ),
        note=(
            f"Net purchases are invoices less credit notes (by the customer of the invoice "
            f"returned), cancelled documents left out; {shown} customers who bought or "
            "returned in the range. Walk-in sales without a customer are not listed (see the "
            "figure above)."
        ),
    )


def _loyalty_table(groups: tuple[LoyaltyGroup, LoyaltyGroup]) -> ReportTable:
    return ReportTable(
        key="repeat_vs_new",
        title="New and repeat customers",
        columns=_LOYALTY_COLUMNS,
        rows=tuple((g.loyalty.value, g.customers, g.invoices, g.net) for g in groups),
        totals=(
            "Total",
            sum(g.customers for g in groups),
            sum(g.invoices for g in groups),
            Paise(sum(g.net.value for g in groups)),
        ),
        note=(
            "Customers with an invoice in the range: new when their first invoice at the shop "
            "(any counter) falls in it, repeat when they had bought before it."
        ),
    )


def _occasions_table(customers: list[CustomerDates], week: ShopWeek) -> ReportTable:
    due = occasions_in_week(customers, week)
    return ReportTable(
        key="occasions",
        title=f"Birthdays and anniversaries, week of {week.label()}",
        columns=_OCCASION_COLUMNS,
        rows=tuple((d.name, d.phone, d.occasion.value, d.day, d.years) for d in due),
        note=(
            "The week (Monday to Sunday) of the range's end date, for the whole shop; a 29 "
            "February date is shown on 28 February in other years."
        ),
    )


def _count(number: int) -> str:
    return group_indian(str(number))


async def _purchases(session: AsyncSession, flt: ReportFilter) -> Purchases:
    documents = await purchase_documents(session, flt)
    ids = {d.customer_id for d in documents if d.customer_id is not None}
    return fold_purchases(documents, await customer_details(session, ids))


async def build_customers_report(session: AsyncSession, flt: ReportFilter) -> Report:
    purchases = await _purchases(session, flt)
    buyers = frozenset(c.customer_id for c in purchases.customers if c.invoices)
    groups = split_new_and_repeat(
        purchases.customers, await bought_before(session, buyers, flt.date_from)
    )
    week = ShopWeek.of(flt.date_to)
    dated = [CustomerDates(*row) for row in await customers_with_occasions_in(session, week.months)]
    occasions = _occasions_table(dated, week)
    return Report(
        slug="customers",
        title="Customers",
        filter=flt,
        tables=(
            _top_table(ranked(purchases.customers, TOP_CUSTOMERS), len(purchases.customers)),
            _loyalty_table(groups),
            occasions,
        ),
        facts=(
            ("Customers who bought", _count(len(buyers))),
            ("New customers", _count(groups[0].customers)),
            (
                "Walk-in sales (no customer)",
                f"{purchases.walk_in_net.format()} "
                f"({_count(purchases.walk_in_invoices)} invoices, less returns)",
            ),
            ("Birthdays and anniversaries in the week", _count(len(occasions.rows))),
        ),
    )


CUSTOMERS_REPORT: Final = ReportSpec(
    slug="customers",
    title="Customers",
    summary="Top customers, new and repeat buyers, and this week's birthdays and anniversaries.",
    build=build_customers_report,
    uses_terminals=True,
    default_span="month",
)


__all__ = ["CUSTOMERS_REPORT", "TOP_CUSTOMERS", "build_customers_report"]
