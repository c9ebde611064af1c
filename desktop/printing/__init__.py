"""Counter printing: GST invoices and credit notes (A4, A5, 80 mm roll) and jewellery tags.

No Qt here: the CLI and the window both call these. The invoice and credit-note rendering lives
in `shared.printing` (the hub archives the same PDFs) and is re-exported here; the counter's own
parts are the printer (`send_to_printer` hands a file to the operating system's printer) and the
tags.
"""

from desktop.printing.printer import PrinterError, default_printer, list_printers, send_to_printer
from desktop.printing.tag_loader import load_tag_pieces
from desktop.printing.tags import SheetLayout, TagPiece, TagStock, render_tags_pdf
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
from shared.printing.loaders import load_credit_note_document, load_invoice_document
from shared.printing.paper import Paper
from shared.printing.render import render_credit_note_pdf, render_invoice_pdf

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
    "PrinterError",
    "SheetLayout",
    "ShopHeader",
    "TagPiece",
    "TagStock",
    "TaxRow",
    "default_printer",
    "font_paths",
    "list_printers",
    "load_credit_note_document",
    "load_invoice_document",
    "load_tag_pieces",
    "register_fonts",
    "render_credit_note_pdf",
    "render_invoice_pdf",
    "render_tags_pdf",
    "send_to_printer",
]
