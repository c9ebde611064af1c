"""Every report the hub offers, in the order the reports page lists them.

Built once from each family's `SPECS`, so adding a report is adding a spec in its family's
module; the pages, downloads and export jobs find it here by slug.
"""

from __future__ import annotations

from functools import cache

from hub.reports import sales_reports, shop_reports
from hub.reports.tabular import Catalogue


@cache
def report_catalogue() -> Catalogue:
    catalogue = Catalogue()
    for spec in (*sales_reports.SPECS, *shop_reports.SPECS):
        catalogue.add(spec)
    return catalogue
