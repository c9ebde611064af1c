"""The reports about selling: the sales register, the day and cash books, the sales charts."""

from __future__ import annotations

from hub.reports.sales_books import DAY_BOOK
from hub.reports.sales_register import SALES_REGISTER
from hub.reports.sales_trends import SALES_TRENDS, sales_trends
from hub.reports.tabular import ReportSpec

SPECS: tuple[ReportSpec, ...] = (SALES_REGISTER, DAY_BOOK, SALES_TRENDS)

__all__ = ["SPECS", "sales_trends"]
