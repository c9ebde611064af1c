"""Issued invoices: find, look at, reprint, and take a sales return as a credit note."""

from __future__ import annotations

from pathlib import Path

from desktop.printing import Paper
from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.services.invoice_views import InvoiceDetail, InvoiceSummary
from desktop.services.invoices import (
    InvoiceQuery,
    IssuedCreditNote,
    create_return,
    get_invoice,
    list_invoices,
)
from desktop.ui.viewmodels.base import ViewModel
from desktop.ui.viewmodels.documents import credit_note_pdf, file_name, invoice_pdf
from desktop.ui.viewmodels.printing import PrintOutcome, print_pdf, save_pdf


class InvoicesViewModel(ViewModel):
    def __init__(self, ctx: CounterContext, actor: Actor) -> None:
        super().__init__()
        self._ctx = ctx
        self._actor = actor

    def search(self, text: str = "") -> list[InvoiceSummary]:
        return list_invoices(self._ctx, InvoiceQuery(text=text.strip()))

    def detail(self, number: str) -> InvoiceDetail | None:
        return self.attempt(lambda: get_invoice(self._ctx, number))

    def save_invoice(self, number: str, paper: Paper, target: Path) -> PrintOutcome | None:
        return self.attempt(lambda: save_pdf(invoice_pdf(self._ctx, number, paper), target))

    def print_invoice(self, number: str, paper: Paper, printer: str | None) -> PrintOutcome | None:
        return self.attempt(
            lambda: print_pdf(invoice_pdf(self._ctx, number, paper), file_name(number), printer)
        )

    def sales_return(
        self, number: str, tag_codes: list[str] | None, reason: str = ""
    ) -> IssuedCreditNote | None:
        """Return the chosen pieces (None: all) as a credit note; they go back to stock."""
        issued = self.attempt(
            lambda: create_return(
                self._ctx, self._actor, number, tag_codes, reason.strip() or "sales return"
            )
        )
        if issued is not None:
            self.changed.emit(None)
        return issued

    def save_credit_note(self, number: str, paper: Paper, target: Path) -> PrintOutcome | None:
        return self.attempt(lambda: save_pdf(credit_note_pdf(self._ctx, number, paper), target))

    def print_credit_note(
        self, number: str, paper: Paper, printer: str | None
    ) -> PrintOutcome | None:
        return self.attempt(
            lambda: print_pdf(
                credit_note_pdf(self._ctx, number, paper),
                file_name(number, "credit-note"),
                printer,
            )
        )
