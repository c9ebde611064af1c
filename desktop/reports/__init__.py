"""Counter reports: the day book (what the shop closes the day against), as PDF and CSV."""

from desktop.reports.day_book import (
    AuditHead,
    DayBook,
    DayBookCreditNote,
    DayBookExchange,
    DayBookInvoice,
    DayBookPayment,
    DayBookTotals,
    ModeTotal,
    build_day_book,
    day_bounds_utc,
)
from desktop.reports.day_book_export import day_book_csv, render_day_book_pdf

__all__ = [
    "AuditHead",
    "DayBook",
    "DayBookCreditNote",
    "DayBookExchange",
    "DayBookInvoice",
    "DayBookPayment",
    "DayBookTotals",
    "ModeTotal",
    "build_day_book",
    "day_book_csv",
    "day_bounds_utc",
    "render_day_book_pdf",
]
