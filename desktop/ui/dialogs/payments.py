"""Take the payment, split across modes: Enter adds the amount typed (the balance is offered),
and Enter on an empty amount, or a balance of zero, closes the dialog.

The kernel's rules are applied as each payment is tried: cash of ₹2,00,000 or more from one
person in a day is refused on the spot (s.269ST), with the reason under the amount.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from desktop.services.billing import PaymentEntry
from desktop.ui.keys import shortcut
from desktop.ui.viewmodels.billing import PAYMENT_MODES, BillingViewModel
from desktop.ui.widgets.dialog import FormDialog
from desktop.ui.widgets.table import Column, RecordTable


class PaymentsDialog(FormDialog):
    def __init__(self, model: BillingViewModel, parent: QWidget | None = None) -> None:
        super().__init__("Payment", parent, accept_text="Add / Done (Enter)")
        self.setObjectName("paymentsDialog")
        self.setMinimumWidth(560)
        self.model = model
        self.balance = QLabel()
        self.balance.setObjectName("balance")
        self.balance.setProperty("role", "total")
        self.form.addRow("Balance due", self.balance)
        self.mode = QComboBox()
        self.mode.setObjectName("mode")
        for value, label in PAYMENT_MODES:
            self.mode.addItem(label, value)
        self.errors.add_row("Mode", "mode", self.mode)
        self.amount = QLineEdit()
        self.amount.setObjectName("amount")
        self.errors.add_row("Amount ₹", "amount", self.amount)
        self.reference = QLineEdit()
        self.reference.setObjectName("reference")
        self.reference.setPlaceholderText("card slip / UPI ref (optional)")
        self.errors.add_row("Reference", "reference", self.reference)
        self.table: RecordTable[PaymentEntry] = RecordTable(
            [
                Column("Mode", lambda p: dict(PAYMENT_MODES).get(p.mode, p.mode), stretch=True),
                Column("Amount", lambda p: p.amount.format(), numeric=True),
                Column("Reference", lambda p: p.reference or ""),
            ]
        )
        self.table.setObjectName("paymentsTable")
        self.table.setMinimumHeight(140)
        self.extra.addWidget(QLabel("Payments taken (Del removes the selected one)"))
        self.extra.addWidget(self.table)
        shortcut(self.table, Qt.Key.Key_Delete, self._remove)
        self.show_errors_of(self.model)
        self._refresh()
        self.amount.setFocus()
        self.amount.selectAll()

    def _refresh(self) -> None:
        balance = self.model.balance()
        self.balance.setText(balance.format())
        self.amount.setText(balance.decimal_text() if balance.value > 0 else "")
        self.table.set_rows(self.model.bill.payments)

    def _remove(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.model.remove_payment(index.row())
            self._refresh()

    def submit(self) -> bool:
        if not self.amount.text().strip():
            return True
        added = self.model.add_payment(
            str(self.mode.currentData()), self.amount.text(), self.reference.text()
        )
        if not added:
            self.amount.setFocus()
            self.amount.selectAll()
            return False
        self.reference.clear()
        self._refresh()
        if self.model.balance().value <= 0:
            return True
        self.mode.setFocus()
        return False
