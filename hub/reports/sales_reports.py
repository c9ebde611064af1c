"""The reports about selling: the sales register, the day and cash books, the sales charts."""

from __future__ import annotations

from hub.reports.tabular import ReportSpec

SPECS: tuple[ReportSpec, ...] = ()
