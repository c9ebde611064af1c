"""The reports about the shop's goods and people: stock, HUID compliance, customers."""

from __future__ import annotations

from hub.reports.tabular import ReportSpec

SPECS: tuple[ReportSpec, ...] = ()
