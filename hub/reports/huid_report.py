"""The "HUID compliance" report: hallmark-required pieces without a HUID, HUIDs found on more
than one article, and sales in the range without one.

The stock tables are about the shop as it stands; only the sales table follows the date range
and, when one is chosen, the terminals or branch.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from hub.reports.huid_reads import lines_with_huid, returned_line_ids, sales_in_range
from hub.reports.huid_tables import (
    duplicate_huid_table,
    missing_huid_table,
    sold_without_huid_table,
)
from hub.reports.stock_reads import load_pieces
from hub.reports.tabular import Report, ReportFilter

SLUG = "huid"
TITLE = "HUID compliance"
SUMMARY = (
    "Hallmark-required pieces in stock without a HUID, HUIDs on more than one piece, "
    "and sales without a HUID"
)


async def build_huid_report(session: AsyncSession, flt: ReportFilter) -> Report:
    pieces = await load_pieces(session)
    missing = missing_huid_table(pieces)
    duplicates = duplicate_huid_table(
        pieces, await lines_with_huid(session), await returned_line_ids(session)
    )
    sold = sold_without_huid_table(await sales_in_range(session, flt))
    duplicate_huids = {row[0] for row in duplicates.rows}
    invoices = {row[1] for row in sold.rows}
    return Report(
        slug=SLUG,
        title=TITLE,
        filter=flt,
        tables=(missing, duplicates, sold),
        facts=(
            ("Pieces in stock without a HUID", str(len(missing.rows))),
            ("HUIDs on more than one article", str(len(duplicate_huids))),
            ("Lines sold without a HUID", str(len(sold.rows))),
            ("Invoices with such lines", str(len(invoices))),
        ),
    )
