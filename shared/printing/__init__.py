"""GST documents as PDF: tax invoices and credit notes on A4, A5 and an 80 mm roll.

Shared by both ends so the hub's archived copy of an invoice is the very layout the counter
printed (same code, same embedded fonts, reproducible bytes). No Qt and no printers here: the
counter's printer, tags and samples stay in `desktop.printing`. Loaders read the shared tables
through an ordinary synchronous SQLAlchemy `Session` (the hub calls them through
`AsyncSession.run_sync`); renderers return PDF bytes.
"""

from shared.printing.documents import (
    BuyerDetails,
    CreditNoteDocument,
    DocumentLine,
    DocumentTotals,
    ExchangeItem,
    GstDocument,
    InvoiceDocument,
    PaymentItem,
    PrintProfile,
    ShopHeader,
    TaxRow,
)
from shared.printing.fonts import font_paths, register_fonts
from shared.printing.loaders import (
    load_credit_note_document,
    load_credit_note_document_by_id,
    load_invoice_document,
    load_invoice_document_by_id,
)
from shared.printing.paper import Paper
from shared.printing.render import render_credit_note_pdf, render_document_pdf, render_invoice_pdf

__all__ = [
    "BuyerDetails",
    "CreditNoteDocument",
    "DocumentLine",
    "DocumentTotals",
    "ExchangeItem",
    "GstDocument",
    "InvoiceDocument",
    "Paper",
    "PaymentItem",
    "PrintProfile",
    "ShopHeader",
    "TaxRow",
    "font_paths",
    "load_credit_note_document",
    "load_credit_note_document_by_id",
    "load_invoice_document",
    "load_invoice_document_by_id",
    "register_fonts",
    "render_credit_note_pdf",
    "render_document_pdf",
    "render_invoice_pdf",
]
