"""Reports the shop files or reconciles: GSTR-1 and GSTR-3B's outward supplies for a month.

Pure functions over plain document rows (`documents`, `gstr1`, `hsn`, `doc_issue`, `gstr3b`,
`register`), the portal's JSON and the offline tool's CSV at the edge (`gstr1_json`,
`gstr1_csv`), the reads in `queries`, and the entry point the web layer calls in `service`.
"""

from hub.reports.documents import DocumentKind, LineGroup, ReportDocument, UnreportableDocument
from hub.reports.gstr1 import build_gstr1
from hub.reports.gstr1_csv import CsvSection
from hub.reports.gstr3b import Gstr3bOutward, InterStateUnregistered
from hub.reports.period import ReturnPeriod
from hub.reports.sections import Figures, Gstr1Return
from hub.reports.service import Gstr1, gstr1_for_month, gstr1_from_documents

__all__ = [
    "CsvSection",
    "DocumentKind",
    "Figures",
    "Gstr1",
    "Gstr1Return",
    "Gstr3bOutward",
    "InterStateUnregistered",
    "LineGroup",
    "ReportDocument",
    "ReturnPeriod",
    "UnreportableDocument",
    "build_gstr1",
    "gstr1_for_month",
    "gstr1_from_documents",
]
