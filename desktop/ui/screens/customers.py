"""F4 Customers: search by name or phone, add (Ctrl+N), edit (Enter), and what each bought."""

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
from desktop.services.customers import CustomerView
from desktop.services.invoice_views import InvoiceSummary
from desktop.ui.dialogs.customer import CustomerDialog
from desktop.ui.keys import shortcut
from desktop.ui.screens.base import Screen
from desktop.ui.viewmodels.customers import CustomersViewModel
from desktop.ui.widgets.table import Column, RecordTable
from shared.states import STATES

HISTORY_COLUMNS: list[Column[InvoiceSummary]] = [
    Column("Invoice", lambda i: i.number),
    Column("Date", lambda i: f"{i.invoice_date:%d-%m-%Y}"),
    Column("Total", lambda i: i.grand_total.format(), numeric=True),
    Column("Status", lambda i: i.status + (" · returned" if i.returned else ""), stretch=True),
]


class CustomersScreen(Screen):
    title = "Customers"

    def __init__(self, ctx: CounterContext, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(ctx, actor, parent)
        self.model = CustomersViewModel(ctx, actor)
        row = QHBoxLayout()
        caption = QLabel("Find")
        caption.setProperty("role", "muted")
        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText("Name or phone, then Enter")
        row.addWidget(caption)
        row.addWidget(self.search, 1)
        self.layout_.addLayout(row)
        body = QHBoxLayout()
        self.table: RecordTable[CustomerView] = RecordTable(
            [
                Column("Name", lambda c: c.name, stretch=True),
                Column("Phone", lambda c: c.phone or ""),
                Column("GSTIN", lambda c: c.gstin or ""),
                Column("PAN", lambda c: c.pan or ""),
                Column("State", lambda c: STATES.get(c.state_code or "", "")),
            ]
        )
        self.table.setObjectName("customerTable")
        body.addWidget(self.table, 3)
        box = QGroupBox("Purchase history")
        inner = QVBoxLayout(box)
        self.history: RecordTable[InvoiceSummary] = RecordTable(HISTORY_COLUMNS)
        self.history.setObjectName("customerHistory")
        inner.addWidget(self.history)
        body.addWidget(box, 2)
        self.layout_.addLayout(body, 1)
        help_line = QLabel("Enter search · ↓ to the list · Enter edit · Ctrl+N new customer")
        help_line.setProperty("role", "muted")
        self.layout_.addWidget(help_line)
        self.search.returnPressed.connect(self.refresh)
        self.table.activated_row.connect(self.edit)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_history())
        shortcut(self.search, "Down", self.table.setFocus)
        shortcut(self, "Ctrl+N", self.create_customer)
        self.model.error.connect(self.show_error)

    def focus_target(self) -> QWidget:
        return self.search

    def refresh(self) -> None:
        self.table.set_rows(self.model.search(self.search.text()))
        self._show_history()

    def _show_history(self) -> None:
        customer = self.table.current_row()
        self.history.set_rows(self.model.history(customer.id) if customer else [])

    def create_customer(self) -> None:
        dialog = CustomerDialog(self.model, self, title="New customer", accept_text="Save (Enter)")
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.customer is not None:
            self.show_ok(f"{dialog.customer.name} saved.")
            self.search.setText(dialog.customer.phone or dialog.customer.name)
            self.refresh()
        self.refocus(self.search)

    def edit(self, row: int) -> None:
        customer = self.table.records.row_at(row)
        dialog = CustomerDialog(
            self.model, self, existing=customer, title="Edit customer", accept_text="Save (Enter)"
        )
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.customer is not None:
            self.show_ok(f"{dialog.customer.name} saved.")
            self.refresh()
        self.refocus(self.table)
