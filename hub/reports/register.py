"""The sales register's totals for a month: issued invoices less issued credit notes.

Computed straight from the documents' stored totals, without any of GSTR-1's classification or
grouping, so that GSTR-1 and GSTR-3B can be checked against it: if a document fell into no table
or into two, the identities in the tests would break.
"""

from __future__ import annotations

from collections.abc import Iterable

from hub.reports.documents import DocumentKind, ReportDocument
from hub.reports.period import ReturnPeriod
from hub.reports.sections import Figures, Tally


def sales_register(period: ReturnPeriod, documents: Iterable[ReportDocument]) -> Figures:
    total = Tally()
    for document in documents:
        if document.cancelled or not period.contains(document.document_date):
            continue
        sign = 1 if document.kind is DocumentKind.INVOICE else -1
        total.add_figures(
            Figures(document.taxable, document.igst, document.cgst, document.sgst), sign
        )
    return total.figures()
