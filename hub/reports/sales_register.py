"""The "Sales register" report: every invoice of the range with its credit notes, and the
payments received against them by mode.

Its net taxable value and tax for a calendar month equal GSTR-1's register
(`hub.reports.register.sales_register`) to the paisa: both are issued invoices dated in the month
less issued credit notes dated in the month, from the documents' stored totals.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.sales_payments import payments_by_mode_table
from hub.reports.sales_queries import payments_for_documents, sales_documents, terminal_names
from hub.reports.sales_register_rows import NetFigures, register_table
from hub.reports.tabular import Report, ReportFilter, ReportSpec
from shared.money import group_indian

SLUG: Final = "sales-register"
TITLE: Final = "Sales register"


async def build_sales_register(session: AsyncSession, flt: ReportFilter) -> Report:
    documents = await sales_documents(session, flt)
    counted = {d.id for d in documents if d.counts}
    payments = [
        p
        for p in await payments_for_documents(session, flt)
        if (p.invoice_id or p.credit_note_id) in counted
    ]
    net = NetFigures.of(documents)
    return Report(
        slug=SLUG,
        title=TITLE,
        filter=flt,
        tables=(
            register_table(documents, payments, await terminal_names(session)),
            payments_by_mode_table(
                payments,
                key="by_mode",
                title="Payments by mode",
                note=(
                    "The payments recorded against the documents above (cancelled ones left "
                    "out), whatever day they were made: each mode's net equals its column's "
                    "total in the register."
                ),
            ),
        ),
        facts=(
            ("Invoices", group_indian(str(net.invoices))),
            ("Credit notes", group_indian(str(net.credit_notes))),
            ("Net taxable value", net.taxable.format()),
            ("Net tax", net.tax.format()),
            ("Net total", net.total.format()),
        ),
    )


SALES_REGISTER: Final = ReportSpec(
    slug=SLUG,
    title=TITLE,
    summary=(
        "Invoice-wise sales with taxable value, CGST, SGST, IGST, round-off, total and payment "
        "modes; credit notes shown against their invoices"
    ),
    build=build_sales_register,
    uses_terminals=True,
    default_span="month",
)

__all__ = ["SALES_REGISTER", "build_sales_register"]
