"""F5 Invoices: find an issued invoice, see it, reprint it (Enter), or take a sales return
(Ctrl+R) which issues a credit note and offers to print it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.actor import Actor
from desktop.services.context import CounterContext
from desktop.services.invoice_views import InvoiceLineView, InvoiceSummary, PaymentView
from desktop.services.settings import load_settings
from desktop.ui.dialogs.output import ask_output
from desktop.ui.dialogs.sales_return import SalesReturnDialog
from desktop.ui.keys import shortcut
from desktop.ui.screens.base import Screen
from desktop.ui.screens.billing import print_folder
from desktop.ui.viewmodels.base import UserMessage
from desktop.ui.viewmodels.documents import file_name
from desktop.ui.viewmodels.invoices import InvoicesViewModel
from desktop.ui.widgets.table import Column, RecordTable

INVOICE_COLUMNS: list[Column[InvoiceSummary]] = [
    Column("Number", lambda i: i.number),
    Column("Date", lambda i: f"{i.invoice_date:%d-%m-%Y}"),
    Column("Buyer", lambda i: i.buyer_name, stretch=True),
    Column("Grand total", lambda i: i.grand_total.format(), numeric=True),
    Column("Net payable", lambda i: i.net_payable.format(), numeric=True),
    Column("Status", lambda i: i.status + (" · returned" if i.returned else "")),
]


class InvoicesScreen(Screen):
    title = "Invoices"

    def __init__(self, ctx: CounterContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.model = InvoicesViewModel(ctx, actor)
        row = QHBoxLayout()
        caption = QLabel("Find")
        caption.setProperty("role", "muted")
        self.search = QLineEdit()
        self.search.setObjectName("invoiceSearch")
        self.search.setPlaceholderText("Invoice number or buyer, then Enter")
        row.addWidget(caption)
        row.addWidget(self.search, 1)
        self.layout_.addLayout(row)
        body = QHBoxLayout()
        self.table: RecordTable[InvoiceSummary] = RecordTable(INVOICE_COLUMNS)
        self.table.setObjectName("invoiceTable")
        body.addWidget(self.table, 3)
        detail = QVBoxLayout()
        lines_box = QGroupBox("Lines")
        lines_layout = QVBoxLayout(lines_box)
        self.lines: RecordTable[InvoiceLineView] = RecordTable(
            [
                Column("#", lambda line: str(line.line_no), numeric=True),
                Column("Item", lambda line: line.description, stretch=True),
                Column("Net", lambda line: line.net.format(), numeric=True),
                Column("Value", lambda line: line.taxable.format(), numeric=True),
                Column("HUID", lambda line: line.huid or ""),
            ]
        )
        self.lines.setObjectName("invoiceLines")
        lines_layout.addWidget(self.lines)
        detail.addWidget(lines_box, 2)
        pay_box = QGroupBox("Payments")
        pay_layout = QVBoxLayout(pay_box)
        self.payments: RecordTable[PaymentView] = RecordTable(
            [
                Column("Mode", lambda p: p.mode, stretch=True),
                Column("Amount", lambda p: p.amount.format(), numeric=True),
                Column("Direction", lambda p: p.direction),
            ]
        )
        pay_layout.addWidget(self.payments)
        detail.addWidget(pay_box, 1)
        self.notes = QLabel()
        self.notes.setObjectName("creditNotes")
        self.notes.setWordWrap(True)
        detail.addWidget(self.notes)
        body.addLayout(detail, 2)
        self.layout_.addLayout(body, 1)
        help_line = QLabel(
            "Enter search · ↓ to the list · Enter reprint · Ctrl+R sales return (credit note)"
        )
        help_line.setProperty("role", "muted")
        self.layout_.addWidget(help_line)
        self.search.returnPressed.connect(self.refresh)
        self.table.activated_row.connect(lambda _: self.reprint())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        shortcut(self.search, "Down", self.table.setFocus)
        shortcut(self, "Ctrl+R", self.sales_return)
        shortcut(self, "Ctrl+P", self.reprint)
        self.model.error.connect(self.show_error)

    def focus_target(self) -> QWidget:
        return self.search

    def refresh(self) -> None:
        self.table.set_rows(self.model.search(self.search.text()))
        self._show_detail()

    def _show_detail(self) -> None:
        current = self.table.current_row()
        detail = self.model.detail(current.number) if current else None
        self.lines.set_rows(detail.lines if detail else [])
        self.payments.set_rows(detail.payments if detail else [])
        self.notes.setText(
            "Credit notes: " + ", ".join(detail.credit_notes)
            if detail and detail.credit_notes
            else ""
        )

    def reprint(self) -> None:
        current = self.table.current_row()
        if current is None:
            self.show_error(UserMessage("Choose an invoice first (↓ from the search field)."))
            return
        settings = load_settings(self.ctx)
        choice = ask_output(
            self,
            f"Reprint invoice {current.number}",
            print_folder(self.ctx) / file_name(current.number),
            settings.paper,
            settings.invoice_printer,
        )
        if choice is None:
            return
        outcome = (
            self.model.print_invoice(current.number, choice.paper, choice.printer)
            if choice.to_printer
            else self.model.save_invoice(current.number, choice.paper, choice.path)
        )
        if outcome is not None:
            self.show_ok(outcome.describe())

    def sales_return(self) -> None:
        current = self.table.current_row()
        if current is None:
            self.show_error(UserMessage("Choose the invoice the customer is returning against."))
            return
        detail = self.model.detail(current.number)
        if detail is None:
            return
        dialog = SalesReturnDialog(self.model, detail, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.issued is None:
            return
        note = dialog.issued
        self.records_written.emit()
        self.show_ok(f"Credit note {note.number} issued for {note.total.format()}.")
        self.refresh()
        settings = load_settings(self.ctx)
        choice = ask_output(
            self,
            f"Print credit note {note.number}",
            print_folder(self.ctx) / file_name(note.number, "credit-note"),
            settings.paper,
            settings.invoice_printer,
        )
        if choice is None:
            return
        saved = (
            self.model.print_credit_note(note.number, choice.paper, choice.printer)
            if choice.to_printer
            else self.model.save_credit_note(note.number, choice.paper, choice.path)
        )
        if saved is not None:
            self.show_ok(f"Credit note {note.number} issued. {saved.describe()}")
