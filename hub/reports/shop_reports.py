"""The reports about the shop's goods and people: stock, HUID compliance, customers."""

from __future__ import annotations

from hub.reports import huid_report, stock_report
from hub.reports.customers_report import CUSTOMERS_REPORT
from hub.reports.tabular import ReportSpec

SPECS: tuple[ReportSpec, ...] = (
    ReportSpec(
        slug=stock_report.SLUG,
        title=stock_report.TITLE,
        summary=stock_report.SUMMARY,
        build=stock_report.StockReport().build,
        uses_terminals=False,
    ),
    ReportSpec(
        slug=huid_report.SLUG,
        title=huid_report.TITLE,
        summary=huid_report.SUMMARY,
        build=huid_report.build_huid_report,
    ),
    CUSTOMERS_REPORT,
)
